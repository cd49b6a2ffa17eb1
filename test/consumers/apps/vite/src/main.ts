// Vite, each element alone (README "Use it with a bundler"): the diagram's layout worker comes along by itself.
import 'ps-widgets/elements/ps-topology';
import 'ps-widgets/elements/ps-metric-card';
import { setDefaultProvider } from 'ps-widgets/providers';
import { SimulatedProvider } from 'ps-widgets/providers/simulated';

setDefaultProvider(new SimulatedProvider({ scenario: 'production' }));

const topology = document.querySelector('ps-topology')!; // typed as PsTopology
const card = document.querySelector('ps-metric-card')!; // typed as PsMetricCard
topology.addEventListener('ps-select', (e) => {
  document.body.dataset.selected = e.detail.node?.id ?? '';
  if (e.detail.node) card.node = e.detail.node;
});
card.addEventListener('ps-range-change', (e) => {
  document.body.dataset.range = typeof e.detail.range === 'string' ? e.detail.range : `${e.detail.range.from}-${e.detail.range.to}`;
});
