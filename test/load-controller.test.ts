import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LoadController } from '../src/controllers/load-controller.js';
import { DataError } from '../src/model/errors.js';

/** A host that runs its controllers' `hostUpdate` when told to, as a Lit element's update would. */
class Host implements ReactiveControllerHost {
  controllers: ReactiveController[] = [];
  updatesRequested = 0;
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updatesRequested++;
  }
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }
  update(): void {
    for (const controller of this.controllers) controller.hostUpdate?.();
  }
  disconnect(): void {
    for (const controller of this.controllers) controller.hostDisconnected?.();
  }
  connect(): void {
    for (const controller of this.controllers) controller.hostConnected?.();
  }
}

/**
 * A load whose answers the test gives by hand, recording each call's arguments and signal; an abort rejects it, as the
 * provider boundary does for every element load.
 */
function manualLoad<T>() {
  const calls: { args: readonly [string]; signal: AbortSignal; resolve: (value: T) => void; reject: (error: unknown) => void }[] = [];
  const load = (args: readonly [string], signal: AbortSignal) => new Promise<T>((resolve, reject) => {
    calls.push({ args, signal, resolve, reject });
    signal.addEventListener('abort', () => reject(DataError.aborted()));
  });
  return { calls, load };
}

/** Lets every pending promise reaction run (a macrotask, even while timers are faked). */
const flush = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.useRealTimers();
});

describe('LoadController', () => {
  it('loads once per change of arguments, aborting the previous run and keeping only the newest answer', async () => {
    const host = new Host();
    let key = 'a';
    const { calls, load } = manualLoad<string>();
    const loader = new LoadController(host, { args: () => [key] as const, load });
    host.update();
    host.update();
    expect(calls.map((c) => c.args[0])).toEqual(['a']);
    expect(loader.loading).toBe(true);

    key = 'b';
    host.update();
    expect(calls.map((c) => c.args[0])).toEqual(['a', 'b']);
    expect(calls[0].signal.aborted).toBe(true);
    calls[1].resolve('answer b');
    calls[0].resolve('late answer a');
    await loader.settled();
    expect(loader.value).toBe('answer b');
    expect(loader.loading).toBe(false);
    expect(loader.stale).toBe(false);
  });

  it('keeps the last value through a failure, reports it once as a DataError, and reloads on demand', async () => {
    const host = new Host();
    const errors: DataError[] = [];
    const { calls, load } = manualLoad<number>();
    const loader = new LoadController(host, { args: () => ['x'] as const, load, onError: (error) => errors.push(error) });
    host.update();
    calls[0].resolve(1);
    await loader.settled();

    const reload = loader.reload();
    expect(loader.stale).toBe(true);
    calls[1].reject(new TypeError('Failed to fetch'));
    await reload;
    expect(loader.value).toBe(1);
    expect(loader.error).toBeInstanceOf(DataError);
    expect(loader.error!.kind).toBe('network');
    expect(errors).toHaveLength(1);
    expect(loader.stale).toBe(true);

    const retry = loader.reload();
    calls[2].resolve(2);
    await retry;
    expect([loader.value, loader.error, loader.stale]).toEqual([2, undefined, false]);
  });

  it('treats an abort as no answer and no failure; without arguments it loads nothing and keeps its value', async () => {
    const host = new Host();
    let key: string | undefined = 'a';
    const errors: DataError[] = [];
    const { calls, load } = manualLoad<string>();
    const loader = new LoadController(host, { args: () => (key === undefined ? undefined : ([key] as const)), load, onError: (e) => errors.push(e) });
    host.update();
    calls[0].resolve('a');
    await loader.settled();

    key = 'b';
    host.update();
    calls[1].reject(DataError.aborted());
    await loader.settled();
    expect(errors).toEqual([]);
    expect(loader.error).toBeUndefined();

    key = 'c';
    host.update();
    expect(loader.loading).toBe(true);
    const updates = host.updatesRequested;
    key = undefined;
    await loader.reload();
    expect(calls[2].signal.aborted).toBe(true);
    expect(calls).toHaveLength(3);
    expect(loader.loading).toBe(false);
    expect(host.updatesRequested).toBeGreaterThan(updates);
    expect(loader.value).toBe('a');
    expect(loader.error).toBeUndefined();
  });

  it('settled() waits for the newest run, not the one it was called during', async () => {
    const host = new Host();
    let key = 'a';
    const { calls, load } = manualLoad<string>();
    const loader = new LoadController(host, { args: () => [key] as const, load });
    host.update();
    let settled = false;
    const waiting = loader.settled().then(() => (settled = true));
    key = 'b';
    host.update();
    calls[0].resolve('a');
    await Promise.resolve();
    await Promise.resolve();
    expect(settled).toBe(false);
    calls[1].resolve('b');
    await waiting;
    expect(loader.value).toBe('b');
  });

  it('disconnecting aborts the run under way; connected again, the same arguments load again', async () => {
    const host = new Host();
    const errors: DataError[] = [];
    const { calls, load } = manualLoad<string>();
    const loader = new LoadController(host, { args: () => ['a'] as const, load, onError: (e) => errors.push(e) });
    host.update();
    host.disconnect();
    expect(calls[0].signal.aborted).toBe(true);
    await loader.settled();
    expect(loader.loading).toBe(false);
    expect(errors).toEqual([]);
    host.connect();
    host.update();
    expect(calls).toHaveLength(2);
    calls[1].resolve('a');
    await loader.settled();
    expect(loader.value).toBe('a');

    // A finished load is not repeated by a disconnect and reconnect.
    host.disconnect();
    host.connect();
    host.update();
    expect(calls).toHaveLength(2);
  });

  it('refresh() during a run starts one run after it, however often it is called, instead of aborting the run', async () => {
    const host = new Host();
    const { calls, load } = manualLoad<number>();
    const loader = new LoadController(host, { args: () => ['x'] as const, load });
    host.update();
    for (let i = 0; i < 50; i++) void loader.refresh();
    expect(calls).toHaveLength(1);
    expect(calls[0].signal.aborted).toBe(false);
    calls[0].resolve(1);
    await flush();
    expect(loader.value).toBe(1);
    expect(calls).toHaveLength(2);
    const settled = loader.settled();
    calls[1].resolve(2);
    await settled;
    expect(loader.value).toBe(2);
    expect(calls).toHaveLength(2);
    // Idle, a refresh loads at once.
    void loader.refresh();
    expect(calls).toHaveLength(3);
  });

  it('says it is slow after a third of the timeout (at most 5 s), and stops saying so when the answer comes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const timers = { advance: (ms: number) => vi.advanceTimersByTime(ms), get pending() { return vi.getTimerCount(); } };
    const host = new Host();
    const { calls, load } = manualLoad<string>();
    const loader = new LoadController(host, { args: () => ['x'] as const, load, timeoutMs: () => 3_000 });
    host.update();
    timers.advance(999);
    expect(loader.slow).toBe(false);
    timers.advance(1);
    expect(loader.slow).toBe(true);
    calls[0].resolve('x');
    await loader.settled();
    expect(loader.slow).toBe(false);

    const long = new LoadController(new Host(), { args: () => ['y'] as const, load, timeoutMs: () => 60_000 });
    void long.reload();
    timers.advance(4_999);
    expect(long.slow).toBe(false);
    timers.advance(1);
    expect(long.slow).toBe(true);
    // A newer run starts its own wait (once the superseded run has settled).
    void long.reload();
    await flush();
    expect(long.slow).toBe(false);
    expect(timers.pending).toBe(1);
    timers.advance(5_000);
    expect(long.slow).toBe(true);
  });

  it('a load that throws synchronously fails with that message', async () => {
    const host = new Host();
    let fail: () => Promise<string> = () => {
      throw new Error('boom');
    };
    const loader = new LoadController(host, { args: () => ['x'] as const, load: () => fail() });
    host.update();
    await loader.settled();
    expect(loader.error?.message).toBe('boom');
    fail = () => Promise.resolve('fine');
    await loader.reload();
    expect([loader.value, loader.error]).toEqual(['fine', undefined]);
  });

  it('lets go of a loaded value once setValue replaces it (a live card must not keep its first load beside its ticks)', async () => {
    // A full garbage collection on demand: V8's gc, exposed for this test only.
    setFlagsFromString('--expose-gc');
    const collectGarbage = runInNewContext('gc') as () => void;
    const host = new Host();
    const loader = new LoadController(host, { args: () => ['x'] as const, load: () => Promise.resolve({ samples: new Float64Array(1024) }) });
    host.update();
    await loader.settled();
    const loaded = new WeakRef(loader.value!);
    loader.setValue({ samples: new Float64Array(1024) });
    await flush();
    collectGarbage();
    expect(loaded.deref()).toBeUndefined();
    expect(loader.value?.samples.length).toBe(1024);
  });
});
