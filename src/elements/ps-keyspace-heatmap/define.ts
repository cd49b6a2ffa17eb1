/** Registers `<ps-keyspace-heatmap>`. */
import { defineElement } from '../define.js';
import { PsKeyspaceHeatmap } from './ps-keyspace-heatmap.js';

defineElement('ps-keyspace-heatmap', PsKeyspaceHeatmap);

declare global {
  interface HTMLElementTagNameMap {
    'ps-keyspace-heatmap': PsKeyspaceHeatmap;
  }
}
