import './define.js';
export { PsInfrastructure } from './ps-infrastructure.js';
export { panelFor, type PanelView } from './selection.js';
// Its events' types; this re-export is also what brings their HTMLElementEventMap entries along with the element.
export type { PsEvent, PsEventDetails, PsEventMap, PsEventName } from '../events.js';
