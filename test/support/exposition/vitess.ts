/**
 * vtgate's and vttablet's `/metrics` as Vitess writes them. Names and labels: go/stats/prometheusbackend
 * (prometheusbackend.go: `<namespace>_<snake_case name>`, multi-label names snake-cased, single-label and timing label
 * names as given; collectors.go: timings are const histograms with buckets in seconds and `_sum` in nanoseconds, as
 * `float64(his.Total())`); string stats (TabletKeyspace, TabletShard, TabletAlias, TabletType) are not exported, so no
 * series below carries a keyspace, shard, alias or tablet type of its tablet.
 */
import { GATES, TRAFFIC, type FxGate, type FxTablet } from './cluster.js';
import { family, histogram, type Sample } from './text.js';

/** go/stats/timings.go bucketCutoffs, in nanoseconds: 0.5 ms … 10 s. */
const CUTOFFS_SECONDS = [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10];

/** client_golang's process collector (prometheus/client_golang process_collector.go), registered by Vitess' default registry. */
function processFamilies(cpuCores: number, residentBytes: number, elapsed: number): string {
  return (
    family('process_cpu_seconds_total', 'counter', 'Total user and system CPU time spent in seconds.', [[{}, 1000 + cpuCores * elapsed]]) +
    family('process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes.', [[{}, residentBytes]])
  );
}

/** vttablet's exposition at `elapsed` seconds after start. */
export function vttabletMetrics(tablet: FxTablet, elapsed: number): string {
  const queryCounts: Sample[] = Object.entries(tablet.plans).map(([plan, perSecond]) => [{ table: 'corder', plan }, Math.floor(500 + perSecond * elapsed)]);
  return [
    // go/vt/vttablet/tabletserver/tabletserver.go: NewGaugesFuncWithMultiLabels("TabletServerState", …, []string{"name"}, {IsServingString(): 1}).
    family('vttablet_tablet_server_state', 'gauge', 'Tablet server state labeled by state name', [[{ name: tablet.state }, 1]]),
    // tabletserver.go: NewGaugeFunc("TabletState", …, sm.State()): StateNotConnected 0, StateNotServing 1, StateServing 2 (state_manager.go).
    family('vttablet_tablet_state', 'gauge', 'Tablet server state', [[{}, tablet.state === 'SERVING' ? 2 : 1]]),
    // go/vt/vttablet/tabletserver/query_engine.go: NewCountersWithMultiLabels("QueryCounts", "query counts", []string{"Table", "Plan"}).
    family('vttablet_query_counts', 'counter', 'query counts', queryCounts),
    // repltracker/poller.go: NewGauge("replicationLagSec"), set only while replication runs (so a stopped replica keeps its last value).
    family('vttablet_replication_lag_sec', 'gauge', 'replication lag in seconds', [[{}, tablet.tracker === 'poller' && tablet.type !== 'primary' ? tablet.lagSeconds : 0]]),
    // repltracker/reader.go: NewGauge("HeartbeatCurrentLagNs"), set at each heartbeat read.
    family('vttablet_heartbeat_current_lag_ns', 'gauge', 'Point in time calculation of the heartbeat lag', [[{}, tablet.tracker === 'heartbeat' && tablet.type !== 'primary' ? tablet.lagSeconds * 1e9 : 0]]),
    processFamilies(0.05, 64 * 2 ** 20, elapsed),
  ].join('');
}

/** vtgate's exposition at `elapsed` seconds after start. */
export function vtgateMetrics(gate: FxGate, tablets: readonly FxTablet[], elapsed: number): string {
  // go/vt/vtgate/vtgate.go: NewMultiTimings("VtgateApi", …, []string{"Operation", "Keyspace", "DbType"}).
  const api = TRAFFIC.map(({ keyspace, buckets }) => {
    const count = buckets[buckets.length - 1][1] * elapsed;
    return {
      labels: { operation: 'Execute', keyspace, db_type: 'primary' },
      buckets: CUTOFFS_SECONDS.map((le): [number, number] => [le, Math.floor((buckets.find(([at]) => at === le)?.[1] ?? 0) * elapsed)]),
      // collectors.go: float64(his.Total()) — nanoseconds.
      sum: count * 5e6,
      count: Math.floor(count),
    };
  });
  // go/vt/discovery/healthcheck.go: NewGaugesFuncWithMultiLabels("HealthcheckConnections", …, {"Keyspace", "ShardName", "TabletType"}):
  // serving tablets per keyspace.shard.tablet type (topoproto.TabletTypeLString: lower case).
  const healthy = new Map<string, number>();
  for (const tablet of tablets) {
    if (tablet.state !== 'SERVING') continue;
    const key = JSON.stringify([tablet.keyspace, tablet.shard, tablet.type]);
    healthy.set(key, (healthy.get(key) ?? 0) + 1);
  }
  const connections: Sample[] = [...healthy].map(([key, count]) => {
    const [keyspace, shard_name, tablet_type] = JSON.parse(key) as string[];
    return [{ keyspace, shard_name, tablet_type }, count];
  });
  return [
    histogram('vtgate_api', 'VtgateApi timings', api),
    // go/mysql/server.go: NewGauge("MysqlServerConnCount", "Active MySQL server connections").
    family('vtgate_mysql_server_conn_count', 'gauge', 'Active MySQL server connections', [[{}, gate.connections]]),
    family('vtgate_healthcheck_connections', 'gauge', 'the number of healthcheck connections registered', connections),
    processFamilies(gate.cpuCores, gate.residentBytes, elapsed),
  ].join('');
}

export { GATES };
