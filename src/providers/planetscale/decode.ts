/** Decoding PlanetScale API answers (branch, keyspaces, branch infrastructure, keyspace resizes and rollout status) into plain records. */
import { DataError } from '../../model/errors.js';
import {
  expectArrayOf,
  expectBoolean,
  expectNumber,
  expectRecord,
  expectString,
  expected,
  readRecord,
  type Check,
  type RecordReader,
} from '../../model/validate.js';
import type { JsonAnswer } from '../shared/http.js';

const TEXT = expectString();
const NAME = expectString({ nonEmpty: true });
const FLAG = expectBoolean();
const COUNT = expectNumber({ min: 0, integer: true });

/** `null` is how PlanetScale writes an absent value; treat it like a missing field. */
function optional<T>(record: RecordReader, key: string, check: Check<T>): T | undefined {
  return record.get(key) === null ? undefined : record.optional(key, check);
}

/** An ISO-8601 time as epoch ms. */
const readTime: Check<number> = (value, path) => {
  const time = Date.parse(TEXT(value, path));
  if (Number.isNaN(time)) throw expected(path, 'an ISO 8601 time', value);
  return time;
};

/** The body of a 2xx answer (failed answers become DataErrors in errors.ts first). */
export function decodeAnswer(answer: JsonAnswer): RecordReader {
  return readRecord(answer.body, '');
}

export interface PlanetScaleBranch {
  name: string;
  production: boolean;
  region: { slug: string; name?: string };
  /** `vtgate_count`: "The number of vtgate instances in the branch" (get_branch; planetscale-go `DatabaseBranch.VTGateCount`). */
  vtgateCount?: number;
  /**
   * For display: `vtgate_name` ("The public SKU representing the VTGate size", get_branch; `VTG_5` → `VTG-5` as
   * planetscale-go's resize tests pair `vtgate_name`/`vtgate_display_name`), else `vtgate_size` (`vg.c1.nano`).
   */
  vtgateSize?: string;
}

export function decodeBranch(body: RecordReader): PlanetScaleBranch {
  const region = body.required(
    'region',
    expectRecord((r) => {
      const name = optional(r, 'display_name', TEXT);
      return { slug: r.required('slug', NAME), ...(name ? { name } : {}) };
    }),
  );
  const branch: PlanetScaleBranch = { name: body.required('name', NAME), production: optional(body, 'production', FLAG) ?? false, region };
  const count = optional(body, 'vtgate_count', COUNT);
  if (count !== undefined) branch.vtgateCount = count;
  const sku = optional(body, 'vtgate_name', NAME);
  const size = sku ? displaySku(sku) : optional(body, 'vtgate_size', NAME);
  if (size) branch.vtgateSize = size;
  return branch;
}

export interface PlanetScaleKeyspace {
  name: string;
  shards: number;
  sharded: boolean;
  replicas: number;
  /** SKU for display, `PS-80`. */
  size?: string;
  resizing: boolean;
  resizePending: boolean;
}

/** `PS_80` → `PS-80`: the API's SKU names use underscores, the dashboard hyphens. */
export function displaySku(name: string): string {
  return name.replace(/_/g, '-');
}

/**
 * A cluster size for display: `cluster_display_name` (`PS-40`), else the SKU `cluster_name` (`PS_40`, planetscale-go
 * keyspaces.go); planetscale-go's workflow test writes keyspaces with `cluster_rate_name`/`cluster_rate_display_name`.
 */
const readSize = (r: RecordReader, prefix = ''): string | undefined => {
  const display = optional(r, `${prefix}cluster_display_name`, NAME) ?? optional(r, `${prefix}cluster_rate_display_name`, NAME);
  const name = optional(r, `${prefix}cluster_name`, NAME) ?? optional(r, `${prefix}cluster_rate_name`, NAME);
  return display ?? (name ? displaySku(name) : undefined);
};

const readKeyspace = expectRecord((r): PlanetScaleKeyspace => {
  const keyspace: PlanetScaleKeyspace = {
    name: r.required('name', NAME),
    shards: optional(r, 'shards', COUNT) ?? 1,
    sharded: optional(r, 'sharded', FLAG) ?? false,
    replicas: optional(r, 'replicas', COUNT) ?? 0,
    resizing: optional(r, 'resizing', FLAG) ?? false,
    resizePending: optional(r, 'resize_pending', FLAG) ?? false,
  };
  const size = readSize(r);
  if (size) keyspace.size = size;
  return keyspace;
});

/** A page of a paginated list: its items and the next page number, if any. */
export function decodePage<T>(body: RecordReader, check: Check<T>): { items: T[]; nextPage?: number } {
  const next = optional(body, 'next_page', COUNT);
  return { items: body.required('data', expectArrayOf(check)), ...(next ? { nextPage: next } : {}) };
}

export const decodeKeyspacePage = (body: RecordReader) => decodePage(body, readKeyspace);

/** A keyspace's replicas in one read-only region (planetscale-go keyspaces.go `ReadOnlyRegionKeyspace`). */
export interface PlanetScaleReadOnlyRegion {
  /** Region slug, e.g. `us-west`. */
  region: string;
  /** Replicas per shard there. */
  replicas: number;
  size?: string;
}

const readReadOnlyRegion = expectRecord((r): PlanetScaleReadOnlyRegion => {
  const entry: PlanetScaleReadOnlyRegion = { region: r.required('region', NAME), replicas: optional(r, 'replicas', COUNT) ?? 0 };
  const size = readSize(r);
  if (size) entry.size = size;
  return entry;
});

/**
 * `read_only_regions` of one keyspace: sent by `GET …/keyspaces/{keyspace}?full=true` (planetscale-go keyspaces.go
 * `Get` with `Full`, and its test TestKeyspaces_GetFull); the API reference's get_keyspace lists no such field.
 */
export function decodeReadOnlyRegions(body: RecordReader): PlanetScaleReadOnlyRegion[] {
  return optional(body, 'read_only_regions', expectArrayOf(readReadOnlyRegion)) ?? [];
}

export interface PlanetScalePod {
  name: string;
  component: string;
  cell: string;
  size?: string;
  keyspace?: string;
  shard?: string;
  tabletType?: string;
  /** `status` is Running and every container is ready (`ready` "1/1"). */
  healthy: boolean;
}

const readPod = expectRecord((r): PlanetScalePod => {
  const ready = optional(r, 'ready', TEXT) ?? '';
  const [up, of] = ready.split('/').map(Number);
  const pod: PlanetScalePod = {
    name: r.required('name', NAME),
    component: optional(r, 'component', TEXT) ?? '',
    cell: optional(r, 'cell', TEXT) ?? '',
    healthy: optional(r, 'status', TEXT) === 'Running' && of > 0 && up === of,
  };
  const fields: [keyof PlanetScalePod, string][] = [['size', 'size'], ['keyspace', 'keyspace'], ['shard', 'shard'], ['tabletType', 'tablet_type']];
  for (const [field, key] of fields) {
    const value = optional(r, key, TEXT);
    if (value) (pod as unknown as Record<string, string>)[field] = value;
  }
  return pod;
});

export function decodeInfrastructure(body: RecordReader): PlanetScalePod[] {
  return optional(body, 'pods', expectArrayOf(readPod)) ?? [];
}

export interface PlanetScaleResize {
  state: string;
  from: { size: string; replicas: number };
  to: { size: string; replicas: number };
  startedAt?: number;
  completedAt?: number;
  /** `updated_at` (planetscale-go `KeyspaceResizeRequest.UpdatedAt`). */
  updatedAt?: number;
}

const readResize = expectRecord((r): PlanetScaleResize => {
  const resize: PlanetScaleResize = {
    state: r.required('state', NAME),
    from: { size: readSize(r, 'previous_') ?? 'unknown', replicas: optional(r, 'previous_replicas', COUNT) ?? 0 },
    to: { size: readSize(r) ?? 'unknown', replicas: optional(r, 'replicas', COUNT) ?? 0 },
  };
  const startedAt = optional(r, 'started_at', readTime);
  if (startedAt !== undefined) resize.startedAt = startedAt;
  const completedAt = optional(r, 'completed_at', readTime);
  if (completedAt !== undefined) resize.completedAt = completedAt;
  const updatedAt = optional(r, 'updated_at', readTime);
  if (updatedAt !== undefined) resize.updatedAt = updatedAt;
  return resize;
});

/** Resize requests, newest first (as the API and planetscale-go's `ResizeStatus` read them). */
export const decodeResizes = (body: RecordReader) => decodePage(body, readResize).items;

export interface PlanetScaleShardRollout {
  name: string;
  state: string;
  startedAt?: number;
  finishedAt?: number;
}

/**
 * A rollout time, or `undefined` for Go's zero `time.Time` (`0001-01-01T00:00:00Z`): planetscale-go types both
 * `last_rollout_*` as plain `time.Time`, and planetscale/cli (internal/cmd/keyspace/rollout_status.go) shows a zero
 * one as "not yet".
 */
const rolloutTime: Check<number | undefined> = (value, path) => {
  const time = readTime(value, path);
  return time < 0 ? undefined : time;
};

const readShardRollout = expectRecord((r): PlanetScaleShardRollout => {
  const rollout: PlanetScaleShardRollout = { name: r.required('name', NAME), state: optional(r, 'state', TEXT) ?? '' };
  const startedAt = optional(r, 'last_rollout_started_at', rolloutTime);
  if (startedAt !== undefined) rollout.startedAt = startedAt;
  const finishedAt = optional(r, 'last_rollout_finished_at', rolloutTime);
  if (finishedAt !== undefined) rollout.finishedAt = finishedAt;
  return rollout;
});

export function decodeRollout(body: RecordReader): PlanetScaleShardRollout[] {
  return optional(body, 'shards', expectArrayOf(readShardRollout)) ?? [];
}

/** A decoding error, said to come from the PlanetScale API's answer to `route`. */
export function fromPlanetScale<T>(route: string, decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof DataError && error.kind === 'invalid-data') {
      throw new DataError('invalid-data', `PlanetScale API ${route} sent an answer this provider cannot read: ${error.message}`, { path: error.path, cause: error });
    }
    throw error;
  }
}

/**
 * One series of a metrics-API answer (planetscale/cli `internal/planetscale/metrics.go` `TimeSeries`:
 * `{type, metric, label, labels, points: [[epoch seconds, value], …]}`; the API reference types `series` only as
 * "the time-series metric data").
 */
export interface PlanetScaleSeries {
  /** The API's metric name, e.g. `pod_cpu_usage`. */
  metric: string;
  /** The API's own name for this series, e.g. `Queries`. */
  label: string;
  /** Its dimensions; the reference documents none of their keys. */
  labels: Record<string, string>;
  /** Epoch seconds, as sent. */
  times: number[];
  /** `NaN` where the API sent `null` (a missing sample). */
  values: number[];
}

/** A metrics-API answer (`MetricSeries`: `{type, start_date, end_date, interval, series}`, the same file). */
export interface PlanetScaleSeriesAnswer {
  /** Epoch seconds; absent when not sent. */
  start?: number;
  end?: number;
  /** Seconds between points ("The step interval in seconds between data points", get_tablet_metrics). */
  interval?: number;
  series: PlanetScaleSeries[];
}

const POINT_VALUE: Check<number> = (value, path) => (value === null ? Number.NaN : expectNumber()(value, path));

const readPoint = (value: unknown, path: string): [number, number] => {
  const pair = expectArrayOf((item) => item, 2)(value, path);
  if (pair.length !== 2) throw expected(path, '[epoch seconds, value]', value);
  return [expectNumber({ min: 0 })(pair[0], `${path}[0]`), POINT_VALUE(pair[1], `${path}[1]`)];
};

/** Text and number dimensions, by name; anything else in `labels` is ignored. */
const readLabels: Check<Record<string, string>> = (value, path) => {
  const record = readRecord(value, path);
  const labels: Record<string, string> = {};
  for (const key of Object.keys(value as object)) {
    const item = record.get(key);
    if (typeof item === 'string' || typeof item === 'number') labels[key] = String(item);
  }
  return labels;
};

const readSeries = expectRecord((r): PlanetScaleSeries => {
  const points = r.required('points', expectArrayOf(readPoint));
  return {
    metric: optional(r, 'metric', TEXT) ?? '',
    label: optional(r, 'label', TEXT) ?? '',
    labels: optional(r, 'labels', readLabels) ?? {},
    times: points.map((p) => p[0]),
    values: points.map((p) => p[1]),
  };
});

export function decodeSeriesAnswer(body: RecordReader): PlanetScaleSeriesAnswer {
  const answer: PlanetScaleSeriesAnswer = { series: body.required('series', expectArrayOf(readSeries)) };
  const start = optional(body, 'start_date', readTime);
  if (start !== undefined) answer.start = start / 1000;
  const end = optional(body, 'end_date', readTime);
  if (end !== undefined) answer.end = end / 1000;
  const interval = optional(body, 'interval', expectNumber({ min: 0 }));
  if (interval) answer.interval = interval;
  return answer;
}

/** One current value and its dimensions (planetscale/cli metrics.go `InstantMetric.Values`: `[{…, value}]`). */
export interface PlanetScaleInstantValue {
  value: number;
  /** Every text dimension's value (e.g. `pod: 'postgres-0'` in planetscale/cli's TestMetrics_GetInstant). */
  dimensions: string[];
}

/** A value entry; `undefined` when it carries no finite `value`. */
const readInstantValue: Check<PlanetScaleInstantValue | undefined> = (input, path) => {
  const record = readRecord(input, path);
  const value = record.get('value');
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const dimensions: string[] = [];
  for (const key of Object.keys(input as object)) {
    const item = record.get(key);
    if (key !== 'value' && typeof item === 'string') dimensions.push(item);
  }
  return { value, dimensions };
};

/**
 * The current values of one metric from `GET …/metrics/tablets-instant` (get_instant_tablet_metrics; the answer's
 * shape is planetscale/cli metrics.go `InstantMetrics`: `{type, branch, metrics: [{metric, label, values}]}`).
 */
export function decodeInstantValues(metric: string): (body: RecordReader) => PlanetScaleInstantValue[] {
  return (body) => {
    const metrics = body.required('metrics', expectArrayOf(expectRecord((r) => ({ metric: optional(r, 'metric', TEXT) ?? '', values: optional(r, 'values', expectArrayOf(readInstantValue)) ?? [] }))));
    return metrics.filter((m) => m.metric === metric).flatMap((m) => m.values.filter((v): v is PlanetScaleInstantValue => v !== undefined));
  };
}
