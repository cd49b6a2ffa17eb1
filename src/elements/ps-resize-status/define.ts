import { defineElement } from '../define.js';
import { PsResizeStatus } from './ps-resize-status.js';

defineElement('ps-resize-status', PsResizeStatus);

declare global {
  interface HTMLElementTagNameMap {
    'ps-resize-status': PsResizeStatus;
  }
}
