/**
 * PromQL for every metric id on the names open-source Vitess exports (plus node_exporter where Vitess has no
 * equivalent), the placeholders users write their own queries with, and the choice of step and rate window.
 */
import { DataError } from '../../model/errors.js';
import type { ElementRef, MetricId, TimeRange, Unit } from '../../model/types.js';

/** Label names in the user's series (deployments add them by relabelling, so they vary). */
export interface PrometheusLabels {
  keyspace: string;
  shard: string;
  tablet: string;
  tabletType: string;
  cell: string;
}

/** Job names of the scrape configs (the Vitess mixin's defaults). */
export interface PrometheusJobs {
  vtgate: string;
  vttablet: string;
}

export const DEFAULT_LABELS: Readonly<PrometheusLabels> = Object.freeze({
  keyspace: 'keyspace',
  shard: 'shard',
  tablet: 'tablet_alias',
  tabletType: 'tablet_type',
  cell: 'cell',
});

export const DEFAULT_JOBS: Readonly<PrometheusJobs> = Object.freeze({ vtgate: 'vitess-vtgate', vttablet: 'vitess-vttablet' });

/** One series of a metric: its legend label and the PromQL template that computes it. */
export interface SeriesQuery {
  label: string;
  query: string;
}

export type TargetKind = ElementRef['kind'];
/** `vtgates.latency`, `tablet.cpu`, … */
export type QueryKey = `${TargetKind}.${MetricId}`;

/** What a metric of a target is made of; `queries` may also be a single template string (one series). */
export interface MetricQueries {
  unit: Unit;
  series: SeriesQuery[];
}

/** User overrides: a template string (one series, labelled by the metric), a list of series, or a whole definition with its unit. */
export type QueryOverride = string | SeriesQuery[] | MetricQueries;

const rate = (metric: string, selector: string) => `sum(rate(${metric}{${selector}}[$rate]))`;
const quantile = (q: number) => `histogram_quantile(${q}, sum by (le) (rate(vtgate_api_bucket{$keyspace}[$rate])))`;

/**
 * Templates use placeholders, replaced with escaped label matchers (no braces) or durations:
 * `$tablet` → `tablet_alias="zone1-100"`, `$keyspace` → `keyspace="commerce"`, `$shard` → `shard="-80"`,
 * `$vtgate` → `job="vitess-vtgate"`, `$vttablet` → `job="vitess-vttablet"`, `$rate` → the rate window (`4m`).
 */
export const DEFAULT_QUERIES: Readonly<Partial<Record<QueryKey, MetricQueries>>> = Object.freeze({
  'vtgates.connections': { unit: 'count', series: [{ label: 'connections', query: 'sum(vtgate_mysql_server_conn_count)' }] },
  'vtgates.latency': {
    unit: 'seconds',
    series: [
      { label: 'p50', query: quantile(0.5) },
      { label: 'p95', query: quantile(0.95) },
      { label: 'p99', query: quantile(0.99) },
    ],
  },
  'vtgates.queries': { unit: 'per_second', series: [{ label: 'queries', query: rate('vtgate_api_count', '$keyspace') }] },
  'vtgates.cpu': { unit: 'cores', series: [{ label: 'cpu', query: rate('process_cpu_seconds_total', '$vtgate') }] },
  'vtgates.memory': { unit: 'bytes', series: [{ label: 'memory', query: 'sum(process_resident_memory_bytes{$vtgate})' }] },
  'tablet.queries': { unit: 'per_second', series: [{ label: 'queries', query: rate('vttablet_query_counts', '$tablet') }] },
  'tablet.reads_writes': {
    unit: 'per_second',
    series: [
      { label: 'reads', query: rate('vttablet_query_counts', '$tablet,plan=~"Select.*"') },
      { label: 'writes', query: rate('vttablet_query_counts', '$tablet,plan=~"Insert.*|Update.*|Delete.*|Replace.*"') },
    ],
  },
  'tablet.iops': {
    unit: 'iops',
    series: [
      { label: 'read', query: rate('node_disk_reads_completed_total', '$tablet') },
      { label: 'write', query: rate('node_disk_writes_completed_total', '$tablet') },
    ],
  },
  'tablet.cpu': { unit: 'percent', series: [{ label: 'cpu', query: '100 * (1 - avg(rate(node_cpu_seconds_total{$tablet,mode="idle"}[$rate])))' }] },
  'tablet.memory': {
    unit: 'percent',
    series: [{ label: 'memory', query: '100 * (1 - sum(node_memory_MemAvailable_bytes{$tablet}) / sum(node_memory_MemTotal_bytes{$tablet}))' }],
  },
  'tablet.storage': {
    unit: 'bytes',
    series: [
      { label: 'used', query: 'sum(node_filesystem_size_bytes{$tablet}) - sum(node_filesystem_avail_bytes{$tablet})' },
      { label: 'capacity', query: 'sum(node_filesystem_size_bytes{$tablet})' },
    ],
  },
  'tablet.replication_lag': { unit: 'seconds', series: [{ label: 'lag', query: 'max(vttablet_replication_lag_sec{$tablet})' }] },
});

/** The definition for a target's metric: the user's override, else the default; `not-found` when neither exists. */
export function metricQueries(
  key: QueryKey,
  overrides: Partial<Record<QueryKey, QueryOverride>> = {},
  defaults: Readonly<Partial<Record<QueryKey, MetricQueries>>> = DEFAULT_QUERIES,
): MetricQueries {
  const fallback = defaults[key];
  const override = overrides[key];
  const metric = key.slice(key.indexOf('.') + 1);
  if (override === undefined) {
    if (fallback) return fallback;
    throw new DataError('not-found', `Prometheus provider has no query for ${key}: pass one in the \`queries\` option (key "${key}").`);
  }
  const unit = fallback?.unit;
  if (typeof override === 'string' || Array.isArray(override)) {
    if (!unit) throw new DataError('invalid-data', `queries["${key}"]: give { unit, series } — there is no default unit for ${key}.`, { path: `queries.${key}` });
    return { unit, series: typeof override === 'string' ? [{ label: metric, query: override }] : override };
  }
  return override;
}

/** A PromQL string literal: `"zone1-100"`, with quotes, backslashes and newlines escaped. */
export function promString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** A matcher `name="value"` (no braces), for splicing into a selector. */
export function matcher(label: string, value: string): string {
  return `${label}=${promString(value)}`;
}

/** Prometheus' duration syntax for whole seconds: `240` → `4m`, `90` → `90s`. */
export function promDuration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/** Replaces `$name` placeholders; an unknown `$word` is left alone (PromQL itself never uses `$`). */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\$([A-Za-z_]\w*)/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole));
}

/** The placeholder values for a target. */
export function placeholders(target: ElementRef, labels: PrometheusLabels, jobs: PrometheusJobs, rateSeconds: number): Record<string, string> {
  const values: Record<string, string> = {
    keyspace: matcher(labels.keyspace, target.keyspace),
    vtgate: matcher('job', jobs.vtgate),
    vttablet: matcher('job', jobs.vttablet),
    rate: promDuration(rateSeconds),
  };
  if (target.kind === 'tablet') {
    values.tablet = matcher(labels.tablet, target.tabletId);
    values.shard = matcher(labels.shard, target.shard);
  }
  return values;
}

/** Prometheus refuses a range query of more than 11 000 points per series. */
export const PROMETHEUS_MAX_POINTS = 11_000;
/** The default resolution aims at about this many points: roughly a wide chart's pixel width. */
export const TARGET_POINTS = 2_000;
/** Steps that read naturally on an axis; the step is the finest one giving at most TARGET_POINTS. */
export const NICE_STEPS_SECONDS: readonly number[] = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
];

/** The step in whole seconds: `stepSeconds` when given (coarsened if it would exceed Prometheus' limit), else the finest nice step with ≤ TARGET_POINTS points. */
export function chooseStep(range: TimeRange, stepSeconds?: number): number {
  const seconds = (range.to - range.from) / 1000;
  if (!(seconds > 0)) throw new DataError('invalid-data', `The time range must end after it starts (from ${range.from}, to ${range.to}).`, { path: 'range' });
  // +1: the axis holds both ends.
  const floor = Math.ceil(seconds / (PROMETHEUS_MAX_POINTS - 1));
  if (stepSeconds !== undefined) {
    if (!Number.isFinite(stepSeconds) || stepSeconds <= 0) {
      throw new DataError('invalid-data', `stepSeconds must be a positive number of seconds, got ${stepSeconds}.`, { path: 'stepSeconds' });
    }
    return Math.max(Math.ceil(stepSeconds), floor);
  }
  const wanted = seconds / TARGET_POINTS;
  return NICE_STEPS_SECONDS.find((step) => step >= wanted) ?? Math.max(Math.ceil(wanted), floor);
}

/**
 * The window of `rate()`: at least 4 steps (so every point averages over the samples since the previous one, and
 * more) and at least 4 scrape intervals (so a window always holds enough samples for rate() to answer).
 */
export function chooseRateWindow(stepSeconds: number, scrapeIntervalSeconds: number): number {
  return Math.max(4 * stepSeconds, 4 * scrapeIntervalSeconds);
}

/**
 * The window of a chart's query: the step-aligned grid `start, start + step, …, end` (multiples of `step` inside the
 * range; empty when `end < start`, a range shorter than a step) and `latest`, the range's end in epoch seconds when it
 * is not on the grid, evaluated on its own so the newest point is current. Without it the newest point of a week at
 * 600 s steps is up to 10 minutes old, and a series younger than one step (a new MySQL node's storage) has no point.
 * The end is never later than `now` (epoch ms): Prometheus evaluates a future time with the newest sample for up to
 * its lookback delta (5 minutes by default), which would draw today's value at a time that has not come yet; and
 * nothing is ever asked on the grid past the range, for the same reason. Grid points stay aligned, so a live refresh
 * appends the same grid and a caching front end (Thanos, Mimir) still hits.
 */
export function queryWindow(range: TimeRange, step: number, now: number): { start: number; end: number; latest?: number } {
  const to = Math.min(range.to, now) / 1000;
  const from = range.from / 1000;
  const start = Math.ceil(from / step) * step;
  const end = Math.floor(to / step) * step;
  return to > end && to >= from ? { start, end, latest: to } : { start, end };
}

/** The step-aligned query window: `[start, end]` are multiples of `step`, `start ≥ from`, `end ≤ to` (epoch seconds). */
export function alignedWindow(range: TimeRange, step: number): { start: number; end: number } {
  const start = Math.ceil(range.from / 1000 / step) * step;
  const end = Math.floor(range.to / 1000 / step) * step;
  if (end < start) {
    throw new DataError('invalid-data', `The time range (${(range.to - range.from) / 1000} s) is shorter than one step (${step} s).`, { path: 'range' });
  }
  return { start, end };
}
