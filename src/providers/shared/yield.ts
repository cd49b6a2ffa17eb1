/**
 * Long loops over big answers (3 072 tablets of a 1024-shard keyspace) in slices, giving the main thread back between
 * them so no task runs past a frame's budget. Works where providers run: browsers, workers, Node.
 */

/**
 * Hands the thread back for a moment with a zero-delay timer: a frame due meanwhile is painted first (`scheduler.yield()`
 * continuations would run ahead of rendering and starve it, as ps-metric-card found).
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Calls `each` for every item, yielding whenever a slice has run `budgetMs`; `signal` stops it between slices. */
export async function forEachInSlices<T>(items: readonly T[], each: (item: T, index: number) => void, budgetMs = 8): Promise<void> {
  let sliceStart = performance.now();
  for (let i = 0; i < items.length; i++) {
    each(items[i], i);
    // Checking the clock costs little next to the work of one item; every 64th keeps it negligible.
    if ((i & 63) === 63 && performance.now() - sliceStart > budgetMs) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
}
