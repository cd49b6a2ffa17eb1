/** A resize summed up for people: counts by phase, overall progress, and where it is in words (banners, summaries). */
import { formatLag } from '../chart/format.js';
import { resizePhaseOf, resizeProgress, shardPhaseOf } from '../model/resize.js';
import type { ResizePhase, ResizeStatus, ShardResizePhase } from '../model/types.js';

export interface ResizeSummary {
  total: number;
  /** Shards that reached `completed`. */
  done: number;
  failed: number;
  /** Shards in progress: copying, replicating, switched, or resizing without a finer phase. */
  resizing: number;
  /** Shards per phase (phases read from states where the source gave none). */
  phases: Partial<Record<ShardResizePhase, number>>;
  /** The whole resize's phase. */
  phase: ResizePhase;
  /** 0…1: the source's figure, else the shards' copy progress (completed shards only, for data without phases). */
  fraction: number;
  /** Milliseconds since the resize started, up to the last shard's finish once it ended. */
  elapsedMs: number | undefined;
  /** True while nothing more will change: completed or canceled. */
  final: boolean;
}

export const IN_PROGRESS: ReadonlySet<ShardResizePhase> = new Set(['copying', 'replicating', 'switched', 'resizing']);

export function summarizeResize(status: ResizeStatus, now: number): ResizeSummary {
  const phases: Partial<Record<ShardResizePhase, number>> = {};
  let lastFinish = Number.NEGATIVE_INFINITY;
  for (const shard of status.shards) {
    const phase = shardPhaseOf(shard);
    phases[phase] = (phases[phase] ?? 0) + 1;
    if (shard.finishedAt !== undefined) lastFinish = Math.max(lastFinish, shard.finishedAt);
  }
  let resizing = 0;
  for (const phase of IN_PROGRESS) resizing += phases[phase] ?? 0;
  const final = status.state === 'completed' || status.state === 'canceled';
  const end = final && Number.isFinite(lastFinish) ? lastFinish : now;
  return {
    total: status.shards.length,
    done: phases.completed ?? 0,
    failed: phases.error ?? 0,
    resizing,
    phases,
    phase: resizePhaseOf(status),
    fraction: resizeProgress(status) / 100,
    elapsedMs: status.startedAt === undefined ? undefined : Math.max(0, end - status.startedAt),
    final,
  };
}

/** The worst known lag of the shards replicating now, else the status's own figure. */
function worstLag(status: ResizeStatus): number | null | undefined {
  let worst: number | null | undefined = status.lagSeconds;
  for (const shard of status.shards) {
    if (shardPhaseOf(shard) !== 'replicating' || shard.lagSeconds === undefined) continue;
    if (shard.lagSeconds === null) worst ??= null;
    else if (worst == null || shard.lagSeconds > worst) worst = shard.lagSeconds;
  }
  return worst;
}

/** The first shard in `phase` with a message: "shard -80: Duplicate entry…". */
function firstMessage(status: ResizeStatus, phase: ShardResizePhase): string | undefined {
  const shard = status.shards.find((s) => shardPhaseOf(s) === phase && s.message);
  return shard ? `shard ${shard.shard}: ${shard.message}` : status.message;
}

/**
 * Where the resize is, in words for the banner and the summary: "62% copied", "Copied — traffic not switched yet ·
 * lag 1.2s", "Traffic switched — not completed yet", "Error on shard -80: …"; data with states only says "3 of 8
 * shards done" as before.
 */
export function describePhase(status: ResizeStatus, summary: ResizeSummary): string {
  const done = `${summary.done} of ${summary.total} shards done`;
  switch (summary.phase) {
    case 'queued':
      return 'Queued, not started yet';
    case 'pending':
      return 'Waiting to start';
    case 'copying':
      return `Copying: ${Math.floor(summary.fraction * 100)}% copied`;
    case 'replicating': {
      const lag = worstLag(status);
      return `Copied — traffic not switched yet${lag != null ? ` · lag ${formatLag(lag)}` : ''}`;
    }
    case 'switched':
      return 'Traffic switched — not completed yet';
    case 'stopped': {
      const why = firstMessage(status, 'stopped');
      return why ? `Stopped (${why})` : 'Stopped';
    }
    case 'error': {
      const why = firstMessage(status, 'error');
      return why ? `Error on ${why}` : `Error on ${summary.failed} ${summary.failed === 1 ? 'shard' : 'shards'}`;
    }
    default:
      return done;
  }
}

