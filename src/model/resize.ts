/**
 * Reading a resize's phases: how each phase maps onto the older `state` fields (which stay, so elements and pages
 * that only know them keep working), a phase for data that only has states, and the whole resize's progress.
 */
import type { ResizePhase, ResizeState, ResizeStatus, ShardResize, ShardResizePhase, ShardResizeState } from './types.js';

/** The one shard `state` each phase stands for. A stopped shard is not progressing: `pending`, as before phases. */
const SHARD_STATE_OF_PHASE: Readonly<Record<ShardResizePhase, ShardResizeState>> = {
  pending: 'pending',
  copying: 'resizing',
  replicating: 'resizing',
  switched: 'resizing',
  resizing: 'resizing',
  completed: 'completed',
  stopped: 'pending',
  error: 'failed',
  canceled: 'canceled',
};

/** The one whole-resize `state` each phase stands for: a stopped or failed resize still exists, so it is `resizing`. */
const RESIZE_STATE_OF_PHASE: Readonly<Record<ResizePhase, ResizeState>> = {
  queued: 'queued',
  pending: 'pending',
  copying: 'resizing',
  replicating: 'resizing',
  switched: 'resizing',
  resizing: 'resizing',
  completed: 'completed',
  stopped: 'resizing',
  error: 'resizing',
  canceled: 'canceled',
};

/** A shard state's phase when the source gave none. */
const PHASE_OF_SHARD_STATE: Readonly<Record<ShardResizeState, ShardResizePhase>> = {
  pending: 'pending',
  resizing: 'resizing',
  completed: 'completed',
  failed: 'error',
  canceled: 'canceled',
};

/** The `state` a shard in `phase` must carry. */
export function shardStateOfPhase(phase: ShardResizePhase): ShardResizeState {
  return SHARD_STATE_OF_PHASE[phase];
}

/** The `state` a resize in `phase` must carry. */
export function resizeStateOfPhase(phase: ResizePhase): ResizeState {
  return RESIZE_STATE_OF_PHASE[phase];
}

/** A shard's phase: its own, or the one its state stands for. */
export function shardPhaseOf(shard: ShardResize): ShardResizePhase {
  return shard.phase ?? PHASE_OF_SHARD_STATE[shard.state];
}

/** Phases of a running resize, the least advanced first: the whole resize is where its slowest shard is. */
const RUNNING_ORDER: readonly ShardResizePhase[] = ['error', 'stopped', 'copying', 'resizing', 'replicating', 'switched'];

/**
 * A resize's phase: its own, or derived. A running resize without one is where its most telling shard is: an error
 * or a stop first, then the least advanced step; `resizing` when its shards say no more.
 */
export function resizePhaseOf(status: ResizeStatus): ResizePhase {
  if (status.phase) return status.phase;
  if (status.state !== 'resizing') return status.state;
  const present = new Set(status.shards.map(shardPhaseOf));
  return RUNNING_ORDER.find((phase) => present.has(phase)) ?? 'resizing';
}

/**
 * How far one shard is, 0–100. A Reshard's long part is the copy, so a copied shard (replicating, switched) is at
 * 100: what is left waits for a person to switch traffic and complete. A shard that only has a state is at 100 once
 * completed, else 0; a stopped or failed one keeps its copy percent.
 */
export function shardProgress(shard: ShardResize): number {
  switch (shardPhaseOf(shard)) {
    case 'replicating':
    case 'switched':
    case 'completed':
      return 100;
    case 'copying':
    case 'stopped':
    case 'error':
      return shard.copyPercent ?? 0;
    default:
      return 0;
  }
}

/** The whole resize's progress, 0–100: the source's own figure, else the mean of its shards'. */
export function resizeProgress(status: ResizeStatus): number {
  if (status.progressPercent !== undefined) return status.progressPercent;
  if (status.shards.length === 0) return status.state === 'completed' ? 100 : 0;
  let sum = 0;
  for (const shard of status.shards) sum += shardProgress(shard);
  return sum / status.shards.length;
}
