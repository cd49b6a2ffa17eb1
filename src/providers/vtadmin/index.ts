/** VTAdmin provider: topology and reshard progress from open-source Vitess' VTAdmin HTTP API. */
export { VTAdminProvider, resizeFromWorkflow, type VTAdminProviderOptions } from './vtadmin-provider.js';
export { unpadAlias } from './decode.js';
export type { CellLocation, CellMap } from '../shared/vitess-topology.js';
