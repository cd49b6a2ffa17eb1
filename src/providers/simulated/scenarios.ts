/** Cluster shapes of the simulated provider: the mutable cluster state each scenario starts from, and the Topology built from it. */
import { DataError } from '../../model/errors.js';
import { evenKeyRanges, parseShardName } from '../../model/key-range.js';
import { resizePhaseOf, shardStateOfPhase } from '../../model/resize.js';
import type { BranchKind, ClusterShape, Region, ResizeStatus, Shard, ShardResize, Tablet, Topology } from '../../model/types.js';
import { uniform } from './noise.js';

export type SimulatedScenario = 'development' | 'production' | 'read-only-regions' | 'sharded' | 'resizing';
export const SCENARIOS: readonly SimulatedScenario[] = ['development', 'production', 'read-only-regions', 'sharded', 'resizing'];

export const PRIMARY_REGION: Readonly<Region> = { slug: 'us-east-2', name: 'AWS us-east-2 (Ohio)' };

/** Display names of regions a read-only region may be added in; other slugs are accepted without a name. */
export const REGION_NAMES: Readonly<Record<string, string>> = {
  'us-east-1': 'AWS us-east-1 (N. Virginia)',
  'us-east-2': 'AWS us-east-2 (Ohio)',
  'us-west-2': 'AWS us-west-2 (Oregon)',
  'eu-central-1': 'AWS eu-central-1 (Frankfurt)',
  'eu-west-1': 'AWS eu-west-1 (Dublin)',
  'eu-west-2': 'AWS eu-west-2 (London)',
  'ap-south-1': 'AWS ap-south-1 (Mumbai)',
  'ap-northeast-1': 'AWS ap-northeast-1 (Tokyo)',
  'ap-southeast-1': 'AWS ap-southeast-1 (Singapore)',
  'ap-southeast-2': 'AWS ap-southeast-2 (Sydney)',
  'sa-east-1': 'AWS sa-east-1 (São Paulo)',
};

/** Base one-way replication delay to a read-only region, seconds; unknown regions get a mid value. */
const CROSS_REGION_LAG_SECONDS: Readonly<Record<string, number>> = {
  'us-east-1': 0.05, 'us-west-2': 0.12, 'eu-central-1': 0.2, 'eu-west-1': 0.18, 'eu-west-2': 0.18,
  'ap-south-1': 0.35, 'ap-northeast-1': 0.3, 'ap-southeast-1': 0.4, 'ap-southeast-2': 0.45, 'sa-east-1': 0.3,
};

export function regionOf(slug: string): Region {
  const name = REGION_NAMES[slug];
  return name === undefined ? { slug } : { slug, name };
}

export function crossRegionLagSeconds(slug: string): number {
  return CROSS_REGION_LAG_SECONDS[slug] ?? 0.25;
}

/** Three availability zones per region, AWS style (`us-east-2a`, `us-east-2b`, `us-east-2c`). */
export function zonesOf(slug: string): string[] {
  return ['a', 'b', 'c'].map((letter) => `${slug}${letter}`);
}

export const DEVELOPMENT_SIZE = 'PS-DEV';
export const PRODUCTION_SIZE = 'PS-40';
export const RESIZE_TARGET_SIZE = 'PS-80';
export const DEFAULT_SHARDS = 8;
export const MIN_SHARDS = 2;
export const MAX_SHARDS = 1024;

/** A keyspace resize laid out in time when it starts: shards roll a few at a time, each for 2–4 minutes. */
export interface ResizePlan {
  from: ClusterShape;
  to: ClusterShape;
  /** Epoch ms. */
  startedAt: number;
  /** Per shard, in shard order, epoch ms. */
  shardStarts: number[];
  shardFinishes: number[];
}

/** What live actions change; the topology is rebuilt from it (and the clock) on every call. */
export interface ClusterState {
  branchKind: BranchKind;
  size: string;
  /** Replicas per shard in the primary region (0 on a development branch). */
  replicas: number;
  vtgateCount: number;
  /** Shard names of the main keyspace, in key order (`['-']` when unsharded). */
  shardNames: string[];
  readOnlyRegions: string[];
  /** Per shard index: which primary-region slot holds the primary (failovers move it). */
  primarySlots: number[];
  resize: ResizePlan | null;
  /** Whether the branch has a small unsharded lookup keyspace beside the main one. */
  lookupKeyspace: boolean;
}

export function initialState(scenario: SimulatedScenario, shards: number): ClusterState {
  const sharded = scenario === 'sharded' || scenario === 'resizing';
  const shardNames = sharded ? evenKeyRanges(shards) : ['-'];
  const development = scenario === 'development';
  return {
    branchKind: development ? 'development' : 'production',
    size: development ? DEVELOPMENT_SIZE : PRODUCTION_SIZE,
    replicas: development ? 0 : 2,
    vtgateCount: development ? 1 : 3,
    shardNames,
    readOnlyRegions: scenario === 'read-only-regions' ? ['us-west-2', 'eu-central-1'] : [],
    primarySlots: shardNames.map(() => 0),
    resize: null,
    lookupKeyspace: sharded,
  };
}

/** Plans a resize of every shard from `startedAt`: concurrency grows with the shard count so 1024 shards finish in under an hour. */
export function planResize(seed: number, shardCount: number, from: ClusterShape, to: ClusterShape, startedAt: number): ResizePlan {
  const concurrency = Math.max(3, Math.ceil(shardCount / 16));
  const slotsFreeAt: number[] = Array.from({ length: Math.min(concurrency, shardCount) }, () => startedAt);
  const shardStarts: number[] = [];
  const shardFinishes: number[] = [];
  for (let i = 0; i < shardCount; i++) {
    let slot = 0;
    for (let s = 1; s < slotsFreeAt.length; s++) if (slotsFreeAt[s] < slotsFreeAt[slot]) slot = s;
    const start = slotsFreeAt[slot];
    const duration = Math.round((120 + 120 * uniform(seed, 0x3e5, i)) * 1000);
    shardStarts.push(start);
    shardFinishes.push(start + duration);
    slotsFreeAt[slot] = start + duration;
  }
  return { from, to, startedAt, shardStarts, shardFinishes };
}

/**
 * Where a shard's window [start, finish) is spent, in the order a real resize walks it (a Vitess Reshard, and
 * PlanetScale's new instances restoring, catching up and taking over): the copy, replication catching up while the
 * old shard still serves, then the switched traffic before completion.
 */
const COPY_SHARE = 0.55;
const REPLICATE_SHARE = 0.3;
/** Replication lag right after the copy, seconds; it falls towards ~0.5 s as the new shard catches up. */
const LAG_AFTER_COPY_SECONDS = 12;

/** One shard at `now`: its phase, and what the phase knows (copy percent, lag), all from the plan and the clock. */
function shardAt(plan: ResizePlan, shard: string, i: number, now: number): ShardResize {
  const startedAt = plan.shardStarts[i];
  const finishedAt = plan.shardFinishes[i];
  if (now < startedAt) return { shard, state: 'pending', phase: 'pending' };
  if (now >= finishedAt) return { shard, state: 'completed', phase: 'completed', startedAt, finishedAt };
  const duration = finishedAt - startedAt;
  const copyEnd = startedAt + duration * COPY_SHARE;
  const replicateEnd = copyEnd + duration * REPLICATE_SHARE;
  // Progress is reported on whole seconds, as a real source's `time_updated` is.
  const updatedAt = Math.floor(now / 1000) * 1000;
  if (now < copyEnd) {
    const copyPercent = Math.floor((1000 * (now - startedAt)) / (copyEnd - startedAt)) / 10;
    return { shard, state: shardStateOfPhase('copying'), phase: 'copying', startedAt, updatedAt, copyPercent };
  }
  if (now < replicateEnd) {
    const caughtUp = (now - copyEnd) / (replicateEnd - copyEnd);
    const lagSeconds = Math.round((0.5 + LAG_AFTER_COPY_SECONDS * (1 - caughtUp) ** 2) * 10) / 10;
    return { shard, state: shardStateOfPhase('replicating'), phase: 'replicating', startedAt, updatedAt, lagSeconds };
  }
  return { shard, state: shardStateOfPhase('switched'), phase: 'switched', startedAt, updatedAt };
}

/** The resize's status at `now`, derived from its plan (so phases only move forward as the clock does). */
export function resizeStatusAt(plan: ResizePlan, shardNames: readonly string[], now: number): ResizeStatus {
  const shards = shardNames.map((shard, i) => shardAt(plan, shard, i, now));
  const done = shards.every((s) => s.phase === 'completed');
  const status: ResizeStatus = {
    state: done ? 'completed' : now < plan.startedAt ? 'pending' : 'resizing',
    from: { ...plan.from },
    to: { ...plan.to },
    startedAt: plan.startedAt,
    shards,
  };
  status.phase = done ? 'completed' : now < plan.startedAt ? 'pending' : resizePhaseOf(status);
  const updated = shards.map((s) => s.updatedAt ?? 0).reduce((a, b) => Math.max(a, b), 0);
  if (updated > 0) status.updatedAt = updated;
  return status;
}

/** When the whole resize is done (epoch ms). */
export function resizeFinishedAt(plan: ResizePlan): number {
  return Math.max(...plan.shardFinishes);
}

/** Where a tablet sits, enough to name it and to simulate its lag. */
export interface TabletPlacement {
  id: string;
  shardIndex: number;
  /** 0…replicas in the primary region; 10 + i for the i-th read-only region. */
  slot: number;
  region: string;
  zone: string;
  readOnlyRegion: boolean;
}

/**
 * Vitess-style tablet aliases `<zone>-<uid>` with uid = 100 · (shard index + 1) + slot, so an id never depends
 * on role, lag or serving state and elements can diff topologies by id.
 */
export function placements(state: Pick<ClusterState, 'replicas' | 'readOnlyRegions'>, shardIndex: number): TabletPlacement[] {
  const uid = (slot: number) => 100 * (shardIndex + 1) + slot;
  const primaryZones = zonesOf(PRIMARY_REGION.slug);
  const result: TabletPlacement[] = [];
  for (let slot = 0; slot <= state.replicas; slot++) {
    const zone = primaryZones[(shardIndex + slot) % primaryZones.length];
    result.push({ id: `${zone}-${uid(slot)}`, shardIndex, slot, region: PRIMARY_REGION.slug, zone, readOnlyRegion: false });
  }
  state.readOnlyRegions.forEach((region, r) => {
    const zones = zonesOf(region);
    const zone = zones[shardIndex % zones.length];
    result.push({ id: `${zone}-${uid(10 + r)}`, shardIndex, slot: 10 + r, region, zone, readOnlyRegion: true });
  });
  return result;
}

/** The shape of one keyspace: the main keyspace follows the state; the lookup keyspace is a plain production one. */
export interface KeyspaceShape {
  shardNames: string[];
  replicas: number;
  readOnlyRegions: string[];
  primarySlots: number[];
  size: string;
  resize: ResizeStatus | null;
}

export function keyspaceShape(state: ClusterState, isLookup: boolean, now: number): KeyspaceShape {
  if (isLookup) {
    return { shardNames: ['-'], replicas: 2, readOnlyRegions: state.readOnlyRegions, primarySlots: [0], size: PRODUCTION_SIZE, resize: null };
  }
  return {
    shardNames: state.shardNames,
    replicas: state.replicas,
    readOnlyRegions: state.readOnlyRegions,
    primarySlots: state.primarySlots,
    size: state.size,
    resize: state.resize ? resizeStatusAt(state.resize, state.shardNames, now) : null,
  };
}

export interface TopologyNames {
  database: string;
  branch: string;
  keyspace: string;
  keyspaces: string[];
}

/** Builds fresh model objects (callers may mutate them); `lagOf` gives each replica's current lag. */
export function buildTopology(
  state: ClusterState,
  shape: KeyspaceShape,
  names: TopologyNames,
  lagOf: (placement: TabletPlacement) => number,
): Topology {
  const shards: Shard[] = shape.shardNames.map((name, shardIndex) => {
    const shardResize = shape.resize?.shards[shardIndex];
    const size = shardResize?.state === 'completed' ? shape.resize!.to.size : shape.size;
    // A shard being resized replaces its replicas one by one: the one being replaced is out of service.
    const replacing = shardResize?.state === 'resizing' ? 1 + (Math.floor((shardResize.startedAt ?? 0) / 60_000) % Math.max(1, shape.replicas)) : -1;
    const primarySlot = shape.primarySlots[shardIndex] ?? 0;
    const tablets: Tablet[] = placements(shape, shardIndex).map((p) => {
      const role = p.slot === primarySlot ? 'primary' : 'replica';
      const tablet: Tablet = { id: p.id, role, region: p.region, zone: p.zone, readOnlyRegion: p.readOnlyRegion, serving: p.slot !== replacing, size };
      if (role === 'replica') tablet.lagSeconds = Math.round(lagOf(p) * 1000) / 1000;
      return tablet;
    });
    tablets.sort((a, b) => (a.role === b.role ? 0 : a.role === 'primary' ? -1 : b.role === 'primary' ? 1 : 0));
    return { name, keyRange: parseShardName(name), tablets };
  });
  const primaryZones = zonesOf(PRIMARY_REGION.slug);
  return {
    database: names.database,
    branch: names.branch,
    branchKind: state.branchKind,
    keyspace: names.keyspace,
    keyspaces: [...names.keyspaces],
    primaryRegion: { ...PRIMARY_REGION },
    readOnlyRegions: shape.readOnlyRegions.map(regionOf),
    vtgates: { count: state.vtgateCount, zones: primaryZones.slice(0, Math.min(state.vtgateCount, primaryZones.length)), region: PRIMARY_REGION.slug },
    shards,
    resize: shape.resize,
  };
}

/** The index of a shard by name, or a `not-found` DataError naming the shards there are; `where` names the keyspace. */
export function shardIndexOf(shardNames: readonly string[], shard: string, where: string): number {
  const index = shardNames.indexOf(shard);
  if (index >= 0) return index;
  const known = shardNames.length <= 8 ? shardNames.join(', ') : `${shardNames.slice(0, 8).join(', ')}, … (${shardNames.length} shards)`;
  throw new DataError('not-found', `${where} has no shard ${JSON.stringify(shard)}; its shards are ${known}.`, { path: 'shard' });
}
