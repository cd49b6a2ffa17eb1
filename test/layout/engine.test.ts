import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { buildGraph, graphSignature } from '../../src/layout/graph.js';
import { layoutGraph, sceneFromElk, toElkGraph } from '../../src/layout/engine.js';
import type { Scene, SceneNode } from '../../src/layout/scene.js';
import type { SimulatedScenario } from '../../src/providers/simulated/index.js';
import { scenarioTopology } from './support.js';

const elk = new ELK();

async function sceneOf(scenario: SimulatedScenario, shards?: number): Promise<Scene> {
  return layoutGraph(elk, buildGraph(await scenarioTopology(scenario, shards)));
}

const overlaps = (a: SceneNode, b: SceneNode) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const byId = (scene: Scene, id: string) => scene.nodes.find((n) => n.id === id)!;

describe('layoutGraph (elkjs)', () => {
  it.each(['development', 'production', 'read-only-regions', 'sharded', 'resizing'] as const)('%s: nodes inside the scene, none overlapping', async (scenario) => {
    const scene = await sceneOf(scenario);
    expect(scene.signature).toBe(graphSignature(buildGraph(await scenarioTopology(scenario))));
    for (const node of scene.nodes) {
      expect(node.x).toBeGreaterThanOrEqual(0);
      expect(node.y).toBeGreaterThanOrEqual(0);
      expect(node.x + node.width).toBeLessThanOrEqual(scene.width);
      expect(node.y + node.height).toBeLessThanOrEqual(scene.height);
    }
    for (const a of scene.nodes) for (const b of scene.nodes) if (a !== b) expect(overlaps(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
  });

  it('reads top to bottom: VTGates above the primary above its replicas', async () => {
    const scene = await sceneOf('production');
    const gates = byId(scene, 'vtgates');
    const primary = scene.nodes.find((n) => n.role === 'primary')!;
    const replicas = scene.nodes.filter((n) => n.role === 'replica');
    expect(gates.y + gates.height).toBeLessThan(primary.y);
    for (const replica of replicas) expect(primary.y + primary.height).toBeLessThan(replica.y);
    // Replicas of one region share a row.
    expect(new Set(replicas.map((r) => r.y)).size).toBe(1);
  });

  it('edges run from the source\'s border to the target\'s, and lag labels sit next to the replica end', async () => {
    const scene = await sceneOf('production');
    for (const edge of scene.edges) {
      const from = byId(scene, edge.from);
      const to = byId(scene, edge.to);
      const start = edge.points[0];
      const end = edge.points[edge.points.length - 1];
      expect(start.y).toBeCloseTo(from.y + from.height, 0);
      expect(start.x).toBeGreaterThanOrEqual(from.x);
      expect(start.x).toBeLessThanOrEqual(from.x + from.width);
      expect(end.y).toBeCloseTo(to.y, 0);
      expect(end.x).toBeGreaterThanOrEqual(to.x);
      expect(end.x).toBeLessThanOrEqual(to.x + to.width);
      if (edge.replication) {
        expect(edge.lagAt!.y).toBeLessThan(to.y);
        expect(edge.lagAt!.y).toBeGreaterThan(from.y + from.height);
        expect(Math.abs(edge.lagAt!.x - end.x)).toBeLessThan(20);
      } else {
        expect(edge.lagAt).toBeUndefined();
      }
    }
  });

  it('read-only regions: groups enclose their replicas, below the primary, with lag labels above the group', async () => {
    const scene = await sceneOf('read-only-regions');
    expect(scene.groups).toHaveLength(2);
    const primary = scene.nodes.find((n) => n.role === 'primary')!;
    for (const group of scene.groups) {
      const members = scene.nodes.filter((n) => n.group === group.id);
      expect(members).toHaveLength(1);
      for (const node of members) {
        expect(node.x).toBeGreaterThan(group.x);
        expect(node.y).toBeGreaterThan(group.y + 30);
        expect(node.x + node.width).toBeLessThan(group.x + group.width);
        expect(node.y + node.height).toBeLessThan(group.y + group.height);
        const edge = scene.edges.find((e) => e.to === node.id)!;
        expect(edge.from).toBe(primary.id);
        expect(edge.lagAt!.y).toBeLessThan(group.y);
      }
      expect(group.y).toBeGreaterThan(primary.y + primary.height);
      for (const node of scene.nodes.filter((n) => n.group !== group.id)) {
        expect(overlaps(node, { ...node, ...group }), `${node.id} inside ${group.id}`).toBe(false);
      }
    }
  });

  it('a 1024-shard keyspace lays out as two nodes', async () => {
    const scene = await sceneOf('sharded', 1024);
    expect(scene.nodes.map((n) => n.id)).toEqual(['vtgates', 'shard-stack']);
    expect(scene.edges).toHaveLength(1);
  });

  it('a shard with 5 000 tablets lays out as a handful of nodes: a card per crowded region (issue 15, case 6)', async () => {
    const topology = await scenarioTopology('read-only-regions');
    const shard = topology.shards[0];
    const template = shard.tablets.filter((t) => t.role !== 'primary');
    const tablets = [shard.tablets.find((t) => t.role === 'primary')!, ...Array.from({ length: 5_000 }, (_, i) => ({ ...template[i % template.length], id: `zone1-${10_000 + i}` }))];
    const scene = await layoutGraph(elk, buildGraph({ ...topology, shards: [{ ...shard, tablets }] }));
    expect(scene.nodes.filter((n) => n.kind === 'replica-group').length).toBeGreaterThan(0);
    expect(scene.nodes.length).toBeLessThan(12);
    for (const a of scene.nodes) for (const b of scene.nodes) if (a !== b) expect(overlaps(a, b), `${a.id} / ${b.id}`).toBe(false);
    for (const group of scene.groups) {
      for (const node of scene.nodes.filter((n) => n.group === group.id)) {
        expect(node.x >= group.x && node.y >= group.y && node.x + node.width <= group.x + group.width && node.y + node.height <= group.y + group.height, node.id).toBe(true);
      }
    }
  });

  it('turns child and edge coordinates relative to their containers into absolute ones', () => {
    const graph = {
      nodes: [
        { id: 'a', kind: 'tablet' as const, width: 10, height: 10, label: { title: 'a', subtitle: '', name: 'a' } },
        { id: 'b', kind: 'tablet' as const, width: 10, height: 10, group: 'g', label: { title: 'b', subtitle: '', name: 'b' } },
      ],
      edges: [{ id: 'a->b', from: 'a', to: 'b', replication: true }],
      groups: [{ id: 'g', region: 'r', title: 'r' }],
    };
    expect(toElkGraph(graph).children!.map((c) => c.id)).toEqual(['a', 'g']);
    const scene = sceneFromElk(graph, {
      id: 'root', width: 200, height: 200,
      children: [{ id: 'a', x: 5, y: 5, width: 10, height: 10 }, { id: 'g', x: 100, y: 50, width: 50, height: 60, children: [{ id: 'b', x: 20, y: 40, width: 10, height: 10 }] }],
      edges: [{ id: 'a->b', sources: ['a'], targets: ['b'], container: 'g', sections: [{ id: 's', startPoint: { x: -90, y: -30 }, endPoint: { x: 25, y: 40 } }] } as never],
    });
    expect(byId(scene, 'b')).toMatchObject({ x: 120, y: 90 });
    expect(scene.groups[0]).toMatchObject({ x: 100, y: 50, width: 50, height: 60 });
    expect(scene.edges[0].points).toEqual([{ x: 10, y: 20 }, { x: 125, y: 90 }]);
    // The lag label clears the group's title row.
    expect(scene.edges[0].lagAt!.y).toBeLessThan(50);
  });
});
