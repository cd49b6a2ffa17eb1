/** Seeded, allocation-free noise: every value is a pure function of (seed, key, position), so simulated data repeats exactly. */

/** A 32-bit avalanche hash of three integers (a murmur3-style finaliser over a simple mix). */
export function hash3(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ Math.imul(c, 0x27d4eb2f), 0x165667b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  h = Math.imul(h, 0x297a2d39);
  h ^= h >>> 15;
  return h >>> 0;
}

/** FNV-1a of a string, to turn names (tablet ids, series labels) into integer keys. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Uniform in [0, 1) for one integer position. */
export function uniform(seed: number, key: number, position: number): number {
  return hash3(seed, key, position) / 4294967296;
}

/**
 * Smooth noise in [-1, 1]: uniform values at multiples of `period` seconds, eased in between,
 * so that neighbouring samples are correlated like real load and any step size samples the same curve.
 * It remembers the last lattice cell, so walking forward in time costs about one hash per cell, not two per sample.
 */
export class SmoothNoise {
  private readonly seed: number;
  private readonly key: number;
  private readonly period: number;
  private cell = Number.NaN;
  private left = 0;
  private right = 0;

  constructor(seed: number, key: number, period: number) {
    this.seed = seed;
    this.key = key;
    this.period = period;
  }

  at(t: number): number {
    const x = t / this.period;
    const cell = Math.floor(x);
    if (cell !== this.cell) {
      this.left = cell === this.cell + 1 ? this.right : uniform(this.seed, this.key, cell);
      this.right = uniform(this.seed, this.key, cell + 1);
      this.cell = cell;
    }
    const f = x - cell;
    return (this.left + (this.right - this.left) * f * f * (3 - 2 * f)) * 2 - 1;
  }
}

/**
 * Rare episodes (bursts, lag spikes): time is cut into buckets and a bucket holds one episode with probability
 * `chance`, at a random offset, length and amplitude. `locate(t)` fills `start`, `length` and `amplitude` for
 * t's bucket (cached, so a forward walk hashes once per bucket) and says whether there is one.
 */
export class Episodes {
  start = 0;
  length = 0;
  amplitude = 0;
  private readonly seed: number;
  private readonly key: number;
  private readonly shape: EpisodeShape;
  private bucket = Number.NaN;
  private present = false;

  constructor(seed: number, key: number, shape: EpisodeShape) {
    this.seed = seed;
    this.key = key;
    this.shape = shape;
  }

  locate(t: number): boolean {
    const bucket = Math.floor(t / this.shape.bucketSeconds);
    if (bucket !== this.bucket) {
      const { bucketSeconds, chance, latestStart, minLength, maxLength, minAmplitude, maxAmplitude } = this.shape;
      this.bucket = bucket;
      this.present = uniform(this.seed, this.key, bucket) < chance;
      if (this.present) {
        this.start = bucket * bucketSeconds + uniform(this.seed, this.key + 1, bucket) * latestStart;
        this.length = minLength + (maxLength - minLength) * uniform(this.seed, this.key + 2, bucket);
        this.amplitude = minAmplitude + (maxAmplitude - minAmplitude) * uniform(this.seed, this.key + 3, bucket);
      }
    }
    return this.present;
  }
}

export interface EpisodeShape {
  bucketSeconds: number;
  /** Probability that a bucket holds an episode. */
  chance: number;
  /** Latest start offset within the bucket, seconds. */
  latestStart: number;
  minLength: number;
  maxLength: number;
  minAmplitude: number;
  maxAmplitude: number;
}

/** Independent keys for the several noise sources of one target, so they do not move in step. */
export function subKey(key: number, salt: number): number {
  return hash3(key, salt, 0x5bd1e995);
}
