// PrometheusProvider.getKeyspaceHeatmap against a real Prometheus loaded with test/support/vitess-series.ts, whose
// vtgate_vttablet_call_* series carry the labels vtgate's ScatterConn gives them (go/vt/vtgate/scatter_conn.go).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../src/model/errors.js';
import type { KeyspaceHeatmapQuery } from '../../src/model/heatmap.js';
import { PrometheusProvider } from '../../src/providers/prometheus/index.js';
import { heatmapFromMatrix, heatmapPromQL } from '../../src/providers/prometheus/heatmap.js';
import { startPrometheus, type RunningPrometheus } from '../support/prometheus.js';
import * as fx from '../support/vitess-series.js';

let server: RunningPrometheus;
let requests: string[] = [];
let provider: PrometheusProvider;

beforeAll(async () => {
  server = await startPrometheus();
  const fetch: typeof globalThis.fetch = (input, init) => {
    requests.push(String(input));
    return globalThis.fetch(input, init);
  };
  provider = new PrometheusProvider({ url: server.url, scrapeIntervalSeconds: fx.INTERVAL, fetch });
}, 180_000);

afterAll(async () => {
  await server?.stop();
}, 30_000);

const signal = () => new AbortController().signal;
const week = (metric: KeyspaceHeatmapQuery['metric'], keyspace = 'customers'): KeyspaceHeatmapQuery => ({
  keyspace: { database: 'commerce', branch: 'main', keyspace },
  metric,
  range: { from: fx.START * 1000, to: fx.END * 1000 },
});
/** A week → 600 s columns (the finest nice step within 1 500 columns); rate windows span 4 steps. */
const STEP = 600;
const WINDOW = 4 * STEP;

describe('PrometheusProvider: keyspace heatmap', () => {
  it('answers every shard of a keyspace from one range query of vtgate_vttablet_call_count, summed over gates and tablet types', async () => {
    requests = [];
    const heatmap = await provider.getKeyspaceHeatmap(week('queries'), { signal: signal() });
    expect(requests).toHaveLength(1);
    const url = new URL(requests[0]);
    expect(url.pathname).toBe('/api/v1/query_range');
    expect(url.searchParams.get('query')).toBe('sum by (shard_name) (rate(vtgate_vttablet_call_count{keyspace="customers"}[2400s]))');
    expect(url.searchParams.get('step')).toBe(String(STEP));
    expect(heatmap.unit).toBe('per_second');
    expect(heatmap.shards.map((s) => s.name)).toEqual(fx.CUSTOMER_SHARDS);
    expect(heatmap.shards[2].keyRange).toEqual({ start: '80', end: 'c0' });
    const columns = heatmap.timestamps.length;
    expect(columns).toBe((fx.END - fx.START) / STEP + 1);
    let checked = 0;
    fx.CUSTOMER_SHARDS.forEach((_, shard) => {
      heatmap.timestamps.forEach((t, column) => {
        if (t - WINDOW < fx.START) return;
        let want = 0;
        for (const gate of fx.GATES) for (const dbType of ['primary', 'replica'] as const) want += fx.expectedRate(fx.vttabletCallBase(shard, gate.g, dbType), t, WINDOW);
        const got = heatmap.values[shard * columns + column];
        // Float32 storage: seven significant digits.
        if (Math.abs(got - want) > 1e-6 * want) throw new Error(`shard ${shard} at ${t}: expected ${want}, got ${got}`);
        checked++;
      });
    });
    expect(checked).toBeGreaterThan(4 * (columns - 5));
  });

  it('errors come from vtgate_vttablet_call_error_count: only the shard that failed has a row', async () => {
    const heatmap = await provider.getKeyspaceHeatmap(week('errors'), { signal: signal() });
    expect(heatmap.shards.map((s) => s.name)).toEqual(['c0-']);
    const last = heatmap.timestamps.length - 1;
    expect(heatmap.values[last]).toBeCloseTo(fx.expectedRate(fx.VTTABLET_CALL_ERROR_BASE, fx.END, WINDOW), 5);
  });

  it('a keyspace vtgate never routed to is not-found, not an empty picture', async () => {
    const error = await provider.getKeyspaceHeatmap(week('queries', 'nowhere'), { signal: signal() }).catch((e) => e);
    expect(error).toBeInstanceOf(DataError);
    expect(error.kind).toBe('not-found');
  });

  it('metrics stock Vitess has no per-shard series for are not-found without a request, and an override supplies one', async () => {
    requests = [];
    for (const metric of ['reads', 'writes', 'replication_lag', 'cpu'] as const) {
      const error = await provider.getKeyspaceHeatmap(week(metric), { signal: signal() }).catch((e) => e);
      expect(error.kind, metric).toBe('not-found');
      expect(error.message).toMatch(/heatmap: \{/);
    }
    expect(requests).toHaveLength(0);
    const custom = new PrometheusProvider({
      url: server.url,
      scrapeIntervalSeconds: fx.INTERVAL,
      // The fixture's relabelled vttablet series carry `shard` (test/support/vitess-series.ts tabletLabels).
      heatmap: { replication_lag: 'max by (shard) (vttablet_replication_lag_sec{keyspace="$keyspace"})' },
    });
    const lag = await custom.getKeyspaceHeatmap(week('replication_lag', 'commerce'), { signal: signal() });
    expect(lag.shards.map((s) => s.name)).toEqual(['-']);
    expect(lag.unit).toBe('seconds');
  });
});

describe('heatmap PromQL and matrix decoding', () => {
  it('escapes the keyspace inside the label matcher', () => {
    expect(heatmapPromQL({ ...week('queries'), keyspace: { database: 'd', branch: 'b', keyspace: 'a"b\\c' } }, 60))
      .toBe('sum by (shard_name) (rate(vtgate_vttablet_call_count{keyspace="a\\"b\\\\c"}[60s]))');
  });

  it('rejects series without a shard label, and two series of one shard', () => {
    const series = (labels: Record<string, string>) => ({ labels, samples: [[600, 1]] as [number, number][], infinite: 0 });
    expect(() => heatmapFromMatrix('queries', { result: [series({ job: 'x' })], warnings: [] }, 'q', 600, 600, 600)).toThrow(/group by shard/);
    expect(() => heatmapFromMatrix('queries', { result: [series({ shard_name: '-80' }), series({ shard_name: '-80' })], warnings: [] }, 'q', 600, 600, 600))
      .toThrow(/two series for shard -80/);
    const heatmap = heatmapFromMatrix('queries', { result: [series({ shard_name: '80-' }), series({ shard_name: 'x-80' })], warnings: [] }, 'q', 600, 600, 600);
    expect(heatmap.shards.map((s) => s.name)).toEqual(['80-']);
    expect(heatmap.warnings?.[0]).toMatch(/not shard names.*x-80/);
  });
});
