// PlanetScaleProvider.getMetrics on the metrics API's answer shape of planetscale/cli's tests
// (test/fixtures/planetscale/metric-series.json), and what the metric card makes of it.
import { describe, expect, it } from 'vitest';
import { metricsFor } from '../../src/chart/catalogue.js';
import { loadCardData } from '../../src/elements/ps-metric-card/card-data.js';
import type { DataError } from '../../src/model/errors.js';
import type { ElementRef, MetricId, TabletRef } from '../../src/model/types.js';
import { PlanetScaleProvider } from '../../src/providers/planetscale/index.js';
import { stepsFor } from '../../src/providers/planetscale/metrics.js';
import { fixtureFetch, fixtureJson, type RecordedResponse } from '../support/fixture-fetch.js';

const BRANCH = '/organizations/acme/databases/shop/branches/main';
type Json = Record<string, unknown>;
const signal = () => new AbortController().signal;

/** The window of the transcribed answer: 16:00–17:00 on 2026-08-18, one point a minute. */
const HOUR = { from: Date.parse('2026-08-18T16:00:00Z'), to: Date.parse('2026-08-18T17:00:00Z') };
const T0 = HOUR.from / 1000;

/** The transcribed MetricSeries, its one series answering for `metric` (that test asked for `queries`). */
function series(metric: string, changes: Json = {}): Json {
  const answer = structuredClone(fixtureJson('planetscale/metric-series.json')) as { series: Json[] };
  answer.series[0] = { ...answer.series[0], metric, ...changes };
  return answer as Json;
}

/** An answer with one transcribed series per (metric, changes). */
function answer(...parts: [string, Json?][]): Json {
  const whole = series(parts[0][0], parts[0][1]);
  whole.series = parts.map(([metric, changes]) => (series(metric, changes).series as Json[])[0]);
  return whole;
}

/** Routes by path; the query is checked through `fetch.requests`. */
function provider(routes: Record<string, RecordedResponse | ((url: URL) => RecordedResponse)>) {
  const requests: URL[] = [];
  const fetch = async (url: string, init: { signal: AbortSignal }) => {
    const parsed = new URL(url, 'http://localhost');
    requests.push(parsed);
    const key = Object.keys(routes).find((k) => parsed.pathname.endsWith(k));
    const route = key ? routes[key] : undefined;
    const response = typeof route === 'function' ? route(parsed) : route;
    return fixtureFetch(response ? { [parsed.pathname]: response } : {})(url, init);
  };
  return { requests, provider: new PlanetScaleProvider({ url: '/ps', organization: 'acme', fetch }) };
}

/** The infrastructure of planetscale-go's test, plus a replica pod of the same shard. */
function infrastructure(): Json {
  const infra = structuredClone(fixtureJson('planetscale/infrastructure.json')) as { pods: Json[] };
  infra.pods.splice(1, 0, { ...infra.pods[0], name: 'vttablet-replica-b', tablet_type: 'replica' });
  return infra as Json;
}

const pod = (tabletId: string): TabletRef => ({ kind: 'tablet', database: 'shop', branch: 'main', keyspace: 'main', shard: '-', tabletId });
const gates: ElementRef = { kind: 'vtgates', database: 'shop', branch: 'main', keyspace: 'main' };
const query = (target: ElementRef, metric: MetricId, range = HOUR) => ({ target, metric, range });
const params = (url: URL) => ({ path: url.pathname, metrics: url.searchParams.getAll('metrics[]'), rest: Object.fromEntries([...url.searchParams].filter(([k]) => k !== 'metrics[]')) });

describe('PlanetScaleProvider.getMetrics: a tablet found by its pod', () => {
  it('CPU: get_tablet_metrics pod_cpu_usage for keyspace, shard and pod, from/to + steps; percent; missing minutes are gaps', async () => {
    const { provider: ps, requests } = provider({
      [`${BRANCH}/infrastructure`]: { body: infrastructure() },
      [`${BRANCH}/metrics/tablets`]: { body: series('pod_cpu_usage') },
    });
    const frame = await ps.getMetrics(query(pod('vttablet-abc123'), 'cpu'), { signal: signal() });
    expect(params(requests.find((u) => u.pathname.endsWith('/metrics/tablets'))!)).toEqual({
      path: `/ps${BRANCH}/metrics/tablets`,
      metrics: ['pod_cpu_usage'],
      rest: { from: '2026-08-18T16:00:00Z', to: '2026-08-18T17:00:00Z', steps: '240', keyspace: 'main', shard: '-', pod: 'vttablet-abc123' },
    });
    expect(frame.unit).toBe('percent');
    // start_date … end_date every `interval` (60 s): 61 steps, two with samples.
    expect(frame.timestamps.length).toBe(61);
    expect([frame.timestamps[0], frame.timestamps[60]]).toEqual([T0, T0 + 3600]);
    expect(frame.series.map((s) => s.label)).toEqual(['cpu']);
    expect([...frame.series[0].values.slice(0, 3)]).toEqual([912, 1048, Number.NaN]);
  });

  it('each tablet chart asks its own series, in the unit the card draws', async () => {
    const { provider: ps, requests } = provider({
      [`${BRANCH}/infrastructure`]: { body: infrastructure() },
      [`${BRANCH}/metrics/tablets`]: (url) => ({ body: answer(...url.searchParams.getAll('metrics[]').map((m): [string] => [m])) }),
    });
    const expected: [MetricId, string, string[]][] = [
      ['queries', 'per_second', ['pod_queries']],
      ['iops', 'iops', ['pod_iops']],
      ['memory', 'percent', ['pod_memory_usage']],
      ['replication_lag', 'seconds', ['replication_lag']],
      ['storage', 'bytes', ['shard_storage_usage', 'shard_storage_available']],
    ];
    for (const [metric, unit, names] of expected) {
      const frame = await ps.getMetrics(query(pod('vttablet-replica-b'), metric), { signal: signal() });
      expect([metric, frame.unit, requests.at(-1)!.searchParams.getAll('metrics[]')]).toEqual([metric, unit, names]);
      expect(frame.series[0].values[0]).toBe(912);
    }
  });

  it('replication lag of a replica pod: seconds as sent; of the primary pod: not-found (the card drops the chart)', async () => {
    const { provider: ps } = provider({
      [`${BRANCH}/infrastructure`]: { body: infrastructure() },
      [`${BRANCH}/metrics/tablets`]: { body: series('replication_lag', { points: [[T0, 0.2], [T0 + 60, null]] }) },
    });
    const lag = await ps.getMetrics(query(pod('vttablet-replica-b'), 'replication_lag'), { signal: signal() });
    expect([lag.series[0].label, lag.series[0].values[0], lag.series[0].values[1]]).toEqual(['lag', 0.2, Number.NaN]);
    const primary = await ps.getMetrics(query(pod('vttablet-abc123'), 'replication_lag'), { signal: signal() }).catch((e: DataError) => e);
    expect([(primary as DataError).kind, (primary as DataError).message]).toEqual(['not-found', 'vttablet-abc123 is its shard\'s primary: a primary has no replication lag.']);
  });

  it('reads and writes of the primary: its pod’s rows read, and the shard primary’s rows written (one request each)', async () => {
    const { provider: ps, requests } = provider({
      [`${BRANCH}/infrastructure`]: { body: infrastructure() },
      [`${BRANCH}/metrics/tablets`]: (url) => ({ body: series(url.searchParams.getAll('metrics[]')[0]) }),
    });
    const frame = await ps.getMetrics(query(pod('vttablet-abc123'), 'reads_writes'), { signal: signal() });
    expect(frame.series.map((s) => s.label)).toEqual(['reads', 'writes']);
    expect(requests.filter((u) => u.pathname.endsWith('/metrics/tablets')).map(params).map((p) => [p.metrics, p.rest.pod])).toEqual([
      [['pod_rows_read'], 'vttablet-abc123'],
      [['primary_rows_written'], undefined],
    ]);
    const replica = await ps.getMetrics(query(pod('vttablet-replica-b'), 'reads_writes'), { signal: signal() });
    expect(replica.series.map((s) => s.label)).toEqual(['reads']);
  });

  it('storage: used and available bytes of the shard → used and capacity (their sum)', async () => {
    const { provider: ps, requests } = provider({
      [`${BRANCH}/infrastructure`]: { body: infrastructure() },
      [`${BRANCH}/metrics/tablets`]: { body: answer(['shard_storage_usage'], ['shard_storage_available', { points: [[T0, 88], [T0 + 60, 52]] }]) },
    });
    const frame = await ps.getMetrics(query(pod('vttablet-abc123'), 'storage'), { signal: signal() });
    expect(frame.series.map((s) => [s.label, s.values[0], s.values[1]])).toEqual([['used', 912, 1048], ['capacity', 1000, 1100]]);
    const asked = params(requests.find((u) => u.pathname.endsWith('/metrics/tablets'))!);
    expect([asked.rest.pod, asked.rest.shard]).toEqual([undefined, '-']);
  });

  it('no series in the answer: one all-gap series (the chart says there is no data) rather than an error', async () => {
    const empty = { ...series('pod_cpu_usage'), series: [] };
    const { provider: ps } = provider({ [`${BRANCH}/infrastructure`]: { body: infrastructure() }, [`${BRANCH}/metrics/tablets`]: { body: empty } });
    const frame = await ps.getMetrics(query(pod('vttablet-abc123'), 'cpu'), { signal: signal() });
    expect(frame.series).toHaveLength(1);
    expect(frame.series[0].values.every(Number.isNaN)).toBe(true);
  });

  it('the pods are asked once for a whole card (cached), and without them the tablet is still found by its pod name', async () => {
    const { provider: ps, requests } = provider({
      [`${BRANCH}/infrastructure`]: { body: infrastructure() },
      [`${BRANCH}/metrics/tablets`]: (url) => ({ body: answer(...url.searchParams.getAll('metrics[]').map((m): [string] => [m])) }),
    });
    await Promise.all(['cpu', 'memory', 'queries'].map((m) => ps.getMetrics(query(pod('vttablet-abc123'), m as MetricId), { signal: signal() })));
    expect(requests.filter((u) => u.pathname.endsWith('/infrastructure'))).toHaveLength(1);
    const { provider: bare } = provider({ [`${BRANCH}/metrics/tablets`]: { body: series('pod_cpu_usage') } });
    expect((await bare.getMetrics(query(pod('vttablet-abc123'), 'cpu'), { signal: signal() })).series[0].values[0]).toBe(912);
  });
});

describe('PlanetScaleProvider.getMetrics: tablets drawn without the infrastructure (no pod name)', () => {
  const shaped = (id: string): TabletRef => ({ ...pod(id), keyspace: 'main', shard: '-' });

  it('the primary by its shard: primary_* series, no pod filter', async () => {
    const { provider: ps, requests } = provider({ [`${BRANCH}/metrics/tablets`]: (url) => ({ body: answer(...url.searchParams.getAll('metrics[]').map((m): [string] => [m])) }) });
    const cpu = await ps.getMetrics(query(shaped('main/-/primary'), 'cpu'), { signal: signal() });
    expect(cpu.series[0].values[0]).toBe(912);
    const rw = await ps.getMetrics(query(shaped('main/-/primary'), 'reads_writes'), { signal: signal() });
    expect(rw.series.map((s) => s.label)).toEqual(['reads', 'writes']);
    expect(requests.map(params).map((p) => [p.metrics, p.rest.pod])).toEqual([
      [['primary_cpu_usage'], undefined],
      [['primary_rows_read', 'primary_rows_written'], undefined],
    ]);
  });

  it('a replica cannot be told from its siblings: not-found naming the infrastructure route; its shard’s storage still answers', async () => {
    const { provider: ps } = provider({ [`${BRANCH}/metrics/tablets`]: { body: answer(['shard_storage_usage'], ['shard_storage_available']) } });
    const error = (await ps.getMetrics(query(shaped('main/-/replica-1'), 'cpu'), { signal: signal() }).catch((e) => e)) as DataError;
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('branch infrastructure route');
    expect((await ps.getMetrics(query(shaped('main/-/replica-1'), 'storage'), { signal: signal() })).series.map((s) => s.label)).toEqual(['used', 'capacity']);
  });
});

describe('PlanetScaleProvider.getMetrics: VTGates from branch metrics', () => {
  it('latency: vtgate_latency_p50 and _p95 from get_branch_metrics, milliseconds → seconds, no filters', async () => {
    const { provider: ps, requests } = provider({ [`${BRANCH}/metrics`]: { body: answer(['vtgate_latency_p50'], ['vtgate_latency_p95', { points: [[T0, 2500]] }]) } });
    const frame = await ps.getMetrics(query(gates, 'latency'), { signal: signal() });
    expect(params(requests[0])).toEqual({
      path: `/ps${BRANCH}/metrics`,
      metrics: ['vtgate_latency_p50', 'vtgate_latency_p95'],
      rest: { from: '2026-08-18T16:00:00Z', to: '2026-08-18T17:00:00Z', steps: '240' },
    });
    expect(frame.unit).toBe('seconds');
    expect(frame.series.map((s) => [s.label, s.values[0]])).toEqual([['p50', 0.912], ['p95', 2.5]]);
  });

  it('CPU by availability zone: one series per zone, named by its dimensions', async () => {
    const { provider: ps } = provider({
      [`${BRANCH}/metrics`]: { body: answer(['vtgate_cpu_by_az', { labels: { cell: 'us-east-1a' } }], ['vtgate_cpu_by_az', { labels: { cell: 'us-east-1b' } }]) },
    });
    const frame = await ps.getMetrics(query(gates, 'cpu'), { signal: signal() });
    expect([frame.unit, frame.series.map((s) => s.label)]).toEqual(['percent', ['us-east-1a', 'us-east-1b']]);
  });

  it('connections, queries received, memory; what VTGates do not have is not-found', async () => {
    const { provider: ps, requests } = provider({ [`${BRANCH}/metrics`]: (url) => ({ body: series(url.searchParams.getAll('metrics[]')[0]) }) });
    expect((await ps.getMetrics(query(gates, 'connections'), { signal: signal() })).unit).toBe('count');
    expect((await ps.getMetrics(query(gates, 'queries'), { signal: signal() })).unit).toBe('per_second');
    expect((await ps.getMetrics(query(gates, 'memory'), { signal: signal() })).unit).toBe('percent');
    expect(requests.map((u) => u.searchParams.getAll('metrics[]'))).toEqual([['connections'], ['vtgate_requests'], ['vtgate_memory_by_az']]);
    expect(((await ps.getMetrics(query(gates, 'iops'), { signal: signal() }).catch((e) => e)) as DataError).kind).toBe('not-found');
  });

  it('503 of the metrics service, 404 of a branch without metrics: each its own message', async () => {
    const down = await provider({ [`${BRANCH}/metrics`]: { status: 503, body: '' } }).provider.getMetrics(query(gates, 'cpu'), { signal: signal() }).catch((e) => e);
    expect([down.kind, down.status, down.message]).toEqual(['http', 503, `PlanetScale's metrics service is unavailable (PlanetScale API ${BRANCH}/metrics answered 503); try again later.`]);
    const none = await provider({}).provider.getMetrics(query(gates, 'cpu'), { signal: signal() }).catch((e) => e);
    expect([none.kind, none.message]).toEqual(['not-found', expect.stringContaining('has no metrics for branch "main" (tablet metrics are for Vitess branches only)')]);
  });
});

describe('steps and ranges', () => {
  it('one point per 15 s, at most 720; a live-refresh tail keeps the card’s step', () => {
    const range = (minutes: number) => ({ from: 0, to: minutes * 60_000 });
    expect([stepsFor(range(15)), stepsFor(range(60)), stepsFor(range(360)), stepsFor(range(7 * 24 * 60))]).toEqual([60, 240, 720, 720]);
    expect(stepsFor(range(5), 30)).toBe(10);
    expect(stepsFor({ from: 0, to: 10_000 }, 30)).toBe(1);
  });
});

describe('the metric card on PlanetScale metrics', () => {
  it('a primary’s card: every chart loads, and no replication-lag chart once the role is known', async () => {
    const { provider: ps } = provider({
      [`${BRANCH}/infrastructure`]: { body: infrastructure() },
      [`${BRANCH}/metrics/tablets`]: (url) => ({ body: answer(...url.searchParams.getAll('metrics[]').map((m): [string] => [m])) }),
    });
    const data = await loadCardData({ provider: ps, target: pod('vttablet-abc123'), range: { absolute: HOUR }, known: { role: 'primary', region: 'us-east' }, now: HOUR.to, signal: signal() });
    expect(data.metrics.map((m) => [m.spec.id, m.error?.message ?? 'ok'])).toEqual(metricsFor(pod('x'), 'primary').map((s) => [s.id, 'ok']));
  });

  it('a card whose role is unknown drops the lag chart of a primary (not-found), and shows the others', async () => {
    const { provider: ps } = provider({
      [`${BRANCH}/infrastructure`]: { body: infrastructure() },
      [`${BRANCH}/metrics/tablets`]: (url) => ({ body: answer(...url.searchParams.getAll('metrics[]').map((m): [string] => [m])) }),
    });
    const data = await loadCardData({ provider: ps, target: pod('vttablet-abc123'), range: { absolute: HOUR }, known: { region: 'us-east' }, now: HOUR.to, signal: signal() });
    expect(data.metrics.map((m) => m.spec.id)).not.toContain('replication_lag');
    expect(data.metrics.every((m) => !m.error)).toBe(true);
  });
});
