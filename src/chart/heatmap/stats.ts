/**
 * What the heatmap says in words: the median shard at each step (hover ratios are against it), the hottest shard now
 * and since when, the busiest shard over the window, how skewed the keyspace is, and the top shards per window for the
 * table view. Pure functions of the heatmap and its geometry.
 */
import { isAdditiveHeatmapMetric, type KeyspaceHeatmap } from '../../model/heatmap.js';
import { runToEnd, type Sliced } from '../../model/sliced.js';
import type { HeatmapGeometry, HeatmapRow } from './geometry.js';

/** Steps whose medians are computed between yields (~64 × 1 024 values). */
const STEPS_PER_SLICE = 64;
/** Rows whose means are taken between yields (~64 × 1 000 values). */
const ROWS_PER_PIECE = 64;

/** The median over live shards at each step (NaN where no shard has a sample). */
export function* columnMedians(heatmap: KeyspaceHeatmap, out: Float32Array): Sliced<Float32Array> {
  const columns = heatmap.timestamps.length;
  const shards = heatmap.shards.length;
  const scratch = new Float64Array(shards);
  for (let t = 0; t < columns; t++) {
    let n = 0;
    for (let s = 0; s < shards; s++) {
      const value = heatmap.values[s * columns + t];
      if (value === value) scratch[n++] = value;
    }
    out[t] = n === 0 ? NaN : median(scratch, n);
    if ((t + 1) % STEPS_PER_SLICE === 0) yield;
  }
  return out;
}

/** Median of the first `n` items (reorders them): quickselect, O(n) on average. */
export function median(values: Float64Array, n: number): number {
  const mid = n >> 1;
  const upper = select(values, n, mid);
  if (n % 2 === 1) return upper;
  // The lower middle is the largest of the items left of `mid` after selection.
  let lower = -Infinity;
  for (let i = 0; i < mid; i++) if (values[i] > lower) lower = values[i];
  return (lower + upper) / 2;
}

function select(values: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const swap = values[i];
        values[i] = values[j];
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k];
  }
  return values[k];
}

/** A shard at least this many times the median shard is hot. */
export const HOT_RATIO = 2;
/** Steps below HOT_RATIO tolerated inside a hot stretch (a dip is not the end of an incident). */
const HOT_DIP_STEPS = 2;

export interface HottestShard {
  row: HeatmapRow;
  /** Mean over the last half hour (`nowSteps`), and its ratio to the median shard's mean over the same steps. */
  value: number;
  ratio: number;
  /** First step of the current hot stretch (ratio ≥ HOT_RATIO), when the shard is hot now. */
  hotSince?: number;
  /** True when the hot stretch reaches back to the shard's first step (the window's start, or when it began serving). */
  hotThroughout: boolean;
}

export interface BusiestShard {
  row: HeatmapRow;
  /** Mean over its live steps, and ratio to the median of all live shards' means. */
  mean: number;
  ratio: number;
  /** The shard's own hottest window: steps [from, to] with the highest mean. */
  peak: { from: number; to: number; mean: number };
}

export interface Skew {
  top: number;
  of: number;
  /** Share 0…1 of the total the top shards carry. */
  share: number;
  /** First step the figure covers (the last grid change, or 0). */
  from: number;
}

export interface HeatmapSummary {
  hottest?: HottestShard;
  busiest?: BusiestShard;
  skew?: Skew;
}

/** Steps in a "window" of the summary and the table: a 24th of the range, at least one step. */
export function windowSteps(columns: number): number {
  return Math.max(1, Math.round(columns / 24));
}

/** "Now" is the last half hour (at least one step, at most a quarter of the window): an incident is recent. */
export const NOW_SECONDS = 1_800;

export function nowSteps(columns: number, stepSeconds: number): number {
  return Math.max(1, Math.min(Math.round(NOW_SECONDS / stepSeconds), Math.floor(columns / 4)));
}

function meanOf(values: Float32Array, from: number, to: number): number {
  let sum = 0;
  let n = 0;
  for (let i = from; i <= to; i++) {
    const value = values[i];
    if (value === value) {
      sum += value;
      n++;
    }
  }
  return n === 0 ? NaN : sum / n;
}

function medianOf(values: number[]): number {
  if (values.length === 0) return NaN;
  return median(Float64Array.from(values), values.length);
}

export function summarizeHeatmap(heatmap: KeyspaceHeatmap, geometry: HeatmapGeometry, medians: Float32Array): HeatmapSummary {
  return runToEnd(summarySteps(heatmap, geometry, medians));
}

/** `summarizeHeatmap` as a sliced computation: the passes over every cell yield between pieces of rows. */
export function* summarySteps(heatmap: KeyspaceHeatmap, geometry: HeatmapGeometry, medians: Float32Array): Sliced<HeatmapSummary> {
  const columns = geometry.columns;
  if (columns === 0 || geometry.rows.length === 0) return {};
  const rowValues = (row: HeatmapRow) => heatmap.values.subarray(row.shard * columns, (row.shard + 1) * columns);
  const summary: HeatmapSummary = {};

  // Hottest now: the highest ratio to the median over the last half hour, among shards live at the end.
  const width = windowSteps(columns);
  const stepSeconds = columns > 1 ? heatmap.timestamps[1] - heatmap.timestamps[0] : 60;
  const from = columns - nowSteps(columns, stepSeconds);
  const end = geometry.rows.filter((row) => row.last === columns - 1 && row.first <= from);
  const medianNow = meanOf(medians, from, columns - 1);
  let hottest: HottestShard | undefined;
  for (const row of end) {
    const value = meanOf(rowValues(row), from, columns - 1);
    if (!(value === value)) continue;
    const ratio = medianNow > 0 ? value / medianNow : value > 0 ? Infinity : 1;
    if (!hottest || ratio > hottest.ratio || (ratio === hottest.ratio && value > hottest.value)) hottest = { row, value, ratio, hotThroughout: false };
  }
  if (hottest && hottest.ratio >= HOT_RATIO) {
    const values = rowValues(hottest.row);
    let since = columns;
    let dip = 0;
    for (let t = columns - 1; t >= hottest.row.first; t--) {
      const m = medians[t];
      const hot = values[t] === values[t] && m === m && (m > 0 ? values[t] / m >= HOT_RATIO : values[t] > 0);
      if (hot) {
        since = t;
        dip = 0;
      } else if (++dip > HOT_DIP_STEPS) break;
    }
    if (since < columns) {
      hottest.hotSince = since;
      hottest.hotThroughout = since === hottest.row.first;
    }
  }
  summary.hottest = hottest;

  // Busiest over the whole window, by mean.
  const means: number[] = [];
  for (const row of geometry.rows) {
    if (means.length > 0 && means.length % ROWS_PER_PIECE === 0) yield;
    means.push(meanOf(rowValues(row), row.first, row.last));
  }
  const medianMean = medianOf(means.filter((m) => m === m));
  let best = -1;
  means.forEach((mean, i) => {
    if (mean === mean && (best < 0 || mean > means[best])) best = i;
  });
  if (best >= 0) {
    const row = geometry.rows[best];
    const values = rowValues(row);
    const span = Math.min(width, row.last - row.first + 1);
    let peak = { from: row.first, to: row.first + span - 1, mean: -Infinity };
    // Sliding window sum over the shard's live steps (gaps count as absent).
    let sum = 0;
    let n = 0;
    for (let t = row.first; t <= row.last; t++) {
      if (values[t] === values[t]) {
        sum += values[t];
        n++;
      }
      const out = t - span;
      if (out >= row.first && values[out] === values[out]) {
        sum -= values[out];
        n--;
      }
      if (t - row.first + 1 >= span && n > 0 && sum / n > peak.mean) peak = { from: t - span + 1, to: t, mean: sum / n };
    }
    summary.busiest = { row, mean: means[best], ratio: medianMean > 0 ? means[best] / medianMean : 1, peak };
  }

  // Skew over the current grid, for metrics that add up.
  if (isAdditiveHeatmapMetric(heatmap.metric)) {
    const segment = geometry.segments[geometry.segments.length - 1];
    const totals: number[] = [];
    for (const r of segment.rows) {
      const row = geometry.rows[r];
      if (row.last !== columns - 1) continue;
      if (totals.length > 0 && totals.length % ROWS_PER_PIECE === 0) yield;
      const values = rowValues(row);
      let total = 0;
      for (let t = segment.from; t < columns; t++) if (values[t] === values[t]) total += values[t];
      totals.push(total);
    }
    totals.sort((a, b) => b - a);
    const all = totals.reduce((a, b) => a + b, 0);
    if (totals.length > 1 && all > 0) {
      const top = Math.max(1, Math.ceil(totals.length / 100));
      const share = totals.slice(0, top).reduce((a, b) => a + b, 0) / all;
      summary.skew = { top, of: totals.length, share, from: segment.from };
    }
  }
  return summary;
}

export interface WindowLeader {
  row: HeatmapRow;
  mean: number;
  /** Ratio to the median shard's mean in the same window. */
  ratio: number;
}

export interface WindowTop {
  from: number;
  to: number;
  leaders: WindowLeader[];
  median: number;
}

/** The `count` busiest shards in each of `windows` equal windows, newest first (the table view). */
export function topShardsPerWindow(heatmap: KeyspaceHeatmap, geometry: HeatmapGeometry, windows = 12, count = 3): WindowTop[] {
  return runToEnd(windowTopSteps(heatmap, geometry, windows, count));
}

/** `topShardsPerWindow` as a sliced computation (it reads every cell once): yields between pieces of rows. */
export function* windowTopSteps(heatmap: KeyspaceHeatmap, geometry: HeatmapGeometry, windows = 12, count = 3): Sliced<WindowTop[]> {
  const columns = geometry.columns;
  const size = Math.max(1, Math.ceil(columns / windows));
  const result: WindowTop[] = [];
  for (let from = 0; from < columns; from += size) {
    const to = Math.min(columns, from + size) - 1;
    const means: { row: HeatmapRow; mean: number }[] = [];
    for (const [r, row] of geometry.rows.entries()) {
      if (r > 0 && r % (ROWS_PER_PIECE * windows) === 0) yield;
      if (row.last < from || row.first > to) continue;
      const mean = meanOf(heatmap.values.subarray(row.shard * columns, (row.shard + 1) * columns), from, to);
      if (mean === mean) means.push({ row, mean });
    }
    const middle = medianOf(means.map((m) => m.mean));
    means.sort((a, b) => b.mean - a.mean);
    result.push({
      from,
      to,
      median: middle,
      leaders: means.slice(0, count).map(({ row, mean }) => ({ row, mean, ratio: middle > 0 ? mean / middle : mean > 0 ? Infinity : 1 })),
    });
  }
  return result.reverse();
}
