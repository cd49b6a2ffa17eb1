import './define.js';
export { PsInfrastructure } from './ps-infrastructure.js';
export { panelFor, type PanelView } from './selection.js';
// Where the diagram's layout worker comes from, for setups that cannot follow the default (README: Layout worker).
export { setLayoutWorker, type LayoutWorkerSource } from '../../layout/worker-loader.js';
// Its events' types; this re-export is also what brings their HTMLElementEventMap entries along with the element.
export type { PsEvent, PsEventDetails, PsEventMap, PsEventName } from '../events.js';
