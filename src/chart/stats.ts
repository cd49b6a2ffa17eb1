/** Figures a metric card states in words: last / avg / min / max of a series, a sparkline path, and table rows. */
import type { MetricFrame, MetricSeries } from '../model/types.js';
import { windowIndexes, type SeriesStats, type Window } from './decimate.js';

export type { SeriesStats } from './decimate.js';

/** Stats over the samples inside `window` (epoch seconds), gaps ignored. */
export function seriesStats(timestamps: ArrayLike<number>, values: ArrayLike<number>, window?: Window): SeriesStats {
  let start = 0;
  let end = values.length;
  if (window) {
    // windowIndexes widens by one sample each side for drawing; stats want only what is inside.
    [start, end] = windowIndexes(timestamps, window);
    if (start < end && timestamps[start] < window.from) start++;
    if (end > start && timestamps[end - 1] > window.to) end--;
  }
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let count = 0;
  let last = Number.NaN;
  for (let i = start; i < end; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    count++;
    last = v;
  }
  if (count === 0) return { last: Number.NaN, min: Number.NaN, max: Number.NaN, avg: Number.NaN, count: 0 };
  return { last, min, max, avg: sum / count, count };
}

/** The newest finite value of a series, or NaN. */
export function lastValue(series: MetricSeries | undefined): number {
  if (!series) return Number.NaN;
  const values = series.values;
  for (let i = values.length - 1; i >= 0; i--) if (Number.isFinite(values[i])) return values[i];
  return Number.NaN;
}

/**
 * An SVG path (`M…L…`) of one series scaled into `width × height`: the mean of each 2-pixel column, so a week of
 * noisy samples reads as a calm line at a glance (the full chart keeps the spikes). Gaps start a new sub-path.
 * `''` when there is nothing to draw.
 */
export function sparklinePath(frame: MetricFrame, seriesIndex: number, width: number, height: number, domain?: [number, number]): string {
  const series = frame.series[seriesIndex];
  const t = frame.timestamps;
  if (!series || t.length === 0) return '';
  const columns = Math.max(1, Math.min(t.length, Math.floor(width / 2)));
  const t0 = t[0];
  const span = t[t.length - 1] - t0 || 1;
  const sums = new Float64Array(columns);
  const counts = new Uint32Array(columns);
  for (let i = 0; i < t.length; i++) {
    const v = series.values[i];
    if (!Number.isFinite(v)) continue;
    const c = Math.min(columns - 1, Math.floor(((t[i] - t0) / span) * columns));
    sums[c] += v;
    counts[c]++;
  }
  const means: (number | null)[] = Array.from(sums, (sum, c) => (counts[c] ? sum / counts[c] : null));
  let [lo, hi] = domain ?? [Infinity, -Infinity];
  if (!domain) {
    for (const v of means) {
      if (v === null) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!Number.isFinite(lo)) return '';
  if (hi === lo) { hi += 1; lo -= 1; }
  const pad = 1; // keeps the stroke inside the box
  let d = '';
  let pen = false;
  for (let c = 0; c < columns; c++) {
    const v = means[c];
    if (v === null) { pen = false; continue; }
    const px = columns === 1 ? 0 : (c / (columns - 1)) * width;
    const py = pad + (1 - (v - lo) / (hi - lo)) * (height - 2 * pad);
    d += `${pen ? 'L' : 'M'}${px.toFixed(1)} ${py.toFixed(1)}`;
    pen = true;
  }
  return d;
}

export interface TableRows {
  /** Epoch seconds of each row. */
  times: number[];
  /** `values[series][row]`, NaN for a gap. */
  values: number[][];
  /** Samples in the frame (or window), for the caption. */
  total: number;
  /** Every `stride`-th sample is shown; 1 means all of them. */
  stride: number;
}

/** At most `maxRows` evenly spaced samples (always including the newest) for a "View as table" listing. */
export function tableRows(frame: MetricFrame, maxRows: number, window?: Window): TableRows {
  let [start, end] = windowIndexes(frame.timestamps, window);
  if (window) {
    if (start < end && frame.timestamps[start] < window.from) start++;
    if (end > start && frame.timestamps[end - 1] > window.to) end--;
  }
  const total = Math.max(0, end - start);
  const stride = Math.max(1, Math.ceil(total / Math.max(1, maxRows)));
  const indexes: number[] = [];
  // Count back from the newest so the latest sample is always listed.
  for (let i = end - 1; i >= start; i -= stride) indexes.push(i);
  indexes.reverse();
  return {
    times: indexes.map((i) => frame.timestamps[i]),
    values: frame.series.map((s) => indexes.map((i) => s.values[i])),
    total,
    stride,
  };
}
