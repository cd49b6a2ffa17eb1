/** The metrics presets by id: one file per deployment in this folder, each a `PrometheusPreset` table (see types.ts). */
import { DataError } from '../../../model/errors.js';
import { examplesPreset } from './examples.js';
import { mixinPreset } from './mixin.js';
import { mysqldPreset } from './mysqld.js';
import { operatorPreset } from './operator.js';
import { planetscalePreset } from './planetscale.js';
import { relabelledPreset } from './relabelled.js';
import type { PrometheusPreset } from './types.js';

export type { MatcherValue, PresetQuery, PresetTopology, PrometheusPreset, SelectorTemplate } from './types.js';

/** Every built-in preset; add yours here with one import line. */
export const PRESETS: Readonly<Record<string, PrometheusPreset>> = Object.freeze({
  [mixinPreset.id]: mixinPreset,
  [examplesPreset.id]: examplesPreset,
  [relabelledPreset.id]: relabelledPreset,
  [operatorPreset.id]: operatorPreset,
  [planetscalePreset.id]: planetscalePreset,
  [mysqldPreset.id]: mysqldPreset,
});

/** The preset used when none is given: the Vitess mixin's static jobs (upstream's reference monitoring). */
export const DEFAULT_PRESET = mixinPreset;

/** The preset for `PrometheusProvider`'s `preset` option: a built-in id, or a preset object of your own. */
export function resolvePreset(preset: string | PrometheusPreset): PrometheusPreset {
  if (typeof preset !== 'string') {
    if (!preset || typeof preset !== 'object' || !preset.selectors || !preset.queries) {
      throw new DataError('invalid-data', 'PrometheusProvider `preset` must be a preset id or a PrometheusPreset object with `selectors` and `queries`.', { path: 'preset' });
    }
    return preset;
  }
  const found = Object.prototype.hasOwnProperty.call(PRESETS, preset) ? PRESETS[preset] : undefined;
  if (!found) throw new DataError('not-found', `PrometheusProvider has no preset "${preset}" (presets: ${Object.keys(PRESETS).join(', ')}).`, { path: 'preset' });
  return found;
}
