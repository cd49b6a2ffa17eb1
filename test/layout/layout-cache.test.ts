import { createHash } from 'node:crypto';
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { layoutGraph } from '../../src/layout/engine.js';
import {
  NODE_HEIGHT, NODE_WIDTH, SHARD_STACK_ID, STACK_HEIGHT, STACK_WIDTH, VTGATES_ID, buildGraph, graphSignature, regionGroupId, tabletNodeId,
} from '../../src/layout/graph.js';
import { LAYOUT_VERSION, STORAGE_KEY, SceneCache, sceneFromGeometry, type LayoutStorage } from '../../src/layout/layout-cache.js';
import type { Scene, TopologyGraph } from '../../src/layout/scene.js';
import type { SimulatedScenario } from '../../src/providers/simulated/index.js';
import { scenarioTopology, withOtherLiveValues } from './support.js';

const elk = new ELK();
const SCENARIOS = ['development', 'production', 'read-only-regions', 'sharded', 'resizing'] as const;

/** sessionStorage's behaviour, in memory; `limit` (characters) makes setItem throw as a full storage does. */
class MemoryStorage implements LayoutStorage {
  readonly items = new Map<string, string>();
  constructor(private readonly limit = Infinity) {}
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (value.length > this.limit) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

async function laidOut(scenario: SimulatedScenario): Promise<{ graph: TopologyGraph; signature: string; scene: Scene }> {
  const graph = buildGraph(await scenarioTopology(scenario));
  return { graph, signature: graphSignature(graph), scene: await layoutGraph(elk, graph) };
}

/** VTGates → a primary → `replicas` replicas beside it and one in each of `regions` read-only regions. */
function fixedShape(replicas: number, regions: number): TopologyGraph {
  const box = { width: NODE_WIDTH, height: NODE_HEIGHT };
  const label = (title: string) => ({ title, subtitle: 'us-east-2 · us-east-2a', name: title });
  const graph: TopologyGraph = {
    nodes: [{ id: VTGATES_ID, kind: 'vtgates', ...box, label: label('3 VTGates') }, { id: tabletNodeId('p'), kind: 'tablet', ...box, label: label('Primary'), role: 'primary' }],
    edges: [{ id: 'vtgates->p', from: VTGATES_ID, to: tabletNodeId('p'), replication: false }],
    groups: [],
  };
  const replica = (id: string, group?: string) => {
    graph.nodes.push({ id: tabletNodeId(id), kind: 'tablet', ...box, label: label('Replica'), role: 'replica', group, readOnlyRegion: group !== undefined });
    graph.edges.push({ id: `p->${id}`, from: tabletNodeId('p'), to: tabletNodeId(id), replication: true });
  };
  for (let i = 0; i < replicas; i++) replica(`r${i}`);
  for (let i = 0; i < regions; i++) {
    graph.groups.push({ id: regionGroupId(`region-${i}`), region: `region-${i}`, title: `region-${i}` });
    replica(`g${i}`, regionGroupId(`region-${i}`));
  }
  return graph;
}

function stackShape(): TopologyGraph {
  return {
    nodes: [
      { id: VTGATES_ID, kind: 'vtgates', width: NODE_WIDTH, height: NODE_HEIGHT, label: { title: '6 VTGates', subtitle: '', name: '' } },
      { id: SHARD_STACK_ID, kind: 'shard-stack', width: STACK_WIDTH, height: STACK_HEIGHT, label: { title: '8 shards', subtitle: '', name: '' } },
    ],
    edges: [{ id: 'vtgates->shard-stack', from: VTGATES_ID, to: SHARD_STACK_ID, replication: false }],
    groups: [],
  };
}

const stored = (storage: MemoryStorage) => JSON.parse(storage.items.get(STORAGE_KEY)!) as { v: number; layouts: [string, unknown][] };

describe('SceneCache', () => {
  it.each(SCENARIOS)('%s: a reloaded page (a new cache on the same storage) gets the same scene back', async (scenario) => {
    const storage = new MemoryStorage();
    const { graph, signature, scene } = await laidOut(scenario);
    new SceneCache(storage).set(scene);
    const reloaded = new SceneCache(storage);
    // Structured clone is what the worker's answer went through: compare against plain data, not object identity.
    expect(reloaded.get(graph, signature)).toEqual(structuredClone(scene));
  });

  it('keeps the same scene object in memory; a lag-only change is the same shape, a new node is not', async () => {
    const storage = new MemoryStorage();
    const cache = new SceneCache(storage);
    const { graph, signature, scene } = await laidOut('production');
    cache.set(scene);
    expect(cache.get(graph, signature)).toBe(scene);
    const lagOnly = buildGraph(withOtherLiveValues(await scenarioTopology('production')));
    expect(graphSignature(lagOnly)).toBe(signature);
    const other = buildGraph(await scenarioTopology('read-only-regions'));
    expect(cache.get(other, graphSignature(other))).toBeUndefined();
    // A renamed node is another signature: a stored layout never lends its place to a different graph.
    const renamed: TopologyGraph = { ...graph, nodes: graph.nodes.map((n, i) => (i === 1 ? { ...n, label: { ...n.label, title: 'Other' } } : n)) };
    expect(cache.get(renamed, graphSignature(renamed))).toBeUndefined();
  });

  it('ignores layouts stored by another layout version', async () => {
    const storage = new MemoryStorage();
    const { graph, signature, scene } = await laidOut('production');
    new SceneCache(storage).set(scene);
    const entry = stored(storage);
    storage.setItem(STORAGE_KEY, JSON.stringify({ ...entry, v: LAYOUT_VERSION + 1 }));
    expect(new SceneCache(storage).get(graph, signature)).toBeUndefined();
    // The next layout overwrites the other version's entry with this one's.
    new SceneCache(storage).set(scene);
    expect(stored(storage).v).toBe(LAYOUT_VERSION);
  });

  it('drops a stored layout that does not fit its graph, or is not numbers, and asks for a new one', async () => {
    const storage = new MemoryStorage();
    const { graph, signature, scene } = await laidOut('read-only-regions');
    new SceneCache(storage).set(scene);
    const good = stored(storage).layouts[0][1] as Record<string, unknown[]>;
    const broken = [
      { ...good, n: good.n.slice(2) }, // a node short
      { ...good, n: good.n.map((v, i) => (i === 0 ? 'x' : v)) },
      { ...good, g: [] }, // the region group lost
      { ...good, e: good.e.slice(1) },
      { ...good, e: good.e.map((points, i) => (i === 0 ? [1, 2, 3] : points)) },
      { ...good, l: good.l.map(() => [Number.NaN, 1]) },
      { ...good, w: null },
      null,
      'geometry',
    ];
    for (const geometry of broken) {
      expect(sceneFromGeometry(graph, signature, geometry)).toBeUndefined();
      storage.setItem(STORAGE_KEY, JSON.stringify({ v: LAYOUT_VERSION, layouts: [[signature, geometry]] }));
      expect(new SceneCache(storage).get(graph, signature)).toBeUndefined();
      expect(stored(storage).layouts).toHaveLength(0);
    }
    storage.setItem(STORAGE_KEY, '{not json');
    expect(new SceneCache(storage).get(graph, signature)).toBeUndefined();
  });

  it('takes only positions from storage: what nodes say comes from the graph', async () => {
    const storage = new MemoryStorage();
    const { graph, signature, scene } = await laidOut('production');
    new SceneCache(storage).set(scene);
    const entry = stored(storage);
    (entry.layouts[0][1] as Record<string, unknown>).nodes = [{ label: { title: 'Injected' } }];
    storage.setItem(STORAGE_KEY, JSON.stringify(entry));
    const read = new SceneCache(storage).get(graph, signature)!;
    expect(read.nodes.map((n) => n.label)).toEqual(graph.nodes.map((n) => n.label));
    expect(JSON.stringify(read)).not.toContain('Injected');
  });

  it('keeps the 16 most recent layouts in storage, and fewer rather than none when storage is full', async () => {
    const storage = new MemoryStorage();
    const cache = new SceneCache(storage);
    // Eighteen shapes (only their signatures differ here: what is kept is decided by signature).
    const { graph, scene } = await laidOut('read-only-regions');
    const scenes = Array.from({ length: 18 }, (_, i) => ({ ...scene, signature: `${scene.signature}#${i}` }));
    for (const one of scenes) cache.set(one);
    expect(stored(storage).layouts.map(([signature]) => signature)).toEqual(scenes.slice(2).map((s) => s.signature));
    const reloaded = new SceneCache(storage);
    expect(reloaded.get(graph, scenes[0].signature)).toBeUndefined();
    expect(reloaded.get(graph, scenes[17].signature)).toEqual(structuredClone(scenes[17]));

    const small = new MemoryStorage(storage.items.get(STORAGE_KEY)!.length / 3);
    const squeezed = new SceneCache(small);
    for (const scene of scenes) squeezed.set(scene);
    const kept = stored(small).layouts;
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(16);
    expect(kept.at(-1)![0]).toBe(scenes[17].signature);
  });

  it('works from memory alone where storage is missing or refuses access', async () => {
    const refusing: LayoutStorage = {
      getItem: () => { throw new DOMException('denied', 'SecurityError'); },
      setItem: () => { throw new DOMException('denied', 'SecurityError'); },
      removeItem: () => {},
    };
    const { graph, signature, scene } = await laidOut('development');
    for (const storage of [null, refusing]) {
      const cache = new SceneCache(storage);
      expect(cache.get(graph, signature)).toBeUndefined();
      cache.set(scene);
      expect(cache.get(graph, signature)).toBe(scene);
    }
  });

  it('LAYOUT_VERSION changes when the engine places anything differently', async () => {
    // A fingerprint of the engine's scenes for fixed shapes (defined here, so changes to the simulated cluster do not
    // move it). When it changes, layouts stored by the previous engine would be wrong: bump LAYOUT_VERSION in
    // src/layout/layout-cache.ts and record the new fingerprint here.
    const shapes = [fixedShape(0, 0), fixedShape(2, 0), fixedShape(2, 2), fixedShape(1, 3), stackShape()];
    const scenes = await Promise.all(shapes.map((graph) => layoutGraph(elk, graph)));
    const fingerprint = createHash('sha256').update(JSON.stringify(scenes)).digest('hex').slice(0, 16);
    expect({ version: LAYOUT_VERSION, fingerprint }).toEqual({ version: 1, fingerprint: 'c53bd4ff9075bbeb' });
  });
});
