// Rollup: the diagram and a card, each alone; choosing a node shows its metrics.
import 'ps-widgets/elements/ps-topology';
import 'ps-widgets/elements/ps-metric-card';
import { SimulatedProvider, setDefaultProvider } from 'ps-widgets/providers';

setDefaultProvider(new SimulatedProvider({ scenario: 'sharded', shards: 16 }));

const card = document.querySelector('ps-metric-card')!;
document.querySelector('ps-topology')!.addEventListener('ps-select', (e) => {
  const node = e.detail.node;
  document.body.dataset.selected = node?.id ?? '';
  card.hidden = !node || node.kind === 'shard-stack';
  if (node) card.node = node;
});
