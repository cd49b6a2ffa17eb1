/**
 * Decoding VTAdmin's HTTP answers exactly as it encodes them (Go `encoding/json` on protobuf structs): the
 * `{ok, result | error}` envelope, snake_case fields, omitted zero values, numeric enums, base64 key ranges and
 * zero-padded tablet-alias map keys. Shapes: vitessio/vitess proto/vtadmin.proto, vtctldata.proto, topodata.proto,
 * replicationdata.proto; envelope go/vt/vtadmin/http/response.go.
 */
import { DataError } from '../../model/errors.js';
import { parseShardName, sameKeyRange, shardNameOf } from '../../model/key-range.js';
import type { KeyRange, TabletScrape } from '../../model/types.js';
import {
  childPath,
  expectArrayOf,
  expectBoolean,
  expectNumber,
  expectRecord,
  expectString,
  expected,
  invalidData,
  readRecord,
  type Check,
  type RecordReader,
} from '../../model/validate.js';
import { httpError, type JsonAnswer } from '../shared/http.js';
import type { VitessTabletType } from '../shared/vitess-topology.js';

const TEXT = expectString();
const NAME = expectString({ nonEmpty: true });
const FLAG = expectBoolean();
const UINT = expectNumber({ min: 0, integer: true });
const INT = expectNumber({ integer: true });

/** topodata.TabletType by enum number. */
const TABLET_TYPES: readonly VitessTabletType[] = ['UNKNOWN', 'PRIMARY', 'REPLICA', 'RDONLY', 'SPARE', 'EXPERIMENTAL', 'BACKUP', 'RESTORE', 'DRAINED'];
/** vtadmin.Tablet.ServingState by enum number. */
const SERVING_STATES = ['UNKNOWN', 'SERVING', 'NOT_SERVING'] as const;

/** Fields of these messages are omitted when zero: read them with their zero value as default. */
export const orZero = <T>(record: RecordReader, key: string, check: Check<T>, zero: T): T => record.optional(key, check) ?? zero;

/** A protobuf map (a JSON object with string keys) read entry by entry. */
function readMap<T>(value: unknown, path: string, check: Check<T>): Map<string, T> {
  const record = readRecord(value, path);
  const map = new Map<string, T>();
  for (const key of Object.keys(value as object)) map.set(key, record.required(key, check));
  return map;
}

export const optionalMap = <T>(record: RecordReader, key: string, check: Check<T>): Map<string, T> => {
  const value = record.get(key);
  return value === undefined ? new Map() : readMap(value, childPath(record.path, key), check);
};

/** The `result` of a VTAdmin answer; its `error` (message and code) becomes the DataError's message. */
export function decodeEnvelope(answer: JsonAnswer, route: string): RecordReader {
  const body = answer.body;
  if (answer.body === undefined) throw httpError(`VTAdmin ${route}`, answer.status, answer.excerpt);
  const envelope = readRecord(body, '');
  const ok = envelope.optional('ok', FLAG) ?? false;
  if (!ok) {
    const error = envelope.optional('error', expectRecord((e) => ({ message: e.optional('message', TEXT), code: e.optional('code', TEXT) })));
    if (!error && answer.ok) throw invalidData('ok', 'expected true or an error, got neither');
    const detail = error ? `${error.message ?? 'no message'}${error.code ? ` (${error.code})` : ''}` : answer.excerpt;
    throw httpError(`VTAdmin ${route}`, answer.status === 200 ? 500 : answer.status, detail);
  }
  // `result` is omitted only when nil; an empty response message is `{}`.
  return envelope.required('result', expectRecord((r) => r));
}

/** Base64 bytes as lower-case hex (`gA==` → `80`). */
function base64ToHex(value: unknown, path: string): string {
  const text = TEXT(value, path);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw expected(path, 'base64 bytes', value);
  const binary = atob(text);
  let hex = '';
  for (let i = 0; i < binary.length; i++) hex += binary.charCodeAt(i).toString(16).padStart(2, '0');
  return hex;
}

/** topodata.KeyRange: absent = the whole key space; absent start/end = open end. */
const readKeyRange = expectRecord((r): KeyRange => ({
  start: r.optional('start', base64ToHex) ?? '',
  end: r.optional('end', base64ToHex) ?? '',
}));

/** Checks a shard's key range against its name, so a mislabelled shard is reported, not drawn wrongly. */
function checkShardRange(name: string, keyRange: KeyRange | undefined, path: string): void {
  const named = parseShardName(name, path);
  if (keyRange && !sameKeyRange(keyRange, named)) {
    throw invalidData(childPath(path, 'key_range'), `shard "${name}" has key range ${shardNameOf(keyRange)}`);
  }
}

/** `{cell, uid}` → `zone1-101` (uid 0 is omitted on the wire). */
const readAlias = expectRecord((r) => `${r.required('cell', NAME)}-${orZero(r, 'uid', UINT, 0)}`);

/** Alias map keys are `cell-%010d`; models and Prometheus labels use the unpadded `cell-uid`. */
export function unpadAlias(key: string, path = 'alias'): string {
  const match = /^(.+)-(\d+)$/.exec(key);
  if (!match) throw expected(path, 'a tablet alias such as zone1-0000000101', key);
  return `${match[1]}-${Number(match[2])}`;
}

export interface VTAdminTablet {
  cluster: string;
  alias: string;
  keyspace: string;
  shard: string;
  type: VitessTabletType;
  state: (typeof SERVING_STATES)[number];
  cell: string;
  /** Where its `/metrics` are: `hostname` and `port_map.vt` (proto/topodata.proto `Tablet`), when VTAdmin sends them. */
  scrape?: TabletScrape;
}

export const readCluster = expectRecord((r) => orZero(r, 'id', TEXT, ''));

function enumName<T extends string>(names: readonly T[], what: string): Check<T> {
  return (value, path) => {
    const index = INT(value, path);
    if (index < 0 || index >= names.length) throw expected(path, `a ${what} number 0–${names.length - 1}`, value);
    return names[index];
  };
}

const readTablet = expectRecord((r): VTAdminTablet => {
  const tablet = r.required('tablet', expectRecord((t) => t));
  const alias = tablet.required('alias', readAlias);
  const shard = orZero(tablet, 'shard', TEXT, '');
  const keyRange = tablet.optional('key_range', readKeyRange);
  if (shard) checkShardRange(shard, keyRange, childPath(tablet.path, 'shard'));
  return {
    cluster: orZero(r, 'cluster', readCluster, ''),
    alias,
    keyspace: orZero(tablet, 'keyspace', TEXT, ''),
    shard,
    type: orZero(tablet, 'type', enumName(TABLET_TYPES, 'topodata.TabletType'), 'UNKNOWN'),
    state: orZero(r, 'state', enumName(SERVING_STATES, 'vtadmin.Tablet.ServingState'), 'UNKNOWN'),
    cell: alias.slice(0, alias.lastIndexOf('-')),
    ...scrapeOf(tablet),
  };
});

/**
 * vttablet serves `/metrics` on its HTTP port, `port_map["vt"]` (go/vt/vttablet/tabletmanager/tm_init.go registers
 * "vt" → --port), at `hostname` (--tablet_hostname; the vitess-operator sets it to the pod IP). Absent or empty fields
 * (omitted zero values) are left out.
 */
function scrapeOf(tablet: RecordReader): { scrape?: TabletScrape } {
  const scrape: TabletScrape = {};
  const host = orZero(tablet, 'hostname', TEXT, '');
  if (host) scrape.host = host;
  const ports = tablet.optional('port_map', (value, path) => readMap(value, path, INT));
  const vt = ports?.get('vt');
  if (vt !== undefined && vt > 0 && vt <= 65_535) scrape.port = vt;
  return scrape.host || scrape.port ? { scrape } : {};
}

export function decodeTablets(result: RecordReader): VTAdminTablet[] {
  return orZero(result, 'tablets', expectArrayOf(readTablet), []);
}

export interface VTAdminGate {
  cluster: string;
  hostname: string;
  cell: string;
  pool: string;
  keyspaces: string[];
}

const readGate = expectRecord((r): VTAdminGate => ({
  cluster: orZero(r, 'cluster', readCluster, ''),
  hostname: orZero(r, 'hostname', TEXT, ''),
  cell: orZero(r, 'cell', TEXT, ''),
  pool: orZero(r, 'pool', TEXT, ''),
  keyspaces: orZero(r, 'keyspaces', expectArrayOf(TEXT), []),
}));

export function decodeGates(result: RecordReader): VTAdminGate[] {
  return orZero(result, 'gates', expectArrayOf(readGate), []);
}

export interface VTAdminShard {
  name: string;
  primaryServing: boolean;
  /** Epoch ms the current primary's term began, when known. */
  primaryTermStart?: number;
  primaryAlias?: string;
}

export interface VTAdminKeyspace {
  cluster: string;
  name: string;
  shards: VTAdminShard[];
}

/** vttime.Time → epoch ms. */
const readTime = expectRecord((r) => orZero(r, 'seconds', INT, 0) * 1000 + Math.floor(orZero(r, 'nanoseconds', INT, 0) / 1e6));

const readKeyspace = expectRecord((r): VTAdminKeyspace => {
  const name = r.required('keyspace', expectRecord((k) => k.required('name', NAME)));
  const shards = [...optionalMap(r, 'shards', expectRecord((s) => s)).entries()].map(([key, shard]): VTAdminShard => {
    const topo = shard.optional('shard', expectRecord((t) => t));
    const keyRange = topo?.optional('key_range', readKeyRange);
    checkShardRange(key, keyRange, shard.path);
    // Vitess before v12 named these master_* (topodata.proto; vitessio/website design-docs/vreplication/cutover.md shows
    // `master_alias`, `master_term_start_time`, `is_master_serving` shard records; web/vtadmin src/util/keyspaces.test.ts
    // of 2021 reads `is_master_serving`): the same field numbers, so the same meaning under the old JSON names.
    const either = <T>(check: Check<T>, name: string): T | undefined => topo?.optional(name, check) ?? topo?.optional(name.replace('primary', 'master'), check);
    const model: VTAdminShard = { name: key, primaryServing: either(FLAG, 'is_primary_serving') ?? false };
    const start = either(readTime, 'primary_term_start_time');
    if (start !== undefined) model.primaryTermStart = start;
    const primary = either(readAlias, 'primary_alias');
    if (primary !== undefined) model.primaryAlias = primary;
    return model;
  });
  return { cluster: orZero(r, 'cluster', readCluster, ''), name, shards };
});

export function decodeKeyspaces(result: RecordReader): VTAdminKeyspace[] {
  return orZero(result, 'keyspaces', expectArrayOf(readKeyspace), []);
}

/** Replication lag by unpadded alias: seconds, or `null` when VTAdmin says it is unknown. Lag 0 is an omitted field. */
export function decodeReplicationLag(result: RecordReader, keyspace: string): Map<string, number | null> {
  const lag = new Map<string, number | null>();
  const positions = orZero(result, 'replication_positions', expectArrayOf(expectRecord((p) => p)), []);
  for (const position of positions) {
    if (orZero(position, 'keyspace', TEXT, '') !== keyspace) continue;
    const info = position.optional('position_info', expectRecord((i) => i));
    if (!info) continue;
    const statuses = optionalMap(info, 'replication_statuses', expectRecord((s) => s));
    for (const [key, status] of statuses) {
      const unknown = orZero(status, 'replication_lag_unknown', FLAG, false);
      lag.set(unpadAlias(key, childPath(childPath(info.path, 'replication_statuses'), key)), unknown ? null : orZero(status, 'replication_lag_seconds', UINT, 0));
    }
  }
  return lag;
}

/** `/api/clusters` (vtadmin.GetClustersResponse: `clusters: [{id, name}]`) → the cluster ids. */
export function decodeClusters(result: RecordReader): string[] {
  return orZero(result, 'clusters', expectArrayOf(readCluster), []);
}

/** A VTAdmin decoding error, said to come from VTAdmin's answer to `route`. */
export function fromVTAdmin<T>(route: string, decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof DataError && error.kind === 'invalid-data') {
      throw new DataError('invalid-data', `VTAdmin ${route} sent an answer this provider cannot read: ${error.message}`, { path: error.path, cause: error });
    }
    throw error;
  }
}
