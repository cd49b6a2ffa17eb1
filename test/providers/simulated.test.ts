// The simulated cluster's topology, live actions, watchers, latency, failures and aborts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataError } from '../../src/model/errors.js';
import { keyRangeCoverage, parseShardName } from '../../src/model/key-range.js';
import { parseResizeStatus } from '../../src/model/parse.js';
import { resizeProgress } from '../../src/model/resize.js';
import type { BranchRef, ResizeStatus, Tablet, Topology } from '../../src/model/types.js';
import { SimulatedProvider, type SimulatedProviderOptions } from '../../src/providers/simulated/index.js';

const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);
const REF: BranchRef = { database: 'shop', branch: 'main' };
const KS = { database: 'shop', branch: 'main', keyspace: 'shop' };

function clock(start = T0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => { now += ms; } };
}

function make(options: Partial<SimulatedProviderOptions> & Pick<SimulatedProviderOptions, 'scenario'>, c = clock()) {
  return { provider: new SimulatedProvider({ now: c.now, ...options }), clock: c };
}

const opts = () => ({ signal: new AbortController().signal });

async function topology(provider: SimulatedProvider, ref: BranchRef = REF): Promise<Topology> {
  return provider.getTopology(ref, opts());
}

function roles(tablets: Tablet[]) {
  return tablets.map((t) => t.role).sort();
}

async function rejection(promise: Promise<unknown>): Promise<DataError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DataError);
  return error as DataError;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('scenario shapes', () => {
  it('development: one primary, one VTGate in one AZ, no replicas', async () => {
    const t = await topology(make({ scenario: 'development' }).provider);
    expect(t.branchKind).toBe('development');
    expect(t.keyspace).toBe('shop');
    expect(t.keyspaces).toEqual(['shop']);
    expect(t.shards.map((s) => s.name)).toEqual(['-']);
    expect(t.shards[0].keyRange).toEqual({ start: '', end: '' });
    expect(roles(t.shards[0].tablets)).toEqual(['primary']);
    expect(t.shards[0].tablets[0]).toMatchObject({ region: 'us-east-2', readOnlyRegion: false, serving: true });
    expect(t.shards[0].tablets[0].lagSeconds).toBeUndefined();
    expect(t.vtgates).toMatchObject({ count: 1, zones: ['us-east-2a'], region: 'us-east-2' });
    expect(t.readOnlyRegions).toEqual([]);
    expect(t.resize ?? null).toBeNull();
  });

  it('production: primary + 2 replicas across us-east-2a/b/c, 3 VTGates in 3 AZs', async () => {
    const t = await topology(make({ scenario: 'production' }).provider);
    expect(t.branchKind).toBe('production');
    expect(t.primaryRegion).toEqual({ slug: 'us-east-2', name: 'AWS us-east-2 (Ohio)' });
    expect(t.shards).toHaveLength(1);
    const tablets = t.shards[0].tablets;
    expect(roles(tablets)).toEqual(['primary', 'replica', 'replica']);
    expect(new Set(tablets.map((x) => x.zone))).toEqual(new Set(['us-east-2a', 'us-east-2b', 'us-east-2c']));
    expect(tablets.every((x) => x.region === 'us-east-2' && !x.readOnlyRegion)).toBe(true);
    for (const replica of tablets.filter((x) => x.role === 'replica')) {
      expect(replica.lagSeconds).toBeGreaterThanOrEqual(0);
      expect(replica.lagSeconds).toBeLessThan(60);
    }
    expect(t.vtgates).toMatchObject({ count: 3, zones: ['us-east-2a', 'us-east-2b', 'us-east-2c'], region: 'us-east-2' });
  });

  it('read-only-regions: production plus one read-only replica per shard in us-west-2 and eu-central-1', async () => {
    const t = await topology(make({ scenario: 'read-only-regions' }).provider);
    expect(t.readOnlyRegions).toEqual([
      { slug: 'us-west-2', name: 'AWS us-west-2 (Oregon)' },
      { slug: 'eu-central-1', name: 'AWS eu-central-1 (Frankfurt)' },
    ]);
    const tablets = t.shards[0].tablets;
    expect(roles(tablets)).toEqual(['primary', 'replica', 'replica', 'replica', 'replica']);
    const remote = tablets.filter((x) => x.readOnlyRegion);
    expect(remote.map((x) => x.region)).toEqual(['us-west-2', 'eu-central-1']);
    for (const x of remote) {
      expect(x.role).toBe('replica');
      expect(x.zone?.startsWith(x.region)).toBe(true);
    }
    expect(tablets.filter((x) => x.region === 'us-east-2')).toHaveLength(3);
    expect(t.vtgates.count).toBe(3);
  });

  it('sharded: 8 shards by default, Vitess names, each primary + 2 replicas, plus an unsharded lookup keyspace', async () => {
    const { provider } = make({ scenario: 'sharded' });
    const t = await topology(provider);
    expect(t.shards.map((s) => s.name)).toEqual(['-20', '20-40', '40-60', '60-80', '80-a0', 'a0-c0', 'c0-e0', 'e0-']);
    for (const shard of t.shards) expect(roles(shard.tablets)).toEqual(['primary', 'replica', 'replica']);
    expect(t.keyspaces).toEqual(['shop', 'shop_lookup']);
    const lookup = await topology(provider, { ...REF, keyspace: 'shop_lookup' });
    expect(lookup.keyspace).toBe('shop_lookup');
    expect(lookup.shards.map((s) => s.name)).toEqual(['-']);
    expect(roles(lookup.shards[0].tablets)).toEqual(['primary', 'replica', 'replica']);
    expect(lookup.vtgates.count).toBe(3);
  });

  it.each([2, 3, 4, 64, 1024])('sharded with %i shards covers the key space without gaps or overlaps', async (shards) => {
    const t = await topology(make({ scenario: 'sharded', shards }).provider);
    expect(t.shards).toHaveLength(shards);
    expect(keyRangeCoverage(t.shards)).toEqual([]);
    for (const shard of t.shards) expect(shard.keyRange).toEqual(parseShardName(shard.name));
    if (shards === 2) expect(t.shards.map((s) => s.name)).toEqual(['-80', '80-']);
    if (shards === 4) expect(t.shards.map((s) => s.name)).toEqual(['-40', '40-80', '80-c0', 'c0-']);
    const ids = t.shards.flatMap((s) => s.tablets.map((x) => x.id));
    expect(new Set(ids).size).toBe(shards * 3);
  });

  it('rejects impossible options with a clear invalid-data error', () => {
    expect(() => new SimulatedProvider({ scenario: 'sharded', shards: 1 })).toThrow(/shards must be a whole number from 2 to 1024/);
    expect(() => new SimulatedProvider({ scenario: 'sharded', shards: 1025 })).toThrow(DataError);
    expect(() => new SimulatedProvider({ scenario: 'nope' as 'sharded' })).toThrow(/Unknown scenario/);
    expect(() => new SimulatedProvider({ scenario: 'production', failureRate: 2 })).toThrow(/failureRate/);
  });

  it('answers for any names, defaulting the keyspace to the database', async () => {
    const t = await topology(make({ scenario: 'production' }).provider, { database: 'x', branch: 'dev-2' });
    expect([t.database, t.branch, t.keyspace]).toEqual(['x', 'dev-2', 'x']);
    const other = await topology(make({ scenario: 'production' }).provider, { database: 'x', branch: 'b', keyspace: 'orders' });
    expect(other.keyspace).toBe('orders');
    expect(other.keyspaces).toContain('orders');
  });
});

describe('determinism', () => {
  it('same seed and clock give identical topologies; another seed gives other lag', async () => {
    const a = await topology(make({ scenario: 'read-only-regions', seed: 7 }).provider);
    const b = await topology(make({ scenario: 'read-only-regions', seed: 7 }).provider);
    expect(a).toEqual(b);
    const c = await topology(make({ scenario: 'read-only-regions', seed: 8 }).provider);
    const lags = (t: Topology) => t.shards[0].tablets.map((x) => x.lagSeconds);
    expect(lags(c)).not.toEqual(lags(a));
  });

  it('keeps tablet ids stable while lag changes with the clock', async () => {
    const { provider, clock: c } = make({ scenario: 'read-only-regions' });
    const before = await topology(provider);
    c.advance(5 * 60_000);
    const after = await topology(provider);
    const ids = (t: Topology) => t.shards.flatMap((s) => s.tablets.map((x) => x.id));
    expect(ids(after)).toEqual(ids(before));
    const lag = (t: Topology) => t.shards.flatMap((s) => s.tablets.map((x) => x.lagSeconds));
    expect(lag(after)).not.toEqual(lag(before));
  });

  it('returns fresh objects that callers may mutate', async () => {
    const { provider } = make({ scenario: 'resizing' });
    const first = await topology(provider);
    const pristine = structuredClone(first);
    first.shards[0].tablets[0].role = 'rdonly';
    first.readOnlyRegions.push({ slug: 'mars-1' });
    first.vtgates.zones.push('moon');
    first.resize!.shards[0].state = 'failed';
    first.resize!.to.size = 'PS-0';
    expect(await topology(provider)).toEqual(pristine);
  });
});

describe('resizing', () => {
  const ORDER = ['pending', 'resizing', 'completed'];

  it('moves every shard forward, a few at a time, until the resize completes', async () => {
    const { provider, clock: c } = make({ scenario: 'resizing' });
    let status = (await provider.getResizeStatus(KS, opts()))!;
    expect(status.state).toBe('resizing');
    expect(status.from).toEqual({ size: 'PS-40', replicas: 2 });
    expect(status.to).toEqual({ size: 'PS-80', replicas: 2 });
    expect(status.shards.map((s) => s.shard)).toHaveLength(8);
    expect(status.shards.some((s) => s.state === 'pending')).toBe(true);
    let previous: ResizeStatus = status;
    for (let step = 0; step < 240 && status.state !== 'completed'; step++) {
      c.advance(15_000);
      status = (await provider.getResizeStatus(KS, opts()))!;
      expect(status.shards.filter((s) => s.state === 'resizing').length).toBeLessThanOrEqual(4);
      status.shards.forEach((s, i) => expect(ORDER.indexOf(s.state)).toBeGreaterThanOrEqual(ORDER.indexOf(previous.shards[i].state)));
      previous = status;
    }
    expect(status.state).toBe('completed');
    for (const s of status.shards) {
      expect(s.state).toBe('completed');
      expect(s.finishedAt! - s.startedAt!).toBeGreaterThanOrEqual(120_000);
      expect(s.finishedAt! - s.startedAt!).toBeLessThanOrEqual(240_000);
    }
    const t = await topology(provider);
    expect(t.shards.every((s) => s.tablets.every((x) => x.size === 'PS-80' && x.serving))).toBe(true);
    const events = await provider.getEvents(KS, { from: T0 - 3_600_000, to: c.now() }, opts());
    expect(events.filter((e) => e.kind === 'resize').map((e) => e.label)).toEqual(['Resize PS-40 → PS-80 started', 'Resize to PS-80 completed']);
  });

  it('walks each shard through the real phases, in order: pending, copying (percent rising), replicating (lag falling), switched, completed', async () => {
    const PHASES = ['pending', 'copying', 'replicating', 'switched', 'completed'];
    const { provider, clock: c } = make({ scenario: 'resizing' });
    const twin = make({ scenario: 'resizing' });
    const seen = new Set<string>();
    let previous = (await provider.getResizeStatus(KS, opts()))!;
    for (let step = 0; step < 240 && previous.state !== 'completed'; step++) {
      c.advance(5_000);
      twin.clock.advance(5_000);
      const status = (await provider.getResizeStatus(KS, opts()))!;
      expect(await twin.provider.getResizeStatus(KS, opts())).toEqual(status); // deterministic
      expect(parseResizeStatus(status)).toEqual(status); // phases agree with the older states
      status.shards.forEach((shard, i) => {
        const before = previous.shards[i];
        seen.add(shard.phase!);
        expect(PHASES.indexOf(shard.phase!)).toBeGreaterThanOrEqual(PHASES.indexOf(before.phase!));
        if (shard.phase === 'copying' && before.phase === 'copying') expect(shard.copyPercent!).toBeGreaterThan(before.copyPercent!);
        if (shard.phase === 'replicating' && before.phase === 'replicating') expect(shard.lagSeconds!).toBeLessThanOrEqual(before.lagSeconds!);
        if (shard.phase === 'copying') expect(shard.copyPercent).toBeLessThan(100);
      });
      expect(resizeProgress(status)).toBeGreaterThanOrEqual(resizeProgress(previous));
      previous = status;
    }
    expect([...seen].sort()).toEqual([...PHASES].sort());
    expect([previous.state, previous.phase, resizeProgress(previous)]).toEqual(['completed', 'completed', 100]);
  });

  it('reports no resize when none exists', async () => {
    expect(await make({ scenario: 'sharded' }).provider.getResizeStatus(KS, opts())).toBeNull();
  });

  it('notifies watchers while shards progress, and stops its timer when the last watcher leaves', async () => {
    vi.useFakeTimers();
    const { provider, clock: c } = make({ scenario: 'resizing' });
    const controller = new AbortController();
    const onChange = vi.fn();
    provider.watch(REF, onChange, { signal: controller.signal });
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(onChange).not.toHaveBeenCalled();
    c.advance(4 * 60_000);
    vi.advanceTimersByTime(1000);
    expect(onChange).toHaveBeenCalledTimes(1);
    controller.abort();
    expect(vi.getTimerCount()).toBe(0);
    c.advance(4 * 60_000);
    vi.advanceTimersByTime(5000);
    expect(onChange).toHaveBeenCalledTimes(1);
  });
});

describe('live actions', () => {
  it('promote() turns development into production and notifies watchers, not aborted ones', async () => {
    const { provider } = make({ scenario: 'development' });
    const live = vi.fn();
    const gone = vi.fn();
    const leaving = new AbortController();
    provider.watch(REF, live, opts());
    provider.watch(REF, gone, { signal: leaving.signal });
    leaving.abort();
    provider.promote();
    expect(live).toHaveBeenCalledTimes(1);
    expect(gone).not.toHaveBeenCalled();
    const t = await topology(provider);
    expect(t.branchKind).toBe('production');
    expect(roles(t.shards[0].tablets)).toEqual(['primary', 'replica', 'replica']);
    expect(new Set(t.shards[0].tablets.map((x) => x.zone)).size).toBe(3);
    expect(t.vtgates).toMatchObject({ count: 3, zones: ['us-east-2a', 'us-east-2b', 'us-east-2c'] });
    const events = await provider.getEvents(KS, { from: T0 - 1, to: T0 + 1 }, opts());
    expect(events.map((e) => e.kind)).toEqual(['promotion']);
    expect(() => provider.promote()).toThrow(/already a production branch/);
  });

  it('a watcher whose signal is already aborted is never notified', () => {
    const { provider } = make({ scenario: 'development' });
    const controller = new AbortController();
    controller.abort();
    const onChange = vi.fn();
    provider.watch(REF, onChange, { signal: controller.signal });
    provider.promote();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('addReadOnlyRegion() adds a read-only replica to every shard and notifies', async () => {
    const { provider } = make({ scenario: 'sharded', shards: 2 });
    const onChange = vi.fn();
    provider.watch(REF, onChange, opts());
    provider.addReadOnlyRegion('eu-west-1');
    expect(onChange).toHaveBeenCalledTimes(1);
    const t = await topology(provider);
    expect(t.readOnlyRegions).toEqual([{ slug: 'eu-west-1', name: 'AWS eu-west-1 (Dublin)' }]);
    for (const shard of t.shards) {
      const remote = shard.tablets.filter((x) => x.readOnlyRegion);
      expect(remote).toHaveLength(1);
      expect(remote[0]).toMatchObject({ role: 'replica', region: 'eu-west-1' });
    }
    expect(() => provider.addReadOnlyRegion('eu-west-1')).toThrow(/already has tablets in eu-west-1/);
    expect(() => provider.addReadOnlyRegion('us-east-2')).toThrow(DataError);
    expect(() => provider.addReadOnlyRegion('<b>')).toThrow(/region is a slug/);
  });

  it('failover() makes a primary-region replica primary, keeps ids, records an event and notifies', async () => {
    const { provider, clock: c } = make({ scenario: 'sharded', shards: 2 });
    const before = await topology(provider);
    const onChange = vi.fn();
    provider.watch(REF, onChange, opts());
    c.advance(60_000);
    provider.failover('80-');
    expect(onChange).toHaveBeenCalledTimes(1);
    const after = await topology(provider);
    const primary = (t: Topology, i: number) => t.shards[i].tablets.find((x) => x.role === 'primary')!;
    expect(primary(after, 0).id).toBe(primary(before, 0).id);
    const oldPrimary = primary(before, 1);
    const newPrimary = primary(after, 1);
    expect(newPrimary.id).not.toBe(oldPrimary.id);
    expect(newPrimary.region).toBe('us-east-2');
    expect(after.shards[1].tablets.find((x) => x.id === oldPrimary.id)!.role).toBe('replica');
    expect(new Set(after.shards[1].tablets.map((x) => x.id))).toEqual(new Set(before.shards[1].tablets.map((x) => x.id)));
    const events = await provider.getEvents(KS, { from: c.now() - 1, to: c.now() + 1 }, opts());
    expect(events).toEqual([{ at: c.now(), kind: 'failover', label: 'Failover of shard 80-', shard: '80-' }]);
    const error = (() => { try { provider.failover('zz'); } catch (e) { return e as DataError; } })();
    expect(error).toMatchObject({ kind: 'not-found' });
    expect(() => make({ scenario: 'development' }).provider.failover()).toThrow(/no replica/);
  });

  it('startResize() starts from the current clock, notifies, completes as the clock advances', async () => {
    const { provider, clock: c } = make({ scenario: 'production' });
    const onChange = vi.fn();
    const controller = new AbortController();
    provider.watch(REF, onChange, { signal: controller.signal });
    c.advance(10_000);
    provider.startResize('PS-160');
    expect(onChange).toHaveBeenCalledTimes(1);
    const status = (await provider.getResizeStatus(KS, opts()))!;
    expect(status).toMatchObject({ state: 'resizing', startedAt: c.now(), from: { size: 'PS-40', replicas: 2 }, to: { size: 'PS-160', replicas: 2 } });
    expect(() => provider.startResize('PS-200')).toThrow(/already in progress/);
    c.advance(5 * 60_000);
    expect((await provider.getResizeStatus(KS, opts()))!.state).toBe('completed');
    expect((await topology(provider)).shards[0].tablets.every((x) => x.size === 'PS-160')).toBe(true);
    provider.startResize('PS-200');
    expect((await provider.getResizeStatus(KS, opts()))!.from.size).toBe('PS-160');
    controller.abort();
  });

  it('has a historical failover two days back in production, none in development', async () => {
    const range = { from: T0 - 3 * 86_400_000, to: T0 };
    const events = await make({ scenario: 'production' }).provider.getEvents(KS, range, opts());
    expect(events.map((e) => e.kind)).toEqual(['failover']);
    expect(T0 - events[0].at).toBeGreaterThanOrEqual(2 * 86_400_000);
    expect(await make({ scenario: 'development' }).provider.getEvents(KS, range, opts())).toEqual([]);
  });
});

describe('latency, failures and aborts', () => {
  it('rejects immediately with an aborted DataError when the signal already fired', async () => {
    const { provider } = make({ scenario: 'production' });
    const controller = new AbortController();
    controller.abort();
    const signal = controller.signal;
    const target = { kind: 'vtgates' as const, ...KS };
    for (const call of [
      provider.getTopology(REF, { signal }),
      provider.getMetrics({ target, metric: 'cpu', range: { from: T0 - 3_600_000, to: T0 } }, { signal }),
      provider.getResizeStatus(KS, { signal }),
      provider.getEvents(KS, { from: 0, to: T0 }, { signal }),
    ]) {
      expect((await rejection(call)).kind).toBe('aborted');
    }
  });

  it('waits latencyMs before answering and aborts during the wait, clearing its timer', async () => {
    vi.useFakeTimers();
    const { provider } = make({ scenario: 'production', latencyMs: 250 });
    let answered = false;
    const ok = provider.getTopology(REF, opts()).then((t) => { answered = true; return t; });
    await vi.advanceTimersByTimeAsync(200);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(60);
    expect((await ok).shards).toHaveLength(1);

    const controller = new AbortController();
    const pending = provider.getTopology(REF, { signal: controller.signal });
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    expect((await rejection(pending)).kind).toBe('aborted');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('failureRate 1 always rejects with a network error, 0 never, and a fraction is deterministic per call count', async () => {
    const always = make({ scenario: 'production', failureRate: 1 }).provider;
    for (let i = 0; i < 20; i++) {
      const error = await rejection(always.getTopology(REF, opts()));
      expect(error.kind).toBe('network');
      expect(error.message).toMatch(/Simulated failure/);
    }
    const never = make({ scenario: 'production', failureRate: 0 }).provider;
    for (let i = 0; i < 20; i++) await expect(never.getTopology(REF, opts())).resolves.toBeTruthy();

    const outcomes = async () => {
      const provider = make({ scenario: 'production', failureRate: 0.5, seed: 3 }).provider;
      const results: boolean[] = [];
      for (let i = 0; i < 40; i++) results.push(await provider.getTopology(REF, opts()).then(() => true, () => false));
      return results;
    };
    const first = await outcomes();
    expect(first.filter(Boolean).length).toBeGreaterThan(5);
    expect(first.filter((x) => !x).length).toBeGreaterThan(5);
    expect(await outcomes()).toEqual(first);
  });
});
