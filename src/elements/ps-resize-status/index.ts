import './define.js';
export { PsResizeStatus } from './ps-resize-status.js';
// Its events' types; this re-export is also what brings their HTMLElementEventMap entries along with the element.
export type { PsEvent, PsEventDetails, PsEventMap, PsEventName } from '../events.js';
