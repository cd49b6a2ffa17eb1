// PrometheusProvider on recorded answers a healthy test server does not give (see test/fixtures/prometheus/README.md),
// plus the pure step / window / template rules.
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/model/errors.js';
import { parseMetricFrame } from '../../src/model/parse.js';
import type { ElementRef, MetricQuery } from '../../src/model/types.js';
import { PrometheusProvider, chooseRateWindow, chooseStep } from '../../src/providers/prometheus/index.js';
import { fillTemplate, promDuration, promString, queryWindow } from '../../src/providers/prometheus/queries.js';
import { fixtureFetch, fixtureJson, fixtureText, type RecordedResponse } from '../support/fixture-fetch.js';

const target: ElementRef = { kind: 'vtgates', database: 'commerce', branch: 'main', keyspace: 'commerce' };
/** 20 minutes at a 600 s step: the grid 1767224400, 1767225000, 1767225600 of the fixtures. */
const query: MetricQuery = { target, metric: 'connections', range: { from: 1_767_224_400_000, to: 1_767_225_600_000 }, stepSeconds: 600 };
const signal = () => new AbortController().signal;

function providerAnswering(response: RecordedResponse, headers?: Record<string, string>) {
  const fetch = fixtureFetch({ '/api/v1/query_range': response, '/api/v1/query': response });
  return { fetch, provider: new PrometheusProvider({ url: 'https://metrics.example.com/prometheus/', fetch, headers }) };
}

async function failure(response: RecordedResponse): Promise<DataError> {
  const error = await providerAnswering(response).provider.getMetrics(query, { signal: signal() }).catch((e) => e);
  expect(error).toBeInstanceOf(DataError);
  return error;
}

describe('PrometheusProvider: recorded answers', () => {
  it('keeps warnings on the frame, turns "NaN" into a gap and "+Inf" into a gap with a warning; the frame is a valid model', async () => {
    const { provider, fetch } = providerAnswering({ body: fixtureJson('prometheus/range-with-warnings.json') }, { 'X-Scope-OrgID': 'tenant-1' });
    const frame = await provider.getMetrics(query, { signal: signal() });
    expect(Array.from(frame.timestamps)).toEqual([1_767_224_400, 1_767_225_000, 1_767_225_600]);
    expect(frame.series).toHaveLength(1);
    expect(frame.series[0].values[0]).toBe(1.5);
    expect(Number.isNaN(frame.series[0].values[1])).toBe(true);
    expect(Number.isNaN(frame.series[0].values[2])).toBe(true);
    expect(frame.warnings?.[0]).toMatch(/might not be a counter/);
    expect(frame.warnings?.[1]).toMatch(/1 samples of "connections" were ±Inf/);
    expect(() => parseMetricFrame(frame)).not.toThrow();
    // Base URL with a path and trailing slash; the parameters Prometheus documents; the extra headers.
    const url = new URL(fetch.requests[0]);
    expect(url.pathname).toBe('/prometheus/api/v1/query_range');
    expect(Object.fromEntries(url.searchParams)).toEqual({ query: 'sum(vtgate_mysql_server_conn_count{job="vitess-vtgate"})', start: '1767224400', end: '1767225600', step: '600' });
    expect(fetch.headers[0]).toEqual({ 'X-Scope-OrgID': 'tenant-1' });
  });

  it('status "error" with HTTP 422 → http DataError with errorType and error text', async () => {
    const error = await failure({ status: 422, body: fixtureJson('prometheus/error-execution.json') });
    expect(error.kind).toBe('http');
    expect(error.status).toBe(422);
    expect(error.message).toContain('(execution): query processing would load too many samples');
  });

  it('a proxy’s HTML 502 page → http DataError with the status', async () => {
    const error = await failure({ status: 502, body: fixtureText('prometheus/proxy-502.html') });
    expect(error.kind).toBe('http');
    expect(error.status).toBe(502);
    expect(error.message).toContain('Prometheus answered HTTP 502');
  });

  it('truncated JSON with HTTP 200 → invalid-data DataError saying it is not JSON', async () => {
    const error = await failure({ body: fixtureText('prometheus/truncated.json.txt') });
    expect(error.kind).toBe('invalid-data');
    expect(error.message).toMatch(/not valid JSON/);
  });

  it('a vector where a matrix was asked for → invalid-data naming the field', async () => {
    const error = await failure({ body: fixtureJson('prometheus/instant-vector.json') });
    expect(error.kind).toBe('invalid-data');
    expect(error.message).toContain('data.resultType');
    expect(error.message).toContain('"vector"');
  });

  it('an unreadable sample value → invalid-data with its path', async () => {
    const error = await failure({ body: fixtureJson('prometheus/bad-sample.json') });
    expect(error.kind).toBe('invalid-data');
    expect(error.path).toBe('data.result[0].values[1][1]');
    expect(error.message).toContain('"twelve"');
  });

  it('an injected fetch that ignores the signal still ends in an aborted DataError', async () => {
    const controller = new AbortController();
    const provider = new PrometheusProvider({
      url: 'http://x',
      fetch: () => new Promise((resolve) => setTimeout(() => resolve(new Response(JSON.stringify(fixtureJson('prometheus/range-with-warnings.json')))), 20)),
    });
    const pending = provider.getMetrics(query, { signal: controller.signal });
    controller.abort();
    const error = await pending.catch((e) => e);
    expect(error).toBeInstanceOf(DataError);
    expect(error.kind).toBe('aborted');
  });

  it('rejects a missing url at construction', () => {
    expect(() => new PrometheusProvider({ url: '' })).toThrow(DataError);
  });
});

describe('Prometheus step, window and templates', () => {
  const hours = (h: number) => ({ from: 0, to: h * 3_600_000 });

  it('picks the finest nice step with ≤ 2 000 points for each range preset', () => {
    expect([0.25, 1, 3, 6, 12, 24, 48, 168].map((h) => chooseStep(hours(h)))).toEqual([1, 2, 10, 15, 30, 60, 120, 600]);
    for (const h of [0.25, 1, 3, 6, 12, 24, 48, 168]) {
      const points = (h * 3600) / chooseStep(hours(h)) + 1;
      expect(points).toBeGreaterThan(700);
      expect(points).toBeLessThanOrEqual(2001);
    }
  });

  it('honours stepSeconds but never exceeds 11 000 points; rejects a non-positive one', () => {
    expect(chooseStep(hours(6), 60)).toBe(60);
    expect(chooseStep(hours(6), 2.5)).toBe(3);
    expect(chooseStep(hours(168), 1)).toBe(55);
    expect(() => chooseStep(hours(1), 0)).toThrow(/stepSeconds/);
    expect(() => chooseStep({ from: 10, to: 10 })).toThrow(/end after it starts/);
  });

  it('rate window: 4 steps, at least 4 scrape intervals', () => {
    expect(chooseRateWindow(600, 15)).toBe(2400);
    expect(chooseRateWindow(2, 15)).toBe(60);
    expect(chooseRateWindow(30, 60)).toBe(240);
  });

  it('templates: known placeholders only; label values escaped; durations in Prometheus syntax', () => {
    expect(fillTemplate('a{$tablet}[$rate] $unknown', { tablet: 'x="1"', rate: '4m' })).toBe('a{x="1"}[4m] $unknown');
    expect(promString('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
    expect([90, 240, 7200].map(promDuration)).toEqual(['90s', '4m', '2h']);
  });

  it('window: the step grid inside the range, and its end as the newest point when off the grid; never past now', () => {
    const now = 1_767_225_612_345;
    // A week at 600 s steps read 12.345 s after a grid point: the grid up to that point, then the end itself.
    expect(queryWindow({ from: now - 7 * 86_400_000, to: now }, 600, now)).toEqual({ start: 1_766_621_400, end: 1_767_225_600, latest: 1_767_225_612.345 });
    // The end on the grid: nothing more to ask.
    expect(queryWindow({ from: 1_767_224_400_000, to: 1_767_225_600_000 }, 600, now)).toEqual({ start: 1_767_224_400, end: 1_767_225_600 });
    // Shorter than a step (a series younger than one step, a live tail): no grid point, only the end.
    const young = queryWindow({ from: now - 10_000, to: now }, 600, now);
    expect(young.end).toBeLessThan(young.start);
    expect(young.latest).toBe(now / 1000);
    // An end in the future is cut at now: Prometheus would draw the newest sample there for its lookback delta.
    expect(queryWindow({ from: now - 3_600_000, to: now + 600_000 }, 60, now)).toEqual({ start: 1_767_222_060, end: 1_767_225_600, latest: now / 1000 });
    // A range wholly in the future: nothing to ask.
    const future = queryWindow({ from: now + 60_000, to: now + 120_000 }, 1, now);
    expect(future.latest).toBeUndefined();
    expect(future.end).toBeLessThan(future.start);
  });
});

describe('PrometheusProvider: the newest point', () => {
  /** A Prometheus answering every range query with the docs' matrix on the asked grid, every instant query with a vector. */
  function prometheus(value: string) {
    const requests: URL[] = [];
    const fetch = async (url: string) => {
      const asked = new URL(url);
      requests.push(asked);
      const p = asked.searchParams;
      // Shapes: https://prometheus.io/docs/prometheus/latest/querying/api/#range-queries and #instant-queries.
      if (asked.pathname.endsWith('/query_range')) {
        const values: [number, string][] = [];
        for (let t = Number(p.get('start')); t <= Number(p.get('end')); t += Number(p.get('step'))) values.push([t, value]);
        return new Response(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values }] } }));
      }
      return new Response(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [Number(p.get('time')), value] }] } }));
    };
    return { requests, provider: new PrometheusProvider({ url: 'http://prometheus.test', fetch }) };
  }

  it('asks the grid by query_range and the off-grid end by an instant query of the same PromQL; the frame ends at the end', async () => {
    const { requests, provider } = prometheus('7');
    // Off the hour's 2 s grid whatever the clock says (a `to` on it would need no instant query).
    const to = Math.floor(Date.now() / 2_000) * 2_000 - 1234;
    const frame = await provider.getMetrics({ target, metric: 'connections', range: { from: to - 3_600_000, to } }, { signal: signal() });
    expect(requests.map((r) => r.pathname)).toEqual(['/api/v1/query_range', '/api/v1/query']);
    expect(requests[1].searchParams.get('query')).toBe(requests[0].searchParams.get('query'));
    expect(Number(requests[1].searchParams.get('time'))).toBe(to / 1000);
    const t = Array.from(frame.timestamps);
    expect(t[t.length - 1]).toBe(to / 1000);
    expect(t.slice(0, -1).every((x) => x % 2 === 0)).toBe(true); // the 2 s grid of an hour
    expect(Array.from(frame.series[0].values).every((v) => v === 7)).toBe(true);
    expect(() => parseMetricFrame(frame)).not.toThrow();
  });

  it('a range shorter than a step is only its end; an infinite newest value is a gap with a warning', async () => {
    const { requests, provider } = prometheus('+Inf');
    // Mid-way between two 600 s grid points: a range ending at "now" crossed one now and then, and was a range query.
    const to = Math.floor(Date.now() / 600_000) * 600_000 - 300_000 - 1234;
    const frame = await provider.getMetrics({ target, metric: 'connections', range: { from: to - 5_000, to }, stepSeconds: 600 }, { signal: signal() });
    expect(requests.map((r) => r.pathname)).toEqual(['/api/v1/query']);
    expect(Array.from(frame.timestamps)).toEqual([to / 1000]);
    expect(Number.isNaN(frame.series[0].values[0])).toBe(true);
    expect(frame.warnings).toEqual([expect.stringMatching(/1 samples of "connections" were ±Inf/)]);
  });
});
