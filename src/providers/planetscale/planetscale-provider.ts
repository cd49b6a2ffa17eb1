/**
 * Topology and keyspace-resize status from the PlanetScale API, through the user's own proxy: a service token must
 * never reach a browser, so `url` is a server of yours that adds the `Authorization` header and forwards to
 * `https://api.planetscale.com/v1` (same paths). It calls, all GET:
 *
 * - `/organizations/{org}/databases/{db}/branches/{branch}` — production or development, region;
 * - `…/branches/{branch}/keyspaces` (all pages) — keyspace names, shard count, replicas, cluster size;
 * - `…/branches/{branch}/infrastructure` — the vttablet and vtgate pods with keyspace, shard, tablet type, cell
 *   (planetscale-go `BranchInfrastructure`); when it answers 404 the topology is drawn from the keyspace's
 *   documented shape instead (evenly split shards, 1 primary + `replicas` replicas, vtgates per PlanetScale's defaults);
 * - `…/keyspaces/{keyspace}/resizes` — resize requests, newest first (the status shown is the newest unless it is
 *   completed or canceled);
 * - `…/keyspaces/{keyspace}/rollout-status` — per-shard progress of that resize.
 *
 * `getEvents` turns the resize requests' start and completion times into chart markers.
 *
 * The API exposes no replication lag, so tablets have none. Metrics come from elsewhere (`combineProviders`).
 */
import { DataError } from '../../model/errors.js';
import { evenKeyRanges, parseShardName } from '../../model/key-range.js';
import { parseResizeStatus, parseTopology } from '../../model/parse.js';
import { RESIZE_STATES, type BranchRef, type ClusterEvent, type KeyspaceRef, type TimeRange, type MetricFrame, type ResizeState, type ResizeStatus, type ShardResize, type ShardResizeState, type Tablet, type Topology } from '../../model/types.js';
import type { DataProvider, RequestOptions } from '../provider.js';
import { defaultFetch, getJson, joinUrl, requireOption, type FetchLike } from '../shared/http.js';
import { buildVitessTopology, locateCell, tabletTypeFromName, type CellMap } from '../shared/vitess-topology.js';
import {
  decodeAnswer,
  decodeBranch,
  decodeInfrastructure,
  decodeKeyspacePage,
  decodeResizes,
  decodeRollout,
  fromPlanetScale,
  type PlanetScaleBranch,
  type PlanetScaleKeyspace,
  type PlanetScalePod,
  type PlanetScaleResize,
  type PlanetScaleShardRollout,
} from './decode.js';

export interface PlanetScaleProviderOptions {
  /** Your proxy's base URL standing for `https://api.planetscale.com/v1`, e.g. `/planetscale`. */
  url: string;
  organization: string;
  fetch?: FetchLike;
  /** Sent with every request to your proxy (e.g. your own session header); never a PlanetScale token. */
  headers?: Record<string, string>;
  /** Pod cell → region/zone, when the defaults (zones like `us-east-2a` belong to the branch's region) do not fit. */
  cells?: CellMap;
}

/** PlanetScale's default VTGate layout when the infrastructure is not available (DOMAIN.md: 3 across AZs in production, 1 in development). */
const DEFAULT_VTGATES = { production: 3, development: 1 };
const MAX_PAGES = 50;

/** Rollout states as words: PlanetScale says `complete`, `resizing`, `pending`; accept their close relatives. */
function shardRolloutState(state: string): ShardResizeState {
  const word = state.toLowerCase();
  if (word.startsWith('complete') || word === 'done' || word === 'finished') return 'completed';
  if (word.includes('fail') || word.includes('error')) return 'failed';
  if (word.includes('cancel')) return 'canceled';
  if (word.includes('resiz') || word.includes('progress') || word.includes('rolling') || word === 'running') return 'resizing';
  return 'pending';
}

function resizeState(state: string): ResizeState {
  const word = state.toLowerCase() === 'cancelled' ? 'canceled' : state.toLowerCase();
  if ((RESIZE_STATES as readonly string[]).includes(word)) return word as ResizeState;
  throw new DataError('invalid-data', `PlanetScale resize state "${state}" is not one of ${RESIZE_STATES.join('|')}.`, { path: 'data[0].state' });
}

/**
 * The newest resize and its per-shard rollout as a ResizeStatus. A shard's last-rollout times from before this
 * resize started belong to an earlier rollout and are dropped.
 */
export function resizeStatusFrom(resize: PlanetScaleResize, rollout: PlanetScaleShardRollout[]): ResizeStatus {
  const since = resize.startedAt ?? -Infinity;
  const shards = rollout.map((shard): ShardResize => {
    const entry: ShardResize = { shard: shard.name, state: shardRolloutState(shard.state) };
    if (shard.startedAt !== undefined && shard.startedAt >= since) {
      entry.startedAt = shard.startedAt;
      if (shard.finishedAt !== undefined && shard.finishedAt >= shard.startedAt) entry.finishedAt = shard.finishedAt;
    }
    return entry;
  });
  const status: ResizeStatus = { state: resizeState(resize.state), from: resize.from, to: resize.to, shards };
  if (resize.startedAt !== undefined) status.startedAt = resize.startedAt;
  return parseResizeStatus(status, 'resize');
}

export class PlanetScaleProvider implements DataProvider {
  private readonly options: PlanetScaleProviderOptions;
  private readonly fetchImpl: FetchLike;

  constructor(options: PlanetScaleProviderOptions) {
    requireOption(options, 'url', 'PlanetScaleProvider needs the `url` of your proxy to the PlanetScale API (never call it with a token from a browser).');
    requireOption(options, 'organization', 'PlanetScaleProvider needs an `organization`.');
    this.options = { ...options };
    this.fetchImpl = options.fetch ?? defaultFetch();
  }

  async getTopology(ref: BranchRef, opts: RequestOptions): Promise<Topology> {
    const keyspaceName = ref.keyspace ?? ref.database;
    const [branch, keyspaces, pods, resize] = await Promise.all([
      this.branch(ref, opts.signal),
      this.keyspaces(ref, opts.signal),
      this.infrastructure(ref, opts.signal),
      // A keyspace that does not exist is reported below, with the names that do.
      this.getResizeStatus({ ...ref, keyspace: keyspaceName }, opts).catch((error: unknown) => {
        if (error instanceof DataError && error.kind === 'not-found') return null;
        throw error;
      }),
    ]);
    const keyspace = keyspaces.find((k) => k.name === keyspaceName);
    if (!keyspace) {
      throw new DataError('not-found', `PlanetScale branch ${ref.database}/${ref.branch} has no keyspace "${keyspaceName}" (keyspaces: ${keyspaces.map((k) => k.name).join(', ') || 'none'}).`);
    }
    const names = keyspaces.map((k) => k.name);
    const topology = pods ? this.fromPods(ref, branch, names, keyspace, pods) : this.fromShape(ref, branch, names, keyspace);
    return parseTopology({ ...topology, resize }, 'topology');
  }

  async getResizeStatus(ref: KeyspaceRef, opts: RequestOptions): Promise<ResizeStatus | null> {
    const base = `${this.branchPath(ref)}/keyspaces/${encodeURIComponent(ref.keyspace)}`;
    const resizes = await this.get(`${base}/resizes`, opts.signal, decodeResizes);
    const newest = resizes[0];
    if (!newest || ['completed', 'canceled', 'cancelled'].includes(newest.state.toLowerCase())) return null;
    const rollout = await this.get(`${base}/rollout-status`, opts.signal, decodeRollout);
    return resizeStatusFrom(newest, rollout);
  }

  /** Resize markers: the start and completion of each resize request of the keyspace inside `range`. */
  async getEvents(ref: KeyspaceRef, range: TimeRange, opts: RequestOptions): Promise<ClusterEvent[]> {
    const resizes = await this.get(`${this.branchPath(ref)}/keyspaces/${encodeURIComponent(ref.keyspace)}/resizes`, opts.signal, decodeResizes);
    const inRange = (at: number | undefined): at is number => at !== undefined && at >= range.from && at <= range.to;
    return resizes
      .flatMap((resize): ClusterEvent[] => {
        const what = `Resize ${resize.from.size} → ${resize.to.size}`;
        return [
          ...(inRange(resize.startedAt) ? [{ at: resize.startedAt, kind: 'resize' as const, label: `${what} started` }] : []),
          ...(inRange(resize.completedAt) ? [{ at: resize.completedAt, kind: 'resize' as const, label: `${what} ${resize.state.toLowerCase().startsWith('cancel') ? 'canceled' : 'completed'}` }] : []),
        ];
      })
      .sort((a, b) => a.at - b.at);
  }

  async getMetrics(): Promise<MetricFrame> {
    throw new DataError('not-found', 'PlanetScaleProvider gives topology and resize status only: combine it with a metrics provider (combineProviders({ topology, metrics })).');
  }

  /** From the infrastructure's pods: real tablets and vtgates, cells mapped to the branch's region. */
  private fromPods(ref: BranchRef, branch: PlanetScaleBranch, keyspaces: string[], keyspace: PlanetScaleKeyspace, pods: PlanetScalePod[]): Topology {
    const tablets = pods.filter((pod) => pod.component === 'vttablet' && pod.keyspace === keyspace.name && pod.shard);
    const gates = pods.filter((pod) => pod.component === 'vtgate');
    const topology = buildVitessTopology({
      ref,
      keyspaces,
      tablets: tablets.map((pod) => ({
        alias: pod.name,
        keyspace: keyspace.name,
        shard: pod.shard!,
        type: tabletTypeFromName(pod.tabletType ?? ''),
        cell: pod.cell,
        serving: pod.healthy,
        // PlanetScale's Prometheus endpoint labels a tablet's series with its pod name (planetscale_pod; planetscale.com docs, Prometheus metrics).
        scrape: { pod: pod.name },
      })),
      gates: gates.map((pod) => ({ cell: pod.cell })),
      cells: this.cellsFor(branch, pods),
      branchKind: branch.production ? 'production' : 'development',
      source: 'PlanetScale API',
    });
    const sizes = new Map(tablets.map((pod) => [pod.name, pod.size]));
    for (const shard of topology.shards) for (const tablet of shard.tablets) setSize(tablet, sizes.get(tablet.id) ?? keyspace.size);
    const gateSize = gates.find((pod) => pod.size)?.size;
    if (gateSize) topology.vtgates.size = gateSize;
    return topology;
  }

  /**
   * Cells whose zone-derived region is the primaries' map to the branch's region (PlanetScale slugs such as
   * `aws-us-east-2` differ from zone names such as `us-east-2a`); the user's `cells` win.
   */
  private cellsFor(branch: PlanetScaleBranch, pods: PlanetScalePod[]): CellMap {
    const guessed = (cell: string) => locateCell(cell).region;
    const primaryRegions = new Set(pods.filter((pod) => pod.tabletType?.toLowerCase() === 'primary').map((pod) => guessed(pod.cell)));
    const cells: CellMap = {};
    for (const pod of pods) {
      if (primaryRegions.has(guessed(pod.cell)) || primaryRegions.size === 0) {
        cells[pod.cell] = { region: branch.region.slug, zone: pod.cell, ...(branch.region.name ? { regionName: branch.region.name } : {}) };
      }
    }
    return { ...cells, ...this.options.cells };
  }

  /** Without infrastructure: the keyspace's documented shape in the branch's region. */
  private fromShape(ref: BranchRef, branch: PlanetScaleBranch, keyspaces: string[], keyspace: PlanetScaleKeyspace): Topology {
    const shardNames = keyspace.sharded ? evenKeyRanges(Math.max(1, keyspace.shards)) : ['-'];
    const region = branch.region.slug;
    const tablet = (id: string, role: Tablet['role']): Tablet => {
      const model: Tablet = { id, role, region, readOnlyRegion: false, serving: true };
      setSize(model, keyspace.size);
      return model;
    };
    return {
      database: ref.database,
      branch: ref.branch,
      branchKind: branch.production ? 'production' : 'development',
      keyspace: keyspace.name,
      keyspaces,
      primaryRegion: branch.region,
      readOnlyRegions: [],
      vtgates: { count: branch.production ? DEFAULT_VTGATES.production : DEFAULT_VTGATES.development, zones: [], region },
      shards: shardNames.map((name) => ({
        name,
        keyRange: parseShardName(name),
        tablets: [tablet(`${keyspace.name}/${name}/primary`, 'primary'), ...Array.from({ length: keyspace.replicas }, (_, i) => tablet(`${keyspace.name}/${name}/replica-${i + 1}`, 'replica'))],
      })),
    };
  }

  private branchPath(ref: BranchRef): string {
    const part = encodeURIComponent;
    return `/organizations/${part(this.options.organization)}/databases/${part(ref.database)}/branches/${part(ref.branch)}`;
  }

  private branch(ref: BranchRef, signal: AbortSignal): Promise<PlanetScaleBranch> {
    return this.get(this.branchPath(ref), signal, decodeBranch);
  }

  private async keyspaces(ref: BranchRef, signal: AbortSignal): Promise<PlanetScaleKeyspace[]> {
    const all: PlanetScaleKeyspace[] = [];
    for (let page = 1, pages = 0; pages < MAX_PAGES; pages++) {
      const { items, nextPage } = await this.get(`${this.branchPath(ref)}/keyspaces`, signal, decodeKeyspacePage, { page: String(page) });
      all.push(...items);
      if (nextPage === undefined || nextPage <= page) break;
      page = nextPage;
    }
    return all;
  }

  /** The branch's pods, or `undefined` when this API (or the proxy) has no infrastructure route. */
  private async infrastructure(ref: BranchRef, signal: AbortSignal): Promise<PlanetScalePod[] | undefined> {
    try {
      return await this.get(`${this.branchPath(ref)}/infrastructure`, signal, decodeInfrastructure);
    } catch (error) {
      if (error instanceof DataError && error.kind === 'not-found') return undefined;
      throw error;
    }
  }

  private async get<T>(route: string, signal: AbortSignal, decode: (body: ReturnType<typeof decodeAnswer>) => T, params?: Record<string, string>): Promise<T> {
    const answer = await getJson(this.fetchImpl, joinUrl(this.options.url, route, params ? new URLSearchParams(params) : undefined), `PlanetScale API ${route}`, signal, this.options.headers);
    return fromPlanetScale(route, () => decode(decodeAnswer(answer, route)));
  }
}

function setSize(tablet: Tablet, size: string | undefined): void {
  if (size) tablet.size = size;
}
