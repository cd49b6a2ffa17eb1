/** Pure views of a `ResizeStatus`: progress summary, per-shard rows in reading order, and durations. */
import { compareKeyRanges, parseShardName } from '../../model/key-range.js';
import type { ResizeStatus, ShardResize, ShardResizeState } from '../../model/types.js';

export interface ResizeSummary {
  total: number;
  /** Shards that reached `completed`. */
  done: number;
  failed: number;
  resizing: number;
  /** 0…1 */
  fraction: number;
  /** Milliseconds since the resize started, up to the last shard's finish once it ended. */
  elapsedMs: number | undefined;
  /** True while nothing more will change: completed or canceled. */
  final: boolean;
}

export function summarizeResize(status: ResizeStatus, now: number): ResizeSummary {
  let done = 0;
  let failed = 0;
  let resizing = 0;
  let lastFinish = Number.NEGATIVE_INFINITY;
  for (const shard of status.shards) {
    if (shard.state === 'completed') done++;
    else if (shard.state === 'failed') failed++;
    else if (shard.state === 'resizing') resizing++;
    if (shard.finishedAt !== undefined) lastFinish = Math.max(lastFinish, shard.finishedAt);
  }
  const total = status.shards.length;
  const final = status.state === 'completed' || status.state === 'canceled';
  const end = final && Number.isFinite(lastFinish) ? lastFinish : now;
  return {
    total,
    done,
    failed,
    resizing,
    fraction: total === 0 ? (status.state === 'completed' ? 1 : 0) : done / total,
    elapsedMs: status.startedAt === undefined ? undefined : Math.max(0, end - status.startedAt),
    final,
  };
}

/** Rows worth reading first come first: resizing, failed, pending, then finished ones; key-range order within. */
const STATE_ORDER: Record<ShardResizeState, number> = { resizing: 0, failed: 1, pending: 2, completed: 3, canceled: 4 };

export function orderShardRows(shards: readonly ShardResize[]): ShardResize[] {
  return [...shards].sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || compareShardNames(a.shard, b.shard));
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
  const end = shard.finishedAt ?? (shard.state === 'resizing' ? now : undefined);
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
