/**
 * How much chart work fits in one animation frame: a budget of main-thread time per frame, spent by each step's own
 * measured time plus what a drawn chart costs after its step returns (uPlot draws in a microtask at the end of the
 * frame callback; then come style, layout, paint and, with a software compositor, rasterising the canvas in the
 * frame's commit), learned from the frames measured so far. A script-time budget alone cannot see the rasterising,
 * often the larger part; a fixed "one chart per frame" wastes most of a frame when charts are cheap. A large chart
 * (its samples were reduced ahead, between frames) draws alone. Pure: the scheduler feeds it times, tests feed it numbers.
 */

/**
 * Main-thread time (ms) a frame may spend on chart work. One cheap chart (a few hundred points, a few ms with its
 * raster) leaves room for a second, a week of 10 s samples per chart does not: both keep every task short.
 */
export const FRAME_BUDGET_MS = 12;

/**
 * Main-thread time (ms) a frame may spend while it only creates charts: a card still showing skeletons has nothing of
 * its own on screen to keep smooth and its reader is waiting for it, so two or three charts share a frame (one chart
 * with its raster is 8–14 ms on a 2-core box with software raster: the 12 ms budget drew the first paint of a 6 h card
 * one chart a frame, 1.6–2× slower than uPlot drawing all in one task). Still under the 50 ms of a long task.
 */
export const FIRST_PAINT_BUDGET_MS = 32;

/**
 * The newest measurement, or the middle of the last three (of two, the higher) when that is more: a rise counts at
 * once, and one odd frame — a collection, another process taking the core, a card's own first layout and paint in its
 * first chart's frame — stops counting after the next ordinary one (two, while fewer than three frames were
 * measured). `recent` keeps the last three.
 */
function estimate(recent: number[], measured: number): number {
  recent.push(measured);
  if (recent.length > 3) recent.shift();
  return Math.max(measured, [...recent].sort((a, b) => a - b)[recent.length >> 1]);
}

export interface FrameBudget {
  readonly budgetMs: number;
  /** The larger budget of a frame whose steps so far all created charts. */
  readonly firstPaintMs: number;
  /** Time per drawn chart after its step returned (ms); undefined until a frame that drew was measured. */
  readonly drawCost: number | undefined;
  /** A new frame: nothing spent yet. */
  beginFrame(): void;
  /**
   * Whether one more step fits in this frame: the first always runs (work must progress), later ones while the time
   * spent plus a drawing step's estimate fits. Before any frame was measured, a drawing step counts as a whole budget.
   * A `large` step (one that draws a large chart) only ever opens a frame, and nothing follows one that drew.
   */
  fits(large?: boolean): boolean;
  /**
   * A step ran: its own time, whether it drew a chart (drawn and rasterised later in the frame), whether that
   * chart was a new one (while every step of the frame created a chart, the frame may spend `firstPaintMs`), and
   * whether it was large.
   */
  record(stepMs: number, drew: boolean, created?: boolean, large?: boolean): void;
  /**
   * The frame was painted: `frameMs` is the main-thread time from the frame's start until after its commit. What the
   * steps' own times did not account for is charged to the charts they drew (other work in the frame included, which
   * errs on the side of shorter frames).
   */
  endFrame(frameMs: number): void;
}

/** A budget of `budgetMs` per frame. State lives in the closure: it minifies best. */
export function frameBudget(budgetMs = FRAME_BUDGET_MS, firstPaintMs = Math.max(budgetMs, FIRST_PAINT_BUDGET_MS)): FrameBudget {
  let drawCost: number | undefined;
  /** Own time of a drawing step (ms). */
  let stepCost = 0;
  const draws3: number[] = [];
  const steps3: number[] = [];
  let spent = 0;
  /** Time the steps of this frame took themselves. */
  let script = 0;
  let draws = 0;
  /** Every step of this frame so far created a chart. */
  let creating = true;
  /**
   * A large chart was drawn: the frame is full. A week of 10 s samples per chart costs 10–13 ms of CPU in its frame on
   * its own on a 2-core box (trace: uPlot's build and draw 3–4, style/layout/paint ~3, the commit's canvas work 4–7,
   * its path ~2.5× a 6 h chart's): two in one frame would be a 25 ms task, where one a frame keeps every task near 15 ms.
   */
  let full = false;
  return {
    budgetMs,
    firstPaintMs,
    get drawCost() {
      return drawCost;
    },
    beginFrame() {
      spent = script = draws = 0;
      creating = true;
      full = false;
    },
    fits(large = false) {
      const limit = creating ? firstPaintMs : budgetMs;
      return spent === 0 || (!full && !large && spent + stepCost + (drawCost ?? limit) <= limit);
    },
    record(stepMs, drew, created = false, large = false) {
      creating &&= created;
      script += stepMs;
      spent += stepMs;
      if (!drew) return;
      full ||= large;
      draws++;
      spent += drawCost ?? budgetMs;
      stepCost = estimate(steps3, stepMs);
    },
    endFrame(frameMs) {
      if (draws) drawCost = estimate(draws3, Math.max(0, frameMs - script) / draws);
    },
  };
}
