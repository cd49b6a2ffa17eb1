/** Registers `<ps-shard-stack>`. */
import { defineElement } from '../define.js';
import { PsShardStack } from './ps-shard-stack.js';

defineElement('ps-shard-stack', PsShardStack);

declare global {
  interface HTMLElementTagNameMap {
    'ps-shard-stack': PsShardStack;
  }
}
