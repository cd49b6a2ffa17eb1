/** Checks cluster events (chart markers) from a provider's `getEvents` or a card's `.events`. */
import type { ClusterEvent, ClusterEventKind } from './types.js';
import { expectArrayOf, expectNumber, expectOneOf, expectRecord, expectString, readSafely, setIfDefined } from './validate.js';

/** `ClusterEventKind`, as a list to check against. */
const EVENT_KINDS: readonly ClusterEventKind[] = ['resize', 'failover', 'promotion', 'other'];

const readEvent = expectRecord((r): ClusterEvent => {
  const event: ClusterEvent = {
    at: r.required('at', expectNumber({ min: 0 })),
    kind: r.required('kind', expectOneOf(EVENT_KINDS)),
    label: r.required('label', expectString()),
  };
  setIfDefined(event, 'shard', r.optional('shard', expectString({ nonEmpty: true })));
  return event;
});

const EVENTS = expectArrayOf(readEvent);

/** A checked list of `ClusterEvent`s; throws an `invalid-data` DataError naming the bad field. */
export function parseClusterEvents(input: unknown, path = 'events'): ClusterEvent[] {
  return readSafely(path, () => EVENTS(input, path));
}
