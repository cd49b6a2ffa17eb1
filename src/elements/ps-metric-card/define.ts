/** Registers `<ps-metric-card>`. */
import { defineElement } from '../define.js';
import { PsMetricCard } from './ps-metric-card.js';

defineElement('ps-metric-card', PsMetricCard);

declare global {
  interface HTMLElementTagNameMap {
    'ps-metric-card': PsMetricCard;
  }
}
