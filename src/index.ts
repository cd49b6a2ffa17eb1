/** The package's main entry: defines every element and exports the model, the providers and the element classes. */
export * from './model/index.js';
export * from './providers/index.js';
export type { PsEventDetails, PsEventName, PsEvent, PsEventMap } from './elements/events.js';
export { PsMetricCard } from './elements/ps-metric-card/index.js';
export { PsTopology } from './elements/ps-topology/index.js';
export { setLayoutWorker, type LayoutWorkerSource } from './layout/worker-loader.js';
export { PsResizeStatus } from './elements/ps-resize-status/index.js';
export { PsInfrastructure } from './elements/ps-infrastructure/index.js';
export { PsShardStack } from './elements/ps-shard-stack/index.js';
export { PsKeyspaceHeatmap } from './elements/ps-keyspace-heatmap/index.js';
