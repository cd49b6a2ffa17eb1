/**
 * PromQL on the names vtgate and vttablet export themselves, shared by every preset whose series keep Vitess' names
 * (all but PlanetScale's): `$vtgate`, `$tablet`, `$node`, `$volume` are the preset's selectors.
 */
import type { PresetQuery } from './types.js';
import type { QueryKey } from '../queries.js';

const rate = (metric: string, selector: string) => `sum(rate(${metric}{${selector}}[$rate]))`;
const quantile = (q: number) => `histogram_quantile(${q}, sum by (le) (rate(vtgate_api_bucket{$vtgate,$keyspace}[$rate])))`;

export const VITESS_QUERIES: Readonly<Partial<Record<QueryKey, PresetQuery>>> = Object.freeze({
  'vtgates.connections': {
    unit: 'count',
    series: [{ label: 'connections', query: 'sum(vtgate_mysql_server_conn_count{$vtgate})' }],
    source: 'vitessio/vitess go/mysql/server.go (ConnCount)',
  },
  'vtgates.latency': {
    unit: 'seconds',
    series: [
      { label: 'p50', query: quantile(0.5) },
      { label: 'p95', query: quantile(0.95) },
      { label: 'p99', query: quantile(0.99) },
    ],
    source: 'vitessio/vitess go/vt/vtgate/vtgate.go (VtgateApi: operation, keyspace, db_type)',
  },
  'vtgates.queries': {
    unit: 'per_second',
    series: [{ label: 'queries', query: rate('vtgate_api_count', '$vtgate,$keyspace') }],
    source: 'vitessio/vitess go/vt/vtgate/vtgate.go (VtgateApi)',
  },
  'vtgates.cpu': {
    unit: 'cores',
    series: [{ label: 'cpu', query: rate('process_cpu_seconds_total', '$vtgate') }],
    source: 'prometheus/client_golang process collector (go/stats/prometheusbackend registers the default registry)',
  },
  'vtgates.memory': {
    unit: 'bytes',
    series: [{ label: 'memory', query: 'sum(process_resident_memory_bytes{$vtgate})' }],
    source: 'prometheus/client_golang process collector',
  },
  'tablet.queries': {
    unit: 'per_second',
    series: [{ label: 'queries', query: rate('vttablet_query_counts', '$tablet') }],
    source: 'vitessio/vitess go/vt/vttablet/tabletserver/tabletenv/stats.go (QueryCounts: table, plan)',
  },
  'tablet.reads_writes': {
    unit: 'per_second',
    series: [
      { label: 'reads', query: rate('vttablet_query_counts', '$tablet,plan=~"Select.*"') },
      { label: 'writes', query: rate('vttablet_query_counts', '$tablet,plan=~"Insert.*|Update.*|Delete.*"') },
    ],
    source: 'vitessio/vitess go/vt/vttablet/tabletserver/planbuilder/plan.go (plan names)',
  },
  'tablet.iops': {
    unit: 'iops',
    series: [
      { label: 'read', query: rate('node_disk_reads_completed_total', '$node') },
      { label: 'write', query: rate('node_disk_writes_completed_total', '$node') },
    ],
    source: 'prometheus/node_exporter collector/diskstats_linux.go',
  },
  'tablet.cpu': {
    unit: 'percent',
    series: [{ label: 'cpu', query: '100 * (1 - avg(rate(node_cpu_seconds_total{$node,mode="idle"}[$rate])))' }],
    source: 'prometheus/node_exporter collector/cpu_linux.go; vitess-mixin os_config.libsonnet',
  },
  'tablet.memory': {
    unit: 'percent',
    series: [{ label: 'memory', query: '100 * (1 - sum(node_memory_MemAvailable_bytes{$node}) / sum(node_memory_MemTotal_bytes{$node}))' }],
    source: 'prometheus/node_exporter collector/meminfo.go',
  },
  'tablet.storage': {
    unit: 'bytes',
    series: [
      { label: 'used', query: 'sum(node_filesystem_size_bytes{$volume}) - sum(node_filesystem_avail_bytes{$volume})' },
      { label: 'capacity', query: 'sum(node_filesystem_size_bytes{$volume})' },
    ],
    source: 'prometheus/node_exporter collector/filesystem_common.go; vitess-mixin config.libsonnet (vttabletMountpoint)',
  },
  'tablet.replication_lag': {
    unit: 'seconds',
    series: [{ label: 'lag', query: 'max(vttablet_replication_lag_sec{$tablet})' }],
    source: 'vitessio/vitess go/vt/vttablet/tabletserver/repltracker/poller.go',
  },
});
