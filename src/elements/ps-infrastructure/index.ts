import './define.js';
export { PsInfrastructure } from './ps-infrastructure.js';
export { panelFor, type PanelView } from './selection.js';
