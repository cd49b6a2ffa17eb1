/**
 * Starting the layout worker before the first diagram needs it: elkjs takes ≈0.5 s to load, compile and run its first
 * layout, time that can overlap the topology's fetch instead of following it.
 */
import { NODE_HEIGHT, NODE_WIDTH, VTGATES_ID, regionGroupId, tabletNodeId } from './graph.js';
import type { GraphNode, TopologyGraph } from './scene.js';

const tablet = (id: string, group?: string): GraphNode => ({
  id: tabletNodeId(id), kind: 'tablet', width: NODE_WIDTH, height: NODE_HEIGHT, label: { title: '', subtitle: '', name: '' }, group,
});

/**
 * A small diagram of the kinds real ones are made of (VTGates → primary → replicas, one inside a read-only region), so
 * the warm-up also compiles the code paths of compound groups and orthogonal edge routing. Its answer is not kept.
 */
export const WARM_UP_GRAPH: TopologyGraph = {
  nodes: [
    { id: VTGATES_ID, kind: 'vtgates', width: NODE_WIDTH, height: NODE_HEIGHT, label: { title: '', subtitle: '', name: '' } },
    tablet('warm-1'), tablet('warm-2'), tablet('warm-3', regionGroupId('warm')),
  ],
  edges: [
    { id: 'warm-a', from: VTGATES_ID, to: tabletNodeId('warm-1'), replication: false },
    { id: 'warm-b', from: tabletNodeId('warm-1'), to: tabletNodeId('warm-2'), replication: true },
    { id: 'warm-c', from: tabletNodeId('warm-1'), to: tabletNodeId('warm-3'), replication: true },
  ],
  groups: [{ id: regionGroupId('warm'), region: 'warm', title: '' }],
};

/** Layouts of the warm-up graph before the worker counts as warm. */
export const WARM_UP_ROUNDS = 3;

/** How long an idle moment may be waited for (ms) before warming up anyway. */
const IDLE_TIMEOUT_MS = 200;

/** Runs `work` when the page is next idle (soon after load, or while it waits for data), or after 200 ms at most. */
export function whenIdle(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(work, 0);
}
