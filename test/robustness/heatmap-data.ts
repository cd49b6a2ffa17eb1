/** Fuzz input for `<ps-keyspace-heatmap>.heatmap`: a valid heatmap, and mutations of it a broken provider could send. */
import fc from 'fast-check';
import { HEATMAP_UNITS, type KeyspaceHeatmap } from '../../src/model/heatmap.js';
import { evenKeyRanges } from '../../src/model/key-range.js';
import type { Case } from './data.js';

export function validHeatmap(shards: number, columns: number): KeyspaceHeatmap {
  const names = evenKeyRanges(shards);
  const values = new Float32Array(shards * columns);
  for (let i = 0; i < values.length; i++) values[i] = (i * 37) % 101;
  return {
    metric: 'queries',
    unit: HEATMAP_UNITS.queries,
    timestamps: Float64Array.from({ length: columns }, (_, t) => 1_767_225_600 + 60 * t),
    shards: names.map((name) => ({ name, keyRange: { start: '', end: '' } })),
    values,
  };
}

type Mutation = { name: string; apply: (h: KeyspaceHeatmap) => unknown };

const mutations: Mutation[] = [
  { name: 'a negative value', apply: (h) => { h.values[h.values.length - 1] = -1; return h; } },
  { name: 'an infinite value', apply: (h) => { h.values[0] = Infinity; return h; } },
  { name: 'a gap (NaN)', apply: (h) => { h.values[1] = NaN; return h; } },
  { name: 'one value short', apply: (h) => ({ ...h, values: h.values.subarray(1) }) },
  { name: 'values as a plain array', apply: (h) => ({ ...h, values: Array.from(h.values) }) },
  { name: 'timestamps out of order', apply: (h) => { h.timestamps.reverse(); return h; } },
  { name: 'a bad shard name', apply: (h) => { h.shards[0] = { ...h.shards[0], name: 'x-80' }; return h; } },
  { name: 'a duplicate shard', apply: (h) => { h.shards[h.shards.length - 1] = h.shards[0]; return h; } },
  { name: 'a gap in the key space', apply: (h) => ({ ...h, shards: h.shards.slice(1), values: h.values.subarray(h.timestamps.length) }) },
  { name: 'an unknown metric', apply: (h) => ({ ...h, metric: 'qps' }) },
  { name: 'the wrong unit', apply: (h) => ({ ...h, unit: 'seconds' }) },
  { name: 'shards missing', apply: (h) => ({ ...h, shards: undefined }) },
  { name: 'no shards, no values', apply: (h) => ({ ...h, shards: [], values: new Float32Array(0) }) },
  { name: 'a string', apply: () => 'heatmap' },
  { name: 'a number', apply: () => 0 },
];

export function heatmapCases(): fc.Arbitrary<Case> {
  return fc.tuple(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 200 }), fc.constantFrom(...mutations)).map(([shards, columns, mutation]) => ({
    name: `${shards} shards × ${columns}: ${mutation.name}`,
    input: mutation.apply(validHeatmap(shards, columns)),
  }));
}

export function heatmapExamples(): Case[] {
  return [
    { name: '1024 shards × 100', input: validHeatmap(1024, 100) },
    { name: 'one shard, one step', input: validHeatmap(1, 1) },
    ...mutations.map((m) => ({ name: `8 × 20: ${m.name}`, input: m.apply(validHeatmap(8, 20)) })),
  ];
}
