/**
 * The keyspace heatmap from Prometheus: one range query grouped by shard, on series stock vtgate already labels with
 * keyspace and shard, so it works on a cluster scraped as it ships (no relabelling); and, where the preset's scrape
 * config labels tablet series with their keyspace and shard (the relabelled and vitess-operator presets), per-tablet
 * metrics grouped by that shard label.
 */
import { DataError } from '../../model/errors.js';
import {
  HEATMAP_UNITS,
  heatmapStepSeconds,
  parseKeyspaceHeatmap,
  type HeatmapMetric,
  type KeyspaceHeatmap,
  type KeyspaceHeatmapQuery,
} from '../../model/heatmap.js';
import { readShardName } from '../../model/key-range.js';
import type { KeyspaceRef } from '../../model/types.js';
import type { Decoded, RangeSeries } from './decode.js';
import type { PrometheusPreset } from './presets/types.js';
import { READ_PLANS, WRITE_PLANS } from './presets/vitess-queries.js';
import { alignedWindow, chooseRateWindow } from './queries.js';
import { presetSelectors, shardFromSafeName } from './selectors.js';
import { identityLabels, type PresetContext } from './topology.js';

/**
 * PromQL per heatmap metric; `$keyspace` becomes the escaped keyspace name and `$rate` the rate window. A query must
 * answer one series per shard, labelled `shard_name` (vtgate's label) or `shard` (a relabelled vttablet's).
 *
 * Upstream: vtgate's ScatterConn records every call it makes to a shard's tablets in a MultiTimings named
 * `VttabletCall` with labels Operation, Keyspace, ShardName, DbType, and counts failed calls in
 * `VttabletCallErrorCount` with the same labels (vitessio/vitess go/vt/vtgate/scatter_conn.go `NewScatterConn`,
 * created as `NewScatterConn("VttabletCall", …)` in go/vt/vtgate/vtgate.go). go/stats/prometheusbackend
 * (collectors.go `multiTimingsCollector`, a histogram) exports them as `vtgate_vttablet_call_count` (+ `_sum`,
 * `_bucket`) and `vtgate_vttablet_call_error_count`, label names snake-cased (`shard_name`, `db_type`).
 */
export const DEFAULT_HEATMAP_QUERIES: Readonly<Partial<Record<HeatmapMetric, string>>> = Object.freeze({
  queries: 'sum by (shard_name) (rate(vtgate_vttablet_call_count{keyspace="$keyspace"}[$rate]))',
  errors: 'sum by (shard_name) (rate(vtgate_vttablet_call_error_count{keyspace="$keyspace"}[$rate]))',
});

/**
 * Where a preset's tablet series say their keyspace and shard: the labels its scrape config adds (`topology.identity`
 * of the relabelled and vitess-operator presets), and the matchers of all the vttablets (`$vttablets`).
 */
export interface TabletShards {
  selector: string;
  keyspaceLabel: string;
  shardLabel: string;
  /** Shard values are the vitess-operator's safe names (`x-80`). */
  safeNames: boolean;
}

/** The preset's tablet shard labels, or undefined when its tablet series carry none (the mixin's and examples' jobs). */
export function tabletShards(preset: PrometheusPreset, context: PresetContext, keyspace: KeyspaceRef): TabletShards | undefined {
  const topology = preset.topology;
  if (!topology) return undefined;
  const identity = identityLabels(topology, context);
  const selector = presetSelectors(preset, { kind: 'vtgates', ...keyspace }, context).values.vttablets;
  if (!identity.keyspace || !identity.shard || selector === undefined) return undefined;
  return { selector, keyspaceLabel: identity.keyspace, shardLabel: identity.shard, safeNames: topology.shardNames === 'safe' };
}

/**
 * Per-tablet series grouped by the shard label: the worst replica's lag (the poller's gauge, or the heartbeat reader's
 * in ns — vitessio/vitess go/vt/vttablet/tabletserver/repltracker/{poller,reader}.go; told apart by a label as the
 * presets' topology does, so `or` keeps both), and reads / writes by vttablet plan (`vttablet_query_counts{table,plan}`,
 * query_engine.go; plan names planbuilder/plan.go, as the presets split them).
 */
function tabletTemplate(metric: HeatmapMetric, tablets: TabletShards): string | undefined {
  const selector = `${tablets.selector ? `${tablets.selector},` : ''}${tablets.keyspaceLabel}="$keyspace"`;
  const by = tablets.shardLabel;
  switch (metric) {
    case 'replication_lag':
      return `max by (${by}) (vttablet_replication_lag_sec{${selector}} or label_replace(vttablet_heartbeat_current_lag_ns{${selector}} / 1e9, "lag_source", "heartbeat", "", ""))`;
    case 'reads':
      return `sum by (${by}) (rate(vttablet_query_counts{${selector},plan=~"${READ_PLANS.join('|')}"}[$rate]))`;
    case 'writes':
      return `sum by (${by}) (rate(vttablet_query_counts{${selector},plan=~"${WRITE_PLANS.join('|')}"}[$rate]))`;
    default:
      return undefined;
  }
}

/** Why a metric has no default query: what stock Vitess lacks, and how to supply it. */
const MISSING: Readonly<Partial<Record<HeatmapMetric, string>>> = {
  reads: 'vtgate counts calls per shard but not reads apart from writes (a preset whose scrape config labels tablets with their shard, such as `relabelled` or `operator`, has them)',
  writes: 'vtgate counts calls per shard but not reads apart from writes (a preset whose scrape config labels tablets with their shard, such as `relabelled` or `operator`, has them)',
  // METRICS.md: no vttablet series carries keyspace or shard labels (vitess PR #7490).
  replication_lag: 'replication lag is a vttablet series, and stock vttablet series carry no shard label (a preset whose scrape config adds one, such as `relabelled` or `operator`, has it)',
  cpu: 'CPU is a per-tablet (node_exporter or cAdvisor) series, and those carry no shard label',
};

/** Runs a range query; the provider passes its own (URL, headers, fetch, error mapping). */
export type RangeQuery = (promql: string, start: number, end: number, step: number, signal: AbortSignal) => Promise<Decoded<RangeSeries[]>>;

/** Escapes a label value inside double quotes. */
function quoteValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** The PromQL of one heatmap, or a `not-found` DataError saying why this metric has none. */
export function heatmapPromQL(
  query: KeyspaceHeatmapQuery,
  rateWindowSeconds: number,
  overrides: Readonly<Partial<Record<HeatmapMetric, string>>> = {},
  tablets?: TabletShards,
): string {
  const template = overrides[query.metric] ?? DEFAULT_HEATMAP_QUERIES[query.metric] ?? (tablets && tabletTemplate(query.metric, tablets));
  if (!template) {
    throw new DataError('not-found', `No per-shard ${query.metric.replace('_', ' ')} in Prometheus by default: ${MISSING[query.metric] ?? 'no query is known'}. ` +
      `Pass \`heatmap: { ${query.metric}: 'sum by (shard) (…)' }\` to PrometheusProvider if your series have a shard label.`, { path: 'metric' });
  }
  return template.replaceAll('$keyspace', quoteValue(query.keyspace.keyspace)).replaceAll('$rate', `${rateWindowSeconds}s`);
}

/** One range query for the whole keyspace, turned into a checked heatmap (shards in key-range order). */
export async function prometheusHeatmap(
  query: KeyspaceHeatmapQuery,
  options: { scrapeIntervalSeconds: number; overrides?: Readonly<Partial<Record<HeatmapMetric, string>>>; tablets?: TabletShards },
  rangeQuery: RangeQuery,
  signal: AbortSignal,
): Promise<KeyspaceHeatmap> {
  const step = Math.ceil(heatmapStepSeconds(query.range, query.stepSeconds));
  const { start, end } = alignedWindow(query.range, step);
  const promql = heatmapPromQL(query, chooseRateWindow(step, options.scrapeIntervalSeconds), options.overrides, options.tablets);
  const decoded = await rangeQuery(promql, start, end, step, signal);
  return heatmapFromMatrix(query.metric, decoded, promql, start, end, step, options.tablets);
}

/** A decoded matrix with one series per shard → a checked heatmap on the axis `start, start + step, …, end`. */
export function heatmapFromMatrix(
  metric: HeatmapMetric, decoded: Decoded<RangeSeries[]>, promql: string, start: number, end: number, step: number, tablets?: TabletShards,
): KeyspaceHeatmap {
  const series = decoded.result;
  if (series.length === 0) {
    throw new DataError('not-found', `Prometheus has no series for this keyspace in that window (query: ${promql}).`);
  }
  const columns = Math.round((end - start) / step) + 1;
  const timestamps = new Float64Array(columns);
  for (let t = 0; t < columns; t++) timestamps[t] = start + t * step;
  const warnings = [...decoded.warnings];
  const shards: { name: string }[] = [];
  const rows: RangeSeries[] = [];
  const skipped: string[] = [];
  for (const one of series) {
    const label = (tablets && one.labels[tablets.shardLabel]) ?? one.labels.shard_name ?? one.labels.shard;
    const name = label !== undefined && tablets?.safeNames ? shardFromSafeName(label) : label;
    if (name === undefined) {
      throw new DataError('invalid-data', `Prometheus answered series without a shard_name or shard label; a heatmap query must group by shard (query: ${promql}).`, { path: 'labels' });
    }
    if (typeof readShardName(name) === 'string') {
      skipped.push(name);
      continue;
    }
    if (shards.some((shard) => shard.name === name)) {
      throw new DataError('invalid-data', `Prometheus answered two series for shard ${name}; group the query by shard only (query: ${promql}).`, { path: 'labels' });
    }
    shards.push({ name });
    rows.push(one);
    if (one.infinite) warnings.push(`${one.infinite} samples of shard ${name} were ±Inf and are shown as gaps.`);
  }
  if (skipped.length) warnings.push(`Series of ${skipped.length} label values that are not shard names were left out: ${skipped.slice(0, 3).join(', ')}.`);
  const values = new Float32Array(rows.length * columns).fill(NaN);
  rows.forEach((one, row) => {
    for (let i = 0; i < one.times.length; i++) {
      const time = one.times[i];
      const value = one.values[i];
      const t = Math.round((time - start) / step);
      // A negative rate is a counter reset seen through a broken proxy; drop it rather than fail the picture.
      if (t >= 0 && t < columns && Math.abs(start + t * step - time) < 1e-6 && value >= 0) values[row * columns + t] = value;
    }
  });
  const heatmap = parseKeyspaceHeatmap({ metric, unit: HEATMAP_UNITS[metric], timestamps, shards, values });
  if (warnings.length) heatmap.warnings = warnings;
  return heatmap;
}
