/** `<ps-topology>`: importing this defines the tag. */
import './define.js';
export { PsTopology } from './ps-topology.js';
