/**
 * Laid-out scenes by graph signature: in memory for the page, and in sessionStorage so that a reload paints its diagram
 * without waiting for the layout worker to boot (≈0.5 s of elkjs start-up). Only geometry is stored, in the graph's
 * own order; the scene is rebuilt from the graph the diagram has now, so stored data can place nodes but never change
 * what they say. A stored layout counts only for the same signature (the whole graph: nodes, labels, sizes, groups,
 * edges) and the same `LAYOUT_VERSION`; anything unreadable is dropped and laid out again.
 */
import type { Point, Scene, TopologyGraph } from './scene.js';

/**
 * Bump when the layout engine (engine.ts options, elkjs version) places anything differently: stored layouts of other
 * versions are ignored. test/layout/layout-cache.test.ts fails when the engine's output changes under the same version.
 */
export const LAYOUT_VERSION = 1;

/** The sessionStorage entry every diagram on the page shares. */
export const STORAGE_KEY = 'ps-widgets:layouts';
/** Scenes kept in memory: going back to an earlier shape (a failover and back, a keyspace switch) costs nothing. */
const MEMORY_SIZE = 32;
/** Layouts kept in sessionStorage (a few KB each); the least recently laid out go first. */
const STORED_SIZE = 16;

/** What sessionStorage offers that the cache uses; tests hand in their own. */
export type LayoutStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** A scene's geometry, in the graph's order: node x,y; group x,y,width,height; each edge's points (x,y…); lag x,y. */
interface Geometry {
  w: number;
  h: number;
  n: number[];
  g: number[];
  e: number[][];
  l: (number[] | null)[];
}

interface Stored {
  v: number;
  /** [signature, geometry], least recently laid out first. */
  layouts: [string, Geometry][];
}

function defaultStorage(): LayoutStorage | null {
  try {
    // Throws in sandboxed frames and with storage disabled; absent in Node.
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

function geometryOf(scene: Scene): Geometry {
  return {
    w: scene.width,
    h: scene.height,
    n: scene.nodes.flatMap((node) => [node.x, node.y]),
    g: scene.groups.flatMap((group) => [group.x, group.y, group.width, group.height]),
    e: scene.edges.map((edge) => edge.points.flatMap((point) => [point.x, point.y])),
    l: scene.edges.map((edge) => (edge.lagAt ? [edge.lagAt.x, edge.lagAt.y] : null)),
  };
}

const numbers = (list: unknown, length?: number): list is number[] =>
  Array.isArray(list) && (length === undefined || list.length === length) && list.every((value) => Number.isFinite(value));

const points = (flat: readonly number[]): Point[] => {
  const out: Point[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push({ x: flat[i], y: flat[i + 1] });
  return out;
};

/** The scene of `graph` from stored geometry; undefined when the geometry does not fit the graph exactly. */
export function sceneFromGeometry(graph: TopologyGraph, signature: string, geometry: unknown): Scene | undefined {
  const g = geometry as Partial<Geometry> | null;
  const edgeCount = graph.edges.length;
  if (!g || !Number.isFinite(g.w) || !Number.isFinite(g.h) || !numbers(g.n, graph.nodes.length * 2)
    || !numbers(g.g, graph.groups.length * 4) || !Array.isArray(g.e) || g.e.length !== edgeCount
    || !g.e.every((flat) => numbers(flat) && flat.length % 2 === 0) || !Array.isArray(g.l) || g.l.length !== edgeCount
    || !g.l.every((lag) => lag === null || numbers(lag, 2))) return undefined;
  const { n, e, l } = g as Geometry;
  const boxes = g.g as number[];
  return {
    signature,
    width: g.w!,
    height: g.h!,
    nodes: graph.nodes.map((node, i) => ({ ...node, x: n[2 * i], y: n[2 * i + 1] })),
    groups: graph.groups.map((group, i) => ({ ...group, x: boxes[4 * i], y: boxes[4 * i + 1], width: boxes[4 * i + 2], height: boxes[4 * i + 3] })),
    edges: graph.edges.map((edge, i) => ({ ...edge, points: points(e[i]), lagAt: l[i] ? { x: l[i]![0], y: l[i]![1] } : undefined })),
  };
}

export class SceneCache {
  private readonly memory = new Map<string, Scene>();

  constructor(private readonly storage: LayoutStorage | null = defaultStorage()) {}

  /** The scene of a graph laid out before, on this page or (same tab) before a reload; undefined otherwise. */
  get(graph: TopologyGraph, signature: string): Scene | undefined {
    const known = this.memory.get(signature);
    if (known) {
      this.remember(signature, known);
      return known;
    }
    const stored = this.read().find(([key]) => key === signature);
    if (!stored) return undefined;
    const scene = sceneFromGeometry(graph, signature, stored[1]);
    if (!scene) {
      // Unreadable: lay it out again (and the new layout replaces it).
      this.write(this.read().filter(([key]) => key !== signature));
      return undefined;
    }
    this.remember(signature, scene);
    return scene;
  }

  /** A scene the worker just laid out. */
  set(scene: Scene): void {
    this.remember(scene.signature, scene);
    // Read again before writing: another diagram (another copy of the library) may have stored layouts meanwhile.
    this.write([...this.read().filter(([key]) => key !== scene.signature), [scene.signature, geometryOf(scene)]]);
  }

  /** Forgets what this page laid out (not what storage holds): as a reloaded page starts. For tests and benchmarks. */
  clearMemory(): void {
    this.memory.clear();
  }

  private remember(signature: string, scene: Scene): void {
    this.memory.delete(signature);
    this.memory.set(signature, scene);
    while (this.memory.size > MEMORY_SIZE) this.memory.delete(this.memory.keys().next().value!);
  }

  private read(): [string, Geometry][] {
    try {
      const text = this.storage?.getItem(STORAGE_KEY);
      if (!text) return [];
      const stored = JSON.parse(text) as Partial<Stored>;
      // Another version's layouts, or not ours at all: ignored (and overwritten by the next layout).
      if (stored?.v !== LAYOUT_VERSION || !Array.isArray(stored.layouts)) return [];
      return stored.layouts.filter((entry): entry is [string, Geometry] => Array.isArray(entry) && typeof entry[0] === 'string');
    } catch {
      return [];
    }
  }

  private write(layouts: [string, Geometry][]): void {
    if (!this.storage) return;
    // Storage full: keep fewer layouts rather than none.
    for (let keep = STORED_SIZE; keep > 0; keep = Math.floor(keep / 2)) {
      try {
        this.storage.setItem(STORAGE_KEY, JSON.stringify({ v: LAYOUT_VERSION, layouts: layouts.slice(-keep) } satisfies Stored));
        return;
      } catch {
        // QuotaExceededError (or storage refused): try with half as many.
      }
    }
  }
}
