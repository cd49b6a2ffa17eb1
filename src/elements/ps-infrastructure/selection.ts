/**
 * What `<ps-infrastructure>`'s side panel shows for a selection id, and where its Back button leads.
 * Ids are the diagram's node ids (`vtgates`, `tablet:<id>`, `shard-stack`, `replicas:<region>`, `shard:<name>`) plus `resize`,
 * so a host page can keep the whole state in its URL.
 */
import { groupedReplicas, hasVTGates, replicaGroupId } from '../../layout/graph.js';
import type { SelectableNode, TabletRef, Topology } from '../../model/types.js';

export type PanelView =
  | { view: 'none' }
  | { view: 'metrics'; node: Extract<SelectableNode, { kind: 'vtgates' | 'tablet' }>; back?: string }
  | { view: 'shards'; shard?: string; back?: string; region?: string }
  | { view: 'resize' };

export const RESIZE_PANEL_ID = 'resize';

export function nodeIdOf(node: SelectableNode): string {
  return node.id;
}

/** Builds the selectable node for a tablet of the topology, or undefined when the id names none. */
export function tabletNode(topology: Topology, tabletId: string): Extract<SelectableNode, { kind: 'tablet' }> | undefined {
  for (const shard of topology.shards) {
    const tablet = shard.tablets.find((candidate) => candidate.id === tabletId);
    if (!tablet) continue;
    const ref: TabletRef = {
      kind: 'tablet',
      database: topology.database,
      branch: topology.branch,
      keyspace: topology.keyspace,
      shard: shard.name,
      tabletId,
    };
    return { kind: 'tablet', id: `tablet:${tabletId}`, ref, role: tablet.role, region: tablet.region };
  }
  return undefined;
}

export function vtgatesNode(topology: Topology): Extract<SelectableNode, { kind: 'vtgates' }> {
  return {
    kind: 'vtgates',
    id: 'vtgates',
    ref: { kind: 'vtgates', database: topology.database, branch: topology.branch, keyspace: topology.keyspace },
  };
}

/** The panel for a selection id; unknown ids (a tablet that left, a stale link) show no panel rather than an error. */
export function panelFor(topology: Topology | undefined, selected: string): PanelView {
  if (!selected || !topology) return { view: 'none' };
  const sharded = topology.shards.length > 1;
  if (selected === RESIZE_PANEL_ID) return topology.resize ? { view: 'resize' } : { view: 'none' };
  // No VTGates known (MySQL only): the diagram has no node for them, and their card would chart nothing.
  if (selected === 'vtgates') return hasVTGates(topology) ? { view: 'metrics', node: vtgatesNode(topology) } : { view: 'none' };
  if (selected === 'shard-stack') return sharded ? { view: 'shards' } : { view: 'none' };
  if (selected.startsWith('shard:')) {
    const shard = selected.slice('shard:'.length);
    return sharded && topology.shards.some((s) => s.name === shard)
      ? { view: 'shards', shard, back: 'shard-stack' }
      : { view: 'none' };
  }
  // A region's replicas drawn as one card: the shard's tablet list, to pick one from.
  if (selected.startsWith('replicas:')) {
    const region = selected.slice('replicas:'.length);
    return groupedReplicas(topology).has(region) ? { view: 'shards', shard: topology.shards[0].name, region } : { view: 'none' };
  }
  if (selected.startsWith('tablet:')) {
    const node = tabletNode(topology, selected.slice('tablet:'.length));
    if (!node) return { view: 'none' };
    const group = !sharded && node.role !== 'primary' && groupedReplicas(topology).has(node.region) ? replicaGroupId(node.region) : undefined;
    return { view: 'metrics', node, back: sharded ? `shard:${node.ref.shard}` : group };
  }
  return { view: 'none' };
}
