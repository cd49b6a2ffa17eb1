import { describe, expect, it } from 'vitest';
import { formatCount, pluralize } from '../../src/chart/format.js';

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
