import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/model/errors.js';
import { checkMetricFrame, parseMetricFrame, parseResizeStatus, parseShards, parseTopology, tryParseTopology } from '../../src/model/parse.js';
import { metricFrame, shard, tablet, topology } from './fixtures.js';

/** Runs `parse` expecting an invalid-data DataError; returns it. */
function failure(parse: () => unknown): DataError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).kind).toBe('invalid-data');
    return error as DataError;
  }
  throw new Error('expected a DataError, but parsing succeeded');
}

type Payload = any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('parseTopology', () => {
  it('returns an equal, fresh model for a valid topology', () => {
    const input = topology(4);
    const model = parseTopology(input);
    expect(model).toEqual(input);
    expect(model).not.toBe(input);
    expect(model.shards).not.toBe(input.shards);
    expect(model.shards[0].tablets).not.toBe(input.shards[0].tablets);
    input.shards[0].tablets.push(tablet('zone9-1', 'replica'));
    input.keyspaces.push('later');
    expect(model.shards[0].tablets).toHaveLength(3);
    expect(model.keyspaces).toEqual(['commerce', 'customer']);
  });

  it('sorts shards by key range and lower-cases key ranges', () => {
    const input: Payload = topology(4);
    input.shards.reverse();
    input.shards[0] = { ...input.shards[0], name: 'C0-', keyRange: { start: 'C0', end: '' } };
    const model = parseTopology(input);
    expect(model.shards.map((s) => s.name)).toEqual(['-40', '40-80', '80-c0', 'C0-']);
    expect(model.shards[3].keyRange).toEqual({ start: 'c0', end: '' });
  });

  it('accepts a shard without a primary, and key ranges written with more digits', () => {
    const input: Payload = topology(2);
    input.shards[0].tablets = input.shards[0].tablets.filter((t: Payload) => t.role !== 'primary');
    input.shards[1].keyRange = { start: '8000', end: '' };
    const model = parseTopology(input);
    expect(model.shards[0].tablets.map((t) => t.role)).toEqual(['replica', 'replica']);
    expect(model.shards[1].keyRange).toEqual({ start: '80', end: '' });
  });

  it('keeps optional fields absent rather than undefined', () => {
    const input: Payload = topology(1);
    delete input.resize;
    delete input.vtgates.size;
    const model = parseTopology(input);
    expect('resize' in model).toBe(false);
    expect('size' in model.vtgates).toBe(false);
    expect(parseTopology({ ...input, resize: null }).resize).toBeNull();
  });

  it.each<[string, (t: Payload) => void, string, string]>([
    ['a misspelled role', (t) => (t.shards[1].tablets[0].role = 'PRIMARYY'), 'shards[1].tablets[0].role', 'expected primary|replica|rdonly, got "PRIMARYY"'],
    ['a missing database', (t) => delete t.database, 'database', 'expected a non-empty string, got nothing'],
    ['a negative lag', (t) => (t.shards[0].tablets[1].lagSeconds = -1), 'shards[0].tablets[1].lagSeconds', 'expected a number ≥ 0, got -1'],
    ['a NaN lag', (t) => (t.shards[0].tablets[1].lagSeconds = NaN), 'shards[0].tablets[1].lagSeconds', 'expected a finite number, got NaN'],
    ['a lag on a primary', (t) => (t.shards[0].tablets[0].lagSeconds = 2), 'shards[0].tablets[0].lagSeconds', 'a primary has no replication lag, got 2'],
    ['two primaries', (t) => Object.assign(t.shards[1].tablets[1], { role: 'primary', lagSeconds: null }), 'shards[1].tablets[1].role', 'shard "80-" already has a primary (zone1-110)'],
    ['a duplicate shard', (t) => (t.shards[1] = shard('-80', [])), 'shards[1].name', 'duplicate "-80" (also shards[0])'],
    ['a duplicate tablet id', (t) => (t.shards[1].tablets[1].id = 'zone1-100'), 'shards[1].tablets[1].id', 'duplicate "zone1-100" (also shards[0].tablets[0])'],
    ['a key range unlike the name', (t) => (t.shards[0].keyRange = { start: '', end: '40' }), 'shards[0].keyRange', 'expected the range of shard "-80", got "-40"'],
    ['an invalid shard name', (t) => (t.shards[0].name = 'eighty'), 'shards[0].name', 'expected a shard name such as -80'],
    ['a primary in a read-only region', (t) => (t.shards[1].tablets[2].role = 'primary'), 'shards[1].tablets[2].readOnlyRegion', 'a primary is never in a read-only region'],
    ['a keyspace not listed', (t) => (t.keyspaces = ['other']), 'keyspaces', 'expected to include the keyspace "commerce"'],
    ['a fractional VTGate count', (t) => (t.vtgates.count = 1.5), 'vtgates.count', 'expected an integer, got 1.5'],
    ['a negative VTGate count', (t) => (t.vtgates.count = -3), 'vtgates.count', 'expected a number ≥ 0, got -3'],
    ['shards that are not an array', (t) => (t.shards = { 0: t.shards[0] }), 'shards', 'expected an array, got an object'],
    ['a string boolean', (t) => (t.shards[0].tablets[2].serving = 'yes'), 'shards[0].tablets[2].serving', 'expected true or false, got "yes"'],
    ['an unknown branch kind', (t) => (t.branchKind = 'staging'), 'branchKind', 'expected production|development, got "staging"'],
    ['the primary region again as read-only', (t) => t.readOnlyRegions.push({ slug: 'us-east-2' }), 'readOnlyRegions[1].slug', '"us-east-2" is the primary region'],
    ['a bad resize state', (t) => (t.resize.shards[1].state = 'done'), 'resize.shards[1].state', 'expected pending|resizing|completed|failed|canceled, got "done"'],
  ])('rejects %s', (_, mutate, path, reason) => {
    const input = topology(2);
    mutate(input);
    const error = failure(() => parseTopology(input));
    expect(error.path).toBe(path);
    // Messages are asserted whole, except a shard-name message whose tail lists examples.
    expect(error.message.startsWith(`${path}: ${reason}`)).toBe(true);
  });

  it('rejects a root that is not an object, and prefixes a caller path', () => {
    expect(failure(() => parseTopology('nope')).message).toBe('(root): expected an object, got "nope"');
    expect(failure(() => parseTopology([])).path).toBe('(root)');
    const input: Payload = topology(1);
    input.shards[0].tablets[0].role = 'leader';
    expect(failure(() => parseTopology(input, 'result')).path).toBe('result.shards[0].tablets[0].role');
  });

  it('ignores inherited fields and __proto__ keys', () => {
    const input: Payload = JSON.parse(JSON.stringify(topology(1)));
    const inherited = Object.create({ database: 'sneaky' });
    Object.assign(inherited, { ...input });
    delete inherited.database;
    expect(failure(() => parseTopology(inherited)).path).toBe('database');
    const withProto = JSON.parse(JSON.stringify(topology(1)).replace('{', '{"__proto__":{"polluted":true},'));
    const model = parseTopology(withProto) as Payload;
    expect(model.polluted).toBeUndefined();
    expect(({} as Payload).polluted).toBeUndefined();
  });

  it('turns hostile objects into DataErrors', () => {
    const getter: Payload = topology(1);
    Object.defineProperty(getter.shards[0].tablets[0], 'role', { get: () => { throw new Error('boom'); }, enumerable: true });
    expect(failure(() => parseTopology(getter)).message).toBe('shards[0].tablets[0].role: could not be read');

    const proxy = new Proxy({}, { getPrototypeOf: () => { throw new Error('trap'); }, has: () => { throw new Error('trap'); }, getOwnPropertyDescriptor: () => { throw new Error('trap'); } });
    expect(failure(() => parseTopology(proxy)).path).toBeTruthy();

    const { proxy: revoked, revoke } = Proxy.revocable([], {});
    revoke();
    expect(failure(() => parseTopology(revoked)).path).toBe('(root)');

    const cyclic: Payload = topology(1);
    cyclic.shards[0].tablets[0] = cyclic;
    expect(failure(() => parseTopology(cyclic)).path).toBe('shards[0].tablets[0].id');

    const huge: Payload = topology(1);
    huge.shards = new Array(2 ** 32 - 1);
    expect(failure(() => parseTopology(huge)).message).toBe('shards: expected at most 1000000 items, got 4294967295');
  });

  it('offers a non-throwing variant', () => {
    expect(tryParseTopology(topology(2))).toMatchObject({ ok: true });
    const result = tryParseTopology({});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.path).toBe('keyspace');
  });

  it('parses a shard list on its own', () => {
    const shards = parseShards([shard('80-', []), shard('-80', [tablet('a-1', 'primary')])]);
    expect(shards.map((s) => s.name)).toEqual(['-80', '80-']);
    expect(failure(() => parseShards([shard('-80', []), shard('-80', [])])).path).toBe('shards[1].name');
  });
});

describe('parseMetricFrame', () => {
  it('turns number arrays into Float64Arrays with NaN gaps', () => {
    const frame = parseMetricFrame(metricFrame());
    expect(frame.timestamps).toBeInstanceOf(Float64Array);
    expect(Array.from(frame.timestamps)).toEqual([1_700_000_000, 1_700_000_060, 1_700_000_120]);
    expect(Array.from(frame.series[0].values)).toEqual([0.001, NaN, 0.002]);
    expect(Array.from(frame.series[1].values)).toEqual([0.01, 0.02, NaN]);
    expect(parseMetricFrame(frame)).toEqual(frame);
  });

  it('copies typed arrays so the caller may reuse its buffers', () => {
    const input = metricFrame();
    const values = input.series[1].values as Float64Array;
    const frame = parseMetricFrame(input);
    values[0] = 99;
    expect(frame.series[1].values[0]).toBe(0.01);
    expect(Array.from(parseMetricFrame({ ...input, timestamps: new Uint32Array([1, 2, 3]) }).timestamps)).toEqual([1, 2, 3]);
  });

  it('accepts a frame with no samples and no series', () => {
    expect(parseMetricFrame({ metric: 'cpu', unit: 'cores', timestamps: [], series: [] }).timestamps).toHaveLength(0);
  });

  it('keeps newestIsCurrent when given, and only as a boolean', () => {
    expect(parseMetricFrame({ ...metricFrame(), newestIsCurrent: true }).newestIsCurrent).toBe(true);
    expect('newestIsCurrent' in parseMetricFrame(metricFrame())).toBe(false);
    expect(failure(() => parseMetricFrame({ ...metricFrame(), newestIsCurrent: 'yes' })).path).toBe('newestIsCurrent');
  });

  it.each<[string, (f: Payload) => void, string, string]>([
    ['an unknown metric', (f) => (f.metric = 'qps'), 'metric', 'expected connections|latency|queries|cpu|memory|reads_writes|iops|storage|replication_lag, got "qps"'],
    ['an unknown unit', (f) => (f.unit = 'ms'), 'unit', 'expected count|per_second|seconds|bytes|percent|cores|iops, got "ms"'],
    ['timestamps out of order', (f) => (f.timestamps[2] = 1_700_000_000), 'timestamps[2]', 'expected a time after timestamps[1] (1700000060), got 1700000000'],
    ['a repeated timestamp', (f) => (f.timestamps = new Float64Array([1, 1, 2])), 'timestamps[1]', 'expected a time after timestamps[0] (1), got 1'],
    ['a null timestamp', (f) => (f.timestamps[0] = null), 'timestamps[0]', 'expected a finite number, got null'],
    ['a NaN timestamp in a typed array', (f) => (f.timestamps = new Float64Array([1, NaN, 3])), 'timestamps[1]', 'expected a finite number, got NaN'],
    ['an infinite value', (f) => (f.series[1].values[1] = Infinity), 'series[1].values[1]', 'expected a finite number or null (a gap), got Infinity'],
    ['a string value', (f) => (f.series[0].values[2] = '3'), 'series[0].values[2]', 'expected a finite number or null (a gap), got "3"'],
    ['a short series', (f) => f.series[0].values.pop(), 'series[0].values', 'expected 3 values (one per timestamp), got 2'],
    ['values that are not an array', (f) => (f.series[0].values = '1,2,3'), 'series[0].values', 'expected a Float64Array or an array of numbers, got "1,2,3"'],
    ['a BigInt64Array', (f) => (f.timestamps = new BigInt64Array(3)), 'timestamps', 'expected a Float64Array or an array of numbers, got a typed array'],
    ['a missing label', (f) => delete f.series[1].label, 'series[1].label', 'expected a string, got nothing'],
  ])('rejects %s (and checkMetricFrame with the same words)', (_, mutate, path, reason) => {
    const input: Payload = metricFrame();
    mutate(input);
    for (const parse of [parseMetricFrame, checkMetricFrame]) {
      const error = failure(() => parse(input));
      expect(error.path).toBe(path);
      expect(error.message).toBe(`${path}: ${reason}`);
    }
  });
});

describe('checkMetricFrame (what a card keeps)', () => {
  it('keeps Float64Array samples where they are: a view of the same memory, not a copy', () => {
    const timestamps = new Float64Array([1, 2, 3]);
    const frames = ['p50', 'p99'].map((label, i) => checkMetricFrame({ metric: 'latency', unit: 'seconds', timestamps, series: [{ label, values: new Float64Array([i, NaN, 2]) }] }));
    // Two frames of one answer set share their timestamp column, as their source did.
    expect(frames[0].timestamps.buffer).toBe(timestamps.buffer);
    expect(frames[1].timestamps.buffer).toBe(timestamps.buffer);
    expect(Array.from(frames[1].series[0].values)).toEqual([1, NaN, 2]);
    // Of a larger buffer, only the view's own samples.
    const pool = new Float64Array([9, 10, 20, 30, 9]);
    const view = checkMetricFrame({ metric: 'cpu', unit: 'cores', timestamps: pool.subarray(1, 4), series: [] }).timestamps;
    expect(view.buffer).toBe(pool.buffer);
    expect(Array.from(view)).toEqual([10, 20, 30]);
  });

  it('keeps a plain Float64Array: a subclass or own properties of the input do not come along', () => {
    class Sneaky extends Float64Array {
      override subarray(): Float64Array<ArrayBuffer> {
        throw new Error('hostile');
      }
    }
    const values = Object.defineProperty(new Float64Array([1, 2, 3]), 'length', { value: 99 });
    const frame = checkMetricFrame({ metric: 'cpu', unit: 'cores', timestamps: Sneaky.from([1, 2, 3]), series: [{ label: 'cpu', values }] });
    expect(Object.getPrototypeOf(frame.timestamps)).toBe(Float64Array.prototype);
    expect(frame.timestamps.subarray(1)).toHaveLength(2);
    expect(Object.getPrototypeOf(frame.series[0].values)).toBe(Float64Array.prototype);
    expect(frame.series[0].values).toHaveLength(3);
  });

  it('copies what could change under the card: shared and resizable buffers, other typed arrays, number arrays', () => {
    const shared = new Float64Array(new SharedArrayBuffer(24)).fill(1);
    // ES2024's resizable ArrayBuffer (node 20, Chromium 111+); the lib this project compiles against predates it.
    const Resizable = ArrayBuffer as unknown as new (length: number, options: { maxByteLength: number }) => ArrayBuffer;
    const resizable = new Float64Array(new Resizable(24, { maxByteLength: 48 }));
    expect((resizable.buffer as { resizable?: boolean }).resizable).toBe(true);
    const input = { metric: 'cpu', unit: 'cores', timestamps: [1, 2, 3], series: [{ label: 'a', values: shared }, { label: 'b', values: resizable }, { label: 'c', values: new Float32Array(3) }] };
    const frame = checkMetricFrame(input);
    expect(frame.series.map((s) => s.values.buffer)).not.toContain(shared.buffer);
    expect(frame.series.map((s) => s.values.buffer)).not.toContain(resizable.buffer);
    expect(frame.series.every((s) => s.values instanceof Float64Array && s.values.buffer instanceof ArrayBuffer && !(s.values.buffer as { resizable?: boolean }).resizable)).toBe(true);
    expect(Array.from(frame.series[0].values)).toEqual([1, 1, 1]);
    expect(frame.timestamps).toBeInstanceOf(Float64Array);
  });
});

describe('parseResizeStatus', () => {
  const status = () => structuredClone(topology(2).resize!);

  it('returns an equal, fresh status', () => {
    const input = status();
    const model = parseResizeStatus(input);
    expect(model).toEqual(input);
    expect(model.shards).not.toBe(input.shards);
  });

  it('keeps the phase fields, and leaves absent ones absent', () => {
    const input = {
      ...status(),
      phase: 'copying',
      progressPercent: 40,
      lagSeconds: null,
      updatedAt: 1_700_000_060_000,
      workflow: 'cust2cust',
      shards: [
        { shard: '-80', state: 'resizing', phase: 'replicating', lagSeconds: 2, updatedAt: 1_700_000_060_000 },
        { shard: '80-', state: 'resizing', phase: 'copying', copyPercent: 12.5, rowsCopied: 1200 },
        { shard: '80-c0', state: 'failed', phase: 'error', message: 'Error: table t1 not found' },
        { shard: 'c0-', state: 'pending', phase: 'stopped', message: 'stopped by user' },
      ],
    };
    const model = parseResizeStatus(input);
    expect(model).toEqual(input);
    expect('copyPercent' in model.shards[0]).toBe(false);
    expect('phase' in parseResizeStatus(status()).shards[0]).toBe(false);
  });

  it.each<[string, (s: Payload) => void, string, string]>([
    ['an unknown state', (s) => (s.state = 'RESIZING'), 'state', 'expected queued|pending|resizing|completed|canceled, got "RESIZING"'],
    ['a fractional replica count', (s) => (s.to.replicas = 2.5), 'to.replicas', 'expected an integer, got 2.5'],
    ['a missing size', (s) => (s.from.size = ''), 'from.size', 'expected a non-empty string, got ""'],
    ['a finish before the start', (s) => (s.shards[0].finishedAt = 1), 'shards[0].finishedAt', 'expected a time at or after startedAt (1700000000000), got 1'],
    ['a duplicate shard', (s) => (s.shards[1].shard = '-80'), 'shards[1].shard', 'duplicate "-80" (also shards[0])'],
    ['an unknown phase', (s) => (s.phase = 'copied'), 'phase', 'expected queued|pending|copying|replicating|switched|resizing|completed|stopped|error|canceled, got "copied"'],
    ['a phase its state contradicts', (s) => (s.phase = 'completed'), 'state', 'expected "completed" for phase "completed", got "resizing"'],
    ['progress over 100', (s) => (s.progressPercent = 100.5), 'progressPercent', 'expected a number ≤ 100, got 100.5'],
    ['a negative lag', (s) => (s.lagSeconds = -1), 'lagSeconds', 'expected a number ≥ 0, got -1'],
    ['an empty workflow name', (s) => (s.workflow = ''), 'workflow', 'expected a non-empty string, got ""'],
    ['a shard phase the shard does not have', (s) => (s.shards[1].phase = 'queued'), 'shards[1].phase', 'expected pending|copying|replicating|switched|resizing|completed|stopped|error|canceled, got "queued"'],
    // A Running Reshard stream is copied but not switched: an element reading only `state` must not see it done.
    ['a replicating shard said to be completed', (s) => Object.assign(s.shards[0], { phase: 'replicating' }), 'shards[0].state', 'expected "resizing" for phase "replicating", got "completed"'],
    ['a failed shard without state failed', (s) => (s.shards[1].phase = 'error'), 'shards[1].state', 'expected "failed" for phase "error", got "resizing"'],
    ['a copy percent below 0', (s) => (s.shards[1].copyPercent = -3), 'shards[1].copyPercent', 'expected a number ≥ 0, got -3'],
    ['fractional rows copied', (s) => (s.shards[1].rowsCopied = 1.5), 'shards[1].rowsCopied', 'expected an integer, got 1.5'],
    ['an updatedAt that is no time', (s) => (s.shards[1].updatedAt = '2024-01-01'), 'shards[1].updatedAt', 'expected a finite number, got "2024-01-01"'],
    ['a message that is no text', (s) => (s.shards[1].message = 42), 'shards[1].message', 'expected a string, got 42'],
  ])('rejects %s', (_, mutate, path, reason) => {
    const input = status();
    mutate(input);
    const error = failure(() => parseResizeStatus(input));
    expect(error.path).toBe(path);
    expect(error.message).toBe(`${path}: ${reason}`);
  });
});
