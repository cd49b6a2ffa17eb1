/**
 * The Vitess cluster the scrape tests serve, as plain facts: tablets (alias, keyspace, shard, type, serving state,
 * lag tracker, replication running, plan rates, host resources) and vtgates (per-keyspace query rates, latency
 * buckets, connections). Exporter fixtures render these facts the way each exporter writes them; tests compute what
 * the charts must show from the same facts. Counters grow linearly from the moment the targets start.
 */
export type TabletType = 'primary' | 'replica' | 'rdonly';

export interface FxTablet {
  cell: string;
  uid: number;
  keyspace: string;
  shard: string;
  type: TabletType;
  /** tabletserver's IsServingString (state_manager.go): SERVING or NOT_SERVING. */
  state: 'SERVING' | 'NOT_SERVING';
  /** Which replication tracker runs (repltracker.go: --replication-tracker polling or heartbeat). */
  tracker: 'poller' | 'heartbeat';
  /** Replica lag in seconds as the tracker last measured it. */
  lagSeconds: number;
  /** False: the IO thread is stopped (mysqld reports Slave_IO_Running: No); the poller's gauge keeps its last value. */
  replicationRunning: boolean;
  /** Queries per second by vttablet plan name (planbuilder/plan.go). */
  plans: Record<string, number>;
  /** Host: busy CPU share per CPU, memory used share, data volume size/used, volume disk reads/writes per second. */
  host: { cpus: number; busy: number; memTotal: number; memAvailable: number; volumeSize: number; volumeAvail: number; reads: number; writes: number };
}

export interface FxGate {
  cell: string;
  connections: number;
  cpuCores: number;
  residentBytes: number;
}

/** Per-keyspace VtgateApi traffic: observations per second, split over the timing buckets (cumulative rates per `le`). */
export interface FxKeyspaceTraffic {
  keyspace: string;
  /** [le seconds, cumulative observations per second], from go/stats/timings.go's cutoffs; the last is the total rate. */
  buckets: [number, number][];
}

const host = (busy: number, reads: number, writes: number, used: number) => ({
  cpus: 2,
  busy,
  memTotal: 8 * 2 ** 30,
  memAvailable: 3 * 2 ** 30,
  volumeSize: 100 * 2 ** 30,
  volumeAvail: (100 - used) * 2 ** 30,
  reads,
  writes,
});

export const TABLETS: FxTablet[] = [
  {
    cell: 'zone1', uid: 101, keyspace: 'commerce', shard: '-', type: 'primary', state: 'SERVING', tracker: 'poller', lagSeconds: 0, replicationRunning: true,
    plans: { Select: 30, SelectStream: 2, Show: 1, OtherRead: 0.5, Insert: 5, Update: 3, UpdateLimit: 0.5, Delete: 1, Set: 4, Nextval: 1 },
    host: host(0.4, 120, 80, 40),
  },
  {
    cell: 'zone1', uid: 102, keyspace: 'commerce', shard: '-', type: 'replica', state: 'SERVING', tracker: 'poller', lagSeconds: 2, replicationRunning: true,
    plans: { Select: 12, OtherRead: 1 },
    host: host(0.25, 60, 20, 40),
  },
  {
    // Replication stopped: vttablet keeps its last lag (7) and stops serving; mysqld says the IO thread is not running.
    cell: 'zone2', uid: 103, keyspace: 'commerce', shard: '-', type: 'replica', state: 'NOT_SERVING', tracker: 'poller', lagSeconds: 7, replicationRunning: false,
    plans: {},
    host: host(0.05, 1, 1, 40),
  },
  {
    cell: 'zone1', uid: 201, keyspace: 'customers', shard: '-80', type: 'primary', state: 'SERVING', tracker: 'heartbeat', lagSeconds: 0, replicationRunning: true,
    plans: { Select: 8, Insert: 2 },
    host: host(0.3, 40, 30, 10),
  },
  {
    cell: 'zone2', uid: 202, keyspace: 'customers', shard: '-80', type: 'replica', state: 'SERVING', tracker: 'heartbeat', lagSeconds: 1.5, replicationRunning: true,
    plans: { Select: 6 },
    host: host(0.2, 30, 10, 10),
  },
  {
    cell: 'zone1', uid: 301, keyspace: 'customers', shard: '80-', type: 'primary', state: 'SERVING', tracker: 'heartbeat', lagSeconds: 0, replicationRunning: true,
    plans: { Select: 9, Delete: 1 },
    host: host(0.35, 45, 25, 12),
  },
  {
    cell: 'zone2', uid: 302, keyspace: 'customers', shard: '80-', type: 'rdonly', state: 'SERVING', tracker: 'heartbeat', lagSeconds: 0.5, replicationRunning: true,
    plans: { Select: 3 },
    host: host(0.15, 20, 5, 12),
  },
];

export const GATES: FxGate[] = [
  { cell: 'zone1', connections: 12, cpuCores: 0.25, residentBytes: 100 * 2 ** 20 },
  { cell: 'zone2', connections: 8, cpuCores: 0.5, residentBytes: 200 * 2 ** 20 },
];

/** Per keyspace, each vtgate observes these rates (so the keyspace total is twice this). */
export const TRAFFIC: FxKeyspaceTraffic[] = [
  { keyspace: 'commerce', buckets: [[0.0005, 0], [0.001, 10], [0.005, 50], [0.01, 80], [0.05, 95], [0.1, 100], [0.5, 100], [1, 100], [5, 100], [10, 100]] },
  { keyspace: 'customers', buckets: [[0.0005, 0], [0.001, 0], [0.005, 20], [0.01, 30], [0.05, 36], [0.1, 40], [0.5, 40], [1, 40], [5, 40], [10, 40]] },
];

export const aliasOf = (tablet: FxTablet) => `${tablet.cell}-${tablet.uid}`;
/** Vitess' own alias string (go/vt/topo/topoproto/tablet.go TabletAliasString, `%v-%010d`). */
export const paddedAliasOf = (tablet: FxTablet) => `${tablet.cell}-${String(tablet.uid).padStart(10, '0')}`;
export const tabletByAlias = (alias: string) => TABLETS.find((tablet) => aliasOf(tablet) === alias)!;

/** The reads and writes per second a tablet's plans add up to (plan names: planbuilder/plan.go). */
export function readsWrites(tablet: FxTablet, reads: readonly string[], writes: readonly string[]): { reads: number; writes: number; total: number } {
  const sum = (names: readonly string[]) => names.reduce((total, name) => total + (tablet.plans[name] ?? 0), 0);
  return { reads: sum(reads), writes: sum(writes), total: Object.values(tablet.plans).reduce((a, b) => a + b, 0) };
}

/** Prometheus' histogram_quantile over cumulative bucket rates (linear interpolation inside the bucket; promql/quantile.go). */
export function bucketQuantile(q: number, buckets: [number, number][]): number {
  const total = buckets[buckets.length - 1][1];
  const rank = q * total;
  let previousLe = 0;
  let previousCount = 0;
  for (const [le, count] of buckets) {
    if (count >= rank) return previousLe + (le - previousLe) * ((rank - previousCount) / (count - previousCount));
    previousLe = le;
    previousCount = count;
  }
  return buckets[buckets.length - 1][0];
}
