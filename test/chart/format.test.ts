import { describe, expect, it } from 'vitest';
import { formatCount, formatTimeOfDay, pluralize } from '../../src/chart/format.js';

describe('formatCount / pluralize', () => {
  it('groups thousands like en-US without Intl', () => {
    for (const n of [0, 7, 999, 1000, 1024, 65_536, 1_234_567]) expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
  });

  it('picks the singular for exactly one, the given or an -s plural otherwise', () => {
    expect(pluralize(1, 'shard')).toBe('1 shard');
    expect(pluralize(0, 'shard')).toBe('0 shards');
    expect(pluralize(1024, 'shard')).toBe('1,024 shards');
    expect(pluralize(3, 'AZ', 'AZs')).toBe('3 AZs');
    expect(pluralize(2, 'availability zone')).toBe('2 availability zones');
  });
});

describe('formatTimeOfDay', () => {
  it('formats like toLocaleTimeString with hours, minutes and seconds', () => {
    for (const locale of [undefined, 'en-US', 'de-DE']) {
      const at = Date.UTC(2026, 10, 28, 17, 36, 25);
      expect(formatTimeOfDay(at / 1000, locale)).toBe(new Date(at).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }));
    }
  });

  it('a time beyond what a Date holds (fuzz seed 413432963: startedAt 1.9e82) is a dash, not a thrown RangeError', () => {
    expect(formatTimeOfDay(1.944368297427004e82 / 1000)).toBe('—');
  });
});

describe('absurd numbers (issue 15, case 7)', () => {
  it('clamps lags and durations beyond a thousand years into words, on screen and for screen readers alike', async () => {
    const { describeLag, formatLag, formatSeconds } = await import('../../src/chart/format.js');
    expect(formatLag(1e308)).toBe('over 1,000 years');
    expect(describeLag(1e308)).toBe('over 1,000 years');
    expect(formatSeconds(1e308)).toBe('over 1,000 years');
    expect(formatSeconds(-1e308)).toBe('under -1,000 years');
    expect(formatSeconds(7200)).toBe('2h');
  });

  it('says a negative lag is invalid, the same way on screen and to screen readers', async () => {
    const { describeLag, formatLag } = await import('../../src/chart/format.js');
    const { lagStatus } = await import('../../src/layout/status.js');
    expect([formatLag(-5), describeLag(-5)]).toEqual(['invalid', 'invalid']);
    expect(lagStatus(-5, 10).text).toBe('invalid');
  });

  it('never prints exponents or hundreds of digits, whatever the value and unit (property)', async () => {
    const fc = (await import('fast-check')).default;
    const { describeLag, formatAxisValue, formatLag, formatValue } = await import('../../src/chart/format.js');
    const units = ['count', 'per_second', 'seconds', 'bytes', 'percent', 'cores', 'iops'] as const;
    fc.assert(fc.property(fc.double({ noNaN: true }), fc.constantFrom(...units), (value, unit) => {
      for (const text of [formatValue(value, unit), formatAxisValue(value, unit), formatLag(value), describeLag(value)]) {
        expect(text, `${value} ${unit}`).not.toMatch(/e[+-]?\d|\d{16}/i);
        expect(text.length, `${value} ${unit}: ${text}`).toBeLessThanOrEqual(32);
      }
    }), { numRuns: 500 });
  }, 30_000);
});
