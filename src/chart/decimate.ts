/**
 * Reduces columnar samples to what a chart of a given pixel width can show: per-pixel min/max, so spikes survive.
 *
 * uPlot draws every point it is given; 60 480 samples on 600 pixels cost ~100× the work for the same picture.
 * Each pixel column keeps its extreme values in time order (two rows at most), gaps (`NaN`) become `null`,
 * which uPlot draws as a break in the line.
 */

/** Rows uPlot takes: x in epoch seconds, one `(number | null)[]` per series. */
export interface AlignedRows {
  x: number[];
  y: (number | null)[][];
  /** True when rows were merged (for captions such as "decimated to N rows"). */
  decimated: boolean;
  /** Exact last/min/max/avg of each series over the window, gathered in the same pass (legends need no second one). */
  stats: SeriesStats[];
}

/** Figures a legend states about one series over a window; NaN when it has no finite sample there. */
export interface SeriesStats {
  last: number;
  min: number;
  max: number;
  avg: number;
  /** Finite samples counted. */
  count: number;
}

/** Accumulates stats over the samples strictly inside the window (not the edge samples drawn for continuity). */
class StatsAccumulator {
  min = Infinity;
  max = -Infinity;
  sum = 0;
  count = 0;
  last = Number.NaN;
  add(v: number): void {
    if (v !== v || v === Infinity || v === -Infinity) return;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    this.sum += v;
    this.count++;
    this.last = v;
  }
  result(): SeriesStats {
    if (this.count === 0) return { last: Number.NaN, min: Number.NaN, max: Number.NaN, avg: Number.NaN, count: 0 };
    return { last: this.last, min: this.min, max: this.max, avg: this.sum / this.count, count: this.count };
  }
}

/** A window in the same unit as the timestamps (epoch seconds). */
export interface Window {
  from: number;
  to: number;
}

/** First index whose timestamp is ≥ `value` (timestamps ascending). */
export function lowerBound(timestamps: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = timestamps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timestamps[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose timestamp is > `value`. */
export function upperBound(timestamps: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = timestamps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timestamps[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index range `[start, end)` of samples inside `window`, widened by one sample each side so lines reach the edges. */
export function windowIndexes(timestamps: ArrayLike<number>, window?: Window): [number, number] {
  if (!window) return [0, timestamps.length];
  const start = Math.max(0, lowerBound(timestamps, window.from) - 1);
  const end = Math.min(timestamps.length, upperBound(timestamps, window.to) + 1);
  return [start, Math.max(start, end)];
}

const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

/**
 * Min/max per pixel column. With `pixels` columns the result has at most `2 × pixels` rows
 * (plus the two edge samples when a `window` is given); data that already fits is copied unchanged (NaN → null).
 */
export function decimateMinMax(
  timestamps: ArrayLike<number>,
  series: readonly ArrayLike<number>[],
  pixels: number,
  window?: Window,
): AlignedRows {
  const [start, end] = windowIndexes(timestamps, window);
  // Samples counted in stats: the window proper, without the edge samples kept for drawing.
  const innerStart = window && start < end && timestamps[start] < window.from ? start + 1 : start;
  const innerEnd = window && end > innerStart && timestamps[end - 1] > window.to ? end - 1 : end;
  const count = end - start;
  const columns = Math.max(1, Math.floor(pixels));
  if (count <= 2 * columns) {
    const x = new Array<number>(count);
    for (let i = 0; i < count; i++) x[i] = timestamps[start + i];
    const stats: SeriesStats[] = [];
    const y = series.map((values) => {
      const out = new Array<number | null>(count);
      const acc = new StatsAccumulator();
      for (let i = 0; i < count; i++) {
        const v = values[start + i];
        out[i] = finiteOrNull(v);
        if (start + i >= innerStart && start + i < innerEnd) acc.add(v);
      }
      stats.push(acc.result());
      return out;
    });
    return { x, y, decimated: false, stats };
  }

  // Column boundaries by time, so irregular sampling still maps to pixels; edge samples outside the window get
  // columns of their own so the line still reaches the plot's edges.
  const from = window ? window.from : timestamps[start];
  const to = window ? window.to : timestamps[end - 1];
  const span = to - from || 1;
  const bounds: number[] = [start];
  let column = -1;
  for (let i = start; i < end; i++) {
    const t = timestamps[i];
    const c = t < from ? -1 : t > to ? columns : Math.min(columns - 1, Math.floor(((t - from) / span) * columns));
    if (i > start && c !== column) bounds.push(i);
    column = c;
  }
  bounds.push(end);

  const x: number[] = [];
  const rowsPerColumn: number[] = [];
  for (let b = 0; b + 1 < bounds.length; b++) {
    const first = bounds[b];
    const last = bounds[b + 1] - 1;
    x.push(timestamps[first]);
    if (last > first) x.push(timestamps[last]);
    rowsPerColumn.push(last > first ? 2 : 1);
  }

  const stats: SeriesStats[] = [];
  const y = series.map((values) => {
    const out = new Array<number | null>(x.length);
    const acc = new StatsAccumulator();
    let row = 0;
    for (let b = 0; b + 1 < bounds.length; b++) {
      const first = bounds[b];
      const stop = bounds[b + 1];
      let min = Infinity;
      let max = -Infinity;
      let minAt = -1;
      let maxAt = -1;
      for (let i = first; i < stop; i++) {
        const v = values[i];
        if (v < min) { min = v; minAt = i; }
        if (v > max) { max = v; maxAt = i; }
        if (i >= innerStart && i < innerEnd) acc.add(v);
      }
      // NaN fails both comparisons, so a column of gaps keeps minAt = -1 and stays a gap.
      if (rowsPerColumn[b] === 1) {
        out[row++] = minAt < 0 ? null : min;
      } else if (minAt < 0) {
        out[row++] = null;
        out[row++] = null;
      } else if (minAt <= maxAt) {
        out[row++] = min;
        out[row++] = max;
      } else {
        out[row++] = max;
        out[row++] = min;
      }
    }
    stats.push(acc.result());
    return out;
  });
  return { x, y, decimated: true, stats };
}
