/**
 * TopologyGraph → ELK graph → Scene. Runs wherever it is handed an ELK instance: the layout worker in the browser,
 * elkjs's bundled build in node tests. It imports no elkjs code itself, so the element's chunk never carries ELK.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import { GROUP_HEADER, GROUP_PADDING, graphSignature } from './graph.js';
import type { Point, Scene, SceneEdge, SceneGroup, SceneNode, TopologyGraph } from './scene.js';

/** The part of elkjs's API the engine needs. */
export interface ElkLike {
  layout(graph: ElkNode): Promise<ElkNode>;
}

const MARGIN = 24;
/** Lag labels sit beside the last segment of a replication edge, just above the replica. */
const LAG_OFFSET: Point = { x: 8, y: -22 };

const ROOT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.spacing.nodeNodeBetweenLayers': '72',
  'elk.spacing.nodeNode': '32',
  'elk.spacing.edgeNode': '20',
  'elk.spacing.edgeEdge': '12',
  'elk.layered.spacing.edgeNodeBetweenLayers': '24',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
  'elk.padding': `[top=${MARGIN},left=${MARGIN},bottom=${MARGIN},right=${MARGIN}]`,
};

const GROUP_OPTIONS: Record<string, string> = {
  'elk.padding': `[top=${GROUP_HEADER},left=${GROUP_PADDING},bottom=${GROUP_PADDING},right=${GROUP_PADDING}]`,
  'elk.spacing.nodeNode': '24',
};

/** The ELK input for a graph: region groups become compound nodes, every edge lives at the root. */
export function toElkGraph(graph: TopologyGraph): ElkNode {
  const box = (node: TopologyGraph['nodes'][number]): ElkNode => ({ id: node.id, width: node.width, height: node.height });
  const groups: ElkNode[] = graph.groups.map((group) => ({
    id: group.id,
    layoutOptions: GROUP_OPTIONS,
    children: graph.nodes.filter((node) => node.group === group.id).map(box),
  }));
  return {
    id: 'root',
    layoutOptions: ROOT_OPTIONS,
    children: [...graph.nodes.filter((node) => !node.group).map(box), ...groups],
    edges: graph.edges.map((edge): ElkExtendedEdge => ({ id: edge.id, sources: [edge.from], targets: [edge.to] })),
  };
}

/** Reads ELK's answer back into a Scene with absolute coordinates. */
export function sceneFromElk(graph: TopologyGraph, laid: ElkNode, signature = graphSignature(graph)): Scene {
  // ELK gives children relative to their parent and edges relative to their container.
  const origins = new Map<string, Point>([['root', { x: 0, y: 0 }]]);
  const boxes = new Map<string, { x: number; y: number; width: number; height: number }>();
  const visit = (node: ElkNode, origin: Point) => {
    for (const child of node.children ?? []) {
      const x = origin.x + (child.x ?? 0);
      const y = origin.y + (child.y ?? 0);
      origins.set(child.id, { x, y });
      boxes.set(child.id, { x, y, width: child.width ?? 0, height: child.height ?? 0 });
      visit(child, { x, y });
    }
  };
  visit(laid, { x: 0, y: 0 });

  const nodes: SceneNode[] = graph.nodes.map((node) => {
    const placed = boxes.get(node.id);
    if (!placed) throw new Error(`The layout lost node ${node.id}.`);
    return { ...node, x: round(placed.x), y: round(placed.y) };
  });
  const groups: SceneGroup[] = graph.groups.map((group) => {
    const placed = boxes.get(group.id);
    if (!placed) throw new Error(`The layout lost group ${group.id}.`);
    return { ...group, x: round(placed.x), y: round(placed.y), width: round(placed.width), height: round(placed.height) };
  });

  const groupOf = new Map(nodes.filter((n) => n.group).map((n) => [n.id, groups.find((g) => g.id === n.group)]));
  const laidEdges = new Map<string, ElkExtendedEdge & { container?: string }>();
  const collectEdges = (node: ElkNode) => {
    for (const edge of node.edges ?? []) laidEdges.set(edge.id, edge);
    for (const child of node.children ?? []) collectEdges(child);
  };
  collectEdges(laid);
  const edges: SceneEdge[] = graph.edges.map((edge) => {
    const laidEdge = laidEdges.get(edge.id);
    const section = laidEdge?.sections?.[0];
    const origin = origins.get(laidEdge?.container ?? 'root') ?? { x: 0, y: 0 };
    const points = section
      ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => ({ x: round(p.x + origin.x), y: round(p.y + origin.y) }))
      : straightLine(nodes.find((n) => n.id === edge.from), nodes.find((n) => n.id === edge.to));
    return { ...edge, points, lagAt: edge.replication ? lagPosition(points, groupOf.get(edge.to)) : undefined };
  });

  return { signature, width: round(laid.width ?? 0), height: round(laid.height ?? 0), nodes, edges, groups };
}

/**
 * Beside the last segment of the edge, just above the replica; for a replica inside a region group, just above the
 * group instead, so the label never covers the group's title.
 */
function lagPosition(points: readonly Point[], group?: SceneGroup): Point | undefined {
  const end = points[points.length - 1];
  if (!end) return undefined;
  return { x: end.x + LAG_OFFSET.x, y: Math.min(end.y, group?.y ?? Infinity) + LAG_OFFSET.y };
}

/** Fallback when ELK returns an edge without a route: centre bottom to centre top. */
function straightLine(from?: SceneNode, to?: SceneNode): Point[] {
  if (!from || !to) return [];
  return [{ x: from.x + from.width / 2, y: from.y + from.height }, { x: to.x + to.width / 2, y: to.y }];
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Lays out a graph with the ELK instance given. */
export async function layoutGraph(elk: ElkLike, graph: TopologyGraph): Promise<Scene> {
  return sceneFromElk(graph, await elk.layout(toElkGraph(graph)));
}
