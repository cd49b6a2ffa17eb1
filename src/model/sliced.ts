/**
 * Work over a million cells without a long task: the computation is a generator that yields after each small piece
 * (well under a millisecond), and the caller either runs it to its end at once (tests, small inputs) or in slices of
 * a few milliseconds, each in its own task, so the page paints and answers input in between.
 */

/** A computation that yields between pieces of work and returns its result. */
export type Sliced<T> = Generator<void, T, void>;

/** Work per task: well under the 50 ms of a long task, with room for the browser's own work in the same frame. */
export const SLICE_MS = 8;

/** Runs a sliced computation to its end at once. */
export function runToEnd<T>(work: Sliced<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/** Yields to the event loop through a message (a new task at once: nested setTimeouts are clamped to 4 ms). */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Runs a sliced computation, giving the page a turn whenever a slice has run SLICE_MS; resolves undefined as soon as
 * `cancelled()` turns true (checked between slices), and rejects with whatever the computation throws. The first
 * slice runs in a task of its own too: the caller's task (a render, a provider's last slice) has used its share.
 */
export async function runSliced<T>(work: Sliced<T>, cancelled: () => boolean = () => false): Promise<T | undefined> {
  await nextTask();
  if (cancelled()) return undefined;
  let start = performance.now();
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    if (performance.now() - start >= SLICE_MS) {
      await nextTask();
      if (cancelled()) return undefined;
      start = performance.now();
    }
  }
}
