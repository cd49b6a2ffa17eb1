// Topologies of the simulated scenarios, shared by the layout tests.
import type { Topology } from '../../src/model/types.js';
import { SimulatedProvider, type SimulatedScenario } from '../../src/providers/simulated/index.js';

export function scenarioTopology(scenario: SimulatedScenario, shards?: number): Promise<Topology> {
  return new SimulatedProvider({ scenario, shards, now: () => Date.UTC(2026, 10, 20, 12) })
    .getTopology({ database: 'shop', branch: 'main' }, { signal: new AbortController().signal });
}

/** A copy with every replica's lag and serving state changed: the same node set, other live values. */
export function withOtherLiveValues(topology: Topology): Topology {
  return {
    ...topology,
    shards: topology.shards.map((shard) => ({
      ...shard,
      tablets: shard.tablets.map((tablet) => (tablet.role === 'primary' ? tablet : { ...tablet, lagSeconds: (tablet.lagSeconds ?? 0) + 42, serving: !tablet.serving })),
    })),
    resize: null,
  };
}
