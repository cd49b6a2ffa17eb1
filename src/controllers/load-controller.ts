/**
 * The one way elements load data: an `@lit/task` run per change of its arguments, with an AbortSignal.
 *
 * Changing the arguments aborts the previous run, and `@lit/task` drops any answer but the newest. On top of it this
 * keeps the last good value on screen through errors and reloads (`value` + `stale`), turns every failure into a
 * `DataError`, and ignores aborts, which are not failures.
 */
import { Task, TaskStatus } from '@lit/task';
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

type MaybeArgs<A> = readonly [A | undefined];

export class LoadController<A extends readonly unknown[], T> implements ReactiveController {
  /** The newest value that loaded, kept through later errors and reloads. */
  value: T | undefined;
  /** The newest failure, cleared by the next success. */
  error: DataError | undefined;
  private readonly task: Task<MaybeArgs<A>, T | undefined>;

  constructor(host: ReactiveControllerHost, private readonly options: LoadOptions<A, T>) {
    const equal = options.argsEqual ?? shallowEqual;
    this.task = new Task<MaybeArgs<A>, T | undefined>(host, {
      args: () => [options.args()] as const,
      argsEqual: ([a], [b]) => (a === undefined || b === undefined ? a === b : equal(a, b)),
      task: async ([args], { signal }) => {
        if (args === undefined) return this.value;
        try {
          return await options.load(args, signal);
        } catch (thrown) {
          throw toDataError(thrown);
        }
      },
      onComplete: (value) => {
        this.value = value;
        this.error = undefined;
      },
      onError: (thrown) => {
        const error = toDataError(thrown);
        if (error.kind === 'aborted') return;
        this.error = error;
        options.onError?.(error);
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

  /** Loads again with the current arguments: Retry buttons and polling call this. */
  reload(): Promise<void> {
    return this.task.run();
  }

  /** Resolves once the current run settles, whatever its outcome (for tests and `updateComplete` overrides). */
  async settled(): Promise<void> {
    await this.task.taskComplete.catch(() => undefined);
  }

  /** Replaces the value without loading (plain-data mode, or a caller that merged new data in). */
  setValue(value: T): void {
    this.value = value;
    this.error = undefined;
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.task.abort(DataError.aborted());
  }
}

function shallowEqual(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((item, i) => Object.is(item, b[i]));
}
