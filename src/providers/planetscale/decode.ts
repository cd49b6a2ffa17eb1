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
import { httpError, type JsonAnswer } from '../shared/http.js';

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

/** The body of a 2xx answer; a 4xx/5xx `{code, message}` body becomes the DataError's message. */
export function decodeAnswer(answer: JsonAnswer, route: string): RecordReader {
  if (!answer.ok) {
    const body = answer.body as Record<string, unknown> | undefined;
    const message = typeof body?.message === 'string' ? body.message : answer.excerpt;
    const code = typeof body?.code === 'string' ? ` (${body.code})` : '';
    throw httpError(`PlanetScale API ${route}`, answer.status, `${message}${code}`);
  }
  return readRecord(answer.body, '');
}

export interface PlanetScaleBranch {
  name: string;
  production: boolean;
  region: { slug: string; name?: string };
}

export function decodeBranch(body: RecordReader): PlanetScaleBranch {
  const region = body.required(
    'region',
    expectRecord((r) => {
      const name = optional(r, 'display_name', TEXT);
      return { slug: r.required('slug', NAME), ...(name ? { name } : {}) };
    }),
  );
  return { name: body.required('name', NAME), production: optional(body, 'production', FLAG) ?? false, region };
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

const readSize = (r: RecordReader, prefix = ''): string | undefined => {
  const display = optional(r, `${prefix}cluster_display_name`, NAME);
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

const readShardRollout = expectRecord((r): PlanetScaleShardRollout => {
  const rollout: PlanetScaleShardRollout = { name: r.required('name', NAME), state: optional(r, 'state', TEXT) ?? '' };
  const startedAt = optional(r, 'last_rollout_started_at', readTime);
  if (startedAt !== undefined) rollout.startedAt = startedAt;
  const finishedAt = optional(r, 'last_rollout_finished_at', readTime);
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
