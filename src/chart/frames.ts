/**
 * Which MetricFrame continues which: a frame made by live refresh (`appendFrame` in `live-frames.ts`) from another
 * keeps every sample of it that is still in the window, so work done on them (per-pixel columns) can be kept.
 *
 * Frames are remembered by number, never by reference: a frame knows its parent's id, not its parent, so a live
 * chart appending every second holds its current frame only, not the chain of every frame before it.
 */
import type { MetricFrame } from '../model/types.js';

const ids = new WeakMap<MetricFrame, number>();
const parents = new WeakMap<MetricFrame, number>();
let lastId = 0;

function idOf(frame: MetricFrame): number {
  let id = ids.get(frame);
  if (id === undefined) ids.set(frame, (id = ++lastId));
  return id;
}

/** Records that `next` was made from `parent` by appending (every sample of `parent` still in `next` is unchanged). */
export function markContinues(next: MetricFrame, parent: MetricFrame): void {
  parents.set(next, idOf(parent));
}

/**
 * True when `next` is `previous` or was made from it by `appendFrame`: every sample of `previous` still in `next` is
 * unchanged, so work done on them (per-pixel columns) can be kept.
 */
export function continuesFrame(next: MetricFrame, previous: MetricFrame): boolean {
  return next === previous || (parents.get(next) ?? 0) === (ids.get(previous) ?? -1);
}
