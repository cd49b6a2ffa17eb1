/** Small stroke icons of the shard list on a 16-unit grid, coloured by the theme. */
import { svg } from 'lit';

export { globeIcon } from '../ps-topology/icons.js';

/** A warning triangle with its mark: lag above the threshold, a missing primary, key-range problems. */
export const warningIcon = svg`<path d="M8 1.8 15 14H1Z" stroke-linejoin="round"/><path d="M8 6.2v3.6M8 11.6v.2" stroke-linecap="round"/>`;

/** Back to the list. */
export const backIcon = svg`<path d="M10 3 5 8l5 5" stroke-linecap="round" stroke-linejoin="round"/>`;

/** A row's "open" affordance. */
export const chevronIcon = svg`<path d="m6 3 5 5-5 5" stroke-linecap="round" stroke-linejoin="round"/>`;

/** The filter box. */
export const searchIcon = svg`<circle cx="7" cy="7" r="4.5"/><path d="m10.5 10.5 3 3" stroke-linecap="round"/>`;
