/** Time-range presets and duration strings (`6h`, `1h30m`, `30s`) for metric cards' `range` and elements' `refresh` attributes. */
import type { TimeRange } from './types.js';
import { describeValue, invalidData } from './invalid-data.js';

/** The ranges PlanetScale's metric panel offers. */
export const RANGE_PRESETS = ['15m', '1h', '3h', '6h', '12h', '1d', '2d', '7d'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/** A metric card's window when none is given. */
export const DEFAULT_RANGE: RangePreset = '6h';
/** Storage utilization is shown over the past week. */
export const STORAGE_WINDOW: RangePreset = '7d';

export const RANGE_PRESET_LABELS: Readonly<Record<RangePreset, string>> = {
  '15m': 'Last 15 minutes',
  '1h': 'Last hour',
  '3h': 'Last 3 hours',
  '6h': 'Last 6 hours',
  '12h': 'Last 12 hours',
  '1d': 'Last day',
  '2d': 'Last 2 days',
  '7d': 'Last 7 days',
};

const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DURATION = /^(?:\d+(?:\.\d+)?[smhdw])+$/;
const DURATION_PART = /(\d+(?:\.\d+)?)([smhdw])/g;
/** Longer than anyone charts or waits; also keeps `Date` arithmetic exact. */
const MAX_DURATION_MS = 10 * 366 * UNIT_MS.d;

export function isRangePreset(value: unknown): value is RangePreset {
  return typeof value === 'string' && (RANGE_PRESETS as readonly string[]).includes(value);
}

/** A preset from an attribute or a payload; throws an `invalid-data` DataError naming the allowed ones. */
export function parseRangePreset(value: unknown, path = 'range'): RangePreset {
  if (!isRangePreset(value)) throw invalidData(path, `expected ${RANGE_PRESETS.join('|')}, got ${describeValue(value)}`);
  return value;
}

/** Milliseconds in a duration such as `6h`, `90s`, `1h30m`, `2w` (units s m h d w; `0` alone is zero). */
export function parseDuration(text: string, path = 'duration'): number {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed === '0') return 0;
  if (!DURATION.test(trimmed)) {
    throw invalidData(path, `expected a duration such as 30s, 15m, 6h, 1d or 1h30m, got ${describeValue(text)}`);
  }
  let ms = 0;
  for (const [, amount, unit] of trimmed.matchAll(DURATION_PART)) ms += Number(amount) * UNIT_MS[unit];
  ms = Math.round(ms);
  if (ms > MAX_DURATION_MS) throw invalidData(path, `duration ${JSON.stringify(trimmed)} is longer than ten years`);
  return ms;
}

/** The window `[now − preset, now]` in epoch milliseconds. */
export function rangeFromPreset(preset: RangePreset, now: number = Date.now()): TimeRange {
  return { from: now - parseDuration(preset), to: now };
}

/** Polling more often than this only loads the data source. */
export const MIN_REFRESH_MS = 1_000;

/**
 * The period of an element's `refresh` attribute in ms: `30s` → 30000; `0`, `off`, empty or absent → 0 (no polling).
 * Throws an `invalid-data` DataError for garbage or a period under a second.
 */
export function parseRefresh(text: string | null | undefined, path = 'refresh'): number {
  if (text != null && typeof text !== 'string') throw invalidData(path, `expected a duration such as 30s, or 0, got ${describeValue(text)}`);
  const trimmed = (text ?? '').trim();
  if (trimmed === '' || trimmed === '0' || trimmed.toLowerCase() === 'off') return 0;
  const ms = parseDuration(trimmed, path);
  if (ms < MIN_REFRESH_MS) throw invalidData(path, `refresh must be at least 1s, got ${JSON.stringify(trimmed)}`);
  return ms;
}

/** `parseRefresh` for timers: an invalid value turns polling off (elements show the error from `parseRefresh` itself). */
export function refreshOrOff(text: string | null | undefined): number {
  try {
    return parseRefresh(text);
  } catch {
    return 0;
  }
}
