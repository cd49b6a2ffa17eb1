/** Registers `<ps-topology>`. */
import { defineElement } from '../define.js';
import { PsTopology } from './ps-topology.js';

defineElement('ps-topology', PsTopology);

declare global {
  interface HTMLElementTagNameMap {
    'ps-topology': PsTopology;
  }
}
