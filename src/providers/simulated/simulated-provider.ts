/** A deterministic simulated Vitess / PlanetScale cluster: the embedded data source for the demo, stories and element tests. */
import { DataError } from '../../model/errors.js';
import type {
  BranchRef,
  ClusterEvent,
  ElementRef,
  KeyspaceRef,
  MetricFrame,
  MetricQuery,
  ResizeStatus,
  TimeRange,
  Topology,
} from '../../model/types.js';
import { HEATMAP_METRICS, type KeyspaceHeatmap, type KeyspaceHeatmapQuery } from '../../model/heatmap.js';
import type { DataProvider, RequestOptions } from '../provider.js';
import { hashString, uniform } from './noise.js';
import { heatmapHistory, simulateHeatmap } from './heatmap.js';
import { demandAt, peakQps, replicationLagAt, simulateFrame, targetKey, type SimulatedTarget } from './metrics.js';
import {
  DEFAULT_SHARDS,
  MAX_SHARDS,
  MIN_SHARDS,
  PRIMARY_REGION,
  RESIZE_TARGET_SIZE,
  SCENARIOS,
  buildTopology,
  crossRegionLagSeconds,
  initialState,
  keyspaceShape,
  placements,
  planResize,
  resizeFinishedAt,
  resizeStatusAt,
  shardIndexOf,
  type ClusterState,
  type KeyspaceShape,
  type SimulatedScenario,
  type TabletPlacement,
} from './scenarios.js';
import { markValidatedAnswers } from '../trust.js';

export interface SimulatedProviderOptions {
  scenario: SimulatedScenario;
  /** Shards of a `sharded` or `resizing` keyspace, 2…1024 (default 8). */
  shards?: number;
  /** Same seed and clock give the same cluster and the same metrics (default 1). */
  seed?: number;
  /** Clock in epoch ms (default `Date.now`); inject one to drive resizes and lag in tests. */
  now?: () => number;
  /** Delay before each answer, ms. */
  latencyMs?: number;
  /** Fraction 0…1 of calls rejected with a `network` DataError (deterministic per call count). */
  failureRate?: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How often watchers are checked for resize progress, on the real clock, only while someone watches. */
const PROGRESS_POLL_MS = 1_000;
const GIB = 1024 ** 3;
/** Storage of a MySQL node by size; PlanetScale grows storage on demand, so this is the current allocation. */
const CAPACITY_BYTES: Readonly<Record<string, number>> = { 'PS-DEV': 10 * GIB, 'PS-40': 256 * GIB, 'PS-80': 512 * GIB };

/** One keyspace as seen by one request. */
interface KeyspaceView {
  database: string;
  branch: string;
  keyspace: string;
  shape: KeyspaceShape;
  events: ClusterEvent[];
}

/** Epoch seconds of events that disturb a target's metrics: branch-wide ones and, for a tablet, those of its shard. */
function eventTimes(events: readonly ClusterEvent[], shard?: string): number[] {
  return events
    .filter((event) => event.kind !== 'other' && (event.shard === undefined || shard === undefined || event.shard === shard))
    .map((event) => event.at / 1000);
}

interface Watcher {
  onChange: () => void;
}

/**
 * Answers for any database, branch and keyspace names: the scenario decides the shape, the seed the data,
 * the clock where resizes and metrics are. Live actions (`promote`, `addReadOnlyRegion`, `startResize`,
 * `failover`) change the cluster and notify watchers.
 */
export class SimulatedProvider implements DataProvider {
  static {
    // Built from the simulated cluster's own model objects: valid by construction (test/providers/simulated.test.ts parses
    // them; the heatmap, in key order, test/providers/simulated-heatmap.test.ts).
    markValidatedAnswers(this.prototype, ['getTopology', 'getMetrics', 'getResizeStatus', 'getEvents', 'getKeyspaceHeatmap']);
  }

  readonly scenario: SimulatedScenario;
  readonly seed: number;
  private readonly now: () => number;
  private readonly latencyMs: number;
  private readonly failureRate: number;
  private readonly state: ClusterState;
  /** The clock when the provider was made: history (the past failover, storage growth) is anchored to it. */
  private readonly origin: number;
  private readonly liveEvents: ClusterEvent[] = [];
  private readonly watchers = new Set<Watcher>();
  private calls = 0;
  private progressTimer: ReturnType<typeof setInterval> | undefined;
  private lastProgress = '';

  constructor(options: SimulatedProviderOptions) {
    if (!SCENARIOS.includes(options.scenario)) {
      throw new DataError('invalid-data', `Unknown scenario ${JSON.stringify(options.scenario)}; expected one of ${SCENARIOS.join(', ')}.`, { path: 'scenario' });
    }
    const shards = options.shards ?? DEFAULT_SHARDS;
    if (!Number.isInteger(shards) || shards < MIN_SHARDS || shards > MAX_SHARDS) {
      throw new DataError('invalid-data', `shards must be a whole number from ${MIN_SHARDS} to ${MAX_SHARDS}, got ${shards}.`, { path: 'shards' });
    }
    const failureRate = options.failureRate ?? 0;
    if (!(failureRate >= 0 && failureRate <= 1)) {
      throw new DataError('invalid-data', `failureRate must be between 0 and 1, got ${failureRate}.`, { path: 'failureRate' });
    }
    this.scenario = options.scenario;
    this.seed = (options.seed ?? 1) >>> 0;
    this.now = options.now ?? Date.now;
    this.latencyMs = Math.max(0, options.latencyMs ?? 0);
    this.failureRate = failureRate;
    this.origin = Math.floor(this.now() / 1000) * 1000;
    this.state = initialState(this.scenario, shards);
    if (this.scenario === 'resizing') {
      // Started a few minutes ago, so the first shards are already rolling when the page opens.
      this.state.resize = planResize(this.seed, this.state.shardNames.length, { size: this.state.size, replicas: 2 },
        { size: RESIZE_TARGET_SIZE, replicas: 2 }, this.origin - 3 * MINUTE);
    }
  }

  // ---- DataProvider ----

  getTopology(ref: BranchRef, opts: RequestOptions): Promise<Topology> {
    return this.answer(opts, () => this.topologyOf(ref));
  }

  getMetrics(query: MetricQuery, opts: RequestOptions): Promise<MetricFrame> {
    return this.answer(opts, () => simulateFrame(this.seed, this.targetOf(query.target), query.metric, query.range, query.stepSeconds));
  }

  getResizeStatus(ref: KeyspaceRef, opts: RequestOptions): Promise<ResizeStatus | null> {
    return this.answer(opts, () => this.shapeOf(ref.database, ref.keyspace).resize);
  }

  getEvents(ref: KeyspaceRef, range: TimeRange, opts: RequestOptions): Promise<ClusterEvent[]> {
    return this.answer(opts, () => this.eventsOf(ref.database, ref.keyspace)
      .filter((event) => event.at >= range.from && event.at <= range.to)
      .map((event) => ({ ...event })));
  }

  /**
   * Every shard's traffic, errors, lag or CPU over `range`: uneven shards, three hot ones, the daily cycle, a hot spot
   * that started 2 h 15 min before the provider was made, and a reshard 30 h before it (half the shards until then).
   */
  getKeyspaceHeatmap(query: KeyspaceHeatmapQuery, opts: RequestOptions): Promise<KeyspaceHeatmap> {
    return this.answer(opts, () => {
      if (!HEATMAP_METRICS.includes(query.metric)) {
        throw new DataError('invalid-data', `A heatmap metric is one of ${HEATMAP_METRICS.join(', ')}, got ${JSON.stringify(query.metric)}.`, { path: 'metric' });
      }
      const { database, keyspace } = query.keyspace;
      const shardNames = this.shapeOf(database, keyspace).shardNames;
      return {
        seed: this.seed,
        keyspace: `${database}/${keyspace}`,
        shardNames,
        history: heatmapHistory(this.seed, this.origin, shardNames.length),
        peakQps: peakQps(this.seed) * (this.isLookup(database, keyspace) ? 0.1 : 1),
      };
    }).then((input) => simulateHeatmap(input, query.metric, query.range, query.stepSeconds, opts?.signal));
  }

  watch(_ref: BranchRef, onChange: () => void, opts: RequestOptions): void {
    const signal = opts?.signal;
    if (signal?.aborted) return;
    const watcher: Watcher = { onChange };
    this.watchers.add(watcher);
    signal?.addEventListener('abort', () => {
      this.watchers.delete(watcher);
      this.syncProgressTimer();
    }, { once: true });
    this.syncProgressTimer();
  }

  // ---- live actions ----

  /** Development → production: two replicas per shard and three VTGates across the region's AZs. */
  promote(): void {
    if (this.state.branchKind === 'production') {
      throw new DataError('invalid-data', 'This branch is already a production branch.', { path: 'branchKind' });
    }
    Object.assign(this.state, { branchKind: 'production', replicas: 2, vtgateCount: 3 });
    this.record('promotion', 'Promoted to production');
  }

  /** Places a replica of every shard in `region` (a region slug such as `eu-west-1`). */
  addReadOnlyRegion(region: string): void {
    const slug = typeof region === 'string' ? region.trim() : '';
    if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) {
      throw new DataError('invalid-data', `A region is a slug such as "eu-west-1", got ${JSON.stringify(region)}.`, { path: 'region' });
    }
    if (slug === PRIMARY_REGION.slug || this.state.readOnlyRegions.includes(slug)) {
      throw new DataError('invalid-data', `The branch already has tablets in ${slug}.`, { path: 'region' });
    }
    this.state.readOnlyRegions.push(slug);
    this.record('other', `Read-only region ${slug} added`);
  }

  /** Starts resizing every shard of the main keyspace to `toSize` (e.g. `PS-80`) from the current clock. */
  startResize(toSize: string): void {
    if (typeof toSize !== 'string' || !/^\S+$/.test(toSize)) {
      throw new DataError('invalid-data', `A cluster size is a SKU such as "PS-80", got ${JSON.stringify(toSize)}.`, { path: 'size' });
    }
    const now = this.now();
    const current = this.state.resize;
    if (current) {
      if (now < resizeFinishedAt(current)) {
        throw new DataError('invalid-data', 'A resize is already in progress on this keyspace.', { path: 'resize' });
      }
      this.state.size = current.to.size;
    }
    const shape = { size: this.state.size, replicas: this.state.replicas };
    this.state.resize = planResize(this.seed ^ hashString(`${toSize}@${now}`), this.state.shardNames.length, shape,
      { size: toSize, replicas: this.state.replicas }, now);
    this.record('resize', `Resize to ${toSize} started`);
  }

  /**
   * A replica in the primary region becomes primary and the old primary a replica, for `shard`
   * or, without one, for every shard of the main keyspace.
   */
  failover(shard?: string): void {
    if (this.state.replicas === 0) {
      throw new DataError('invalid-data', 'A development branch has no replica to fail over to.', { path: 'replicas' });
    }
    const indexes = shard === undefined
      ? this.state.shardNames.map((_, i) => i)
      : [shardIndexOf(this.state.shardNames, shard, 'The simulated keyspace')];
    for (const i of indexes) this.state.primarySlots[i] = (this.state.primarySlots[i] + 1) % (this.state.replicas + 1);
    this.record('failover', shard === undefined ? 'Failover of every shard' : `Failover of shard ${shard}`, shard);
  }

  // ---- internals ----

  /** Simulated latency, deterministic failures and abort handling around a synchronous computation. */
  private answer<T>(opts: RequestOptions | undefined, compute: () => T): Promise<T> {
    const signal = opts?.signal;
    if (signal?.aborted) return Promise.reject(DataError.aborted());
    const call = this.calls++;
    const settle = (): T => {
      if (this.failureRate > 0 && uniform(this.seed, 0xfa11, call) < this.failureRate) {
        throw new DataError('network', `Simulated failure of call ${call + 1} (failureRate ${this.failureRate}).`);
      }
      try {
        return compute();
      } catch (error) {
        // A malformed request (say, a query without a target) is the caller's data problem, not a crash.
        if (error instanceof DataError) throw error;
        throw new DataError('invalid-data', `The simulated provider could not answer: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    };
    if (this.latencyMs === 0) return new Promise((resolve) => resolve(settle()));
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timer);
        reject(DataError.aborted());
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        try {
          resolve(settle());
        } catch (error) {
          reject(error);
        }
      }, this.latencyMs);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private lookupName(database: string): string {
    return `${database}_lookup`;
  }

  private isLookup(database: string, keyspace: string): boolean {
    return this.state.lookupKeyspace && keyspace === this.lookupName(database);
  }

  private shapeOf(database: string, keyspace: string): KeyspaceShape {
    return keyspaceShape(this.state, this.isLookup(database, keyspace), this.now());
  }

  private topologyOf(ref: BranchRef): Topology {
    const keyspace = ref.keyspace || ref.database;
    const isLookup = this.isLookup(ref.database, keyspace);
    const main = isLookup ? ref.database : keyspace;
    const keyspaces = this.state.lookupKeyspace ? [main, this.lookupName(ref.database)] : [main];
    const view = this.viewOf(ref.database, ref.branch, keyspace);
    const t = this.now() / 1000;
    const load = demandAt(this.seed, t);
    return buildTopology(this.state, view.shape, { database: ref.database, branch: ref.branch, keyspace, keyspaces },
      (placement) => replicationLagAt(this.seed, this.tabletTarget(view, placement, 'replica'), t, load));
  }

  private targetOf(target: ElementRef): SimulatedTarget {
    const { database, branch, keyspace } = target;
    const view = this.viewOf(database, branch, keyspace);
    const shape = view.shape;
    if (target.kind === 'vtgates') {
      return {
        key: targetKey(this.seed, `${database}/${branch}/${keyspace}/vtgates`),
        kind: 'vtgates',
        vtgateCount: this.state.vtgateCount,
        shardShare: 1,
        readShare: 1,
        crossRegionLagSeconds: 0,
        capacityBytes: 0,
        storageAnchor: this.origin / 1000,
        events: eventTimes(view.events),
      };
    }
    if (target.kind !== 'tablet') {
      throw new DataError('invalid-data', `A metric target is "vtgates" or "tablet", got ${JSON.stringify((target as { kind?: unknown }).kind)}.`, { path: 'target.kind' });
    }
    const shardIndex = shardIndexOf(shape.shardNames, target.shard, `Keyspace "${keyspace}"`);
    const placement = placements(shape, shardIndex).find((p) => p.id === target.tabletId);
    if (!placement) {
      throw new DataError('not-found', `Shard ${target.shard} of keyspace "${keyspace}" has no tablet "${target.tabletId}".`, { path: 'target.tabletId' });
    }
    const role = placement.slot === (shape.primarySlots[shardIndex] ?? 0) ? 'primary' : 'replica';
    return this.tabletTarget(view, placement, role);
  }

  /** The keyspace's shape and events, computed once per request (a topology of 1024 shards asks for 2 048 targets). */
  private viewOf(database: string, branch: string, keyspace: string): KeyspaceView {
    return { database, branch, keyspace, shape: this.shapeOf(database, keyspace), events: this.eventsOf(database, keyspace) };
  }

  private tabletTarget(view: KeyspaceView, placement: TabletPlacement, role: 'primary' | 'replica'): SimulatedTarget {
    const { database, branch, keyspace, shape } = view;
    const shardName = shape.shardNames[placement.shardIndex];
    const shardCount = shape.shardNames.length;
    // Shards differ a little in traffic (hot keys), as real ones do.
    const skew = 0.8 + 0.4 * uniform(this.seed, hashString(`${keyspace}/${shardName}`), 1);
    const servingReplicas = shape.replicas + shape.readOnlyRegions.length;
    // The primary serves a fifth of its shard's reads; replicas share the rest.
    const readShare = role === 'primary' ? (servingReplicas === 0 ? 1 : 0.2) : 0.8 / servingReplicas;
    const resize = shape.resize?.shards[placement.shardIndex];
    const size = resize?.state === 'completed' ? shape.resize!.to.size : shape.size;
    return {
      key: targetKey(this.seed, `${database}/${branch}/${keyspace}/${shardName}/${placement.id}`),
      kind: 'tablet',
      role,
      vtgateCount: this.state.vtgateCount,
      shardShare: (skew / shardCount) * (this.isLookup(database, keyspace) ? 0.1 : 1),
      readShare,
      crossRegionLagSeconds: placement.readOnlyRegion ? crossRegionLagSeconds(placement.region) : 0,
      capacityBytes: CAPACITY_BYTES[size] ?? 256 * GIB,
      storageAnchor: this.origin / 1000,
      events: eventTimes(view.events, shardName),
    };
  }

  /** The built-in history (a failover two days before the provider was made, resize markers) plus live events. */
  private eventsOf(database: string, keyspace: string): ClusterEvent[] {
    const events: ClusterEvent[] = [];
    const isLookup = this.isLookup(database, keyspace);
    const shardNames = isLookup ? ['-'] : this.state.shardNames;
    if (this.state.branchKind === 'production' && this.scenario !== 'development') {
      const at = this.origin - 2 * DAY - Math.floor(uniform(this.seed, 0xe7, 0) * 6) * 3_600_000;
      events.push({ at: Math.floor(at / MINUTE) * MINUTE, kind: 'failover', label: 'Primary failover (planned maintenance)', shard: shardNames[0] });
    }
    if (!isLookup) {
      const plan = this.state.resize;
      if (plan) {
        const status = resizeStatusAt(plan, this.state.shardNames, this.now());
        events.push({ at: plan.startedAt, kind: 'resize', label: `Resize ${plan.from.size} → ${plan.to.size} started` });
        if (status.state === 'completed') events.push({ at: resizeFinishedAt(plan), kind: 'resize', label: `Resize to ${plan.to.size} completed` });
      }
      for (const event of this.liveEvents) if (!(event.kind === 'resize' && event.at === plan?.startedAt)) events.push(event);
    }
    return events.sort((a, b) => a.at - b.at);
  }

  private record(kind: ClusterEvent['kind'], label: string, shard?: string): void {
    const event: ClusterEvent = { at: this.now(), kind, label };
    if (shard !== undefined) event.shard = shard;
    this.liveEvents.push(event);
    this.notify();
    this.syncProgressTimer();
  }

  private notify(): void {
    for (const watcher of [...this.watchers]) {
      try {
        watcher.onChange();
      } catch (error) {
        // One failing listener must not starve the others; report it as an uncaught error would be.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  /** A signature of per-shard resize states; watchers hear about it only when it changes. */
  private progressSignature(): string {
    const plan = this.state.resize;
    if (!plan) return '';
    return resizeStatusAt(plan, this.state.shardNames, this.now()).shards.map((s) => s.state[0]).join('');
  }

  /** Polls resize progress only while someone watches and a resize is not finished; never keeps a process alive otherwise. */
  private syncProgressTimer(): void {
    const plan = this.state.resize;
    const running = plan !== null && this.now() < resizeFinishedAt(plan);
    const wanted = this.watchers.size > 0 && (running || this.progressTimer !== undefined && this.lastProgress !== this.progressSignature());
    if (wanted && this.progressTimer === undefined) {
      this.lastProgress = this.progressSignature();
      this.progressTimer = setInterval(() => {
        const signature = this.progressSignature();
        if (signature !== this.lastProgress) {
          this.lastProgress = signature;
          this.notify();
        }
        const current = this.state.resize;
        if (!current || this.now() >= resizeFinishedAt(current)) this.stopProgressTimer();
      }, PROGRESS_POLL_MS);
    } else if (!wanted) {
      this.stopProgressTimer();
    }
  }

  private stopProgressTimer(): void {
    if (this.progressTimer !== undefined) clearInterval(this.progressTimer);
    this.progressTimer = undefined;
  }
}
