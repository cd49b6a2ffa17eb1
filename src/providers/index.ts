/** Every data provider and the contract, importable without defining any element. */
export type { DataProvider, RequestOptions } from './provider.js';
export { setDefaultProvider, getDefaultProvider } from './provider.js';
export { SimulatedProvider, SCENARIOS } from './simulated/index.js';
export type { SimulatedProviderOptions, SimulatedScenario } from './simulated/index.js';
export * from './prometheus/index.js';
export * from './vtadmin/index.js';
export * from './planetscale/index.js';
export { combineProviders, type CombinedSources } from './combine.js';
