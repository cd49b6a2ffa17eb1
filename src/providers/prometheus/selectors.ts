/**
 * Turns a preset's selector table into PromQL label matchers for one target: fills `{variables}` from the tablet's
 * identity (alias, shard, `Tablet.scrape`), the jobs, label names and vars; escapes values; says which variables a
 * target lacks, and which README section tells how to provide them.
 */
import { DataError } from '../../model/errors.js';
import type { ElementRef, TabletScrape } from '../../model/types.js';
import { matcher, promString } from './queries.js';
import type { MatcherValue, PrometheusPreset, SelectorTemplate } from './presets/types.js';

/** The values `{variables}` take for one target; absent ones are what this target cannot tell. */
export type SelectorVars = Partial<Record<string, string>>;

/** Vitess' alias string pads the uid to 10 digits (vitessio/vitess go/vt/topo/topoproto/tablet.go, TabletAliasString: `%v-%010d`). */
export function padAlias(cell: string, uid: string | number): string {
  return `${cell}-${String(uid).padStart(10, '0')}`;
}

/** `zone1-101` or `zone1-0000000101` → cell and uid without padding; undefined for anything else. */
export function splitTabletAlias(alias: string): { cell: string; uid: string } | undefined {
  const match = /^(.+)-(\d+)$/.exec(alias);
  return match ? { cell: match[1], uid: String(Number(match[2])) } : undefined;
}

/**
 * The vitess-operator's "safe" shard name as its pod labels carry it: label values cannot start or end with `-`,
 * so an open end becomes `x` (`-80` → `x-80`, `80-` → `80-x`, `-` → `x-x`).
 */
export function safeShardName(shard: string): string {
  return shard.replace(/^-/, 'x-').replace(/-$/, '-x');
}

/** Inverse of `safeShardName`: `x-80` → `-80`, `80-x` → `80-`, `x-x` → `-`; a plain Vitess name is returned as it is. */
export function shardFromSafeName(name: string): string {
  return name.replace(/^x-/i, '-').replace(/-x$/i, '-');
}

/** Variables of a target (before jobs/labels/vars are added). */
export function targetVars(target: ElementRef): SelectorVars {
  const vars: SelectorVars = { keyspace: target.keyspace, database: target.database, branch: target.branch };
  if (target.kind !== 'tablet') return vars;
  vars.alias = target.tabletId;
  vars.shard = target.shard;
  vars.safeShard = safeShardName(target.shard);
  const alias = splitTabletAlias(target.tabletId);
  if (alias) {
    vars.cell = alias.cell;
    vars.uid = alias.uid;
    vars.paddedAlias = padAlias(alias.cell, alias.uid);
    vars.paddedUid = alias.uid.padStart(10, '0');
  }
  const scrape: TabletScrape = target.scrape ?? {};
  if (scrape.host !== undefined) vars.host = scrape.host;
  if (scrape.port !== undefined) vars.port = String(scrape.port);
  if (scrape.host !== undefined && scrape.port !== undefined) vars.instance = `${scrape.host}:${scrape.port}`;
  if (scrape.pod !== undefined) vars.pod = scrape.pod;
  return vars;
}

const VARIABLE = /\{([A-Za-z_][\w.]*)\}/g;
/** Variables that depend on the tablet: a selector using one also takes the tablet's `scrape.labels`. */
const TABLET_VARIABLES = new Set(['host', 'port', 'instance', 'pod', 'alias', 'paddedAlias', 'cell', 'uid', 'paddedUid', 'shard', 'safeShard']);

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Fills `{name}` in `template`; collects unknown names in `missing`; `escape` applies to inserted values. */
function fill(template: string, vars: SelectorVars, missing: Set<string>, escape: (text: string) => string = (text) => text): string {
  return template.replace(VARIABLE, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) {
      missing.add(name);
      return whole;
    }
    return escape(value);
  });
}

type Alternative = string | { re: string };

function renderAlternative(name: string, value: Alternative, vars: SelectorVars, missing: Set<string>): string {
  if (typeof value === 'string') return matcher(name, fill(value, vars, missing));
  return `${name}=~${promString(fill(value.re, vars, missing, escapeRegex))}`;
}

function renderMatcher(label: string, value: MatcherValue, vars: SelectorVars, missing: Set<string>): string {
  const name = fill(label, vars, missing);
  if (typeof value === 'string' || 're' in value) return renderAlternative(name, value, vars, missing);
  // The first alternative the target can fill; when none can, report what the first one lacks.
  for (const alternative of value.oneOf) {
    const lacking = new Set<string>();
    const rendered = renderAlternative(name, alternative, vars, lacking);
    if (lacking.size === 0) return rendered;
  }
  return renderAlternative(name, value.oneOf[0] ?? '', vars, missing);
}

const templateTexts = (value: MatcherValue): string[] =>
  typeof value === 'string' ? [value] : 're' in value ? [value.re] : value.oneOf.map((one) => (typeof one === 'string' ? one : one.re));

function usesTabletVariable(template: SelectorTemplate): boolean {
  const texts = Object.entries(template).flatMap(([label, value]) => [label, ...templateTexts(value)]);
  return texts.some((text) => [...text.matchAll(VARIABLE)].some((match) => TABLET_VARIABLES.has(match[1])));
}

/** One selector's matchers (no braces), or the variables it lacks. */
export function renderSelector(
  template: SelectorTemplate,
  vars: SelectorVars,
  extraLabels: Readonly<Record<string, string>> = {},
): { matchers: string; missing: string[] } {
  const missing = new Set<string>();
  const parts = Object.entries(template).map(([label, value]) => renderMatcher(label, value, vars, missing));
  if (usesTabletVariable(template)) {
    for (const [label, value] of Object.entries(extraLabels)) if (!(label in template)) parts.push(matcher(label, value));
  }
  return { matchers: parts.join(','), missing: [...missing] };
}

/** What a missing variable means, in words a user can act on. */
const MISSING_WHAT: Record<string, string> = {
  host: 'its host (Tablet.scrape.host, e.g. VTAdmin\'s tablet hostname)',
  port: 'its vttablet HTTP port (Tablet.scrape.port, VTAdmin\'s port_map.vt)',
  instance: 'its host and vttablet HTTP port (Tablet.scrape.host and .port, from VTAdmin\'s hostname and port_map.vt)',
  pod: 'its pod name (Tablet.scrape.pod)',
  cell: 'its cell (a tablet id of the form cell-uid)',
  uid: 'its uid (a tablet id of the form cell-uid)',
  paddedUid: 'its uid (a tablet id of the form cell-uid)',
  paddedAlias: 'its alias (a tablet id of the form cell-uid)',
};

/**
 * The `$name` placeholder values of every selector of `preset` for `target`. A selector whose variables the target
 * lacks is left out of the result and reported by `missingFor(name)`, so a query that does not use it still runs.
 */
export function presetSelectors(
  preset: PrometheusPreset,
  target: ElementRef,
  context: { jobs: Readonly<Record<string, string>>; labels: Readonly<Record<string, string>>; vars: Readonly<Record<string, string>> },
): { values: Record<string, string>; missing: Map<string, string[]> } {
  const vars: SelectorVars = targetVars(target);
  for (const [name, value] of Object.entries(context.jobs)) vars[`jobs.${name}`] = value;
  for (const [name, value] of Object.entries(context.labels)) vars[`labels.${name}`] = value;
  for (const [name, value] of Object.entries(context.vars)) vars[`vars.${name}`] = value;
  const extra = target.kind === 'tablet' ? (target.scrape?.labels ?? {}) : {};
  const values: Record<string, string> = {};
  const missing = new Map<string, string[]>();
  for (const [name, template] of Object.entries(preset.selectors)) {
    // The VTGates selector never depends on a tablet, and a tablet selector means nothing for the VTGates.
    if (target.kind !== 'tablet' && usesTabletVariable(template)) continue;
    const rendered = renderSelector(template, vars, extra);
    if (rendered.missing.length) missing.set(name, rendered.missing);
    else values[name] = rendered.matchers;
  }
  return { values, missing };
}

/** The DataError for a query that needs a selector the target cannot fill. */
export function missingSelectorError(preset: PrometheusPreset, target: ElementRef, selector: string, names: readonly string[]): DataError {
  const who = target.kind === 'tablet' ? `tablet ${target.tabletId}` : `the VTGates of ${target.keyspace}`;
  const what = names.map((name) => MISSING_WHAT[name] ?? `{${name}}`).join('; ');
  return new DataError(
    'not-found',
    `The "${preset.id}" Prometheus preset finds ${who}'s series by ${what}, which this target does not carry ($${selector}). ` +
      `Combine PrometheusProvider with a topology provider that knows it (VTAdmin, PlanetScale), or see the README, "Connect your cluster" (${preset.readme}).`,
  );
}
