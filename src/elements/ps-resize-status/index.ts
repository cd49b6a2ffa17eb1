import './define.js';
export { PsResizeStatus } from './ps-resize-status.js';
