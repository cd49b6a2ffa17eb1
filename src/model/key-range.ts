/** Vitess key ranges: parsing shard names, ordering shards, checking that a keyspace's shards cover the key space, and naming N even shards. */
import type { KeyRange } from './types.js';
import { invalidData } from './validate.js';

/** The whole key space, as held by an unsharded keyspace's `-` or `0` shard. */
export const FULL_KEY_RANGE: Readonly<KeyRange> = Object.freeze({ start: '', end: '' });

const SHARD_NAME = /^([0-9a-fA-F]*)-([0-9a-fA-F]*)$/;
/** Keyspace ids are at most 8 bytes in practice; a longer boundary is a typo, not data. */
const MAX_BOUNDARY_HEX_DIGITS = 32;

/**
 * The key range a shard name stands for: `-80` → `{ start: '', end: '80' }`, `-` and `0` → the whole space.
 * Hex may be upper or lower case (the result is lower case). Throws an `invalid-data` DataError at `path` otherwise.
 */
export function parseShardName(name: string, path = 'shard'): KeyRange {
  const range = readShardName(name);
  if (typeof range === 'string') throw invalidData(path, range);
  return range;
}

/** `parseShardName` without a path: the key range, or why the name is not one (so callers build a path only for a bad name). */
export function readShardName(name: string): KeyRange | string {
  if (name === '0' || name === '-') return { ...FULL_KEY_RANGE };
  const match = SHARD_NAME.exec(name);
  if (!match) return `expected a shard name such as -80, 80-, 40-80 or - (hex digits around one dash), got ${JSON.stringify(name.slice(0, 60))}`;
  const start = match[1].toLowerCase();
  const end = match[2].toLowerCase();
  const wrong = boundaryProblem(name, start) ?? boundaryProblem(name, end);
  if (wrong) return wrong;
  if (start !== '' && end !== '' && compareHex(start, end) >= 0) return `shard name ${JSON.stringify(name)} starts at or after its end`;
  return { start, end };
}

function boundaryProblem(name: string, boundary: string): string | undefined {
  if (boundary.length % 2 !== 0) return `shard name ${JSON.stringify(name)} has an odd number of hex digits in "${boundary}" (key bytes are two digits each)`;
  if (boundary.length > MAX_BOUNDARY_HEX_DIGITS) return `shard name ${JSON.stringify(name)} has a boundary longer than ${MAX_BOUNDARY_HEX_DIGITS} hex digits`;
  return undefined;
}

/** The canonical shard name of a key range: `{ start: '', end: '80' }` → `-80`. */
export function shardNameOf(range: KeyRange): string {
  return `${range.start}-${range.end}`;
}

/** Compares two hex boundaries by value, reading the shorter one as right-padded with zeros (`8` = `80` = `8000`). */
export function compareHex(a: string, b: string): number {
  // Character by character rather than lower-casing and padding copies: sorting a thousand shards calls this ~10 000 times.
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const left = i < a.length ? lowerAscii(a.charCodeAt(i)) : ZERO;
    const right = i < b.length ? lowerAscii(b.charCodeAt(i)) : ZERO;
    // Beyond ASCII, lower-casing is not per character: compare as the lower-cased strings would.
    if (left > 0x7f || right > 0x7f) return compareLowered(a, b);
    if (left !== right) return left < right ? -1 : 1;
  }
  return 0;
}

const ZERO = 0x30;
const lowerAscii = (code: number) => (code >= 0x41 && code <= 0x5a ? code + 0x20 : code);

function compareLowered(a: string, b: string): number {
  const length = Math.max(a.length, b.length);
  const left = a.toLowerCase().padEnd(length, '0');
  const right = b.toLowerCase().padEnd(length, '0');
  return left < right ? -1 : left > right ? 1 : 0;
}

/** An open end (`''`) is past every key; compare ends with this. */
function compareEnds(a: string, b: string): number {
  if (a === '' || b === '') return a === b ? 0 : a === '' ? 1 : -1;
  return compareHex(a, b);
}

/** Compares a start (where `''` is the first key) with an end (where `''` is past the last key). */
function compareStartToEnd(start: string, end: string): number {
  return end === '' ? -1 : compareHex(start, end);
}

/** Orders key ranges by start, then by end (the narrower first). */
export function compareKeyRanges(a: KeyRange, b: KeyRange): number {
  return compareHex(a.start, b.start) || compareEnds(a.end, b.end);
}

/** Two key ranges describe the same keys (`-80` and `{ start: '', end: '8000' }`). */
export function sameKeyRange(a: KeyRange, b: KeyRange): boolean {
  return compareKeyRanges(a, b) === 0;
}

/** Shards in key-range order, then by name (for equal ranges such as `0` and `-`). */
export function compareShards(a: { name: string; keyRange: KeyRange }, b: { name: string; keyRange: KeyRange }): number {
  return compareKeyRanges(a.keyRange, b.keyRange) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** A sorted copy of `shards`, by key range then name (stable for equal ranges such as `0` and `-`). */
export function sortShardsByKeyRange<T extends { name: string; keyRange: KeyRange }>(shards: readonly T[]): T[] {
  return [...shards].sort(compareShards);
}

export interface KeyRangeIssue {
  kind: 'gap' | 'overlap';
  /** Lower-case hex; `''` is the open end. */
  start: string;
  end: string;
  /** Names of the shards on either side of a gap, or sharing an overlap. */
  shards: string[];
}

/**
 * Gaps and overlaps in the key space covered by `shards`; an empty list means they cover every key exactly once,
 * as a healthy keyspace does (during a reshard, source and target shards overlap).
 */
export function keyRangeCoverage(shards: readonly { name: string; keyRange: KeyRange }[]): KeyRangeIssue[] {
  const sorted = sortShardsByKeyRange(shards);
  const issues: KeyRangeIssue[] = [];
  if (sorted.length === 0) return [{ kind: 'gap', start: '', end: '', shards: [] }];

  // Walk in start order, remembering how far the shards seen so far reach and which shard reaches furthest.
  let reach = '';
  let reachedBy: string | undefined;
  for (const shard of sorted) {
    const { start, end } = shard.keyRange;
    const startsAfterReach = reachedBy === undefined ? start !== '' : compareStartToEnd(start, reach) > 0;
    const startsBeforeReach = reachedBy !== undefined && compareStartToEnd(start, reach) < 0;
    if (startsAfterReach) {
      issues.push({ kind: 'gap', start: reachedBy === undefined ? '' : reach, end: start, shards: reachedBy === undefined ? [shard.name] : [reachedBy, shard.name] });
    } else if (startsBeforeReach) {
      const overlapEnd = compareEnds(end, reach) < 0 ? end : reach;
      issues.push({ kind: 'overlap', start, end: overlapEnd, shards: [reachedBy!, shard.name] });
    }
    if (reachedBy === undefined || compareEnds(end, reach) > 0) {
      reach = end;
      reachedBy = shard.name;
    }
  }
  if (reach !== '') issues.push({ kind: 'gap', start: reach, end: '', shards: [reachedBy!] });
  return issues;
}

/** Most shards `evenKeyRanges` names: Vitess's own generator stops at 2^16. */
export const MAX_EVEN_SHARDS = 65_536;

/**
 * Names of `count` equal shards, as Vitess's `GenerateShardRanges` makes them: boundaries of one byte
 * (two hex digits) up to 256 shards, two bytes beyond; 2 → `-80`, `80-`; 3 → `-55`, `55-aa`, `aa-`.
 * Boundaries are `floor(i · space / count)` in exact integers (Vitess computes them in floating point,
 * which for a few counts such as 49 lands one below and leaves a gap before the last key).
 */
export function evenKeyRanges(count: number): string[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_EVEN_SHARDS) {
    throw invalidData('shards', `expected a whole number of shards from 1 to ${MAX_EVEN_SHARDS}, got ${count}`);
  }
  const digits = count <= 256 ? 2 : 4;
  const space = 16 ** digits;
  const boundary = (i: number) => (i === 0 || i === count ? '' : Math.floor((i * space) / count).toString(16).padStart(digits, '0'));
  return Array.from({ length: count }, (_, i) => `${boundary(i)}-${boundary(i + 1)}`);
}
