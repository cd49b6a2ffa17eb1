/**
 * What a metric card loads and how: every metric of its target in parallel (storage over its own week), the target's
 * role and region from the topology when not given, and cluster events; one failing metric never hides the others,
 * and the optional answers (events, the topology) never hold up the metrics: when they come later they are merged in.
 * Every answer passes the provider boundary (`askProvider`): checked, and timed out.
 */
import { metricsFor, type MetricSpec, type TargetInfo } from '../../chart/catalogue.js';
import { DEFAULT_TIMEOUT_MS, askProvider, hasMethod } from '../../controllers/provider-call.js';
import { DataError, toDataError } from '../../model/errors.js';
import { rangeFromPreset, type RangePreset } from '../../model/time-range.js';
import type { ClusterEvent, ElementRef, KeyspaceRef, MetricFrame, TimeRange, Topology } from '../../model/types.js';
import type { DataProvider } from '../../providers/provider.js';

/** A preset that slides with the clock, or a fixed window. */
export type RangeChoice = { preset: RangePreset } | { absolute: TimeRange };

export interface MetricState {
  spec: MetricSpec;
  /** The window this metric was asked for (storage: its week). */
  range: TimeRange;
  frame?: MetricFrame;
  error?: DataError;
  /** True when `frame` is older data kept on screen after `error`. */
  stale: boolean;
}

export interface CardData {
  /** Which load this data came from: live refresh and Retry keep it, so late answers know where they belong. */
  loadId: number;
  targetKey: string;
  /** The card's window (epoch ms). */
  range: TimeRange;
  /** The window slides with the clock (live refresh applies). */
  relative: boolean;
  metrics: MetricState[];
  /** Titles of the charts the source has no data for (`not-found`): left out, and named in one line. */
  unavailable?: string[];
  events: ClusterEvent[];
  info: TargetInfo;
}

export function targetKey(target: ElementRef): string {
  return target.kind === 'vtgates'
    ? `vtgates/${target.database}/${target.branch}/${target.keyspace}`
    : `tablet/${target.database}/${target.branch}/${target.keyspace}/${target.shard}/${target.tabletId}`;
}

export function rangeKey(choice: RangeChoice): string {
  return 'preset' in choice ? choice.preset : `${choice.absolute.from}-${choice.absolute.to}`;
}

/** The window a metric is drawn over: its fixed one (storage's week, ending with the card's) or the card's. */
export function metricRange(spec: MetricSpec, range: TimeRange): TimeRange {
  return spec.window ? rangeFromPreset(spec.window, range.to) : range;
}

/** Role, region and VTGate placement from the topology; what the caller already knows wins. */
export function infoFromTopology(target: ElementRef, topology: Topology, known: TargetInfo): TargetInfo {
  if (target.kind === 'vtgates') return { vtgates: { count: topology.vtgates.count, zones: topology.vtgates.zones }, ...known };
  const tablet = topology.shards.find((s) => s.name === target.shard)?.tablets.find((t) => t.id === target.tabletId);
  if (!tablet) return known;
  return { role: tablet.role, region: tablet.region, readOnlyRegion: tablet.readOnlyRegion, ...known };
}

function needsTopology(target: ElementRef, known: TargetInfo): boolean {
  return target.kind === 'vtgates' ? !known.vtgates : !known.role || !known.region;
}

export interface LoadInput {
  provider: DataProvider;
  target: ElementRef;
  range: RangeChoice;
  known: TargetInfo;
  /** The card's data so far: a metric that fails now keeps its last frame from here, marked stale. */
  previous?: CardData;
  now: number;
  signal: AbortSignal;
  /** How long each request may take, in ms (0 = no limit; default `DEFAULT_TIMEOUT_MS`). */
  timeoutMs?: number;
  /**
   * Called for each optional answer that comes after the metrics: the load it belongs to, and the change it makes.
   * Without it, the load waits for the optional answers too.
   */
  late?: (loadId: number, apply: (data: CardData) => CardData) => void;
}

let loads = 0;

/**
 * Loads a whole card. Rejects only when aborted; per-metric failures land in `MetricState.error`. Optional answers
 * (events, the topology's role and region) that are not in when the metrics are go to `late` when they come.
 */
export async function loadCardData(input: LoadInput): Promise<CardData> {
  const { provider, target, known, signal, timeoutMs = DEFAULT_TIMEOUT_MS } = input;
  const range = 'preset' in input.range ? rangeFromPreset(input.range.preset, input.now) : input.range.absolute;
  const key = targetKey(target);
  const previous = input.previous?.targetKey === key ? input.previous : undefined;
  const keyspace = keyspaceOf(target);

  const topology = track(needsTopology(target, known)
    ? askProvider(provider, 'getTopology', [keyspace], { signal, timeoutMs, what: 'the topology', check: checkTopology })
      .then((t) => infoFromTopology(target, t, known), () => known)
    : Promise.resolve(known));
  const events = track(loadEvents(provider, target, range, signal, timeoutMs).then((list) => list, () => []));
  const specs = metricsFor(target, known.role);
  const states = await Promise.all(specs.map((spec) => loadMetric(provider, target, spec, metricRange(spec, range), previous, signal, timeoutMs)));
  if (signal.aborted) throw DataError.aborted();
  // Let answers that came with the last metric settle their trackers. A caller that takes no late answers (a test, a
  // script) gets them all now: it waits for the optional ones too, each bounded by its timeout.
  if (input.late) await Promise.resolve();
  else await Promise.all([topology.promise, events.promise]);

  const info = topology.done ? topology.value! : known;
  const loaded = withRoleKnown(states, info, topology.done);
  // Charts the source has nothing for (`not-found`) leave, named in one line; when every chart says so, the target
  // itself is likely unknown to the source, so each keeps its message.
  const missing = loaded.filter((s) => s.error?.kind === 'not-found');
  const some = missing.length > 0 && missing.length < loaded.length;
  const data: CardData = {
    loadId: ++loads,
    targetKey: key,
    range,
    relative: 'preset' in input.range,
    metrics: some ? loaded.filter((s) => !missing.includes(s)) : loaded,
    ...(some ? { unavailable: missing.map((s) => s.spec.title) } : {}),
    events: events.done ? events.value! : [],
    info,
  };
  const late = input.late ?? (() => {});
  if (!topology.done) {
    void topology.promise.then((found) => late(data.loadId, (d) => {
      // The lag chart stayed while the role was unknown; now it is known whether there is one to name.
      const lag = found.role === 'replica' || found.role === 'rdonly' ? undefined : specs.find((spec) => spec.id === 'replication_lag')?.title;
      const unavailable = d.unavailable?.filter((title) => title !== lag);
      const { unavailable: _, ...rest } = d;
      return { ...rest, info: found, metrics: withRoleKnown(d.metrics, found, true), ...(unavailable?.length ? { unavailable } : {}) };
    }));
  }
  if (!events.done) void events.promise.then((list) => late(data.loadId, (d) => ({ ...d, events: list })));
  return data;
}

/**
 * A primary found through the topology has no lag chart, whatever the source answered; nor has a tablet of unknown
 * role whose source has no lag for it (most likely a primary: nothing to name) — once the role is known to stay
 * unknown (`final`: the topology answered, or failed).
 */
function withRoleKnown(metrics: MetricState[], info: TargetInfo, final: boolean): MetricState[] {
  return metrics.filter((m) => m.spec.id !== 'replication_lag'
    || (info.role !== 'primary' && (info.role !== undefined || !final || m.error?.kind !== 'not-found')));
}

/** A promise whose outcome can be read once it settled. */
export function track<T>(promise: Promise<T>): { promise: Promise<T>; done: boolean; value?: T } {
  const tracked: { promise: Promise<T>; done: boolean; value?: T } = { promise, done: false };
  void promise.then((value) => {
    tracked.done = true;
    tracked.value = value;
  });
  return tracked;
}

function keyspaceOf(target: ElementRef): KeyspaceRef {
  return { database: target.database, branch: target.branch, keyspace: target.keyspace };
}

/** The parsers for a user's provider's answers, loaded the first time such an answer comes. */
const checks = () => import('./frames-input.js');

function checkTopology(answer: unknown): Promise<Topology> {
  return checks().then((c) => c.parseTopologyInSlices(answer));
}

/** The window's events for this target, or a rejection (the caller drops the markers, nothing else). */
export function loadEvents(provider: DataProvider, target: ElementRef, range: TimeRange, signal: AbortSignal, timeoutMs: number): Promise<ClusterEvent[]> {
  if (!hasMethod(provider, 'getEvents')) return Promise.resolve([]);
  return askProvider(provider, 'getEvents', [keyspaceOf(target), { ...range }], {
    signal, timeoutMs, what: 'the cluster events', check: (answer) => checks().then((c) => c.parseClusterEvents(answer)),
  }).then((list) => eventsFor(target, list));
}

/** The events a target's charts mark: the keyspace's, and of a tablet's only its own shard's. */
function eventsFor(target: ElementRef, events: ClusterEvent[]): ClusterEvent[] {
  return events.filter((e) => e.shard === undefined || target.kind === 'vtgates' || e.shard === target.shard);
}

export function sameEvents(a: readonly ClusterEvent[], b: readonly ClusterEvent[]): boolean {
  return a.length === b.length && a.every((e, i) => e.at === b[i].at && e.kind === b[i].kind && e.label === b[i].label && e.shard === b[i].shard);
}

/** One metric: its frame, or its error with the last frame loaded kept (stale). */
export async function loadMetric(provider: DataProvider, target: ElementRef, spec: MetricSpec, range: TimeRange,
  previous: CardData | undefined, signal: AbortSignal, timeoutMs: number): Promise<MetricState> {
  try {
    const frame = await askMetric(provider, { target, metric: spec.id, range }, spec, signal, timeoutMs);
    return { spec, range, frame, stale: false };
  } catch (thrown) {
    const error = toDataError(thrown);
    if (error.kind === 'aborted' || signal.aborted) throw DataError.aborted();
    const last = previous?.metrics.find((m) => m.spec.id === spec.id)?.frame;
    return { spec, range, frame: last, error, stale: last !== undefined };
  }
}

export function askMetric(provider: DataProvider, query: { target: ElementRef; metric: MetricSpec['id']; range: TimeRange; stepSeconds?: number },
  spec: MetricSpec, signal: AbortSignal, timeoutMs: number): Promise<MetricFrame> {
  return askProvider(provider, 'getMetrics', [query], {
    signal, timeoutMs, what: `the ${spec.title} metric`, check: (answer) => checks().then((c) => c.parseFrameAnswer(answer, spec.id)),
  });
}
