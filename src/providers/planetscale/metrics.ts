/**
 * Which PlanetScale metrics-API series answer each metric card chart, and how their answers become a MetricFrame.
 *
 * Routes (API reference pages get_tablet_metrics and get_branch_metrics; query encoding as planetscale/cli
 * `internal/planetscale/metrics.go` sends it, `metrics[]` once per name):
 * - `GET …/branches/{branch}/metrics/tablets` — per-tablet series, filters `keyspace`, `shard`, `pod`;
 * - `GET …/branches/{branch}/metrics` — branch series (the VTGates' own: `vtgate_*`, and `connections`).
 * Both take either a named `period` or `from`/`to` (ISO 8601) with `steps` (points wanted); the CLI refuses `period`
 * with `from`/`to` (`internal/cmd/metrics/show.go` validateRangeFlags). The card always asks for absolute windows
 * (its presets, storage's week, live-refresh tails), so this provider always sends `from`/`to` + `steps`.
 *
 * Units: the reference documents none. planetscale/cli `internal/cmd/metrics/format.go` `metricUnit` (PlanetScale's
 * own formatter, with tests in `metrics_test.go`) reads `*_cpu_usage`, `*_memory_usage`, `vtgate_cpu_by_az`,
 * `vtgate_memory_by_az` as percent, `shard_storage_usage`/`_available` as bytes, `*latency*` as milliseconds and
 * `*lag*` as seconds. Query and row counts are plain numbers there; PlanetScale's Query Insights page
 * (vitess/monitoring/query-insights) plots queries and rows read/written "per second", which is how the card draws them.
 */
import { DataError } from '../../model/errors.js';
import type { ElementRef, MetricFrame, MetricId, TabletRef, TimeRange, Unit } from '../../model/types.js';
import type { PlanetScaleSeries, PlanetScaleSeriesAnswer } from './decode.js';

export type MetricsRoute = 'metrics' | 'metrics/tablets';

/** One series the card draws, from one API metric. */
export interface SeriesSource {
  /** The API's metric name (get_tablet_metrics / get_branch_metrics `metrics` enum). */
  metric: string;
  /** The card's series label (chart/catalogue.ts). */
  label: string;
}

/** One request to a metrics route and the series it answers. */
export interface MetricsRequest {
  route: MetricsRoute;
  sources: SeriesSource[];
  /** `keyspace`, `shard`, `pod` (get_tablet_metrics query parameters). */
  filters: Record<string, string>;
}

/** How one card metric is read: its requests, its unit, and how values scale into that unit. */
export interface MetricPlan {
  unit: Unit;
  requests: MetricsRequest[];
  /** Multiplier into `unit` (latency: milliseconds → seconds). */
  scale?: number;
  /** Storage: `capacity` = used + available (see `storageFrame`). */
  storage?: boolean;
}

/** What the provider knows about a tablet it is asked about. */
export interface TabletIdentity {
  /** The Kubernetes pod name (the branch infrastructure's `pods[].name`): the `pod` filter. */
  pod?: string;
  role?: 'primary' | 'replica' | 'rdonly';
}

const TABLETS: MetricsRoute = 'metrics/tablets';
const one = (metric: string, label: string): SeriesSource[] => [{ metric, label }];

/** VTGate charts from branch metrics (get_branch_metrics enum); VTGates are branch-wide, so no filter. */
const VTGATE_PLANS: Partial<Record<MetricId, MetricPlan>> = {
  connections: { unit: 'count', requests: [{ route: 'metrics', sources: one('connections', 'connections'), filters: {} }] },
  // The VTGates' own latency; the API offers p50 and p95 only (no vtgate_latency_p99), so the p99 toggle has no series.
  latency: {
    unit: 'seconds',
    scale: 1 / 1000,
    requests: [{ route: 'metrics', sources: [{ metric: 'vtgate_latency_p50', label: 'p50' }, { metric: 'vtgate_latency_p95', label: 'p95' }], filters: {} }],
  },
  queries: { unit: 'per_second', requests: [{ route: 'metrics', sources: one('vtgate_requests', 'queries'), filters: {} }] },
  // One series per availability zone.
  cpu: { unit: 'percent', requests: [{ route: 'metrics', sources: one('vtgate_cpu_by_az', 'cpu'), filters: {} }] },
  memory: { unit: 'percent', requests: [{ route: 'metrics', sources: one('vtgate_memory_by_az', 'memory'), filters: {} }] },
};

/** Per-pod tablet metrics (get_tablet_metrics enum `pod_*`, `replication_lag`). */
const POD_METRICS: Partial<Record<MetricId, { metric: string; label: string; unit: Unit }>> = {
  cpu: { metric: 'pod_cpu_usage', label: 'cpu', unit: 'percent' },
  memory: { metric: 'pod_memory_usage', label: 'memory', unit: 'percent' },
  queries: { metric: 'pod_queries', label: 'queries', unit: 'per_second' },
  // Reads and writes together: the API does not split IOPS by direction.
  iops: { metric: 'pod_iops', label: 'Read + write', unit: 'iops' },
  replication_lag: { metric: 'replication_lag', label: 'lag', unit: 'seconds' },
};

/** A shard primary's metrics without its pod name (get_tablet_metrics enum `primary_*`, filtered by keyspace and shard). */
const PRIMARY_METRICS: Partial<Record<MetricId, { metric: string; label: string; unit: Unit }>> = {
  cpu: { metric: 'primary_cpu_usage', label: 'cpu', unit: 'percent' },
  memory: { metric: 'primary_memory_usage', label: 'memory', unit: 'percent' },
  queries: { metric: 'primary_queries', label: 'queries', unit: 'per_second' },
  iops: { metric: 'primary_iops', label: 'Read + write', unit: 'iops' },
};

function shardFilters(target: TabletRef): Record<string, string> {
  return { keyspace: target.keyspace, shard: target.shard };
}

/**
 * How `metric` of `target` is read, or a `not-found` DataError saying why the API has nothing for it. A tablet is
 * found by its pod name when the provider knows it (tablets drawn from the branch infrastructure); a primary without
 * one by its shard (`primary_*`); a replica without one cannot be told from its siblings.
 */
export function planMetric(target: ElementRef, metric: MetricId, identity: TabletIdentity = {}): MetricPlan {
  if (target.kind === 'vtgates') {
    const plan = VTGATE_PLANS[metric];
    if (!plan) throw new DataError('not-found', `The PlanetScale metrics API has no ${metric.replace('_', ' ')} for VTGates.`);
    return plan;
  }
  const shard = shardFilters(target);
  if (metric === 'storage') {
    // Storage is the shard's (shard_storage_*), the same for each of its tablets.
    return {
      unit: 'bytes',
      storage: true,
      requests: [{ route: TABLETS, sources: [{ metric: 'shard_storage_usage', label: 'used' }, { metric: 'shard_storage_available', label: 'available' }], filters: shard }],
    };
  }
  if (metric === 'replication_lag' && identity.role === 'primary') {
    throw new DataError('not-found', `${target.tabletId} is its shard's primary: a primary has no replication lag.`);
  }
  if (identity.pod) {
    const pod = { ...shard, pod: identity.pod };
    if (metric === 'reads_writes') {
      // Rows read by this pod; rows written happen on the shard's primary only (primary_rows_written).
      const requests: MetricsRequest[] = [{ route: TABLETS, sources: one('pod_rows_read', 'reads'), filters: pod }];
      if (identity.role === 'primary') requests.push({ route: TABLETS, sources: one('primary_rows_written', 'writes'), filters: shard });
      return { unit: 'per_second', requests };
    }
    const source = POD_METRICS[metric];
    if (source) return { unit: source.unit, requests: [{ route: TABLETS, sources: one(source.metric, source.label), filters: pod }] };
  } else if (identity.role === 'primary') {
    if (metric === 'reads_writes') {
      return { unit: 'per_second', requests: [{ route: TABLETS, sources: [{ metric: 'primary_rows_read', label: 'reads' }, { metric: 'primary_rows_written', label: 'writes' }], filters: shard }] };
    }
    const source = PRIMARY_METRICS[metric];
    if (source) return { unit: source.unit, requests: [{ route: TABLETS, sources: one(source.metric, source.label), filters: shard }] };
  } else {
    throw new DataError(
      'not-found',
      `PlanetScale's tablet metrics tell replicas apart by pod name, which comes from the branch infrastructure route (…/branches/{branch}/infrastructure); without it there are no ${metric.replace('_', ' ')} figures for ${target.tabletId}.`,
    );
  }
  throw new DataError('not-found', `The PlanetScale metrics API has no ${metric.replace('_', ' ')} for a MySQL node.`);
}

/**
 * `steps` for a window: one point per `stepSeconds` when the card gives it (live-refresh tails), else per 15 s, and never
 * more than `MAX_STEPS` (the card reduces to pixels anyway; the reference states no limit, this keeps answers small).
 */
export const MAX_STEPS = 720;
const MIN_STEP_SECONDS = 15;

export function stepsFor(range: TimeRange, stepSeconds?: number): number {
  const seconds = Math.max(1, (range.to - range.from) / 1000);
  const wanted = stepSeconds && stepSeconds > 0 ? stepSeconds : MIN_STEP_SECONDS;
  return Math.max(1, Math.min(MAX_STEPS, Math.round(seconds / wanted)));
}

/** ISO 8601 to the second, as planetscale/cli's tests send `from`/`to` (`2026-08-18T16:00:00Z`). */
export function isoSeconds(ms: number, round: (x: number) => number): string {
  return new Date(round(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The query string of one request: `metrics[]` per name, `from`, `to`, `steps`, then the filters. */
export function metricsQuery(request: MetricsRequest, range: TimeRange, steps: number): URLSearchParams {
  const query = new URLSearchParams();
  for (const source of request.sources) query.append('metrics[]', source.metric);
  query.set('from', isoSeconds(range.from, Math.floor));
  query.set('to', isoSeconds(range.to, Math.ceil));
  query.set('steps', String(steps));
  for (const [key, value] of Object.entries(request.filters)) query.set(key, value);
  return query;
}

/** Most points a frame is built with; a hostile `interval` must not make a grid of millions. */
const MAX_GRID = 50_000;

/**
 * The frame's time axis: the answer's grid (`start_date` + k·`interval` up to `end_date`) so that steps without any
 * sample show as gaps, plus every time a point was sent at. Epoch seconds, ascending, unique.
 */
function timeAxis(answers: PlanetScaleSeriesAnswer[]): Float64Array {
  const times = new Set<number>();
  for (const answer of answers) {
    const { start, end, interval } = answer;
    if (start !== undefined && end !== undefined && interval && end >= start && (end - start) / interval <= MAX_GRID) {
      for (let t = start; t <= end + 1e-6; t += interval) times.add(t);
    }
    for (const series of answer.series) for (const t of series.times) times.add(t);
  }
  return Float64Array.from([...times].sort((a, b) => a - b));
}

/** A series' name when a metric answers several (VTGates per availability zone): the API's label, else its dimensions. */
function partName(series: PlanetScaleSeries, index: number): string {
  const dims = Object.keys(series.labels).sort().map((key) => series.labels[key]).filter(Boolean).join(' · ');
  return dims || series.label || `series ${index + 1}`;
}

function onAxis(series: PlanetScaleSeries, axis: Float64Array, index: Map<number, number>, scale: number): Float64Array {
  const values = new Float64Array(axis.length).fill(Number.NaN);
  series.times.forEach((t, i) => {
    const at = index.get(t);
    if (at !== undefined) values[at] = series.values[i] * scale;
  });
  return values;
}

/**
 * The frame of `plan` from its answers (one per request, in order). Each source's series: one → the card's label;
 * several (per AZ, per pod) → one each, named by their dimensions; none → an all-gap series, so the chart says "no
 * data" instead of failing. Missing samples and `null` values are `NaN`.
 */
export function frameFrom(metric: MetricId, plan: MetricPlan, answers: PlanetScaleSeriesAnswer[]): MetricFrame {
  const axis = timeAxis(answers);
  const index = new Map<number, number>();
  axis.forEach((t, i) => index.set(t, i));
  const scale = plan.scale ?? 1;
  const series: MetricFrame['series'] = [];
  plan.requests.forEach((request, r) => {
    const answer = answers[r];
    for (const source of request.sources) {
      const found = answer.series.filter((s) => s.metric === source.metric || (request.sources.length === 1 && s.metric === ''));
      if (found.length === 0) series.push({ label: source.label, values: new Float64Array(axis.length).fill(Number.NaN) });
      else if (found.length === 1) series.push({ label: source.label, values: onAxis(found[0], axis, index, scale) });
      else {
        const prefix = request.sources.length > 1 ? `${source.label} ` : '';
        found.forEach((s, i) => series.push({ label: `${prefix}${partName(s, i)}`, values: onAxis(s, axis, index, scale) }));
      }
    }
  });
  // Labels name legend entries and must differ: a repeated one gets its position.
  const seen = new Set<string>();
  for (const [i, entry] of series.entries()) {
    if (seen.has(entry.label)) entry.label = `${entry.label} (${i + 1})`;
    seen.add(entry.label);
  }
  const frame: MetricFrame = { metric, unit: plan.unit, timestamps: axis, series };
  return plan.storage ? storageFrame(frame) : frame;
}

/**
 * Storage as the card draws it: `used` and `capacity`. The API sends used and available bytes
 * (`shard_storage_usage`, `shard_storage_available`); PlanetScale's Prometheus reference names "available" the free
 * space beside a separate capacity (`planetscale_vttablet_volume_available_bytes` vs `…_capacity_bytes`), so capacity
 * is their sum.
 */
function storageFrame(frame: MetricFrame): MetricFrame {
  const used = frame.series.find((s) => s.label === 'used');
  const available = frame.series.find((s) => s.label === 'available');
  if (!used || !available) return frame;
  const capacity = used.values.map((u, i) => u + available.values[i]);
  return { ...frame, series: [used, { label: 'capacity', values: capacity }] };
}
