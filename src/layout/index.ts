/** The diagram's layout engine in one import: graph building, live status, geometry, and the worker client. */
export * from './scene.js';
export * from './graph.js';
export * from './status.js';
export * from './geometry.js';
export { LayoutClient, getLayoutClient, type LayoutWorker, type LayoutRequest, type LayoutResponse } from './layout-client.js';
export { createLayoutWorker, setLayoutWorker, type LayoutWorkerSource } from './worker-loader.js';
