/**
 * Topology → the graph the diagram lays out: one VTGates node (when the source knows of any), then the primary and its
 * replicas (read-only regions as groups), or one shard-stack node for a sharded keyspace, so the graph stays small
 * however many shards exist; likewise a region with more than a handful of replicas draws them as one stacked card, so
 * it stays small however many tablets a shard has (ELK's layered layout took 9 s for 500 tablets and never finished
 * 5 000).
 */
import { pluralize } from '../chart/format.js';
import type { Tablet, TabletRole, Topology } from '../model/types.js';
import type { GraphEdge, GraphGroup, GraphNode, TopologyGraph } from './scene.js';

export const NODE_WIDTH = 232;
export const NODE_HEIGHT = 64;
export const STACK_WIDTH = 248;
/** Three text lines and a fourth for tablets not serving, plus the two cards peeking out behind. */
export const STACK_HEIGHT = 108;
/** Room for a region group's title row above its nodes. */
export const GROUP_HEADER = 40;
export const GROUP_PADDING = 16;
/** Longest text (characters) drawn on a card; the accessible name always has the full text. */
const MAX_LABEL_CHARS = 28;

export const VTGATES_ID = 'vtgates';
export const SHARD_STACK_ID = 'shard-stack';
export const tabletNodeId = (tabletId: string): string => `tablet:${tabletId}`;
export const regionGroupId = (region: string): string => `region:${region}`;
export const replicaGroupId = (region: string): string => `replicas:${region}`;
/** Replicas drawn one by one per region; more than this and the region's replicas are one stacked card. */
export const MAX_REPLICAS_DRAWN = 4;

/** Shortens text for a card, keeping the start (region and zone names share long prefixes at the end). */
export function truncate(text: string, max = MAX_LABEL_CHARS): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

const ROLE_TITLES: Record<TabletRole, string> = { primary: 'Primary', replica: 'Replica', rdonly: 'Read-only replica' };
const ROLE_ORDER: Record<TabletRole, number> = { primary: 0, replica: 1, rdonly: 2 };

/**
 * Whether the diagram has a VTGates node. A source that knows of none says `count: 0`: MySQL without Vitess (the
 * Prometheus `mysqld` preset), a VTAdmin that discovered no vtgate. A "0 VTGates" card with a healthy dot would say
 * something false, so there is no node, no edge from it and nothing to select.
 */
export function hasVTGates(topology: Topology): boolean {
  return topology.vtgates.count > 0;
}

function vtgatesNode(topology: Topology): GraphNode {
  const { count, zones, region } = topology.vtgates;
  const zoneCount = zones.length;
  return {
    id: VTGATES_ID,
    kind: 'vtgates',
    width: NODE_WIDTH,
    height: NODE_HEIGHT,
    label: {
      title: truncate(pluralize(count, 'VTGate', 'VTGates')),
      subtitle: truncate(`${pluralize(zoneCount, 'AZ', 'AZs')} · ${region}`),
      name: `${pluralize(count, 'VTGate', 'VTGates')} in ${pluralize(zoneCount, 'availability zone', 'availability zones')}`,
    },
  };
}

function tabletNode(tablet: Tablet, shard: string): GraphNode {
  const title = ROLE_TITLES[tablet.role];
  const where = tablet.zone ? `${tablet.region} · ${tablet.zone}` : tablet.region;
  return {
    id: tabletNodeId(tablet.id),
    kind: 'tablet',
    width: NODE_WIDTH,
    height: NODE_HEIGHT,
    label: {
      title,
      subtitle: truncate(where),
      name: `${title} MySQL node, ${tablet.region}${tablet.readOnlyRegion ? ', read-only region' : ''}`,
    },
    group: tablet.readOnlyRegion ? regionGroupId(tablet.region) : undefined,
    tabletId: tablet.id,
    shard,
    role: tablet.role,
    readOnlyRegion: tablet.readOnlyRegion,
  };
}

function shardStackNode(topology: Topology): GraphNode {
  const count = topology.shards.length;
  // Describe a typical shard: the most common replica count (shards may differ mid-resize).
  const replicaCounts = new Map<number, number>();
  for (const shard of topology.shards) {
    const replicas = shard.tablets.filter((t) => t.role !== 'primary' && !t.readOnlyRegion).length;
    replicaCounts.set(replicas, (replicaCounts.get(replicas) ?? 0) + 1);
  }
  const replicas = [...replicaCounts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
  const regions = topology.readOnlyRegions.length;
  return {
    id: SHARD_STACK_ID,
    kind: 'shard-stack',
    width: STACK_WIDTH,
    height: STACK_HEIGHT,
    label: {
      title: pluralize(count, 'shard', 'shards'),
      subtitle: replicas ? `1 primary + ${pluralize(replicas, 'replica', 'replicas')} each` : '1 primary each',
      detail: truncate(regions ? `Also in ${pluralize(regions, 'read-only region', 'read-only regions')}` : topology.primaryRegion.slug),
      name: `Shard stack, ${pluralize(count, 'shard', 'shards')}`,
    },
  };
}

/** Builds the layout graph of a topology. Pure: the same topology always gives the same graph. */
export function buildGraph(topology: Topology): TopologyGraph {
  const gates = hasVTGates(topology);
  const nodes: GraphNode[] = gates ? [vtgatesNode(topology)] : [];
  const edges: GraphEdge[] = [];
  const groups: GraphGroup[] = [];
  const edge = (from: string, to: string, replication: boolean) => edges.push({ id: `${from}->${to}`, from, to, replication });
  const route = (to: string) => { if (gates) edge(VTGATES_ID, to, false); };

  if (topology.shards.length > 1) {
    nodes.push(shardStackNode(topology));
    route(SHARD_STACK_ID);
    return { nodes, edges, groups };
  }

  const shard = topology.shards[0];
  if (!shard) return { nodes, edges, groups };
  // Primary first, then primary-region replicas, then each read-only region in the topology's order.
  const regionOrder = new Map(topology.readOnlyRegions.map((region, i) => [region.slug, i]));
  const tablets = [...shard.tablets].sort((a, b) =>
    Number(a.readOnlyRegion) - Number(b.readOnlyRegion)
    || (regionOrder.get(a.region) ?? Infinity) - (regionOrder.get(b.region) ?? Infinity)
    || (a.region < b.region ? -1 : a.region > b.region ? 1 : 0)
    || ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
  const primaries = tablets.filter((t) => t.role === 'primary');
  const grouped = groupedReplicas(topology);
  /** The replicas (tablet nodes, or one group node per crowded region) in drawing order. */
  const replicaIds: string[] = [];
  for (const tablet of tablets) {
    const crowd = tablet.role === 'primary' ? undefined : grouped.get(tablet.region);
    if (crowd && crowd[0] !== tablet) continue;
    const node = crowd ? replicaGroupNode(crowd, shard.name) : tabletNode(tablet, shard.name);
    nodes.push(node);
    if (tablet.role !== 'primary') replicaIds.push(node.id);
    if (node.group && !groups.some((g) => g.id === node.group)) {
      const region = topology.readOnlyRegions.find((r) => r.slug === tablet.region);
      groups.push({ id: node.group, region: tablet.region, title: truncate(tablet.region), subtitle: region?.name });
    }
  }
  // VTGates route to the primary; without one (mid-failover) they reach the replicas directly.
  if (primaries.length) {
    for (const primary of primaries) route(tabletNodeId(primary.id));
    for (const id of replicaIds) edge(tabletNodeId(primaries[0].id), id, true);
  } else {
    for (const id of replicaIds) route(id);
  }
  return { nodes, edges, groups };
}

/**
 * The replicas of an unsharded keyspace's shard drawn as one card, by region: only regions with more than
 * `MAX_REPLICAS_DRAWN` replicas (a sharded keyspace is one stack node anyway). Tablets in the shard's order.
 */
export function groupedReplicas(topology: Topology): Map<string, Tablet[]> {
  const byRegion = new Map<string, Tablet[]>();
  if (topology.shards.length !== 1) return byRegion;
  for (const tablet of topology.shards[0].tablets) {
    if (tablet.role === 'primary') continue;
    const list = byRegion.get(tablet.region);
    if (list) list.push(tablet);
    else byRegion.set(tablet.region, [tablet]);
  }
  for (const [region, list] of byRegion) if (list.length <= MAX_REPLICAS_DRAWN) byRegion.delete(region);
  return byRegion;
}

function replicaGroupNode(tablets: Tablet[], shard: string): GraphNode {
  const { region, readOnlyRegion } = tablets[0];
  const readOnly = tablets.filter((t) => t.role === 'rdonly').length;
  return {
    id: replicaGroupId(region),
    kind: 'replica-group',
    width: STACK_WIDTH,
    height: STACK_HEIGHT,
    label: {
      title: pluralize(tablets.length, 'replica', 'replicas'),
      subtitle: truncate(region),
      detail: readOnly ? truncate(`${pluralize(readOnly, 'read-only replica', 'read-only replicas')} among them`) : undefined,
      name: `${pluralize(tablets.length, 'replica', 'replicas')} in ${region}${readOnlyRegion ? ', read-only region' : ''}`,
    },
    group: readOnlyRegion ? regionGroupId(region) : undefined,
    shard,
    region,
    readOnlyRegion,
  };
}

/** Identifies a graph's shape: equal signatures lay out identically, so a layout can be reused. */
export function graphSignature(graph: TopologyGraph): string {
  return JSON.stringify(graph);
}
