/**
 * Long loops over big answers (3 072 tablets of a 1024-shard keyspace) in slices, giving the main thread back between
 * them so no task runs past a frame's budget. Works where providers run: browsers, workers, Node. The slicing is
 * `model/slices.ts`'s, as for the JSON and topology checks.
 */
import { nextOrdinaryTask, Slices } from '../../model/slices.js';

/** Hands the thread back for a moment: a frame due meanwhile is painted first. */
export const yieldToEventLoop: () => Promise<void> = nextOrdinaryTask;

/** Calls `each` for every item, yielding whenever a slice has run `budgetMs`. */
export async function forEachInSlices<T>(items: readonly T[], each: (item: T, index: number) => void, budgetMs = 8): Promise<void> {
  const slices = new Slices({ budgetMs });
  for (let i = 0; i < items.length; i++) {
    each(items[i], i);
    // Checking the clock costs little next to the work of one item; every 64th keeps it negligible.
    if ((i & 63) === 63 && slices.due()) await slices.pause();
  }
}
