/**
 * Live facts about a diagram node (replication lag, serving state) looked up in the current topology at render time,
 * so that they update without a relayout; and the `ps-select` payload of a node.
 */
import { describeLag, formatLag } from '../chart/format.js';
import type { SelectableNode, Tablet, Topology } from '../model/types.js';
import type { GraphNode } from './scene.js';

/** Replication lag above which a replica is flagged, in seconds. */
export const DEFAULT_LAG_WARNING_SECONDS = 10;

export interface LagStatus {
  /** `0.4s`, `12s`, `—`. */
  text: string;
  seconds: number | null;
  warning: boolean;
}

export interface NodeStatus {
  serving: boolean;
  /** The shard stack: how many of its tablets are not serving (a rolling resize replaces them one by one). */
  notServing?: number;
  /** Replicas only. */
  lag?: LagStatus;
  /** The full accessible name: the node's name plus lag, warning and serving state. */
  name: string;
}

const tabletIndex = new WeakMap<Topology, Map<string, { tablet: Tablet; shard: string }>>();

/** The tablet with this id and its shard's name, indexed once per topology object. */
export function findTablet(topology: Topology, tabletId: string): { tablet: Tablet; shard: string } | undefined {
  let index = tabletIndex.get(topology);
  if (!index) {
    index = new Map();
    for (const shard of topology.shards) for (const tablet of shard.tablets) index.set(tablet.id, { tablet, shard: shard.name });
    tabletIndex.set(topology, index);
  }
  return index.get(tabletId);
}

export function lagStatus(seconds: number | null | undefined, warningSeconds: number): LagStatus {
  const value = seconds === undefined || seconds === null || !Number.isFinite(seconds) ? null : seconds;
  return { text: formatLag(value), seconds: value, warning: value !== null && value > warningSeconds };
}

export function nodeStatus(topology: Topology | undefined, node: GraphNode, lagWarningSeconds = DEFAULT_LAG_WARNING_SECONDS): NodeStatus {
  if (node.kind === 'shard-stack' && topology) {
    let down = 0;
    for (const shard of topology.shards) for (const tablet of shard.tablets) if (!tablet.serving) down++;
    return { serving: true, notServing: down, name: down ? `${node.label.name}, ${down} ${down === 1 ? 'tablet' : 'tablets'} not serving` : node.label.name };
  }
  if (node.kind === 'replica-group' && topology) return replicaGroupStatus(topology, node, lagWarningSeconds);
  if (node.kind !== 'tablet' || !node.tabletId) return { serving: true, name: node.label.name };
  const tablet = topology ? findTablet(topology, node.tabletId)?.tablet : undefined;
  // A node that left the topology is drawn until the new layout arrives; nothing is known about it any more.
  const serving = tablet?.serving ?? false;
  const parts = [node.label.name];
  let lag: LagStatus | undefined;
  if (node.role !== 'primary') {
    lag = lagStatus(tablet?.lagSeconds, lagWarningSeconds);
    parts.push(`replication lag ${describeLag(lag.seconds)}`);
    if (lag.warning) parts.push(`above the warning threshold of ${describeLag(lagWarningSeconds)}`);
  }
  if (!serving) parts.push('not serving');
  return { serving, lag, name: parts.join(', ') };
}

/** A region's replicas drawn as one card: the worst lag among them (the one to worry about), and how many are not serving. */
function replicaGroupStatus(topology: Topology, node: GraphNode, lagWarningSeconds: number): NodeStatus {
  let worst: number | null = null;
  let down = 0;
  for (const tablet of topology.shards.length === 1 ? topology.shards[0].tablets : []) {
    if (tablet.role === 'primary' || tablet.region !== node.region) continue;
    if (!tablet.serving) down++;
    if (typeof tablet.lagSeconds === 'number' && (worst === null || tablet.lagSeconds > worst)) worst = tablet.lagSeconds;
  }
  const lag = lagStatus(worst, lagWarningSeconds);
  const parts = [node.label.name, `worst replication lag ${describeLag(lag.seconds)}`];
  if (lag.warning) parts.push(`above the warning threshold of ${describeLag(lagWarningSeconds)}`);
  if (down) parts.push(`${down} not serving`);
  return { serving: true, notServing: down, lag, name: parts.join(', ') };
}

/** What `ps-select` carries for a node: a `ref` a `<ps-metric-card>` takes as its target, or the stack's keyspace. */
export function selectableNode(topology: Topology, node: GraphNode): SelectableNode | undefined {
  const { database, branch, keyspace } = topology;
  switch (node.kind) {
    case 'vtgates':
      return { kind: 'vtgates', id: node.id, ref: { kind: 'vtgates', database, branch, keyspace } };
    case 'shard-stack':
      return { kind: 'shard-stack', id: node.id, keyspace: { database, branch, keyspace }, shardCount: topology.shards.length };
    case 'replica-group': {
      const replicas = topology.shards[0]?.tablets.filter((t) => t.role !== 'primary' && t.region === node.region).length ?? 0;
      return { kind: 'replica-group', id: node.id, keyspace: { database, branch, keyspace }, shard: node.shard ?? '', region: node.region ?? '', replicas };
    }
    case 'tablet': {
      const found = node.tabletId === undefined ? undefined : findTablet(topology, node.tabletId);
      if (!found) return undefined;
      const { tablet, shard } = found;
      return {
        kind: 'tablet',
        id: node.id,
        ref: { kind: 'tablet', database, branch, keyspace, shard, tabletId: tablet.id },
        role: tablet.role,
        region: tablet.region,
      };
    }
  }
}
