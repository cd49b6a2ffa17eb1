/**
 * Checks what a card is given as data — plain `.frames`/`.events`, or a user's provider's answers — loaded only when
 * there is such data to check, so cards fed by the built-in providers never download the parser.
 */
import { DataError } from '../../model/errors.js';
import { parseMetricFrame } from '../../model/parse.js';
import type { MetricFrame, MetricId } from '../../model/types.js';
import { describeValue, invalidData } from '../../model/validate.js';
export { parseClusterEvents } from '../../model/parse-events.js';

/** The frames, validated; throws a `DataError` naming the bad frame's path. */
export function parseFrames(input: unknown): MetricFrame[] {
  if (!Array.isArray(input)) throw new DataError('invalid-data', `frames: expected an array of metric frames, got ${describeValue(input)}`, { path: 'frames' });
  // Array.from visits holes of a sparse array (as undefined), which map would skip.
  return Array.from(input, (frame, i) => parseMetricFrame(frame, `frames[${i}]`));
}

/** A provider's answer to `getMetrics` for `metric`: a valid frame of that metric (not another one's). */
export function parseFrameAnswer(answer: unknown, metric: MetricId): MetricFrame {
  const frame = parseMetricFrame(answer);
  if (frame.metric !== metric) throw invalidData('metric', `expected ${JSON.stringify(metric)} (the metric asked for), got ${JSON.stringify(frame.metric)}`);
  return frame;
}
