/** The portal example on the simulated cluster: `npm start`, then open /examples/portal/. */
import { setDefaultProvider } from '../../src/providers/provider.js';
import { SimulatedProvider } from '../../src/providers/simulated/index.js';
import { buildPortal } from './portal.js';

const provider = new SimulatedProvider({ scenario: 'sharded', shards: 8 });
setDefaultProvider(provider);
const topology = await provider.getTopology({ database: 'shop', branch: 'main' }, { signal: new AbortController().signal });
const asked = new URLSearchParams(location.search).get('theme');
const theme = asked === 'dark' || asked === 'light' ? asked : 'auto';
if (theme !== 'auto') document.documentElement.dataset.theme = theme;
buildPortal(document.querySelector('main')!, { provider, topology, theme });
