// esbuild, one element (the composite) from its own entry.
import 'ps-widgets/elements/ps-infrastructure';
import { SimulatedProvider } from 'ps-widgets/providers/simulated';

const infrastructure = document.querySelector('ps-infrastructure')!; // typed as PsInfrastructure
infrastructure.provider = new SimulatedProvider({ scenario: 'read-only-regions' });
infrastructure.addEventListener('ps-select', (e) => {
  document.body.dataset.selected = e.detail.node?.id ?? '';
});
