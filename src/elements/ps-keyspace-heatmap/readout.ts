/** The heatmap's words: metric names, the summary sentences, a cell's readout and its spoken form. */
import { formatCount, formatRatio, formatTimeTick, formatValue, pluralize } from '../../chart/format.js';
import type { HeatmapRow } from '../../chart/heatmap/geometry.js';
import type { HeatmapSummary } from '../../chart/heatmap/stats.js';
import { isAdditiveHeatmapMetric, type HeatmapMetric, type KeyspaceHeatmap } from '../../model/heatmap.js';

export const METRIC_LABELS: Readonly<Record<HeatmapMetric, string>> = {
  queries: 'Queries',
  reads: 'Reads',
  writes: 'Writes',
  errors: 'Errors',
  replication_lag: 'Replication lag (worst replica)',
  cpu: 'Primary CPU',
};

/** The noun a sentence uses: "38 % of queries", "the highest replication lag". */
const METRIC_NOUNS: Readonly<Record<HeatmapMetric, string>> = {
  queries: 'queries',
  reads: 'reads',
  writes: 'writes',
  errors: 'errors',
  replication_lag: 'replication lag',
  cpu: 'primary CPU',
};

/** Seconds between steps (60 for a single step). */
export function stepOf(heatmap: KeyspaceHeatmap): number {
  return heatmap.timestamps.length > 1 ? heatmap.timestamps[1] - heatmap.timestamps[0] : 60;
}

/** `40 – 80`, `start – 80`, `80 – end`, `whole key space`. */
export function describeKeyRange(row: Pick<HeatmapRow, 'keyRange'>): string {
  const { start, end } = row.keyRange;
  if (!start && !end) return 'the whole key space';
  return `keys ${start || 'start'} – ${end || 'end'}`;
}

/** `14:20`, or with the date when the step is a day or longer. */
export function formatStepTime(epochSeconds: number, stepSeconds: number, locale?: string): string {
  return formatTimeTick(epochSeconds, stepSeconds >= 86_400 ? 86_400 : 60, locale);
}

/** `3h 10m`, `45m`, `2d 4h`. */
export function formatDuration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours}h ${minutes % 60}m` : `${hours}h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days}d ${hours % 24}h` : `${days}d`;
}

export interface SummaryContext {
  heatmap: KeyspaceHeatmap;
  summary: HeatmapSummary;
  /** Epoch seconds of the last step's end (the window's "now"). */
  locale?: string;
}

/** The summary above the picture, one sentence per fact. */
export function summarySentences({ heatmap, summary, locale }: SummaryContext): string[] {
  const step = heatmap.timestamps.length > 1 ? heatmap.timestamps[1] - heatmap.timestamps[0] : 60;
  const time = (index: number) => formatStepTime(heatmap.timestamps[index], step, locale);
  const value = (v: number) => formatValue(v, heatmap.unit, locale);
  const noun = METRIC_NOUNS[heatmap.metric];
  const sentences: string[] = [];
  const { hottest, busiest, skew } = summary;
  if (hottest) {
    const lead = `Shard ${hottest.row.name} is the hottest now: ${value(hottest.value)}, ${formatRatio(hottest.ratio)} the median shard`;
    if (hottest.hotSince !== undefined) {
      const last = heatmap.timestamps[heatmap.timestamps.length - 1] + step;
      sentences.push(hottest.hotThroughout
        ? (hottest.row.first === 0 ? `${lead}, hot through the whole window.` : `${lead}, hot since it began serving at ${time(hottest.row.first)}.`)
        : `${lead}, hot since ${time(hottest.hotSince)} (${formatDuration(last - heatmap.timestamps[hottest.hotSince])}).`);
    } else {
      sentences.push(`No shard stands out now: the hottest, ${hottest.row.name}, is ${value(hottest.value)}, ${formatRatio(hottest.ratio)} the median shard.`);
    }
  }
  if (busiest && busiest.row !== hottest?.row) {
    sentences.push(`Over the window, shard ${busiest.row.name} averages most: ${value(busiest.mean)}, ${formatRatio(busiest.ratio)} the median, ` +
      `peaking at ${value(busiest.peak.mean)} from ${time(busiest.peak.from)} to ${time(busiest.peak.to)}.`);
  }
  if (skew && isAdditiveHeatmapMetric(heatmap.metric)) {
    const share = Math.round(skew.share * 100);
    const who = skew.top === 1 ? `The busiest shard of ${formatCount(skew.of)}` : `The top ${formatCount(skew.top)} of ${formatCount(skew.of)} shards (1 %)`;
    sentences.push(`${who} ${skew.top === 1 ? 'takes' : 'take'} ${share} % of ${noun}${skew.from > 0 ? ` since ${time(skew.from)}` : ''}.`);
  }
  return sentences;
}

/** A grid change in words: "Reshard at 09:00: 4 shards → 8." */
export function describeGridChange(change: { at: number; ended: string[]; started: string[] }, step: number, locale?: string): string {
  const when = formatStepTime(change.at, step, locale);
  if (change.ended.length && change.started.length) return `Reshard at ${when}: ${pluralize(change.ended.length, 'shard')} → ${formatCount(change.started.length)}`;
  if (change.started.length) return `${pluralize(change.started.length, 'shard')} appeared at ${when}`;
  return `${pluralize(change.ended.length, 'shard')} stopped at ${when}`;
}

export interface CellReadout {
  shard: string;
  keys: string;
  time: string;
  value: string;
  ratio?: string;
}

/** What hovering or focusing a cell shows: shard, key range, time bucket, value and its ratio to the median shard. */
export function cellReadout(heatmap: KeyspaceHeatmap, row: HeatmapRow, step: number, median: number | undefined, locale?: string): CellReadout {
  const columns = heatmap.timestamps.length;
  const stepSeconds = columns > 1 ? heatmap.timestamps[1] - heatmap.timestamps[0] : 60;
  const at = heatmap.timestamps[step];
  const raw = heatmap.values[row.shard * columns + step];
  const readout: CellReadout = {
    shard: row.name,
    keys: describeKeyRange(row),
    time: `${formatStepTime(at, stepSeconds, locale)} – ${formatStepTime(at + stepSeconds, stepSeconds, locale)}`,
    value: raw === raw ? formatValue(raw, heatmap.unit, locale) : 'no data',
  };
  if (raw === raw && median !== undefined && median === median && median > 0) readout.ratio = `${formatRatio(raw / median)} median`;
  return readout;
}

/** The live announcement for a focused cell. */
export function speakReadout(readout: CellReadout): string {
  return `Shard ${readout.shard}, ${readout.keys}, ${readout.time}: ${readout.value}${readout.ratio ? `, ${readout.ratio}` : ''}.`;
}
