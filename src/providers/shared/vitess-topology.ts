/**
 * Builds a `Topology` from what open-source Vitess knows (tablets with alias, type, cell; vtgates with cell), so
 * VTAdmin and Prometheus-label sources share one set of rules: cell → region/zone, roles, read-only regions.
 */
import { DataError } from '../../model/errors.js';
import { parseShardName } from '../../model/key-range.js';
import { parseTopology } from '../../model/parse.js';
import type { BranchKind, BranchRef, Region, ResizeStatus, Shard, Tablet, TabletRole, TabletScrape, Topology } from '../../model/types.js';

/** Where a Vitess cell is: its region slug and, optionally, a display zone (default: the cell name). */
export interface CellLocation {
  region: string;
  zone?: string;
  /** Display name of the region, e.g. `AWS us-east-2 (Ohio)`. */
  regionName?: string;
}
export type CellMap = Record<string, CellLocation>;

/** Vitess tablet types as VTAdmin's numeric enum (topodata.TabletType) and Prometheus labels name them. */
export type VitessTabletType = 'UNKNOWN' | 'PRIMARY' | 'REPLICA' | 'RDONLY' | 'SPARE' | 'EXPERIMENTAL' | 'BACKUP' | 'RESTORE' | 'DRAINED';

export interface VitessTablet {
  /** Display alias `cell-uid` without padding: `zone1-101`. */
  alias: string;
  keyspace: string;
  shard: string;
  type: VitessTabletType;
  cell: string;
  serving: boolean;
  lagSeconds?: number | null;
  /** Where its metrics are scraped (host and vt port, pod, labels), copied to `Tablet.scrape`. */
  scrape?: TabletScrape;
}

export interface VitessGate {
  cell: string;
  /** Keyspaces the gate watches; empty = all. */
  keyspaces?: string[];
}

export interface VitessTopologyInput {
  ref: BranchRef;
  /** Every keyspace of the cluster. */
  keyspaces: string[];
  /** Shards of the requested keyspace to draw; default: the shards its tablets are in. */
  shards?: string[];
  tablets: VitessTablet[];
  gates: VitessGate[];
  cells?: CellMap;
  branchKind?: BranchKind;
  resize?: ResizeStatus | null;
  /** Names the source in error messages (`VTAdmin`, `Prometheus`). */
  source: string;
}

/**
 * Role and serving of a tablet type. Only PRIMARY, REPLICA and RDONLY serve queries; the others (UNKNOWN — a
 * tablet whose type field was omitted —, SPARE, EXPERIMENTAL, BACKUP, RESTORE, DRAINED) are drawn as replicas
 * that do not serve, so the diagram still shows the MySQL node exists.
 */
export function roleOfType(type: VitessTabletType): { role: TabletRole; serves: boolean } {
  switch (type) {
    case 'PRIMARY':
      return { role: 'primary', serves: true };
    case 'REPLICA':
      return { role: 'replica', serves: true };
    case 'RDONLY':
      return { role: 'rdonly', serves: true };
    default:
      return { role: 'replica', serves: false };
  }
}

/** Tablet type from a label value or enum name, any case; `MASTER` and `BATCH` are Vitess' older names. */
export function tabletTypeFromName(name: string): VitessTabletType {
  const upper = name.toUpperCase();
  if (upper === 'MASTER') return 'PRIMARY';
  if (upper === 'BATCH') return 'RDONLY';
  const known: VitessTabletType[] = ['UNKNOWN', 'PRIMARY', 'REPLICA', 'RDONLY', 'SPARE', 'EXPERIMENTAL', 'BACKUP', 'RESTORE', 'DRAINED'];
  return known.find((type) => type === upper) ?? 'UNKNOWN';
}

/** AWS/GCP zone names carry their region: `us-east-2a` → `us-east-2`, `us-central1-a` → `us-central1`. */
const ZONE_OF_REGION = /^([a-z]+-[a-z]+\d+)-[a-z]$|^([a-z]+-[a-z]+-\d+)[a-z]$/;

/** The location of a cell: from `cells`, else guessed from an AWS/GCP zone name, else the cell is its own region. */
export function locateCell(cell: string, cells: CellMap = {}): { region: string; zone: string; regionName?: string } {
  const known = Object.prototype.hasOwnProperty.call(cells, cell) ? cells[cell] : undefined;
  if (known) return { region: known.region, zone: known.zone ?? cell, ...(known.regionName ? { regionName: known.regionName } : {}) };
  const match = ZONE_OF_REGION.exec(cell);
  return { region: match ? (match[1] ?? match[2]) : cell, zone: cell };
}

/** Most frequent value; ties go to the first seen. */
function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | undefined;
  for (const [value, count] of counts) if (best === undefined || count > counts.get(best)!) best = value;
  return best;
}

/** Sorts aliases by cell then numeric uid, so `zone1-9` comes before `zone1-10`. */
function compareAliases(a: string, b: string): number {
  const [cellA, uidA] = splitAlias(a);
  const [cellB, uidB] = splitAlias(b);
  return cellA < cellB ? -1 : cellA > cellB ? 1 : uidA - uidB;
}

function splitAlias(alias: string): [string, number] {
  const dash = alias.lastIndexOf('-');
  const uid = Number(alias.slice(dash + 1));
  return dash < 0 || !Number.isFinite(uid) ? [alias, 0] : [alias.slice(0, dash), uid];
}

/**
 * The topology of `ref.keyspace` (default: the database's name). The primary region is where the primaries are
 * (else the gates); a tablet whose cell lies in another region is in a read-only region. The result goes through
 * `parseTopology`, so it holds every model invariant or the call throws an `invalid-data` DataError.
 */
export function buildVitessTopology(input: VitessTopologyInput): Topology {
  const { ref, cells, source } = input;
  const keyspace = ref.keyspace ?? ref.database;
  if (!input.keyspaces.includes(keyspace)) {
    const known = input.keyspaces.length ? input.keyspaces.join(', ') : 'none';
    throw new DataError('not-found', `${source} has no keyspace "${keyspace}" (keyspaces: ${known}).`);
  }
  const inKeyspace = input.tablets.filter((tablet) => tablet.keyspace === keyspace);
  const shardNames = new Set(input.shards ?? inKeyspace.map((tablet) => tablet.shard));
  // Tablets of shards not drawn (a reshard's target shards) must not decide regions either.
  const tablets = inKeyspace.filter((tablet) => shardNames.has(tablet.shard));
  const located = tablets.map((tablet) => ({ tablet, ...locateCell(tablet.cell, cells), ...roleOfType(tablet.type) }));
  const gates = input.gates.filter((gate) => !gate.keyspaces?.length || gate.keyspaces.includes(keyspace));
  const gateCells = [...new Set(gates.map((gate) => gate.cell))].sort();

  const primaryRegionSlug =
    mostCommon(located.filter((t) => t.role === 'primary').map((t) => t.region)) ??
    mostCommon(gateCells.map((cell) => locateCell(cell, cells).region)) ??
    mostCommon(located.map((t) => t.region));
  if (primaryRegionSlug === undefined) throw new DataError('not-found', `${source} knows no tablet or vtgate of keyspace "${keyspace}".`);
  const regionName = (slug: string) => Object.values(cells ?? {}).find((c) => c.region === slug && c.regionName)?.regionName;
  const region = (slug: string): Region => {
    const name = regionName(slug);
    return name ? { slug, name } : { slug };
  };

  // Grouped once: 1024 shards × 3 072 tablets must not be a filter per shard.
  const byShard = new Map<string, typeof located>();
  for (const t of located) {
    const list = byShard.get(t.tablet.shard);
    if (list) list.push(t);
    else byShard.set(t.tablet.shard, [t]);
  }
  const shards: Shard[] = [...shardNames].map((name, i) => ({
    name,
    keyRange: parseShardName(name, `shards[${i}].name`),
    tablets: (byShard.get(name) ?? [])
      .sort((a, b) => compareAliases(a.tablet.alias, b.tablet.alias))
      .map(({ tablet, region: slug, zone, role, serves }): Tablet => {
        const readOnlyRegion = role !== 'primary' && slug !== primaryRegionSlug;
        const model: Tablet = { id: tablet.alias, role, region: slug, zone, readOnlyRegion, serving: serves && tablet.serving };
        if (role !== 'primary' && tablet.lagSeconds !== undefined) model.lagSeconds = tablet.lagSeconds;
        if (tablet.scrape) model.scrape = tablet.scrape;
        return model;
      }),
  }));

  const readOnlySlugs = [...new Set(located.filter((t) => t.role !== 'primary' && t.region !== primaryRegionSlug).map((t) => t.region))].sort();
  const hasReplicas = shards.some((shard) => shard.tablets.some((tablet) => tablet.role !== 'primary'));
  const topology: Topology = {
    database: ref.database,
    branch: ref.branch,
    branchKind: input.branchKind ?? (hasReplicas || gates.length > 1 ? 'production' : 'development'),
    keyspace,
    keyspaces: [...input.keyspaces].sort(),
    primaryRegion: region(primaryRegionSlug),
    readOnlyRegions: readOnlySlugs.map(region),
    vtgates: {
      count: gates.length,
      zones: [...new Set(gateCells.map((cell) => locateCell(cell, cells).zone))],
      region: primaryRegionSlug,
    },
    shards,
  };
  if (input.resize !== undefined) topology.resize = input.resize;
  return parseTopology(topology, 'topology');
}
