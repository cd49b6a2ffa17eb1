/**
 * Long work on the main thread in slices: a loop over megabytes of JSON or tens of thousands of shards asks `due()`
 * after each piece, and when the slice's time (or, whatever the clock says, its share of work) is used up, awaits
 * `pause()`, which gives the page a turn to paint and handle input. No task runs longer than a slice plus one piece.
 */

export interface SliceOptions {
  /** Milliseconds of work per slice (default 8: a slice and a frame's rendering fit in 16 ms). */
  budgetMs?: number;
  /** Work (bytes, samples, shards: whatever the caller counts) after which a slice ends even if the clock says not yet. */
  maxWork?: number;
  /** The clock (tests inject one). */
  now?: () => number;
  /** How to give the page a turn (tests inject one that counts). */
  yieldToPage?: () => Promise<void>;
}

/**
 * A new task of ordinary priority: `scheduler.postTask()` where there is one (no timer clamping), else a zero-delay
 * timer. Not `scheduler.yield()`: its continuations run ahead of every ordinary task, rendering included until Chromium's
 * 10 fps floor — reading a 20 MB Prometheus answer painted 18 frames in 460 ms with it (gaps up to 113 ms), 96 in
 * 530 ms (gaps ≤ 31 ms) with postTask, in the same CPU time (bench/large-inputs).
 */
export function nextOrdinaryTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { postTask?: (callback: () => void) => Promise<void> } }).scheduler;
  if (typeof scheduler?.postTask === 'function') return scheduler.postTask(() => undefined);
  return new Promise((resolve) => setTimeout(resolve, 0));
}

const clock = () => (typeof performance === 'undefined' ? Date.now() : performance.now());

export class Slices {
  private readonly budgetMs: number;
  private readonly maxWork: number;
  private readonly now: () => number;
  private readonly yieldToPage: () => Promise<void>;
  private start: number;
  private work = 0;

  constructor(options: SliceOptions = {}) {
    this.budgetMs = options.budgetMs ?? 8;
    this.maxWork = options.maxWork ?? Infinity;
    this.now = options.now ?? clock;
    this.yieldToPage = options.yieldToPage ?? nextOrdinaryTask;
    this.start = this.now();
  }

  /** Counts `work` done; true when the slice is over and the caller should `await pause()` before going on. */
  due(work = 1): boolean {
    this.work += work;
    return this.work >= this.maxWork || this.now() - this.start >= this.budgetMs;
  }

  /** Gives the page a turn, then starts a new slice. */
  async pause(): Promise<void> {
    await this.yieldToPage();
    this.start = this.now();
    this.work = 0;
  }
}

/** Runs a generator of work (whatever it yields between pieces, e.g. how many items were done) to its end at once. */
export function runAtOnce<T>(work: Generator<unknown, T, void>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/** Runs a generator of work (each `yield n` says n items were done since the last), pausing whenever a slice is over. */
export async function runInSlices<T>(work: Generator<number, T>, slices: Slices): Promise<T> {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    if (slices.due(step.value)) await slices.pause();
  }
}

/** Items sorted natively in one go before sorted runs are merged; a power of two (see `sortInSlices`). */
const SORTED_RUN = 512;

/**
 * A sorted copy of `items` in slices: the same order as `[...items].sort(compare)` (both are stable), by a bottom-up
 * merge sort whose runs of `SORTED_RUN` items are sorted natively and whose merges look at the clock every run's worth.
 * Sorting 16 384 shards by key range in one go is several milliseconds on a fast machine, far more on a slow one.
 */
export async function sortInSlices<T>(items: readonly T[], compare: (a: T, b: T) => number, slices: Slices): Promise<T[]> {
  let from = [...items];
  for (let start = 0; start < from.length; start += SORTED_RUN) {
    const run = from.slice(start, start + SORTED_RUN).sort(compare);
    for (let k = 0; k < run.length; k++) from[start + k] = run[k];
    if (slices.due(run.length)) await slices.pause();
  }
  let to = new Array<T>(from.length);
  for (let width = SORTED_RUN; width < from.length; width *= 2) {
    for (let left = 0; left < from.length; left += 2 * width) {
      const middle = Math.min(left + width, from.length);
      const end = Math.min(left + 2 * width, from.length);
      let i = left;
      let j = middle;
      for (let k = left; k < end; k++) {
        // Stable: on a tie the item of the left run, which came first, goes first.
        to[k] = j >= end || (i < middle && compare(from[i], from[j]) <= 0) ? from[i++] : from[j++];
        if ((k & (SORTED_RUN - 1)) === SORTED_RUN - 1 && slices.due(SORTED_RUN)) await slices.pause();
      }
    }
    [from, to] = [to, from];
  }
  return from;
}
