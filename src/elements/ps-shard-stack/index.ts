/** `<ps-shard-stack>`: importing this defines the tag. */
import './define.js';
export { PsShardStack } from './ps-shard-stack.js';
