/** `<ps-metric-card>`: defines the tag and exports the class. */
import './define.js';

export { PsMetricCard } from './ps-metric-card.js';
