import { describe, expect, it } from 'vitest';
import { parseResizeStatus } from '../../src/model/parse.js';
import { resizePhaseOf, resizeProgress, resizeStateOfPhase, shardPhaseOf, shardProgress, shardStateOfPhase } from '../../src/model/resize.js';
import { RESIZE_PHASES, SHARD_RESIZE_PHASES, type ResizeStatus, type ShardResize, type ShardResizePhase } from '../../src/model/types.js';

const shard = (name: string, phase: ShardResizePhase, extra: Partial<ShardResize> = {}): ShardResize => ({ shard: name, state: shardStateOfPhase(phase), phase, ...extra });

function status(shards: ShardResize[], extra: Partial<ResizeStatus> = {}): ResizeStatus {
  return { state: 'resizing', from: { size: '2 shards', replicas: 2 }, to: { size: '4 shards', replicas: 2 }, shards, ...extra };
}

describe('phases and the older states', () => {
  it('maps every phase onto a state the parser accepts', () => {
    for (const phase of SHARD_RESIZE_PHASES) expect(() => parseResizeStatus(status([shard('-80', phase)]))).not.toThrow();
    for (const phase of RESIZE_PHASES) expect(() => parseResizeStatus(status([], { phase, state: resizeStateOfPhase(phase) }))).not.toThrow();
  });

  it('never calls a copied-but-not-switched or a switched-but-not-completed shard completed', () => {
    expect(shardStateOfPhase('replicating')).toBe('resizing');
    expect(shardStateOfPhase('switched')).toBe('resizing');
    expect(resizeStateOfPhase('switched')).toBe('resizing');
    expect(shardStateOfPhase('error')).toBe('failed');
  });

  it('reads a phase from a state when the source gave none', () => {
    expect(shardPhaseOf({ shard: '-80', state: 'failed' })).toBe('error');
    expect(shardPhaseOf({ shard: '-80', state: 'resizing' })).toBe('resizing');
    expect(shardPhaseOf(shard('-80', 'copying'))).toBe('copying');
  });
});

describe('resizePhaseOf', () => {
  it('takes the status’s own phase', () => {
    expect(resizePhaseOf(status([shard('-80', 'copying')], { phase: 'error' }))).toBe('error');
  });

  it('is the least advanced step of a running resize', () => {
    expect(resizePhaseOf(status([shard('-80', 'replicating'), shard('80-', 'copying')]))).toBe('copying');
    expect(resizePhaseOf(status([shard('-80', 'replicating'), shard('80-', 'switched')]))).toBe('replicating');
    expect(resizePhaseOf(status([shard('-80', 'switched'), shard('80-', 'switched')]))).toBe('switched');
  });

  it('puts an error, then a stop, before any step', () => {
    expect(resizePhaseOf(status([shard('-80', 'copying'), shard('80-', 'error')]))).toBe('error');
    expect(resizePhaseOf(status([shard('-80', 'copying'), shard('80-', 'stopped')]))).toBe('stopped');
  });

  it('follows a whole state that is not running, and says resizing when the shards tell no more', () => {
    expect(resizePhaseOf(status([], { state: 'queued' }))).toBe('queued');
    expect(resizePhaseOf(status([{ shard: '-80', state: 'completed' }], { state: 'completed' }))).toBe('completed');
    expect(resizePhaseOf(status([{ shard: '-80', state: 'pending' }, { shard: '80-', state: 'completed' }]))).toBe('resizing');
  });
});

describe('resizeProgress', () => {
  it('averages the shards: the copy percent while copying, 100 once copied', () => {
    expect(resizeProgress(status([shard('-80', 'copying', { copyPercent: 50 }), shard('80-', 'replicating')]))).toBe(75);
    expect(resizeProgress(status([shard('-80', 'copying'), shard('80-', 'pending')]))).toBe(0);
  });

  it('keeps a stopped or failed shard’s copy percent', () => {
    expect(shardProgress(shard('-80', 'stopped', { copyPercent: 30 }))).toBe(30);
    expect(shardProgress(shard('-80', 'error', { copyPercent: 30 }))).toBe(30);
  });

  it('counts completed shards only, for data with states alone (as before phases)', () => {
    expect(resizeProgress(status([{ shard: '-80', state: 'completed' }, { shard: '80-', state: 'resizing' }, { shard: 'c0-', state: 'pending' }, { shard: 'e0-', state: 'pending' }]))).toBe(25);
  });

  it('prefers the source’s own figure', () => {
    expect(resizeProgress(status([shard('-80', 'pending')], { progressPercent: 12 }))).toBe(12);
  });

  it('is 100 for a completed resize without shards, else 0', () => {
    expect(resizeProgress(status([], { state: 'completed' }))).toBe(100);
    expect(resizeProgress(status([]))).toBe(0);
  });
});
