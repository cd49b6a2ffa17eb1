import { useState } from 'react';
import { PsMetricCard } from 'ps-widgets/react/ps-metric-card';
import { PsTopology } from 'ps-widgets/react/ps-topology';
import { SimulatedProvider } from 'ps-widgets/providers/simulated';
import type { SelectableNode } from 'ps-widgets';

const provider = new SimulatedProvider({ scenario: 'sharded' });

export function Infrastructure() {
  const [node, setNode] = useState<SelectableNode | null>(null);
  const [range, setRange] = useState('6h');
  return (
    <>
      <PsTopology provider={provider} database="shop" branch="main" onPsSelect={(e) => setNode(e.detail.node)} />
      <p>Selected: {node?.id ?? 'nothing'}</p>
      {node && node.kind !== 'shard-stack' && (
        <PsMetricCard
          provider={provider}
          node={node}
          range={range}
          expanded
          onPsRangeChange={(e) => typeof e.detail.range === 'string' && setRange(e.detail.range)}
        />
      )}
    </>
  );
}
