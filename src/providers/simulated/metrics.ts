/**
 * Pure generators of simulated metric frames: each value is a function of (seed, target, metric, timestamp) only,
 * so a range asked twice, or two overlapping ranges, agree sample for sample.
 *
 * Units (chosen once for both target kinds, matching how PlanetScale shows them and words its warning levels):
 * `cpu` and `memory` are utilisation in percent of what the VTGates or the MySQL node were given;
 * `latency` and `replication_lag` are seconds; `storage` is bytes (`used` and `capacity`).
 */
import { DataError } from '../../model/errors.js';
import type { MetricFrame, MetricId, MetricSeries, TabletRole, TimeRange, Unit } from '../../model/types.js';
import { Episodes, SmoothNoise, hash3, hashString, subKey, uniform, type EpisodeShape } from './noise.js';

export const VTGATE_METRICS: readonly MetricId[] = ['connections', 'latency', 'queries', 'cpu', 'memory'];
export const TABLET_METRICS: readonly MetricId[] = [
  'reads_writes', 'queries', 'iops', 'cpu', 'memory', 'storage', 'replication_lag',
];

export const METRIC_UNITS: Readonly<Record<MetricId, Unit>> = {
  connections: 'count',
  latency: 'seconds',
  queries: 'per_second',
  cpu: 'percent',
  memory: 'percent',
  reads_writes: 'per_second',
  iops: 'iops',
  storage: 'bytes',
  replication_lag: 'seconds',
};

/** Series labels per metric, in the order frames carry them. */
export const METRIC_SERIES: Readonly<Record<MetricId, readonly string[]>> = {
  connections: ['connections'],
  latency: ['p50', 'p95', 'p99'],
  queries: ['queries'],
  cpu: ['cpu'],
  memory: ['memory'],
  reads_writes: ['reads', 'writes'],
  iops: ['read', 'write'],
  storage: ['used', 'capacity'],
  replication_lag: ['lag'],
};

/** Steps a chart reads naturally, finest first; the finest matches a typical 10 s scrape interval. */
export const STEP_CHOICES_SECONDS: readonly number[] = [10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
/** Default resolution keeps every series at or under this many points (uPlot draws 4k points in a few ms). */
export const MAX_DEFAULT_POINTS = 4000;
/** Refuse frames so large they would stall a page; 7 days at 10 s (60 480 points) is well inside. */
export const MAX_POINTS = 500_000;

const DAY = 86_400;

/** Everything about a target that shapes its metrics; the provider derives it from the topology. */
export interface SimulatedTarget {
  /** Identity hash of the target (database, branch, keyspace, shard, tablet). */
  key: number;
  kind: 'vtgates' | 'tablet';
  /** For tablets. */
  role?: TabletRole;
  /** Number of VTGates behind a `vtgates` target. */
  vtgateCount: number;
  /** Share of the cluster's queries that reach this target's shard (1 for VTGates). */
  shardShare: number;
  /** Share of its shard's reads this tablet serves. */
  readShare: number;
  /** Extra replication delay of a replica in another region, seconds (0 in the primary region). */
  crossRegionLagSeconds: number;
  capacityBytes: number;
  /** Epoch seconds at which storage sits at its base level; it grows steadily around it. */
  storageAnchor: number;
  /** Epoch seconds of failovers and resizes that disturb this target (latency, lag, CPU blips). */
  events: readonly number[];
}

/** The step for a range: `stepSeconds` when given, else the finest nice step that keeps ≤ 4k points. */
export function chooseStepSeconds(range: TimeRange, stepSeconds?: number): number {
  if (stepSeconds !== undefined) {
    if (!Number.isFinite(stepSeconds) || stepSeconds <= 0) {
      throw new DataError('invalid-data', `stepSeconds must be a positive number of seconds, got ${stepSeconds}.`, {
        path: 'stepSeconds',
      });
    }
    return stepSeconds;
  }
  const seconds = (range.to - range.from) / 1000;
  for (const step of STEP_CHOICES_SECONDS) if (seconds / step <= MAX_DEFAULT_POINTS) return step;
  return Math.ceil(seconds / MAX_DEFAULT_POINTS / 3600) * 3600;
}

/** Multiples of `step` (epoch seconds) inside the range, so overlapping ranges share their timestamps exactly. */
export function alignedTimestamps(range: TimeRange, step: number): Float64Array {
  if (!Number.isFinite(range.from) || !Number.isFinite(range.to) || range.from >= range.to) {
    throw new DataError('invalid-data', `A time range needs finite from < to (epoch ms), got ${range.from}…${range.to}.`, {
      path: 'range',
    });
  }
  const first = Math.ceil(range.from / 1000 / step);
  const last = Math.floor(range.to / 1000 / step);
  const count = Math.max(0, last - first + 1);
  if (count > MAX_POINTS) {
    throw new DataError('invalid-data', `That range at a ${step} s step is ${count} points; at most ${MAX_POINTS} are served.`, {
      path: 'stepSeconds',
    });
  }
  const timestamps = new Float64Array(count);
  for (let i = 0; i < count; i++) timestamps[i] = (first + i) * step;
  return timestamps;
}

const BURSTS: EpisodeShape = {
  bucketSeconds: 3600, chance: 0.16, latestStart: 2600, minLength: 300, maxLength: 900, minAmplitude: 0.3, maxAmplitude: 1,
};
const LAG_SPIKES: EpisodeShape = {
  bucketSeconds: 7200, chance: 0.085, latestStart: 5400, minLength: 1800, maxLength: 1800, minAmplitude: 10, maxAmplitude: 40,
};

/**
 * Cluster-wide demand around 1: afternoon peak (UTC), quieter weekends, drift, jitter, and a burst of 30–100 %
 * lasting 5–15 minutes in about one hour out of six. Walk it forward in time for speed.
 */
class Demand {
  private readonly drift: SmoothNoise;
  private readonly wobble: SmoothNoise;
  private readonly jitter: SmoothNoise;
  private readonly bursts: Episodes;

  constructor(seed: number) {
    this.drift = new SmoothNoise(seed, 11, 900);
    this.wobble = new SmoothNoise(seed, 12, 60);
    this.jitter = new SmoothNoise(seed, 13, 10);
    this.bursts = new Episodes(seed, 14, BURSTS);
  }

  at(t: number): number {
    const diurnal = 1 + 0.38 * Math.cos((2 * Math.PI * (t - 15 * 3600)) / DAY);
    const weekday = (Math.floor(t / DAY) + 4) % 7; // 1970-01-01 was a Thursday
    const weekly = weekday === 0 || weekday === 6 ? 0.82 : 1;
    const drift = 1 + 0.07 * this.drift.at(t) + 0.035 * this.wobble.at(t) + 0.02 * this.jitter.at(t);
    let burst = 0;
    const bursts = this.bursts;
    if (bursts.locate(t)) {
      const x = (t - bursts.start) / bursts.length;
      if (x > 0 && x < 1) burst = bursts.amplitude * Math.sin(Math.PI * x);
    }
    return diurnal * weekly * drift * (1 + burst);
  }
}

/** Cluster demand at one instant (around 1). */
export function demandAt(seed: number, t: number): number {
  return new Demand(seed).at(t);
}

/**
 * Replica lag: a fraction of a second in the primary region, more at peak load; plus, across regions, a base delay
 * and slow waves of up to a few seconds; plus, about once a day per replica, a spike to 10–40 s that drains in minutes.
 */
class ReplicationLag {
  private readonly crossRegion: number;
  private readonly wave: SmoothNoise;
  private readonly flutter: SmoothNoise;
  private readonly remoteWave: SmoothNoise;
  private readonly remoteFlutter: SmoothNoise;
  private readonly spikes: Episodes;

  constructor(seed: number, target: SimulatedTarget) {
    const key = target.key;
    this.crossRegion = target.crossRegionLagSeconds;
    this.wave = new SmoothNoise(seed, subKey(key, 2), 300);
    this.flutter = new SmoothNoise(seed, subKey(key, 3), 20);
    this.remoteWave = new SmoothNoise(seed, subKey(key, 4), 1200);
    this.remoteFlutter = new SmoothNoise(seed, subKey(key, 5), 40);
    this.spikes = new Episodes(seed, subKey(key, 6), LAG_SPIKES);
  }

  at(t: number, load: number, blip: number): number {
    let lag = 0.04 + 0.22 * load * load * (0.55 + 0.45 * this.wave.at(t)) + 0.18 * Math.max(0, this.flutter.at(t));
    if (this.crossRegion > 0) {
      const wave = Math.max(0, this.remoteWave.at(t));
      lag += this.crossRegion * (1 + 0.25 * this.remoteFlutter.at(t)) + 2.2 * wave * wave * load;
    }
    const spikes = this.spikes;
    if (spikes.locate(t)) {
      const d = t - spikes.start;
      if (d >= 0 && d < spikes.length) lag += d < 90 ? (spikes.amplitude * d) / 90 : spikes.amplitude * Math.exp(-(d - 90) / 200);
    }
    return lag + 4 * blip;
  }
}

/** A disturbance around each event: a short rise just before (detection) and a decay over ~10 minutes. */
function eventBlipAt(events: readonly number[], t: number): number {
  let blip = 0;
  for (const at of events) {
    const d = t - at;
    if (d >= -30 && d < 0) blip += 1 + d / 30;
    else if (d >= 0 && d < 900) blip += Math.exp(-d / 150);
  }
  return blip;
}

/** Each target misses one scrape window of 2–6 minutes per day; samples in it are gaps (NaN). */
export function isScrapeGap(seed: number, targetKey: number, t: number): boolean {
  const [start, end] = scrapeGapOfDay(seed, targetKey, Math.floor(t / DAY));
  return t >= start && t < end;
}

/** The gap window [start, end) in epoch seconds of one day (days since the epoch). */
function scrapeGapOfDay(seed: number, targetKey: number, day: number): [number, number] {
  const key = subKey(targetKey, 1);
  const start = day * DAY + Math.floor(uniform(seed, key, day) * (DAY - 600));
  return [start, start + 120 + Math.floor(uniform(seed, key + 1, day) * 240)];
}

/** Replica lag in seconds at `t`; the topology shows the same value the chart draws at that instant. */
export function replicationLagAt(seed: number, target: SimulatedTarget, t: number, load = demandAt(seed, t)): number {
  return new ReplicationLag(seed, target).at(t, load, eventBlipAt(target.events, t));
}

/** Peak cluster queries per second for a seed (0.6–1.4 × 2 500), so two seeds look like two different apps. */
export function peakQps(seed: number): number {
  return 2500 * (0.6 + 0.8 * uniform(seed, 21, 0));
}

/** One metric of one target over a range: timestamps aligned to the step, one Float64Array per series. */
export function simulateFrame(
  seed: number,
  target: SimulatedTarget,
  metric: MetricId,
  range: TimeRange,
  stepSeconds?: number,
): MetricFrame {
  const allowed = target.kind === 'vtgates' ? VTGATE_METRICS : TABLET_METRICS;
  if (!allowed.includes(metric)) {
    const what = target.kind === 'vtgates' ? 'VTGates' : 'a MySQL node';
    throw new DataError('not-found', `Metric "${metric}" is not available for ${what}; available: ${allowed.join(', ')}.`, {
      path: 'metric',
    });
  }
  if (metric === 'replication_lag' && target.role === 'primary') {
    throw new DataError('not-found', 'Replication lag exists only for replicas: this tablet is the primary.', {
      path: 'metric',
    });
  }
  const timestamps = alignedTimestamps(range, chooseStepSeconds(range, stepSeconds));
  const n = timestamps.length;
  const labels = METRIC_SERIES[metric];
  const series: MetricSeries[] = labels.map((label) => ({ label, values: new Float64Array(n) }));
  const out = series.map((s) => s.values);

  const key = target.key;
  const qps = peakQps(seed) * target.shardShare;
  const isPrimary = target.role === 'primary';
  const writeRatio = 0.18 + 0.1 * uniform(seed, 22, 0);
  // One noise track per role, walked forward with the timestamps (see SmoothNoise).
  const demand = new Demand(seed);
  const ownLoad = new SmoothNoise(seed, subKey(key, 7), 120);
  const ownJitter = new SmoothNoise(seed, subKey(key, 8), 10);
  const tail = new SmoothNoise(seed, subKey(key, 9), 60);
  const farTail = new SmoothNoise(seed, subKey(key, 10), 30);
  const writeJitter = new SmoothNoise(seed, subKey(key, 11), 10);
  const hourly = new SmoothNoise(seed, subKey(key, 13), 3600);
  const halfHourly = new SmoothNoise(seed, subKey(key, 16), 1800);
  const lag = metric === 'replication_lag' ? new ReplicationLag(seed, target) : undefined;
  let gapDay = Number.NaN;
  let gap: [number, number] = [0, 0];

  for (let i = 0; i < n; i++) {
    const t = timestamps[i];
    const day = Math.floor(t / DAY);
    if (day !== gapDay) {
      gapDay = day;
      gap = scrapeGapOfDay(seed, key, day);
    }
    if (t >= gap[0] && t < gap[1]) {
      for (const values of out) values[i] = Number.NaN;
      continue;
    }
    const clusterLoad = demand.at(t);
    const load = clusterLoad * (1 + 0.05 * ownLoad.at(t));
    const blip = target.events.length === 0 ? 0 : eventBlipAt(target.events, t);
    const jitter = ownJitter.at(t);
    switch (metric) {
      case 'connections':
        out[0][i] = Math.round(target.vtgateCount * 150 * (0.55 + 0.45 * load) * (1 + 0.04 * jitter) * (1 + 0.5 * blip));
        break;
      case 'latency': {
        const p50 = 0.0016 * (0.8 + 0.35 * load) * (1 + 0.12 * jitter) * (1 + 3 * blip);
        const p95 = p50 * (3 + 0.6 * load + 0.4 * tail.at(t));
        out[0][i] = p50;
        out[1][i] = p95;
        out[2][i] = p95 * (2.2 + 0.8 * Math.max(0, farTail.at(t))) * (1 + 2 * blip);
        break;
      }
      case 'queries': {
        const total = qps * load * (1 + 0.03 * jitter) * (1 - 0.4 * Math.min(1, blip));
        out[0][i] = target.kind === 'vtgates'
          ? total
          : total * (isPrimary ? writeRatio + (1 - writeRatio) * target.readShare : (1 - writeRatio) * target.readShare);
        break;
      }
      case 'reads_writes': {
        const total = qps * load * (1 - 0.4 * Math.min(1, blip));
        out[0][i] = total * (1 - writeRatio) * target.readShare * (1 + 0.04 * jitter);
        // Replicas apply the primary's writes through replication, so they show about the same write rate.
        out[1][i] = total * writeRatio * (isPrimary ? 1 : 0.97) * (1 + 0.05 * writeJitter.at(t));
        break;
      }
      case 'iops': {
        const total = qps * load;
        out[0][i] = 40 + total * (1 - writeRatio) * target.readShare * 0.25 * (1 + 0.15 * jitter);
        out[1][i] = 60 + total * writeRatio * 1.6 * (1 + 0.1 * writeJitter.at(t)) * (1 + blip);
        break;
      }
      case 'cpu': {
        const base = target.kind === 'vtgates' ? 10 + 42 * load : (isPrimary ? 14 : 8) + 34 * load * (0.6 + target.readShare);
        out[0][i] = clamp(base * (1 + 0.08 * jitter) + 25 * blip, 0.5, 99.5);
        break;
      }
      case 'memory': {
        const base = target.kind === 'vtgates' ? 32 + 10 * load : 71 + 3 * load;
        out[0][i] = clamp(base + 2.5 * hourly.at(t) + 0.4 * jitter, 1, 99);
        break;
      }
      case 'storage': {
        const base = 0.32 + 0.25 * uniform(seed, key, 14);
        const growthPerDay = 0.003 + 0.004 * uniform(seed, key, 15);
        const fraction = base + (growthPerDay * (t - target.storageAnchor)) / DAY + 0.0008 * halfHourly.at(t);
        out[0][i] = target.capacityBytes * clamp(fraction, 0.02, 0.97);
        out[1][i] = target.capacityBytes;
        break;
      }
      case 'replication_lag':
        out[0][i] = lag!.at(t, clusterLoad, blip);
        break;
    }
  }
  return { metric, unit: METRIC_UNITS[metric], timestamps, series };
}

function clamp(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value;
}

/** A stable identity hash for a target path such as `db/main/db/-80/us-east-2a-100`. */
export function targetKey(seed: number, path: string): number {
  return hash3(seed, hashString(path), 0x7f4a7c15);
}
