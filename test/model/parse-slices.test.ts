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

describe('parseShardsInSlices on long lists (property)', () => {
  // Over 512 shards, so the key-range sort merges runs in slices; shuffled, with a duplicate name or tablet id at times.
  const names = evenKeyRanges(2_048);
  const template = topology(1).shards[0].tablets;
  const shardList = (order: number[]) => order.map((s) => ({ name: names[s], keyRange: parseShardName(names[s]), tablets: template.map((t, k) => ({ ...t, id: `t${s}-${k}` })) }));
  const input = fc.record({
    order: fc.shuffledSubarray([...names.keys()], { minLength: 600, maxLength: 2_048 }),
    duplicate: fc.option(fc.record({ of: fc.nat(), at: fc.nat(), field: fc.constantFrom('name', 'tablet id') })),
  });

  it('gives what parseShards gives: the same order, or the same first error', async () => {
    const { parseShards, parseShardsInSlices } = await import('../../src/model/parse.js');
    await fc.assert(fc.asyncProperty(input, async ({ order, duplicate }) => {
      const shards = shardList(order);
      if (duplicate) {
        const from = shards[duplicate.of % shards.length];
        const to = shards[duplicate.at % shards.length];
        if (duplicate.field === 'name') to.name = from.name;
        else to.tablets[1].id = from.tablets[0].id;
      }
      const sliced = await outcome(() => parseShardsInSlices(structuredClone(shards), 'shards', new Slices({ maxWork: 64 })));
      expect(sliced).toEqual(await outcome(() => parseShards(structuredClone(shards))));
    }), { numRuns: 25 });
  }, 120_000);
});

describe('parseShardsInSlices', () => {
  it('agrees with parseShards, and checks a long list in slices', async () => {
    const { parseShards, parseShardsInSlices } = await import('../../src/model/parse.js');
    const base = topology(1);
    const template = base.shards[0].tablets;
    const shards = evenKeyRanges(2_048).map((name, s) => ({ name, keyRange: parseShardName(name), tablets: template.map((t, k) => ({ ...t, id: `t${s}-${k}` })) }));
    let pauses = 0;
    const slices = new Slices({ maxWork: 512, now: () => 0, yieldToPage: async () => void pauses++ });
    expect(await parseShardsInSlices(shards, 'shards', slices)).toEqual(parseShards(shards));
    expect(pauses).toBeGreaterThanOrEqual(3);
    const broken = structuredClone(shards);
    broken[1500].tablets[0].id = broken[3].tablets[1].id;
    const whole = await outcome(() => parseShards(broken));
    expect(await outcome(() => parseShardsInSlices(broken))).toEqual(whole);
    expect(whole.error).toMatch(/duplicate/);
  });
});
