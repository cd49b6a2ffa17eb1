/**
 * Where each shard sits in the heatmap: rows are key ranges (a shard is as tall as its share of the key space) and
 * live from the first to the last step they have data, so a reshard shows as the moment the grid changes; per stretch
 * of time with the same live shards, the gaps and overlaps in their coverage.
 */
import { keyFraction, type KeyspaceHeatmap } from '../../model/heatmap.js';
import { keyRangeCoverage, type KeyRangeIssue } from '../../model/key-range.js';
import { runToEnd, type Sliced } from '../../model/sliced.js';
import type { KeyRange } from '../../model/types.js';

export interface HeatmapRow {
  /** Index of the shard in the heatmap's `shards` (and of its values). */
  shard: number;
  name: string;
  keyRange: KeyRange;
  /** Key-space fractions: 0 is the first key, 1 past the last. */
  top: number;
  bottom: number;
  /** First and last step with a sample; a shard without any sample lives through the whole window (as a row of no data). */
  first: number;
  last: number;
}

export interface CoverageIssue extends KeyRangeIssue {
  top: number;
  bottom: number;
}

/** Steps `[from, to]` during which the same shards are live. */
export interface HeatmapSegment {
  from: number;
  to: number;
  /** Indexes into `rows` of the live shards, in key order. */
  rows: number[];
  issues: CoverageIssue[];
}

/** A step where the grid changes: some shards stop and others start (a reshard's cut-over). */
export interface GridChange {
  step: number;
  /** Epoch seconds. */
  at: number;
  ended: string[];
  started: string[];
}

export interface HeatmapGeometry {
  rows: HeatmapRow[];
  columns: number;
  segments: HeatmapSegment[];
  changes: GridChange[];
}

/** Stretches of time whose coverage is checked; more changes than this (a flapping source) are merged into the last one. */
export const MAX_SEGMENTS = 64;

/** Rows scanned between yields of the sliced geometry (a shard's scan reads at most its columns). */
const ROWS_PER_PIECE = 64;

export function heatmapGeometry(heatmap: KeyspaceHeatmap): HeatmapGeometry {
  return runToEnd(geometrySteps(heatmap));
}

/** `heatmapGeometry` as a sliced computation: yields between pieces of rows and between segments. */
export function* geometrySteps(heatmap: KeyspaceHeatmap): Sliced<HeatmapGeometry> {
  const columns = heatmap.timestamps.length;
  const rows: HeatmapRow[] = [];
  for (const [index, shard] of heatmap.shards.entries()) {
    if (index > 0 && index % ROWS_PER_PIECE === 0) yield;
    const values = heatmap.values.subarray(index * columns, (index + 1) * columns);
    let first = 0;
    while (first < columns && Number.isNaN(values[first])) first++;
    let last = columns - 1;
    while (last > first && Number.isNaN(values[last])) last--;
    if (first === columns) [first, last] = [0, columns - 1];
    rows.push({
      shard: index,
      name: shard.name,
      keyRange: shard.keyRange,
      top: keyFraction(shard.keyRange.start, false),
      bottom: keyFraction(shard.keyRange.end, true),
      first,
      last,
    });
  }
  // Shards arrive in key order (parseKeyspaceHeatmap sorts them); keep it, so row order is key order.
  const boundaries = new Set<number>([0]);
  for (const row of rows) {
    if (row.first > 0) boundaries.add(row.first);
    if (row.last < columns - 1) boundaries.add(row.last + 1);
  }
  const starts = [...boundaries].filter((step) => step < Math.max(1, columns)).sort((a, b) => a - b).slice(0, MAX_SEGMENTS);
  const segments: HeatmapSegment[] = [];
  for (const [i, from] of starts.entries()) {
    yield;
    const to = i + 1 < starts.length ? starts[i + 1] - 1 : columns - 1;
    const live: number[] = [];
    rows.forEach((row, r) => {
      if (row.first <= to && row.last >= from) live.push(r);
    });
    const issues = keyRangeCoverage(live.map((r) => rows[r])).map((issue) => ({
      ...issue,
      top: keyFraction(issue.start, false),
      bottom: keyFraction(issue.end, true),
    }));
    segments.push({ from, to, rows: live, issues });
  }
  const changes: GridChange[] = [];
  for (const step of starts) {
    if (step === 0) continue;
    const ended = rows.filter((row) => row.last === step - 1).map((row) => row.name);
    const started = rows.filter((row) => row.first === step).map((row) => row.name);
    changes.push({ step, at: heatmap.timestamps[step], ended, started });
  }
  return { rows, columns, segments, changes };
}

/** The segment holding `step` (binary search). */
export function segmentAt(geometry: HeatmapGeometry, step: number): HeatmapSegment | undefined {
  const { segments } = geometry;
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid].from <= step) lo = mid;
    else hi = mid - 1;
  }
  const segment = segments[lo];
  return segment && segment.from <= step && step <= segment.to ? segment : undefined;
}

/**
 * The live row under key fraction `key` at `step`, in O(log shards): the narrowest one where shards overlap (a target
 * shard is drawn over its source), undefined in a gap.
 */
export function rowAt(geometry: HeatmapGeometry, step: number, key: number): HeatmapRow | undefined {
  const segment = segmentAt(geometry, step);
  if (!segment) return undefined;
  const live = segment.rows;
  // Last live row starting at or before the key.
  let lo = 0;
  let hi = live.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (geometry.rows[live[mid]].top <= key) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  let best: HeatmapRow | undefined;
  // Overlaps are rare and shallow: look back over the few rows that still reach the key.
  for (let i = found, looked = 0; i >= 0 && looked < 8; i--, looked++) {
    const row = geometry.rows[live[i]];
    if (key < row.bottom && row.first <= step && step <= row.last && (!best || row.bottom - row.top < best.bottom - best.top)) best = row;
  }
  return best;
}

/** The live rows at `step` in key order (keyboard navigation moves along them). */
export function liveRows(geometry: HeatmapGeometry, step: number): HeatmapRow[] {
  const segment = segmentAt(geometry, step);
  return segment ? segment.rows.map((r) => geometry.rows[r]).filter((row) => row.first <= step && step <= row.last) : [];
}
