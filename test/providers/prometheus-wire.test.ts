// PrometheusProvider on recorded answers a healthy test server does not give (see test/fixtures/prometheus/README.md),
// plus the pure step / window / template rules.
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/model/errors.js';
import { parseMetricFrame } from '../../src/model/parse.js';
import type { ElementRef, MetricQuery } from '../../src/model/types.js';
import { PrometheusProvider, chooseRateWindow, chooseStep } from '../../src/providers/prometheus/index.js';
import { fillTemplate, promDuration, promString } from '../../src/providers/prometheus/queries.js';
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
});
