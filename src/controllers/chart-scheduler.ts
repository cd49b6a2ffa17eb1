/**
 * Chart work of every metric card on the page, run in animation frames under one time budget (`FrameBudget`): a frame
 * holds as many charts as fit, whichever cards they belong to, so twenty cards refreshing at once share frames instead
 * of each taking its own. An owner that is off screen does no drawing work: its work waits, and runs when it scrolls
 * into view (one IntersectionObserver for all owners). An owner may get its next step ready between frames (`Prepare`:
 * reducing a week of samples to the chart's pixels), each in a task of its own, so the frame that draws holds less.
 */
import { frameBudget, type FrameBudget } from '../chart/frame-budget.js';

/**
 * Does the owner's next piece of work (create or update one chart), reading its current state each time: 'created'
 * when it drew a new chart, true when it drew on an existing one's canvas, false when it changed nothing visible,
 * undefined when nothing is left to do.
 */
export type Step = () => 'created' | boolean | undefined;

/**
 * Gets the owner's next step ready without drawing, between frames in a task of its own: true when it did work worth
 * taking out of a frame (the step will then draw a large chart, which gets a frame of its own), false when there is
 * none. The step must still work when preparation did not run or its result went stale.
 */
export type Prepare = () => boolean;

/** The scheduler's handle; made by `createChartScheduler`, shared through `chartScheduler()`. */
export interface ChartScheduler {
  readonly budget: FrameBudget;
  /**
   * The owner has work: `step` runs in coming frames, while the owner is on screen, until it returns undefined;
   * `prepare`, if given, runs between them.
   */
  request(owner: Element, step: Step, prepare?: Prepare): void;
  /** Drops the owner's work (it disconnected or has nothing to draw any more). */
  cancel(owner: Element): void;
  /** True while the owner has work it can do now: queued, and not known to be off screen. */
  pending(owner: Element): boolean;
  /** False once the observer has seen the owner off screen (true until then: unknown counts as visible). */
  visible(owner: Element): boolean;
}

/** A scheduler of its own (tests; the page shares `chartScheduler()`). State lives in the closure: it minifies best. */
export function createChartScheduler(budget = frameBudget()): ChartScheduler {
  /** Owners with work, in the order they are served (each frame starts after the last owner served). */
  const queue = new Map<Element, Step>();
  const preparers = new WeakMap<Element, Prepare>();
  /**
   * Owners whose preparation was tried since they asked for work or drew a prepared chart: an owner's first step in a
   * frame waits for it (work asked for while a frame was already on its way), so its next large chart is not reduced
   * inside a frame. Those whose preparation did work (a large chart) are in `prepared` too: their next step draws in a
   * frame of its own.
   */
  const tried = new WeakSet<Element>();
  const prepared = new WeakSet<Element>();
  /** Whether each owner is on screen; absent until first measured. */
  const shown = new WeakMap<Element, boolean>();
  let observer: IntersectionObserver | undefined;
  /** A frame is asked for, or the last one's cost is being measured: either way, no other frame yet. */
  let busy = false;
  /** Reports the end of a frame that drew (made on the first such frame: never in Node, where nothing draws). */
  let probe: MessagePort | undefined;
  /** Runs `between` in a task of its own (made on first use). */
  let preparing: MessagePort | undefined;
  let frameStart = 0;

  /**
   * The next frame is asked for from a task of its own, which first prepares: one large chart at most (a task stays as
   * short as one reduction, and one large chart is drawn a frame). Asked for only then, the frame cannot come before
   * the preparation and run back to back with it.
   */
  const between = (): void => {
    // An owner not yet seen by the observer has its box read here: likely its first layout, a task's worth on its own
    // (a card: ~5 ms); preparation then gets the next task.
    const unseen = [...queue.keys()].filter((owner) => !shown.has(owner));
    if (unseen.length > 0) {
      unseen.forEach(onScreen);
      preparing!.postMessage(0);
      return;
    }
    for (const owner of queue.keys()) {
      const prepare = preparers.get(owner);
      if (!prepare || tried.has(owner) || shown.get(owner) === false) continue;
      tried.add(owner);
      if (prepare()) {
        prepared.add(owner);
        break;
      }
    }
    requestAnimationFrame(runFrame);
  };

  const schedule = (): void => {
    const owners = [...queue.keys()].filter((owner) => shown.get(owner) !== false);
    if (busy || owners.length === 0) return;
    busy = true;
    // Nothing to prepare: the frame is asked for at once (asked for from the end of a long frame, it often comes right
    // away, where a task later it waits for the next vsync).
    if (!owners.some((owner) => preparers.has(owner) && !tried.has(owner))) {
      requestAnimationFrame(runFrame);
      return;
    }
    if (!preparing) {
      const channel = new MessageChannel();
      channel.port1.onmessage = between;
      preparing = channel.port2;
    }
    preparing.postMessage(0);
  };

  /** By the observer's last report; before its first, by the owner's box against the viewport. */
  const onScreen = (owner: Element): boolean => {
    let visible = shown.get(owner);
    if (visible === undefined) {
      const box = owner.getBoundingClientRect();
      visible = box.height > 0 && box.bottom > 0 && box.top < innerHeight;
      shown.set(owner, visible);
    }
    return visible;
  };

  const runFrame = (): void => {
    frameStart = performance.now();
    budget.beginFrame();
    let drew = false;
    for (const [owner, step] of [...queue]) {
      if (!budget.fits(prepared.has(owner))) break;
      if (!onScreen(owner) || (preparers.has(owner) && !tried.has(owner))) continue;
      // Served: to the back of the line, so the next frame starts with the others.
      queue.delete(owner);
      queue.set(owner, step);
      while (budget.fits(prepared.has(owner))) {
        // A step that drew a prepared chart needs the next one tried; when nothing was worth preparing, the answer
        // holds until new work is asked for (request).
        const large = prepared.delete(owner);
        if (large) tried.delete(owner);
        const start = performance.now();
        const result = step();
        const drawn = result === true || result === 'created';
        budget.record(performance.now() - start, drawn, result === 'created', large);
        drew ||= drawn;
        if (result === undefined) {
          queue.delete(owner);
          break;
        }
      }
    }
    if (drew) {
      // Posted from the frame's callback, the message arrives after the frame's style, layout, paint and commit: the
      // frame's whole cost is known then, and the next frame is asked for only then (each measurement is its own).
      if (!probe) {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          budget.endFrame(performance.now() - frameStart);
          busy = false;
          schedule();
        };
        probe = channel.port2;
      }
      probe.postMessage(0);
      return;
    }
    busy = false;
    schedule();
  };

  return {
    budget,
    request(owner, step, prepare) {
      // New work after none: the next step's preparation is tried again. Asked again while queued (a card asks after
      // each of its renders), the answer stands: a light card's frames then follow each other without a task between.
      if (!queue.has(owner)) tried.delete(owner);
      queue.set(owner, step);
      if (prepare) preparers.set(owner, prepare);
      else preparers.delete(owner);
      // No margin: a card just below the fold is off screen too (scrolled to, it catches up within a frame or two).
      observer ??= new IntersectionObserver((entries) => {
        for (const entry of entries) shown.set(entry.target, entry.isIntersecting);
        schedule();
      });
      observer.observe(owner);
      schedule();
    },
    cancel(owner) {
      queue.delete(owner);
      preparers.delete(owner);
      tried.delete(owner);
      prepared.delete(owner);
      observer?.unobserve(owner);
      shown.delete(owner);
    },
    pending: (owner) => queue.has(owner) && shown.get(owner) !== false,
    visible: (owner) => shown.get(owner) !== false,
  };
}

let shared: ChartScheduler | undefined;

/** The one scheduler every card on the page shares (one budget, one observer). */
export function chartScheduler(): ChartScheduler {
  return (shared ??= createChartScheduler());
}
