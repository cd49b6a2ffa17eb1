import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/model/errors.js';
import {
  DEFAULT_RANGE,
  RANGE_PRESETS,
  RANGE_PRESET_LABELS,
  STORAGE_WINDOW,
  isRangePreset,
  parseDuration,
  parseRangePreset,
  parseRefresh,
  refreshOrOff,
  rangeFromPreset,
} from '../../src/model/time-range.js';

describe('range presets', () => {
  it('lists PlanetScale presets, each with a label, and the defaults among them', () => {
    expect(RANGE_PRESETS).toEqual(['15m', '1h', '3h', '6h', '12h', '1d', '2d', '7d']);
    for (const preset of RANGE_PRESETS) expect(RANGE_PRESET_LABELS[preset]).toMatch(/^Last /);
    expect(RANGE_PRESET_LABELS['6h']).toBe('Last 6 hours');
    expect(DEFAULT_RANGE).toBe('6h');
    expect(STORAGE_WINDOW).toBe('7d');
  });

  it('turns a preset into a window ending now', () => {
    const now = 1_700_000_000_000;
    expect(rangeFromPreset('6h', now)).toEqual({ from: now - 6 * 3_600_000, to: now });
    expect(rangeFromPreset('7d', now)).toEqual({ from: now - 7 * 86_400_000, to: now });
    expect(rangeFromPreset('15m', now).from).toBe(now - 900_000);
  });

  it('recognises presets and names the allowed ones when given another', () => {
    expect(isRangePreset('1d')).toBe(true);
    expect(isRangePreset('5h')).toBe(false);
    expect(isRangePreset(6)).toBe(false);
    expect(parseRangePreset('12h')).toBe('12h');
    expect(() => parseRangePreset('5h')).toThrow('range: expected 15m|1h|3h|6h|12h|1d|2d|7d, got "5h"');
  });
});

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['15m', 900_000],
    ['6h', 21_600_000],
    ['1d', 86_400_000],
    ['2w', 1_209_600_000],
    ['1h30m', 5_400_000],
    ['1.5h', 5_400_000],
    [' 0 ', 0],
  ])('%j is %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '6', 'h', '6x', '-6h', '6h garbage', '1e3s', 'Infinityh', '99999999999w'])('rejects %j', (text) => {
    expect(() => parseDuration(text, 'range')).toThrow(DataError);
    try {
      parseDuration(text, 'range');
    } catch (error) {
      expect((error as DataError).path).toBe('range');
    }
  });
});

describe('parseRefresh', () => {
  it('reads a period or "off"', () => {
    expect(parseRefresh('30s')).toBe(30_000);
    expect(parseRefresh('1m')).toBe(60_000);
    expect(parseRefresh('0')).toBe(0);
    expect(parseRefresh('off')).toBe(0);
    expect(parseRefresh('')).toBe(0);
    expect(parseRefresh(null)).toBe(0);
    expect(parseRefresh(undefined)).toBe(0);
  });

  it('rejects garbage and periods too short to be sensible', () => {
    expect(() => parseRefresh('soon')).toThrow(/^refresh: expected a duration/);
    expect(() => parseRefresh('0.5s')).toThrow('refresh: refresh must be at least 1s, got "0.5s"');
    expect(() => parseRefresh(30 as unknown as string)).toThrow(DataError);
  });
});

describe('refreshOrOff', () => {
  it('is parseRefresh for valid values and 0 (no polling) for anything it rejects', () => {
    expect(refreshOrOff('30s')).toBe(30_000);
    expect(refreshOrOff('off')).toBe(0);
    expect(refreshOrOff('soon')).toBe(0);
    expect(refreshOrOff('200ms')).toBe(0);
    expect(refreshOrOff(undefined)).toBe(0);
  });
});
