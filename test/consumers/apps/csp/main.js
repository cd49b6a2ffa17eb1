// No inline script or style: the page is served with a strict policy (test/consumers/run.mjs, the `csp` app).
import { SimulatedProvider, setDefaultProvider } from './dist/ps-widgets.min.js';

setDefaultProvider(new SimulatedProvider({ scenario: 'read-only-regions' }));
document.querySelector('ps-infrastructure').addEventListener('ps-select', (e) => {
  document.body.dataset.selected = e.detail.node?.id ?? '';
});
addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
