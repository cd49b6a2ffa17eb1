import { describe, expect, it } from 'vitest';
import { REAL_TABLETS, realTopology } from '../../scripts/real-topology.mjs';
import { MAX_REPLICAS_DRAWN, buildGraph, graphSignature, hasVTGates, truncate } from '../../src/layout/graph.js';
import { nodeStatus, selectableNode } from '../../src/layout/status.js';
import { parseTopology } from '../../src/model/parse.js';
import type { Topology } from '../../src/model/types.js';
import { scenarioTopology, withOtherLiveValues } from './support.js';

const names = (topology: Topology) => buildGraph(topology).nodes.map((node) => nodeStatus(topology, node).name);

describe('buildGraph', () => {
  it('development: one VTGate and one primary, connected', async () => {
    const topology = await scenarioTopology('development');
    const graph = buildGraph(topology);
    expect(graph.nodes.map((n) => n.id)).toEqual(['vtgates', `tablet:${topology.shards[0].tablets[0].id}`]);
    expect(graph.nodes[0].label).toMatchObject({ title: '1 VTGate', subtitle: '1 AZ · us-east-2' });
    expect(graph.nodes[1].label).toMatchObject({ title: 'Primary', subtitle: 'us-east-2 · us-east-2a' });
    expect(names(topology)).toEqual(['1 VTGate in 1 availability zone', 'Primary MySQL node, us-east-2']);
    expect(graph.edges).toEqual([{ id: `vtgates->${graph.nodes[1].id}`, from: 'vtgates', to: graph.nodes[1].id, replication: false }]);
    expect(graph.groups).toEqual([]);
  });

  it('production: VTGates → primary → two replicas whose names carry their lag', async () => {
    const topology = await scenarioTopology('production');
    const graph = buildGraph(topology);
    const [gates, primary, ...replicas] = graph.nodes;
    expect(gates.label.title).toBe('3 VTGates');
    expect(primary.role).toBe('primary');
    expect(replicas.map((r) => r.label.title)).toEqual(['Replica', 'Replica']);
    expect(graph.edges.map((e) => [e.from, e.to, e.replication])).toEqual([
      ['vtgates', primary.id, false],
      [primary.id, replicas[0].id, true],
      [primary.id, replicas[1].id, true],
    ]);
    const lag = topology.shards[0].tablets.find((t) => `tablet:${t.id}` === replicas[0].id)!.lagSeconds!;
    expect(names(topology)).toEqual([
      '3 VTGates in 3 availability zones',
      'Primary MySQL node, us-east-2',
      `Replica MySQL node, us-east-2, replication lag ${lag.toFixed(1)} seconds`,
      expect.stringMatching(/^Replica MySQL node, us-east-2, replication lag \d\.\d seconds$/),
    ]);
  });

  it('read-only regions: their replicas sit in one group per region, marked read-only', async () => {
    const topology = await scenarioTopology('read-only-regions');
    const graph = buildGraph(topology);
    expect(graph.groups.map((g) => [g.id, g.title, g.subtitle])).toEqual([
      ['region:us-west-2', 'us-west-2', 'AWS us-west-2 (Oregon)'],
      ['region:eu-central-1', 'eu-central-1', 'AWS eu-central-1 (Frankfurt)'],
    ]);
    const grouped = graph.nodes.filter((n) => n.group);
    expect(grouped.map((n) => [n.group, n.readOnlyRegion])).toEqual([['region:us-west-2', true], ['region:eu-central-1', true]]);
    expect(graph.nodes.filter((n) => !n.group && n.kind === 'tablet')).toHaveLength(3);
    expect(names(topology)[4]).toMatch(/^Replica MySQL node, us-west-2, read-only region, replication lag \d\.\d seconds$/);
    // Every replica, in any region, is fed by the primary.
    const primary = graph.nodes.find((n) => n.role === 'primary')!;
    expect(graph.edges.filter((e) => e.from === primary.id)).toHaveLength(4);
  });

  it.each([2, 64, 1024])('sharded (%i shards): one stack node, never a node per shard', async (shards) => {
    const topology = await scenarioTopology('sharded', shards);
    const graph = buildGraph(topology);
    expect(graph.nodes.map((n) => n.kind)).toEqual(['vtgates', 'shard-stack']);
    const stack = graph.nodes[1];
    expect(stack.label.title).toBe(`${shards.toLocaleString('en-US')} shards`);
    expect(stack.label.subtitle).toBe('1 primary + 2 replicas each');
    expect(nodeStatus(topology, stack).name).toBe(`Shard stack, ${shards.toLocaleString('en-US')} shards`);
    expect(graph.edges.map((e) => [e.from, e.to])).toEqual([['vtgates', 'shard-stack']]);
  });

  it('a sharded keyspace with read-only regions says so on its stack', async () => {
    const topology = await scenarioTopology('sharded', 4);
    topology.readOnlyRegions = [{ slug: 'us-west-2' }, { slug: 'eu-central-1' }];
    const stack = buildGraph(topology).nodes[1];
    expect(stack.label.detail).toBe('Also in 2 read-only regions');
    expect(buildGraph(topology).groups).toEqual([]);
  });

  it('without a primary (mid-failover) the VTGates reach every tablet', () => {
    const topology: Topology = {
      database: 'd', branch: 'b', branchKind: 'production', keyspace: 'd', keyspaces: ['d'],
      primaryRegion: { slug: 'us-east-2' }, readOnlyRegions: [],
      vtgates: { count: 2, zones: ['a', 'b'], region: 'us-east-2' },
      shards: [{ name: '-', keyRange: { start: '', end: '' }, tablets: [
        { id: 'r1', role: 'replica', region: 'us-east-2', readOnlyRegion: false, serving: true },
        { id: 'r2', role: 'rdonly', region: 'us-east-2', readOnlyRegion: false, serving: true },
      ] }],
    };
    const graph = buildGraph(topology);
    expect(graph.edges.map((e) => [e.from, e.to, e.replication])).toEqual([['vtgates', 'tablet:r1', false], ['vtgates', 'tablet:r2', false]]);
    expect(graph.nodes[2].label.title).toBe('Read-only replica');
  });

  describe('no VTGates known (vtgates.count 0)', () => {
    const none = { count: 0, zones: [], region: 'us-east-2' };

    it('MySQL only: no VTGates node and no edge from one; the primary still feeds its replica', () => {
      // The real-data harness' topology (scripts/real-topology.mjs): a MariaDB primary and replica, no Vitess.
      const topology = parseTopology(realTopology());
      expect(hasVTGates(topology)).toBe(false);
      const graph = buildGraph(topology);
      const [primary, replica] = [`tablet:${REAL_TABLETS.primary}`, `tablet:${REAL_TABLETS.replica}`];
      expect(graph.nodes.map((n) => n.id)).toEqual([primary, replica]);
      expect(graph.edges.map((e) => [e.from, e.to, e.replication])).toEqual([[primary, replica, true]]);
      expect(names(topology)).toEqual(['Primary MySQL node, local', 'Replica MySQL node, local, replication lag unknown']);
      expect(graph.nodes.some((n) => n.kind === 'vtgates' || /VTGate/.test(n.label.name))).toBe(false);
    });

    it('a sharded keyspace: the stack alone', async () => {
      const topology = { ...(await scenarioTopology('sharded', 4)), vtgates: none };
      const graph = buildGraph(topology);
      expect(graph.nodes.map((n) => n.id)).toEqual(['shard-stack']);
      expect(graph.edges).toEqual([]);
    });

    it('without a primary: the replicas, reached by nothing', async () => {
      const production = await scenarioTopology('production');
      const replicas = production.shards[0].tablets.filter((t) => t.role !== 'primary');
      const topology = { ...production, vtgates: none, shards: [{ ...production.shards[0], tablets: replicas }] };
      const graph = buildGraph(topology);
      expect(graph.nodes.map((n) => n.id)).toEqual(replicas.map((t) => `tablet:${t.id}`));
      expect(graph.edges).toEqual([]);
    });

    it('and no tablets: an empty graph (the element says so)', async () => {
      const topology = { ...(await scenarioTopology('development')), vtgates: none, shards: [] };
      expect(buildGraph(topology)).toEqual({ nodes: [], edges: [], groups: [] });
    });

    it('one VTGate known is drawn', async () => {
      const topology = { ...parseTopology(realTopology()), vtgates: { count: 1, zones: ['zone1'], region: 'local' } };
      const graph = buildGraph(topology);
      expect(graph.nodes[0].label.title).toBe('1 VTGate');
      expect(graph.edges[0]).toMatchObject({ from: 'vtgates', to: `tablet:${REAL_TABLETS.primary}` });
    });
  });

  it('long provider strings are shortened on the card but whole in the accessible name', async () => {
    const topology = await scenarioTopology('production');
    const long = 'a-very-long-region-name-that-goes-on-and-on';
    topology.shards[0].tablets[0] = { ...topology.shards[0].tablets[0], region: long, zone: undefined };
    const primary = buildGraph(topology).nodes[1];
    expect(primary.label.subtitle).toBe(truncate(long));
    expect(Array.from(primary.label.subtitle)).toHaveLength(28);
    expect(primary.label.subtitle.endsWith('…')).toBe(true);
    expect(primary.label.name).toBe(`Primary MySQL node, ${long}`);
  });
});

describe('graphSignature', () => {
  it.each(['production', 'read-only-regions', 'sharded', 'resizing'] as const)('%s: ignores lag, serving state and resize progress', async (scenario) => {
    const topology = await scenarioTopology(scenario);
    const other = withOtherLiveValues(topology);
    expect(graphSignature(buildGraph(other))).toBe(graphSignature(buildGraph(topology)));
    // ... while the names, looked up live, do change.
    expect(names(other)).not.toEqual(names(topology));
  });

  it('changes when the node set changes (a new read-only region, a promotion)', async () => {
    const production = await scenarioTopology('production');
    const regions = await scenarioTopology('read-only-regions');
    const development = await scenarioTopology('development');
    const signatures = new Set([production, regions, development].map((t) => graphSignature(buildGraph(t))));
    expect(signatures.size).toBe(3);
  });
});

describe('nodeStatus', () => {
  it('flags lag above the threshold in words, and unknown lag as unknown', async () => {
    const topology = await scenarioTopology('production');
    const replica = topology.shards[0].tablets[1];
    replica.lagSeconds = 12;
    const node = buildGraph(topology).nodes.find((n) => n.tabletId === replica.id)!;
    expect(nodeStatus(topology, node, 10)).toMatchObject({
      lag: { text: '12s', seconds: 12, warning: true },
      name: 'Replica MySQL node, us-east-2, replication lag 12 seconds, above the warning threshold of 10 seconds',
    });
    expect(nodeStatus(topology, node, 20).lag!.warning).toBe(false);
    replica.lagSeconds = null;
    replica.serving = false;
    expect(nodeStatus(topology, node)).toMatchObject({
      serving: false,
      lag: { text: '—', seconds: null, warning: false },
      name: 'Replica MySQL node, us-east-2, replication lag unknown, not serving',
    });
  });

  it('counts the stack\'s tablets that are not serving', async () => {
    const topology = await scenarioTopology('sharded', 4);
    topology.shards[1].tablets[2].serving = false;
    const stack = buildGraph(topology).nodes[1];
    expect(nodeStatus(topology, stack)).toMatchObject({ serving: true, notServing: 1, name: 'Shard stack, 4 shards, 1 tablet not serving' });
  });
});

describe('selectableNode', () => {
  it('gives metric-card refs for VTGates and tablets, and the keyspace for the stack', async () => {
    const production = await scenarioTopology('production');
    const [gates, primary] = buildGraph(production).nodes;
    expect(selectableNode(production, gates)).toEqual({ kind: 'vtgates', id: 'vtgates', ref: { kind: 'vtgates', database: 'shop', branch: 'main', keyspace: 'shop' } });
    expect(selectableNode(production, primary)).toEqual({
      kind: 'tablet', id: primary.id, role: 'primary', region: 'us-east-2',
      ref: { kind: 'tablet', database: 'shop', branch: 'main', keyspace: 'shop', shard: '-', tabletId: primary.tabletId },
    });
    const sharded = await scenarioTopology('sharded', 64);
    expect(selectableNode(sharded, buildGraph(sharded).nodes[1])).toEqual({
      kind: 'shard-stack', id: 'shard-stack', keyspace: { database: 'shop', branch: 'main', keyspace: 'shop' }, shardCount: 64,
    });
  });
});

/** One shard with `replicas` replicas spread over the primary region and a read-only region (every 7th not serving). */
async function crowdedShard(replicas: number): Promise<Topology> {
  const topology = await scenarioTopology('read-only-regions');
  const shard = topology.shards[0];
  const primary = shard.tablets.find((t) => t.role === 'primary')!;
  const tablets = [primary, ...Array.from({ length: replicas }, (_, i) => ({
    id: `zone${i % 3}-${1000 + i}`,
    role: i % 10 === 9 ? ('rdonly' as const) : ('replica' as const),
    region: i % 2 ? 'us-west-2' : primary.region,
    readOnlyRegion: i % 2 === 1,
    serving: i % 7 !== 3,
    lagSeconds: i === 4 ? 120 : (i % 5) / 10,
  }))];
  return { ...topology, readOnlyRegions: [{ slug: 'us-west-2' }], shards: [{ ...shard, tablets }] };
}

describe('a shard with many tablets (issue 15, case 6)', () => {
  it.each([5, 500, 5_000])('%i replicas: more than a handful per region become one card per region; the graph stays small', async (count) => {
    const topology = await crowdedShard(count);
    const graph = buildGraph(topology);
    expect(graph.nodes.length).toBeLessThanOrEqual(2 + 2 * MAX_REPLICAS_DRAWN);
    const groups = graph.nodes.filter((n) => n.kind === 'replica-group');
    if (count <= 2 * MAX_REPLICAS_DRAWN) return expect(groups).toEqual([]);
    const primary = graph.nodes.find((n) => n.role === 'primary')!;
    const local = Math.ceil(count / 2);
    expect(groups.map((g) => [g.id, g.label.title, g.group ?? null])).toEqual([
      ['replicas:us-east-2', `${local.toLocaleString('en-US')} replicas`, null],
      ['replicas:us-west-2', `${(count - local).toLocaleString('en-US')} replicas`, 'region:us-west-2'],
    ]);
    expect(graph.edges.map((e) => [e.from, e.to, e.replication])).toEqual([
      ['vtgates', primary.id, false],
      [primary.id, 'replicas:us-east-2', true],
      [primary.id, 'replicas:us-west-2', true],
    ]);
    // Live facts: the worst lag among them, and how many are not serving.
    const status = nodeStatus(topology, groups[0]);
    const down = topology.shards[0].tablets.filter((t) => t.region === 'us-east-2' && t.role !== 'primary' && !t.serving).length;
    expect(status.lag?.seconds).toBe(120);
    expect(status.notServing).toBe(down);
    expect(status.name).toBe(`${local.toLocaleString('en-US')} replicas in us-east-2, worst replication lag 120 seconds, above the warning threshold of 10 seconds, ${down} not serving`);
    expect(selectableNode(topology, groups[1])).toEqual({
      kind: 'replica-group', id: 'replicas:us-west-2', keyspace: { database: topology.database, branch: topology.branch, keyspace: topology.keyspace },
      shard: topology.shards[0].name, region: 'us-west-2', replicas: count - local,
    });
    // Only the count is in the layout: lag and serving changes need no relayout.
    expect(graphSignature(buildGraph(withOtherLiveValues(topology)))).toBe(graphSignature(graph));
  });
});
