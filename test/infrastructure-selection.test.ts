import { describe, expect, it } from 'vitest';
import { REAL_TABLETS, realTopology } from '../scripts/real-topology.mjs';
import { panelFor, tabletNode } from '../src/elements/ps-infrastructure/selection.js';
import { parseTopology } from '../src/model/parse.js';
import { SimulatedProvider } from '../src/providers/simulated/index.js';
import type { Topology } from '../src/model/types.js';

const signal = new AbortController().signal;
const now = () => Date.UTC(2026, 10, 28, 12);
async function topologyOf(scenario: 'production' | 'sharded' | 'resizing', shards?: number): Promise<Topology> {
  return new SimulatedProvider({ scenario, shards, now }).getTopology({ database: 'shop', branch: 'main' }, { signal });
}

describe('panelFor', () => {
  it('shows nothing without a selection or a topology', async () => {
    expect(panelFor(await topologyOf('production'), '')).toEqual({ view: 'none' });
    expect(panelFor(undefined, 'vtgates')).toEqual({ view: 'none' });
  });

  it('opens the VTGates card with a metric-card target', async () => {
    const panel = panelFor(await topologyOf('production'), 'vtgates');
    expect(panel).toEqual({
      view: 'metrics',
      node: { kind: 'vtgates', id: 'vtgates', ref: { kind: 'vtgates', database: 'shop', branch: 'main', keyspace: 'shop' } },
    });
  });

  it('offers no VTGates card when no VTGates are known (MySQL only), its MySQL nodes\' cards still', () => {
    // scripts/real-topology.mjs: a MariaDB primary and replica, vtgates.count 0.
    const topology = parseTopology(realTopology());
    expect(panelFor(topology, 'vtgates')).toEqual({ view: 'none' });
    expect(panelFor(topology, `tablet:${REAL_TABLETS.replica}`)).toMatchObject({ view: 'metrics', node: { kind: 'tablet', role: 'replica' } });
  });

  it('opens a replica of an unsharded keyspace without a Back target', async () => {
    const topology = await topologyOf('production');
    const replica = topology.shards[0].tablets.find((t) => t.role === 'replica')!;
    const panel = panelFor(topology, `tablet:${replica.id}`);
    expect(panel.view).toBe('metrics');
    if (panel.view !== 'metrics') return;
    expect(panel.back).toBeUndefined();
    expect(panel.node).toMatchObject({ kind: 'tablet', role: 'replica', region: replica.region });
    expect(panel.node.ref).toEqual({ kind: 'tablet', database: 'shop', branch: 'main', keyspace: 'shop', shard: topology.shards[0].name, tabletId: replica.id });
  });

  it('walks a sharded keyspace: stack → shard → tablet, each Back one level up', async () => {
    const topology = await topologyOf('sharded', 64);
    expect(panelFor(topology, 'shard-stack')).toEqual({ view: 'shards' });
    expect(panelFor(topology, 'shard:80-84')).toEqual({ view: 'shards', shard: '80-84', back: 'shard-stack' });
    const shard = topology.shards.find((s) => s.name === '80-84')!;
    const tablet = shard.tablets[1];
    const panel = panelFor(topology, `tablet:${tablet.id}`);
    expect(panel).toMatchObject({ view: 'metrics', back: 'shard:80-84' });
  });

  it('ignores ids that name nothing (stale deep links)', async () => {
    const topology = await topologyOf('sharded', 4);
    expect(panelFor(topology, 'tablet:nope-1')).toEqual({ view: 'none' });
    expect(panelFor(topology, 'shard:zz')).toEqual({ view: 'none' });
    expect(panelFor(topology, 'resize')).toEqual({ view: 'none' });
    expect(panelFor(await topologyOf('production'), 'shard-stack')).toEqual({ view: 'none' });
    expect(tabletNode(topology, 'nope')).toBeUndefined();
  });

  it('opens the resize detail only while the keyspace has a resize', async () => {
    expect(panelFor(await topologyOf('resizing'), 'resize')).toEqual({ view: 'resize' });
  });
});

describe('panelFor: a region whose replicas are drawn as one card', () => {
  it('opens the shard\'s tablet list, and a tablet from it goes Back to that card', async () => {
    const topology = await topologyOf('production');
    const shard = topology.shards[0];
    const replica = shard.tablets.find((t) => t.role === 'replica')!;
    const crowded: Topology = { ...topology, shards: [{ ...shard, tablets: [...shard.tablets, ...Array.from({ length: 6 }, (_, i) => ({ ...replica, id: `extra-${i}` }))] }] };
    expect(panelFor(crowded, `replicas:${replica.region}`)).toEqual({ view: 'shards', shard: shard.name, region: replica.region });
    const panel = panelFor(crowded, `tablet:${replica.id}`);
    expect(panel.view === 'metrics' && panel.back).toBe(`replicas:${replica.region}`);
    // Not crowded: no such card, no such panel.
    expect(panelFor(topology, `replicas:${replica.region}`)).toEqual({ view: 'none' });
  });
});
