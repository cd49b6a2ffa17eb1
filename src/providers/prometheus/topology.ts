/**
 * Topology from Prometheus series labels, for deployments whose series say which tablet they are (relabelled static
 * jobs, the vitess-operator's pod labels, PlanetScale's endpoint): the preset's table says which labels identify a
 * tablet and which instant queries give serving state, lag, the primary and the VTGates.
 */
import { DataError } from '../../model/errors.js';
import { readShardName } from '../../model/key-range.js';
import type { BranchKind, BranchRef, TabletScrape, Topology } from '../../model/types.js';
import { buildVitessTopology, tabletTypeFromName, type CellMap, type VitessGate, type VitessTablet } from '../shared/vitess-topology.js';
import { forEachInSlices, yieldToEventLoop } from '../shared/yield.js';
import type { Decoded, InstantSample, Labels } from './decode.js';
import { fillTemplate, matcher, type PrometheusJobs, type PrometheusLabels } from './queries.js';
import { relabelledPreset } from './presets/relabelled.js';
import type { PresetTopology, PrometheusPreset } from './presets/types.js';
import { presetSelectors, shardFromSafeName, splitTabletAlias } from './selectors.js';

export interface PrometheusTopologyOptions {
  /** Cell → region/zone; unmapped cells named like AWS/GCP zones (`us-east-2a`) map to their region, others are their own region. */
  cells?: CellMap;
  /** Default: `production` when any shard has a replica or there is more than one vtgate. */
  branchKind?: BranchKind;
  /** Evaluation time of the instant queries, epoch ms (default: the server's now). */
  now?: () => number;
}

/** What fills a preset's `{jobs.…}`, `{labels.…}`, `{vars.…}`. */
export interface PresetContext {
  jobs: Readonly<Record<string, string>>;
  labels: Readonly<Record<string, string>>;
  vars: Readonly<Record<string, string>>;
}

type InstantQuery = (promql: string, time?: number) => Promise<Decoded<InstantSample[]>>;

/** The identity label names with `{labels.…}` filled. */
export function identityLabels(topology: PresetTopology, context: PresetContext): PresetTopology['identity'] {
  return Object.fromEntries(Object.entries(topology.identity).map(([field, name]) => [field, identityName(name as string, context)])) as PresetTopology['identity'];
}

/** The preset's instant queries with `$by` and its selectors filled (no tablet: only selectors that need none). */
export function presetTopologyQueries(preset: PrometheusPreset, ref: BranchRef, context: PresetContext): Record<'tablets' | 'lag' | 'replicationStopped' | 'primary' | 'gates', string | undefined> {
  const topology = preset.topology;
  if (!topology) throw new DataError('not-found', preset.noTopology ?? `The "${preset.id}" Prometheus preset cannot read the topology.`);
  const identity = identityLabels(topology, context);
  const target = { kind: 'vtgates' as const, database: ref.database, branch: ref.branch, keyspace: ref.keyspace ?? ref.database };
  // `$by`: every identity label (the tablets query); `$key`: only those that tell tablets apart, for the smaller answers.
  const key = [identity.keyspace, identity.shard, identity.alias, identity.cell, identity.uid].filter((name): name is string => !!name);
  const values: Record<string, string> = {
    ...presetSelectors(preset, target, context).values,
    by: [...new Set(Object.values(identity))].join(', '),
    key: [...new Set(key)].join(', '),
  };
  const fill = (template: string | undefined) => (template === undefined ? undefined : fillTemplate(identityName(template, context), values));
  return {
    tablets: fill(topology.tablets),
    lag: fill(topology.lag),
    replicationStopped: fill(topology.replicationStopped),
    primary: fill(topology.primary),
    gates: fill(topology.gates),
  };
}

/** The relabelled preset's tablets, lag and gates queries for these label names and jobs (kept for API.md's `topologyQueries`). */
export function topologyQueries(labels: PrometheusLabels, jobs: PrometheusJobs): { tablets: string; lag: string; gates: string } {
  const queries = presetTopologyQueries(relabelledPreset, { database: '', branch: '' }, { jobs: { ...relabelledPreset.jobs, ...jobs }, labels: { ...labels }, vars: {} });
  return { tablets: queries.tablets!, lag: queries.lag!, gates: queries.gates! };
}

/** The vitess-operator's pod name `<cluster>-vttablet-<cell>-<uid %010d>-<hash>` (pkg/operator/vttablet/pod.go PodName). */
const OPERATOR_POD = /-vttablet-(.+)-(\d{10})-[0-9a-f]+$/;

interface Identity {
  key: string;
  keyspace: string;
  shard: string;
  alias: string;
  cell: string;
}

/** Who a series is, or undefined when it lacks an identity label. */
function identify(labels: Labels, identity: PresetTopology['identity'], safeShards: boolean): Identity | undefined {
  const keyspace = labels[identity.keyspace];
  const rawShard = labels[identity.shard];
  if (!keyspace || !rawShard) return undefined;
  const shard = safeShards ? shardFromSafeName(rawShard) : rawShard;
  // A series with a label that is no shard name (a typo in a relabelling) is left out, not the whole topology.
  if (typeof readShardName(shard) === 'string') return undefined;
  let alias: string | undefined;
  let cell = identity.cell ? labels[identity.cell] : undefined;
  const aliasLabel = identity.alias ? labels[identity.alias] : undefined;
  if (aliasLabel) {
    // Vitess' alias string is zero-padded (topoproto.TabletAliasString); the model uses `zone1-101` like VTAdmin's decode.
    const split = splitTabletAlias(aliasLabel);
    const pod = OPERATOR_POD.exec(aliasLabel);
    alias = split && !pod ? `${split.cell}-${split.uid}` : aliasLabel;
    cell ||= pod?.[1] ?? (split && !pod ? split.cell : undefined);
  } else if (identity.cell && identity.uid && labels[identity.cell] && labels[identity.uid] && /^\d+$/.test(labels[identity.uid])) {
    alias = `${labels[identity.cell]}-${Number(labels[identity.uid])}`;
  }
  if (!alias) return undefined;
  return { key: `${keyspace}\u0000${shard}\u0000${alias}`, keyspace, shard, alias, cell: cell || 'unknown' };
}

/** `instance` = `host:port` (or `[v6]:port`) → scrape host and port; pod label → pod. */
function scrapeOf(labels: Labels, identity: PresetTopology['identity']): TabletScrape | undefined {
  const scrape: TabletScrape = {};
  const instance = identity.instance ? labels[identity.instance] : undefined;
  const match = instance ? /^(.*):(\d{1,5})$/.exec(instance) : null;
  if (match && Number(match[2]) >= 1 && Number(match[2]) <= 65_535) {
    scrape.host = match[1].replace(/^\[(.*)\]$/, '$1');
    scrape.port = Number(match[2]);
  }
  const pod = identity.pod ? labels[identity.pod] : undefined;
  if (pod) scrape.pod = pod;
  return scrape.host || scrape.pod ? scrape : undefined;
}

/**
 * What the VTGates see of a keyspace, from the stock series that do carry keyspace, shard and tablet type
 * (go/vt/discovery/healthcheck.go HealthcheckConnections{keyspace, shard_name, tablet_type}: serving tablets per shard
 * and type, lower-case types; every vtgate reports the tablets it watches, so the largest count is taken): e.g.
 * `shards -80 (1 primary, 1 replica), 80- (1 primary, 1 rdonly)`, or undefined when there is nothing to say.
 */
async function vtgateView(preset: PrometheusPreset, ref: BranchRef, context: PresetContext, query: InstantQuery, time?: number): Promise<string | undefined> {
  if (!preset.selectors.vtgate || !Object.values(preset.queries).some((definition) => definition?.series.some((s) => s.query.includes('vtgate_')))) return undefined;
  const keyspace = ref.keyspace ?? ref.database;
  const target = { kind: 'vtgates' as const, database: ref.database, branch: ref.branch, keyspace };
  const vtgate = presetSelectors(preset, target, context).values.vtgate;
  if (vtgate === undefined) return undefined;
  try {
    const answer = await query(`max by (shard_name, tablet_type) (vtgate_healthcheck_connections{${vtgate},${matcher('keyspace', keyspace)}})`, time);
    const byShard = new Map<string, string[]>();
    for (const { labels, value } of answer.result) {
      if (!labels.shard_name || !(value > 0)) continue;
      byShard.set(labels.shard_name, [...(byShard.get(labels.shard_name) ?? []), `${value} ${labels.tablet_type ?? 'tablet'}`]);
    }
    if (byShard.size === 0) return undefined;
    const shards = [...byShard].sort(([a], [b]) => (a < b ? -1 : 1)).map(([shard, types]) => `${shard} (${types.sort().join(', ')})`);
    return `Its VTGates do see keyspace "${keyspace}" (vtgate_healthcheck_connections, serving tablets): shards ${shards.slice(0, 8).join(', ')}${shards.length > 8 ? `, and ${shards.length - 8} more` : ''}.`;
  } catch {
    return undefined;
  }
}

export async function topologyFromPreset(
  ref: BranchRef,
  preset: PrometheusPreset,
  options: PrometheusTopologyOptions,
  context: PresetContext,
  query: InstantQuery,
): Promise<Topology> {
  const topology = preset.topology;
  if (!topology) {
    const why = preset.noTopology ?? `The "${preset.id}" Prometheus preset cannot read the topology.`;
    const seen = await vtgateView(preset, ref, context, query, options.now?.());
    throw new DataError('not-found', seen ? `${why} ${seen}` : why);
  }
  const identity = identityLabels(topology, context);
  const queries = presetTopologyQueries(preset, ref, context);
  const time = options.now?.();
  const none: Decoded<InstantSample[]> = { result: [], warnings: [] };
  const run = (promql: string | undefined) => (promql === undefined ? Promise.resolve(none) : query(promql, time));
  const [tabletAnswer, lagAnswer, stoppedAnswer, primaryAnswer, gateAnswer] = await Promise.all([
    run(queries.tablets),
    run(queries.lag),
    run(queries.replicationStopped),
    run(queries.primary),
    run(queries.gates),
  ]);
  const safe = topology.shardNames === 'safe';
  // Thousands of series per answer: read in slices, so no task holds the main thread past a frame.
  const keysOf = async (answer: Decoded<InstantSample[]>) => {
    const keys = new Set<string>();
    await forEachInSlices(answer.result, (sample) => {
      const who = identify(sample.labels, identity, safe);
      if (who) keys.add(who.key);
    });
    return keys;
  };
  const stopped = await keysOf(stoppedAnswer);
  const primaries = await keysOf(primaryAnswer);
  const lagByKey = new Map<string, number>();
  await forEachInSlices(lagAnswer.result, (sample) => {
    const who = identify(sample.labels, identity, safe);
    if (who) lagByKey.set(who.key, Math.max(lagByKey.get(who.key) ?? -Infinity, sample.value));
  });

  const byKey = new Map<string, VitessTablet & { key: string }>();
  await forEachInSlices(tabletAnswer.result, (sample) => {
    const who = identify(sample.labels, identity, safe);
    if (!who) return;
    const serving = topology.serving === 'value' ? sample.value === 1 : sample.labels[topology.serving.label] === topology.serving.value;
    const known = byKey.get(who.key);
    if (known) {
      known.serving ||= serving;
      return;
    }
    const lag = lagByKey.get(who.key);
    const tablet: VitessTablet & { key: string } = {
      key: who.key,
      alias: who.alias,
      keyspace: who.keyspace,
      shard: who.shard,
      type: tabletTypeFromName(identity.type ? (sample.labels[identity.type] ?? '') : ''),
      cell: who.cell,
      serving,
      lagSeconds: stopped.has(who.key) ? null : lag === undefined ? undefined : Number.isFinite(lag) ? lag : null,
    };
    const scrape = scrapeOf(sample.labels, identity);
    if (scrape) tablet.scrape = scrape;
    byKey.set(who.key, tablet);
  });
  if (byKey.size === 0) throw missingTablets(preset, topology.requires.map((label) => identityName(label, context)), tabletAnswer.result, queries.tablets!);

  // Where the deployment says which tablet is primary, that decides; its type label may be a pool type or stale.
  const shardsWithPrimary = new Set([...byKey.values()].filter((t) => primaries.has(t.key)).map((t) => `${t.keyspace}\u0000${t.shard}`));
  for (const tablet of byKey.values()) {
    if (primaries.has(tablet.key)) tablet.type = 'PRIMARY';
    else if (tablet.type === 'PRIMARY' && shardsWithPrimary.has(`${tablet.keyspace}\u0000${tablet.shard}`)) tablet.type = 'REPLICA';
    else if (tablet.type === 'UNKNOWN' && identity.type) tablet.type = 'REPLICA';
  }
  const tablets: VitessTablet[] = [...byKey.values()].map(({ key: _key, ...tablet }) => tablet);
  const gates: VitessGate[] = gateAnswer.result.flatMap((sample) =>
    Array.from({ length: Math.max(0, Math.round(sample.value)) }, () => ({ cell: (topology.gateCell && sample.labels[identityName(topology.gateCell, context)]) || 'unknown' })),
  );
  const keyspaces = [...new Set(tablets.map((tablet) => tablet.keyspace))];
  await yieldToEventLoop();
  return buildVitessTopology({ ref, keyspaces, tablets, gates, cells: options.cells, branchKind: options.branchKind, source: 'Prometheus' });
}

function identityName(name: string, context: PresetContext): string {
  return name.replace(/\{labels\.(\w+)\}/g, (whole, key: string) => context.labels[key] ?? whole);
}

/** Why no tablet was found: no series at all, or series without the identity labels (named, with the README section). */
function missingTablets(preset: PrometheusPreset, requires: readonly string[], samples: InstantSample[], promql: string): DataError {
  const where = `README, "Connect your cluster" (${preset.readme})`;
  if (samples.length === 0) {
    return new DataError('not-found', `Prometheus has no tablet series for the "${preset.id}" preset (query: ${promql}). Check that the scrape config of ${where} is in place.`);
  }
  const absent = requires.filter((label) => !samples.some((sample) => sample.labels[label]));
  const which = absent.length ? absent : requires;
  return new DataError(
    'not-found',
    `Prometheus' tablet series carry no ${which.map((label) => `"${label}"`).join(', ')} label${which.length === 1 ? '' : 's'}, which the "${preset.id}" preset reads the topology from: ` +
      `stock vttablet series have no keyspace, shard or alias labels (go/stats/prometheusbackend skips string stats); add them by relabelling as in ${where}.`,
  );
}
