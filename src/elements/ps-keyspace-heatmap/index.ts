/** `<ps-keyspace-heatmap>`: importing this defines the tag. */
import './define.js';
export { PsKeyspaceHeatmap } from './ps-keyspace-heatmap.js';
// Its events' types; this re-export is also what brings their HTMLElementEventMap entries along with the element.
export type { PsEvent, PsEventDetails, PsEventMap, PsEventName } from '../events.js';
