/**
 * Topology and reshard progress from VTAdmin's HTTP API (open-source Vitess). It calls, all GET, each with
 * `?cluster=<id>&cluster_id=<id>` when the `cluster` option is set:
 * `/api/keyspaces`, `/api/tablets`, `/api/gates`, `/api/shard_replication_positions?keyspace=<ks>` (the only
 * place VTAdmin exposes replication lag) and `/api/workflows?keyspace=<ks>` (a Reshard and its `_reverse` are read
 * as a resize, see ./workflows.ts); `/api/clusters` only to explain an empty answer for an unknown cluster id;
 * `getEvents` marks primary promotions. VTAdmin has no CPU/QPS metrics: combine this provider with `PrometheusProvider`.
 * Cross-origin use needs VTAdmin's `--http-origin`, or a same-origin proxy; the error says so.
 */
import { DataError } from '../../model/errors.js';
import type { BranchKind, BranchRef, ClusterEvent, KeyspaceRef, MetricFrame, ResizeStatus, TimeRange, Topology } from '../../model/types.js';
import type { DataProvider, RequestOptions } from '../provider.js';
import { defaultFetch, getJson, joinUrl, requireOption, type FetchLike } from '../shared/http.js';
import { buildVitessTopology, type CellMap } from '../shared/vitess-topology.js';
import { decodeClusters, decodeEnvelope, decodeGates, decodeKeyspaces, decodeReplicationLag, decodeTablets, fromVTAdmin, type VTAdminShard, type VTAdminTablet } from './decode.js';
import { decodeWorkflows, resizeFromWorkflows, SUPPORTED_VITESS, type VTAdminWorkflow } from './workflows.js';
import { markValidatedAnswers } from '../trust.js';

export interface VTAdminProviderOptions {
  /** Base URL of VTAdmin's API server (without `/api`), e.g. `http://vtadmin:14200` or a same-origin proxy path `/vtadmin`. */
  url: string;
  /** VTAdmin cluster id; needed when several clusters have a keyspace of the same name. */
  cluster?: string;
  /** Vitess cell → region (and zone); cells named like `us-east-2a` map to `us-east-2` without it. */
  cells?: CellMap;
  fetch?: FetchLike;
  headers?: Record<string, string>;
  /** Default: `production` when any shard has a replica or there is more than one vtgate. */
  branchKind?: BranchKind;
  /** The clock that dates a reshard's replication lag (`time_updated` is server time); default `Date.now`. */
  now?: () => number;
}

/**
 * A Reshard workflow as a ResizeStatus (one workflow; the provider passes every workflow of the keyspace to
 * `resizeFromWorkflows`, which also finds its `_reverse`). Kept for callers of the first release.
 */
export function resizeFromWorkflow(workflow: VTAdminWorkflow, tablets: VTAdminTablet[], now = Date.now()): ResizeStatus {
  const keyspace = workflow.targetKeyspace || workflow.keyspace;
  return resizeFromWorkflows([{ ...workflow, type: 'Reshard' }], keyspace, tablets, now)!;
}

/**
 * The shards the diagram draws. During a reshard both shard sets exist: the new ones once traffic is switched, the
 * old ones before (the serving flags alone can mislead: the topo records of website design-docs/vreplication/cutover.md
 * keep the old shard `is_master_serving` after SwitchWrites). Otherwise the serving shards, or all when none serves.
 */
function drawnShards(shards: VTAdminShard[], resize: ResizeStatus | null): string[] | undefined {
  if (!shards.length) return undefined;
  const names = shards.map((shard) => shard.name);
  if (resize) {
    const targets = new Set(resize.shards.map((shard) => shard.shard));
    if (resize.phase === 'switched') return names.filter((name) => targets.has(name));
    const sources = names.filter((name) => !targets.has(name));
    if (sources.length) return sources;
  }
  const serving = shards.filter((shard) => shard.primaryServing).map((shard) => shard.name);
  return serving.length ? serving : names;
}

/** How a page on `origin` may call VTAdmin: its own flag (go/cmd/vtadmin: `--http-origin`, repeatable). */
const CROSS_ORIGIN_HINT = (origin: string) =>
  `Start vtadmin with --http-origin=${origin} (or put it behind a proxy on this page's origin, as the demo's PS_VTADMIN_URL does).`;

export class VTAdminProvider implements DataProvider {
  static {
    // Topology and resize status pass the model's parsers where they are decoded; events are built from checked workflows.
    markValidatedAnswers(this.prototype, ['getTopology', 'getResizeStatus', 'getEvents']);
  }

  private readonly options: VTAdminProviderOptions;
  private readonly fetchImpl: FetchLike;

  constructor(options: VTAdminProviderOptions) {
    requireOption(options, 'url', 'VTAdminProvider needs a `url` (e.g. "http://localhost:14200" or "/vtadmin").');
    this.options = { ...options };
    this.fetchImpl = options.fetch ?? defaultFetch();
  }

  async getTopology(ref: BranchRef, opts: RequestOptions): Promise<Topology> {
    const keyspace = ref.keyspace ?? ref.database;
    const [keyspaces, tablets, gates, lag, workflows] = await Promise.all([
      this.keyspaces(opts.signal),
      this.tablets(opts.signal),
      this.get('/api/gates', {}, opts.signal).then((r) => fromVTAdmin('/api/gates', () => decodeGates(r))),
      this.get('/api/shard_replication_positions', { keyspace }, opts.signal).then((r) =>
        fromVTAdmin('/api/shard_replication_positions', () => decodeReplicationLag(r, keyspace)),
      ),
      this.workflows(keyspace, opts.signal),
    ]);
    if (!keyspaces.length) await this.checkCluster(opts.signal);
    const matching = keyspaces.filter((k) => k.name === keyspace);
    const clusters = [...new Set(matching.map((k) => k.cluster))];
    if (clusters.length > 1) {
      throw new DataError('invalid-data', `Keyspace "${keyspace}" exists in several VTAdmin clusters (${clusters.join(', ')}): pass the \`cluster\` option.`);
    }
    const cluster = clusters[0];
    const inCluster = <T extends { cluster: string }>(items: T[]) => (cluster === undefined ? items : items.filter((item) => item.cluster === cluster));
    const shards = matching[0]?.shards ?? [];
    if (matching.length && !shards.length) {
      throw new DataError(
        'not-found',
        `Keyspace "${keyspace}" has no shards yet. Create its first shard (vtctldclient CreateShard, or start its tablets, which creates it) and the diagram appears.`,
      );
    }
    const resize = this.resize(inCluster(workflows), keyspace, inCluster(tablets));
    return buildVitessTopology({
      ref,
      keyspaces: [...new Set(inCluster(keyspaces).map((k) => k.name))],
      shards: drawnShards(shards, resize),
      tablets: inCluster(tablets).map((tablet) => ({ ...tablet, serving: tablet.state === 'SERVING', lagSeconds: lag.get(tablet.alias) })),
      gates: inCluster(gates),
      cells: this.options.cells,
      branchKind: this.options.branchKind,
      resize,
      source: 'VTAdmin',
    });
  }

  async getResizeStatus(ref: KeyspaceRef, opts: RequestOptions): Promise<ResizeStatus | null> {
    const [workflows, tablets] = await Promise.all([this.workflows(ref.keyspace, opts.signal), this.tablets(opts.signal)]);
    return this.resize(workflows, ref.keyspace, tablets);
  }

  /** Promotion markers: when each shard's current primary began its term (`primary_term_start_time`), if inside `range`. */
  async getEvents(ref: KeyspaceRef, range: TimeRange, opts: RequestOptions): Promise<ClusterEvent[]> {
    const keyspaces = await this.get('/api/keyspaces', {}, opts.signal).then((r) => fromVTAdmin('/api/keyspaces', () => decodeKeyspaces(r)));
    const shards = keyspaces.filter((k) => k.name === ref.keyspace).flatMap((k) => k.shards);
    return shards
      .filter((shard) => shard.primaryTermStart !== undefined && shard.primaryTermStart >= range.from && shard.primaryTermStart <= range.to)
      .map((shard): ClusterEvent => ({ at: shard.primaryTermStart!, kind: 'promotion', label: `${shard.primaryAlias ?? 'A tablet'} became primary of ${shard.name}`, shard: shard.name }))
      .sort((a, b) => a.at - b.at);
  }

  async getMetrics(): Promise<MetricFrame> {
    throw new DataError('not-found', 'VTAdmin has no metrics: combine VTAdminProvider with PrometheusProvider (combineProviders({ topology, metrics })).');
  }

  private keyspaces(signal: AbortSignal) {
    return this.get('/api/keyspaces', {}, signal).then((r) => fromVTAdmin('/api/keyspaces', () => decodeKeyspaces(r)));
  }

  private tablets(signal: AbortSignal) {
    return this.get('/api/tablets', {}, signal).then((r) => fromVTAdmin('/api/tablets', () => decodeTablets(r)));
  }

  /** Every workflow VTAdmin lists for `keyspace` (a Reshard's forward and `_reverse` workflows both live there). */
  private async workflows(keyspace: string, signal: AbortSignal): Promise<VTAdminWorkflow[]> {
    const result = await this.get('/api/workflows', { keyspace }, signal).catch((error: unknown) => {
      // The route came with VTAdmin's workflows (vitessio/vitess#7662, Vitess 10): a 404 page means an older VTAdmin.
      if (error instanceof DataError && error.status === 404) {
        const why = `Either the url is not VTAdmin's API server, or this VTAdmin is older than Vitess 10 (this provider reads VTAdmin of ${SUPPORTED_VITESS}).`;
        throw new DataError('not-found', `${error.message}. ${why}`, { status: 404, cause: error });
      }
      throw error;
    });
    return fromVTAdmin('/api/workflows', () => decodeWorkflows(result).workflows);
  }

  private resize(workflows: VTAdminWorkflow[], keyspace: string, tablets: VTAdminTablet[]): ResizeStatus | null {
    return fromVTAdmin('/api/workflows', () => resizeFromWorkflows(workflows, keyspace, tablets, (this.options.now ?? Date.now)()));
  }

  /**
   * VTAdmin drops cluster ids it does not know and answers as if they had nothing (go/vt/vtadmin/api.go
   * `getClustersForRequest`), so an empty answer with a `cluster` option is checked against `/api/clusters`
   * (go/vt/vtadmin/http/clusters.go: `{clusters: [{id, name}]}`).
   */
  private async checkCluster(signal: AbortSignal): Promise<void> {
    const wanted = this.options.cluster;
    if (!wanted) return;
    const result = await this.get('/api/clusters', {}, signal, false);
    const ids = fromVTAdmin('/api/clusters', () => decodeClusters(result));
    if (!ids.includes(wanted)) {
      const known = ids.length ? ids.map((id) => `"${id}"`).join(', ') : 'none';
      throw new DataError('not-found', `VTAdmin has no cluster "${wanted}" (its clusters: ${known}). Check the provider's \`cluster\` option.`);
    }
  }

  private async get(route: string, params: Record<string, string>, signal: AbortSignal, inCluster = true) {
    const query = new URLSearchParams();
    if (this.options.cluster && inCluster) {
      // Older handlers read `cluster`, newer ones `cluster_id` (vitessio/vitess#12729; go/vt/vtadmin/http/workflows.go
      // GetWorkflows reads query["cluster_id"] in recent releases, query["cluster"] before); each ignores the other.
      query.set('cluster', this.options.cluster);
      query.set('cluster_id', this.options.cluster);
    }
    for (const [key, value] of Object.entries(params)) query.set(key, value);
    const answer = await getJson(this.fetchImpl, joinUrl(this.options.url, route, query), `VTAdmin ${route}`, signal, this.options.headers, {
      crossOrigin: CROSS_ORIGIN_HINT,
    });
    return fromVTAdmin(route, () => decodeEnvelope(answer, route));
  }
}
