/** PlanetScale provider: topology and keyspace-resize status from the PlanetScale API, through your own proxy. */
export { PlanetScaleProvider, resizeStatusFrom, type PlanetScaleProviderOptions } from './planetscale-provider.js';
export { displaySku } from './decode.js';
