import { describe, expect, it } from 'vitest';
import {
  describeChange,
  describePhase,
  formatDuration,
  orderShardRows,
  shardDurationMs,
  summarizeResize,
} from '../src/elements/ps-resize-status/resize-rows.js';
import { shardStateOfPhase } from '../src/model/resize.js';
import type { ResizeStatus, ShardResize, ShardResizePhase } from '../src/model/types.js';

const T0 = Date.UTC(2026, 10, 28, 12);
const min = 60_000;

function status(overrides: Partial<ResizeStatus> = {}): ResizeStatus {
  return {
    state: 'resizing',
    from: { size: 'PS-40', replicas: 2 },
    to: { size: 'PS-80', replicas: 2 },
    startedAt: T0,
    shards: [
      { shard: '80-c0', state: 'completed', startedAt: T0, finishedAt: T0 + 3 * min },
      { shard: '-40', state: 'pending' },
      { shard: 'c0-', state: 'resizing', startedAt: T0 + 3 * min },
      { shard: '40-80', state: 'failed', startedAt: T0, finishedAt: T0 + 1 * min },
    ],
    ...overrides,
  };
}

describe('summarizeResize', () => {
  it('counts shards by state and measures elapsed time to now while running', () => {
    const summary = summarizeResize(status(), T0 + 5 * min);
    expect(summary).toEqual({
      total: 4,
      done: 1,
      failed: 1,
      resizing: 1,
      phases: { completed: 1, pending: 1, resizing: 1, error: 1 },
      phase: 'error',
      fraction: 0.25,
      elapsedMs: 5 * min,
      final: false,
    });
  });

  it('stops the clock at the last finish once the resize ended', () => {
    const completed = status({
      state: 'completed',
      shards: [
        { shard: '-80', state: 'completed', startedAt: T0, finishedAt: T0 + 4 * min },
        { shard: '80-', state: 'completed', startedAt: T0 + 4 * min, finishedAt: T0 + 9 * min },
      ],
    });
    const summary = summarizeResize(completed, T0 + 60 * min);
    expect(summary.final).toBe(true);
    expect(summary.elapsedMs).toBe(9 * min);
    expect(summary.fraction).toBe(1);
  });

  it('has no elapsed time without a start, and no progress without shards', () => {
    const summary = summarizeResize(status({ startedAt: undefined, shards: [], state: 'queued' }), T0);
    expect(summary.elapsedMs).toBeUndefined();
    expect(summary.fraction).toBe(0);
    expect(summary.total).toBe(0);
  });
});

describe('orderShardRows', () => {
  it('puts failed, then resizing, then pending, then finished shards first, key-range order within a state', () => {
    const rows = orderShardRows([
      ...status().shards,
      { shard: '-80', state: 'completed' },
      { shard: '20-40', state: 'pending' },
    ]);
    expect(rows.map((row) => `${row.state}:${row.shard}`)).toEqual([
      'failed:40-80',
      'resizing:c0-',
      'pending:-40',
      'pending:20-40',
      'completed:-80',
      'completed:80-c0',
    ]);
  });

  it('sorts names that are not key ranges by text instead of failing', () => {
    const rows = orderShardRows([
      { shard: 'zeta', state: 'pending' },
      { shard: 'alpha', state: 'pending' },
    ]);
    expect(rows.map((row) => row.shard)).toEqual(['alpha', 'zeta']);
  });

  it('does not reorder its input', () => {
    const shards = status().shards;
    const before = shards.map((s) => s.shard);
    orderShardRows(shards);
    expect(shards.map((s) => s.shard)).toEqual(before);
  });
});

describe('durations', () => {
  it('measures finished shards to their finish and running ones to now', () => {
    expect(shardDurationMs({ shard: '-80', state: 'completed', startedAt: T0, finishedAt: T0 + 90_000 }, T0 + 10 * min)).toBe(90_000);
    expect(shardDurationMs({ shard: '-80', state: 'resizing', startedAt: T0 }, T0 + 2 * min)).toBe(2 * min);
    expect(shardDurationMs({ shard: '-80', state: 'pending' }, T0)).toBeUndefined();
  });

  it('formats seconds, minutes, hours and days', () => {
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(200_000)).toBe('3m 20s');
    expect(formatDuration(2 * 3600_000 + 5 * min)).toBe('2h 5m');
    expect(formatDuration(50 * 3600_000)).toBe('2d 2h');
  });

  it('describes the change of size and replicas', () => {
    expect(describeChange(status())).toBe('PS-40 · 2 replicas → PS-80 · 2 replicas');
    expect(describeChange(status({ to: { size: 'PS-80', replicas: 1 } }))).toBe('PS-40 · 2 replicas → PS-80 · 1 replica');
  });
});

describe('describePhase: the resize in words', () => {
  const shard = (name: string, phase: ShardResizePhase, extra: Partial<ShardResize> = {}): ShardResize => ({ shard: name, state: shardStateOfPhase(phase), phase, ...extra });
  const words = (shards: ShardResize[], extra: Partial<ResizeStatus> = {}) => {
    const s = status({ shards, ...extra });
    return describePhase(s, summarizeResize(s, T0 + min));
  };

  it('copying: the whole copy percent', () => {
    expect(words([shard('-80', 'copying', { copyPercent: 40 }), shard('80-', 'copying', { copyPercent: 85 })])).toBe('Copying: 62% copied');
  });

  it('replicating: copied, not switched, with the worst lag', () => {
    expect(words([shard('-80', 'replicating', { lagSeconds: 0.4 }), shard('80-', 'replicating', { lagSeconds: 2.5 })])).toBe('Copied — traffic not switched yet · lag 2.5s');
    expect(words([shard('-80', 'replicating')])).toBe('Copied — traffic not switched yet');
  });

  it('switched, stopped and errors, in the source’s words', () => {
    expect(words([shard('-80', 'switched'), shard('80-', 'switched')])).toBe('Traffic switched — not completed yet');
    expect(words([shard('-80', 'copying'), shard('80-', 'stopped', { message: 'Stopped after copy.' })])).toBe('Stopped (shard 80-: Stopped after copy.)');
    expect(words([shard('-80', 'error', { message: "Duplicate entry '5'" }), shard('80-', 'copying')])).toBe("Error on shard -80: Duplicate entry '5'");
    expect(words([shard('-80', 'error')])).toBe('Error on 1 shard');
  });

  it('queued, pending, and data with states only as before', () => {
    expect(words([], { state: 'queued' })).toBe('Queued, not started yet');
    expect(words([shard('-80', 'pending')], { state: 'pending' })).toBe('Waiting to start');
    expect(words([{ shard: '-80', state: 'completed' }, { shard: '80-', state: 'resizing' }])).toBe('1 of 2 shards done');
  });
});
