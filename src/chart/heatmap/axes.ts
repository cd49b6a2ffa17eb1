/** The heatmap's axes: key-space labels (shard names when they fit, hex boundaries otherwise) and time ticks. */
import type { HeatmapGeometry } from './geometry.js';
import type { HeatmapView } from './raster.js';

export interface AxisTick {
  /** Offset in pixels from the top (key axis) or left (time axis). */
  at: number;
  label: string;
}

/** Labels closer than this many pixels would collide. */
const MIN_ROW_LABEL_PX = 16;
const MIN_KEY_TICK_PX = 26;

/**
 * Key axis: one label per shard at its middle when every visible shard has room, else hex boundaries at a power-of-two
 * spacing (`40`, `80`, `c0`; four digits below 1/256 of the key space).
 */
export function keyTicks(geometry: HeatmapGeometry, view: HeatmapView, height: number, step = view.to - 1): AxisTick[] {
  const span = view.bottom - view.top;
  if (height <= 0 || span <= 0) return [];
  const live = geometry.rows.filter((row) => row.first <= step && step <= row.last && row.bottom > view.top && row.top < view.bottom);
  if (live.length > 0 && live.every((row) => ((row.bottom - row.top) / span) * height >= MIN_ROW_LABEL_PX)) {
    return live.map((row) => ({
      at: ((Math.max(row.top, view.top) + Math.min(row.bottom, view.bottom)) / 2 - view.top) / span * height,
      label: row.name,
    }));
  }
  let spacing = 0.5;
  while ((spacing / 2 / span) * height >= MIN_KEY_TICK_PX && spacing > 2 ** -32) spacing /= 2;
  const digits = spacing >= 1 / 256 ? 2 : spacing >= 1 / 65536 ? 4 : 8;
  const ticks: AxisTick[] = [];
  for (let key = Math.ceil(view.top / spacing) * spacing; key < view.bottom; key += spacing) {
    ticks.push({ at: ((key - view.top) / span) * height, label: Math.round(key * 16 ** digits).toString(16).padStart(digits, '0') });
  }
  return ticks;
}

/** Tick spacings that read naturally, seconds. */
const TIME_STEPS = [60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800];
const MIN_TIME_TICK_PX = 84;

/** Time ticks on whole multiples of a natural spacing, at least ~84 px apart; `spacing` is the chosen one. */
export function timeTicks(timestamps: Float64Array, view: HeatmapView, width: number): { spacing: number; ticks: number[]; positions: number[] } {
  if (width <= 0 || view.to <= view.from || timestamps.length === 0) return { spacing: 0, ticks: [], positions: [] };
  const step = timestamps.length > 1 ? timestamps[1] - timestamps[0] : 60;
  const start = timestamps[view.from];
  // A column spans [t, t + step): the view ends where its last column does.
  const end = timestamps[view.to - 1] + step;
  const secondsPerPx = (end - start) / width;
  const spacing = TIME_STEPS.find((s) => s / secondsPerPx >= MIN_TIME_TICK_PX) ?? TIME_STEPS[TIME_STEPS.length - 1];
  const ticks: number[] = [];
  const positions: number[] = [];
  // Day ticks fall on UTC midnights, like the card's axes do in UTC-aligned steps.
  for (let t = Math.ceil(start / spacing) * spacing; t < end; t += spacing) {
    ticks.push(t);
    positions.push((t - start) / secondsPerPx);
  }
  return { spacing, ticks, positions };
}
