/**
 * The one boundary between a data provider (user code) and an element: whatever a provider method does — return a
 * value, a promise or a thenable, throw, never answer, answer with the wrong shape — the element gets validated model
 * data or a `DataError`, and gets it within its timeout.
 */
import { DataError, toDataError } from '../model/errors.js';
import { parseDuration } from '../model/time-range.js';
import { answersValidated } from '../providers/trust.js';

/** The timers a request uses (tests inject fake ones). */
export interface Timers {
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

/** The page's own timers (called as methods of the global object, as browsers require). */
export const realTimers = globalThis as unknown as Timers;

/** How long an element waits for one answer unless its `timeout` attribute says otherwise. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface AskOptions<T> {
  /** Aborted by the element (superseded or disconnected): the request is cancelled and rejects as `aborted`. */
  signal: AbortSignal;
  /** Gives up after this many ms (0 = never) and cancels the provider's request: a `timeout` DataError. */
  timeoutMs: number;
  /**
   * Turns an answer into model data or throws an `invalid-data` DataError (may be async: chunked or lazily loaded).
   * Skipped for the built-in providers' own methods, which validate where they decode.
   */
  check: (answer: unknown) => T | PromiseLike<T>;
  /** What is asked, for messages: `the topology`, `the CPU metric`. */
  what: string;
  timers?: Timers;
}

/** Promises of promises of … deeper than this are not followed (a thenable resolving to itself would loop forever). */
const MAX_THENABLE_DEPTH = 8;

/** True when `provider` has a callable `method` (reading it may throw: then it has not). */
export function hasMethod(provider: unknown, method: string): boolean {
  try {
    return typeof (provider as Record<string, unknown>)[method] === 'function';
  } catch {
    return false;
  }
}

/**
 * Calls `provider[method](...args, { signal })` and settles with checked data or a DataError: `aborted` only when
 * `options.signal` fired; `timeout` when no answer came in time (the provider's signal is then aborted with that
 * error); `invalid-data` from `check`; any other failure with its own words (`providerFailure`).
 */
export function askProvider<T>(provider: unknown, method: string, args: readonly unknown[], options: AskOptions<T>): Promise<T> {
  const { signal, timeoutMs, what, timers = realTimers } = options;
  const request = new AbortController();
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let timer: unknown;
    const stopTimer = () => timer !== undefined && timers.clearTimeout(timer);
    const finish = (settle: () => void) => {
      if (done) return;
      done = true;
      stopTimer();
      signal.removeEventListener('abort', onAbort);
      settle();
    };
    const fail = (thrown: unknown, fromProvider: boolean) => finish(() => {
      // The words for a failure load with the first failure (see error-words.ts); offline, the plain message will do.
      import('../model/error-words.js').then((words) => words.providerFailure(thrown, fromProvider, what), () => toDataError(thrown)).then(reject);
    });
    const onAbort = () => {
      request.abort(DataError.aborted());
      finish(() => reject(DataError.aborted()));
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort);
    if (timeoutMs > 0) {
      timer = timers.setTimeout(() => {
        const error = new DataError('timeout', `No answer for ${what} within ${formatWait(timeoutMs)}.`);
        request.abort(error);
        finish(() => reject(error));
      }, timeoutMs);
    }
    let trusted = false;
    let answer: Promise<{ value: unknown }>;
    try {
      const fn = (provider as Record<string, (...a: unknown[]) => unknown>)[method];
      if (typeof fn !== 'function') throw new DataError('invalid-data', `The data source has no ${method}() method.`);
      trusted = answersValidated(fn);
      answer = settleAnswer(fn.call(provider, ...args, { signal: request.signal }), 0);
    } catch (thrown) {
      answer = Promise.reject(thrown);
    }
    answer.then(
      async ({ value }) => {
        if (done) return;
        // The provider answered: what is left is our own check, which the element's abort still cancels.
        stopTimer();
        try {
          const data = trusted ? (value as T) : await options.check(value);
          finish(() => resolve(data));
        } catch (thrown) {
          fail(thrown, false);
        }
      },
      (thrown: unknown) => fail(thrown, true),
    );
  });
}

/**
 * An answer followed through promises and thenables, boxed so that no further `then` is looked up on it: a `then`
 * that throws, calls back twice or answers with itself is handled here, never by the engine's own assimilation.
 */
function settleAnswer(answer: unknown, depth: number): Promise<{ value: unknown }> {
  return new Promise((resolve, reject) => {
    const then = (answer as { then?: unknown } | null)?.then;
    if (typeof then !== 'function') return resolve({ value: answer });
    if (depth >= MAX_THENABLE_DEPTH) throw new DataError('invalid-data', `The answer is a promise of a promise … more than ${MAX_THENABLE_DEPTH} deep.`);
    let called = false;
    const once = <A>(settle: (arg: A) => void) => (arg: A) => {
      if (!called) settle(arg);
      called = true;
    };
    try {
      then.call(answer, once((value: unknown) => settleAnswer(value, depth + 1).then(resolve, reject)), once(reject));
    } catch (thrown) {
      once(reject)(thrown);
    }
  });
}

/** `30 s`, `2 min`, `90 min`. */
export function formatWait(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return seconds < 60 || seconds % 60 ? `${seconds} s` : `${seconds / 60} min`;
}

/**
 * An element's `timeout` attribute in ms: a duration such as `30s` or `2m`; `0` or `off` waits forever; empty, absent
 * or unreadable means the default (an element never stops loading because of a typo).
 */
export function timeoutOr(text: string | null | undefined): number {
  const trimmed = String(text ?? '').trim();
  if (trimmed === '0' || trimmed === 'off') return 0;
  try {
    return parseDuration(trimmed) || DEFAULT_TIMEOUT_MS;
  } catch {
    return DEFAULT_TIMEOUT_MS;
  }
}
