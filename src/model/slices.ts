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

/** `scheduler.yield()` where there is one (it keeps the task's priority), else a new macrotask. */
function defaultYield(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
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
    this.yieldToPage = options.yieldToPage ?? defaultYield;
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
