/** The simulated cluster: a deterministic, embedded DataProvider for demos, stories and tests. */
export { SimulatedProvider, type SimulatedProviderOptions } from './simulated-provider.js';
export { SCENARIOS, type SimulatedScenario } from './scenarios.js';
export { METRIC_SERIES, METRIC_UNITS, TABLET_METRICS, VTGATE_METRICS, chooseStepSeconds } from './metrics.js';
