/** The keyspace heatmap's data: per-shard values of one metric over time, in one columnar answer, and its validation. */
import type { KeyRange, KeyspaceRef, TimeRange, Unit } from './types.js';
import { compareKeyRanges, readShardName } from './key-range.js';
import { DataError } from './errors.js';
import { describeValue, invalidData } from './invalid-data.js';
import { runSliced, runToEnd, type Sliced } from './sliced.js';

/**
 * What a heatmap can show per shard. `queries`, `reads`, `writes` and `errors` are rates (per second) and add up
 * across shards; `replication_lag` (the worst replica of the shard, seconds) and `cpu` (the primary's, percent) do not.
 */
export type HeatmapMetric = 'queries' | 'reads' | 'writes' | 'errors' | 'replication_lag' | 'cpu';
export const HEATMAP_METRICS: readonly HeatmapMetric[] = ['queries', 'reads', 'writes', 'errors', 'replication_lag', 'cpu'];

/** Units of each heatmap metric, the same for every provider. */
export const HEATMAP_UNITS: Readonly<Record<HeatmapMetric, Unit>> = {
  queries: 'per_second',
  reads: 'per_second',
  writes: 'per_second',
  errors: 'per_second',
  replication_lag: 'seconds',
  cpu: 'percent',
};

/** Metrics whose values add up across shards, so "the top 1 % of shards take 38 %" means something. */
export function isAdditiveHeatmapMetric(metric: HeatmapMetric): boolean {
  return HEATMAP_UNITS[metric] === 'per_second';
}

export interface KeyspaceHeatmapQuery {
  keyspace: KeyspaceRef;
  metric: HeatmapMetric;
  range: TimeRange;
  /** Resolution wished for; providers pick one from the range when absent. */
  stepSeconds?: number;
}

/** One row source of the heatmap: a shard that served some of the window. */
export interface HeatmapShard {
  name: string;
  keyRange: KeyRange;
}

/**
 * Per-shard values over time for one keyspace and one metric: `values[s * timestamps.length + t]` is shard `s` at
 * `timestamps[t]`; `NaN` means no sample (the shard did not exist yet or any more — a reshard's source shards end
 * where its targets begin — or a gap in the data).
 */
export interface KeyspaceHeatmap {
  metric: HeatmapMetric;
  unit: Unit;
  /** Epoch seconds, ascending, evenly spaced by the step. */
  timestamps: Float64Array;
  shards: HeatmapShard[];
  /** Shard-major, `shards.length × timestamps.length` values, ≥ 0 or NaN. */
  values: Float32Array;
  /** Non-fatal problems the source reported, shown near the picture. */
  warnings?: string[];
}

/** Steps a heatmap column reads naturally, finest first. */
const HEATMAP_STEPS_SECONDS: readonly number[] = [15, 30, 60, 120, 300, 600, 900, 1800, 3600];
/** A default step keeps at most this many columns: a week at 10 min is 1 008, six hours at 15 s is 1 440. */
export const MAX_HEATMAP_COLUMNS = 1_500;

/** The step of a heatmap of `range`: `stepSeconds` when given, else the finest nice one within 1 500 columns. */
export function heatmapStepSeconds(range: TimeRange, stepSeconds?: number): number {
  if (stepSeconds !== undefined) {
    if (!Number.isFinite(stepSeconds) || stepSeconds <= 0) {
      throw new DataError('invalid-data', `stepSeconds must be a positive number of seconds, got ${stepSeconds}.`, { path: 'stepSeconds' });
    }
    return stepSeconds;
  }
  const seconds = (range.to - range.from) / 1000;
  for (const step of HEATMAP_STEPS_SECONDS) if (seconds / step <= MAX_HEATMAP_COLUMNS) return step;
  return Math.ceil(seconds / MAX_HEATMAP_COLUMNS / 3600) * 3600;
}

/** Most cells a heatmap may hold: 1 024 shards × 7 days at 5 min is ≈ 2 M; four times that is a hostile payload, not data. */
export const MAX_HEATMAP_CELLS = 8_000_000;

/** Values checked between yields of the sliced validation (a fraction of a millisecond each). */
const VALUES_PER_PIECE = 65_536;

/**
 * Checks a heatmap from any provider (a user's own may be broken) and returns it with its shards in key-range order
 * and values rearranged to match; throws an `invalid-data` DataError naming the first problem. Already sorted data
 * (every built-in provider's) is returned as it is, not copied.
 */
export function parseKeyspaceHeatmap(input: unknown): KeyspaceHeatmap {
  return runToEnd(readKeyspaceHeatmap(input));
}

/**
 * `parseKeyspaceHeatmap` in slices of a few milliseconds (a million values take tens of them): the same result and
 * the same first error. Rejects with an `aborted` DataError when `signal` fires between slices.
 */
export async function parseKeyspaceHeatmapInSlices(input: unknown, signal?: AbortSignal): Promise<KeyspaceHeatmap> {
  const heatmap = await runSliced(readKeyspaceHeatmap(input), () => signal?.aborted === true);
  if (!heatmap) throw DataError.aborted();
  return heatmap;
}

/** The sliced validation behind both: yields between pieces of the value checks and of the key-order copy. */
export function* readKeyspaceHeatmap(input: unknown): Sliced<KeyspaceHeatmap> {
  try {
    return yield* readHeatmap(input);
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw invalidData('heatmap', 'could not be read');
  }
}

function* readHeatmap(input: unknown): Sliced<KeyspaceHeatmap> {
  if (typeof input !== 'object' || input === null) throw invalidData('heatmap', `expected an object, got ${describeValue(input)}`);
  const raw = input as Record<string, unknown>;
  const metric = raw.metric as HeatmapMetric;
  if (!HEATMAP_METRICS.includes(metric)) throw invalidData('metric', `expected ${HEATMAP_METRICS.join('|')}, got ${describeValue(raw.metric)}`);
  const unit = HEATMAP_UNITS[metric];
  if (raw.unit !== unit) throw invalidData('unit', `expected ${unit} for ${metric}, got ${describeValue(raw.unit)}`);
  const timestamps = raw.timestamps;
  if (!(timestamps instanceof Float64Array)) throw invalidData('timestamps', `expected a Float64Array, got ${describeValue(timestamps)}`);
  for (let t = 0; t < timestamps.length; t++) {
    if (!Number.isFinite(timestamps[t]) || (t > 0 && timestamps[t] <= timestamps[t - 1])) {
      throw invalidData(`timestamps[${t}]`, `expected finite epoch seconds after the previous one, got ${describeValue(timestamps[t])}`);
    }
  }
  if (!Array.isArray(raw.shards)) throw invalidData('shards', `expected an array, got ${describeValue(raw.shards)}`);
  const names = new Set<string>();
  const shards: HeatmapShard[] = raw.shards.map((shard: unknown, i) => {
    const name = (shard as { name?: unknown } | null)?.name;
    if (typeof name !== 'string') throw invalidData(`shards[${i}].name`, `expected a shard name, got ${describeValue(name)}`);
    const keyRange = readShardName(name);
    if (typeof keyRange === 'string') throw invalidData(`shards[${i}].name`, keyRange);
    if (names.has(name)) throw invalidData(`shards[${i}].name`, `shard ${JSON.stringify(name)} appears twice`);
    names.add(name);
    return { name, keyRange };
  });
  const values = raw.values;
  if (!(values instanceof Float32Array)) throw invalidData('values', `expected a Float32Array, got ${describeValue(values)}`);
  const columns = timestamps.length;
  if (shards.length * columns > MAX_HEATMAP_CELLS) {
    throw invalidData('values', `${shards.length} shards × ${columns} steps is more than ${MAX_HEATMAP_CELLS} cells; ask for a coarser step`);
  }
  if (values.length !== shards.length * columns) {
    throw invalidData('values', `expected ${shards.length} × ${columns} = ${shards.length * columns} values (shard-major), got ${values.length}`);
  }
  for (let from = 0; from < values.length; from += VALUES_PER_PIECE) {
    if (from > 0) yield;
    const to = Math.min(values.length, from + VALUES_PER_PIECE);
    for (let i = from; i < to; i++) {
      const value = values[i];
      // NaN fails both comparisons and is a gap; negatives and infinities are not data.
      if (value < 0 || value === Infinity) {
        throw invalidData(`values[${i}]`, `shard ${shards[Math.floor(i / columns)].name} at step ${i % columns}: expected a value ≥ 0 or NaN, got ${value}`);
      }
    }
  }
  const warnings = Array.isArray(raw.warnings) ? raw.warnings.filter((w): w is string => typeof w === 'string') : undefined;
  const heatmap = yield* inKeyOrder({ metric, unit, timestamps, shards, values });
  if (warnings?.length) heatmap.warnings = warnings;
  return heatmap;
}

/** The same heatmap with shards sorted by key range (then name), values moved with them; the input when already sorted. */
function* inKeyOrder(heatmap: KeyspaceHeatmap): Sliced<KeyspaceHeatmap> {
  const order = heatmap.shards.map((_, i) => i).sort((a, b) => compareShards(heatmap.shards[a], heatmap.shards[b]));
  if (order.every((from, to) => from === to)) return heatmap;
  const columns = heatmap.timestamps.length;
  const values = new Float32Array(heatmap.values.length);
  const shardsPerPiece = Math.max(1, Math.floor(VALUES_PER_PIECE / Math.max(1, columns)));
  for (let to = 0; to < order.length; to++) {
    if (to > 0 && to % shardsPerPiece === 0) yield;
    const from = order[to];
    values.set(heatmap.values.subarray(from * columns, (from + 1) * columns), to * columns);
  }
  return { ...heatmap, shards: order.map((i) => heatmap.shards[i]), values };
}

function compareShards(a: HeatmapShard, b: HeatmapShard): number {
  return compareKeyRanges(a.keyRange, b.keyRange) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Hex digits a boundary's position is read from: 13 digits are 52 bits, all a double holds exactly. */
const FRACTION_DIGITS = 13;

/**
 * Where a key-range boundary sits in the key space, from 0 (the first key) to 1 (past the last):
 * `80` → 0.5, `40` → 0.25; `''` is 0 as a start and 1 as an end.
 */
export function keyFraction(hex: string, end: boolean): number {
  if (hex === '') return end ? 1 : 0;
  const digits = hex.slice(0, FRACTION_DIGITS);
  return parseInt(digits, 16) / 16 ** digits.length;
}
