/** Every event the elements fire, typed once and dispatched through one helper (bubbling and composed). */
import type { DataError } from '../model/errors.js';
import type { SelectableNode } from '../model/types.js';

export interface PsEventDetails {
  /** A node was selected, or the selection was cleared (`node: null`). */
  'ps-select': { node: SelectableNode | null };
  /** The user asked to see a resize's per-shard progress. */
  'ps-view-resize': { keyspace: string };
  /** Loading or validating data failed; the element shows the error too. */
  'ps-error': { error: DataError };
  /** `<ps-shard-stack>` opened a shard (`shard` is its name) or went back to the list (`shard: ''`). */
  'ps-shard-change': { shard: string };
  /** The time range changed: a preset such as `6h`, or an absolute range in epoch ms. */
  'ps-range-change': { range: string | { from: number; to: number } };
}

export type PsEventName = keyof PsEventDetails;
export type PsEvent<N extends PsEventName> = CustomEvent<PsEventDetails[N]>;

/** The `ps-*` events, each with its typed `CustomEvent`. */
export type PsEventMap = { [N in PsEventName]: PsEvent<N> };

// Every element entry re-exports these types, so its declarations reach this augmentation: importing one element is
// enough for `addEventListener('ps-…', (e) => e.detail…)` to type-check. The events bubble and are composed, so a
// document or window listener gets them too (both maps extend GlobalEventHandlersEventMap).
declare global {
  interface GlobalEventHandlersEventMap extends PsEventMap {}
  interface HTMLElementEventMap extends PsEventMap {}
}

/** Fires a typed `ps-*` event that crosses shadow roots. Returns false when a listener cancelled it. */
export function emit<N extends PsEventName>(target: EventTarget, name: N, detail: PsEventDetails[N]): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: true }));
}
