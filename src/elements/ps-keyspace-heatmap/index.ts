/** `<ps-keyspace-heatmap>`: importing this defines the tag. */
import './define.js';
export { PsKeyspaceHeatmap } from './ps-keyspace-heatmap.js';
