/** Live-refresh arithmetic on MetricFrames: which tail to ask for, and how to append it while the window slides. */
import type { MetricFrame, TimeRange } from '../model/types.js';

/** Seconds between samples (the last interval; 10 s for a frame too short to tell). */
export function frameStep(frame: MetricFrame): number {
  const t = frame.timestamps;
  return t.length >= 2 ? t[t.length - 1] - t[t.length - 2] : 10;
}

/**
 * The range of samples newer than the frame's last one, up to `now` (epoch ms), or undefined when not even one new
 * sample can be there yet. An empty frame asks for `fallbackFrom` onwards.
 */
export function tailRange(frame: MetricFrame, now: number, fallbackFrom: number): TimeRange | undefined {
  const t = frame.timestamps;
  const step = frameStep(frame);
  const from = t.length > 0 ? t[t.length - 1] * 1000 + 1 : fallbackFrom;
  if (now - from < step * 1000 - 1) return undefined;
  return { from, to: now };
}

/** Frames made by `appendFrame`, to the frame they extend. */
const extended = new WeakMap<MetricFrame, MetricFrame>();

/**
 * True when `next` is `previous` or was made from it by `appendFrame`: every sample of `previous` still in `next` is
 * unchanged, so work done on them (per-pixel columns) can be kept.
 */
export function continuesFrame(next: MetricFrame, previous: MetricFrame): boolean {
  return next === previous || extended.get(next) === previous;
}

/**
 * `frame` with `tail`'s newer samples appended and samples before `keepFrom` (epoch ms) dropped: a new frame (the old
 * one is left alone, so whatever drew it can tell it changed). Series are matched by label; a series the tail lacks
 * gets gaps. A tail with nothing new returns `frame` itself.
 */
export function appendFrame(frame: MetricFrame, tail: MetricFrame, keepFrom: number): MetricFrame {
  const old = frame.timestamps;
  const last = old.length > 0 ? old[old.length - 1] : -Infinity;
  let firstNew = 0;
  while (firstNew < tail.timestamps.length && tail.timestamps[firstNew] <= last) firstNew++;
  const added = tail.timestamps.length - firstNew;
  const keepSeconds = keepFrom / 1000;
  let firstKept = 0;
  while (firstKept < old.length && old[firstKept] < keepSeconds) firstKept++;
  if (added === 0 && firstKept === 0) return frame;
  const kept = old.length - firstKept;
  const timestamps = new Float64Array(kept + added);
  timestamps.set(old.subarray(firstKept));
  timestamps.set(tail.timestamps.subarray(firstNew), kept);
  const series = frame.series.map((s) => {
    const values = new Float64Array(kept + added);
    values.set(s.values.subarray(firstKept));
    const fresh = tail.series.find((t) => t.label === s.label);
    if (fresh) values.set(fresh.values.subarray(firstNew), kept);
    else values.fill(Number.NaN, kept);
    return { label: s.label, values };
  });
  const warnings = [...(frame.warnings ?? []), ...(tail.warnings ?? [])];
  const next: MetricFrame = { metric: frame.metric, unit: frame.unit, timestamps, series, ...(warnings.length ? { warnings } : {}) };
  extended.set(next, frame);
  return next;
}
