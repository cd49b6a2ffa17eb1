/**
 * Seven days of Vitess-named Prometheus series as pure functions of time, and their OpenMetrics text: a
 * production branch (`commerce`: 3 vtgates in 3 cells, 1 primary + 2 replicas, and a replica in a read-only
 * region) and a 4-shard keyspace (`customers`). Tests compute expected query results from the same functions.
 *
 * Samples are every 60 s. Gauges are exact integers-ish functions of the sample index; counters grow by a rate
 * that changes every UTC hour (`unitRate`), so `rate()` over a window whose ends are sample times equals
 * `(C(end) − C(start)) / window` exactly, and windows that straddle an hour average two rates.
 */
import { createWriteStream } from 'node:fs';

export const INTERVAL = 60;
/** 2026-01-01T00:00:00Z, a fixed end so every run writes the same data. */
export const END = 1_767_225_600;
export const START = END - 7 * 86_400;
/** State series (topology) only cover the last day: nothing reads them further back. */
export const STATE_START = END - 86_400;
const SAMPLES = (END - START) / INTERVAL + 1;

export const CELLS = {
  zone1: { region: 'us-east-2', zone: 'us-east-2a' },
  zone2: { region: 'us-east-2', zone: 'us-east-2b' },
  zone3: { region: 'us-east-2', zone: 'us-east-2c' },
  zone4: { region: 'us-west-2', zone: 'us-west-2a' },
};

export interface FixtureTablet {
  alias: string;
  keyspace: string;
  shard: string;
  type: 'primary' | 'replica';
  cell: keyof typeof CELLS;
  serving: boolean;
  /** Index into the lag pattern; replicas with node metrics or lag only. */
  lag?: number;
}

export const TABLETS: FixtureTablet[] = [
  { alias: 'zone1-100', keyspace: 'commerce', shard: '-', type: 'primary', cell: 'zone1', serving: true },
  { alias: 'zone2-101', keyspace: 'commerce', shard: '-', type: 'replica', cell: 'zone2', serving: true, lag: 1 },
  { alias: 'zone3-102', keyspace: 'commerce', shard: '-', type: 'replica', cell: 'zone3', serving: true, lag: 2 },
  { alias: 'zone4-103', keyspace: 'commerce', shard: '-', type: 'replica', cell: 'zone4', serving: true, lag: 3 },
  ...['-40', '40-80', '80-c0', 'c0-'].flatMap((shard, i): FixtureTablet[] => [
    { alias: `zone1-2${i}0`, keyspace: 'customers', shard, type: 'primary', cell: 'zone1', serving: true },
    // One replica is not serving, so the topology test sees a NOT_SERVING tablet.
    { alias: `zone2-2${i}1`, keyspace: 'customers', shard, type: 'replica', cell: 'zone2', serving: i !== 3 },
  ]),
];

/** The vtgates; `g` is the index used by the per-gate value functions. */
export const GATES = [
  { instance: 'vtgate-zone1:15001', cell: 'zone1', g: 0 },
  { instance: 'vtgate-zone2:15001', cell: 'zone2', g: 1 },
  { instance: 'vtgate-zone3:15001', cell: 'zone3', g: 2 },
];

/** The two tablets that carry node_exporter and query-count series. */
export const PRIMARY = 'zone1-100';
export const REPLICA = 'zone2-101';

/** Sample index of an epoch-seconds time that is a sample time. */
export function indexOf(t: number): number {
  const k = (t - START) / INTERVAL;
  if (!Number.isInteger(k) || k < 0 || k >= SAMPLES) throw new Error(`${t} is not a sample time of the fixture`);
  return k;
}

/** The latest sample time at or before `t` (what an instant query sees, within the 5 min lookback). */
export function sampleTimeAtOrBefore(t: number): number {
  return START + Math.floor((t - START) / INTERVAL) * INTERVAL;
}

/** Counter growth per second, relative: 1 at 00:00 UTC rising to 1.958 at 23:00, constant within each hour. */
export function unitRate(t: number): number {
  return 1 + (Math.floor(t / 3600) % 24) / 24;
}

/** Prefix sums of unit-rate growth: UNIT_COUNTER[k] is the unit counter at sample k. */
const UNIT_COUNTER = new Float64Array(SAMPLES);
for (let k = 1; k < SAMPLES; k++) UNIT_COUNTER[k] = UNIT_COUNTER[k - 1] + INTERVAL * unitRate(START + (k - 1) * INTERVAL);

/** A counter of base rate `base` per second at sample time `t`. */
export function counter(base: number, t: number): number {
  return base * (1000 + UNIT_COUNTER[indexOf(t)]);
}

/** What `rate(counter[window])` is at sample time `t` when `t − window` is a sample time too. */
export function expectedRate(base: number, t: number, window: number): number {
  return (counter(base, t) - counter(base, t - window)) / window;
}

// Gauges.
export const connections = (g: number, t: number) => 100 + 10 * g + (indexOf(t) % 60);
export const residentBytes = (g: number, t: number) => 200e6 + g * 1e6 + (indexOf(t) % 100) * 1000;
export const lagSeconds = (lag: number, t: number) => ((indexOf(t) + 7 * lag) % 30) / 2;
export const MEM_TOTAL = 16 * 2 ** 30;
export const memAvailable = (tablet: number, t: number) => 8 * 2 ** 30 - (indexOf(t) % 1000) * 2 ** 20 - tablet * 2 ** 28;
export const FS_SIZE = 100 * 2 ** 30;
export const fsAvailable = (tablet: number, t: number) => 60 * 2 ** 30 - indexOf(t) * 2 ** 20 - tablet * 2 ** 30;

// Counter base rates (per second, before the hourly factor).
export const apiCountBase = (g: number) => 200 + 50 * g;
export const CUSTOMERS_API_BASE = 80;
export const processCpuBase = (g: number) => 0.25 + 0.1 * g;
/** `vttablet_query_counts` per plan on the primary (`Set` is neither a read nor a write) and on the replica. */
export const PRIMARY_PLANS: Record<string, number> = { Select: 500, Insert: 40, Update: 30, Delete: 10, Set: 5 };
export const REPLICA_PLANS: Record<string, number> = { Select: 300 };
export const idleBase = (tablet: number, cpu: number) => 0.4 + 0.1 * cpu + 0.05 * tablet;
export const diskReadsBase = (tablet: number) => 120 + 30 * tablet;
export const diskWritesBase = (tablet: number) => 45 + 5 * tablet;
/**
 * `vtgate_vttablet_call_count` per gate, shard of `customers` and tablet type (vtgate's ScatterConn stats, labels
 * operation, keyspace, shard_name, db_type: go/vt/vtgate/scatter_conn.go); `80-c0` is the hot shard.
 */
export const CUSTOMER_SHARDS = ['-40', '40-80', '80-c0', 'c0-'];
export const vttabletCallBase = (shard: number, g: number, dbType: 'primary' | 'replica') =>
  (shard === 2 ? 120 : 20 + 5 * shard) + 2 * g + (dbType === 'replica' ? 7 : 0);
/** `vtgate_vttablet_call_error_count`: only `c0-` fails, on one gate. */
export const VTTABLET_CALL_ERROR_BASE = 0.5;
/** The vttablet job's own process series: must not leak into VTGate cpu/memory. */
export const VTTABLET_PROCESS_CPU_BASE = 3;

/** Latency buckets (`le`, seconds) and the cumulative share of requests in each, per keyspace. */
export const LE = [0.005, 0.01, 0.05, 0.25, 1];
export const COMMERCE_SHARES = [0.3, 0.6, 0.9, 0.97, 0.995, 1];
export const CUSTOMERS_SHARES = [0.1, 0.2, 0.5, 0.8, 0.9, 1];

type Labels = Record<string, string>;
interface SeriesSpec {
  name: string;
  labels: Labels;
  from: number;
  value: (t: number) => number;
}

function tabletLabels(tablet: FixtureTablet): Labels {
  return { job: 'vitess-vttablet', keyspace: tablet.keyspace, shard: tablet.shard, tablet_alias: tablet.alias, tablet_type: tablet.type, cell: tablet.cell };
}

/** Every series of the fixture. */
export function fixtureSeries(): SeriesSpec[] {
  const series: SeriesSpec[] = [];
  const add = (name: string, labels: Labels, value: (t: number) => number, from = START) => series.push({ name, labels, from, value });

  for (const tablet of TABLETS) add('vttablet_tablet_server_state', { ...tabletLabels(tablet), name: 'SERVING' }, () => (tablet.serving ? 1 : 0), STATE_START);
  for (const gate of GATES) add('up', { job: 'vitess-vtgate', instance: gate.instance, cell: gate.cell }, () => 1, STATE_START);
  for (const tablet of TABLETS) if (tablet.lag !== undefined) add('vttablet_replication_lag_sec', tabletLabels(tablet), (t) => lagSeconds(tablet.lag!, t));

  for (const gate of GATES) {
    const labels = { job: 'vitess-vtgate', instance: gate.instance, cell: gate.cell };
    add('vtgate_mysql_server_conn_count', labels, (t) => connections(gate.g, t));
    add('process_resident_memory_bytes', labels, (t) => residentBytes(gate.g, t));
    add('process_cpu_seconds_total', labels, (t) => counter(processCpuBase(gate.g), t));
    const api = { ...labels, operation: 'Execute', db_type: 'primary' };
    add('vtgate_api_count', { ...api, keyspace: 'commerce' }, (t) => counter(apiCountBase(gate.g), t));
    [...LE, '+Inf'].forEach((le, i) =>
      add('vtgate_api_bucket', { ...api, keyspace: 'commerce', le: String(le) }, (t) => COMMERCE_SHARES[i] * counter(apiCountBase(gate.g), t)),
    );
    CUSTOMER_SHARDS.forEach((shard, i) => {
      for (const dbType of ['primary', 'replica'] as const) {
        const call = { ...labels, operation: 'Execute', keyspace: 'customers', shard_name: shard, db_type: dbType };
        add('vtgate_vttablet_call_count', call, (t) => counter(vttabletCallBase(i, gate.g, dbType), t));
      }
    });
    if (gate.g === 0) {
      const failing = { ...labels, operation: 'Execute', keyspace: 'customers', shard_name: 'c0-', db_type: 'primary' };
      add('vtgate_vttablet_call_error_count', failing, (t) => counter(VTTABLET_CALL_ERROR_BASE, t));
      add('vtgate_api_count', { ...api, keyspace: 'customers' }, (t) => counter(CUSTOMERS_API_BASE, t));
      [...LE, '+Inf'].forEach((le, i) =>
        add('vtgate_api_bucket', { ...api, keyspace: 'customers', le: String(le) }, (t) => CUSTOMERS_SHARES[i] * counter(CUSTOMERS_API_BASE, t)),
      );
    }
  }

  const primary = TABLETS.find((t) => t.alias === PRIMARY)!;
  const replica = TABLETS.find((t) => t.alias === REPLICA)!;
  add('process_cpu_seconds_total', { job: 'vitess-vttablet', instance: 'zone1-100:15000', tablet_alias: PRIMARY }, (t) => counter(VTTABLET_PROCESS_CPU_BASE, t));
  add('process_resident_memory_bytes', { job: 'vitess-vttablet', instance: 'zone1-100:15000', tablet_alias: PRIMARY }, () => 5e9);
  for (const [tablet, plans] of [[primary, PRIMARY_PLANS], [replica, REPLICA_PLANS]] as const) {
    for (const [plan, base] of Object.entries(plans)) add('vttablet_query_counts', { ...tabletLabels(tablet), plan, table: 'product' }, (t) => counter(base, t));
  }
  [primary, replica].forEach((tablet, i) => {
    const node = { job: 'node', tablet_alias: tablet.alias, instance: `${tablet.alias}-node:9100` };
    add('node_disk_reads_completed_total', { ...node, device: 'nvme0n1' }, (t) => counter(diskReadsBase(i), t));
    add('node_disk_writes_completed_total', { ...node, device: 'nvme0n1' }, (t) => counter(diskWritesBase(i), t));
    for (const cpu of [0, 1]) add('node_cpu_seconds_total', { ...node, cpu: String(cpu), mode: 'idle' }, (t) => counter(idleBase(i, cpu), t));
    add('node_memory_MemTotal_bytes', node, () => MEM_TOTAL);
    add('node_memory_MemAvailable_bytes', node, (t) => memAvailable(i, t));
    add('node_filesystem_size_bytes', { ...node, mountpoint: '/vt', fstype: 'ext4' }, () => FS_SIZE);
    add('node_filesystem_avail_bytes', { ...node, mountpoint: '/vt', fstype: 'ext4' }, (t) => fsAvailable(i, t));
  });
  return series;
}

function formatLabels(labels: Labels): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
    .join(',');
}

/** Writes the fixture as OpenMetrics text with timestamps (seconds), each series contiguous and in time order. */
export async function writeOpenMetrics(path: string): Promise<{ series: number; samples: number }> {
  const out = createWriteStream(path);
  let samples = 0;
  // OpenMetrics wants each metric family in one block.
  const series = fixtureSeries().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const spec of series) {
    const prefix = `${spec.name}{${formatLabels(spec.labels)}} `;
    const lines: string[] = [];
    for (let t = spec.from; t <= END; t += INTERVAL) lines.push(`${prefix}${spec.value(t)} ${t}\n`);
    samples += lines.length;
    if (!out.write(lines.join(''))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.write('# EOF\n');
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { series: series.length, samples };
}
