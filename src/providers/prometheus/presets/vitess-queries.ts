/**
 * PromQL on the names vtgate and vttablet export themselves (every preset but PlanetScale's uses them). Names come
 * from `go/stats/prometheusbackend`: `<binary>_<snake_case stat>`, label names snake-cased, timings as histograms
 * with buckets in seconds. `$vtgate`, `$keyspace`, `$tablet`, `$node`, `$volume`, `$mysqld` are the preset's selectors.
 */
import type { QueryKey } from '../queries.js';
import type { PresetQuery } from './types.js';

type Queries = Partial<Record<QueryKey, PresetQuery>>;

const rate = (metric: string, selector: string) => `sum(rate(${metric}{${selector}}[$rate]))`;
const quantile = (q: number) => `histogram_quantile(${q}, sum by (le) (rate(vtgate_api_bucket{$vtgate,$keyspace}[$rate])))`;

/**
 * Plan names of vttablet_query_counts{plan} (go/vt/vttablet/tabletserver/planbuilder/plan.go, planName; the names
 * since Vitess 8): reads are the selects, shows and other reads; writes the DML and LOAD DATA. Nextval, Set, DDL,
 * savepoints, locks and the rest are neither. Older names (SelectLock, ShowTables) are kept for older tablets.
 */
export const READ_PLANS = ['Select', 'SelectLock', 'SelectImpossible', 'SelectLockFunc', 'SelectStream', 'Show', 'ShowTables', 'OtherRead'];
export const WRITE_PLANS = ['Insert', 'InsertMessage', 'Update', 'UpdateLimit', 'Delete', 'DeleteLimit', 'Load'];

/**
 * Lag in seconds from whichever tracker runs (go/vt/vttablet/tabletserver/repltracker): the poller sets
 * `vttablet_replication_lag_sec` (poller.go, "replicationLagSec"), the heartbeat reader `vttablet_heartbeat_current_lag_ns`
 * (reader.go, "HeartbeatCurrentLagNs"); both gauges exist in every tablet and the unused one stays 0, so the larger
 * is the lag (the heartbeat's is relabelled so `or` keeps both). The poller's gauge keeps its last value while
 * replication is stopped (poller.go sets it only while replication runs): where mysqld_exporter is scraped beside the
 * tablet, a stopped IO or SQL thread (collector/slave_status.go: `mysql_slave_status_slave_{io,sql}_running`, or the
 * `replica_` columns of SHOW REPLICA STATUS) makes the lag unknown instead.
 */
export function lagQuery(tablet: string, mysqld?: string): string {
  const lag = `max(vttablet_replication_lag_sec{${tablet}} or label_replace(vttablet_heartbeat_current_lag_ns{${tablet}} / 1e9, "lag_source", "heartbeat", "", ""))`;
  if (!mysqld) return lag;
  const stopped = ['slave_io', 'slave_sql', 'replica_io', 'replica_sql'].map((thread) => `min(mysql_slave_status_${thread}_running{${mysqld}}) == 0`).join(' or ');
  return `${lag} unless on () (${stopped})`;
}

export interface VitessQueryOptions {
  /** The preset scrapes mysqld_exporter beside each tablet as `$mysqld` (stopped replication → unknown lag). */
  mysqld?: boolean;
  /** The preset scrapes node_exporter for each tablet's host as `$node`, its data volume as `$volume`. */
  node?: boolean;
}

/** The Vitess-named queries of a preset; without node_exporter there is no tablet CPU, memory, IOPS or storage. */
export function vitessQueries(options: VitessQueryOptions = {}): Readonly<Queries> {
  const queries: Queries = {
    'vtgates.connections': {
      unit: 'count',
      series: [{ label: 'connections', query: 'sum(vtgate_mysql_server_conn_count{$vtgate})' }],
      source: 'vitessio/vitess go/mysql/server.go (MysqlServerConnCount)',
    },
    'vtgates.latency': {
      unit: 'seconds',
      series: [
        { label: 'p50', query: quantile(0.5) },
        { label: 'p95', query: quantile(0.95) },
        { label: 'p99', query: quantile(0.99) },
      ],
      source: 'vitessio/vitess go/vt/vtgate/vtgate.go (VtgateApi: Operation, Keyspace, DbType); go/stats/prometheusbackend/collectors.go (buckets in seconds)',
    },
    'vtgates.queries': {
      unit: 'per_second',
      series: [{ label: 'queries', query: rate('vtgate_api_count', '$vtgate,$keyspace') }],
      source: 'vitessio/vitess go/vt/vtgate/vtgate.go (VtgateApi)',
    },
    'vtgates.cpu': {
      unit: 'cores',
      series: [{ label: 'cpu', query: rate('process_cpu_seconds_total', '$vtgate') }],
      source: 'prometheus/client_golang process collector (go/stats/prometheusbackend serves the default registry)',
    },
    'vtgates.memory': {
      unit: 'bytes',
      series: [{ label: 'memory', query: 'sum(process_resident_memory_bytes{$vtgate})' }],
      source: 'prometheus/client_golang process collector',
    },
    'tablet.queries': {
      unit: 'per_second',
      series: [{ label: 'queries', query: rate('vttablet_query_counts', '$tablet') }],
      source: 'vitessio/vitess go/vt/vttablet/tabletserver/query_engine.go (QueryCounts: Table, Plan)',
    },
    'tablet.reads_writes': {
      unit: 'per_second',
      series: [
        { label: 'reads', query: rate('vttablet_query_counts', `$tablet,plan=~"${READ_PLANS.join('|')}"`) },
        { label: 'writes', query: rate('vttablet_query_counts', `$tablet,plan=~"${WRITE_PLANS.join('|')}"`) },
      ],
      source: 'vitessio/vitess go/vt/vttablet/tabletserver/planbuilder/plan.go (planName)',
    },
    'tablet.replication_lag': {
      unit: 'seconds',
      series: [{ label: 'lag', query: lagQuery('$tablet', options.mysqld ? '$mysqld' : undefined) }],
      source: 'vitessio/vitess go/vt/vttablet/tabletserver/repltracker/{poller,reader}.go; prometheus/mysqld_exporter collector/slave_status.go',
    },
  };
  if (options.node) Object.assign(queries, NODE_QUERIES);
  return Object.freeze(queries);
}

/**
 * Operations on the disk holding the tablet's volume only: diskstats name a device `nvme1n1`, the filesystem series
 * `/dev/nvme1n1`; the join keeps the disk(s) mounted at the volume's mountpoint.
 */
const volumeIops = (metric: string) =>
  `sum(rate(${metric}{$node}[$rate]) * on (instance, device) group_left () ` +
  `(max by (instance, device) (label_replace(node_filesystem_size_bytes{$volume}, "device", "$1", "device", "/dev/(.+)")) * 0 + 1))`;

/**
 * node_exporter on the tablet's host (names: prometheus/node_exporter collector/{cpu_linux,meminfo,diskstats_linux,filesystem_common}.go).
 * Also the `mysqld` preset's, checked there against a real node_exporter (test/real/).
 */
export const NODE_QUERIES: Readonly<Queries> = {
  'tablet.iops': {
    unit: 'iops',
    series: [
      { label: 'read', query: volumeIops('node_disk_reads_completed_total') },
      { label: 'write', query: volumeIops('node_disk_writes_completed_total') },
    ],
    source: 'prometheus/node_exporter collector/diskstats_linux.go (device "nvme1n1"), filesystem_common.go (device "/dev/nvme1n1", mountpoint)',
  },
  'tablet.cpu': {
    unit: 'percent',
    series: [{ label: 'cpu', query: '100 * (1 - avg(rate(node_cpu_seconds_total{$node,mode="idle"}[$rate])))' }],
    source: 'prometheus/node_exporter collector/cpu_linux.go; vitess-mixin dashboards/resources/config/os_config.libsonnet',
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
    source: 'prometheus/node_exporter collector/filesystem_common.go; vitess-mixin config.libsonnet (vttabletMountpoint /mnt)',
  },
};
