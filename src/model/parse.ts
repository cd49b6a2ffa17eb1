/**
 * Turns untrusted input (a provider's mapped payload, a page's `.topology`) into checked model objects.
 *
 * Convention: `parseX(input, path?)` returns a fresh `X` or throws a `DataError` of kind `invalid-data`
 * whose `path` says where the input is wrong; it never throws anything else, whatever the input.
 * `tryParseX` returns `{ ok: true, value }` or `{ ok: false, error }` instead of throwing.
 * The result never shares arrays with the input, so later changes to the input do not reach the model.
 */
import { DataError } from './errors.js';
import { compareShards, readShardName, sameKeyRange, shardNameOf, sortShardsByKeyRange } from './key-range.js';
import { resizeStateOfPhase, shardStateOfPhase } from './resize.js';
import {
  METRIC_IDS,
  RESIZE_PHASES,
  RESIZE_STATES,
  SHARD_RESIZE_PHASES,
  SHARD_RESIZE_STATES,
  TABLET_ROLES,
  UNITS,
  type BranchKind,
  type ClusterShape,
  type KeyRange,
  type MetricFrame,
  type MetricSeries,
  type Region,
  type ResizeStatus,
  type Shard,
  type ShardResize,
  type Tablet,
  type TabletScrape,
  type Topology,
  type VTGateGroup,
} from './types.js';
import {
  MAX_ARRAY_LENGTH,
  assertUnique,
  childPath,
  expectArrayOf,
  expectBoolean,
  expectNullable,
  expectNumber,
  expectOneOf,
  expectRecord,
  expectString,
  expected,
  invalidData,
  readArrayItems,
  readRecord,
  readSafely,
  setIfDefined,
  type Check,
  type RecordReader,
} from './validate.js';
import { runAtOnce, runInSlices, Slices, sortInSlices } from './slices.js';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: DataError };

const BRANCH_KINDS: readonly BranchKind[] = ['production', 'development'];
const NAME = /* @__PURE__ */ expectString({ nonEmpty: true });
const OPTIONAL_TEXT = /* @__PURE__ */ expectString();
const FLAG = /* @__PURE__ */ expectBoolean();
const COUNT = /* @__PURE__ */ expectNumber({ min: 0, integer: true });
/** Epoch ms a `Date` can hold (ECMAScript time values: ±8.64e15 ms); later ones cannot be shown as a time. */
const EPOCH_MS = /* @__PURE__ */ expectNumber({ min: 0, max: 8.64e15 });
const ROLE = /* @__PURE__ */ expectOneOf(TABLET_ROLES);
const LAG_SECONDS = /* @__PURE__ */ expectNullable(/* @__PURE__ */ expectNumber({ min: 0 }));
const PERCENT = /* @__PURE__ */ expectNumber({ min: 0, max: 100 });
const HEX_BOUNDARY = /* @__PURE__ */ expectString({ matches: { pattern: /^[0-9a-fA-F]*$/, what: 'hex digits or "" (open end)' } });

const readKeyRange = /* @__PURE__ */ expectRecord((r): KeyRange => ({
  start: r.required('start', HEX_BOUNDARY),
  end: r.required('end', HEX_BOUNDARY),
}));

const readRegion = /* @__PURE__ */ expectRecord((r): Region => {
  const region: Region = { slug: r.required('slug', NAME) };
  setIfDefined(region, 'name', r.optional('name', OPTIONAL_TEXT));
  return region;
});

const PORT = /* @__PURE__ */ expectNumber({ min: 1, max: 65_535, integer: true });
/** Prometheus' label-name syntax (prometheus/prometheus model/labels: `[a-zA-Z_][a-zA-Z0-9_]*`). */
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** `{ name: value }` label matchers: names in Prometheus' syntax (`__`-prefixed names are Prometheus' own), values strings. */
const readLabelMatchers: Check<Record<string, string>> = (value, path) => {
  const record = expectRecord((r) => r)(value, path);
  const labels: Record<string, string> = {};
  for (const name of readSafely(path, () => Object.keys(value as object))) {
    if (!LABEL_NAME.test(name) || name.startsWith('__')) throw invalidData(childPath(path, name), 'expected a Prometheus label name such as "namespace"');
    labels[name] = record.required(name, OPTIONAL_TEXT);
  }
  return labels;
};

const readTabletScrape = /* @__PURE__ */ expectRecord((r): TabletScrape => {
  const scrape: TabletScrape = {};
  setIfDefined(scrape, 'host', r.optional('host', NAME));
  setIfDefined(scrape, 'port', r.optional('port', PORT));
  setIfDefined(scrape, 'pod', r.optional('pod', NAME));
  setIfDefined(scrape, 'labels', r.optional('labels', readLabelMatchers));
  return scrape;
});

const readTablet = /* @__PURE__ */ expectRecord((r): Tablet => {
  const tablet: Tablet = {
    id: r.required('id', NAME),
    role: r.required('role', ROLE),
    region: r.required('region', NAME),
    readOnlyRegion: r.required('readOnlyRegion', FLAG),
    serving: r.required('serving', FLAG),
  };
  setIfDefined(tablet, 'zone', r.optional('zone', NAME));
  const lag = r.optional('lagSeconds', LAG_SECONDS);
  if (tablet.role === 'primary') {
    if (typeof lag === 'number') throw invalidData(childPath(r.path, 'lagSeconds'), `a primary has no replication lag, got ${lag}`);
    if (tablet.readOnlyRegion) throw invalidData(childPath(r.path, 'readOnlyRegion'), 'a primary is never in a read-only region');
  }
  setIfDefined(tablet, 'lagSeconds', lag);
  setIfDefined(tablet, 'size', r.optional('size', NAME));
  setIfDefined(tablet, 'scrape', r.optional('scrape', readTabletScrape));
  return tablet;
});

const TABLETS = /* @__PURE__ */ expectArrayOf(readTablet);

const readShard = /* @__PURE__ */ expectRecord((r): Shard => {
  const name = r.required('name', NAME);
  const keyRange = readShardName(name);
  if (typeof keyRange === 'string') throw invalidData(childPath(r.path, 'name'), keyRange);
  const given = r.required('keyRange', readKeyRange);
  if (!sameKeyRange(given, keyRange)) {
    throw invalidData(childPath(r.path, 'keyRange'), `expected the range of shard ${JSON.stringify(name)}, got ${JSON.stringify(shardNameOf(given))}`);
  }
  const tablets = r.required('tablets', TABLETS);
  // No primary is valid (a failover in progress, drawn as such); two would mean the source is confused.
  let primary = -1;
  for (let i = 0; i < tablets.length; i++) {
    if (tablets[i].role !== 'primary') continue;
    if (primary >= 0) {
      throw invalidData(childPath(childPath(childPath(r.path, 'tablets'), i), 'role'), `shard ${JSON.stringify(name)} already has a primary (${tablets[primary].id})`);
    }
    primary = i;
  }
  return { name, keyRange, tablets };
});

const SHARDS = /* @__PURE__ */ expectArrayOf(readShard);
/** Shards checked between two looks at the slice's clock. */
const SHARDS_PER_LOOK = 256;
/** More than any shard's tablet index (arrays are capped at MAX_ARRAY_LENGTH items); the product stays an exact integer. */
const TABLET_SLOTS = MAX_ARRAY_LENGTH + 1;

/** Shards with unique names and unique tablet ids, sorted by key range. */
const readShards: Check<Shard[]> = (value, path) => checkedShards(SHARDS(value, path), path);

/** Shards that each passed `readShard`, checked together: unique names and tablet ids; sorted by key range. */
function checkedShards(shards: Shard[], path: string): Shard[] {
  runAtOnce(checkShardsTogether(shards, path));
  return sortShardsByKeyRange(shards);
}

/** `checkedShards` in slices: the same checks (one generator), and a stable sort in slices (`sortInSlices`), so the same order. */
async function checkedShardsInSlices(shards: Shard[], path: string, slices: Slices): Promise<Shard[]> {
  await runInSlices(checkShardsTogether(shards, path), slices);
  return sortInSlices(shards, compareShards, slices);
}

/**
 * Unique shard names, then unique tablet ids, as one generator of work (it yields the shards checked since the last
 * yield) so that `checkedShards` runs it at once and `checkedShardsInSlices` in slices, with the same errors.
 */
function* checkShardsTogether(shards: Shard[], path: string): Generator<number, void> {
  const names = new Map<string, number>();
  for (let s = 0; s < shards.length; s++) {
    if (s % SHARDS_PER_LOOK === SHARDS_PER_LOOK - 1) yield SHARDS_PER_LOOK;
    const first = names.get(shards[s].name);
    if (first !== undefined) throw invalidData(childPath(childPath(path, s), 'name'), `duplicate ${JSON.stringify(shards[s].name)} (also ${childPath(path, first)})`);
    names.set(shards[s].name, s);
  }
  // Where each tablet id was first seen, as shard index × TABLET_SLOTS + tablet index: paths are built only for a duplicate.
  const tabletPath = (at: number) => childPath(childPath(childPath(path, Math.floor(at / TABLET_SLOTS)), 'tablets'), at % TABLET_SLOTS);
  const firstSeen = new Map<string, number>();
  for (let s = 0; s < shards.length; s++) {
    if (s % SHARDS_PER_LOOK === SHARDS_PER_LOOK - 1) yield SHARDS_PER_LOOK;
    const tablets = shards[s].tablets;
    for (let t = 0; t < tablets.length; t++) {
      const id = tablets[t].id;
      const at = s * TABLET_SLOTS + t;
      const first = firstSeen.get(id);
      if (first !== undefined) throw invalidData(childPath(tabletPath(at), 'id'), `duplicate ${JSON.stringify(id)} (also ${tabletPath(first)})`);
      firstSeen.set(id, at);
    }
  }
}

const readVTGates = /* @__PURE__ */ expectRecord((r): VTGateGroup => {
  const vtgates: VTGateGroup = {
    count: r.required('count', COUNT),
    zones: r.required('zones', expectArrayOf(NAME)),
    region: r.required('region', NAME),
  };
  assertUnique(vtgates.zones, (zone) => zone, childPath(r.path, 'zones'));
  setIfDefined(vtgates, 'size', r.optional('size', NAME));
  return vtgates;
});

const readClusterShape = /* @__PURE__ */ expectRecord((r): ClusterShape => ({
  size: r.required('size', NAME),
  replicas: r.required('replicas', COUNT),
}));

const readShardResize = /* @__PURE__ */ expectRecord((r): ShardResize => {
  const resize: ShardResize = {
    shard: r.required('shard', NAME),
    state: r.required('state', expectOneOf(SHARD_RESIZE_STATES)),
  };
  setIfDefined(resize, 'startedAt', r.optional('startedAt', EPOCH_MS));
  setIfDefined(resize, 'finishedAt', r.optional('finishedAt', EPOCH_MS));
  if (resize.startedAt !== undefined && resize.finishedAt !== undefined && resize.finishedAt < resize.startedAt) {
    throw invalidData(childPath(r.path, 'finishedAt'), `expected a time at or after startedAt (${resize.startedAt}), got ${resize.finishedAt}`);
  }
  const phase = r.optional('phase', expectOneOf(SHARD_RESIZE_PHASES));
  if (phase !== undefined) checkStateOfPhase(r, resize.state, phase, shardStateOfPhase(phase));
  setIfDefined(resize, 'phase', phase);
  setIfDefined(resize, 'copyPercent', r.optional('copyPercent', PERCENT));
  setIfDefined(resize, 'rowsCopied', r.optional('rowsCopied', COUNT));
  setIfDefined(resize, 'lagSeconds', r.optional('lagSeconds', LAG_SECONDS));
  setIfDefined(resize, 'updatedAt', r.optional('updatedAt', EPOCH_MS));
  setIfDefined(resize, 'message', r.optional('message', OPTIONAL_TEXT));
  return resize;
});

/** A phase and the older state must tell the same story, so elements that read only `state` show the truth. */
function checkStateOfPhase(r: RecordReader, state: string, phase: string, expectedState: string): void {
  if (state !== expectedState) {
    throw invalidData(childPath(r.path, 'state'), `expected ${JSON.stringify(expectedState)} for phase ${JSON.stringify(phase)}, got ${JSON.stringify(state)}`);
  }
}

const readResizeStatus = /* @__PURE__ */ expectRecord((r): ResizeStatus => {
  const status: ResizeStatus = {
    state: r.required('state', expectOneOf(RESIZE_STATES)),
    from: r.required('from', readClusterShape),
    to: r.required('to', readClusterShape),
    shards: r.required('shards', expectArrayOf(readShardResize)),
  };
  assertUnique(status.shards, (shard) => shard.shard, childPath(r.path, 'shards'), 'shard');
  setIfDefined(status, 'startedAt', r.optional('startedAt', EPOCH_MS));
  const phase = r.optional('phase', expectOneOf(RESIZE_PHASES));
  if (phase !== undefined) checkStateOfPhase(r, status.state, phase, resizeStateOfPhase(phase));
  setIfDefined(status, 'phase', phase);
  setIfDefined(status, 'progressPercent', r.optional('progressPercent', PERCENT));
  setIfDefined(status, 'lagSeconds', r.optional('lagSeconds', LAG_SECONDS));
  setIfDefined(status, 'updatedAt', r.optional('updatedAt', EPOCH_MS));
  setIfDefined(status, 'message', r.optional('message', OPTIONAL_TEXT));
  setIfDefined(status, 'workflow', r.optional('workflow', NAME));
  return status;
});

/** A topology's fields up to its shards, in the order they are checked (so errors come in the same order). */
function readTopologyHead(r: RecordReader): Omit<Topology, 'shards' | 'resize'> {
  const keyspace = r.required('keyspace', NAME);
  const keyspaces = r.required('keyspaces', expectArrayOf(NAME));
  const keyspacesPath = childPath(r.path, 'keyspaces');
  assertUnique(keyspaces, (name) => name, keyspacesPath);
  if (!keyspaces.includes(keyspace)) throw invalidData(keyspacesPath, `expected to include the keyspace ${JSON.stringify(keyspace)}`);
  const primaryRegion = r.required('primaryRegion', readRegion);
  const readOnlyRegions = r.required('readOnlyRegions', expectArrayOf(readRegion));
  const readOnlyPath = childPath(r.path, 'readOnlyRegions');
  assertUnique(readOnlyRegions, (region) => region.slug, readOnlyPath, 'slug');
  const primaryAgain = readOnlyRegions.findIndex((region) => region.slug === primaryRegion.slug);
  if (primaryAgain >= 0) {
    throw invalidData(childPath(childPath(readOnlyPath, primaryAgain), 'slug'), `${JSON.stringify(primaryRegion.slug)} is the primary region`);
  }
  return {
    database: r.required('database', NAME),
    branch: r.required('branch', NAME),
    branchKind: r.required('branchKind', expectOneOf(BRANCH_KINDS)),
    keyspace,
    keyspaces,
    primaryRegion,
    readOnlyRegions,
    vtgates: r.required('vtgates', readVTGates),
  };
}

const readTopology = /* @__PURE__ */ expectRecord((r): Topology => {
  const topology: Topology = { ...readTopologyHead(r), shards: r.required('shards', readShards) };
  setIfDefined(topology, 'resize', r.optional('resize', expectNullable(readResizeStatus)));
  return topology;
});

/** Typed-array kinds whose values convert exactly to float64. */
const NUMERIC_TYPED_ARRAYS = /* @__PURE__ */ new Set(['Float64Array', 'Float32Array', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array']);

type Getter = (this: unknown) => unknown;
let intrinsics: Record<'kind' | 'length' | 'buffer' | 'byteOffset', Getter> | undefined;

/**
 * The typed-array intrinsic getters: brand checks that see through subclasses and reject Proxies and look-alikes.
 * Looked up on first use: lookups at module level would stay in every bundle that imports this file (a bundler cannot
 * tell they have no effects), e.g. elements that only check a resize status.
 */
function typedArrayGetters(): NonNullable<typeof intrinsics> {
  if (!intrinsics) {
    const prototype = Object.getPrototypeOf(Float64Array.prototype) as object;
    const getter = (key: PropertyKey) => Object.getOwnPropertyDescriptor(prototype, key)!.get! as Getter;
    intrinsics = { kind: getter(Symbol.toStringTag), length: getter('length'), buffer: getter('buffer'), byteOffset: getter('byteOffset') };
  }
  return intrinsics;
}

/**
 * A plain Float64Array over the same samples as `array` (a Float64Array, maybe subclassed or with own properties, of
 * `length` samples), or undefined when its buffer is not a fixed-size ArrayBuffer of this realm (shared, resizable).
 */
function sharedView(array: Float64Array, length: number): Float64Array | undefined {
  const { buffer: bufferOf, byteOffset } = typedArrayGetters();
  const buffer = bufferOf.call(array) as ArrayBufferLike;
  if (!(buffer instanceof ArrayBuffer) || (buffer as { resizable?: boolean }).resizable) return undefined;
  return new Float64Array(buffer, byteOffset.call(array) as number, length);
}

/**
 * A column of samples as a Float64Array, from a typed array or an array of numbers: a fresh one, or with `share` a
 * Float64Array's own samples in a new view of its buffer (no copy; see `checkMetricFrame`).
 * With `gaps`, `null` and `NaN` mean "no sample"; ±Infinity is never a sample.
 */
function expectSamples(gaps: boolean, share = false): Check<Float64Array> {
  const what = gaps ? 'a finite number or null (a gap)' : 'a finite number';
  return (value, path) => {
    let samples: Float64Array;
    const getters = typedArrayGetters();
    const kind = readSafely(path, () => getters.kind.call(value) as string | undefined);
    if (kind !== undefined && NUMERIC_TYPED_ARRAYS.has(kind)) {
      const length = getters.length.call(value) as number;
      if (length > MAX_ARRAY_LENGTH) throw invalidData(path, `expected at most ${MAX_ARRAY_LENGTH} samples, got ${length}`);
      samples = (share && kind === 'Float64Array' && sharedView(value as Float64Array, length)) || new Float64Array(value as ArrayLike<number>);
    } else if (readSafely(path, () => Array.isArray(value))) {
      const items = readArrayItems(value, path);
      samples = new Float64Array(items.length);
      items.forEach((item, i) => {
        if (typeof item === 'number') samples[i] = item;
        else if (item === null && gaps) samples[i] = NaN;
        else throw expected(childPath(path, i), what, item);
      });
    } else {
      throw expected(path, 'a Float64Array or an array of numbers', value);
    }
    for (let i = 0; i < samples.length; i++) {
      const sample = samples[i];
      if (Number.isNaN(sample) ? !gaps : !Number.isFinite(sample)) throw expected(childPath(path, i), what, sample);
    }
    return samples;
  };
}

const readTimestamps = (share: boolean): Check<Float64Array> => (value, path) => {
  const timestamps = expectSamples(false, share)(value, path);
  for (let i = 0; i < timestamps.length; i++) {
    if (timestamps[i] < 0) throw expected(childPath(path, i), 'epoch seconds ≥ 0', timestamps[i]);
    if (i > 0 && timestamps[i] <= timestamps[i - 1]) {
      throw expected(childPath(path, i), `a time after ${childPath(path, i - 1)} (${timestamps[i - 1]})`, timestamps[i]);
    }
  }
  return timestamps;
};

const readSeries = (share: boolean) => expectRecord((r): MetricSeries => ({
  label: r.required('label', OPTIONAL_TEXT),
  values: r.required('values', expectSamples(true, share)),
}));

const readMetricFrame = (share: boolean) => expectRecord((r): MetricFrame => {
  const frame: MetricFrame = {
    metric: r.required('metric', expectOneOf(METRIC_IDS)),
    unit: r.required('unit', expectOneOf(UNITS)),
    timestamps: r.required('timestamps', readTimestamps(share)),
    series: r.required('series', expectArrayOf(readSeries(share))),
  };
  setIfDefined(frame, 'newestIsCurrent', r.optional('newestIsCurrent', FLAG));
  frame.series.forEach((series, i) => {
    if (series.values.length !== frame.timestamps.length) {
      const path = childPath(childPath(childPath(r.path, 'series'), i), 'values');
      throw invalidData(path, `expected ${frame.timestamps.length} values (one per timestamp), got ${series.values.length}`);
    }
  });
  return frame;
});

/** A parser that throws only DataErrors, even when reading the input itself throws. */
function parser<T>(check: Check<T>): (input: unknown, path?: string) => T {
  return (input, path = '') => readSafely(path, () => check(input, path));
}

function tryParser<T>(parse: (input: unknown, path?: string) => T): (input: unknown, path?: string) => ParseResult<T> {
  return (input, path) => {
    try {
      return { ok: true, value: parse(input, path) };
    } catch (error) {
      return { ok: false, error: error as DataError };
    }
  };
}

/** A checked `Topology`, shards sorted by key range; throws an `invalid-data` DataError. */
export const parseTopology = /* @__PURE__ */ parser(readTopology);

/**
 * `parseTopology` in slices, for a topology of thousands of shards (16 384 shards are tens of milliseconds of checks):
 * the same result and the same errors, in the same order, with the page given a turn between slices.
 */
export async function parseTopologyInSlices(input: unknown, path = '', slices = new Slices()): Promise<Topology> {
  const r = readSafely(path, () => readRecord(input, path));
  const head = readSafely(path, () => readTopologyHead(r));
  const shardsPath = childPath(r.path, 'shards');
  const topology: Topology = { ...head, shards: await parseShardsInSlices(r.get('shards'), shardsPath, slices) };
  setIfDefined(topology, 'resize', readSafely(path, () => r.optional('resize', expectNullable(readResizeStatus))));
  return topology;
}

/** `parseShards` in slices: the same result and errors, with the page given a turn between slices. */
export async function parseShardsInSlices(input: unknown, path = 'shards', slices = new Slices()): Promise<Shard[]> {
  const items = readSafely(path, () => readArrayItems(input, path));
  const shards = new Array<Shard>(items.length);
  for (let i = 0; i < items.length; i++) {
    if (i % SHARDS_PER_LOOK === SHARDS_PER_LOOK - 1 && slices.due(SHARDS_PER_LOOK)) await slices.pause();
    shards[i] = readSafely(path, () => readShard(items[i], childPath(path, i)));
  }
  return checkedShardsInSlices(shards, path, slices);
}
/** A checked list of shards (unique names and tablet ids), sorted by key range; throws an `invalid-data` DataError. */
export const parseShards: (input: unknown, path?: string) => Shard[] = (input, path = 'shards') => parser(readShards)(input, path);
/** A checked `MetricFrame` with fresh Float64Arrays; throws an `invalid-data` DataError. */
export const parseMetricFrame = /* @__PURE__ */ parser(/* @__PURE__ */ readMetricFrame(false));
/**
 * `parseMetricFrame` for what a card is handed (a provider's answer, `.frames`), which it keeps: Float64Array columns
 * are checked where they are and kept as new views of the same memory rather than copied, so a week of samples that
 * its source also holds (a provider's cache, the page's own data) is not there twice, and the frames of one answer
 * set sharing a timestamp column still share it (a copy per frame was 7 × 0.46 MB for a 7-day card). The views are
 * plain Float64Arrays whatever the input's class or own properties; a buffer that can change size or be written by
 * another thread (resizable, shared) is copied.
 */
export const checkMetricFrame = /* @__PURE__ */ parser(/* @__PURE__ */ readMetricFrame(true));
/** A checked `ResizeStatus`; throws an `invalid-data` DataError. */
export const parseResizeStatus = /* @__PURE__ */ parser(readResizeStatus);
/** A checked `TabletScrape` (a fresh object, label names in Prometheus' syntax); throws an `invalid-data` DataError. */
export const parseTabletScrape = /* @__PURE__ */ parser(readTabletScrape);

export const tryParseTopology = /* @__PURE__ */ tryParser(parseTopology);
export const tryParseMetricFrame = /* @__PURE__ */ tryParser(parseMetricFrame);
export const tryParseResizeStatus = /* @__PURE__ */ tryParser(parseResizeStatus);
