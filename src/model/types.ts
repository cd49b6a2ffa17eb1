/** The typed model every provider produces and every element consumes (the public contract of API.md). */

/** A cloud region, e.g. `{ slug: 'us-east-2', name: 'AWS us-east-2 (Ohio)' }`. */
export interface Region {
  slug: string;
  name?: string;
}

/** A branch of a database, optionally narrowed to one keyspace (default: the database's name). */
export interface BranchRef {
  database: string;
  branch: string;
  keyspace?: string;
}

/** One keyspace of a branch. */
export interface KeyspaceRef {
  database: string;
  branch: string;
  keyspace: string;
}

export type BranchKind = 'production' | 'development';

export type TabletRole = 'primary' | 'replica' | 'rdonly';
export const TABLET_ROLES: readonly TabletRole[] = ['primary', 'replica', 'rdonly'];

/**
 * Where a tablet's metrics are scraped from, as the deployment knows it: Vitess' Prometheus backend puts no keyspace,
 * shard or alias label on vttablet series (vitessio/vitess go/stats/prometheusbackend skips string stats), so a
 * tablet's series are found by their scrape target. Every field is optional; a metrics preset says which it needs.
 */
export interface TabletScrape {
  /** Host vttablet runs on, as VTAdmin's `tablet.hostname` (proto/topodata.proto `Tablet.hostname`): `10.0.0.12`, `vttablet-101`. */
  host?: string;
  /** vttablet's HTTP port, where it serves `/metrics`: VTAdmin's `tablet.port_map.vt` (proto/topodata.proto `Tablet.port_map`). */
  port?: number;
  /** Kubernetes pod name, as the vitess-operator and PlanetScale name the tablet's pod. */
  pod?: string;
  /** Further label matchers known to select this tablet's series, e.g. `{ namespace: 'prod' }`. */
  labels?: Record<string, string>;
}

/** A MySQL instance with its vttablet sidecar. */
export interface Tablet {
  /** Stable id, a Vitess tablet alias such as `zone1-100` where the source has one. */
  id: string;
  role: TabletRole;
  /** Region slug, e.g. `us-east-2`. */
  region: string;
  /** Availability zone / Vitess cell, e.g. `us-east-2a`. */
  zone?: string;
  /** True for replicas placed in a read-only region; they never become primary. */
  readOnlyRegion: boolean;
  serving: boolean;
  /** Seconds behind the primary; `null`/absent when unknown. Always absent for a primary. */
  lagSeconds?: number | null;
  /** Cluster size SKU, e.g. `PS-40`. */
  size?: string;
  /** How to find this tablet's series in Prometheus (host + vt port, pod, labels); filled by topology providers that know it. */
  scrape?: TabletScrape;
}

/** A hex key range; `''` is the open end (`-80` is `{ start: '', end: '80' }`). */
export interface KeyRange {
  start: string;
  end: string;
}

export interface Shard {
  /** Vitess shard name: `-80`, `80-`, `40-80`; an unsharded keyspace uses `-` or `0`. */
  name: string;
  keyRange: KeyRange;
  tablets: Tablet[];
}

export interface VTGateGroup {
  count: number;
  /** Availability zones the VTGates run in. */
  zones: string[];
  region: string;
  size?: string;
}

export type ResizeState = 'queued' | 'pending' | 'resizing' | 'completed' | 'canceled';
export const RESIZE_STATES: readonly ResizeState[] = ['queued', 'pending', 'resizing', 'completed', 'canceled'];
export type ShardResizeState = 'pending' | 'resizing' | 'completed' | 'failed' | 'canceled';
export const SHARD_RESIZE_STATES: readonly ShardResizeState[] = ['pending', 'resizing', 'completed', 'failed', 'canceled'];

/**
 * Where one shard is in a resize, finer than its `ShardResizeState` (which stays, for elements that only know it).
 * A Vitess Reshard (vitessio/vitess go/vt/vtctl/workflow: workflows.go, traffic_switcher.go) walks
 * `pending` → `copying` → `replicating` (copied, the source shards still serve all traffic) → `switched` (the new
 * shards serve; `Complete` not run yet) → `completed`; `stopped` and `error` can interrupt it. A PlanetScale resize
 * (replacing tablets one by one) reports no finer step than `resizing`. `canceled` ends a resize early.
 */
export type ShardResizePhase = 'pending' | 'copying' | 'replicating' | 'switched' | 'resizing' | 'completed' | 'stopped' | 'error' | 'canceled';
export const SHARD_RESIZE_PHASES: readonly ShardResizePhase[] = [
  'pending', 'copying', 'replicating', 'switched', 'resizing', 'completed', 'stopped', 'error', 'canceled',
];
/** Where a whole resize is: a shard phase, or `queued` (PlanetScale queues a resize behind another). */
export type ResizePhase = ShardResizePhase | 'queued';
export const RESIZE_PHASES: readonly ResizePhase[] = ['queued', ...SHARD_RESIZE_PHASES];

export interface ClusterShape {
  size: string;
  replicas: number;
}

export interface ShardResize {
  shard: string;
  state: ShardResizeState;
  /** Epoch milliseconds. */
  startedAt?: number;
  /** Epoch milliseconds. */
  finishedAt?: number;
  /** The finer step; when absent, read `state` (see `shardPhaseOf`). Must agree with `state` (`shardStateOfPhase`). */
  phase?: ShardResizePhase;
  /** Share of the rows copied so far, 0–100, while `copying`; absent when the source reports no total. */
  copyPercent?: number;
  /** Rows copied so far (Vitess `rows_copied`), for a copy whose total is unknown. */
  rowsCopied?: number;
  /** Seconds the new shard's replication runs behind its source (`replicating`, `switched`); `null` = unknown. */
  lagSeconds?: number | null;
  /** Epoch milliseconds the source last reported progress for this shard (Vitess `time_updated`). */
  updatedAt?: number;
  /** The source's own words, for `error` and `stopped` (Vitess stream `message`). */
  message?: string;
}

/** A keyspace resize (PlanetScale) or reshard workflow (Vitess) and its per-shard progress. */
export interface ResizeStatus {
  state: ResizeState;
  from: ClusterShape;
  to: ClusterShape;
  /** Epoch milliseconds. */
  startedAt?: number;
  shards: ShardResize[];
  /** The finer step of the whole resize; when absent, derived from the shards (see `resizePhaseOf`). Must agree with `state`. */
  phase?: ResizePhase;
  /** Whole progress, 0–100, as the source reports it; when absent, elements derive it from the shards (`resizeProgress`). */
  progressPercent?: number;
  /** The worst replication lag of the new shards, seconds (Vitess `max_v_replication_lag`); `null` = unknown. */
  lagSeconds?: number | null;
  /** Epoch milliseconds of the latest progress report. */
  updatedAt?: number;
  /** The source's words for the whole resize (an error, why it stopped). */
  message?: string;
  /** The Vitess workflow's name (e.g. `cust2cust`), when the resize is a Reshard. */
  workflow?: string;
}

/** Everything the diagram draws for one keyspace of one branch. */
export interface Topology {
  database: string;
  branch: string;
  branchKind: BranchKind;
  keyspace: string;
  /** Every keyspace of the branch, for a keyspace picker. */
  keyspaces: string[];
  primaryRegion: Region;
  readOnlyRegions: Region[];
  vtgates: VTGateGroup;
  /** Sorted by key range; an unsharded keyspace has exactly one shard (`-` or `0`). */
  shards: Shard[];
  resize?: ResizeStatus | null;
}

/** What a metric card, a selection or a deep link points at. */
export type ElementRef =
  | { kind: 'vtgates'; database: string; branch: string; keyspace: string }
  | {
      kind: 'tablet';
      database: string;
      branch: string;
      keyspace: string;
      shard: string;
      tabletId: string;
      /** The tablet's scrape target, when the caller knows it; `combineProviders` fills it from the topology otherwise. */
      scrape?: TabletScrape;
    };

export type MetricId =
  | 'connections'
  | 'latency'
  | 'queries'
  | 'cpu'
  | 'memory'
  | 'reads_writes'
  | 'iops'
  | 'storage'
  | 'replication_lag';
export const METRIC_IDS: readonly MetricId[] = [
  'connections', 'latency', 'queries', 'cpu', 'memory', 'reads_writes', 'iops', 'storage', 'replication_lag',
];

export type Unit = 'count' | 'per_second' | 'seconds' | 'bytes' | 'percent' | 'cores' | 'iops';
export const UNITS: readonly Unit[] = ['count', 'per_second', 'seconds', 'bytes', 'percent', 'cores', 'iops'];

/** Epoch milliseconds, `from` < `to`. */
export interface TimeRange {
  from: number;
  to: number;
}

export interface MetricQuery {
  target: ElementRef;
  metric: MetricId;
  range: TimeRange;
  /** Resolution wished for; providers pick one from the range when absent. */
  stepSeconds?: number;
}

export interface MetricSeries {
  label: string;
  /** One value per timestamp; `NaN` is a gap. */
  values: Float64Array;
}

/** Columnar samples of one metric: the shape uPlot draws without copying. */
export interface MetricFrame {
  metric: MetricId;
  unit: Unit;
  /** Epoch seconds, ascending. */
  timestamps: Float64Array;
  series: MetricSeries[];
  /** Non-fatal problems the source reported (e.g. Prometheus `warnings`, ±Inf samples shown as gaps), for a hint near the chart. */
  warnings?: string[];
}

export type ClusterEventKind = 'resize' | 'failover' | 'promotion' | 'other';

/** Something that happened to the cluster, drawn as a marker on charts. */
export interface ClusterEvent {
  /** Epoch milliseconds. */
  at: number;
  kind: ClusterEventKind;
  label: string;
  shard?: string;
}

/** The VTGates of a keyspace, as a metric-card target. */
export type VTGatesRef = Extract<ElementRef, { kind: 'vtgates' }>;
/** One tablet (MySQL node), as a metric-card target. */
export type TabletRef = Extract<ElementRef, { kind: 'tablet' }>;

/**
 * What a user can select in the diagram or the shard list; `ps-select` carries it.
 * `vtgates` and `tablet` nodes carry a `ref` that `<ps-metric-card>` takes as its `target`.
 */
export type SelectableNode =
  | { kind: 'vtgates'; id: string; ref: VTGatesRef }
  | { kind: 'tablet'; id: string; ref: TabletRef; role: TabletRole; region: string }
  | { kind: 'shard-stack'; id: string; keyspace: KeyspaceRef; shardCount: number }
  /** One shard (id `shard:<name>`), as `<ps-keyspace-heatmap>` selects it; `<ps-infrastructure>` opens it in the shard list. */
  | { kind: 'shard'; id: string; keyspace: KeyspaceRef; shard: string; keyRange: KeyRange }
  /** A region's replicas drawn as one card (more than a handful of them); its shard's list names each one. */
  | { kind: 'replica-group'; id: string; keyspace: KeyspaceRef; shard: string; region: string; replicas: number };
