/**
 * Live-refresh arithmetic on MetricFrames: which tail to ask for, and how to append it while the window slides, in
 * memory bounded by the window (loaded with the first live-refresh tick, see `frames.ts` for what stays eager).
 */
import type { MetricFrame, TimeRange } from '../model/types.js';
import { markContinues } from './frames.js';

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

/** For buffers holding a live frame's columns: the byte offset up to which some frame's samples reach. */
const usedTo = new WeakMap<ArrayBufferLike, number>();

/**
 * True when `added` samples fit after every column of `frame` in its own buffer, and no other frame was already
 * extended into that room (two ticks appended to the same frame must not write over each other).
 */
function growable(frame: MetricFrame, added: number): boolean {
  return [frame.timestamps, ...frame.series.map((s) => s.values)].every((array) => {
    const end = array.byteOffset + array.byteLength;
    return usedTo.get(array.buffer) === end && end + added * 8 <= array.buffer.byteLength;
  });
}

/** `values` copied into a buffer with room to append to, the copy `length` long (amortised: ticks rarely copy). */
function withRoom(values: Float64Array, length: number): Float64Array {
  const buffer = new Float64Array(Math.ceil(length * 1.25) + 64);
  buffer.set(values);
  return buffer.subarray(0, length);
}

/**
 * `frame` with `tail`'s newer samples appended and samples before `keepFrom` (epoch ms) dropped: a new frame (the old
 * one is left alone, so whatever drew it can tell it changed; live refresh appends into spare room of the
 * same buffers instead of copying a week of samples per tick). Series are matched by label; a series the tail lacks
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
  const fresh = frame.series.map((s) => tail.series.find((t) => t.label === s.label));
  const grow = growable(frame, added);
  const column = (current: Float64Array, tailValues: Float64Array | undefined): Float64Array => {
    // Either write after the current samples in spare room of the same buffer, or copy into a roomier one.
    if (added === 0) return current.subarray(firstKept);
    const target = grow
      ? new Float64Array(current.buffer, current.byteOffset + firstKept * 8, kept + added)
      : withRoom(current.subarray(firstKept), kept + added);
    if (tailValues) target.set(tailValues.subarray(firstNew), kept);
    else target.fill(Number.NaN, kept);
    return target;
  };
  const timestamps = column(old, tail.timestamps);
  const series = frame.series.map((s, i) => ({ label: s.label, values: column(s.values, fresh[i]?.values) }));
  if (added > 0) for (const array of [timestamps, ...series.map((s) => s.values)]) usedTo.set(array.buffer, array.byteOffset + array.byteLength);
  const warnings = mergeWarnings(frame.warnings, tail.warnings);
  const next: MetricFrame = { metric: frame.metric, unit: frame.unit, timestamps, series, ...(warnings.length ? { warnings } : {}) };
  markContinues(next, frame);
  return next;
}

/** Warnings a live frame keeps: each once, the newest `MAX_WARNINGS` (a source warning on every tick adds nothing new). */
const MAX_WARNINGS = 20;

function mergeWarnings(held: readonly string[] | undefined, added: readonly string[] | undefined): string[] {
  if (!added?.length) return held ? [...held] : [];
  const merged = [...new Set([...(held ?? []), ...added])];
  return merged.slice(-MAX_WARNINGS);
}
