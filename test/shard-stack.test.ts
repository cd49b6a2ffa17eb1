import { describe, expect, it } from 'vitest';
import { scrollTopFor, visibleRange } from '../src/controllers/virtual-list-controller.js';
import {
  buildShardRows,
  describeShardRow,
  describeTablet,
  filterShardRows,
  formatKeyRange,
  lagText,
  orderTablets,
  sortShardRows,
  summarizeShards,
  summaryText,
  typeAheadIndex,
  type ShardRow,
} from '../src/elements/ps-shard-stack/shard-rows.js';
import { evenKeyRanges, parseShardName } from '../src/model/key-range.js';
import type { ResizeStatus, Shard, Tablet } from '../src/model/types.js';

const primary = (id: string, region = 'us-east-2', extra: Partial<Tablet> = {}): Tablet => ({ id, role: 'primary', region, zone: `${region}a`, readOnlyRegion: false, serving: true, ...extra });
const replica = (id: string, lagSeconds: number | null | undefined, extra: Partial<Tablet> = {}): Tablet => {
  const tablet: Tablet = { id, role: 'replica', region: 'us-east-2', zone: 'us-east-2b', readOnlyRegion: false, serving: true, ...extra };
  if (lagSeconds !== undefined) tablet.lagSeconds = lagSeconds;
  return tablet;
};
const shard = (name: string, tablets: Tablet[]): Shard => ({ name, keyRange: parseShardName(name), tablets });
const healthy = (name: string, lags: (number | null)[] = [0.4, 0.2]): Shard =>
  shard(name, [primary(`${name}-p`), ...lags.map((lag, i) => replica(`${name}-r${i}`, lag))]);

const names = (rows: readonly ShardRow[]) => rows.map((row) => row.name);
const options = { lagWarningSeconds: 10 };

describe('buildShardRows', () => {
  it('orders rows by key range whatever the input order, and reads primary, replicas and worst lag', () => {
    const rows = buildShardRows([healthy('80-'), healthy('-40', [0.4, 3.25]), healthy('40-80', [null, null])], options);
    expect(names(rows)).toEqual(['-40', '40-80', '80-']);
    expect(rows.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(rows[0]).toMatchObject({ keyRangeText: 'min – 40', replicaCount: 2, maxLagSeconds: 3.25, unknownLag: 0, lagging: false, notServing: 0, problems: [] });
    expect(rows[0].primary?.id).toBe('-40-p');
    expect(rows[1]).toMatchObject({ maxLagSeconds: null, unknownLag: 2 });
    expect(rows[2].keyRangeText).toBe('80 – max');
  });

  it('flags lag above the threshold (not at it), a missing primary, and tablets out of service', () => {
    const rows = buildShardRows(
      [
        healthy('-40', [10, 0.1]),
        healthy('40-80', [10.01]),
        shard('80-c0', [replica('x', 1), replica('y', 2, { serving: false })]),
        shard('c0-', [primary('z', 'us-east-2', { serving: false })]),
      ],
      options,
    );
    expect(rows.map((r) => r.lagging)).toEqual([false, true, false, false]);
    expect(rows[2].primary).toBeUndefined();
    expect(rows[2].problems).toEqual([{ kind: 'no-primary', text: 'No primary' }]);
    expect(rows[2].notServing).toBe(1);
    expect(rows[3]).toMatchObject({ replicaCount: 0, maxLagSeconds: null, notServing: 1, tabletCount: 1 });
  });

  it('marks overlapping and missing key ranges on the shards either side', () => {
    const rows = buildShardRows([healthy('-40'), healthy('40-80'), healthy('60-a0'), healthy('c0-')], options);
    const problems = Object.fromEntries(rows.map((r) => [r.name, r.problems.map((p) => `${p.kind}:${p.text}`)]));
    expect(problems).toEqual({
      '-40': [],
      '40-80': ['overlap:Overlaps 60-a0'],
      '60-a0': ['overlap:Overlaps 40-80', 'gap:Gap a0–c0'],
      'c0-': ['gap:Gap a0–c0'],
    });
  });

  it('an unsharded keyspace (`-` or `0`) covers everything; an empty list has no rows and no problems', () => {
    expect(buildShardRows([healthy('-')], options)[0]).toMatchObject({ keyRangeText: 'min – max', problems: [] });
    expect(buildShardRows([healthy('0')], options)[0].problems).toEqual([]);
    expect(buildShardRows([], options)).toEqual([]);
  });

  it('takes each shard\'s resize state from the keyspace resize', () => {
    const resize: ResizeStatus = {
      state: 'resizing',
      from: { size: 'PS-40', replicas: 2 },
      to: { size: 'PS-80', replicas: 2 },
      shards: [{ shard: '-80', state: 'completed' }, { shard: '80-', state: 'resizing' }],
    };
    const rows = buildShardRows([healthy('-80'), healthy('80-')], { ...options, resize });
    expect(rows.map((r) => r.resize)).toEqual(['completed', 'resizing']);
    expect(buildShardRows([healthy('-80')], options)[0].resize).toBeUndefined();
  });
});

describe('filterShardRows', () => {
  const shards = evenKeyRanges(64).map((name, i) =>
    i === 5
      ? shard(name, [replica(`${name}-r`, 1)])
      : shard(name, [primary(`${name}-p`, i === 9 ? 'eu-central-1' : 'us-east-2'), replica(`${name}-r0`, i === 7 || i === 11 ? 25 : i === 13 ? null : 0.5), replica(`${name}-r1`, 0.1, { region: 'us-west-2', readOnlyRegion: true, serving: i !== 20 })]),
  );
  const rows = buildShardRows(shards, options);

  it('an empty or blank query keeps every row, in order', () => {
    expect(names(filterShardRows(rows, ''))).toEqual(names(rows));
    expect(names(filterShardRows(rows, '   '))).toEqual(names(rows));
  });

  it('hex terms match shard names as substrings, case-insensitively', () => {
    const expected = evenKeyRanges(64).filter((name) => name.includes('80'));
    expect(names(filterShardRows(rows, '80'))).toEqual(expected);
    expect(expected).toEqual(['7c-80', '80-84']);
    expect(names(filterShardRows(rows, 'C0-'))).toEqual(['c0-c4']);
    expect(names(filterShardRows(rows, '-04'))).toEqual(['-04']);
  });

  it('other terms match regions, zones and state words; several terms must all match', () => {
    expect(names(filterShardRows(rows, 'eu-central'))).toEqual([rows[9].name]);
    expect(names(filterShardRows(rows, 'lagging'))).toEqual([rows[7].name, rows[11].name]);
    expect(names(filterShardRows(rows, 'no-primary'))).toEqual([rows[5].name]);
    expect(names(filterShardRows(rows, 'not-serving'))).toEqual([rows[20].name]);
    expect(names(filterShardRows(rows, 'unknown-lag'))).toEqual([rows[13].name]);
    expect(filterShardRows(rows, 'us-west-2')).toHaveLength(63);
    expect(names(filterShardRows(rows, 'lagging 2c'))).toEqual([rows[11].name]);
    expect(filterShardRows(rows, 'nothing-like-this')).toEqual([]);
  });

  it('finds resize states and key-range problems', () => {
    const resize: ResizeStatus = { state: 'resizing', from: { size: 'PS-40', replicas: 2 }, to: { size: 'PS-80', replicas: 2 }, shards: [{ shard: '-80', state: 'failed' }, { shard: '80-', state: 'pending' }] };
    const two = buildShardRows([healthy('-80'), healthy('80-'), healthy('40-c0')], { ...options, resize });
    expect(names(filterShardRows(two, 'failed'))).toEqual(['-80']);
    expect(names(filterShardRows(two, 'pend'))).toEqual(['80-']);
    expect(names(filterShardRows(two, 'overlap'))).toEqual(['-80', '40-c0', '80-']);
  });
});

describe('sortShardRows', () => {
  const rows = buildShardRows([healthy('-40', [1, 2]), healthy('40-80', [null, null]), healthy('80-c0', [5]), shard('c0-', [primary('p')]), healthy('c0-', [])].slice(0, 4), options);

  it('by lag: worst first, unknown or no lag last, ties in key-range order; by key range: back to the start', () => {
    const byLag = sortShardRows(rows, 'lag');
    expect(names(byLag)).toEqual(['80-c0', '-40', '40-80', 'c0-']);
    expect(names(sortShardRows(byLag, 'key-range'))).toEqual(['-40', '40-80', '80-c0', 'c0-']);
    expect(names(rows)).toEqual(['-40', '40-80', '80-c0', 'c0-']);
  });
});

describe('summaries and names', () => {
  const rows = buildShardRows([healthy('-40', [0.4, 12]), shard('40-80', [replica('a', null)]), healthy('80-', [0.4]), healthy('90-a0')], options);

  it('counts lagging shards, missing primaries, out-of-service tablets and key-range problems', () => {
    const summary = summarizeShards(rows);
    expect(summary).toEqual({ total: 4, lagging: 1, noPrimary: 1, notServing: 0, coverage: 2, unknownLag: 1 });
    expect(summaryText(summary)).toBe('4 shards · 1 lagging · 1 without primary · 2 key range problems');
    expect(summaryText(summary, 2)).toBe('2 of 4 shards · 1 lagging · 1 without primary · 2 key range problems');
    expect(summaryText(summarizeShards(buildShardRows(evenKeyRanges(64).map((n) => healthy(n)), options)))).toBe('64 shards · 0 lagging');
    expect(summaryText(summarizeShards(buildShardRows(evenKeyRanges(1024).map((n) => healthy(n)), options)))).toBe('1,024 shards · 0 lagging');
  });

  it('accessible names say what the row shows', () => {
    const two = buildShardRows([healthy('-80', [0.4, 0.1]), healthy('80-', [0.2, null])], options);
    expect(describeShardRow(two[0], 10)).toBe('Shard -80, primary in us-east-2, 2 replicas, max lag 0.4 seconds');
    expect(describeShardRow(two[1], 10)).toBe('Shard 80-, primary in us-east-2, 2 replicas, max lag 0.2 seconds, 1 replica with unknown lag');
    expect(describeShardRow(rows[0], 10)).toBe('Shard -40, primary in us-east-2, 2 replicas, max lag 12 seconds, above the warning threshold of 10 seconds');
    expect(describeShardRow(rows[1], 10)).toBe('Shard 40-80, no primary, 1 replica, max lag unknown');
    expect(describeShardRow(rows[2], 10)).toBe('Shard 80-, primary in us-east-2, 1 replica, max lag 0.4 seconds, overlaps 90-a0');
  });

  it('lag cell: formatted, — when unknown, empty without replicas', () => {
    const cells = buildShardRows([healthy('-40', [0.44]), healthy('40-80', [null]), shard('80-', [primary('p')])], options).map((r) => lagText(r));
    expect(cells).toEqual(['0.4s', '—', '']);
  });

  it('formats key ranges with named open ends', () => {
    expect(formatKeyRange({ start: '', end: '' })).toBe('min – max');
    expect(formatKeyRange({ start: '80', end: 'c0' })).toBe('80 – c0');
  });
});

describe('typeAheadIndex', () => {
  const list = evenKeyRanges(16).map((name) => ({ name }));
  // -10, 10-20, 20-30, …, f0-

  it('jumps to the next name starting with the typed prefix, wrapping', () => {
    expect(typeAheadIndex(list, '8', 0)).toBe(8);
    expect(typeAheadIndex(list, 'A', 0)).toBe(10);
    expect(typeAheadIndex(list, '-', 5)).toBe(0);
    expect(typeAheadIndex(list, 'f0-', 3)).toBe(15);
    expect(typeAheadIndex(list, 'z', 3)).toBe(-1);
    expect(typeAheadIndex([], '8', 0)).toBe(-1);
  });

  it('a longer prefix keeps the active row when it still matches; a repeated key cycles', () => {
    expect(typeAheadIndex(list, '80', 8)).toBe(8);
    const many = ['80-81', '81-82', '82-83', '90-'].map((name) => ({ name }));
    expect(typeAheadIndex(many, '8', 0)).toBe(1);
    expect(typeAheadIndex(many, '88', 1)).toBe(2);
    expect(typeAheadIndex(many, '888', 2)).toBe(0);
  });
});

describe('tablets of a shard', () => {
  const tablets: Tablet[] = [
    replica('r-west', 0.1, { region: 'us-west-2', zone: 'us-west-2a', readOnlyRegion: true }),
    { id: 'rd', role: 'rdonly', region: 'us-east-2', readOnlyRegion: false, serving: true, lagSeconds: 2 },
    replica('r-b', 0.4, { zone: 'us-east-2b' }),
    primary('p'),
    replica('r-a', 14, { zone: 'us-east-2a', serving: false }),
  ];

  it('orders primary, replicas in the primary region, read-only regions, rdonly', () => {
    expect(orderTablets(tablets).map((t) => t.id)).toEqual(['p', 'r-a', 'r-b', 'r-west', 'rd']);
  });

  it('names each tablet with role, place, lag and state', () => {
    const [p, a, , west] = orderTablets(tablets);
    expect(describeTablet(p, 10)).toBe('Primary in us-east-2 (us-east-2a), tablet p');
    expect(describeTablet(a, 10)).toBe('Replica in us-east-2 (us-east-2a), replication lag 14 seconds, above the warning threshold of 10 seconds, not serving, tablet r-a');
    expect(describeTablet(west, 10)).toBe('Replica in us-west-2 (us-west-2a), read-only region, replication lag 0.1 seconds, tablet r-west');
  });
});

describe('virtual list arithmetic', () => {
  it('renders the rows in view plus overscan, clamped to the list', () => {
    expect(visibleRange(0, 400, 40, 1024, 8)).toEqual({ start: 0, end: 18 });
    expect(visibleRange(4000, 400, 40, 1024, 8)).toEqual({ start: 92, end: 118 });
    expect(visibleRange(1024 * 40 - 400, 400, 40, 1024, 8)).toEqual({ start: 1006, end: 1024 });
    expect(visibleRange(-50, 400, 40, 3, 8)).toEqual({ start: 0, end: 3 });
    expect(visibleRange(0, 400, 40, 0)).toEqual({ start: 0, end: 0 });
    // Far past the end (a list that just shrank): still at least one row, never past the count.
    expect(visibleRange(1e6, 400, 40, 10, 2)).toEqual({ start: 9, end: 10 });
  });

  it('1024 rows at 40 px in a 480 px viewport keep under 60 rows rendered wherever scrolled', () => {
    for (let top = 0; top <= 1024 * 40; top += 997) {
      const { start, end } = visibleRange(top, 480, 40, 1024, 8);
      expect(end - start).toBeLessThanOrEqual(29);
    }
  });

  it('scrolls the least needed to show a row fully', () => {
    expect(scrollTopFor(5, 0, 400, 40)).toBeUndefined();
    expect(scrollTopFor(10, 0, 400, 40)).toBe(40);
    expect(scrollTopFor(2, 200, 400, 40)).toBe(80);
    expect(scrollTopFor(1023, 0, 400, 40)).toBe(1024 * 40 - 400);
  });
});
