import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { describe, expect, it } from 'vitest';
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
}

/** A load whose answers the test gives by hand, recording each call's arguments and signal. */
function manualLoad<T>() {
  const calls: { args: readonly [string]; signal: AbortSignal; resolve: (value: T) => void; reject: (error: unknown) => void }[] = [];
  const load = (args: readonly [string], signal: AbortSignal) => new Promise<T>((resolve, reject) => calls.push({ args, signal, resolve, reject }));
  return { calls, load };
}

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
    void loader.reload();
    expect(calls[2].signal.aborted).toBe(true);
    expect(calls).toHaveLength(3);
    expect(loader.loading).toBe(false);
    expect(host.updatesRequested).toBe(updates + 1);
    expect(loader.value).toBe('a');
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
    const { calls, load } = manualLoad<string>();
    const loader = new LoadController(host, { args: () => ['a'] as const, load });
    host.update();
    host.disconnect();
    expect(calls[0].signal.aborted).toBe(true);
    expect(loader.loading).toBe(false);
    host.update();
    expect(calls).toHaveLength(2);
    calls[1].resolve('a');
    await loader.settled();
    expect(loader.value).toBe('a');

    // A finished load is not repeated by a disconnect and reconnect.
    host.disconnect();
    host.update();
    expect(calls).toHaveLength(2);
  });
});
