/**
 * Pure views of a keyspace's shards for `<ps-shard-stack>`: one row per shard with what the list shows (primary's
 * region, replicas, worst lag, serving, resize state, data problems), filtering, sorting, counts, accessible names
 * and type-ahead. No DOM: tested in Node.
 */
import { describeLag, formatCount, formatLag, pluralize } from '../../chart/format.js';
import { compareKeyRanges, keyRangeCoverage, sortShardsByKeyRange, type KeyRangeIssue } from '../../model/key-range.js';
import { shardPhaseOf } from '../../model/resize.js';
import type { KeyRange, ResizeStatus, Shard, ShardResize, ShardResizeState, Tablet, TabletRole } from '../../model/types.js';
import { describeShardResize } from '../resize-badge.js';

/** How the list is ordered: by key range (the keyspace's own order) or worst replication lag first. */
export type ShardSort = 'key-range' | 'lag';
export const SHARD_SORTS: readonly ShardSort[] = ['key-range', 'lag'];

/** Something wrong with a shard's data, shown beside it instead of being hidden. */
export interface ShardProblem {
  kind: 'no-primary' | 'overlap' | 'gap';
  /** Short text for the row, e.g. `No primary`, `Overlaps 40-60`. */
  text: string;
}

export interface ShardRow {
  shard: Shard;
  /** Position in key-range order (stable identity for the list). */
  index: number;
  name: string;
  /** `min – 80`, `40 – 80`, `80 – max`, `min – max`. */
  keyRangeText: string;
  primary: Tablet | undefined;
  /** Every tablet that is not the primary (replicas and rdonly). */
  replicaCount: number;
  /** Worst known replication lag among the replicas; `null` when no replica reports one (or there is none). */
  maxLagSeconds: number | null;
  /** Replicas whose lag is unknown. */
  unknownLag: number;
  /** Worst lag above the warning threshold. */
  lagging: boolean;
  /** Tablets not serving queries. */
  notServing: number;
  tabletCount: number;
  /** Per-shard resize state while the keyspace has a resize. */
  resize: ShardResizeState | undefined;
  /** The shard's whole resize entry (phase, copy percent, lag, message), for its badge and its words. */
  resizeEntry?: ShardResize;
  problems: ShardProblem[];
}

export interface ShardRowOptions {
  /** Replication lag (s) above which a shard counts as lagging. */
  lagWarningSeconds: number;
  resize?: ResizeStatus | null;
}

/** `min – 80`: a key range for reading, open ends named. */
export function formatKeyRange(range: KeyRange): string {
  return `${range.start === '' ? 'min' : range.start} – ${range.end === '' ? 'max' : range.end}`;
}

/** The primary's region, or undefined for a shard without a primary. */
export function primaryOf(shard: Shard): Tablet | undefined {
  return shard.tablets.find((tablet) => tablet.role === 'primary');
}

function issueText(issue: KeyRangeIssue, self: string): string {
  const range = `${issue.start === '' ? 'min' : issue.start}–${issue.end === '' ? 'max' : issue.end}`;
  if (issue.kind === 'gap') return `Gap ${range}`;
  const other = issue.shards.find((name) => name !== self);
  return other === undefined ? `Overlap ${range}` : `Overlaps ${other}`;
}

/** True when `shards` are in key-range order already (parsed topologies and provider answers are). */
function inKeyRangeOrder(shards: readonly Shard[]): boolean {
  for (let i = 1; i < shards.length; i++) {
    const order = compareKeyRanges(shards[i - 1].keyRange, shards[i].keyRange);
    if (order > 0 || (order === 0 && shards[i - 1].name > shards[i].name)) return false;
  }
  return true;
}

/** Rows in key-range order, with coverage problems (gaps, overlaps) attached to the shards on either side. */
export function buildShardRows(shards: readonly Shard[], options: ShardRowOptions): ShardRow[] {
  const sorted = inKeyRangeOrder(shards) ? shards : sortShardsByKeyRange(shards);
  const problems = new Map<string, ShardProblem[]>();
  const add = (name: string, problem: ShardProblem) => {
    const list = problems.get(name);
    if (list) list.push(problem);
    else problems.set(name, [problem]);
  };
  // No shards at all is "nothing to show", not a gap worth flagging on a row.
  if (sorted.length > 0) {
    for (const issue of keyRangeCoverage(sorted)) {
      for (const name of issue.shards) add(name, { kind: issue.kind, text: issueText(issue, name) });
    }
  }
  const resizeEntries = new Map<string, ShardResize>();
  for (const entry of options.resize?.shards ?? []) resizeEntries.set(entry.shard, entry);

  return sorted.map((shard, index) => {
    const primary = primaryOf(shard);
    let replicaCount = 0;
    let maxLag: number | null = null;
    let unknownLag = 0;
    let notServing = 0;
    for (const tablet of shard.tablets) {
      if (!tablet.serving) notServing++;
      if (tablet.role === 'primary') continue;
      replicaCount++;
      const lag = tablet.lagSeconds;
      if (lag === undefined || lag === null || !Number.isFinite(lag)) unknownLag++;
      else if (maxLag === null || lag > maxLag) maxLag = lag;
    }
    const rowProblems = [...(problems.get(shard.name) ?? [])];
    if (!primary) rowProblems.unshift({ kind: 'no-primary', text: 'No primary' });
    const lagging = maxLag !== null && maxLag > options.lagWarningSeconds;
    const resizeEntry = resizeEntries.get(shard.name);
    return {
      shard,
      index,
      name: shard.name,
      keyRangeText: formatKeyRange(shard.keyRange),
      primary,
      replicaCount,
      maxLagSeconds: maxLag,
      unknownLag,
      lagging,
      notServing,
      tabletCount: shard.tablets.length,
      resize: resizeEntry?.state,
      ...(resizeEntry ? { resizeEntry } : {}),
      problems: rowProblems,
    };
  });
}

const SHARD_TERM = /^[0-9a-f-]+$/;

/**
 * Rows matching every whitespace-separated term of `query` (case-insensitive). A term made of hex digits and dashes
 * (`80`, `-40`, `c0-`) matches shard names, so `80` finds `-80`, `80-c0`, `40-80`; any other term matches a region or
 * zone (`us-west`), or a state word: `lagging`, `serving`, `not-serving`, `unknown-lag`, `no-primary`, `overlap`,
 * `gap`, and resize states and phases (`resizing`, `pending`, `completed`, `failed`, `canceled`, `copying`, `copied`,
 * `replicating`, `switched`, `stopped`, `error`) by prefix.
 */
export function filterShardRows(rows: readonly ShardRow[], query: string): ShardRow[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [...rows];
  return rows.filter((row) => terms.every((term) => matchesTerm(row, term)));
}

const keywordCache = new WeakMap<ShardRow, string[]>();

/** Lower-case words the filter matches besides the name: regions, zones, states; made on the first filter, not on load. */
export function shardKeywords(row: ShardRow): string[] {
  let words = keywordCache.get(row);
  if (words) return words;
  const set = new Set<string>();
  for (const tablet of row.shard.tablets) {
    set.add(tablet.region.toLowerCase());
    if (tablet.zone) set.add(tablet.zone.toLowerCase());
  }
  set.add(row.notServing > 0 ? 'not-serving' : 'serving');
  if (row.lagging) set.add('lagging');
  if (row.unknownLag > 0) set.add('unknown-lag');
  if (row.resize) set.add(row.resize);
  if (row.resizeEntry) {
    const phase = shardPhaseOf(row.resizeEntry);
    set.add(phase);
    // The badge says "Copied" for a shard replicating before its switch.
    if (phase === 'replicating') set.add('copied');
  }
  for (const problem of row.problems) set.add(problem.kind);
  words = [...set];
  keywordCache.set(row, words);
  return words;
}

function matchesTerm(row: ShardRow, term: string): boolean {
  if (SHARD_TERM.test(term)) return row.name.toLowerCase().includes(term);
  return shardKeywords(row).some((word) => word.includes(term));
}

/** A sorted copy: key-range order, or worst lag first (unknown lag after every known one), ties in key-range order. */
export function sortShardRows(rows: readonly ShardRow[], sort: ShardSort): ShardRow[] {
  const copy = [...rows];
  if (sort === 'key-range') return copy.sort((a, b) => a.index - b.index);
  return copy.sort((a, b) => {
    const left = a.maxLagSeconds;
    const right = b.maxLagSeconds;
    if (left !== right) {
      if (left === null) return 1;
      if (right === null) return -1;
      return right - left;
    }
    return a.index - b.index;
  });
}

export interface ShardSummary {
  total: number;
  lagging: number;
  noPrimary: number;
  notServing: number;
  /** Shards touched by a key-range gap or overlap. */
  coverage: number;
  /** Shards whose worst lag is unknown (at least one replica reports none). */
  unknownLag: number;
}

export function summarizeShards(rows: readonly ShardRow[]): ShardSummary {
  const summary: ShardSummary = { total: rows.length, lagging: 0, noPrimary: 0, notServing: 0, coverage: 0, unknownLag: 0 };
  for (const row of rows) {
    if (row.lagging) summary.lagging++;
    if (!row.primary) summary.noPrimary++;
    if (row.notServing > 0) summary.notServing++;
    if (row.unknownLag > 0) summary.unknownLag++;
    if (row.problems.some((problem) => problem.kind !== 'no-primary')) summary.coverage++;
  }
  return summary;
}


/** `64 shards · 2 lagging · 1 without primary`: only the counts that are not zero, besides the total. */
export function summaryText(summary: ShardSummary, matching?: number): string {
  const parts = [matching === undefined || matching === summary.total ? pluralize(summary.total, 'shard') : `${formatCount(matching)} of ${pluralize(summary.total, 'shard')}`];
  parts.push(`${formatCount(summary.lagging)} lagging`);
  if (summary.noPrimary) parts.push(`${formatCount(summary.noPrimary)} without primary`);
  if (summary.notServing) parts.push(`${formatCount(summary.notServing)} not serving`);
  if (summary.coverage) parts.push(`${pluralize(summary.coverage, 'key range problem')}`);
  return parts.join(' · ');
}

/** "Shard -80, primary in us-east-2, 2 replicas, max lag 0.4 seconds" and whatever else is worth hearing. */
export function describeShardRow(row: ShardRow, lagWarningSeconds: number): string {
  const parts = [`Shard ${row.name}`];
  parts.push(row.primary ? `primary in ${row.primary.region}` : 'no primary');
  parts.push(pluralize(row.replicaCount, 'replica'));
  if (row.replicaCount > 0) {
    parts.push(`max lag ${describeLag(row.maxLagSeconds)}`);
    if (row.lagging) parts.push(`above the warning threshold of ${describeLag(lagWarningSeconds)}`);
    else if (row.unknownLag > 0 && row.maxLagSeconds !== null) parts.push(`${pluralize(row.unknownLag, 'replica')} with unknown lag`);
  }
  if (row.notServing > 0) parts.push(`${pluralize(row.notServing, 'tablet')} not serving`);
  if (row.resizeEntry) parts.push(`resize ${describeShardResize(row.resizeEntry)}`);
  for (const problem of row.problems) if (problem.kind !== 'no-primary') parts.push(problem.text.toLowerCase());
  return parts.join(', ');
}

/** The lag cell's text: `0.4s`, `—` (unknown), or empty for a shard without replicas. */
export function lagText(row: ShardRow, locale?: string): string {
  return row.replicaCount === 0 ? '' : formatLag(row.maxLagSeconds, locale);
}

/**
 * Type-ahead: the first row after `from` (wrapping) whose name starts with `prefix` (case-insensitive); when the
 * prefix is one character repeated (`88`), cycles through names starting with that character, as listboxes do.
 * Returns -1 when nothing matches.
 */
export function typeAheadIndex(rows: readonly { name: string }[], prefix: string, from: number): number {
  if (rows.length === 0 || prefix === '') return -1;
  const wanted = prefix.toLowerCase();
  const repeated = [...wanted].every((char) => char === wanted[0]);
  // A fresh search starts after the active row; a longer prefix first checks the active row itself.
  const start = wanted.length === 1 || repeated ? from + 1 : from;
  for (let step = 0; step < rows.length; step++) {
    const index = (((start + step) % rows.length) + rows.length) % rows.length;
    const name = rows[index].name.toLowerCase();
    if (name.startsWith(wanted) || (repeated && name.startsWith(wanted[0]))) return index;
  }
  return -1;
}

const ROLE_ORDER: Readonly<Record<TabletRole, number>> = { primary: 0, replica: 1, rdonly: 2 };

/** A shard's tablets for its detail view: the primary, replicas in the primary's region, then read-only regions, rdonly last. */
export function orderTablets(tablets: readonly Tablet[]): Tablet[] {
  return [...tablets].sort(
    (a, b) =>
      ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
      Number(a.readOnlyRegion) - Number(b.readOnlyRegion) ||
      a.region.localeCompare(b.region) ||
      (a.zone ?? '').localeCompare(b.zone ?? '') ||
      a.id.localeCompare(b.id),
  );
}

export const ROLE_LABELS: Readonly<Record<TabletRole, string>> = { primary: 'Primary', replica: 'Replica', rdonly: 'Read-only (rdonly)' };

/** "Replica in us-west-2 (us-west-2a), read-only region, replication lag 0.4 seconds, not serving, tablet zone4-101". */
export function describeTablet(tablet: Tablet, lagWarningSeconds: number): string {
  const parts = [`${ROLE_LABELS[tablet.role]} in ${tablet.region}${tablet.zone ? ` (${tablet.zone})` : ''}`];
  if (tablet.readOnlyRegion) parts.push('read-only region');
  if (tablet.role !== 'primary') {
    const lag = tablet.lagSeconds ?? null;
    parts.push(`replication lag ${describeLag(lag)}`);
    if (lag !== null && Number.isFinite(lag) && lag > lagWarningSeconds) parts.push(`above the warning threshold of ${describeLag(lagWarningSeconds)}`);
  }
  if (!tablet.serving) parts.push('not serving');
  parts.push(`tablet ${tablet.id}`);
  return parts.join(', ');
}
