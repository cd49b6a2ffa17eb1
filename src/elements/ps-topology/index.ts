/** `<ps-topology>`: importing this defines the tag. */
import './define.js';
export { PsTopology } from './ps-topology.js';
// Its events' types; this re-export is also what brings their HTMLElementEventMap entries along with the element.
export type { PsEvent, PsEventDetails, PsEventMap, PsEventName } from '../events.js';
