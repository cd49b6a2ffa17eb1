// Parsing big JSON in slices (issue 15, case 6): the same value as JSON.parse, the same verdict on text that is not
// JSON, and never more than a slice's share of work between two turns of the page.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonInSlices } from '../../src/model/json-slices.js';
import { Slices } from '../../src/model/slices.js';

/** Slices that end after `maxWork` characters whatever the clock says, counting the work of each slice. */
function countingSlices(maxWork: number) {
  const slices: number[] = [0];
  let work = 0;
  const tracker = new Slices({ maxWork, now: () => 0, yieldToPage: async () => { slices.push(0); } });
  const due = tracker.due.bind(tracker);
  tracker.due = (amount = 1) => {
    work += amount;
    slices[slices.length - 1] += amount;
    return due(amount);
  };
  return { tracker, slices, total: () => work };
}

const verdict = async (parse: () => unknown) => {
  try {
    return { ok: true, value: await parse() };
  } catch (error) {
    return { ok: false, error: (error as Error).name };
  }
};

describe('parseJsonInSlices', () => {
  it('gives what JSON.parse gives, for any JSON, cut into pieces of any size (property)', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), fc.integer({ min: 1, max: 40 }), fc.boolean(), async (value, piece, pretty) => {
      const text = JSON.stringify(value, null, pretty ? 2 : undefined);
      const parsed = await parseJsonInSlices(text, { piece });
      expect(parsed).toStrictEqual(JSON.parse(text));
      if (parsed && typeof parsed === 'object') expect(Object.keys(parsed)).toEqual(Object.keys(JSON.parse(text)));
    }), { numRuns: 300 });
  });

  it('rejects what JSON.parse rejects (property)', async () => {
    const mutated = fc.tuple(fc.jsonValue({ maxDepth: 3 }), fc.nat(), fc.constantFrom('', ',', ':', '[', ']', '{', '}', '"', '\\', 'x', ' ')).map(([value, at, insert]) => {
      const text = JSON.stringify(value);
      const i = at % (text.length + 1);
      return text.slice(0, i) + insert + text.slice(i + (insert === ' ' ? 0 : 1));
    });
    await fc.assert(fc.asyncProperty(mutated, fc.integer({ min: 1, max: 24 }), async (text, piece) => {
      const native = await verdict(() => JSON.parse(text));
      const sliced = await verdict(() => parseJsonInSlices(text, { piece }));
      expect(sliced.ok, text).toBe(native.ok);
      if (native.ok) expect(sliced.value).toStrictEqual(native.value);
      else expect(sliced.error, text).toBe('SyntaxError');
    }), { numRuns: 600 });
  });

  it('keeps duplicate keys as JSON.parse does (the last wins) and `__proto__` as an own key', async () => {
    const text = `{"a":1,"__proto__":{"polluted":true},"b":[${'1,'.repeat(50)}2],"a":3}`;
    const parsed = (await parseJsonInSlices(text, { piece: 8 })) as Record<string, unknown>;
    expect(parsed).toStrictEqual(JSON.parse(text));
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a 20 MB Prometheus answer of 200 series is parsed in slices of bounded work', async () => {
    const values = (i: number) => Array.from({ length: 11_000 }, (_, k) => [1_700_000_000 + k * 15, String((i * 31 + k) % 977 / 7)]);
    const answer = {
      status: 'success',
      data: { resultType: 'matrix', result: Array.from({ length: 200 }, (_, i) => ({ metric: { __name__: 'vttablet_query_counts', instance: `10.0.${i}.1:15000`, plan: 'Select' }, values: values(i) })) },
    };
    const text = JSON.stringify(answer);
    expect(text.length).toBeGreaterThan(20_000_000);
    const { tracker, slices, total } = countingSlices(256 * 1024);
    const parsed = await parseJsonInSlices(text, { slices: tracker });
    // Compared as text: a deep comparison of 4 million values would take longer than the parse.
    expect(JSON.stringify(parsed) === text).toBe(true);
    expect(slices.length).toBeGreaterThan(100);
    // A slice ends once it did its share (256 K characters) — plus at most the one piece or scan step that crossed it.
    expect(Math.max(...slices)).toBeLessThanOrEqual(256 * 1024 + 64 * 1024);
    expect(total()).toBeGreaterThan(text.length);
  }, 60_000);
});
