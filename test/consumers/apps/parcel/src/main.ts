// Parcel: the composite from its own entry.
import 'ps-widgets/elements/ps-infrastructure';
import { SimulatedProvider, setDefaultProvider } from 'ps-widgets/providers';

setDefaultProvider(new SimulatedProvider({ scenario: 'production' }));
document.querySelector('ps-infrastructure')!.addEventListener('ps-select', (e) => {
  document.body.dataset.selected = e.detail.node?.id ?? '';
});
