/**
 * VTAdmin's VReplication workflows (`GET /api/workflows`) decoded, and a Reshard's lifecycle read from them as a
 * `ResizeStatus`. Shapes: vitessio/vitess proto/vtadmin.proto (GetWorkflowsResponse, ClusterWorkflows, Workflow) and
 * proto/vtctldata.proto (Workflow, ShardStream, Stream, CopyState, Log), as go/vt/vtctl/workflow/workflows.go fills
 * them (`scanWorkflow`, `getStreamState`, `getVReplicationTrxLag`), encoded by go/vt/vtadmin/http/response.go
 * (Go encoding/json: snake_case, zero values omitted, int64 as numbers).
 *
 * A Reshard (go/vt/vtctl/workflow: resharder.go, traffic_switcher.go; vitessio/website
 * content/en/docs/design-docs/vreplication/cutover.md) goes: streams on the new shards `Init` → `Copying` (rows of
 * `copy_states` left) → `Running` (copied; the old shards still serve everything) → SwitchTraffic: the forward streams
 * are stopped with message `FROZEN`, the new shards become primary-serving, and a `<workflow>_reverse` workflow on the
 * old shards replicates back → Complete deletes both workflows. So a Running stream is never "completed".
 */
import { resizePhaseOf, resizeStateOfPhase, shardStateOfPhase } from '../../model/resize.js';
import { parseResizeStatus } from '../../model/parse.js';
import type { ResizePhase, ResizeStatus, ShardResize, ShardResizePhase } from '../../model/types.js';
import {
  expectArrayOf,
  expectBoolean,
  expectNumber,
  expectRecord,
  expectString,
  expected,
  invalidData,
  type Check,
  type RecordReader,
} from '../../model/validate.js';
import { optionalMap, orZero, readCluster } from './decode.js';

const TEXT = expectString();
const FLAG = expectBoolean();
const UINT = expectNumber({ min: 0, integer: true });
const INT = expectNumber({ integer: true });

/** The Vitess releases whose VTAdmin answers this module was checked against (see the README's VTAdmin section). */
export const SUPPORTED_VITESS = 'Vitess 10 to 21';

/**
 * Stream states as text: binlogdata.VReplicationWorkflowState names (`Unknown` is its zero value), which
 * workflows.go `getStreamState` sends, and which older vtctlds sent straight from `_vt.vreplication.state`.
 */
export const STREAM_STATES = ['Unknown', 'Init', 'Stopped', 'Copying', 'Running', 'Error', 'Lagging'] as const;
export type StreamState = (typeof STREAM_STATES)[number];

/** The message SwitchTraffic leaves on the forward streams it stops (traffic_switcher.go; `message != 'FROZEN'` in go/vt/wrangler/stream_migrater_test.go). */
const FROZEN = 'FROZEN';
/** SwitchTraffic names the workflow that replicates back `<workflow>_reverse` (website user-guides/migration/move-tables.md). */
const REVERSE_SUFFIX = '_reverse';

export interface VTAdminStream {
  /** The target shard the stream writes to. */
  shard: string;
  state: StreamState;
  message: string;
  /** `rows_copied` (absent in older vtctlds). */
  rowsCopied?: number;
  /** Tables whose copy has not finished: `_vt.copy_state` keeps a row per table until its copy completes. */
  tablesCopying: number;
  /** `time_updated`, epoch ms: the stream's last heartbeat or event. */
  updatedAt?: number;
  /** `transaction_timestamp`, epoch ms: the source time of the last applied transaction (0/absent = none since the copy). */
  transactionAt?: number;
  /** Earliest `logs[].created_at`, epoch ms; VTAdmin gets logs only from vtctlds that sent them unasked (before v18). */
  createdAt?: number;
}

export interface VTAdminWorkflow {
  cluster: string;
  keyspace: string;
  name: string;
  /** `workflow_type` (`Reshard`, `MoveTables`, …); undefined where the vtctld does not send it (older releases). */
  type?: string;
  sourceKeyspace: string;
  sourceShards: string[];
  targetKeyspace: string;
  targetShards: string[];
  /** `max_v_replication_lag`, seconds since the workflow last processed an event. */
  maxLagSeconds?: number;
  streams: VTAdminStream[];
  /** Shards whose ShardStream says the shard's primary serves (`is_primary_serving`, before v12 `is_master_serving`). */
  servingShards: string[];
}

/** vttime.Time → epoch ms; `{}` (zero) → undefined, as upstream treats a zero time as "none". */
const readTime = expectRecord((r): number | undefined => {
  const ms = orZero(r, 'seconds', INT, 0) * 1000 + Math.floor(orZero(r, 'nanoseconds', INT, 0) / 1e6);
  return ms > 0 ? ms : undefined;
});

const readStreamState: Check<StreamState> = (value, path) => {
  const state = TEXT(value, path);
  if (!(STREAM_STATES as readonly string[]).includes(state)) {
    throw expected(path, `a VReplication stream state (${STREAM_STATES.join('|')}) as VTAdmin of ${SUPPORTED_VITESS} sends it`, value);
  }
  return state as StreamState;
};

const readStream = expectRecord((r): VTAdminStream => {
  const stream: VTAdminStream = {
    shard: orZero(r, 'shard', TEXT, ''),
    // An omitted state is the enum's zero value.
    state: orZero(r, 'state', readStreamState, 'Unknown'),
    message: orZero(r, 'message', TEXT, ''),
    tablesCopying: orZero(r, 'copy_states', expectArrayOf(expectRecord(() => true)), []).length,
  };
  const rows = r.optional('rows_copied', UINT);
  if (rows !== undefined) stream.rowsCopied = rows;
  const updated = r.optional('time_updated', readTime);
  if (updated !== undefined) stream.updatedAt = updated;
  const transaction = r.optional('transaction_timestamp', readTime);
  if (transaction !== undefined) stream.transactionAt = transaction;
  const logs = orZero(r, 'logs', expectArrayOf(expectRecord((l) => l.optional('created_at', readTime))), []);
  const times = logs.filter((time): time is number => time !== undefined);
  if (times.length) stream.createdAt = Math.min(...times);
  return stream;
});

const readLocation = expectRecord((r) => ({ keyspace: orZero(r, 'keyspace', TEXT, ''), shards: orZero(r, 'shards', expectArrayOf(TEXT), []) }));

const readShardStream = expectRecord((s) => ({
  streams: orZero(s, 'streams', expectArrayOf(readStream), []),
  serving: s.optional('is_primary_serving', FLAG) ?? s.optional('is_master_serving', FLAG) ?? false,
}));

const readWorkflow = expectRecord((r): VTAdminWorkflow => {
  const workflow = r.required('workflow', expectRecord((w) => w));
  const source = workflow.optional('source', readLocation) ?? { keyspace: '', shards: [] };
  const target = workflow.optional('target', readLocation) ?? { keyspace: '', shards: [] };
  const entries = [...optionalMap(workflow, 'shard_streams', readShardStream).entries()];
  // Keys are "<shard>/<padded alias>" (scanWorkflow); a stream without `shard` belongs to its key's shard.
  const shardOfKey = (key: string) => key.slice(0, key.indexOf('/'));
  const model: VTAdminWorkflow = {
    cluster: orZero(r, 'cluster', readCluster, ''),
    keyspace: orZero(r, 'keyspace', TEXT, ''),
    name: orZero(workflow, 'name', TEXT, ''),
    sourceKeyspace: source.keyspace,
    sourceShards: source.shards,
    targetKeyspace: target.keyspace,
    targetShards: target.shards,
    streams: entries.flatMap(([key, entry]) => entry.streams.map((stream) => ({ ...stream, shard: stream.shard || shardOfKey(key) }))),
    servingShards: entries.filter(([, entry]) => entry.serving).map(([key]) => shardOfKey(key)),
  };
  const type = workflow.optional('workflow_type', TEXT);
  if (type) model.type = type;
  const lag = workflow.optional('max_v_replication_lag', INT);
  if (lag !== undefined) model.maxLagSeconds = Math.max(0, lag);
  return model;
});

/** Every workflow of every cluster in the answer, and the clusters' warnings. */
export function decodeWorkflows(result: RecordReader): { workflows: VTAdminWorkflow[]; warnings: string[] } {
  const byCluster = optionalMap(
    result,
    'workflows_by_cluster',
    expectRecord((c) => ({ workflows: orZero(c, 'workflows', expectArrayOf(readWorkflow), []), warnings: orZero(c, 'warnings', expectArrayOf(TEXT), []) })),
  );
  const clusters = [...byCluster.values()];
  return { workflows: clusters.flatMap((c) => c.workflows), warnings: clusters.flatMap((c) => c.warnings) };
}

/**
 * Whether a workflow reshards `keyspace`. From `workflow_type` where the vtctld sends it; before that, a workflow
 * whose source and target are the same keyspace with other shards (MoveTables and Materialize move tables between
 * keyspaces or keep the shards). A workflow that says neither cannot be placed: a DataError, not a guess.
 */
export function reshardsKeyspace(workflow: VTAdminWorkflow, keyspace: string, index = 0): boolean {
  const target = workflow.targetKeyspace || workflow.keyspace;
  if (target !== keyspace) return false;
  if (workflow.type !== undefined) return workflow.type === 'Reshard';
  if (!workflow.sourceKeyspace || !workflow.targetShards.length) {
    throw invalidData(
      `result.workflows[${index}]`,
      `workflow "${workflow.name}" has neither workflow_type nor source and target shards; this provider reads VTAdmin of ${SUPPORTED_VITESS}`,
    );
  }
  const sameShards = workflow.sourceShards.length === workflow.targetShards.length && workflow.sourceShards.every((shard) => workflow.targetShards.includes(shard));
  return workflow.sourceKeyspace === target && !sameShards;
}

/** What one stream says about its shard, by workflows.go `getStreamState` and the FROZEN mark of SwitchTraffic. */
function streamPhase(stream: VTAdminStream): ShardResizePhase {
  if (stream.message === FROZEN) return 'switched';
  if (stream.state === 'Error' || stream.message.toLowerCase().includes('error')) return 'error';
  switch (stream.state) {
    case 'Stopped':
      return 'stopped';
    case 'Copying':
      return 'copying';
    case 'Running':
    case 'Lagging':
      // Older vtctlds sent Running while copy_states still had rows; newer ones call that Copying.
      return stream.tablesCopying > 0 ? 'copying' : 'replicating';
    default:
      return 'pending';
  }
}

/** A shard with several streams (one per source shard) is where its most telling stream is. */
const SHARD_ORDER: readonly ShardResizePhase[] = ['error', 'stopped', 'copying', 'pending', 'replicating', 'switched'];

/**
 * Seconds a stream's target runs behind, as workflows.go `getVReplicationTrxLag` estimates it: since the last
 * transaction applied, or since the last heartbeat when that is newer (caught up). Undefined without a time.
 */
function streamLagSeconds(stream: VTAdminStream, now: number): number | undefined {
  const last = Math.max(stream.transactionAt ?? 0, stream.updatedAt ?? 0);
  return last > 0 ? Math.max(0, Math.round((now - last) / 1000)) : undefined;
}

const maxOf = (values: (number | undefined)[]): number | undefined => {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length ? Math.max(...known) : undefined;
};
const minOf = (values: (number | undefined)[]): number | undefined => {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length ? Math.min(...known) : undefined;
};

function shardResize(shard: string, workflow: VTAdminWorkflow, now: number): ShardResize {
  const streams = workflow.streams.filter((stream) => stream.shard === shard);
  const phases = streams.map(streamPhase);
  let phase: ShardResizePhase = SHARD_ORDER.find((p) => phases.includes(p)) ?? 'pending';
  // A new shard whose primary serves has had its traffic switched, whatever its streams were left saying.
  if (workflow.servingShards.includes(shard) && phase !== 'error') phase = 'switched';
  const resize: ShardResize = { shard, state: shardStateOfPhase(phase), phase };
  const started = minOf(streams.map((s) => s.createdAt));
  if (started !== undefined) resize.startedAt = started;
  const updated = maxOf(streams.map((s) => s.updatedAt));
  if (updated !== undefined) resize.updatedAt = updated;
  if (phase === 'copying' || phase === 'stopped' || phase === 'error') {
    const rows = streams.map((s) => s.rowsCopied).filter((n): n is number => n !== undefined);
    if (rows.length) resize.rowsCopied = rows.reduce((a, b) => a + b, 0);
  }
  if (phase === 'replicating') {
    const lags = streams.map((s) => streamLagSeconds(s, now));
    resize.lagSeconds = lags.some((lag) => lag === undefined) ? null : maxOf(lags)!;
  }
  if (phase === 'error' || phase === 'stopped') {
    const message = streams.find((s) => streamPhase(s) === phase && s.message)?.message;
    if (message) resize.message = message;
  }
  return resize;
}

/** Most non-primary tablets any of `shards` has: the replica count of a cluster shape. */
function replicasPerShard(tablets: readonly { keyspace: string; shard: string; type: string }[], keyspace: string, shards: string[]): number {
  return Math.max(0, ...shards.map((shard) => tablets.filter((t) => t.keyspace === keyspace && t.shard === shard && t.type !== 'PRIMARY').length));
}

const shardCount = (n: number) => (n === 1 ? '1 shard' : `${n} shards`);

/**
 * The Reshard of `keyspace` among `workflows` as a ResizeStatus, or null when there is none (never started, or
 * completed or canceled: both delete the workflow). The forward workflow is the one not named `…_reverse`; one per
 * target shard, phases as the module comment describes. `now` dates replication lag.
 */
export function resizeFromWorkflows(
  workflows: readonly VTAdminWorkflow[],
  keyspace: string,
  tablets: readonly { keyspace: string; shard: string; type: string }[],
  now: number,
): ResizeStatus | null {
  const reshards = workflows.filter((workflow, i) => reshardsKeyspace(workflow, keyspace, i));
  if (!reshards.length) return null;
  const names = new Set(reshards.map((w) => w.name));
  const forward =
    reshards.find((w) => !w.name.endsWith(REVERSE_SUFFIX)) ??
    // Only a reverse workflow left (its forward deleted by hand): it is then the one that runs.
    reshards.find((w) => !names.has(w.name.slice(0, -REVERSE_SUFFIX.length))) ??
    reshards[0];
  const shards = forward.targetShards.map((shard) => shardResize(shard, forward, now));
  const phase: ResizePhase = shards.every((s) => s.phase === 'pending') ? 'pending' : resizePhaseOf({ state: 'resizing', from: { size: '', replicas: 0 }, to: { size: '', replicas: 0 }, shards });
  const sourceKeyspace = forward.sourceKeyspace || keyspace;
  const status: ResizeStatus = {
    state: resizeStateOfPhase(phase),
    phase,
    from: { size: shardCount(forward.sourceShards.length), replicas: replicasPerShard(tablets, sourceKeyspace, forward.sourceShards) },
    to: { size: shardCount(forward.targetShards.length), replicas: replicasPerShard(tablets, keyspace, forward.targetShards) },
    shards,
    workflow: forward.name,
  };
  const started = minOf(shards.map((s) => s.startedAt));
  if (started !== undefined) status.startedAt = started;
  const updated = maxOf(shards.map((s) => s.updatedAt));
  if (updated !== undefined) status.updatedAt = updated;
  // max_v_replication_lag means "since the last event", which is a lag only once the copy is done and before the switch.
  if (phase === 'replicating' && forward.maxLagSeconds !== undefined) status.lagSeconds = forward.maxLagSeconds;
  const error = shards.find((s) => s.phase === 'error' && s.message);
  if (error?.message) status.message = `${error.shard}: ${error.message}`;
  return parseResizeStatus(status, 'resize');
}
