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
