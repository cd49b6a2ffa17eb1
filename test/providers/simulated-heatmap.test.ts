// SimulatedProvider.getKeyspaceHeatmap: believable skew, the daily cycle, a hot spot at a known time, a reshard that
// changes the grid; deterministic by seed and clock. Plus combineProviders passing the method through.
import { describe, expect, it } from 'vitest';
import { heatmapGeometry } from '../../src/chart/heatmap/geometry.js';
import { runToEnd } from '../../src/model/sliced.js';
import { columnMedians, summarizeHeatmap } from '../../src/chart/heatmap/stats.js';
import { DataError } from '../../src/model/errors.js';
import { HEATMAP_METRICS, HEATMAP_UNITS, parseKeyspaceHeatmap, type HeatmapMetric, type KeyspaceHeatmapQuery } from '../../src/model/heatmap.js';
import { combineProviders } from '../../src/providers/combine.js';
import { heatmapHistory } from '../../src/providers/simulated/heatmap.js';
import { SimulatedProvider } from '../../src/providers/simulated/index.js';
import { VTAdminProvider } from '../../src/providers/vtadmin/index.js';

const NOW = Date.UTC(2026, 0, 14, 15, 0, 0);
const HOUR = 3_600_000;
const signal = () => new AbortController().signal;
const provider = (shards = 8, seed = 1) => new SimulatedProvider({ scenario: 'sharded', shards, seed, now: () => NOW });
const query = (metric: HeatmapMetric, hours: number, extra: Partial<KeyspaceHeatmapQuery> = {}): KeyspaceHeatmapQuery => ({
  keyspace: { database: 'shop', branch: 'main', keyspace: 'shop' },
  metric,
  range: { from: NOW - hours * HOUR, to: NOW },
  ...extra,
});

describe('SimulatedProvider: keyspace heatmap', () => {
  it('is deterministic for a seed and a clock, and differs between seeds', async () => {
    const a = await provider().getKeyspaceHeatmap(query('queries', 6), { signal: signal() });
    const b = await provider().getKeyspaceHeatmap(query('queries', 6), { signal: signal() });
    const c = await provider(8, 2).getKeyspaceHeatmap(query('queries', 6), { signal: signal() });
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    expect(Array.from(a.values)).not.toEqual(Array.from(c.values));
  });

  it('every metric is a valid heatmap in its unit', async () => {
    for (const metric of HEATMAP_METRICS) {
      const heatmap = await provider().getKeyspaceHeatmap(query(metric, 1), { signal: signal() });
      expect(heatmap.unit).toBe(HEATMAP_UNITS[metric]);
      expect(() => parseKeyspaceHeatmap(heatmap)).not.toThrow();
      expect(heatmap.shards.map((s) => s.name)).toEqual(['-20', '20-40', '40-60', '60-80', '80-a0', 'a0-c0', 'c0-e0', 'e0-']);
    }
  });

  it('a week shows the reshard: four shards until the cut-over, the eight of the topology after it', async () => {
    const sim = provider();
    const heatmap = await sim.getKeyspaceHeatmap(query('queries', 7 * 24), { signal: signal() });
    const topology = await sim.getTopology({ database: 'shop', branch: 'main' }, { signal: signal() });
    const geometry = heatmapGeometry(heatmap);
    expect(geometry.changes).toHaveLength(1);
    const history = heatmapHistory(1, NOW, 8);
    expect(geometry.changes[0].at).toBe(history.reshardAt);
    expect(geometry.changes[0].ended).toEqual(['-40', '40-80', '80-c0', 'c0-']);
    expect(geometry.changes[0].started).toEqual(topology.shards.map((s) => s.name));
    // Coverage is whole on both sides of the cut-over.
    expect(geometry.segments.every((s) => s.issues.length === 0)).toBe(true);
    // Traffic does not jump at the cut-over: a source carries what its two targets carry.
    const columns = heatmap.timestamps.length;
    const step = geometry.changes[0].step;
    const before = geometry.rows.filter((r) => r.last === step - 1).reduce((sum, r) => sum + heatmap.values[r.shard * columns + step - 1], 0);
    const after = geometry.rows.filter((r) => r.first === step).reduce((sum, r) => sum + heatmap.values[r.shard * columns + step], 0);
    expect(after / before).toBeGreaterThan(0.8);
    expect(after / before).toBeLessThan(1.25);
    expect(columns).toBeGreaterThanOrEqual(1000);
    // Shards come in key order (each source between its two targets), so validating them copies nothing.
    const parsed = parseKeyspaceHeatmap(heatmap);
    expect(parsed.shards.map((s) => s.name)).toEqual(heatmap.shards.map((s) => s.name));
    expect(parsed.values).toBe(heatmap.values);
  });

  it('the hot spot is the hottest shard now, hot since the known time; the daily cycle moves every shard', async () => {
    const heatmap = await provider(64).getKeyspaceHeatmap(query('queries', 6), { signal: signal() });
    const geometry = heatmapGeometry(heatmap);
    const medians = runToEnd(columnMedians(heatmap, new Float32Array(geometry.columns)));
    const summary = summarizeHeatmap(heatmap, geometry, medians);
    const history = heatmapHistory(1, NOW, 64);
    expect(summary.hottest?.row.shard).toBe(history.hotSpotShard);
    expect(summary.hottest!.ratio).toBeGreaterThan(5);
    const since = heatmap.timestamps[summary.hottest!.hotSince!];
    expect(Math.abs(since - history.hotSpotAt)).toBeLessThanOrEqual(300);
    // A few steady hot shards: the top 1 % (one shard of 64) carries well over its 1/64.
    expect(summary.skew!.share).toBeGreaterThan(3 / 64);
    // The daily cycle: the median shard at 15:00 UTC is busier than at 03:00 UTC.
    const day = await provider(64).getKeyspaceHeatmap(query('queries', 24), { signal: signal() });
    const dayMedians = runToEnd(columnMedians(day, new Float32Array(day.timestamps.length)));
    const at = (hour: number) => dayMedians[day.timestamps.findIndex((t) => new Date(t * 1000).getUTCHours() === hour)];
    expect(at(14)).toBeGreaterThan(at(3) * 1.5);
  });

  it('1 024 shards × 7 days is about a million cells at ≥ 1 000 columns', async () => {
    const heatmap = await provider(1024).getKeyspaceHeatmap(query('queries', 7 * 24), { signal: signal() });
    expect(heatmap.timestamps.length).toBeGreaterThanOrEqual(1000);
    expect(heatmap.shards.length).toBe(1024 + 512);
    expect(heatmap.values.length).toBe(heatmap.shards.length * heatmap.timestamps.length);
  });

  it('an unsharded keyspace is one row; a bad metric is invalid-data; an abort is aborted', async () => {
    const single = await new SimulatedProvider({ scenario: 'production', now: () => NOW }).getKeyspaceHeatmap(query('queries', 1), { signal: signal() });
    expect(single.shards.map((s) => s.name)).toEqual(['-']);
    const bad = await provider().getKeyspaceHeatmap(query('qps' as HeatmapMetric, 1), { signal: signal() }).catch((e) => e);
    expect(bad).toBeInstanceOf(DataError);
    expect(bad.kind).toBe('invalid-data');
    const abort = new AbortController();
    const pending = provider(1024).getKeyspaceHeatmap(query('queries', 24), { signal: abort.signal });
    abort.abort();
    const aborted = await pending.catch((e) => e);
    expect(aborted.kind).toBe('aborted');
  });
});

describe('combineProviders and the heatmap', () => {
  it('passes getKeyspaceHeatmap through from the metrics provider; none when no source has it', async () => {
    const vtadmin = new VTAdminProvider({ url: '/vtadmin' });
    expect('getKeyspaceHeatmap' in vtadmin).toBe(false);
    const combined = combineProviders({ topology: vtadmin, metrics: provider() });
    const heatmap = await combined.getKeyspaceHeatmap!(query('errors', 1), { signal: signal() });
    expect(heatmap.metric).toBe('errors');
    expect(combineProviders({ topology: vtadmin, metrics: vtadmin }).getKeyspaceHeatmap).toBeUndefined();
  });
});
