/** Scheduling work so that a frame is painted before it: long jobs split this way never add up to one long task. */

/** A page that draws no frames (hidden) still runs the work after this many ms. */
const HIDDEN_PAGE_MS = 100;

/**
 * Runs `work` in a task of its own after the next frame is painted (or after 100 ms when the page paints none, as
 * hidden pages don't). Returns a function that cancels it.
 */
export function afterNextFrame(work: () => void): () => void {
  let task: ReturnType<typeof setTimeout> | undefined;
  // rAF callbacks run just before the paint; the timeout set there runs after it.
  const frame = requestAnimationFrame(() => {
    clearTimeout(fallback);
    task = setTimeout(work, 0);
  });
  const fallback = setTimeout(() => {
    cancelAnimationFrame(frame);
    work();
  }, HIDDEN_PAGE_MS);
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(fallback);
    clearTimeout(task);
  };
}
