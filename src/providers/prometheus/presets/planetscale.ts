/**
 * PlanetScale's per-branch Prometheus endpoint, discovered with HTTP SD (planetscale.com/docs/vitess/tutorials/prometheus):
 * `planetscale_*` names whose tablet series carry `planetscale_keyspace`, `planetscale_shard`, `planetscale_pod` and
 * `planetscale_tablet_type` (planetscale.com/docs/vitess/integrations/prometheus-metrics); discovery adds the target
 * labels `planetscale_database_name` and `planetscale_branch_name`. Names not in the docs' table excerpt were
 * cross-checked against a published dashboard for this endpoint (SigNoz/dashboards planetscale/planetscale-vitess.json).
 * A tablet is its pod, which the PlanetScale provider's tablets carry (`Tablet.scrape.pod`, also their id).
 */
import type { PrometheusPreset } from './types.js';

const rate = (metric: string, selector: string) => `sum(rate(${metric}{${selector}}[$rate]))`;
const quantile = (q: number) => `histogram_quantile(${q}, sum by (le) (rate(planetscale_vtgate_queries_duration_bucket{$vtgate}[$rate])))`;
const DOCS = 'planetscale.com/docs/vitess/integrations/prometheus-metrics';

export const planetscalePreset: PrometheusPreset = {
  id: 'planetscale',
  title: "PlanetScale's Prometheus endpoint (planetscale_* names, found by HTTP SD)",
  readme: '#planetscale-prometheus-endpoint',
  configs: ['examples/prometheus/planetscale/prometheus.yml'],
  // Every branch's series come from one HTTP SD job named after the organization; selection is by the target labels.
  jobs: { vtgate: '', vttablet: '' },
  selectors: {
    vtgate: { planetscale_database_name: '{database}', planetscale_branch_name: '{branch}' },
    branch: { planetscale_database_name: '{database}', planetscale_branch_name: '{branch}' },
    tablet: { planetscale_database_name: '{database}', planetscale_branch_name: '{branch}', planetscale_pod: { oneOf: ['{pod}', '{alias}'] } },
  },
  queries: {
    'vtgates.connections': {
      unit: 'count',
      series: [{ label: 'connections', query: 'sum(planetscale_edge_active_connections{$vtgate})' }],
      source: `${DOCS} (planetscale_edge_active_connections)`,
    },
    'vtgates.latency': {
      unit: 'seconds',
      series: [
        { label: 'p50', query: quantile(0.5) },
        { label: 'p95', query: quantile(0.95) },
        { label: 'p99', query: quantile(0.99) },
      ],
      source: `${DOCS} (planetscale_vtgate_queries_duration histogram)`,
    },
    'vtgates.queries': {
      unit: 'per_second',
      series: [{ label: 'queries', query: rate('planetscale_vtgate_queries_duration_count', '$vtgate') }],
      source: `${DOCS} (planetscale_vtgate_queries_duration)`,
    },
    'tablet.queries': {
      unit: 'per_second',
      series: [{ label: 'queries', query: rate('planetscale_vttablet_queries_total', '$tablet') }],
      source: `${DOCS} (planetscale_vttablet_queries_total)`,
    },
    'tablet.reads_writes': {
      unit: 'per_second',
      series: [
        { label: 'rows returned', query: rate('planetscale_vttablet_queries_returned_rows_total', '$tablet') },
        { label: 'rows affected', query: rate('planetscale_vttablet_queries_affected_rows_total', '$tablet') },
      ],
      source: `${DOCS} (planetscale_vttablet_queries_returned_rows_total, planetscale_vttablet_queries_affected_rows_total)`,
    },
    'tablet.replication_lag': {
      unit: 'seconds',
      series: [{ label: 'lag', query: 'max(planetscale_mysql_replica_lag_seconds{$tablet})' }],
      source: `${DOCS} (planetscale_mysql_replica_lag_seconds)`,
    },
    'tablet.cpu': {
      unit: 'percent',
      series: [{ label: 'cpu', query: 'avg(planetscale_pods_cpu_util_percentages{$tablet})' }],
      source: `${DOCS} (planetscale_pods_cpu_util_percentages)`,
    },
    'tablet.memory': {
      unit: 'percent',
      series: [{ label: 'memory', query: 'avg(planetscale_pods_mem_util_percentages{$tablet})' }],
      source: `${DOCS} (planetscale_pods_mem_util_percentages)`,
    },
    'tablet.iops': {
      unit: 'iops',
      series: [{ label: 'iops', query: rate('planetscale_pods_iops_total', '$tablet') }],
      source: `${DOCS} (planetscale_pods_iops_total)`,
    },
    'tablet.storage': {
      unit: 'bytes',
      series: [
        { label: 'used', query: 'sum(planetscale_vttablet_volume_capacity_bytes{$tablet}) - sum(planetscale_vttablet_volume_available_bytes{$tablet})' },
        { label: 'capacity', query: 'sum(planetscale_vttablet_volume_capacity_bytes{$tablet})' },
      ],
      source: `${DOCS} (planetscale_vttablet_volume_capacity_bytes, planetscale_vttablet_volume_available_bytes)`,
    },
  },
  topology: {
    identity: { keyspace: 'planetscale_keyspace', shard: 'planetscale_shard', alias: 'planetscale_pod', type: 'planetscale_tablet_type', pod: 'planetscale_pod' },
    tablets: 'max by ($by) (planetscale_vttablet_is_serving{$branch})',
    serving: 'value',
    lag: 'max by ($key) (planetscale_mysql_replica_lag_seconds{$branch})',
    gates: 'sum(planetscale_vtgate_total_pods{$branch})',
    // Shards may come as Vitess names or as the operator's safe names; both decode.
    shardNames: 'safe',
    requires: ['planetscale_keyspace', 'planetscale_shard', 'planetscale_pod'],
  },
};
