/**
 * The heat strip on the diagram's shard stack: each shard's mean over the last minutes along the key space (top to
 * bottom, as in the heatmap), reduced to the strip's pixels — the hottest shard under a pixel wins, so one hot shard
 * of 1 024 still shows in a strip 80 pixels tall — and coloured with the heatmap's scale. Pure functions.
 */
import { median } from './stats.js';
import type { HeatmapGeometry, HeatmapRow } from './geometry.js';
import type { ColourScale } from './scale.js';
import type { HeatmapMetric, KeyspaceHeatmap } from '../../model/heatmap.js';
import type { Unit } from '../../model/types.js';

export interface HeatStripShard {
  name: string;
  /** Key-space fractions, 0 the first key, 1 past the last. */
  top: number;
  bottom: number;
  /** Mean over the window's samples; NaN when the shard has none. */
  value: number;
}

export interface HeatStrip {
  metric: HeatmapMetric;
  unit: Unit;
  /** Epoch seconds of the first and last step. */
  from: number;
  to: number;
  /** The current grid's shards, in key order (see `heatStrip`). */
  shards: HeatStripShard[];
  /** Median of the shards' means (NaN when none has a sample). */
  median: number;
  /** The shard with the highest mean, and its ratio to the median. */
  hottest?: { name: string; value: number; ratio: number };
}

/**
 * The strip of a heatmap: the current grid's shards with their means over the window. The current grid is the shards
 * with a sample at the last step, and any other shard whose key range none of them covers: one that missed its last
 * scrape is still a shard, but one a reshard replaced (its targets live on) is not.
 */
export function heatStrip(heatmap: KeyspaceHeatmap, geometry: HeatmapGeometry): HeatStrip {
  const columns = geometry.columns;
  const live = geometry.rows.filter((row) => row.last === columns - 1);
  const replaced = (row: HeatmapRow) => live.some((other) => other.top < row.bottom && other.bottom > row.top);
  const shards: HeatStripShard[] = [];
  for (const row of geometry.rows) {
    if (row.last !== columns - 1 && replaced(row)) continue;
    let sum = 0;
    let n = 0;
    for (let t = row.first; t <= row.last; t++) {
      const value = heatmap.values[row.shard * columns + t];
      if (value === value) {
        sum += value;
        n++;
      }
    }
    shards.push({ name: row.name, top: row.top, bottom: row.bottom, value: n ? sum / n : NaN });
  }
  const means = Float64Array.from(shards.filter((s) => s.value === s.value), (s) => s.value);
  const middle = means.length ? median(means, means.length) : NaN;
  let hottest: HeatStrip['hottest'];
  for (const shard of shards) {
    if (shard.value === shard.value && (!hottest || shard.value > hottest.value)) {
      hottest = { name: shard.name, value: shard.value, ratio: middle > 0 ? shard.value / middle : shard.value > 0 ? Infinity : 1 };
    }
  }
  const { timestamps } = heatmap;
  return { metric: heatmap.metric, unit: heatmap.unit, from: timestamps[0] ?? NaN, to: timestamps[columns - 1] ?? NaN, shards, median: middle, hottest };
}

/** The strip's colours compare each shard with the median shard: half of it or less is the lowest colour… */
export const STRIP_LOW_RATIO = 2;
/** …and this many times it or more the hottest. */
export const STRIP_HOT_RATIO = 8;

/**
 * The domain of the strip's (log) colour scale, relative to the median shard: the median sits a quarter of the way
 * up (calm, near the card's own colour), a shard at 8× it has the hottest colour. An even keyspace is one calm colour
 * rather than a stretched rainbow of small differences, and one hot shard stands out however hot it is.
 */
export function stripDomain(strip: HeatStrip): [number, number] {
  if (strip.median > 0) return [strip.median / STRIP_LOW_RATIO, strip.median * STRIP_HOT_RATIO];
  const hottest = strip.hottest?.value ?? 0;
  return hottest > 0 ? [hottest / (STRIP_LOW_RATIO * STRIP_HOT_RATIO), hottest] : [0, 1];
}

/** A stretch of the strip's pixels with one colour (packed RGBA, as in the scale's table). */
export interface StripRun {
  from: number;
  to: number;
  colour: number;
}

/**
 * The strip as runs of equal colour over `length` pixels (few: neighbouring shards of similar load share a colour),
 * so it is drawn with a handful of SVG rects rather than one per shard. Key space no shard covers gets the gap colour.
 */
export function stripRuns(strip: HeatStrip, length: number, scale: ColourScale): StripRun[] {
  if (length <= 0) return [];
  // -Infinity: no shard; NaN: a shard without samples; else the largest mean under the pixel.
  const pixels = new Float64Array(length).fill(-Infinity);
  for (const shard of strip.shards) {
    const from = Math.max(0, Math.floor(shard.top * length));
    const to = Math.min(length, Math.max(from + 1, Math.ceil(shard.bottom * length)));
    for (let p = from; p < to; p++) {
      const current = pixels[p];
      if (shard.value === shard.value ? !(current >= shard.value) : current === -Infinity) pixels[p] = shard.value;
    }
  }
  const last = scale.lut.length - 1;
  const colourOf = (value: number) => {
    if (value === -Infinity) return scale.gapStripe;
    if (value !== value) return scale.noData;
    const index = Math.round(scale.position(value) * last);
    return scale.lut[index < 0 ? 0 : index > last ? last : index];
  };
  const runs: StripRun[] = [];
  for (let p = 0; p < length; p++) {
    const colour = colourOf(pixels[p]);
    const previous = runs[runs.length - 1];
    if (previous && previous.colour === colour) previous.to = p + 1;
    else runs.push({ from: p, to: p + 1, colour });
  }
  return runs;
}
