/** `<ps-topology>`: importing this defines the tag. */
import './define.js';
export { PsTopology } from './ps-topology.js';
// Where the diagram's layout worker comes from, for setups that cannot follow the default (README: Layout worker).
export { setLayoutWorker, type LayoutWorkerSource } from '../../layout/worker-loader.js';
// Its events' types; this re-export is also what brings their HTMLElementEventMap entries along with the element.
export type { PsEvent, PsEventDetails, PsEventMap, PsEventName } from '../events.js';
