// The keyspace heatmap's pure engine: key-range geometry, pixels, colours, statistics and axes.
import { describe, expect, it } from 'vitest';
import { keyTicks, timeTicks } from '../../src/chart/heatmap/axes.js';
import { heatmapGeometry, liveRows, rowAt } from '../../src/chart/heatmap/geometry.js';
import { colourize, fullView, rasterize, type PixelValues } from '../../src/chart/heatmap/raster.js';
import { runToEnd } from '../../src/model/sliced.js';
import { colourScale, legendTicks, packRgb, paletteColours, valueDomain } from '../../src/chart/heatmap/scale.js';
import { columnMedians, median, summarizeHeatmap, topShardsPerWindow } from '../../src/chart/heatmap/stats.js';
import { HEATMAP_UNITS, keyFraction, parseKeyspaceHeatmap, type HeatmapMetric, type KeyspaceHeatmap } from '../../src/model/heatmap.js';
import { evenKeyRanges } from '../../src/model/key-range.js';

/** A heatmap of `names` over `columns` steps of 60 s, values from `value(shard, step)` (NaN = no sample). */
function heatmapOf(names: string[], columns: number, value: (shard: number, step: number) => number, metric: HeatmapMetric = 'queries'): KeyspaceHeatmap {
  const timestamps = Float64Array.from({ length: columns }, (_, t) => 1_767_225_600 + 60 * t);
  const values = new Float32Array(names.length * columns);
  names.forEach((_, s) => {
    for (let t = 0; t < columns; t++) values[s * columns + t] = value(s, t);
  });
  return parseKeyspaceHeatmap({ metric, unit: HEATMAP_UNITS[metric], timestamps, shards: names.map((name) => ({ name })), values });
}

const pixels = (width: number, height: number): PixelValues => ({ width, height, values: new Float32Array(width * height) });

describe('key-range geometry', () => {
  it.each([2, 3, 64, 1024])('%i even shards tile the key space exactly, each as tall as its share', (count) => {
    const geometry = heatmapGeometry(heatmapOf(evenKeyRanges(count), 4, () => 1));
    expect(geometry.rows).toHaveLength(count);
    expect(geometry.rows[0].top).toBe(0);
    expect(geometry.rows[count - 1].bottom).toBe(1);
    for (let i = 1; i < count; i++) expect(geometry.rows[i].top).toBe(geometry.rows[i - 1].bottom);
    const digits = count <= 256 ? 2 : 4;
    for (const row of geometry.rows) expect(Math.abs(row.bottom - row.top - 1 / count)).toBeLessThanOrEqual(1 / 16 ** digits);
    expect(geometry.segments).toHaveLength(1);
    expect(geometry.segments[0].issues).toEqual([]);
    expect(geometry.changes).toEqual([]);
  });

  it('-80 is the top half of the picture', () => {
    const geometry = heatmapGeometry(heatmapOf(['80-', '-80'], 2, () => 1));
    expect(geometry.rows.map((r) => [r.name, r.top, r.bottom])).toEqual([['-80', 0, 0.5], ['80-', 0.5, 1]]);
  });

  it('a gap in coverage is found, placed and labelled with its neighbours', () => {
    const geometry = heatmapGeometry(heatmapOf(['-40', '80-'], 3, () => 1));
    expect(geometry.segments[0].issues).toEqual([{ kind: 'gap', start: '40', end: '80', shards: ['-40', '80-'], top: 0.25, bottom: 0.5 }]);
    expect(rowAt(geometry, 1, 0.3)).toBeUndefined();
    expect(rowAt(geometry, 1, 0.1)?.name).toBe('-40');
  });

  it('an overlap is found, and hover picks the narrower shard inside it', () => {
    const geometry = heatmapGeometry(heatmapOf(['-80', '40-80', '80-'], 3, () => 1));
    expect(geometry.segments[0].issues.map((i) => [i.kind, i.start, i.end, i.shards])).toEqual([['overlap', '40', '80', ['-80', '40-80']]]);
    expect(rowAt(geometry, 0, 0.1)?.name).toBe('-80');
    expect(rowAt(geometry, 0, 0.6)?.name).toBe('80-');
    expect(rowAt(geometry, 0, 0.3)?.name).toBe('40-80');
  });

  it('a reshard mid-window: the sources live until the cut-over, the targets after it, and the grid change is reported', () => {
    // -80 and 80- split into four at step 5 of 10.
    const names = ['-80', '80-', '-40', '40-80', '80-c0', 'c0-'];
    const source = (s: number) => s < 2;
    const geometry = heatmapGeometry(heatmapOf(names, 10, (s, t) => ((source(names.indexOf(names[s])) ? t < 5 : t >= 5) ? 1 + s : NaN)));
    const byName = Object.fromEntries(geometry.rows.map((r) => [r.name, r]));
    expect([byName['-80'].first, byName['-80'].last]).toEqual([0, 4]);
    expect([byName['-40'].first, byName['-40'].last]).toEqual([5, 9]);
    expect(geometry.segments.map((s) => [s.from, s.to, s.issues.length])).toEqual([[0, 4, 0], [5, 9, 0]]);
    expect(geometry.changes).toHaveLength(1);
    expect(geometry.changes[0]).toMatchObject({ step: 5, ended: ['-80', '80-'], started: ['-40', '40-80', '80-c0', 'c0-'] });
    expect(rowAt(geometry, 4, 0.3)?.name).toBe('-80');
    expect(rowAt(geometry, 5, 0.3)?.name).toBe('40-80');
    expect(liveRows(geometry, 2).map((r) => r.name)).toEqual(['-80', '80-']);
    expect(liveRows(geometry, 7).map((r) => r.name)).toEqual(['-40', '40-80', '80-c0', 'c0-']);
  });

  it('hover lookup among 1 024 shards finds the shard whose key range holds the key', () => {
    const names = evenKeyRanges(1024);
    const geometry = heatmapGeometry(heatmapOf(names, 2, () => 1));
    for (const i of [0, 1, 511, 512, 1000, 1023]) {
      const key = (i + 0.5) / 1024;
      expect(rowAt(geometry, 1, key)?.name).toBe(names[i]);
    }
    expect(keyFraction('8000', false)).toBe(0.5);
  });
});

describe('pixels and colours', () => {
  it('reduces cells under a pixel to their maximum, keeps gaps and missing samples apart', () => {
    // Two shards with a gap between (40-80 missing), 4 steps on 2 pixel columns, 4 pixel rows.
    const heatmap = heatmapOf(['-40', '80-'], 4, (s, t) => (s === 0 ? [1, 5, 2, NaN][t] : [NaN, NaN, 3, 1][t]));
    const geometry = heatmapGeometry(heatmap);
    const out = runToEnd(rasterize(heatmap, geometry, fullView(geometry), pixels(2, 4)));
    const at = (x: number, y: number) => out.values[y * 2 + x];
    expect(at(0, 0)).toBe(5); // max of 1, 5
    expect(at(1, 0)).toBe(2); // 2 and a missing sample
    expect(at(0, 1)).toBe(-Infinity); // the gap 40-80
    expect(at(0, 2)).toBe(-Infinity); // 80- starts at step 2, so it is not live in the first pixel column
    expect(at(1, 3)).toBe(3);
  });

  it('a shard thinner than a pixel still shows its hot value', () => {
    const names = evenKeyRanges(1024);
    const heatmap = heatmapOf(names, 2, (s) => (s === 700 ? 100 : 1));
    const geometry = heatmapGeometry(heatmap);
    const out = runToEnd(rasterize(heatmap, geometry, fullView(geometry), pixels(1, 100)));
    expect(out.values[Math.floor((700 / 1024) * 100)]).toBe(100);
    expect(Math.max(...out.values)).toBe(100);
  });

  it('a zoomed view shows only its steps and key range', () => {
    const heatmap = heatmapOf(['-80', '80-'], 4, (s, t) => 10 * s + t);
    const geometry = heatmapGeometry(heatmap);
    const out = runToEnd(rasterize(heatmap, geometry, { from: 2, to: 4, top: 0.5, bottom: 1 }, pixels(2, 1)));
    expect(Array.from(out.values)).toEqual([12, 13]);
  });

  it('colours by position on the scale, with distinct no-data and hatched gap colours', () => {
    const scale = colourScale({ kind: 'linear', domain: [0, 10], lowIsDark: true, noData: [1, 2, 3], gap: [4, 5, 6], gapStripe: [7, 8, 9] });
    const values: PixelValues = { width: 4, height: 1, values: Float32Array.from([0, 10, NaN, -Infinity]) };
    const rgba = new Uint32Array(4);
    runToEnd(colourize(values, scale, rgba));
    expect(rgba[0]).toBe(scale.lut[0]);
    expect(rgba[1]).toBe(scale.lut[255]);
    expect(rgba[2]).toBe(packRgb([1, 2, 3]));
    expect(rgba[3]).toBe(packRgb([4, 5, 6]));
    // Gaps are hatched: every sixth diagonal pair of pixels is a stripe.
    const gap: PixelValues = { width: 6, height: 1, values: new Float32Array(6).fill(-Infinity) };
    const hatched = new Uint32Array(6);
    runToEnd(colourize(gap, scale, hatched));
    expect(Array.from(hatched).map((c) => (c === packRgb([7, 8, 9]) ? 's' : 'g')).join('')).toBe('ssgggg');
  });
});

describe('colour scale', () => {
  const base = { lowIsDark: true, noData: [0, 0, 0], gap: [0, 0, 0], gapStripe: [0, 0, 0] } as const;

  it('the palettes are perceptually ordered: lightness rises monotonically along each (so order reads without hue)', () => {
    for (const name of ['magma', 'viridis', 'cividis'] as const) {
      // Relative luminance (WCAG) as a proxy for lightness.
      const luminance = paletteColours(name).map(([r, g, b]) => [r, g, b].map((c) => ((c / 255) <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4))
        .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0));
      for (let i = 8; i < luminance.length; i += 8) expect(luminance[i], `${name} at ${i}`).toBeGreaterThan(luminance[i - 8]);
    }
  });

  it('a light theme turns the palette round, so low values fade into the page', () => {
    const dark = colourScale({ ...base, kind: 'linear', domain: [0, 1] });
    const light = colourScale({ ...base, kind: 'linear', domain: [0, 1], lowIsDark: false });
    expect(light.lut[0]).toBe(dark.lut[255]);
    expect(light.lut[255]).toBe(dark.lut[0]);
  });

  it('log positions are even per decade; brightness lowers the value at the top colour', () => {
    const log = colourScale({ ...base, kind: 'log', domain: [1, 1000] });
    expect(log.position(1)).toBe(0);
    expect(log.position(10)).toBeCloseTo(1 / 3);
    expect(log.position(1000)).toBeCloseTo(1);
    const brighter = colourScale({ ...base, kind: 'log', domain: [1, 1000], brightness: 4 });
    expect(brighter.domain[1]).toBe(250);
    expect(brighter.position(250)).toBeCloseTo(1);
    expect(colourScale({ ...base, kind: 'linear', domain: [0, 10], brightness: 100 }).domain[1]).toBe(10 / 8);
  });

  it('the domain ignores a few runaway cells and empty data', () => {
    const values = new Float32Array(10_000).fill(10);
    values[5] = 1e9;
    expect(valueDomain(values)[1]).toBe(10);
    expect(valueDomain(new Float32Array(4).fill(NaN))).toEqual([0, 1]);
  });

  it('legend ticks are powers of ten on a log scale and nice steps on a linear one', () => {
    expect(legendTicks({ kind: 'log', domain: [1, 10_000] })).toEqual([1, 10, 100, 1000, 10000]);
    expect(legendTicks({ kind: 'log', domain: [3, 80] })).toEqual([5, 10, 20, 50]);
    expect(legendTicks({ kind: 'linear', domain: [0, 100] })).toEqual([0, 20, 40, 60, 80, 100]);
  });
});

describe('statistics and summary', () => {
  it('median of even and odd counts', () => {
    expect(median(Float64Array.from([5, 1, 3]), 3)).toBe(3);
    expect(median(Float64Array.from([4, 1, 3, 2]), 4)).toBe(2.5);
    expect(median(Float64Array.from([7, 7, 7, 7, 1]), 5)).toBe(7);
  });

  it('per-step medians skip missing samples', () => {
    const heatmap = heatmapOf(['-40', '40-80', '80-'], 2, (s, t) => (t === 1 && s === 2 ? NaN : [1, 2, 9][s]));
    expect(Array.from(runToEnd(columnMedians(heatmap, new Float32Array(2))))).toEqual([2, 1.5]);
  });

  it('names the hot shard, its ratio to the median and since when it is hot; the skew of the keyspace', () => {
    // 64 shards at 10/s; shard 40 jumps to 60/s from step 30 of 48; shard 3 is steadily 30/s.
    const names = evenKeyRanges(64);
    const heatmap = heatmapOf(names, 48, (s, t) => (s === 40 && t >= 30 ? 60 : s === 3 ? 30 : 10));
    const geometry = heatmapGeometry(heatmap);
    const medians = runToEnd(columnMedians(heatmap, new Float32Array(48)));
    const summary = summarizeHeatmap(heatmap, geometry, medians);
    expect(summary.hottest?.row.name).toBe(names[40]);
    expect(summary.hottest?.ratio).toBe(6);
    expect(summary.hottest?.hotSince).toBe(30);
    expect(summary.hottest?.hotThroughout).toBe(false);
    expect(summary.busiest?.row.name).toBe(names[3]);
    expect(summary.busiest?.peak.mean).toBe(30);
    // Top 1 of 64 (1 % rounds up to one shard): shard 3 over the whole window, 30·48 of 10·62·48 + 30·48 + 60·18 + 10·30.
    expect(summary.skew).toMatchObject({ top: 1, of: 64 });
    expect(summary.skew!.share).toBeCloseTo((30 * 48) / (10 * 62 * 48 + 30 * 48 + 60 * 18 + 10 * 30));
  });

  it('an even keyspace has no hot shard; gauges have no skew figure', () => {
    const heatmap = heatmapOf(evenKeyRanges(8), 10, (s) => 5 + s * 0.1, 'replication_lag');
    const summary = summarizeHeatmap(heatmap, heatmapGeometry(heatmap), runToEnd(columnMedians(heatmap, new Float32Array(10))));
    expect(summary.hottest?.hotSince).toBeUndefined();
    expect(summary.skew).toBeUndefined();
  });

  it('skew after a reshard covers the new grid only', () => {
    const names = ['-80', '80-', '-40', '40-80', '80-c0', 'c0-'];
    const heatmap = heatmapOf(names, 10, (s, t) => (s < 2 ? (t < 5 ? 100 : NaN) : t >= 5 ? [40, 10, 10, 10][s - 2] : NaN));
    const summary = summarizeHeatmap(heatmap, heatmapGeometry(heatmap), runToEnd(columnMedians(heatmap, new Float32Array(10))));
    expect(summary.skew).toMatchObject({ top: 1, of: 4, from: 5 });
    expect(summary.skew!.share).toBeCloseTo(40 / 70);
  });

  it('top shards per window, newest window first, with ratios to the window median', () => {
    const names = evenKeyRanges(4);
    const heatmap = heatmapOf(names, 4, (s, t) => (t < 2 ? [1, 2, 3, 4][s] : [8, 1, 1, 1][s]));
    const windows = topShardsPerWindow(heatmap, heatmapGeometry(heatmap), 2, 2);
    expect(windows.map((w) => [w.from, w.to])).toEqual([[2, 3], [0, 1]]);
    expect(windows[0].leaders.map((l) => [l.row.name, l.mean, l.ratio])).toEqual([['-40', 8, 8], ['40-80', 1, 1]]);
    expect(windows[1].leaders.map((l) => l.row.name)).toEqual(['c0-', '80-c0']);
    expect(windows[1].median).toBe(2.5);
  });
});

describe('axes', () => {
  it('labels every shard when they fit, hex boundaries when they do not', () => {
    const few = heatmapGeometry(heatmapOf(evenKeyRanges(4), 2, () => 1));
    expect(keyTicks(few, fullView(few), 400).map((t) => [t.label, t.at])).toEqual([['-40', 50], ['40-80', 150], ['80-c0', 250], ['c0-', 350]]);
    const many = heatmapGeometry(heatmapOf(evenKeyRanges(1024), 2, () => 1));
    const ticks = keyTicks(many, fullView(many), 400);
    expect(ticks.map((t) => t.label)).toEqual(['00', '20', '40', '60', '80', 'a0', 'c0', 'e0']);
    expect(ticks[4].at).toBe(200);
    const zoomed = keyTicks(many, { from: 0, to: 2, top: 0.5, bottom: 0.5 + 1 / 256 }, 400);
    expect(zoomed.map((t) => t.label)).toEqual(['8000-8040', '8040-8080', '8080-80c0', '80c0-8100']);
  });

  it('time ticks fall on natural multiples, far enough apart', () => {
    const timestamps = Float64Array.from({ length: 360 }, (_, i) => 1_767_225_600 + 60 * i); // six hours
    const { spacing, ticks, positions } = timeTicks(timestamps, { from: 0, to: 360, top: 0, bottom: 1 }, 600);
    expect(spacing).toBe(3600);
    expect(ticks[0]).toBe(1_767_225_600);
    expect(positions[1]).toBeCloseTo(100);
  });
});

describe('parseKeyspaceHeatmap', () => {
  const valid = () => ({ metric: 'queries', unit: 'per_second', timestamps: Float64Array.from([60, 120]), shards: [{ name: '80-' }, { name: '-80' }], values: Float32Array.from([1, 2, 3, 4]) });

  it('sorts shards into key order and moves their values along', () => {
    const heatmap = parseKeyspaceHeatmap(valid());
    expect(heatmap.shards.map((s) => s.name)).toEqual(['-80', '80-']);
    expect(Array.from(heatmap.values)).toEqual([3, 4, 1, 2]);
  });

  it.each([
    [{ metric: 'qps' }, /metric: expected queries\|reads/],
    [{ unit: 'seconds' }, /unit: expected per_second/],
    [{ timestamps: Float64Array.from([120, 60]) }, /timestamps\[1\]/],
    [{ shards: [{ name: 'x-80' }, { name: '80-' }] }, /shards\[0\]\.name/],
    [{ shards: [{ name: '80-' }, { name: '80-' }] }, /appears twice/],
    [{ values: Float32Array.from([1, 2, 3]) }, /expected 2 × 2 = 4 values/],
    [{ values: Float32Array.from([1, -2, 3, 4]) }, /shard 80- at step 1: expected a value ≥ 0/],
    [{ values: [1, 2, 3, 4] }, /values: expected a Float32Array/],
  ])('rejects %o', (patch, message) => {
    expect(() => parseKeyspaceHeatmap({ ...valid(), ...patch })).toThrow(message);
  });
});
