/** Maps `ps-*` event names to the typed `onPs…` props of the React wrappers (`ps-view-resize` → `onPsViewResize`). */
import type { EventName } from '@lit/react';
import type { PsEvent, PsEventName } from '../elements/events.js';

type Pascal<S extends string> = S extends `${infer Head}-${infer Rest}` ? `${Capitalize<Head>}${Pascal<Rest>}` : Capitalize<S>;

/** The React prop that listens to a `ps-*` event. */
export type EventPropName<N extends PsEventName> = `on${Pascal<N>}`;

/** `@lit/react` `events` option for the given events, each typed with its `PsEventDetails` detail. */
export type EventProps<N extends PsEventName> = { [K in N as EventPropName<K>]: EventName<PsEvent<K>> };

/** The React prop name of a `ps-*` event. */
export function eventPropName<N extends PsEventName>(name: N): EventPropName<N> {
  return `on${name.split('-').map((word) => word[0].toUpperCase() + word.slice(1)).join('')}` as EventPropName<N>;
}

/** The `events` option of `createComponent` for the events an element fires. */
export function eventProps<const N extends PsEventName>(...names: N[]): EventProps<N> {
  return Object.fromEntries(names.map((name) => [eventPropName(name), name])) as unknown as EventProps<N>;
}
