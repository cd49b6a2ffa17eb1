/**
 * Topology and reshard progress from VTAdmin's HTTP API (open-source Vitess). It calls, all GET, each with
 * `?cluster=<id>` when the `cluster` option is set:
 * `/api/keyspaces`, `/api/tablets`, `/api/gates`, `/api/shard_replication_positions?keyspace=<ks>` (the only
 * place VTAdmin exposes replication lag) and `/api/workflows?keyspace=<ks>` (a Reshard workflow is shown as a
 * resize in progress); `getEvents` marks primary promotions. VTAdmin has no CPU/QPS metrics: combine this provider with `PrometheusProvider`.
 * Cross-origin use needs VTAdmin's `--http-origin`, or a same-origin proxy.
 */
import { DataError } from '../../model/errors.js';
import type { BranchKind, BranchRef, ClusterEvent, KeyspaceRef, MetricFrame, ResizeStatus, ShardResizeState, TimeRange, Topology } from '../../model/types.js';
import { parseResizeStatus } from '../../model/parse.js';
import type { DataProvider, RequestOptions } from '../provider.js';
import { defaultFetch, getJson, joinUrl, requireOption, type FetchLike } from '../shared/http.js';
import { buildVitessTopology, type CellMap } from '../shared/vitess-topology.js';
import {
  decodeEnvelope,
  decodeGates,
  decodeKeyspaces,
  decodeReplicationLag,
  decodeTablets,
  decodeWorkflows,
  fromVTAdmin,
  type VTAdminStream,
  type VTAdminTablet,
  type VTAdminWorkflow,
} from './decode.js';
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
}

/** Per-stream state (binlogdata.VReplicationWorkflowState, sent as text) → per-shard resize state. */
const STREAM_STATES: Record<string, ShardResizeState> = {
  Error: 'failed',
  Copying: 'resizing',
  Init: 'resizing',
  Lagging: 'resizing',
  // Copy done and replicating: this shard is ready for the traffic switch.
  Running: 'completed',
  Stopped: 'pending',
};
/** A shard with several streams shows the most telling one. */
const SHARD_STATE_PRIORITY: readonly ShardResizeState[] = ['failed', 'resizing', 'pending', 'completed'];

function shardState(streams: VTAdminStream[]): ShardResizeState {
  const states = streams.map((stream) => STREAM_STATES[stream.state] ?? 'pending');
  return SHARD_STATE_PRIORITY.find((state) => states.includes(state)) ?? 'pending';
}

const shardCount = (n: number) => (n === 1 ? '1 shard' : `${n} shards`);

/** Most non-primary tablets any of `shards` has: the replica count of a cluster shape. */
function replicasPerShard(tablets: VTAdminTablet[], keyspace: string, shards: string[]): number {
  return Math.max(0, ...shards.map((shard) => tablets.filter((t) => t.keyspace === keyspace && t.shard === shard && t.type !== 'PRIMARY').length));
}

/**
 * A Reshard workflow as a ResizeStatus: one entry per target shard (Copying → resizing, Running → completed,
 * Error → failed, Stopped → pending). The whole is `pending` until a shard moves, then `resizing`; a finished
 * reshard has no workflow any more, so this never says `completed`.
 */
export function resizeFromWorkflow(workflow: VTAdminWorkflow, tablets: VTAdminTablet[]): ResizeStatus {
  const keyspace = workflow.targetKeyspace || workflow.keyspace;
  const shards = workflow.targetShards.map((shard) => {
    const streams = workflow.streams.filter((stream) => stream.shard === shard);
    const started = streams.map((s) => s.createdAt).filter((t): t is number => t !== undefined);
    return { shard, state: shardState(streams), ...(started.length ? { startedAt: Math.min(...started) } : {}) };
  });
  const starts = shards.map((s) => s.startedAt).filter((t): t is number => t !== undefined);
  const status: ResizeStatus = {
    state: shards.every((s) => s.state === 'pending') ? 'pending' : 'resizing',
    from: { size: shardCount(workflow.sourceShards.length), replicas: replicasPerShard(tablets, workflow.sourceKeyspace || keyspace, workflow.sourceShards) },
    to: { size: shardCount(workflow.targetShards.length), replicas: replicasPerShard(tablets, keyspace, workflow.targetShards) },
    shards,
  };
  if (starts.length) status.startedAt = Math.min(...starts);
  return parseResizeStatus(status, 'resize');
}

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
    const [keyspaces, tablets, gates, lag, resize] = await Promise.all([
      this.get('/api/keyspaces', {}, opts.signal).then((r) => fromVTAdmin('/api/keyspaces', () => decodeKeyspaces(r))),
      this.get('/api/tablets', {}, opts.signal).then((r) => fromVTAdmin('/api/tablets', () => decodeTablets(r))),
      this.get('/api/gates', {}, opts.signal).then((r) => fromVTAdmin('/api/gates', () => decodeGates(r))),
      this.get('/api/shard_replication_positions', { keyspace }, opts.signal).then((r) =>
        fromVTAdmin('/api/shard_replication_positions', () => decodeReplicationLag(r, keyspace)),
      ),
      this.reshards(keyspace, opts.signal),
    ]);
    const matching = keyspaces.filter((k) => k.name === keyspace);
    const clusters = [...new Set(matching.map((k) => k.cluster))];
    if (clusters.length > 1) {
      throw new DataError('invalid-data', `Keyspace "${keyspace}" exists in several VTAdmin clusters (${clusters.join(', ')}): pass the \`cluster\` option.`);
    }
    const cluster = clusters[0];
    const inCluster = <T extends { cluster: string }>(items: T[]) => (cluster === undefined ? items : items.filter((item) => item.cluster === cluster));
    const shards = matching[0]?.shards ?? [];
    const serving = shards.filter((shard) => shard.primaryServing).map((shard) => shard.name);
    return buildVitessTopology({
      ref,
      keyspaces: [...new Set(inCluster(keyspaces).map((k) => k.name))],
      // During a reshard both shard sets exist; the serving ones are the keyspace, the others are in `resize`.
      shards: serving.length ? serving : shards.length ? shards.map((shard) => shard.name) : undefined,
      tablets: inCluster(tablets).map((tablet) => ({ ...tablet, serving: tablet.state === 'SERVING', lagSeconds: lag.get(tablet.alias) })),
      gates: inCluster(gates),
      cells: this.options.cells,
      branchKind: this.options.branchKind,
      resize: resize.workflow ? resizeFromWorkflow(resize.workflow, inCluster(tablets)) : null,
      source: 'VTAdmin',
    });
  }

  async getResizeStatus(ref: KeyspaceRef, opts: RequestOptions): Promise<ResizeStatus | null> {
    const [resize, tablets] = await Promise.all([
      this.reshards(ref.keyspace, opts.signal),
      this.get('/api/tablets', {}, opts.signal).then((r) => fromVTAdmin('/api/tablets', () => decodeTablets(r))),
    ]);
    return resize.workflow ? resizeFromWorkflow(resize.workflow, tablets) : null;
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

  /** The Reshard workflow into `keyspace`, if one exists. */
  private async reshards(keyspace: string, signal: AbortSignal): Promise<{ workflow?: VTAdminWorkflow }> {
    const result = await this.get('/api/workflows', { keyspace }, signal);
    const { workflows } = fromVTAdmin('/api/workflows', () => decodeWorkflows(result));
    const workflow = workflows.find((w) => w.type.toLowerCase() === 'reshard' && (w.targetKeyspace || w.keyspace) === keyspace);
    return workflow ? { workflow } : {};
  }

  private async get(route: string, params: Record<string, string>, signal: AbortSignal) {
    const query = new URLSearchParams();
    if (this.options.cluster) query.set('cluster', this.options.cluster);
    for (const [key, value] of Object.entries(params)) query.set(key, value);
    const answer = await getJson(this.fetchImpl, joinUrl(this.options.url, route, query), `VTAdmin ${route}`, signal, this.options.headers);
    return fromVTAdmin(route, () => decodeEnvelope(answer, route));
  }
}
