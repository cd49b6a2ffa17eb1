/** Pure views of a `ResizeStatus` for the detail table: per-shard rows in reading order, durations, the change in words. */
import { compareKeyRanges, parseShardName } from '../../model/key-range.js';
import { shardPhaseOf } from '../../model/resize.js';
import type { ResizeStatus, ShardResize, ShardResizePhase } from '../../model/types.js';
import { IN_PROGRESS } from '../resize-summary.js';

export { describePhase, summarizeResize, type ResizeSummary } from '../resize-summary.js';

/** Rows worth reading first come first: problems, shards moving, then waiting, then finished ones; key-range order within. */
const PHASE_ORDER: Record<ShardResizePhase, number> = {
  error: 0, stopped: 1, copying: 2, resizing: 3, replicating: 4, switched: 5, pending: 6, completed: 7, canceled: 8,
};

export function orderShardRows(shards: readonly ShardResize[]): ShardResize[] {
  return [...shards].sort((a, b) => PHASE_ORDER[shardPhaseOf(a)] - PHASE_ORDER[shardPhaseOf(b)] || compareShardNames(a.shard, b.shard));
}

function compareShardNames(a: string, b: string): number {
  try {
    return compareKeyRanges(parseShardName(a), parseShardName(b));
  } catch {
    // A name that is no key range (a provider's own label) sorts by text, after nothing in particular.
    return a < b ? -1 : a > b ? 1 : 0;
  }
}

/** How long a shard took, or has taken so far. */
export function shardDurationMs(shard: ShardResize, now: number): number | undefined {
  if (shard.startedAt === undefined) return undefined;
  const end = shard.finishedAt ?? (IN_PROGRESS.has(shardPhaseOf(shard)) ? now : undefined);
  return end === undefined ? undefined : Math.max(0, end - shard.startedAt);
}

/** `45s`, `3m 20s`, `2h 5m`: durations of minutes to hours, to the second while short. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** "PS-40 · 2 replicas → PS-80 · 2 replicas" */
export function describeChange(status: ResizeStatus): string {
  const side = (shape: ResizeStatus['from']) => `${shape.size} · ${shape.replicas} ${shape.replicas === 1 ? 'replica' : 'replicas'}`;
  return `${side(status.from)} → ${side(status.to)}`;
}
