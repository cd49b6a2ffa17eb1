// parseTopologyInSlices (issue 15, case 6): what parseTopology says — the same model, or the same first error — for
// any input, and for 16 384 shards in slices of bounded work.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evenKeyRanges, parseShardName } from '../../src/model/key-range.js';
import { parseTopology, parseTopologyInSlices } from '../../src/model/parse.js';
import { Slices } from '../../src/model/slices.js';
import { baseTopologies, topologyCases } from '../robustness/data.js';
import { topology } from './fixtures.js';

const outcome = async (parse: () => unknown) => {
  try {
    return { value: await parse() };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
};

describe('parseTopologyInSlices', () => {
  it('agrees with parseTopology on valid, edge-case and malformed topologies (property)', async () => {
    const bases = (await baseTopologies()).slice(0, 4);
    await fc.assert(fc.asyncProperty(topologyCases(bases), async ({ input }) => {
      const sliced = await outcome(() => parseTopologyInSlices(structuredClone(input), '', new Slices({ maxWork: 3 })));
      const whole = await outcome(() => parseTopology(structuredClone(input)));
      expect(sliced).toEqual(whole);
    }), { numRuns: 150 });
  }, 60_000);

  it('checks 16 384 shards in slices of at most 512 shards', async () => {
    const base = topology(1);
    const template = base.shards[0].tablets;
    const input = { ...base, resize: null, shards: evenKeyRanges(16_384).map((name, s) => ({ name, keyRange: parseShardName(name), tablets: template.map((t, k) => ({ ...t, id: `t${s}-${k}` })) })) };
    const slices: number[] = [0];
    const tracker = new Slices({ maxWork: 512, now: () => 0, yieldToPage: async () => void slices.push(0) });
    const due = tracker.due.bind(tracker);
    tracker.due = (work = 1) => {
      slices[slices.length - 1] += work;
      return due(work);
    };
    const parsed = await parseTopologyInSlices(input, '', tracker);
    expect(parsed.shards).toHaveLength(16_384);
    expect(parsed).toEqual(parseTopology(input));
    expect(slices.length).toBeGreaterThanOrEqual(16_384 / 512 - 1);
    expect(Math.max(...slices)).toBeLessThanOrEqual(512);
  }, 60_000);
});
