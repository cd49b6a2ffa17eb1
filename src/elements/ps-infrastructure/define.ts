import { defineElement } from '../define.js';
import { PsInfrastructure } from './ps-infrastructure.js';
import '../ps-topology/define.js';
import '../ps-metric-card/define.js';
import '../ps-resize-status/define.js';
import '../ps-shard-stack/define.js';
import '../ps-keyspace-heatmap/define.js';

defineElement('ps-infrastructure', PsInfrastructure);

declare global {
  interface HTMLElementTagNameMap {
    'ps-infrastructure': PsInfrastructure;
  }
}
