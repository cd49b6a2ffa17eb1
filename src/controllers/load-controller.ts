/**
 * The one way elements load data: a run per change of its arguments, with an AbortSignal.
 *
 * Changing the arguments aborts the previous run, and only the newest run's answer is kept. The last good value stays
 * on screen through errors and reloads (`value` + `stale`), every failure becomes a `DataError`, and aborts, which are
 * not failures, are ignored. (It follows `@lit/task`'s model, which an earlier version wrapped; what we need of it is
 * this file, and the wrapper plus the package cost a kilobyte of every element's bundle.)
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DataError, toDataError } from '../model/errors.js';

export interface LoadOptions<A extends readonly unknown[], T> {
  /** Arguments read on every host update; `undefined` means "nothing to load yet". */
  args: () => A | undefined;
  load: (args: A, signal: AbortSignal) => Promise<T>;
  /** Called with each new failure (elements fire `ps-error` from here). */
  onError?: (error: DataError) => void;
  /** Compares arguments; default: shallow `===` per item. */
  argsEqual?: (a: A, b: A) => boolean;
}

interface Run {
  abort: AbortController;
  done: Promise<void>;
}

export class LoadController<A extends readonly unknown[], T> implements ReactiveController {
  /** The newest value that loaded, kept through later errors and reloads. */
  value: T | undefined;
  /** The newest failure, cleared by the next success. */
  error: DataError | undefined;
  /** The run under way, if any. */
  private current: Run | undefined;
  /** The arguments of the newest run; `ran` is false until the first host update (or after an aborted disconnect). */
  private args: A | undefined;
  private ran = false;

  constructor(private readonly host: ReactiveControllerHost, private readonly options: LoadOptions<A, T>) {
    host.addController(this);
  }

  /** True while a load is under way (the previous value, if any, is still shown). */
  get loading(): boolean {
    return this.current !== undefined;
  }

  /** True when the value on screen is not the answer to the current arguments (an error or a reload). */
  get stale(): boolean {
    return this.value !== undefined && (this.loading || this.error !== undefined);
  }

  /** Loads again with the current arguments: Retry buttons and polling call this. */
  reload(): Promise<void> {
    return this.start(this.options.args());
  }

  /** Resolves once the current run settles, whatever its outcome (for tests and `updateComplete` overrides). */
  async settled(): Promise<void> {
    while (this.current) await this.current.done;
  }

  /** Replaces the value without loading (plain-data mode, or a caller that merged new data in). */
  setValue(value: T): void {
    this.value = value;
    this.error = undefined;
  }

  hostUpdate(): void {
    const args = this.options.args();
    if (this.ran && this.sameArgs(args, this.args)) return;
    void this.start(args);
  }

  hostDisconnected(): void {
    // An aborted run is not an answer: connected again, the element loads its arguments again.
    if (this.current) this.ran = false;
    this.current?.abort.abort(DataError.aborted());
    this.current = undefined;
  }

  private sameArgs(a: A | undefined, b: A | undefined): boolean {
    if (a === undefined || b === undefined) return a === b;
    return (this.options.argsEqual ?? shallowEqual)(a, b);
  }

  private start(args: A | undefined): Promise<void> {
    this.ran = true;
    this.args = args;
    const previous = this.current;
    previous?.abort.abort(DataError.aborted());
    this.current = undefined;
    // No arguments: nothing to load, and the last value stays (no longer loading, if it was).
    if (args === undefined) {
      if (previous) this.host.requestUpdate();
      return Promise.resolve();
    }
    const abort = new AbortController();
    const run: Run = { abort, done: Promise.resolve() };
    this.current = run;
    run.done = this.options.load(args, abort.signal).then(
      (value) => {
        if (this.current !== run) return;
        this.value = value;
        this.error = undefined;
      },
      (thrown: unknown) => {
        if (this.current !== run) return;
        const error = toDataError(thrown);
        if (error.kind !== 'aborted') {
          this.error = error;
          this.options.onError?.(error);
        }
      },
    ).finally(() => {
      if (this.current !== run) return;
      this.current = undefined;
      this.host.requestUpdate();
    });
    // Show the loading state (a no-op when called from the host's own update, which renders it anyway).
    this.host.requestUpdate();
    return run.done;
  }
}

function shallowEqual(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((item, i) => Object.is(item, b[i]));
}
