import { describe, expect, it } from 'vitest';
import { cardTitle, metricSpec, metricsFor, unitOf } from '../../src/chart/catalogue.js';
import type { ElementRef } from '../../src/model/types.js';

const tablet: ElementRef = { kind: 'tablet', database: 'db', branch: 'main', keyspace: 'db', shard: '-80', tabletId: 'zone1-101' };
const vtgates: ElementRef = { kind: 'vtgates', database: 'db', branch: 'main', keyspace: 'db' };
const ids = (specs: { id: string }[]) => specs.map((s) => s.id);

describe('metricsFor', () => {
  it('gives VTGates connections, latency, queries received, CPU and memory', () => {
    const specs = metricsFor(vtgates);
    expect(ids(specs)).toEqual(['connections', 'latency', 'queries', 'cpu', 'memory']);
    expect(specs.find((s) => s.id === 'queries')!.title).toBe('Queries received');
    const latency = specs.find((s) => s.id === 'latency')!;
    expect(latency.series.map((s) => [s.label, Boolean(s.optional)])).toEqual([['p50', false], ['p95', false], ['p99', true]]);
  });

  it('gives a replica replication lag, a primary none, an unknown role the lag chart to try', () => {
    const base = ['reads_writes', 'queries', 'iops', 'cpu', 'memory', 'storage'];
    expect(ids(metricsFor(tablet, 'primary'))).toEqual(base);
    expect(ids(metricsFor(tablet, 'replica'))).toEqual([...base, 'replication_lag']);
    expect(ids(metricsFor(tablet, 'rdonly'))).toEqual([...base, 'replication_lag']);
    expect(ids(metricsFor(tablet))).toEqual([...base, 'replication_lag']);
    expect(metricsFor(tablet, 'replica').find((s) => s.id === 'queries')!.title).toBe('Queries served');
  });

  it('pins storage to the past week and states PlanetScale warning levels', () => {
    const storage = metricSpec('storage');
    expect(storage.window).toBe('7d');
    expect(storage.windowLabel).toBe('Past 7 days');
    expect(storage.thresholds.map((t) => t.value)).toEqual([0.6, 0.75, 0.85, 0.9, 0.95]);
    expect(storage.thresholds.every((t) => t.relativeTo === 'capacity')).toBe(true);
    expect(metricSpec('cpu').thresholds).toEqual([{ value: 70, label: '70%', unit: 'percent' }]);
    expect(metricSpec('memory').thresholds).toEqual([{ value: 80, label: '80%', unit: 'percent' }]);
    expect(metricSpec('iops').unit).toBe('iops');
    expect(metricSpec('replication_lag').unit).toBe('seconds');
  });
});

describe('unitOf', () => {
  it('takes the frame’s unit, and the catalogue’s while there is no frame', () => {
    expect(unitOf(metricSpec('cpu'), { unit: 'cores' })).toBe('cores');
    expect(unitOf(metricSpec('memory'), { unit: 'bytes' })).toBe('bytes');
    expect(unitOf(metricSpec('cpu'), { unit: 'percent' })).toBe('percent');
    expect(unitOf(metricSpec('cpu'), undefined)).toBe('percent');
  });
});

describe('cardTitle', () => {
  it('names VTGates by count and zones', () => {
    expect(cardTitle(vtgates, { vtgates: { count: 3, zones: ['a', 'b', 'c'] } })).toBe('VTGates · 3 in 3 AZs');
    expect(cardTitle(vtgates, { vtgates: { count: 1, zones: ['a'] } })).toBe('VTGate · 1 in 1 AZ');
    expect(cardTitle(vtgates, { vtgates: { count: 6, zones: ['a', 'a', 'b', 'b', 'c', 'c'] } })).toBe('VTGates · 6 in 3 AZs');
    expect(cardTitle(vtgates)).toBe('VTGates');
  });

  it('names a MySQL node by role, region and shard, leaving out an unsharded keyspace’s shard', () => {
    expect(cardTitle(tablet, { role: 'replica', region: 'us-west-2' })).toBe('Replica · us-west-2 · shard -80');
    expect(cardTitle(tablet, { role: 'primary' })).toBe('Primary · shard -80');
    expect(cardTitle({ ...tablet, shard: '-' }, { role: 'primary', region: 'us-east-2' })).toBe('Primary · us-east-2');
    expect(cardTitle({ ...tablet, shard: '0' })).toBe('MySQL node');
  });
});
