/**
 * Checks what a card is given as data — plain `.frames`/`.events`, or a user's provider's answers — loaded only when
 * there is such data to check, so cards fed by the built-in providers never download the parser.
 */
import { metricsFor, type TargetInfo } from '../../chart/catalogue.js';
import { DataError, toDataError } from '../../model/errors.js';
import { checkMetricFrame } from '../../model/parse.js';
import { parseClusterEvents } from '../../model/parse-events.js';
import { DEFAULT_RANGE, rangeFromPreset } from '../../model/time-range.js';
import type { ElementRef, MetricFrame, MetricId } from '../../model/types.js';
import { describeValue, invalidData } from '../../model/validate.js';
import type { CardData, MetricState } from './card-data.js';
export { parseClusterEvents };
export { parseTopologyInSlices } from '../../model/parse.js';

/** The frames, validated, their Float64Arrays kept (`checkMetricFrame`); throws a `DataError` naming the bad frame's path. */
export function parseFrames(input: unknown): MetricFrame[] {
  if (!Array.isArray(input)) throw new DataError('invalid-data', `frames: expected an array of metric frames, got ${describeValue(input)}`, { path: 'frames' });
  // Array.from visits holes of a sparse array (as undefined), which map would skip.
  return Array.from(input, (frame, i) => checkMetricFrame(frame, `frames[${i}]`));
}

/** A provider's answer to `getMetrics` for `metric`: a valid frame of that metric (not another one's), its samples kept. */
export function parseFrameAnswer(answer: unknown, metric: MetricId): MetricFrame {
  const frame = checkMetricFrame(answer);
  if (frame.metric !== metric) throw invalidData('metric', `expected ${JSON.stringify(metric)} (the metric asked for), got ${JSON.stringify(frame.metric)}`);
  return frame;
}

/**
 * A card's plain `.frames` and `.events` as the data it draws: the metric set follows the frames (and the target's
 * kind), the window spans them. Bad frames throw; bad events are said (`error`) and left out, the charts drawn anyway.
 */
export function frameData(frames: unknown, events: unknown, kind: ElementRef['kind'] | undefined, info: TargetInfo): { data: CardData; error?: DataError } {
  const checked = parseFrames(frames);
  const specs = metricsFor({ kind: kind ?? (checked.some((f) => f.metric === 'reads_writes') ? 'tablet' : 'vtgates') }, info.role);
  let from = Infinity;
  let to = -Infinity;
  for (const f of checked) {
    if (f.timestamps.length === 0 || f.metric === 'storage') continue;
    from = Math.min(from, f.timestamps[0] * 1000);
    to = Math.max(to, f.timestamps[f.timestamps.length - 1] * 1000);
  }
  const range = Number.isFinite(from) && to > from ? { from, to } : rangeFromPreset(DEFAULT_RANGE);
  const metrics: MetricState[] = [];
  for (const spec of specs) {
    const frame = checked.find((f) => f.metric === spec.id);
    if (!frame) continue;
    const t = frame.timestamps;
    const own = t.length > 1 ? { from: t[0] * 1000, to: t[t.length - 1] * 1000 } : range;
    metrics.push({ spec, range: spec.window ? own : range, frame, stale: false });
  }
  const data: CardData = { loadId: 0, targetKey: '', range, relative: false, metrics, events: [], info };
  try {
    data.events = parseClusterEvents(events ?? []);
  } catch (thrown) {
    return { data, error: toDataError(thrown) };
  }
  return { data };
}
