/**
 * Storybook controls from the Custom Elements Manifest's types: a property or attribute that takes one of a fixed set
 * of values gets a select (or radio buttons) with those values instead of "Set object"; plain strings and numbers get
 * text and number fields; things no control can build (a provider, a function, a chart instance) get none.
 */
import type { Decorator } from '@storybook/web-components-vite';
import type { StrictArgTypes } from 'storybook/internal/types';
import { RANGE_PRESETS } from '../src/model/time-range.js';
import { SHARD_RESIZE_STATES, TABLET_ROLES } from '../src/model/types.js';
import { SHARD_SORTS } from '../src/elements/ps-shard-stack/shard-rows.js';
import { HEATMAP_METRICS } from '../src/model/heatmap.js';
import { PALETTE_NAMES } from '../src/chart/heatmap/palettes.js';
import type { ScaleKind } from '../src/chart/heatmap/scale.js';

/** Type aliases the manifest names instead of spelling out their values, with the values from the code. */
const ALIASES: Record<string, readonly string[]> = {
  TabletRole: TABLET_ROLES,
  ShardSort: SHARD_SORTS,
  RangePreset: RANGE_PRESETS,
  HeatmapMetric: HEATMAP_METRICS,
  PaletteName: PALETTE_NAMES,
  ScaleKind: ['linear', 'log'] satisfies readonly ScaleKind[],
};

/**
 * Properties typed `string` that still take a known set (README and each property's doc comment): the range presets,
 * and the shard list's filter words (`filterShardRows`: states, problems, resize states; shard names and regions are
 * free text, so the select starts empty = no filter).
 */
const BY_NAME: Record<string, readonly string[]> = {
  // An attribute's own name, where the manifest has no type for it.
  range: RANGE_PRESETS,
  filter: ['', 'lagging', 'serving', 'not-serving', 'unknown-lag', 'no-primary', 'overlap', 'gap', ...SHARD_RESIZE_STATES],
};

/** Types a control cannot produce: objects with behaviour, functions, live chart instances. */
const NOT_SETTABLE = /\bDataProvider\b|=>|\bMap<|\bMetricChart\b|\bChartPalette\b|\bPanelView\b/;

/** `'a' | 'b' | ''` (aliases expanded, `undefined`/`null` dropped) → its values; undefined when not such a union. */
export function literalOptions(typeText: string | undefined): string[] | undefined {
  if (!typeText) return undefined;
  const values: string[] = [];
  for (const raw of typeText.split('|').map((part) => part.trim())) {
    if (raw === 'undefined' || raw === 'null') continue;
    const literal = /^'([^']*)'$|^"([^"]*)"$/.exec(raw);
    if (literal) values.push(literal[1] ?? literal[2]);
    else if (ALIASES[raw]) values.push(...ALIASES[raw]);
    else return undefined;
  }
  return values.length > 0 ? [...new Set(values)] : undefined;
}

/** Numeric attributes whose manifest entry has no type (a `Number` converter without a field type). */
const NUMBERS = new Set(['lagWarning', 'lag-warning']);

/** The control an argument from the manifest should get, or undefined to leave Storybook's inference alone. */
export function controlFor(name: string, typeText: string | undefined, attribute = false): Partial<StrictArgTypes[string]> | undefined {
  const options = BY_NAME[name] ?? literalOptions(typeText);
  if (options) {
    // An empty value means "not set" (e.g. the card's tabletRole: read from the topology).
    const labels = options.includes('') ? { '': '(not set)' } : undefined;
    return { options: [...options], control: { type: options.length <= 4 ? 'inline-radio' : 'select', ...(labels ? { labels } : {}) } };
  }
  if (NUMBERS.has(name)) return { control: { type: 'number' } };
  // An attribute is text whatever its property's type.
  if (!typeText) return attribute ? { control: { type: 'text' } } : undefined;
  if (NOT_SETTABLE.test(typeText)) return { control: false };
  const plain = typeText.split('|').map((part) => part.trim()).filter((part) => part !== 'undefined' && part !== 'null');
  if (plain.length === 1 && plain[0] === 'string') return { control: { type: 'text' } };
  if (plain.length === 1 && plain[0] === 'number') return { control: { type: 'number' } };
  if (plain.length === 1 && plain[0] === 'boolean') return { control: { type: 'boolean' } };
  // An attribute of a type this file doesn't know yet: still text, never "Set object".
  return attribute ? { control: { type: 'text' } } : undefined;
}

const camelCase = (attribute: string) => attribute.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());

/**
 * An `argTypesEnhancer`: gives manifest-derived arguments (attributes and properties) their control, unless the story
 * chose one. An attribute whose property is listed too (`tablet-role` and `tabletRole`) is left to the property's row.
 */
export function enumeratedControls({ argTypes }: { argTypes: StrictArgTypes }): StrictArgTypes {
  const enhanced: StrictArgTypes = { ...argTypes };
  for (const [name, argType] of Object.entries(argTypes)) {
    const category = argType.table?.category;
    if (category !== 'attributes' && category !== 'properties') continue;
    if (category === 'attributes' && name !== camelCase(name) && argTypes[camelCase(name)]) {
      enhanced[name] = { ...argType, control: false, table: { ...argType.table, disable: true } };
      continue;
    }
    if (argType.control !== undefined) continue;
    const typeText = argType.table?.type?.summary ?? (typeof argType.type === 'object' ? (argType.type as { name?: string }).name : undefined);
    const control = controlFor(name, typeText, category === 'attributes');
    if (control) enhanced[name] = { ...argType, ...control };
  }
  return enhanced;
}

/**
 * A decorator that makes those controls live in every story: the manifest-derived arguments changed in Controls are set
 * on the story's elements of that tag (properties as properties, attributes as attributes) after it renders, whatever
 * arguments the story's own template uses.
 */
export const liveControls: Decorator = (story, context) => {
  const changed = Object.entries(context.args).filter(([name, value]) => {
    const category = context.argTypes[name]?.table?.category;
    return (category === 'properties' || category === 'attributes') && value !== context.initialArgs[name];
  });
  const rendered = story();
  const tag = typeof context.component === 'string' ? context.component : undefined;
  if (tag && changed.length > 0) {
    setTimeout(() => {
      for (const element of document.querySelectorAll<HTMLElement>(tag)) {
        for (const [name, value] of changed) {
          if (context.argTypes[name]?.table?.category === 'properties') (element as unknown as Record<string, unknown>)[name] = value;
          else if (value === undefined || value === null || value === false) element.removeAttribute(name);
          else element.setAttribute(name, value === true ? '' : String(value));
        }
      }
    });
  }
  return rendered;
};
