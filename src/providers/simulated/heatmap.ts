/**
 * The simulated keyspace heatmap: per-shard traffic, errors, lag and CPU with the skew real keyspaces have — uneven
 * shards, a few hot ones, the daily cycle, a hot spot that starts at a known time, and a reshard that changed the grid
 * (half as many shards before it) — deterministic for a seed and a clock, and built in slices so a 1 024-shard week
 * never blocks the page.
 */
import { throwIfAborted } from '../../model/errors.js';
import { HEATMAP_UNITS, heatmapStepSeconds, type HeatmapMetric, type HeatmapShard, type KeyspaceHeatmap } from '../../model/heatmap.js';
import { evenKeyRanges, parseShardName } from '../../model/key-range.js';
import { runSliced, type Sliced } from '../../model/sliced.js';
import type { TimeRange } from '../../model/types.js';
import { alignedTimestamps, demandAt } from './metrics.js';
import { hashString, uniform } from './noise.js';

const HOUR = 3_600;

/** When the simulated history happened, relative to the provider's creation (its `origin`, epoch ms). */
export interface HeatmapHistory {
  /** Epoch seconds of the reshard's cut-over: before it the keyspace had half the shards (none when it has an odd count). */
  reshardAt: number;
  /** Epoch seconds at which the hot spot starts. */
  hotSpotAt: number;
  /** Index (in the current shards) of the shard the hot spot hits; its key-range neighbours warm up too. */
  hotSpotShard: number;
}

/** The reshard was 30 hours before the provider was made, the hot spot started 2 h 15 min before. */
export function heatmapHistory(seed: number, origin: number, shardCount: number): HeatmapHistory {
  const originSeconds = Math.floor(origin / 1000);
  return {
    reshardAt: Math.floor((originSeconds - 30 * HOUR) / HOUR) * HOUR,
    hotSpotAt: Math.floor((originSeconds - 2.25 * HOUR) / 300) * 300,
    // Somewhere past the middle of the key space, never the first or last shard (so it has two neighbours).
    hotSpotShard: shardCount < 3 ? shardCount - 1 : 1 + Math.floor((0.55 + 0.3 * uniform(seed, 0x407, shardCount)) * (shardCount - 2)),
  };
}

/**
 * The heatmap of a keyspace whose shards are now `shardNames` (in key-range order), over `range`.
 * Values of one shard at one step depend only on (seed, keyspace, shard, metric, time): overlapping ranges agree.
 */
export async function simulateHeatmap(
  input: { seed: number; keyspace: string; shardNames: readonly string[]; history: HeatmapHistory; peakQps: number },
  metric: HeatmapMetric,
  range: TimeRange,
  stepSeconds: number | undefined,
  signal: AbortSignal | undefined,
): Promise<KeyspaceHeatmap> {
  const step = heatmapStepSeconds(range, stepSeconds);
  const timestamps = alignedTimestamps(range, step);
  const columns = timestamps.length;
  const { seed, keyspace, shardNames, history } = input;
  const targets = shardNames.length;
  // Before the cut-over, every two neighbouring shards were one (evenKeyRanges(n/2) boundaries are every other one of n's).
  const resharded = targets >= 2 && targets % 2 === 0 && timestamps[0] < history.reshardAt;
  const sources = resharded ? evenKeyRanges(targets / 2) : [];
  const cut = resharded ? lowerIndex(timestamps, history.reshardAt) : 0;
  const shards: HeatmapShard[] = [];
  // Rows in key-range order (compareKeyRanges: start, then end), so parseKeyspaceHeatmap need not copy the values into
  // that order: a source shard sits between the two targets it split into (same start as the first, which ends sooner).
  const rowsOfTarget = new Int32Array(targets);
  const rowOfSource = new Int32Array(sources.length);
  for (let i = 0; i < targets; i++) {
    rowsOfTarget[i] = shards.length;
    shards.push({ name: shardNames[i], keyRange: parseShardName(shardNames[i]) });
    if (resharded && i % 2 === 0) {
      rowOfSource[i / 2] = shards.length;
      shards.push({ name: sources[i / 2], keyRange: parseShardName(sources[i / 2]) });
    }
  }
  const values = new Float32Array(shards.length * columns).fill(NaN);

  // Cluster-wide demand (daily cycle, weekends, bursts) once per column; shards scale it.
  const demand = new Float64Array(columns);
  for (let t = 0; t < columns; t++) demand[t] = demandAt(seed, timestamps[t]);
  const perShardQps = input.peakQps / Math.max(1, targets) * 1.2;
  const weights = shardWeights(seed, keyspace, shardNames, history.hotSpotShard);
  const hotFrom = lowerIndex(timestamps, history.hotSpotAt);
  const rowValues = new Float64Array(columns);

  function* fill(): Sliced<void> {
    for (let i = 0; i < targets; i++) {
      if (i > 0) yield;
      const key = hashString(`${keyspace}/${shardNames[i]}/${metric}`);
      const hot = hotSpotFactor(i, history.hotSpotShard);
      for (let t = 0; t < columns; t++) {
        const spot = t >= hotFrom ? 1 + hot * Math.min(1, (timestamps[t] - history.hotSpotAt) / 600) : 1;
        const load = demand[t] * weights[i] * spot * (0.9 + 0.2 * uniform(seed, key, Math.floor(timestamps[t] / step)));
        rowValues[t] = metricValue(metric, load * perShardQps, load * spot, seed, key, timestamps[t]);
      }
      // After the cut-over the targets serve; before it their source does, carrying both halves' traffic.
      const target = rowsOfTarget[i] * columns;
      for (let t = cut; t < columns; t++) values[target + t] = rowValues[t];
      if (resharded) {
        const source = rowOfSource[i >> 1] * columns;
        for (let t = 0; t < cut; t++) {
          const merged = values[source + t];
          values[source + t] = Number.isNaN(merged) ? rowValues[t] : combine(metric, merged, rowValues[t]);
        }
      }
    }
  }
  // A shard per piece, a few milliseconds per task: a 1 024-shard week is ~100 ms of work, and the page stays responsive.
  throwIfAborted(signal);
  await runSliced(fill(), () => signal?.aborted === true);
  throwIfAborted(signal);
  return { metric, unit: HEATMAP_UNITS[metric], timestamps, shards, values };
}

/** The two halves of a source shard: traffic adds up, lag and CPU are the worse of the two. */
function combine(metric: HeatmapMetric, a: number, b: number): number {
  return metric === 'replication_lag' || metric === 'cpu' ? Math.max(a, b) : a + b;
}

/** One cell: `qps` is the shard's queries per second, `pressure` its load relative to an average shard at peak. */
function metricValue(metric: HeatmapMetric, qps: number, pressure: number, seed: number, key: number, t: number): number {
  switch (metric) {
    case 'queries':
      return qps;
    case 'reads':
      return qps * 0.78;
    case 'writes':
      return qps * 0.22;
    case 'errors': {
      // A background of failed calls, many more where a shard is pushed beyond its capacity.
      const overload = Math.max(0, pressure - 2.5);
      return qps * (0.0004 + 0.002 * uniform(seed, key ^ 0xe7, Math.floor(t / 900)) + 0.01 * overload);
    }
    case 'replication_lag':
      return 0.05 + 0.25 * pressure * pressure * (0.6 + 0.4 * uniform(seed, key ^ 0x1a9, Math.floor(t / 300)));
    case 'cpu':
      return Math.min(98, 9 + 22 * pressure * (0.9 + 0.2 * uniform(seed, key ^ 0xc9, Math.floor(t / 300))));
  }
}

/**
 * Relative traffic of each current shard: log-normal spread (hash-sharded keys are never perfectly even), three hot
 * shards at 3–6× (hot tenants), never the hot-spot shard, so the incident stands out from the steady skew.
 */
function shardWeights(seed: number, keyspace: string, shardNames: readonly string[], hotSpotShard: number): Float64Array {
  const weights = new Float64Array(shardNames.length);
  for (let i = 0; i < shardNames.length; i++) {
    const key = hashString(`${keyspace}/${shardNames[i]}`);
    const gaussian = (uniform(seed, key, 1) + uniform(seed, key, 2) + uniform(seed, key, 3) - 1.5) * 2;
    weights[i] = Math.exp(0.35 * gaussian);
  }
  if (shardNames.length >= 8) {
    for (let k = 0; k < 3; k++) {
      let index = Math.floor(uniform(seed, 0x407 + k, shardNames.length) * shardNames.length);
      if (Math.abs(index - hotSpotShard) <= 1) index = (index + 3) % shardNames.length;
      weights[index] *= 3 + k * 1.5;
    }
  }
  return weights;
}

/** How much the hot spot adds to shard `i`: ×10 on its shard, ×2.5 on the neighbours (a hot key range spills over). */
function hotSpotFactor(i: number, hotSpotShard: number): number {
  const distance = Math.abs(i - hotSpotShard);
  return distance === 0 ? 9 : distance === 1 ? 1.5 : 0;
}

/** First index whose timestamp is at or after `t`. */
function lowerIndex(timestamps: Float64Array, t: number): number {
  let lo = 0;
  let hi = timestamps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (timestamps[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
