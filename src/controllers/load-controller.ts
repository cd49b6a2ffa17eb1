/**
 * The one way elements load data: an `@lit/task` run per change of its arguments, with an AbortSignal.
 *
 * `@lit/task` runs the load when the arguments change, aborts the previous run and drops every answer but the
 * newest. What it lacks, added here:
 * - the last good value stays on screen through errors and reloads (`value` + `stale`; a failed Task forgets its value);
 * - every failure is a `DataError`, and an abort this controller asked for is not a failure;
 * - disconnecting aborts the run under way (a Task keeps running), and reconnecting loads again;
 * - `slow`: the run has taken long enough to say "still waiting…" (the requests themselves time out, see
 *   `provider-call.ts`);
 * - `refresh()` coalesces: pushes and polling start at most one run while one is under way, instead of aborting it
 *   (a `watch` firing faster than the source answers would otherwise never let an answer through);
 * - `settled()` waits for the newest run and never rejects (a Task's `taskComplete` rejects on errors);
 * - a value `setValue` replaced is let go: a Task keeps its last result (and a promise of it) until its next run, so
 *   a live card, whose ticks replace the value without loading, held its first load's samples beside the live ones
 *   (heap snapshots of the portal bench: 6 h of samples twice per chart). A run hands its value over in a `Handover`
 *   that `onComplete` empties.
 */
import { Task, TaskStatus, initialState } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DataError, toDataError } from '../model/errors.js';

/** After this long a load says "still waiting…" (or after a third of the timeout, when that is sooner). */
export const STILL_WAITING_MS = 5_000;

export interface LoadOptions<A extends readonly unknown[], T> {
  /** Arguments read on every host update; `undefined` means "nothing to load yet". */
  args: () => A | undefined;
  load: (args: A, signal: AbortSignal) => Promise<T>;
  /** Called with each new failure (elements fire `ps-error` from here). */
  onError?: (error: DataError) => void;
  /** Compares arguments; default: shallow `===` per item. */
  argsEqual?: (a: A, b: A) => boolean;
  /** The element's per-request timeout in ms (0 = none): `slow` turns on at a third of it, at most `STILL_WAITING_MS`. */
  timeoutMs?: () => number;
}

type MaybeArgs<A> = readonly [A | undefined];

/** A run's value on its way from the Task to `value`: emptied on arrival, so the Task keeps nothing of it. */
interface Handover<T> {
  value?: T;
}

export class LoadController<A extends readonly unknown[], T> implements ReactiveController {
  /** The newest value that loaded, kept through later errors and reloads. */
  value: T | undefined;
  /** The newest failure, cleared by the next success. */
  error: DataError | undefined;
  /** The run under way has waited long enough to say so ("still waiting…"). */
  slow = false;
  private readonly task: Task<MaybeArgs<A>, Handover<T>>;
  /** A run was cut short by a disconnect: the next connection loads again, even with the same arguments. */
  private resumeOnConnect = false;
  /** A `refresh()` arrived during a run: one more run follows it. */
  private trailing = false;

  constructor(private readonly host: ReactiveControllerHost, private readonly options: LoadOptions<A, T>) {
    const equal = options.argsEqual ?? shallowEqual;
    this.task = new Task<MaybeArgs<A>, Handover<T>>(host, {
      args: () => [options.args()] as const,
      argsEqual: ([a], [b]) => (a === undefined || b === undefined ? a === b : equal(a, b)),
      task: ([args], { signal }) => (args === undefined ? this.idle() : this.run(args, signal)),
      onComplete: (handover) => {
        this.value = handover.value;
        delete handover.value;
        this.error = undefined;
        this.afterRun();
      },
      onError: (thrown) => {
        const error = toDataError(thrown);
        if (error.kind !== 'aborted') {
          this.error = error;
          options.onError?.(error);
        }
        this.afterRun();
      },
    });
    host.addController(this);
  }

  /** True while a load is under way (the previous value, if any, is still shown). */
  get loading(): boolean {
    return this.task.status === TaskStatus.PENDING;
  }

  /** True when the value on screen is not the answer to the current arguments (an error or a reload). */
  get stale(): boolean {
    return this.value !== undefined && (this.loading || this.error !== undefined);
  }

  /** Loads again with the current arguments, aborting a run under way: Retry buttons call this. */
  reload(): Promise<void> {
    this.trailing = false;
    return this.task.run();
  }

  /**
   * Loads again unless a run is under way, in which case one more run follows it (however often this is called
   * meanwhile): `watch` notifications and polling call this.
   */
  refresh(): Promise<void> {
    if (!this.loading) return this.reload();
    this.trailing = true;
    return this.settled();
  }

  /** Resolves once the newest run settles, whatever its outcome (for tests and `updateComplete` overrides). */
  async settled(): Promise<void> {
    while (this.loading || this.trailing) await this.task.taskComplete.then(noop, noop);
  }

  /** Replaces the value without loading (plain-data mode, or a caller that merged new data in). */
  setValue(value: T): void {
    this.value = value;
    this.error = undefined;
  }

  hostConnected(): void {
    if (!this.resumeOnConnect) return;
    this.resumeOnConnect = false;
    void this.reload();
  }

  hostDisconnected(): void {
    if (!this.loading) return;
    this.resumeOnConnect = true;
    this.trailing = false;
    this.task.abort(DataError.aborted());
  }

  /** No arguments: nothing to load; the last value stays and the task is idle again. */
  private idle(): Promise<typeof initialState> {
    this.trailing = false;
    return Promise.resolve(initialState);
  }

  /**
   * One run, saying "still waiting…" (`slow`) after a while. Loads go through the provider boundary (`askProvider`),
   * which settles as soon as `signal` aborts, so a superseded run is over before the next one's wait could end.
   */
  private async run(args: A, signal: AbortSignal): Promise<Handover<T>> {
    const timeout = this.options.timeoutMs?.() ?? 0;
    const timer = setTimeout(() => {
      this.slow = true;
      this.host.requestUpdate();
    }, timeout > 0 ? Math.min(STILL_WAITING_MS, timeout / 3) : STILL_WAITING_MS);
    try {
      return { value: await this.options.load(args, signal) };
    } catch (thrown) {
      throw toDataError(thrown);
    } finally {
      clearTimeout(timer);
      this.slow = false;
    }
  }

  private afterRun(): void {
    // After the Task has recorded this run's outcome (onComplete/onError run just before it does); `trailing` stays
    // set until then, so `settled()` waits for that run too.
    if (this.trailing) queueMicrotask(() => this.trailing && void this.reload());
  }
}

function noop(): void {}

function shallowEqual(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((item, i) => Object.is(item, b[i]));
}
