import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/model/errors.js';
import {
  compareHex,
  compareKeyRanges,
  evenKeyRanges,
  keyRangeCoverage,
  parseShardName,
  readShardName,
  sortShardsByKeyRange,
} from '../../src/model/key-range.js';

const shardsNamed = (names: string[]) => names.map((name) => ({ name, keyRange: parseShardName(name) }));

describe('parseShardName', () => {
  it('has a path-free form that returns the reason instead of throwing', () => {
    expect(readShardName('40-80')).toEqual({ start: '40', end: '80' });
    expect(readShardName('80-40')).toBe('shard name "80-40" starts at or after its end');
    expect(() => parseShardName('80-40', 'here')).toThrow('here: shard name "80-40" starts at or after its end');
  });

  it('reads open and closed ranges, in either case', () => {
    expect(parseShardName('-80')).toEqual({ start: '', end: '80' });
    expect(parseShardName('80-')).toEqual({ start: '80', end: '' });
    expect(parseShardName('40-80')).toEqual({ start: '40', end: '80' });
    expect(parseShardName('C0-')).toEqual({ start: 'c0', end: '' });
    expect(parseShardName('-')).toEqual({ start: '', end: '' });
    expect(parseShardName('0')).toEqual({ start: '', end: '' });
  });

  it.each([
    ['80', 'expected a shard name'],
    ['x-80', 'expected a shard name'],
    ['40-80-c0', 'expected a shard name'],
    ['', 'expected a shard name'],
    ['8-', 'odd number of hex digits'],
    ['80-40', 'starts at or after its end'],
    ['80-80', 'starts at or after its end'],
  ])('rejects %j with a DataError at the given path', (name, reason) => {
    let error: unknown;
    try {
      parseShardName(name, 'shards[2].name');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).kind).toBe('invalid-data');
    expect((error as DataError).path).toBe('shards[2].name');
    expect((error as DataError).message).toContain(`shards[2].name: `);
    expect((error as DataError).message).toContain(reason);
  });
});

describe('comparing key ranges', () => {
  it('compares hex by value, reading short boundaries as padded with zeros', () => {
    expect(compareHex('8', '80')).toBe(0);
    expect(compareHex('80', '8000')).toBe(0);
    expect(compareHex('7f', '8')).toBe(-1);
    expect(compareHex('C0', 'b0ff')).toBe(1);
    expect(compareHex('', '00')).toBe(0);
  });

  it('orders any two strings as their lower-cased, zero-padded forms compare', () => {
    const padded = (a: string, b: string) => {
      const length = Math.max(a.length, b.length);
      const left = a.toLowerCase().padEnd(length, '0');
      const right = b.toLowerCase().padEnd(length, '0');
      return left < right ? -1 : left > right ? 1 : 0;
    };
    const hex = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), maxLength: 8 });
    const any = fc.oneof(hex, fc.string({ unit: 'grapheme', maxLength: 6 }), fc.constantFrom('İ0', 'ß', 'Σ', '\u00c0', '@', '`', '[', '{'));
    fc.assert(fc.property(fc.oneof(fc.tuple(hex, hex), fc.tuple(any, any)), ([a, b]) => compareHex(a, b) === padded(a, b)));
  });

  it('puts an open end after every closed end', () => {
    expect(compareKeyRanges({ start: '', end: '' }, { start: '', end: 'ff' })).toBe(1);
    expect(compareKeyRanges({ start: '40', end: '80' }, { start: '40', end: '' })).toBe(-1);
  });

  it('sorts shards by key range, not by name', () => {
    const names = ['c0-', '-40', '80-c0', '40-80', '0'];
    expect(sortShardsByKeyRange(shardsNamed(names)).map((s) => s.name)).toEqual(['-40', '0', '40-80', '80-c0', 'c0-']);
  });
});

describe('evenKeyRanges', () => {
  it('names shards as Vitess does', () => {
    expect(evenKeyRanges(1)).toEqual(['-']);
    expect(evenKeyRanges(2)).toEqual(['-80', '80-']);
    expect(evenKeyRanges(3)).toEqual(['-55', '55-aa', 'aa-']);
    expect(evenKeyRanges(4)).toEqual(['-40', '40-80', '80-c0', 'c0-']);
    const sixtyFour = evenKeyRanges(64);
    expect(sixtyFour.slice(0, 2)).toEqual(['-04', '04-08']);
    expect(sixtyFour.at(-1)).toBe('fc-');
    const many = evenKeyRanges(1024);
    expect(many.slice(0, 2)).toEqual(['-0040', '0040-0080']);
    expect(many.at(-1)).toBe('ffc0-');
  });

  it.each([2, 3, 7, 49, 64, 100, 255, 256, 257, 1000, 1024])('%i shards cover the key space once, in order', (count) => {
    const names = evenKeyRanges(count);
    expect(new Set(names).size).toBe(count);
    const shards = shardsNamed(names);
    expect(keyRangeCoverage(shards)).toEqual([]);
    expect(sortShardsByKeyRange(shards).map((s) => s.name)).toEqual(names);
  });

  it('rejects counts it cannot name', () => {
    expect(() => evenKeyRanges(0)).toThrow(DataError);
    expect(() => evenKeyRanges(2.5)).toThrow(/whole number of shards/);
    expect(() => evenKeyRanges(70_000)).toThrow(DataError);
  });
});

describe('keyRangeCoverage', () => {
  it('reports the whole space as a gap when there are no shards', () => {
    expect(keyRangeCoverage([])).toEqual([{ kind: 'gap', start: '', end: '', shards: [] }]);
  });

  it('accepts an unsharded keyspace', () => {
    expect(keyRangeCoverage(shardsNamed(['0']))).toEqual([]);
    expect(keyRangeCoverage(shardsNamed(['-']))).toEqual([]);
  });

  it('finds gaps at the start, in the middle and at the end', () => {
    expect(keyRangeCoverage(shardsNamed(['40-80', 'c0-']))).toEqual([
      { kind: 'gap', start: '', end: '40', shards: ['40-80'] },
      { kind: 'gap', start: '80', end: 'c0', shards: ['40-80', 'c0-'] },
    ]);
    expect(keyRangeCoverage(shardsNamed(['-40', '40-80']))).toEqual([{ kind: 'gap', start: '80', end: '', shards: ['40-80'] }]);
  });

  it('finds overlaps, such as source and target shards during a reshard', () => {
    expect(keyRangeCoverage(shardsNamed(['-80', '80-', '0']))).toEqual([
      { kind: 'overlap', start: '', end: '80', shards: ['-80', '0'] },
      { kind: 'overlap', start: '80', end: '', shards: ['0', '80-'] },
    ]);
    expect(keyRangeCoverage(shardsNamed(['-80', '40-c0', 'c0-']))).toEqual([
      { kind: 'overlap', start: '40', end: '80', shards: ['-80', '40-c0'] },
    ]);
  });

  it('treats boundaries of different lengths as equal by value', () => {
    const shards = [
      { name: 'a', keyRange: { start: '', end: '80' } },
      { name: 'b', keyRange: { start: '8000', end: '' } },
    ];
    expect(keyRangeCoverage(shards)).toEqual([]);
  });
});
