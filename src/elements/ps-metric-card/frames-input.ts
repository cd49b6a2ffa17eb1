/** Checks plain `.frames` data: loaded only when a page passes frames, so provider-fed cards never download the parser. */
import { DataError } from '../../model/errors.js';
import { parseMetricFrame } from '../../model/parse.js';
import type { MetricFrame } from '../../model/types.js';
import { describeValue } from '../../model/validate.js';

/** The frames, validated; throws a `DataError` naming the bad frame's path. */
export function parseFrames(input: unknown): MetricFrame[] {
  if (!Array.isArray(input)) throw new DataError('invalid-data', `frames: expected an array of metric frames, got ${describeValue(input)}`, { path: 'frames' });
  // Array.from visits holes of a sparse array (as undefined), which map would skip.
  return Array.from(input, (frame, i) => parseMetricFrame(frame, `frames[${i}]`));
}
