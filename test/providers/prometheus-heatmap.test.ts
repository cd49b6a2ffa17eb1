// PrometheusProvider.getKeyspaceHeatmap against a real Prometheus backfilled with the series vtgate's ScatterConn
// exports per shard — `vtgate_vttablet_call_count` (the `_count` of the `VttabletCall` MultiTimings histogram) and
// `vtgate_vttablet_call_error_count`, labels operation, keyspace, shard_name, db_type (vitessio/vitess
// go/vt/vtgate/scatter_conn.go NewScatterConn; go/stats/prometheusbackend/collectors.go) — over one day.
import { createWriteStream } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../src/model/errors.js';
import type { KeyspaceHeatmapQuery } from '../../src/model/heatmap.js';
import { PrometheusProvider } from '../../src/providers/prometheus/index.js';
import { heatmapFromMatrix, heatmapPromQL } from '../../src/providers/prometheus/heatmap.js';
import { startBackfilled, type RunningEngine } from '../support/prometheus.js';

const INTERVAL = 60;
/** 2026-01-01T00:00:00Z, a fixed end so every run writes the same data. */
const END = 1_767_225_600;
const START = END - 86_400;
const GATES = [0, 1, 2];
const CUSTOMER_SHARDS = ['-40', '40-80', '80-c0', 'c0-'];
/** Calls per second per gate, shard and tablet type; `80-c0` is the hot shard. */
const callBase = (shard: number, gate: number, dbType: 'primary' | 'replica') => (shard === 2 ? 120 : 20 + 5 * shard) + 2 * gate + (dbType === 'replica' ? 7 : 0);
/** Failed calls per second: only `c0-`, on gate 0. */
const ERROR_BASE = 0.5;
/** Counter growth per second, relative: 1 at 00:00 UTC rising to 1.958 at 23:00, constant within each hour. */
const unitRate = (t: number) => 1 + (Math.floor(t / 3600) % 24) / 24;
const UNIT = new Float64Array((END - START) / INTERVAL + 1);
for (let k = 1; k < UNIT.length; k++) UNIT[k] = UNIT[k - 1] + INTERVAL * unitRate(START + (k - 1) * INTERVAL);
const counter = (base: number, t: number) => base * (1000 + UNIT[(t - START) / INTERVAL]);
/** What rate(counter[window]) is at a sample time whose window starts at a sample time too. */
const expectedRate = (base: number, t: number, window: number) => (counter(base, t) - counter(base, t - window)) / window;

const OPERATOR_TABLETS = [
  { shard: 'x-80', uid: '0000000201', poller: 1.5, heartbeat: 0, selects: 10, inserts: 2 },
  { shard: 'x-80', uid: '0000000202', poller: 3, heartbeat: 0, selects: 6, inserts: 0 },
  { shard: '80-x', uid: '0000000301', poller: 0, heartbeat: 2.5, selects: 4, inserts: 1 },
];

async function writeSeries(file: string): Promise<void> {
  const out = createWriteStream(file);
  const labels = (o: Record<string, string>) => Object.entries(o).map(([k, v]) => `${k}="${v}"`).join(',');
  const series: [string, (t: number) => number][] = [];
  for (const gate of GATES) {
    const target = { job: 'vitess-vtgate', instance: `vtgate-${gate}:15001` };
    CUSTOMER_SHARDS.forEach((shard, i) => {
      for (const dbType of ['primary', 'replica'] as const) {
        series.push([`vtgate_vttablet_call_count{${labels({ ...target, operation: 'Execute', keyspace: 'customers', shard_name: shard, db_type: dbType })}}`, (t) => counter(callBase(i, gate, dbType), t)]);
      }
    });
  }
  series.push([`vtgate_vttablet_call_error_count{${labels({ job: 'vitess-vtgate', instance: 'vtgate-0:15001', operation: 'Execute', keyspace: 'customers', shard_name: 'c0-', db_type: 'primary' })}}`, (t) => counter(ERROR_BASE, t)]);
  // A relabelled vttablet lag gauge (a shard label added by the scrape config), for the override test.
  series.push([`vttablet_replication_lag_sec{${labels({ job: 'vitess-vttablet', keyspace: 'commerce', shard: '-' })}}`, (t) => ((t / 60) % 30) / 2]);
  // Tablets as the vitess-operator preset's scrape config labels them (examples/prometheus/operator/prometheus.yml:
  // job vitess-vttablet, keyspace, shard as the operator's safe name, cell, tablet_uid, pool_type). Shard x-80 runs
  // the polling tracker (lag 1.5 s and 3 s), 80-x the heartbeat reader (2.5 s; its poller gauge stays 0).
  for (const tablet of OPERATOR_TABLETS) {
    const target = labels({ job: 'vitess-vttablet', keyspace: 'customers', shard: tablet.shard, cell: 'zone1', tablet_uid: tablet.uid, pool_type: 'replica' });
    series.push([`vttablet_replication_lag_sec{${target}}`, () => tablet.poller]);
    series.push([`vttablet_heartbeat_current_lag_ns{${target}}`, () => tablet.heartbeat * 1e9]);
    series.push([`vttablet_query_counts{${target},plan="Select",table="corder"}`, (t) => counter(tablet.selects, t)]);
    series.push([`vttablet_query_counts{${target},plan="Insert",table="corder"}`, (t) => counter(tablet.inserts, t)]);
  }
  // OpenMetrics wants each family in one block: sorted by name.
  series.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, value] of series) {
    const lines: string[] = [];
    for (let t = START; t <= END; t += INTERVAL) lines.push(`${name} ${value(t)} ${t}\n`);
    if (!out.write(lines.join(''))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.write('# EOF\n');
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

let server: RunningEngine;
let requests: string[] = [];
let provider: PrometheusProvider;

beforeAll(async () => {
  server = await startBackfilled(writeSeries);
  const fetch: typeof globalThis.fetch = (input, init) => {
    requests.push(String(input));
    return globalThis.fetch(input, init);
  };
  provider = new PrometheusProvider({ url: server.url, scrapeIntervalSeconds: INTERVAL, fetch });
}, 180_000);

afterAll(async () => {
  await server?.stop();
}, 30_000);

const signal = () => new AbortController().signal;
const day = (metric: KeyspaceHeatmapQuery['metric'], keyspace = 'customers'): KeyspaceHeatmapQuery => ({
  keyspace: { database: 'commerce', branch: 'main', keyspace },
  metric,
  range: { from: START * 1000, to: END * 1000 },
});
/** A day → 60 s columns (the finest nice step within 1 500 columns); rate windows span 4 steps. */
const STEP = 60;
const WINDOW = 4 * STEP;

describe('PrometheusProvider: keyspace heatmap', () => {
  it('answers every shard of a keyspace from one range query of vtgate_vttablet_call_count, summed over gates and tablet types', async () => {
    requests = [];
    const heatmap = await provider.getKeyspaceHeatmap(day('queries'), { signal: signal() });
    expect(requests).toHaveLength(1);
    const url = new URL(requests[0]);
    expect(url.pathname).toBe('/api/v1/query_range');
    expect(url.searchParams.get('query')).toBe('sum by (shard_name) (rate(vtgate_vttablet_call_count{keyspace="customers"}[240s]))');
    expect(url.searchParams.get('step')).toBe(String(STEP));
    expect(heatmap.unit).toBe('per_second');
    expect(heatmap.shards.map((s) => s.name)).toEqual(CUSTOMER_SHARDS);
    expect(heatmap.shards[2].keyRange).toEqual({ start: '80', end: 'c0' });
    const columns = heatmap.timestamps.length;
    expect(columns).toBe((END - START) / STEP + 1);
    let checked = 0;
    CUSTOMER_SHARDS.forEach((_, shard) => {
      heatmap.timestamps.forEach((t, column) => {
        if (t - WINDOW < START) return;
        let want = 0;
        for (const gate of GATES) for (const dbType of ['primary', 'replica'] as const) want += expectedRate(callBase(shard, gate, dbType), t, WINDOW);
        const got = heatmap.values[shard * columns + column];
        // Float32 storage: seven significant digits.
        if (Math.abs(got - want) > 1e-6 * want) throw new Error(`shard ${shard} at ${t}: expected ${want}, got ${got}`);
        checked++;
      });
    });
    expect(checked).toBeGreaterThan(4 * (columns - 5));
  });

  it('errors come from vtgate_vttablet_call_error_count: only the shard that failed has a row', async () => {
    const heatmap = await provider.getKeyspaceHeatmap(day('errors'), { signal: signal() });
    expect(heatmap.shards.map((s) => s.name)).toEqual(['c0-']);
    const last = heatmap.timestamps.length - 1;
    expect(heatmap.values[last]).toBeCloseTo(expectedRate(ERROR_BASE, END, WINDOW), 5);
  });

  it('a keyspace vtgate never routed to is not-found, not an empty picture', async () => {
    const error = await provider.getKeyspaceHeatmap(day('queries', 'nowhere'), { signal: signal() }).catch((e) => e);
    expect(error).toBeInstanceOf(DataError);
    expect(error.kind).toBe('not-found');
  });

  it('metrics stock Vitess has no per-shard series for are not-found without a request, and an override supplies one', async () => {
    requests = [];
    for (const metric of ['reads', 'writes', 'replication_lag', 'cpu'] as const) {
      const error = await provider.getKeyspaceHeatmap(day(metric), { signal: signal() }).catch((e) => e);
      expect(error.kind, metric).toBe('not-found');
      expect(error.message).toMatch(/heatmap: \{/);
    }
    expect(requests).toHaveLength(0);
    const custom = new PrometheusProvider({
      url: server.url,
      scrapeIntervalSeconds: INTERVAL,
      // The relabelled vttablet series above carry `keyspace` and `shard`.
      heatmap: { replication_lag: 'max by (shard) (vttablet_replication_lag_sec{keyspace="$keyspace"})' },
    });
    const lag = await custom.getKeyspaceHeatmap(day('replication_lag', 'commerce'), { signal: signal() });
    expect(lag.shards.map((s) => s.name)).toEqual(['-']);
    expect(lag.unit).toBe('seconds');
  });
});

describe('PrometheusProvider: per-tablet heatmaps through a preset that labels tablets with their shard', () => {
  it('vitess-operator: worst replica lag per shard (poller or heartbeat), reads and writes by plan; safe names decoded', async () => {
    const operator = new PrometheusProvider({ url: server.url, scrapeIntervalSeconds: INTERVAL, preset: 'operator' });
    const lag = await operator.getKeyspaceHeatmap(day('replication_lag'), { signal: signal() });
    expect(lag.shards.map((s) => s.name)).toEqual(['-80', '80-']);
    const columns = lag.timestamps.length;
    expect(lag.values[columns - 1]).toBe(3);
    expect(lag.values[2 * columns - 1]).toBe(2.5);
    const reads = await operator.getKeyspaceHeatmap(day('reads'), { signal: signal() });
    expect(reads.values[columns - 1]).toBeCloseTo(expectedRate(10 + 6, END, WINDOW), 4);
    const writes = await operator.getKeyspaceHeatmap(day('writes'), { signal: signal() });
    expect(writes.values[2 * columns - 1]).toBeCloseTo(expectedRate(1, END, WINDOW), 4);
    // CPU is a container series without a shard label: still not-found.
    const cpu = await operator.getKeyspaceHeatmap(day('cpu'), { signal: signal() }).catch((e) => e);
    expect(cpu.kind).toBe('not-found');
  });

  it('the default (mixin) preset has no shard label on tablets: lag is not-found and says which presets have it', async () => {
    const error = await provider.getKeyspaceHeatmap(day('replication_lag'), { signal: signal() }).catch((e) => e);
    expect(error.kind).toBe('not-found');
    expect(error.message).toMatch(/relabelled.*operator/);
  });
});

describe('heatmap PromQL and matrix decoding', () => {
  it('escapes the keyspace inside the label matcher', () => {
    expect(heatmapPromQL({ ...day('queries'), keyspace: { database: 'd', branch: 'b', keyspace: 'a"b\\c' } }, 60))
      .toBe('sum by (shard_name) (rate(vtgate_vttablet_call_count{keyspace="a\\"b\\\\c"}[60s]))');
  });

  it('rejects series without a shard label, and two series of one shard', () => {
    const series = (labels: Record<string, string>) => ({ labels, times: Float64Array.of(600), values: Float64Array.of(1), infinite: 0 });
    expect(() => heatmapFromMatrix('queries', { result: [series({ job: 'x' })], warnings: [] }, 'q', 600, 600, 600)).toThrow(/group by shard/);
    expect(() => heatmapFromMatrix('queries', { result: [series({ shard_name: '-80' }), series({ shard_name: '-80' })], warnings: [] }, 'q', 600, 600, 600))
      .toThrow(/two series for shard -80/);
    const heatmap = heatmapFromMatrix('queries', { result: [series({ shard_name: '80-' }), series({ shard_name: 'x-80' })], warnings: [] }, 'q', 600, 600, 600);
    expect(heatmap.shards.map((s) => s.name)).toEqual(['80-']);
    expect(heatmap.warnings?.[0]).toMatch(/not shard names.*x-80/);
  });
});
