// webpack 5, the whole library from the main entry.
import { SimulatedProvider, setDefaultProvider } from 'ps-widgets';

setDefaultProvider(new SimulatedProvider({ scenario: 'production' }));

const infrastructure = document.querySelector('ps-infrastructure')!; // typed as PsInfrastructure
infrastructure.addEventListener('ps-select', (e) => {
  document.body.dataset.selected = e.detail.node?.id ?? '';
});
