/** `<ps-metric-card>`: defines the tag and exports the class. */
import './define.js';

export { PsMetricCard } from './ps-metric-card.js';
// Its events' types; this re-export is also what brings their HTMLElementEventMap entries along with the element.
export type { PsEvent, PsEventDetails, PsEventMap, PsEventName } from '../events.js';
