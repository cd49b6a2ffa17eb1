// Work in slices (issue 15, case 6): a sort in slices gives exactly the order of Array.prototype.sort (both stable),
// and generators of work run the same at once as in slices.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runAtOnce, runInSlices, Slices, sortInSlices } from '../../src/model/slices.js';

/** Slices that end after `maxWork`, whatever the clock says, counting their pauses. */
function counting(maxWork: number) {
  const slices = new Slices({ maxWork, now: () => 0, yieldToPage: async () => void slices.pauses++ }) as Slices & { pauses: number };
  slices.pauses = 0;
  return slices;
}

describe('sortInSlices', () => {
  it('orders like Array.prototype.sort, ties kept in input order (property)', async () => {
    // Few distinct keys, so most comparisons are ties: an unstable merge would show.
    const item = fc.record({ key: fc.integer({ min: 0, max: 20 }), id: fc.nat() });
    await fc.assert(fc.asyncProperty(fc.array(item, { minLength: 400, maxLength: 3_000, size: 'max' }), async (items) => {
      const compare = (a: { key: number }, b: { key: number }) => a.key - b.key;
      const sorted = await sortInSlices(items, compare, counting(100));
      expect(sorted).toEqual([...items].sort(compare));
      expect(sorted).not.toBe(items);
    }), { numRuns: 60, endOnFailure: true }); // shrinking thousands of items takes minutes
  });

  it('sorts 16 384 items in slices, leaving its input as it was', async () => {
    const items = Array.from({ length: 16_384 }, (_, i) => (i * 7_919) % 16_384);
    const before = [...items];
    const slices = counting(1_024);
    expect(await sortInSlices(items, (a, b) => a - b, slices)).toEqual(Array.from({ length: 16_384 }, (_, i) => i));
    expect(items).toEqual(before);
    // 32 native runs, then 5 merge passes of 16 384 items each: at most 1 024 between two pauses.
    expect(slices.pauses).toBeGreaterThanOrEqual((16_384 * 6) / 1_024 - 1);
  });
});

describe('runAtOnce / runInSlices', () => {
  function* work(n: number): Generator<number, string> {
    for (let i = 0; i < n; i++) yield 10;
    if (n === 3) throw new Error('three');
    return `done ${n}`;
  }

  it('give the generator\'s value, or its error, pausing only in slices', async () => {
    expect(runAtOnce(work(5))).toBe('done 5');
    const slices = counting(20);
    expect(await runInSlices(work(5), slices)).toBe('done 5');
    expect(slices.pauses).toBe(2);
    expect(() => runAtOnce(work(3))).toThrow('three');
    await expect(runInSlices(work(3), counting(20))).rejects.toThrow('three');
  });
});
