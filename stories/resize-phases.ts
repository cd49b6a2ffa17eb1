// One resize in every phase it can be in, at a fixed clock: the stories of <ps-resize-status> and <ps-shard-stack> draw them.
import { resizeStateOfPhase, shardStateOfPhase } from '../src/model/resize.js';
import type { ResizePhase, ResizeStatus, ShardResize, ShardResizePhase } from '../src/model/types.js';

export const NOW = Date.UTC(2026, 10, 28, 12);
const MINUTE = 60_000;
const SHARDS = ['-20', '20-40', '40-60', '60-80', '80-a0', 'a0-c0', 'c0-e0', 'e0-'];

function shard(name: string, i: number, phase: ShardResizePhase, extra: Partial<ShardResize> = {}): ShardResize {
  const entry: ShardResize = { shard: name, state: shardStateOfPhase(phase), phase, ...extra };
  if (phase !== 'pending' && phase !== 'canceled') entry.startedAt = NOW - (24 - i) * MINUTE;
  if (phase === 'completed') entry.finishedAt = NOW - (12 - i) * MINUTE;
  return entry;
}

function status(phase: ResizePhase, shards: ShardResize[], extra: Partial<ResizeStatus> = {}): ResizeStatus {
  const value: ResizeStatus = {
    state: resizeStateOfPhase(phase),
    phase,
    from: { size: 'PS-40', replicas: 2 },
    to: { size: 'PS-80', replicas: 2 },
    shards,
    ...extra,
  };
  if (phase !== 'queued' && phase !== 'pending') value.startedAt = NOW - 24 * MINUTE;
  if (phase !== 'queued' && phase !== 'completed' && phase !== 'canceled') value.updatedAt = NOW - 2_000;
  return value;
}

const copyPercents = [96, 88, 71, 64, 52, 40, 23, 9];
const lags = [0.4, 0.6, 1.2, 0.3, 2.8, 0.5, 0.9, 0.7];

/** Every phase, by name; each a valid ResizeStatus whose `state` fields tell the same story to older readers. */
export const RESIZE_PHASE_EXAMPLES: Readonly<Record<string, ResizeStatus>> = {
  queued: status('queued', SHARDS.map((name, i) => shard(name, i, 'pending'))),
  pending: status('pending', SHARDS.map((name, i) => shard(name, i, 'pending'))),
  copying: status('copying', SHARDS.map((name, i) => (i < 6 ? shard(name, i, 'copying', { copyPercent: copyPercents[i] }) : shard(name, i, 'pending')))),
  replicating: status(
    'replicating',
    SHARDS.map((name, i) => shard(name, i, 'replicating', { lagSeconds: lags[i] })),
    { lagSeconds: 2.8 },
  ),
  switched: status('switched', SHARDS.map((name, i) => shard(name, i, 'switched'))),
  completed: status('completed', SHARDS.map((name, i) => shard(name, i, 'completed'))),
  stopped: status('stopped', SHARDS.map((name, i) => (i === 2 ? shard(name, i, 'stopped', { message: 'Stopped after copy.' }) : shard(name, i, 'replicating', { lagSeconds: lags[i] })))),
  error: status(
    'error',
    SHARDS.map((name, i) =>
      i === 4
        ? shard(name, i, 'error', { copyPercent: 52, message: "vttablet: rpc error: code = Unknown desc = Duplicate entry '5' for key 'corder.PRIMARY' (errno 1062)" })
        : shard(name, i, 'copying', { copyPercent: copyPercents[i] }),
    ),
  ),
  canceled: status('canceled', SHARDS.map((name, i) => (i < 3 ? shard(name, i, 'completed') : shard(name, i, 'canceled')))),
  /** A source that only knows the older states (PlanetScale's rollout: pending, resizing, completed). */
  'states only': {
    state: 'resizing',
    from: { size: 'PS-40', replicas: 2 },
    to: { size: 'PS-80', replicas: 2 },
    startedAt: NOW - 24 * MINUTE,
    shards: SHARDS.map((name, i) =>
      i < 3
        ? { shard: name, state: 'completed' as const, startedAt: NOW - (24 - 4 * i) * MINUTE, finishedAt: NOW - (20 - 4 * i) * MINUTE }
        : i < 5
          ? { shard: name, state: 'resizing' as const, startedAt: NOW - (12 - i) * MINUTE }
          : { shard: name, state: 'pending' as const },
    ),
  },
};
