/** The diagram's icons as lit `svg` templates on a 16-unit grid (stroke-drawn, coloured by the theme). */
import { svg } from 'lit';

/** A MySQL node: a database cylinder. */
export const cylinderIcon = svg`<ellipse cx="8" cy="3.5" rx="6" ry="2.5"/><path d="M2 3.5v9c0 1.4 2.7 2.5 6 2.5s6-1.1 6-2.5v-9"/><path d="M2 8c0 1.4 2.7 2.5 6 2.5s6-1.1 6-2.5"/>`;

/** VTGates: a router passing queries both ways. */
export const routerIcon = svg`<rect x="1" y="2" width="14" height="12" rx="3"/><path d="M4.5 6.5h7l-2-2"/><path d="M11.5 9.5h-7l2 2"/>`;

/** A read-only region: the globe. */
export const globeIcon = svg`<circle cx="8" cy="8" r="6.5"/><ellipse cx="8" cy="8" rx="2.8" ry="6.5"/><path d="M1.5 8h13"/><path d="M2.6 4.6h10.8M2.6 11.4h10.8" stroke-opacity="0.6"/>`;

/** A branch (header). */
export const branchIcon = svg`<circle cx="4.5" cy="3.5" r="1.5"/><circle cx="4.5" cy="12.5" r="1.5"/><circle cx="11.5" cy="5" r="1.5"/><path d="M4.5 5v6M11.5 6.5c0 3-7 2-7 4.5"/>`;
