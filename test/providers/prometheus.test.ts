// PrometheusProvider against a real Prometheus 2.x loaded with the fixture of test/support/vitess-series.ts:
// every metric id, step choice, the 11 000-point limit, topology from labels, and errors the server really sends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../src/model/errors.js';
import { METRIC_IDS, type ElementRef, type MetricFrame, type MetricId, type TimeRange, type Unit } from '../../src/model/types.js';
import { PrometheusProvider } from '../../src/providers/prometheus/index.js';
import { startPrometheus, type RunningPrometheus } from '../support/prometheus.js';
import * as fx from '../support/vitess-series.js';

let server: RunningPrometheus;
let provider: PrometheusProvider;

beforeAll(async () => {
  server = await startPrometheus();
  provider = new PrometheusProvider({ url: server.url, scrapeIntervalSeconds: fx.INTERVAL });
}, 180_000);

afterAll(async () => {
  await server?.stop();
}, 30_000);

const signal = () => new AbortController().signal;
const WEEK: TimeRange = { from: fx.START * 1000, to: fx.END * 1000 };
/** 7 days → the finest nice step with ≤ 2 000 points is 600 s; rate windows span 4 steps. */
const WEEK_STEP = 600;
const WEEK_WINDOW = 4 * WEEK_STEP;

const vtgates = (keyspace = 'commerce'): ElementRef => ({ kind: 'vtgates', database: 'commerce', branch: 'main', keyspace });
const tablet = (tabletId: string): ElementRef => ({ kind: 'tablet', database: 'commerce', branch: 'main', keyspace: 'commerce', shard: '-', tabletId });

/** Expected value of a series at a sample time, or `undefined` where the rate window reaches before the data. */
type Expectation = (t: number) => number | undefined;

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** A rate expectation, defined only where the whole window lies inside the fixture. */
function rateOf(bases: number[], window = WEEK_WINDOW): Expectation {
  return (t) => (t - window < fx.START ? undefined : sum(bases.map((base) => fx.expectedRate(base, t, window))));
}

function only(expectation: Expectation, t: number, window = WEEK_WINDOW): number | undefined {
  return t - window < fx.START ? undefined : expectation(t);
}

/** histogram_quantile's documented interpolation inside the bucket holding rank q: the fixture's shares are constant, so is the quantile. */
function quantile(shares: number[], q: number): number {
  const i = shares.findIndex((share) => share >= q);
  const lower = i === 0 ? 0 : fx.LE[i - 1];
  const before = i === 0 ? 0 : shares[i - 1];
  return lower + (fx.LE[i] - lower) * ((q - before) / (shares[i] - before));
}

function expectFrame(frame: MetricFrame, metric: MetricId, unit: Unit, expected: Record<string, Expectation>, step = WEEK_STEP, range = WEEK): void {
  expect(frame.metric).toBe(metric);
  expect(frame.unit).toBe(unit);
  expect(frame.series.map((s) => s.label)).toEqual(Object.keys(expected));
  const start = Math.ceil(range.from / 1000 / step) * step;
  const end = Math.floor(range.to / 1000 / step) * step;
  expect(frame.timestamps.length).toBe((end - start) / step + 1);
  frame.timestamps.forEach((t, i) => expect(t).toBe(start + i * step));
  let checked = 0;
  for (const series of frame.series) {
    const expectation = expected[series.label];
    expect(series.values.length).toBe(frame.timestamps.length);
    frame.timestamps.forEach((t, i) => {
      const want = expectation(t);
      if (want === undefined) return;
      const got = series.values[i];
      if (Math.abs(got - want) > 1e-9 * Math.max(1, Math.abs(want))) {
        throw new Error(`${metric} "${series.label}" at ${t}: expected ${want}, got ${got}`);
      }
      checked++;
    });
  }
  // Most of the week is checked (all but the first rate window).
  expect(checked).toBeGreaterThan(frame.series.length * (frame.timestamps.length - 5));
}

interface Case {
  name: string;
  target: ElementRef;
  metric: MetricId;
  unit: Unit;
  expected: Record<string, Expectation>;
}

const tabletIndex: Record<string, number> = { [fx.PRIMARY]: 0, [fx.REPLICA]: 1 };
const cases: Case[] = [
  {
    name: 'VTGates connections: sum of vtgate_mysql_server_conn_count over the 3 gates',
    target: vtgates(),
    metric: 'connections',
    unit: 'count',
    expected: { connections: (t) => sum(fx.GATES.map((g) => fx.connections(g.g, t))) },
  },
  {
    name: 'VTGates latency p50/p95/p99 from vtgate_api_bucket of the keyspace',
    target: vtgates(),
    metric: 'latency',
    unit: 'seconds',
    expected: {
      p50: (t) => only(() => quantile(fx.COMMERCE_SHARES, 0.5), t),
      p95: (t) => only(() => quantile(fx.COMMERCE_SHARES, 0.95), t),
      p99: (t) => only(() => quantile(fx.COMMERCE_SHARES, 0.99), t),
    },
  },
  {
    name: 'VTGates latency of another keyspace uses only its own buckets',
    target: vtgates('customers'),
    metric: 'latency',
    unit: 'seconds',
    expected: {
      p50: (t) => only(() => quantile(fx.CUSTOMERS_SHARES, 0.5), t),
      p95: (t) => only(() => quantile(fx.CUSTOMERS_SHARES, 0.95), t),
      p99: (t) => only(() => quantile(fx.CUSTOMERS_SHARES, 0.99), t),
    },
  },
  {
    name: 'VTGates queries: rate of vtgate_api_count for the keyspace only',
    target: vtgates(),
    metric: 'queries',
    unit: 'per_second',
    expected: { queries: rateOf(fx.GATES.map((g) => fx.apiCountBase(g.g))) },
  },
  {
    name: 'VTGates cpu: rate of process_cpu_seconds_total of the vtgate job only (cores)',
    target: vtgates(),
    metric: 'cpu',
    unit: 'cores',
    expected: { cpu: rateOf(fx.GATES.map((g) => fx.processCpuBase(g.g))) },
  },
  {
    name: 'VTGates memory: process_resident_memory_bytes of the vtgate job only',
    target: vtgates(),
    metric: 'memory',
    unit: 'bytes',
    expected: { memory: (t) => sum(fx.GATES.map((g) => fx.residentBytes(g.g, t))) },
  },
  {
    name: 'tablet queries: every plan of vttablet_query_counts',
    target: tablet(fx.PRIMARY),
    metric: 'queries',
    unit: 'per_second',
    expected: { queries: rateOf(Object.values(fx.PRIMARY_PLANS)) },
  },
  {
    name: 'tablet reads and writes: Select plans vs Insert/Update/Delete plans',
    target: tablet(fx.PRIMARY),
    metric: 'reads_writes',
    unit: 'per_second',
    expected: {
      reads: rateOf([fx.PRIMARY_PLANS.Select]),
      writes: rateOf([fx.PRIMARY_PLANS.Insert, fx.PRIMARY_PLANS.Update, fx.PRIMARY_PLANS.Delete]),
    },
  },
  ...[fx.PRIMARY, fx.REPLICA].map(
    (alias): Case => ({
      name: `tablet IOPS of ${alias}: node_exporter disk reads/writes selected by tablet_alias`,
      target: tablet(alias),
      metric: 'iops',
      unit: 'iops',
      expected: { read: rateOf([fx.diskReadsBase(tabletIndex[alias])]), write: rateOf([fx.diskWritesBase(tabletIndex[alias])]) },
    }),
  ),
  {
    name: 'tablet cpu: 100 × (1 − mean idle rate over the CPUs)',
    target: tablet(fx.REPLICA),
    metric: 'cpu',
    unit: 'percent',
    expected: {
      cpu: (t) => only(() => 100 * (1 - (fx.expectedRate(fx.idleBase(1, 0), t, WEEK_WINDOW) + fx.expectedRate(fx.idleBase(1, 1), t, WEEK_WINDOW)) / 2), t),
    },
  },
  {
    name: 'tablet memory: 100 × (1 − available / total)',
    target: tablet(fx.PRIMARY),
    metric: 'memory',
    unit: 'percent',
    expected: { memory: (t) => 100 * (1 - fx.memAvailable(0, t) / fx.MEM_TOTAL) },
  },
  {
    name: 'tablet storage: used and capacity of the filesystem',
    target: tablet(fx.REPLICA),
    metric: 'storage',
    unit: 'bytes',
    expected: { used: (t) => fx.FS_SIZE - fx.fsAvailable(1, t), capacity: () => fx.FS_SIZE },
  },
  {
    name: 'replica replication lag: vttablet_replication_lag_sec',
    target: tablet(fx.REPLICA),
    metric: 'replication_lag',
    unit: 'seconds',
    expected: { lag: (t) => fx.lagSeconds(1, t) },
  },
];

describe('PrometheusProvider on a real Prometheus: every metric over 7 days', () => {
  it('the cases cover every metric id', () => {
    expect(new Set(cases.map((c) => c.metric))).toEqual(new Set(METRIC_IDS));
  });

  for (const c of cases) {
    it(c.name, async () => {
      const frame = await provider.getMetrics({ target: c.target, metric: c.metric, range: WEEK }, { signal: signal() });
      expectFrame(frame, c.metric, c.unit, c.expected);
      expect(frame.warnings).toBeUndefined();
    });
  }
});

describe('PrometheusProvider: resolution', () => {
  it('15 minutes: 1 s steps on a grid; a gauge holds its last sample between scrapes (lookback)', async () => {
    const range = { from: (fx.END - 900) * 1000, to: fx.END * 1000 };
    const frame = await provider.getMetrics({ target: vtgates(), metric: 'connections', range }, { signal: signal() });
    expectFrame(frame, 'connections', 'count', { connections: (t) => sum(fx.GATES.map((g) => fx.connections(g.g, fx.sampleTimeAtOrBefore(t)))) }, 1, range);
    expect(frame.timestamps.length).toBe(901);
  });

  it('honours stepSeconds, with a rate window of 4 scrape intervals when that is longer than 4 steps', async () => {
    const range = { from: (fx.END - 6 * 3600) * 1000, to: fx.END * 1000 };
    const frame = await provider.getMetrics({ target: tablet(fx.PRIMARY), metric: 'queries', range, stepSeconds: 60 }, { signal: signal() });
    expectFrame(frame, 'queries', 'per_second', { queries: rateOf(Object.values(fx.PRIMARY_PLANS), 4 * 60) }, 60, range);
  });

  it('coarsens a stepSeconds that would pass the 11 000-point limit, and the server accepts the query', async () => {
    const frame = await provider.getMetrics({ target: vtgates(), metric: 'connections', range: WEEK, stepSeconds: 10 }, { signal: signal() });
    expect(frame.timestamps.length).toBeLessThanOrEqual(11_000);
    expect(frame.timestamps.length).toBeGreaterThan(10_000);
    const step = frame.timestamps[1] - frame.timestamps[0];
    expect(step).toBe(Math.ceil((7 * 86_400) / 10_999));
    const last = frame.timestamps.length - 1;
    expect(frame.series[0].values[last]).toBe(sum(fx.GATES.map((g) => fx.connections(g.g, fx.sampleTimeAtOrBefore(frame.timestamps[last])))));
  });

  it('leaves gaps (NaN) where the server has no samples', async () => {
    // The fixture starts at START; a range reaching 2 hours before it has no data there.
    const range = { from: (fx.START - 7200) * 1000, to: (fx.START + 7200) * 1000 };
    const frame = await provider.getMetrics({ target: vtgates(), metric: 'connections', range, stepSeconds: 60 }, { signal: signal() });
    const before = frame.timestamps.findIndex((t) => t >= fx.START);
    expect(before).toBe(120);
    expect(Array.from(frame.series[0].values.slice(0, before)).every(Number.isNaN)).toBe(true);
    expect(frame.series[0].values[before]).toBe(sum(fx.GATES.map((g) => fx.connections(g.g, fx.START))));
  });

  it('a query matching nothing gives one all-gap series rather than an error', async () => {
    const frame = await provider.getMetrics({ target: tablet('zone9-999'), metric: 'replication_lag', range: WEEK }, { signal: signal() });
    expect(frame.series).toHaveLength(1);
    expect(frame.series[0].label).toBe('lag');
    expect(Array.from(frame.series[0].values).every(Number.isNaN)).toBe(true);
  });
});

describe('PrometheusProvider: overrides and label names', () => {
  it('runs an overridden query; a query returning several series labels each by its labels', async () => {
    const custom = new PrometheusProvider({
      url: server.url,
      scrapeIntervalSeconds: fx.INTERVAL,
      queries: { 'vtgates.connections': 'sum by (cell) (vtgate_mysql_server_conn_count)' },
    });
    const frame = await custom.getMetrics({ target: vtgates(), metric: 'connections', range: WEEK }, { signal: signal() });
    expect(frame.series.map((s) => s.label).sort()).toEqual(['connections {cell="zone1"}', 'connections {cell="zone2"}', 'connections {cell="zone3"}']);
    const zone2 = frame.series.find((s) => s.label.includes('zone2'))!;
    expect(zone2.values[10]).toBe(fx.connections(1, frame.timestamps[10]));
  });

  it('uses configured label names in the selectors it builds', async () => {
    // The fixture's tablets are labelled tablet_alias, so naming the label "alias" must find nothing.
    const renamed = new PrometheusProvider({ url: server.url, scrapeIntervalSeconds: fx.INTERVAL, labels: { tablet: 'alias' } });
    const frame = await renamed.getMetrics({ target: tablet(fx.PRIMARY), metric: 'memory', range: WEEK }, { signal: signal() });
    expect(Array.from(frame.series[0].values).every(Number.isNaN)).toBe(true);
    const requests: string[] = [];
    const spy = new PrometheusProvider({
      url: server.url,
      labels: { tablet: 'alias', keyspace: 'ks' },
      jobs: { vtgate: 'gates' },
      fetch: (url, init) => (requests.push(decodeURIComponent(url)), fetch(url, init)),
    });
    await spy.getMetrics({ target: tablet('zone1-"x"'), metric: 'memory', range: WEEK }, { signal: signal() });
    await spy.getMetrics({ target: vtgates(), metric: 'cpu', range: WEEK }, { signal: signal() });
    await spy.getMetrics({ target: vtgates(), metric: 'queries', range: WEEK }, { signal: signal() });
    expect(requests[0]).toContain('node_memory_MemAvailable_bytes{alias="zone1-\\"x\\""}');
    expect(requests[1]).toContain('process_cpu_seconds_total{job="gates"}[40m]');
    expect(requests[2]).toContain('vtgate_api_count{ks="commerce"}');
  });

  it('says which key to set when a target has no default query for a metric', async () => {
    const error = await provider.getMetrics({ target: vtgates(), metric: 'storage', range: WEEK }, { signal: signal() }).catch((e) => e);
    expect(error).toBeInstanceOf(DataError);
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('vtgates.storage');
  });
});

describe('PrometheusProvider: errors from the real server', () => {
  it('a bad PromQL override → http DataError with Prometheus’ errorType and message', async () => {
    const broken = new PrometheusProvider({ url: server.url, queries: { 'vtgates.connections': 'sum(vtgate_mysql_server_conn_count' } });
    const error = await broken.getMetrics({ target: vtgates(), metric: 'connections', range: WEEK }, { signal: signal() }).catch((e) => e);
    expect(error).toBeInstanceOf(DataError);
    expect(error.kind).toBe('http');
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/bad_data/);
    expect(error.message).toMatch(/parse error/);
    expect(error.message).toContain('sum(vtgate_mysql_server_conn_count');
  });

  it('a port nobody listens on → network DataError', async () => {
    const probe = await import('node:net').then(
      ({ createServer }) =>
        new Promise<number>((resolve) => {
          const s = createServer().listen(0, '127.0.0.1', () => {
            const port = (s.address() as { port: number }).port;
            s.close(() => resolve(port));
          });
        }),
    );
    const nowhere = new PrometheusProvider({ url: `http://127.0.0.1:${probe}` });
    const error = await nowhere.getMetrics({ target: vtgates(), metric: 'connections', range: WEEK }, { signal: signal() }).catch((e) => e);
    expect(error).toBeInstanceOf(DataError);
    expect(error.kind).toBe('network');
    expect(error.message).toContain(`127.0.0.1:${probe}`);
  });

  it('an already aborted signal and an abort in flight → aborted DataError', async () => {
    const before = new AbortController();
    before.abort();
    const first = await provider.getMetrics({ target: vtgates(), metric: 'latency', range: WEEK }, { signal: before.signal }).catch((e) => e);
    expect(first).toBeInstanceOf(DataError);
    expect(first.kind).toBe('aborted');
    const during = new AbortController();
    const pending = provider.getMetrics({ target: vtgates(), metric: 'latency', range: WEEK }, { signal: during.signal });
    during.abort();
    const second = await pending.catch((e) => e);
    expect(second).toBeInstanceOf(DataError);
    expect(second.kind).toBe('aborted');
  });
});

describe('PrometheusProvider: topology from labels', () => {
  const withTopology = () => new PrometheusProvider({ url: server.url, topology: { cells: fx.CELLS, now: () => fx.END * 1000 } });

  it('tablets, roles, cells → regions, lag, vtgates and read-only regions of the production keyspace', async () => {
    const topology = await withTopology().getTopology({ database: 'commerce', branch: 'main' }, { signal: signal() });
    expect(topology.keyspace).toBe('commerce');
    expect(topology.keyspaces).toEqual(['commerce', 'customers']);
    expect(topology.branchKind).toBe('production');
    expect(topology.primaryRegion).toEqual({ slug: 'us-east-2' });
    expect(topology.readOnlyRegions).toEqual([{ slug: 'us-west-2' }]);
    expect(topology.vtgates).toEqual({ count: 3, zones: ['us-east-2a', 'us-east-2b', 'us-east-2c'], region: 'us-east-2' });
    expect(topology.shards.map((s) => s.name)).toEqual(['-']);
    expect(topology.shards[0].tablets).toEqual([
      { id: 'zone1-100', role: 'primary', region: 'us-east-2', zone: 'us-east-2a', readOnlyRegion: false, serving: true },
      { id: 'zone2-101', role: 'replica', region: 'us-east-2', zone: 'us-east-2b', readOnlyRegion: false, serving: true, lagSeconds: fx.lagSeconds(1, fx.END) },
      { id: 'zone3-102', role: 'replica', region: 'us-east-2', zone: 'us-east-2c', readOnlyRegion: false, serving: true, lagSeconds: fx.lagSeconds(2, fx.END) },
      { id: 'zone4-103', role: 'replica', region: 'us-west-2', zone: 'us-west-2a', readOnlyRegion: true, serving: true, lagSeconds: fx.lagSeconds(3, fx.END) },
    ]);
  });

  it('the 4-shard keyspace: shards sorted by key range, a NOT_SERVING replica', async () => {
    const topology = await withTopology().getTopology({ database: 'commerce', branch: 'main', keyspace: 'customers' }, { signal: signal() });
    expect(topology.shards.map((s) => s.name)).toEqual(['-40', '40-80', '80-c0', 'c0-']);
    expect(topology.shards[1].keyRange).toEqual({ start: '40', end: '80' });
    expect(topology.shards.map((s) => s.tablets.map((t) => `${t.id}:${t.role}:${t.serving}`))).toEqual([
      ['zone1-200:primary:true', 'zone2-201:replica:true'],
      ['zone1-210:primary:true', 'zone2-211:replica:true'],
      ['zone1-220:primary:true', 'zone2-221:replica:true'],
      ['zone1-230:primary:true', 'zone2-231:replica:false'],
    ]);
  });

  it('an unknown keyspace → not-found naming the keyspaces there are; no topology option → not-found', async () => {
    const error = await withTopology().getTopology({ database: 'nope', branch: 'main' }, { signal: signal() }).catch((e) => e);
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('commerce, customers');
    const plain = await provider.getTopology({ database: 'commerce', branch: 'main' }, { signal: signal() }).catch((e) => e);
    expect(plain.kind).toBe('not-found');
  });
});
