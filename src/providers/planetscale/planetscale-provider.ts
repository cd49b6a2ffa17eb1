/**
 * Topology, keyspace-resize status and metrics from the PlanetScale API, through the user's own proxy: a service token
 * must never reach a browser, so `url` is a server of yours that adds the `Authorization` header and forwards to
 * `https://api.planetscale.com/v1` (same paths). It calls, all GET, each needing `read_branch` access (errors.ts):
 *
 * - `/organizations/{org}/databases/{db}/branches/{branch}` — production or development, region, `vtgate_count`,
 *   `vtgate_name`/`vtgate_size` (API reference get_branch; planetscale-go `DatabaseBranch`);
 * - `…/branches/{branch}/keyspaces` (all pages) — keyspace names, shard count, replicas, cluster size (list_keyspaces);
 * - `…/branches/{branch}/infrastructure` — the vttablet and vtgate pods with keyspace, shard, tablet type, cell
 *   (planetscale-go `branch_infrastructure.go`; not in the API reference). When it answers 404 the topology is drawn
 *   from the keyspace's documented shape instead: evenly split shards, 1 primary + `replicas` replicas, the branch's
 *   `vtgate_count`, and the read-only regions of `…/keyspaces/{keyspace}?full=true` (planetscale-go `Keyspaces.Get`);
 * - `…/keyspaces/{keyspace}/resizes` — resize requests, newest first (planetscale-go `Keyspaces.ResizeStatus`);
 * - `…/keyspaces/{keyspace}/rollout-status` — per-shard progress of that resize (get_keyspace_rollout_status);
 * - `…/branches/{branch}/metrics/tablets` and `…/branches/{branch}/metrics` — the metric cards' series (metrics.ts);
 * - `…/branches/{branch}/metrics/tablets-instant` — the replicas' current lag on the diagram (get_instant_tablet_metrics).
 *
 * `getEvents` turns the resize requests' start and completion times into chart markers.
 */
import { DataError } from '../../model/errors.js';
import { evenKeyRanges, parseShardName } from '../../model/key-range.js';
import { parseMetricFrame, parseResizeStatus, parseTopology } from '../../model/parse.js';
import { shardStateOfPhase } from '../../model/resize.js';
import {
  RESIZE_STATES,
  type BranchRef,
  type ClusterEvent,
  type KeyspaceRef,
  type MetricFrame,
  type MetricQuery,
  type Region,
  type ResizeState,
  type ResizeStatus,
  type ShardResize,
  type ShardResizePhase,
  type ShardResizeState,
  type Tablet,
  type TabletRef,
  type TimeRange,
  type Topology,
} from '../../model/types.js';
import type { DataProvider, RequestOptions } from '../provider.js';
import { defaultFetch, getJson, joinUrl, requireOption, type FetchLike } from '../shared/http.js';
import { buildVitessTopology, locateCell, roleOfType, tabletTypeFromName, type CellMap } from '../shared/vitess-topology.js';
import {
  decodeAnswer,
  decodeBranch,
  decodeInfrastructure,
  decodeInstantValues,
  decodeKeyspacePage,
  decodeReadOnlyRegions,
  decodeResizes,
  decodeRollout,
  decodeSeriesAnswer,
  fromPlanetScale,
  type PlanetScaleBranch,
  type PlanetScaleInstantValue,
  type PlanetScaleKeyspace,
  type PlanetScalePod,
  type PlanetScaleReadOnlyRegion,
  type PlanetScaleResize,
  type PlanetScaleShardRollout,
} from './decode.js';
import { answerError } from './errors.js';
import { frameFrom, metricsQuery, planMetric, stepsFor, type TabletIdentity } from './metrics.js';
import { markValidatedAnswers } from '../trust.js';

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

/**
 * PlanetScale's default VTGate count (DOMAIN.md: 3 across AZs in production, 1 in development), only for a branch
 * answer without `vtgate_count`.
 */
const DEFAULT_VTGATES = { production: 3, development: 1 };
const MAX_PAGES = 50;
/** How long a branch's pods answer who a tablet is (its pod, its role) for metric requests. */
const POD_CACHE_MS = 60_000;

/**
 * Resize request states: `queued`, `pending`, `resizing`, `completed`, `canceled` (the API reference's change-request
 * state enum, get_branch_change_request; planetscale-go's tests send `pending` and `completed` for keyspace resizes,
 * `queued` for branch resizes). Anything else is reported, not guessed.
 */
function resizeState(state: string): ResizeState {
  if ((RESIZE_STATES as readonly string[]).includes(state)) return state as ResizeState;
  throw new DataError('invalid-data', `PlanetScale resize state "${state}" is not one of ${RESIZE_STATES.join('|')}.`, { path: 'data[0].state' });
}

/**
 * One shard of the newest resize, with its phase (the model's `ShardResizePhase`). Rollout states seen upstream are
 * `complete` (planetscale-go TestKeyspaces_RolloutStatus) and `resizing` (planetscale/cli rollout_status_test.go); the
 * reference documents no list. A shard's `last_rollout_*` times may belong to an earlier rollout: a `complete` shard
 * whose last rollout finished before this resize started has not been rolled yet (`pending`). A PlanetScale rollout
 * replaces tablets one by one and reports no finer step, so a rolling shard is `resizing`. Other words get no phase:
 * their state is read from the times alone.
 */
function shardRollout(shard: PlanetScaleShardRollout, since: number): ShardResize {
  const started = shard.startedAt !== undefined && shard.startedAt >= since ? shard.startedAt : undefined;
  const finished = started !== undefined && shard.finishedAt !== undefined && shard.finishedAt >= started ? shard.finishedAt : undefined;
  let phase: ShardResizePhase | undefined;
  if (shard.state === 'complete') phase = finished !== undefined ? 'completed' : 'pending';
  else if (shard.state === 'resizing') phase = 'resizing';
  const state: ShardResizeState = phase ? shardStateOfPhase(phase) : finished !== undefined ? 'completed' : started !== undefined ? 'resizing' : 'pending';
  const entry: ShardResize = { shard: shard.name, state };
  if (phase) entry.phase = phase;
  if (started !== undefined) entry.startedAt = started;
  if (finished !== undefined && state === 'completed') entry.finishedAt = finished;
  return entry;
}

/**
 * The newest resize and its per-shard rollout as a ResizeStatus; before it started, no rollout is its. Each of the
 * five request states is its own phase (`queued` waits behind another change); `updated_at` is the last report.
 */
export function resizeStatusFrom(resize: PlanetScaleResize, rollout: PlanetScaleShardRollout[]): ResizeStatus {
  const since = resize.startedAt ?? Infinity;
  const state = resizeState(resize.state);
  const status: ResizeStatus = { state, phase: state, from: resize.from, to: resize.to, shards: rollout.map((shard) => shardRollout(shard, since)) };
  if (resize.startedAt !== undefined) status.startedAt = resize.startedAt;
  if (resize.updatedAt !== undefined) status.updatedAt = resize.updatedAt;
  return parseResizeStatus(status, 'resize');
}

export class PlanetScaleProvider implements DataProvider {
  static {
    // Topology, resize status and frames pass the model's parsers where they are decoded; events are built from checked resizes.
    markValidatedAnswers(this.prototype, ['getTopology', 'getMetrics', 'getResizeStatus', 'getEvents']);
  }

  private readonly options: PlanetScaleProviderOptions;
  private readonly fetchImpl: FetchLike;
  /** Per branch: its pods (or `undefined`: no infrastructure route), shared by the charts of a card loading together. */
  private readonly podCache = new Map<string, { at: number; pods: Promise<PlanetScalePod[] | undefined> }>();

  constructor(options: PlanetScaleProviderOptions) {
    requireOption(options, 'url', 'PlanetScaleProvider needs the `url` of your proxy to the PlanetScale API (never call it with a token from a browser).');
    requireOption(options, 'organization', 'PlanetScaleProvider needs an `organization`.');
    this.options = { ...options };
    this.fetchImpl = options.fetch ?? defaultFetch();
  }

  async getTopology(ref: BranchRef, opts: RequestOptions): Promise<Topology> {
    const keyspaceName = ref.keyspace ?? ref.database;
    const [branch, keyspaces, pods, resize, lags] = await Promise.all([
      this.branch(ref, opts.signal),
      this.keyspaces(ref, opts.signal),
      this.infrastructure(ref, opts.signal).then((answer) => {
        this.podCache.set(this.branchPath(ref), { at: Date.now(), pods: Promise.resolve(answer) });
        return answer;
      }),
      // A keyspace that does not exist is reported below, with the names that do.
      this.getResizeStatus({ ...ref, keyspace: keyspaceName }, opts).catch((error: unknown) => {
        if (error instanceof DataError && error.kind === 'not-found') return null;
        throw error;
      }),
      this.currentLags(ref, keyspaceName, opts.signal),
    ]);
    const keyspace = keyspaces.find((k) => k.name === keyspaceName);
    if (!keyspace) {
      throw new DataError('not-found', `PlanetScale branch ${ref.database}/${ref.branch} has no keyspace "${keyspaceName}" (keyspaces: ${keyspaces.map((k) => k.name).join(', ') || 'none'}).`);
    }
    const names = keyspaces.map((k) => k.name);
    const topology = pods
      ? this.fromPods(ref, branch, names, keyspace, pods)
      : this.fromShape(ref, branch, names, keyspace, await this.readOnlyRegions(ref, keyspace.name, opts.signal));
    if (pods) setLags(topology, lags);
    return parseTopology({ ...topology, resize }, 'topology');
  }

  /**
   * The keyspace's current replication lags (get_instant_tablet_metrics `replication_lag`, seconds). Lag is extra on
   * the diagram: when the route fails (no metrics service, an older proxy) the diagram still draws, lag unknown.
   */
  private async currentLags(ref: BranchRef, keyspace: string, signal: AbortSignal): Promise<PlanetScaleInstantValue[]> {
    const query = new URLSearchParams([['metrics[]', 'replication_lag'], ['keyspace', keyspace]]);
    try {
      return await this.get(ref, '/metrics/tablets-instant', signal, decodeInstantValues('replication_lag'), query);
    } catch (error) {
      if (error instanceof DataError && error.kind === 'aborted') throw error;
      return [];
    }
  }

  async getResizeStatus(ref: KeyspaceRef, opts: RequestOptions): Promise<ResizeStatus | null> {
    const base = `/keyspaces/${encodeURIComponent(ref.keyspace)}`;
    const resizes = await this.get(ref, `${base}/resizes`, opts.signal, decodeResizes);
    const newest = resizes[0];
    if (!newest || ['completed', 'canceled'].includes(resizeState(newest.state))) return null;
    const rollout = await this.get(ref, `${base}/rollout-status`, opts.signal, decodeRollout);
    return resizeStatusFrom(newest, rollout);
  }

  /** Resize markers: the start and completion of each resize request of the keyspace inside `range`. */
  async getEvents(ref: KeyspaceRef, range: TimeRange, opts: RequestOptions): Promise<ClusterEvent[]> {
    const resizes = await this.get(ref, `/keyspaces/${encodeURIComponent(ref.keyspace)}/resizes`, opts.signal, decodeResizes);
    const inRange = (at: number | undefined): at is number => at !== undefined && at >= range.from && at <= range.to;
    return resizes
      .flatMap((resize): ClusterEvent[] => {
        const what = `Resize ${resize.from.size} → ${resize.to.size}`;
        return [
          ...(inRange(resize.startedAt) ? [{ at: resize.startedAt, kind: 'resize' as const, label: `${what} started` }] : []),
          // Only a finished request's completed_at ends it (planetscale-go's pending test answer carries one too).
          ...(inRange(resize.completedAt) && (resize.state === 'completed' || resize.state === 'canceled')
            ? [{ at: resize.completedAt, kind: 'resize' as const, label: `${what} ${resize.state}` }]
            : []),
        ];
      })
      .sort((a, b) => a.at - b.at);
  }

  /** One chart's series from the metrics API (metrics.ts says which series answer which chart, and why). */
  async getMetrics(query: MetricQuery, opts: RequestOptions): Promise<MetricFrame> {
    const { target, metric, range } = query;
    const identity = target.kind === 'tablet' ? await this.identify(target, opts.signal) : {};
    const plan = planMetric(target, metric, identity);
    const steps = stepsFor(range, query.stepSeconds);
    const answers = await Promise.all(
      plan.requests.map((request) => this.get(target, `/${request.route}`, opts.signal, decodeSeriesAnswer, metricsQuery(request, range, steps))),
    );
    return parseMetricFrame(frameFrom(metric, plan, answers), 'frame');
  }

  /**
   * Who a tablet is for the metrics API. Tablets drawn from the infrastructure carry their pod name as id (and as
   * `scrape.pod` when the caller passes it); their role comes from the same pods (cached a minute). Tablets drawn from
   * the keyspace's shape (`fromShape`) are named `{keyspace}/{shard}/primary` or `…/replica-N` and have no pod.
   */
  private async identify(target: TabletRef, signal: AbortSignal): Promise<TabletIdentity> {
    const shapePrefix = `${target.keyspace}/${target.shard}/`;
    if (target.tabletId.startsWith(shapePrefix)) {
      return { role: target.tabletId === `${shapePrefix}primary` ? 'primary' : 'replica' };
    }
    const name = target.scrape?.pod ?? target.tabletId;
    const pods = await this.cachedPods(target, signal);
    const pod = pods?.find((p) => p.name === name && p.component === 'vttablet');
    const identity: TabletIdentity = { pod: name };
    if (pod?.tabletType) {
      const type = tabletTypeFromName(pod.tabletType);
      if (type !== 'UNKNOWN') identity.role = roleOfType(type).role;
    }
    return identity;
  }

  /** The branch's pods from the last minute, shared between concurrent callers; an error means "role unknown". */
  private async cachedPods(ref: BranchRef, signal: AbortSignal): Promise<PlanetScalePod[] | undefined> {
    const key = this.branchPath(ref);
    let entry = this.podCache.get(key);
    if (!entry || Date.now() - entry.at > POD_CACHE_MS) {
      // Its own signal: one card giving up must not fail the others waiting on the same answer.
      const pods = this.infrastructure(ref, new AbortController().signal).catch(() => undefined);
      entry = { at: Date.now(), pods };
      this.podCache.set(key, entry);
    }
    return untilAborted(entry.pods, signal);
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
    const gateSize = branch.vtgateSize ?? gates.find((pod) => pod.size)?.size;
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

  /**
   * Without infrastructure: the keyspace's documented shape. Each shard has a primary and `replicas` replicas in the
   * branch's region, plus, per read-only region, that region's `replicas` (read-only replicas of every shard, DOMAIN.md).
   * VTGates: the branch's `vtgate_count` and size; their zones are not in these answers.
   */
  private fromShape(ref: BranchRef, branch: PlanetScaleBranch, keyspaces: string[], keyspace: PlanetScaleKeyspace, readOnly: PlanetScaleReadOnlyRegion[]): Topology {
    const shardNames = keyspace.sharded ? evenKeyRanges(Math.max(1, keyspace.shards)) : ['-'];
    const region = branch.region.slug;
    const tablet = (id: string, role: Tablet['role'], where = region, size = keyspace.size): Tablet => {
      const model: Tablet = { id, role, region: where, readOnlyRegion: where !== region, serving: true };
      setSize(model, size);
      return model;
    };
    const count = branch.vtgateCount ?? (branch.production ? DEFAULT_VTGATES.production : DEFAULT_VTGATES.development);
    const vtgates: Topology['vtgates'] = { count, zones: [], region };
    if (branch.vtgateSize) vtgates.size = branch.vtgateSize;
    const others = readOnly.filter((r) => r.region !== region && r.replicas > 0);
    return {
      database: ref.database,
      branch: ref.branch,
      branchKind: branch.production ? 'production' : 'development',
      keyspace: keyspace.name,
      keyspaces,
      primaryRegion: branch.region,
      readOnlyRegions: others.map((r): Region => ({ slug: r.region })),
      vtgates,
      shards: shardNames.map((name) => {
        const id = `${keyspace.name}/${name}/`;
        return {
          name,
          keyRange: parseShardName(name),
          tablets: [
            tablet(`${id}primary`, 'primary'),
            ...Array.from({ length: keyspace.replicas }, (_, i) => tablet(`${id}replica-${i + 1}`, 'replica')),
            ...others.flatMap((r) => Array.from({ length: r.replicas }, (_, i) => tablet(`${id}${r.region}-replica-${i + 1}`, 'replica', r.region, r.size ?? keyspace.size))),
          ],
        };
      }),
    };
  }

  private branchPath(ref: BranchRef): string {
    const part = encodeURIComponent;
    return `/organizations/${part(this.options.organization)}/databases/${part(ref.database)}/branches/${part(ref.branch)}`;
  }

  private branch(ref: BranchRef, signal: AbortSignal): Promise<PlanetScaleBranch> {
    return this.get(ref, '', signal, decodeBranch);
  }

  private async keyspaces(ref: BranchRef, signal: AbortSignal): Promise<PlanetScaleKeyspace[]> {
    const all: PlanetScaleKeyspace[] = [];
    for (let page = 1, pages = 0; pages < MAX_PAGES; pages++) {
      const { items, nextPage } = await this.get(ref, '/keyspaces', signal, decodeKeyspacePage, new URLSearchParams({ page: String(page) }));
      all.push(...items);
      if (nextPage === undefined || nextPage <= page) break;
      page = nextPage;
    }
    return all;
  }

  /** A keyspace's read-only regions (`?full=true`); none when that answer is missing (an older API or proxy). */
  private async readOnlyRegions(ref: BranchRef, keyspace: string, signal: AbortSignal): Promise<PlanetScaleReadOnlyRegion[]> {
    try {
      return await this.get(ref, `/keyspaces/${encodeURIComponent(keyspace)}`, signal, decodeReadOnlyRegions, new URLSearchParams({ full: 'true' }));
    } catch (error) {
      if (error instanceof DataError && error.kind === 'not-found') return [];
      throw error;
    }
  }

  /** The branch's pods, or `undefined` when this API (or the proxy) has no infrastructure route. */
  private async infrastructure(ref: BranchRef, signal: AbortSignal): Promise<PlanetScalePod[] | undefined> {
    try {
      return await this.get(ref, '/infrastructure', signal, decodeInfrastructure);
    } catch (error) {
      if (error instanceof DataError && error.kind === 'not-found') return undefined;
      throw error;
    }
  }

  /** GETs `{branch path}{below}` through the proxy; a failed answer becomes the DataError errors.ts words for it. */
  private async get<T>(ref: BranchRef, below: string, signal: AbortSignal, decode: (body: ReturnType<typeof decodeAnswer>) => T, params?: URLSearchParams): Promise<T> {
    const route = `${this.branchPath(ref)}${below}`;
    const answer = await getJson(this.fetchImpl, joinUrl(this.options.url, route, params), `PlanetScale API ${route}`, signal, this.options.headers);
    if (!answer.ok) {
      const { organization } = this.options;
      throw answerError(answer, { route, organization, database: ref.database, branch: ref.branch, isBranch: below === '', isMetrics: below.startsWith('/metrics') });
    }
    return fromPlanetScale(route, () => decode(decodeAnswer(answer)));
  }
}

/** `promise`, or an `aborted` DataError as soon as `signal` fires. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(DataError.aborted());
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(DataError.aborted());
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/**
 * Each replica's lag from the instant values naming its pod. The reference documents no dimension names (planetscale/cli's
 * tablet test answers a bare `{value}`; its branch test names the pod `pod`), so a value belongs to a tablet when any of
 * its text dimensions is that tablet's pod name; a replica no value names keeps an unknown lag.
 */
function setLags(topology: Topology, lags: PlanetScaleInstantValue[]): void {
  if (lags.length === 0) return;
  for (const shard of topology.shards) {
    for (const tablet of shard.tablets) {
      if (tablet.role === 'primary') continue;
      const found = lags.find((lag) => lag.dimensions.includes(tablet.scrape?.pod ?? tablet.id));
      if (found) tablet.lagSeconds = found.value;
    }
  }
}

function setSize(tablet: Tablet, size: string | undefined): void {
  if (size) tablet.size = size;
}
