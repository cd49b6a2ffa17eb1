// Valid payloads and a generator of valid topologies, shared by the model tests.
import fc from 'fast-check';
import { evenKeyRanges, parseShardName } from '../../src/model/key-range.js';
import type { Shard, Tablet, Topology } from '../../src/model/types.js';

export function tablet(id: string, role: Tablet['role'], extra: Partial<Tablet> = {}): Tablet {
  return { id, role, region: 'us-east-2', zone: 'us-east-2a', readOnlyRegion: false, serving: true, ...extra };
}

export function shard(name: string, tablets: Tablet[]): Shard {
  return { name, keyRange: parseShardName(name), tablets };
}

/** A production topology with `count` even shards, each with a primary, a replica and a read-only-region replica. */
export function topology(count = 2): Topology {
  return {
    database: 'commerce',
    branch: 'main',
    branchKind: 'production',
    keyspace: 'commerce',
    keyspaces: ['commerce', 'customer'],
    primaryRegion: { slug: 'us-east-2', name: 'AWS us-east-2 (Ohio)' },
    readOnlyRegions: [{ slug: 'eu-central-1' }],
    vtgates: { count: 3, zones: ['us-east-2a', 'us-east-2b', 'us-east-2c'], region: 'us-east-2', size: 'PS-40' },
    shards: evenKeyRanges(count).map((name, s) =>
      shard(name, [
        tablet(`zone1-${s * 10 + 100}`, 'primary', { size: 'PS-40' }),
        tablet(`zone1-${s * 10 + 101}`, 'replica', { lagSeconds: 0.5 }),
        tablet(`zone2-${s * 10 + 102}`, 'replica', { region: 'eu-central-1', readOnlyRegion: true, lagSeconds: null, serving: false }),
      ]),
    ),
    resize: {
      state: 'resizing',
      from: { size: 'PS-40', replicas: 2 },
      to: { size: 'PS-80', replicas: 2 },
      startedAt: 1_700_000_000_000,
      shards: [{ shard: '-80', state: 'completed', startedAt: 1_700_000_000_000, finishedAt: 1_700_000_600_000 }, { shard: '80-', state: 'resizing' }],
    },
  };
}

export function metricFrame() {
  return {
    metric: 'latency',
    unit: 'seconds',
    timestamps: [1_700_000_000, 1_700_000_060, 1_700_000_120],
    series: [
      { label: 'p50', values: [0.001, null, 0.002] },
      { label: 'p99', values: new Float64Array([0.01, 0.02, NaN]) },
    ],
  };
}

const arbTablet = (id: string, role: Tablet['role']): fc.Arbitrary<Tablet> =>
  fc.record(
    {
      id: fc.constant(id),
      role: fc.constant(role),
      region: fc.constantFrom('us-east-2', 'us-west-2'),
      zone: fc.constantFrom('a', 'b', 'c'),
      readOnlyRegion: role === 'primary' ? fc.constant(false) : fc.boolean(),
      serving: fc.boolean(),
      lagSeconds: role === 'primary' ? fc.constant(undefined) : fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: null }),
      size: fc.constantFrom('PS-10', 'PS-40'),
    },
    { requiredKeys: ['id', 'role', 'region', 'readOnlyRegion', 'serving'] },
  ).map((t) => {
    // fc.record may still set an optional key to undefined through the arbitrary; drop it so the payload is canonical.
    if (t.lagSeconds === undefined) delete t.lagSeconds;
    return t;
  });

/** Valid topologies with 0…64 even shards, in shuffled order, each shard with 0…1 primary and 0…3 other tablets. */
export const arbTopology: fc.Arbitrary<Topology> = fc
  .integer({ min: 0, max: 64 })
  .chain((count) => {
    const names = count === 0 ? [] : evenKeyRanges(count);
    const shards = names.map((name, s) =>
      fc
        .tuple(fc.boolean(), fc.array(fc.constantFrom<Tablet['role']>('replica', 'rdonly'), { maxLength: 3 }))
        .chain(([hasPrimary, roles]) => {
          const all: Tablet['role'][] = hasPrimary ? ['primary', ...roles] : roles;
          return fc.tuple(...all.map((role, t) => arbTablet(`cell-${s}-${t}`, role)));
        })
        .map((tablets): Shard => shard(name, tablets)),
    );
    return fc.record({
      database: fc.constantFrom('commerce', 'x'),
      branch: fc.constantFrom('main', 'dev'),
      branchKind: fc.constantFrom<Topology['branchKind']>('production', 'development'),
      keyspace: fc.constant('commerce'),
      keyspaces: fc.constantFrom(['commerce'], ['lookup', 'commerce']),
      primaryRegion: fc.constant({ slug: 'us-east-2' }),
      readOnlyRegions: fc.constantFrom([], [{ slug: 'us-west-2', name: 'Oregon' }]),
      vtgates: fc.record({ count: fc.nat(12), zones: fc.constantFrom([], ['a', 'b']), region: fc.constant('us-east-2') }),
      shards: fc.tuple(...shards).chain((list) => fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length })),
    });
  });
