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
  /** Adds the figures of samples that all came after this one's. */
  merge(min: number, max: number, sum: number, count: number, last: number): void {
    if (count === 0) return;
    if (min < this.min) this.min = min;
    if (max > this.max) this.max = max;
    this.sum += sum;
    this.count += count;
    this.last = last;
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
  return new MinMaxDecimator().update(timestamps, series, pixels, window, false);
}

/** One pixel column's samples: what is drawn (extremes in time order) and what legends state (finite stats). */
interface Bucket {
  key: number;
  firstT: number;
  lastT: number;
  samples: number;
  /**
   * `FIELDS` numbers per series, in one flat list (a week of columns per chart stays small): the extreme finite values
   * and the times they occurred (NaN time: none, the column is a gap), then the finite samples' sum, count and last.
   */
  figures: number[];
}

const FIELDS = 7;
const [MIN, MIN_T, MAX, MAX_T, S_SUM, S_COUNT, S_LAST] = [0, 1, 2, 3, 4, 5, 6];

/**
 * `decimateMinMax` that remembers its pixel columns between calls, for live refresh: columns sit on a grid anchored at
 * absolute time (not at the window's start), so when the window slides only the first column (it lost samples) and
 * the columns from the last one on (new samples) are recomputed; the others are reused. A week at 10 s per tick costs
 * a few hundred samples instead of 60 480 per series. The result is identical to a fresh computation.
 */
export class MinMaxDecimator {
  private buckets: Bucket[] = [];
  private width = Number.NaN;
  private seriesCount = -1;

  /**
   * Rows for `timestamps`/`series` over `window`. `continues` promises that every sample the previous call saw that is
   * still present is unchanged (samples were only appended at the end or dropped at the start, as in live refresh);
   * without it everything is recomputed.
   */
  update(timestamps: ArrayLike<number>, series: readonly ArrayLike<number>[], pixels: number, window: Window | undefined, continues: boolean): AlignedRows {
    const [start, end] = windowIndexes(timestamps, window);
    // Samples counted in stats: the window proper, without the edge samples kept for drawing.
    const innerStart = window && start < end && timestamps[start] < window.from ? start + 1 : start;
    const innerEnd = window && end > innerStart && timestamps[end - 1] > window.to ? end - 1 : end;
    const count = end - start;
    const columns = Math.max(1, Math.floor(pixels));
    if (count <= 2 * columns) {
      this.buckets = [];
      return copyRows(timestamps, series, start, end, innerStart, innerEnd);
    }

    const from = window ? window.from : timestamps[start];
    const to = window ? window.to : timestamps[end - 1];
    const span = to - from || 1;
    // `columns - 1` widths per span: a window of that span meets at most `columns` grid columns, wherever it starts.
    const width = columns > 1 ? span / (columns - 1) : Infinity;
    const keyOf = (t: number) => (width === Infinity ? 0 : Math.floor(t / width));
    const reusable = continues && width === this.width && series.length === this.seriesCount ? this.buckets : [];
    this.width = width;
    this.seriesCount = series.length;

    const buckets: Bucket[] = [];
    let i = innerStart;
    if (i < innerEnd) {
      // Columns at either end may have lost or gained samples: always recomputed. Those strictly between the ends of
      // both the previous and this window hold the same samples as before.
      const firstKey = keyOf(timestamps[i]);
      const lastKey = keyOf(timestamps[innerEnd - 1]);
      const lo = Math.max(firstKey, reusable[0]?.key ?? Infinity);
      const hi = Math.min(lastKey, reusable[reusable.length - 1]?.key ?? -Infinity);
      const reused = reusable.filter((bucket) => bucket.key > lo && bucket.key < hi);
      while (i < innerEnd) {
        const key = keyOf(timestamps[i]);
        if (reused.length > 0 && key === reused[0].key) {
          buckets.push(...reused);
          i = upperBound(timestamps, reused[reused.length - 1].lastT);
          reused.length = 0;
          continue;
        }
        i = fillBucket(timestamps, series, i, innerEnd, key, keyOf, buckets);
      }
    }
    this.buckets = buckets;

    // Edge samples outside the window get columns of their own so the line still reaches the plot's edges.
    const before: Bucket[] = [];
    const after: Bucket[] = [];
    if (innerStart > start) fillBucket(timestamps, series, start, innerStart, -Infinity, () => -Infinity, before);
    if (innerEnd < end) fillBucket(timestamps, series, innerEnd, end, Infinity, () => Infinity, after);
    return rowsOf([...before, ...buckets, ...after], buckets, series.length);
  }
}

/** Data that already fits: copied row for row (NaN → null), stats over the inner samples. */
function copyRows(timestamps: ArrayLike<number>, series: readonly ArrayLike<number>[], start: number, end: number, innerStart: number, innerEnd: number): AlignedRows {
  const count = end - start;
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

/**
 * Gathers the samples from `first` while they fall in column `key` into a new bucket; returns the next index. Its
 * loops are what a week's reduction spends its time in (60 480 samples × series), so they stay plain: the column's end
 * is found by galloping then bisecting over ascending timestamps (a week's ~95-sample columns: ~14 key computations
 * instead of 95), and the stats are gathered inline (as `StatsAccumulator.add` would: finite samples only).
 */
function fillBucket(timestamps: ArrayLike<number>, series: readonly ArrayLike<number>[], first: number, stop: number,
  key: number, keyOf: (t: number) => number, into: Bucket[]): number {
  // Keys only grow with time: the column's samples are one run. Gallop to a sample past it, then bisect.
  let inside = first;
  let step = 1;
  while (inside + step < stop && keyOf(timestamps[inside + step]) === key) {
    inside += step;
    step *= 2;
  }
  let past = Math.min(stop, inside + step);
  while (past - inside > 1) {
    const mid = (inside + past) >>> 1;
    if (keyOf(timestamps[mid]) === key) inside = mid;
    else past = mid;
  }
  const last = past;
  const n = series.length;
  const figures = new Array<number>(n * FIELDS);
  for (let s = 0; s < n; s++) {
    const values = series[s];
    let min = Infinity;
    let max = -Infinity;
    let minT = Number.NaN;
    let maxT = Number.NaN;
    let sum = 0;
    let count = 0;
    let lastFinite = Number.NaN;
    for (let i = first; i < last; i++) {
      const v = values[i];
      // Only finite samples are drawn or counted: NaN and ±Infinity give NaN here, and are gaps (a lone +Infinity was
      // a gap while one beside finite samples became the column's max, which no y axis can reach).
      if (v - v !== 0) continue;
      if (v < min) { min = v; minT = timestamps[i]; }
      if (v > max) { max = v; maxT = timestamps[i]; }
      sum += v;
      count++;
      lastFinite = v;
    }
    const at = s * FIELDS;
    figures[at + MIN] = min;
    figures[at + MIN_T] = minT;
    figures[at + MAX] = max;
    figures[at + MAX_T] = maxT;
    figures[at + S_SUM] = sum;
    figures[at + S_COUNT] = count;
    figures[at + S_LAST] = lastFinite;
  }
  const bucket: Bucket = { key, firstT: timestamps[first], lastT: timestamps[last - 1], samples: last - first, figures };
  into.push(bucket);
  return last;
}

/** Rows from columns (one row for a one-sample column, else two: its extremes in time order); stats from `inner`. */
function rowsOf(columns: readonly Bucket[], inner: readonly Bucket[], seriesCount: number): AlignedRows {
  const x: number[] = [];
  for (const bucket of columns) {
    x.push(bucket.firstT);
    if (bucket.samples > 1) x.push(bucket.lastT);
  }
  const y: (number | null)[][] = [];
  const stats: SeriesStats[] = [];
  for (let s = 0; s < seriesCount; s++) {
    const out = new Array<number | null>(x.length);
    let row = 0;
    for (const bucket of columns) {
      const at = s * FIELDS;
      const min = bucket.figures[at + MIN];
      const max = bucket.figures[at + MAX];
      const minT = bucket.figures[at + MIN_T];
      // NaN fails every comparison, so a column of gaps has no min time and stays a gap.
      if (bucket.samples === 1) {
        out[row++] = minT !== minT ? null : min;
      } else if (minT !== minT) {
        out[row++] = null;
        out[row++] = null;
      } else if (minT <= bucket.figures[at + MAX_T]) {
        out[row++] = min;
        out[row++] = max;
      } else {
        out[row++] = max;
        out[row++] = min;
      }
    }
    y.push(out);
    const total = new StatsAccumulator();
    for (const bucket of inner) {
      const at = s * FIELDS;
      const f = bucket.figures;
      total.merge(f[at + MIN], f[at + MAX], f[at + S_SUM], f[at + S_COUNT], f[at + S_LAST]);
    }
    stats.push(total.result());
  }
  return { x, y, decimated: true, stats };
}
