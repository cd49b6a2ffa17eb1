/**
 * Work over a million cells without a long task: the computation is a generator that yields after each small piece
 * (well under a millisecond), and the caller either runs it to its end at once (tests, small inputs) or in slices of
 * a few milliseconds, each in its own task, so the page paints and answers input in between. The slicing itself is
 * `slices.ts`'s (the same clock, budget and way of giving the page a turn as the JSON and topology checks).
 */
import { runAtOnce, Slices } from './slices.js';

/** A computation that yields between pieces of work and returns its result. */
export type Sliced<T> = Generator<void, T, void>;

/** Work per task: well under the 50 ms of a long task, with room for the browser's own work in the same frame. */
export const SLICE_MS = 8;

/** Runs a sliced computation to its end at once. */
export const runToEnd: <T>(work: Sliced<T>) => T = runAtOnce;

/**
 * Runs a sliced computation, giving the page a turn whenever a slice has run SLICE_MS; resolves undefined as soon as
 * `cancelled()` turns true (checked between slices), and rejects with whatever the computation throws. The first
 * slice runs in a task of its own too: the caller's task (a render, a provider's last slice) has used its share.
 */
export async function runSliced<T>(work: Sliced<T>, cancelled: () => boolean = () => false): Promise<T | undefined> {
  const slices = new Slices({ budgetMs: SLICE_MS });
  await slices.pause();
  if (cancelled()) return undefined;
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    if (slices.due(0)) {
      await slices.pause();
      if (cancelled()) return undefined;
    }
  }
}
