/**
 * The shapes the diagram is made of: a `TopologyGraph` (what to lay out, no geometry) and a `Scene` (the same
 * nodes placed by ELK). Both are plain data, so they cross the worker boundary and can be cached by signature.
 */
import type { TabletRole } from '../model/types.js';

/** `replica-group`: a region's replicas drawn as one stacked card, when there are more than a handful of them. */
export type DiagramNodeKind = 'vtgates' | 'tablet' | 'shard-stack' | 'replica-group';

/** Text drawn on a node; `name` is its accessible name before live facts (lag, serving) are appended. */
export interface NodeLabel {
  title: string;
  subtitle: string;
  /** Optional third line (the shard stack's "1 primary + 2 replicas each"). */
  detail?: string;
  name: string;
}

export interface GraphNode {
  /** `vtgates`, `tablet:<tabletId>`, `shard-stack` or `replicas:<region>`: the ids `ps-select` and `selected` use. */
  id: string;
  kind: DiagramNodeKind;
  width: number;
  height: number;
  label: NodeLabel;
  /** The region group the node sits in (read-only regions only). */
  group?: string;
  tabletId?: string;
  shard?: string;
  role?: TabletRole;
  readOnlyRegion?: boolean;
  /** A replica group's region (its tablets are looked up in the topology when drawn, like every live fact). */
  region?: string;
}

export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  /** Replication edges (primary → replica) carry the replica's lag label. */
  replication: boolean;
}

/** A read-only region drawn as a labelled container around its replicas. */
export interface GraphGroup {
  id: string;
  region: string;
  title: string;
  /** The region's long name, e.g. "AWS us-west-2 (Oregon)", when the source gave one. */
  subtitle?: string;
}

/** Everything that decides the layout, and nothing that does not (no lag, serving state or resize progress). */
export interface TopologyGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  groups: GraphGroup[];
}

export interface Point {
  x: number;
  y: number;
}

export interface SceneNode extends GraphNode {
  /** Absolute position of the top-left corner. */
  x: number;
  y: number;
}

export interface SceneEdge extends GraphEdge {
  /** Absolute polyline from the source's border to the target's border. */
  points: Point[];
  /** Where a replication edge's lag label starts (next to the replica's connection point). */
  lagAt?: Point;
}

export interface SceneGroup extends GraphGroup {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A laid-out diagram: geometry for the node set only; live values are looked up at render time. */
export interface Scene {
  signature: string;
  width: number;
  height: number;
  nodes: SceneNode[];
  edges: SceneEdge[];
  groups: SceneGroup[];
}
