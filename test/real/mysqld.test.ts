// The `mysqld` preset on real parts: Debian's MariaDB as a primary and a replica with a known MASTER_DELAY, a
// mysqld_exporter beside each, a node_exporter per host over its own data volume, and a real Prometheus running the
// README's scrape config (scripts/real-cluster.mjs), under a load this test generates (scripts/real-load.mjs). What the
// metric card receives through PrometheusProvider — the card's own loader over a topology whose tablets point at the
// harness's hosts — must match what was done.
import { readFile, statfs } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCardData, type CardData, type MetricState } from '../../src/elements/ps-metric-card/card-data.js';
import { parseTopology } from '../../src/model/parse.js';
import type { ElementRef, MetricFrame, MetricId } from '../../src/model/types.js';
import { combineProviders } from '../../src/providers/combine.js';
import { PrometheusProvider } from '../../src/providers/prometheus/index.js';
import type { DataProvider } from '../../src/providers/provider.js';
import { startRealCluster, type RealCluster } from '../../scripts/real-cluster.mjs';
import { startLoad, type RunningLoad } from '../../scripts/real-load.mjs';
import { REAL_BRANCH, REAL_DATABASE, realTopology } from '../../scripts/real-topology.mjs';

const DELAY_SECONDS = 5;
/** Statements per second this test sends: reads and writes to the primary, reads to the replica (as an app would). */
const RATE = { primaryReads: 50, primaryWrites: 20, replicaReads: 40 };
const STREAM = { primaryReads: 0, primaryWrites: 1, replicaReads: 2 };
/** Before the load: what the servers do on their own (mysqld_exporter's statements, about 9 per scrape). */
const IDLE_MS = 10_000;
const LOAD_MS = 30_000;
/** The card's rate window for these short ranges: 4 steps of 1 s (queries.ts chooseRateWindow), plus a scrape. */
const SETTLE_MS = 6_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const signal = () => new AbortController().signal;

let cluster: RealCluster;
let load: RunningLoad;
let provider: DataProvider;
/** A Prometheus-only user: topology and metrics from the same provider, the tablets from the targets' identity labels. */
let prometheusOnly: PrometheusProvider;
let startedAt: number;
let loadStartedAt: number;
let loadSampledAt: number;
/** Writes completed on each data device (/proc/diskstats) at the start and end of the steady window. */
let diskWrites: { primary: [number, number]; replica: [number, number] };
/** Measured figures, printed at the end (CI logs, notes/mysql.md). */
const report: string[] = [];
const cards = new Map<string, CardData>();

const topology = parseTopology(realTopology());
const [primaryTablet, replicaTablet] = topology.shards[0].tablets;
/** A tablet as the diagram's selection hands it to the card: by id; combineProviders finds its scrape target in the topology. */
const target = (tablet: typeof primaryTablet): ElementRef => ({
  kind: 'tablet', database: REAL_DATABASE, branch: REAL_BRANCH, keyspace: topology.keyspace, shard: '-', tabletId: tablet.id,
});

beforeAll(async () => {
  cluster = await startRealCluster({ replicationDelaySeconds: DELAY_SECONDS });
  startedAt = Date.now();
  provider = combineProviders({
    topology: { getTopology: async () => realTopology(), getMetrics: () => Promise.reject(new Error('not this one')) },
    metrics: new PrometheusProvider({ url: cluster.prometheusUrl, preset: 'mysqld', scrapeIntervalSeconds: cluster.scrapeIntervalSeconds }),
  });
  prometheusOnly = new PrometheusProvider({ url: cluster.prometheusUrl, preset: 'mysqld', topology: true, scrapeIntervalSeconds: cluster.scrapeIntervalSeconds });
  await sleep(IDLE_MS);
  load = await startLoad({
    streams: [
      { socket: cluster.primary.socket, kind: 'read', perSecond: RATE.primaryReads },
      { socket: cluster.primary.socket, kind: 'write', perSecond: RATE.primaryWrites },
      { socket: cluster.replica.socket, kind: 'read', perSecond: RATE.replicaReads },
    ],
  });
  loadStartedAt = Date.now();
  await sleep(SETTLE_MS);
  const first = await deviceWrites();
  await sleep(LOAD_MS - SETTLE_MS);
  const last = await deviceWrites();
  loadSampledAt = Date.now();
  diskWrites = { primary: [first.primary, last.primary], replica: [first.replica, last.replica] };
}, 240_000);

afterAll(async () => {
  if (report.length) console.log(`real cluster figures:\n  ${report.join('\n  ')}`);
  await load?.stop();
  await cluster?.stop();
}, 90_000);

/** Writes completed so far on each host's data device (field 8 of /proc/diskstats, what node_exporter reads). */
async function deviceWrites(): Promise<{ primary: number; replica: number }> {
  const lines = (await readFile('/proc/diskstats', 'utf8')).split('\n').map((line) => line.trim().split(/\s+/));
  const writes = (device: string) => Number(lines.find((fields) => fields[2] === device)?.[7]);
  return { primary: writes(cluster.primary.device), replica: writes(cluster.replica.device) };
}

/** The card's data for a tablet over everything since the cluster started, loaded once (the card's own loader). */
async function card(tablet: typeof primaryTablet): Promise<CardData> {
  let data = cards.get(tablet.id);
  if (!data) {
    data = await loadCardData({ provider, target: target(tablet), range: { absolute: { from: startedAt, to: loadSampledAt } }, known: {}, now: loadSampledAt, signal: signal() });
    cards.set(tablet.id, data);
  }
  return data;
}

function metric(data: CardData, id: MetricId): MetricState {
  const state = data.metrics.find((m) => m.spec.id === id);
  expect(state, `the card has ${id}`).toBeDefined();
  expect(state!.error, `${id} loaded`).toBeUndefined();
  return state!;
}

/** Finite values of a series with timestamps in [fromMs, toMs]. */
function valuesIn(frame: MetricFrame, label: string, fromMs: number, toMs: number): number[] {
  const series = frame.series.find((s) => s.label === label);
  expect(series, `series ${label}`).toBeDefined();
  const out: number[] = [];
  frame.timestamps.forEach((t, i) => {
    if (t * 1000 >= fromMs && t * 1000 <= toMs && Number.isFinite(series!.values[i])) out.push(series!.values[i]);
  });
  return out;
}

function median(values: number[]): number {
  expect(values.length, 'enough points to compare').toBeGreaterThan(3);
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** What the card shows over the steady load minus what it showed before it: the load's own share. */
function addedByLoad(frame: MetricFrame, label: string): number {
  const idle = median(valuesIn(frame, label, startedAt + SETTLE_MS, loadStartedAt));
  return median(valuesIn(frame, label, loadStartedAt + SETTLE_MS, loadSampledAt)) - idle;
}

/** Statements per second a stream completed over the steady window (and its rate window before it). */
function generated(stream: number): number {
  const from = loadStartedAt + SETTLE_MS - 4_000;
  return load.count(stream, from, loadSampledAt) / ((loadSampledAt - from) / 1000);
}

/** `shown` within 10 % of `expected` (statements per second). */
function expectNear(shown: number, expected: number, what: string) {
  const text = `${what}: ${shown.toFixed(2)}/s, expected ${expected.toFixed(2)}/s (${(((shown - expected) / expected) * 100).toFixed(1)} %)`;
  report.push(text);
  expect(Math.abs(shown - expected), text).toBeLessThanOrEqual(0.1 * expected);
}

describe('mysqld preset on a real MariaDB primary + replica', { timeout: 60_000 }, () => {
  it('the load ran as planned', () => {
    expect(load.failures).toEqual([]);
    expectNear(generated(STREAM.primaryReads), RATE.primaryReads, 'primary reads generated, planned');
    expectNear(generated(STREAM.primaryWrites), RATE.primaryWrites, 'primary writes generated, planned');
    expectNear(generated(STREAM.replicaReads), RATE.replicaReads, 'replica reads generated, planned');
  });

  it('query rate: the card shows what the load sent to each server, within 10 %', async () => {
    const primary = metric(await card(primaryTablet), 'queries');
    const replica = metric(await card(replicaTablet), 'queries');
    expect(primary.frame!.unit).toBe('per_second');
    expectNear(addedByLoad(primary.frame!, 'queries'), generated(STREAM.primaryReads) + generated(STREAM.primaryWrites), 'primary queries on the card, generated');
    expectNear(addedByLoad(replica.frame!, 'queries'), generated(STREAM.replicaReads), 'replica queries on the card, generated');
  });

  it('reads and writes: split as they were sent', async () => {
    const primary = metric(await card(primaryTablet), 'reads_writes');
    const replica = metric(await card(replicaTablet), 'reads_writes');
    expect(primary.frame!.unit).toBe('per_second');
    expectNear(addedByLoad(primary.frame!, 'reads'), generated(STREAM.primaryReads), 'primary reads on the card, generated');
    expectNear(addedByLoad(primary.frame!, 'writes'), generated(STREAM.primaryWrites), 'primary writes on the card, generated');
    expectNear(addedByLoad(replica.frame!, 'reads'), generated(STREAM.replicaReads), 'replica reads on the card, generated');
  });

  it('replication lag: the replica is MASTER_DELAY behind, within 1 s; the primary has no lag chart', async () => {
    const lag = metric(await card(replicaTablet), 'replication_lag');
    expect(lag.frame!.unit).toBe('seconds');
    const steady = valuesIn(lag.frame!, 'lag', loadStartedAt + (DELAY_SECONDS + 2) * 1000, loadSampledAt);
    report.push(`replica lag with MASTER_DELAY=${DELAY_SECONDS}: median ${median(steady)} s of ${steady.join(', ')}`);
    expect(Math.abs(median(steady) - DELAY_SECONDS), `lag ${steady.join(', ')}`).toBeLessThanOrEqual(1);
    expect((await card(primaryTablet)).metrics.map((m) => m.spec.id)).not.toContain('replication_lag');
  });

  it('storage: the data volume only, growing as rows are inserted', async () => {
    for (const [tablet, host] of [[primaryTablet, cluster.primary], [replicaTablet, cluster.replica]] as const) {
      // The card draws storage over 7 days (600 s steps), too coarse for a minute-old cluster: same provider, short range.
      const frame = await provider.getMetrics({ target: target(tablet), metric: 'storage', range: { from: startedAt, to: Date.now() } }, { signal: signal() });
      expect(frame.unit).toBe('bytes');
      const volume = await statfs(host.dataDir);
      const capacity = valuesIn(frame, 'capacity', startedAt, Date.now());
      // The volume's own size, not the machine's disks: the same number statfs gives for the data directory.
      expect(new Set(capacity)).toEqual(new Set([volume.blocks * volume.bsize]));
      const used = valuesIn(frame, 'used', startedAt, Date.now());
      const before = median(valuesIn(frame, 'used', startedAt, loadStartedAt));
      const growth = used[used.length - 1] - before;
      // Rows inserted and kept must be on disk (the replica has all but the last MASTER_DELAY seconds of them).
      const kept = load.netPayloadBytes * (tablet === primaryTablet ? 1 : (LOAD_MS / 1000 - DELAY_SECONDS - 2) / (LOAD_MS / 1000));
      report.push(`${tablet.id} storage: capacity ${capacity[0]} B (statfs ${volume.blocks * volume.bsize}), used grew ${growth} B, rows kept ${Math.round(kept)} B`);
      expect(growth, `${tablet.id} grew ${growth} B, rows kept ${kept} B`).toBeGreaterThanOrEqual(kept);
      expect(used[used.length - 1]).toBeLessThanOrEqual(volume.blocks * volume.bsize);
    }
  });

  it('IOPS of the data device, CPU and memory of the node, in their units', async () => {
    for (const [tablet, name] of [[primaryTablet, 'primary'], [replicaTablet, 'replica']] as const) {
      const data = await card(tablet);
      const iops = metric(data, 'iops').frame!;
      expect(iops.unit).toBe('iops');
      // Every commit is an fsync on the data volume (innodb_flush_log_at_trx_commit=1), so both servers write to it;
      // the card shows that device's writes as the kernel counted them, not the machine's other disks.
      const [first, last] = diskWrites[name];
      const kernel = (last - first) / ((loadSampledAt - loadStartedAt - SETTLE_MS) / 1000);
      const writes = valuesIn(iops, 'write', loadStartedAt + SETTLE_MS + 4_000, loadSampledAt);
      const mean = writes.reduce((a, b) => a + b, 0) / writes.length;
      report.push(`${tablet.id} write IOPS: card ${mean.toFixed(1)}, /proc/diskstats ${kernel.toFixed(1)} (${cluster[name].device})`);
      expect(kernel).toBeGreaterThan(1);
      expect(Math.abs(mean - kernel), `${tablet.id} write IOPS: card ${mean}, kernel ${kernel}`).toBeLessThanOrEqual(0.25 * kernel);
      expect(valuesIn(iops, 'read', loadStartedAt + SETTLE_MS, loadSampledAt).every((v) => v >= 0)).toBe(true);
      const cpu = metric(data, 'cpu').frame!;
      expect(cpu.unit).toBe('percent');
      const cpuValues = valuesIn(cpu, 'cpu', loadStartedAt + SETTLE_MS, loadSampledAt);
      expect(cpuValues.length).toBeGreaterThan(3);
      expect(cpuValues.every((v) => v > 0 && v <= 100)).toBe(true);
      const memory = metric(data, 'memory').frame!;
      expect(memory.unit).toBe('percent');
      const meminfo = Object.fromEntries([...(await readFile('/proc/meminfo', 'utf8')).matchAll(/^(\w+):\s+(\d+)/gm)].map((m) => [m[1], Number(m[2])]));
      const used = 100 * (1 - meminfo.MemAvailable / meminfo.MemTotal);
      const shown = valuesIn(memory, 'memory', loadStartedAt, loadSampledAt);
      expect(Math.abs(shown[shown.length - 1] - used), `memory ${shown[shown.length - 1]} % vs /proc/meminfo ${used} %`).toBeLessThan(5);
    }
  });

  it('Prometheus alone tells the topology: the primary by read_only, the replica\'s lag, each tablet\'s host for its card', async () => {
    const found = await prometheusOnly.getTopology({ database: REAL_DATABASE, branch: REAL_BRANCH }, { signal: signal() });
    expect(found.keyspace).toBe(REAL_DATABASE);
    expect(found.shards.map((shard) => shard.name)).toEqual(['-']);
    const tablets = Object.fromEntries(found.shards[0].tablets.map((t) => [t.id, t]));
    expect(Object.keys(tablets).sort()).toEqual([primaryTablet.id, replicaTablet.id]);
    expect([tablets[primaryTablet.id].role, tablets[primaryTablet.id].serving, tablets[primaryTablet.id].scrape?.host]).toEqual(['primary', true, cluster.primary.host]);
    expect([tablets[replicaTablet.id].role, tablets[replicaTablet.id].serving, tablets[replicaTablet.id].scrape?.host]).toEqual(['replica', true, cluster.replica.host]);
    expect(tablets[primaryTablet.id].lagSeconds ?? undefined).toBeUndefined();
    report.push(`topology from Prometheus: replica lag ${tablets[replicaTablet.id].lagSeconds} s`);
    expect(Math.abs(tablets[replicaTablet.id].lagSeconds! - DELAY_SECONDS)).toBeLessThanOrEqual(1);
    // Its card from the same provider: the tablet named by id, found by the host that topology gave it.
    const data = await loadCardData({ provider: prometheusOnly, target: target(replicaTablet), range: { absolute: { from: startedAt, to: loadSampledAt } }, known: {}, now: loadSampledAt, signal: signal() });
    expectNear(addedByLoad(metric(data, 'reads_writes').frame!, 'reads'), generated(STREAM.replicaReads), 'replica reads, Prometheus alone, generated');
  });

  it('a stopped replica: its lag becomes unknown (a gap), not the last value, and it is drawn as not serving', async () => {
    await cluster.stopReplication();
    const stoppedAt = Date.now();
    await sleep(5_000);
    const now = Date.now();
    const data = await loadCardData({ provider, target: target(replicaTablet), range: { absolute: { from: loadStartedAt, to: now } }, known: {}, now, signal: signal() });
    const lag = metric(data, 'replication_lag');
    expect(lag.stale).toBe(false);
    const series = lag.frame!.series[0];
    const times = Array.from(lag.frame!.timestamps, (t) => t * 1000);
    const after = times.flatMap((t, i) => (t >= stoppedAt + 2_000 ? [series.values[i]] : []));
    const before = times.flatMap((t, i) => (t >= loadStartedAt + (DELAY_SECONDS + 2) * 1000 && t < stoppedAt - 1_000 ? [series.values[i]] : []));
    expect(after.length).toBeGreaterThan(1);
    expect(after.every((v) => Number.isNaN(v)), `lag after STOP SLAVE: ${after.join(', ')}`).toBe(true);
    expect(before.filter(Number.isFinite).length).toBeGreaterThan(3);
    const found = await prometheusOnly.getTopology({ database: REAL_DATABASE, branch: REAL_BRANCH }, { signal: signal() });
    const tablets = Object.fromEntries(found.shards[0].tablets.map((t) => [t.id, t]));
    expect([tablets[replicaTablet.id].role, tablets[replicaTablet.id].serving, tablets[replicaTablet.id].lagSeconds]).toEqual(['replica', false, null]);
    expect([tablets[primaryTablet.id].role, tablets[primaryTablet.id].serving]).toEqual(['primary', true]);
  });
});
