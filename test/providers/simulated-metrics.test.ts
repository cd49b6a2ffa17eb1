// The simulated cluster's metric frames: units, series, resolution, determinism, and believable shapes.
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/model/errors.js';
import type { ElementRef, MetricFrame, MetricId, Tablet, TimeRange, Unit } from '../../src/model/types.js';
import { SimulatedProvider, type SimulatedProviderOptions } from '../../src/providers/simulated/index.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A whole minute, so that every step divides it and the topology's "now" is a sample of every frame. */
const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);
const KS = { database: 'shop', branch: 'main', keyspace: 'shop' };
const opts = () => ({ signal: new AbortController().signal });

/** Units and series per metric as API.md states them, written out independently of the implementation. */
const EXPECTED: Record<MetricId, { unit: Unit; series: string[] }> = {
  connections: { unit: 'count', series: ['connections'] },
  latency: { unit: 'seconds', series: ['p50', 'p95', 'p99'] },
  queries: { unit: 'per_second', series: ['queries'] },
  cpu: { unit: 'percent', series: ['cpu'] },
  memory: { unit: 'percent', series: ['memory'] },
  reads_writes: { unit: 'per_second', series: ['reads', 'writes'] },
  iops: { unit: 'iops', series: ['read', 'write'] },
  storage: { unit: 'bytes', series: ['used', 'capacity'] },
  replication_lag: { unit: 'seconds', series: ['lag'] },
};
const VTGATE_IDS: MetricId[] = ['connections', 'latency', 'queries', 'cpu', 'memory'];
const TABLET_IDS: MetricId[] = ['reads_writes', 'queries', 'iops', 'cpu', 'memory', 'storage', 'replication_lag'];

function provider(options: Partial<SimulatedProviderOptions> = {}) {
  return new SimulatedProvider({ scenario: 'read-only-regions', now: () => T0, ...options });
}

async function tablets(p: SimulatedProvider, keyspace = 'shop'): Promise<{ shard: string; tablet: Tablet }[]> {
  const t = await p.getTopology({ ...KS, keyspace }, opts());
  return t.shards.flatMap((s) => s.tablets.map((tablet) => ({ shard: s.name, tablet })));
}

function tabletRef(shard: string, tabletId: string, keyspace = 'shop'): ElementRef {
  return { kind: 'tablet', ...KS, keyspace, shard, tabletId };
}
const VTGATES: ElementRef = { kind: 'vtgates', ...KS };

function lastHours(hours: number, end = T0): TimeRange {
  return { from: end - hours * HOUR, to: end };
}

function mean(values: Float64Array): number {
  let sum = 0;
  let n = 0;
  for (const v of values) if (!Number.isNaN(v)) { sum += v; n++; }
  return sum / n;
}

function max(values: Float64Array): number {
  let m = -Infinity;
  for (const v of values) if (v > m) m = v;
  return m;
}

/** Runs of NaN as [start index, length]. */
function gaps(values: Float64Array): [number, number][] {
  const runs: [number, number][] = [];
  for (let i = 0; i < values.length; i++) {
    if (!Number.isNaN(values[i])) continue;
    let j = i;
    while (j < values.length && Number.isNaN(values[j])) j++;
    runs.push([i, j - i]);
    i = j;
  }
  return runs;
}

function checkFrame(frame: MetricFrame, metric: MetricId, step: number) {
  expect(frame.metric).toBe(metric);
  expect(frame.unit).toBe(EXPECTED[metric].unit);
  expect(frame.series.map((s) => s.label)).toEqual(EXPECTED[metric].series);
  expect(frame.timestamps).toBeInstanceOf(Float64Array);
  const misaligned = frame.timestamps.filter((t, i) => t % step !== 0 || (i > 0 && t - frame.timestamps[i - 1] !== step));
  expect(misaligned).toHaveLength(0);
  const firstGaps = JSON.stringify(gaps(frame.series[0].values));
  for (const { values } of frame.series) {
    expect(values).toBeInstanceOf(Float64Array);
    expect(values.length).toBe(frame.timestamps.length);
    // Gaps are deliberate scrape misses: the same samples in every series, a few minutes at most.
    expect(JSON.stringify(gaps(values))).toBe(firstGaps);
    for (const [, length] of gaps(values)) expect(length * step).toBeLessThanOrEqual(6 * 60 + step);
    const invalid = values.filter((v) => !Number.isNaN(v) && !(Number.isFinite(v) && v >= 0));
    expect(invalid).toHaveLength(0);
  }
}

describe('frames for every metric of every node kind', () => {
  it('VTGates: connections, latency p50/p95/p99, queries, cpu, memory', async () => {
    const p = provider();
    for (const metric of VTGATE_IDS) {
      const frame = await p.getMetrics({ target: VTGATES, metric, range: lastHours(24) }, opts());
      checkFrame(frame, metric, 30);
      expect(frame.timestamps.length).toBe(2881);
    }
    const latency = await p.getMetrics({ target: VTGATES, metric: 'latency', range: lastHours(6) }, opts());
    const [p50, p95, p99] = latency.series.map((s) => mean(s.values));
    expect(p50).toBeLessThan(p95);
    expect(p95).toBeLessThan(p99);
    expect(p99).toBeLessThan(1);
  });

  it('primary, same-region replica and read-only-region replica: every tablet metric', async () => {
    const p = provider();
    const all = await tablets(p);
    const kinds = [
      all.find((x) => x.tablet.role === 'primary')!,
      all.find((x) => x.tablet.role === 'replica' && !x.tablet.readOnlyRegion)!,
      all.find((x) => x.tablet.readOnlyRegion)!,
    ];
    for (const { shard, tablet } of kinds) {
      for (const metric of TABLET_IDS) {
        const query = { target: tabletRef(shard, tablet.id), metric, range: lastHours(7 * 24) };
        if (metric === 'replication_lag' && tablet.role === 'primary') {
          const error = await p.getMetrics(query, opts()).then(() => undefined, (e: DataError) => e);
          expect(error).toBeInstanceOf(DataError);
          expect(error).toMatchObject({ kind: 'not-found', message: expect.stringMatching(/only for replicas/) });
          continue;
        }
        checkFrame(await p.getMetrics(query, opts()), metric, 300);
      }
    }
  });

  it('rejects metrics of the other node kind, unknown tablets and shards, and bad ranges', async () => {
    const p = provider();
    const [{ shard, tablet }] = await tablets(p);
    const reject = (query: Parameters<SimulatedProvider['getMetrics']>[0]) =>
      p.getMetrics(query, opts()).then(() => undefined, (e: DataError) => e);
    expect(await reject({ target: VTGATES, metric: 'storage', range: lastHours(1) })).toMatchObject({ kind: 'not-found' });
    expect(await reject({ target: tabletRef(shard, tablet.id), metric: 'connections', range: lastHours(1) })).toMatchObject({ kind: 'not-found' });
    expect(await reject({ target: tabletRef(shard, 'zone9-1'), metric: 'cpu', range: lastHours(1) })).toMatchObject({ kind: 'not-found', path: 'target.tabletId' });
    expect(await reject({ target: tabletRef('-80', tablet.id), metric: 'cpu', range: lastHours(1) })).toMatchObject({ kind: 'not-found', path: 'shard' });
    expect(await reject({ target: VTGATES, metric: 'cpu', range: { from: T0, to: T0 - 1 } })).toMatchObject({ kind: 'invalid-data' });
    expect(await reject({ target: VTGATES, metric: 'cpu', range: lastHours(1), stepSeconds: 0 })).toMatchObject({ kind: 'invalid-data', path: 'stepSeconds' });
    const malformed = { metric: 'cpu', range: lastHours(1) } as unknown as Parameters<SimulatedProvider['getMetrics']>[0];
    expect(await reject(malformed)).toMatchObject({ kind: 'invalid-data', message: expect.stringMatching(/could not answer/) });
  });
});

describe('resolution', () => {
  const PRESETS: [string, number][] = [['15m', 0.25], ['1h', 1], ['3h', 3], ['6h', 6], ['12h', 12], ['1d', 24], ['2d', 48], ['7d', 168]];

  it.each(PRESETS)('%s keeps at most 4k points and at least 1k where a 10 s scrape allows', async (_, hours) => {
    const frame = await provider().getMetrics({ target: VTGATES, metric: 'queries', range: lastHours(hours) }, opts());
    const n = frame.timestamps.length;
    expect(n).toBeLessThanOrEqual(4001);
    expect(n).toBeGreaterThanOrEqual(Math.min(1000, (hours * 3600) / 10));
  });

  it('honours stepSeconds, even when it makes many points', async () => {
    const p = provider();
    const minute = await p.getMetrics({ target: VTGATES, metric: 'cpu', range: lastHours(6), stepSeconds: 60 }, opts());
    expect(minute.timestamps.length).toBe(361);
    checkFrame(minute, 'cpu', 60);
    const fine = await p.getMetrics({ target: VTGATES, metric: 'latency', range: lastHours(7 * 24), stepSeconds: 10 }, opts());
    expect(fine.timestamps.length).toBe(60_481);
    expect(fine.series).toHaveLength(3);
    checkFrame(fine, 'latency', 10);
    // About one short scrape gap a day.
    expect(gaps(fine.series[0].values).length).toBeGreaterThanOrEqual(6);
    expect(gaps(fine.series[0].values).length).toBeLessThanOrEqual(8);
  });
});

describe('determinism', () => {
  it('the same query twice, or on another provider with the same seed and clock, gives identical frames', async () => {
    const [{ shard, tablet }] = (await tablets(provider())).filter((x) => x.tablet.role === 'replica');
    const query = { target: tabletRef(shard, tablet.id), metric: 'replication_lag' as const, range: lastHours(6) };
    const a = await provider().getMetrics(query, opts());
    const b = await provider().getMetrics(query, opts());
    const p = provider();
    const c = await p.getMetrics(query, opts());
    const d = await p.getMetrics(query, opts());
    for (const other of [b, c, d]) expect(other).toEqual(a);
    const otherSeed = await provider({ seed: 2 }).getMetrics(query, opts());
    expect(otherSeed.timestamps).toEqual(a.timestamps);
    expect(otherSeed.series[0].values).not.toEqual(a.series[0].values);
  });

  it('overlapping ranges, and different steps, agree on the timestamps they share', async () => {
    const p = provider();
    const query = (range: TimeRange, stepSeconds?: number) => p.getMetrics({ target: VTGATES, metric: 'latency', range, stepSeconds }, opts());
    const pairs = [
      [await query(lastHours(6), 30), await query(lastHours(6, T0 - 3 * HOUR), 30)],
      [await query(lastHours(12)), await query(lastHours(24))], // 15 s and 30 s steps
      [await query({ from: T0 - HOUR + 1234, to: T0 - 17 }), await query(lastHours(2))],
    ];
    for (const [x, y] of pairs) {
      const at = new Map<number, number>();
      y.timestamps.forEach((t, i) => at.set(t, i));
      let shared = 0;
      x.timestamps.forEach((t, i) => {
        const j = at.get(t);
        if (j === undefined) return;
        shared++;
        for (let s = 0; s < 3; s++) expect(Object.is(x.series[s].values[i], y.series[s].values[j])).toBe(true);
      });
      expect(shared).toBeGreaterThan(100);
    }
  });

  it('a replica shows the same lag in the topology as at the end of its lag chart', async () => {
    const p = provider();
    const topology = await p.getTopology(KS, opts());
    for (const tablet of topology.shards[0].tablets.filter((x) => x.role === 'replica')) {
      const frame = await p.getMetrics({ target: tabletRef('-', tablet.id), metric: 'replication_lag', range: lastHours(1) }, opts());
      const last = frame.series[0].values[frame.timestamps.length - 1];
      expect(frame.timestamps[frame.timestamps.length - 1]).toBe(T0 / 1000);
      if (!Number.isNaN(last)) expect(tablet.lagSeconds).toBeCloseTo(last, 3);
    }
  });
});

describe('believable data', () => {
  it('replicas in other regions lag more than those in the primary region, and spikes past 10 s happen', async () => {
    const p = provider({ scenario: 'read-only-regions' });
    const local: number[] = [];
    const remote: number[] = [];
    let highest = 0;
    for (const { shard, tablet } of (await tablets(p)).filter((x) => x.tablet.role === 'replica')) {
      const frame = await p.getMetrics({ target: tabletRef(shard, tablet.id), metric: 'replication_lag', range: lastHours(7 * 24) }, opts());
      (tablet.readOnlyRegion ? remote : local).push(mean(frame.series[0].values));
      highest = Math.max(highest, max(frame.series[0].values));
    }
    expect(Math.min(...remote)).toBeGreaterThan(Math.max(...local));
    for (const m of local) expect(m).toBeLessThan(1);
    for (const m of remote) expect(m).toBeLessThan(3.5);
    expect(highest).toBeGreaterThan(10);
  });

  it('storage grows over the week and stays under capacity', async () => {
    const p = provider({ scenario: 'production' });
    const primary = (await tablets(p)).find((x) => x.tablet.role === 'primary')!;
    const frame = await p.getMetrics({ target: tabletRef('-', primary.tablet.id), metric: 'storage', range: lastHours(7 * 24) }, opts());
    const [used, capacity] = frame.series.map((s) => s.values);
    const firstFinite = used.find((v) => !Number.isNaN(v))!;
    const lastFinite = [...used].reverse().find((v) => !Number.isNaN(v))!;
    expect(lastFinite).toBeGreaterThan(firstFinite);
    expect(used.filter((v, i) => v >= capacity[i])).toHaveLength(0);
  });

  it('traffic follows the day: afternoon (UTC) is busier than the night', async () => {
    const p = provider();
    const day = Date.UTC(2026, 10, 18);
    const afternoon = await p.getMetrics({ target: VTGATES, metric: 'queries', range: { from: day + 13 * HOUR, to: day + 17 * HOUR } }, opts());
    const night = await p.getMetrics({ target: VTGATES, metric: 'queries', range: { from: day + HOUR, to: day + 5 * HOUR } }, opts());
    expect(mean(afternoon.series[0].values)).toBeGreaterThan(1.3 * mean(night.series[0].values));
  });

  it('the primary takes the writes; its replicas apply them', async () => {
    const p = provider({ scenario: 'production' });
    const all = await tablets(p);
    const frameOf = (id: string) => p.getMetrics({ target: tabletRef('-', id), metric: 'reads_writes', range: lastHours(6) }, opts());
    const primary = await frameOf(all.find((x) => x.tablet.role === 'primary')!.tablet.id);
    const replica = await frameOf(all.find((x) => x.tablet.role === 'replica')!.tablet.id);
    expect(mean(primary.series[1].values)).toBeGreaterThan(0);
    expect(mean(replica.series[1].values)).toBeGreaterThan(0.8 * mean(primary.series[1].values));
    expect(mean(replica.series[0].values)).toBeGreaterThan(mean(primary.series[0].values));
  });

  it('a failover shows as a blip in VTGate latency and replica lag right after it', async () => {
    let now = T0 - 2 * HOUR;
    const p = provider({ scenario: 'production', now: () => now });
    const calm = provider({ scenario: 'production', now: () => T0 - 2 * HOUR });
    now = T0 - HOUR;
    p.failover();
    const around = { from: T0 - HOUR - 5 * 60_000, to: T0 - HOUR + 10 * 60_000 };
    const latency = async (x: SimulatedProvider) =>
      (await x.getMetrics({ target: VTGATES, metric: 'latency', range: around, stepSeconds: 10 }, opts())).series[2].values;
    const [disturbed, quiet] = [await latency(p), await latency(calm)];
    const at = 30 + 3; // 5 min before plus 30 s after the failover, in 10 s samples
    expect(disturbed[at]).toBeGreaterThan(2 * quiet[at]);
    expect(disturbed[0]).toBe(quiet[0]);
    const events = await p.getEvents(KS, around, opts());
    expect(events.map((e) => [e.kind, e.at])).toEqual([['failover', T0 - HOUR]]);
  });
});
