/**
 * What a metric card loads and how: every metric of its target in parallel (storage over its own week), the target's
 * role and region from the topology when not given, and cluster events; one failing metric never hides the others.
 */
import { metricsFor, type MetricSpec, type TargetInfo } from '../../chart/catalogue.js';
import { appendFrame, tailRange } from '../../chart/frames.js';
import { DataError, toDataError } from '../../model/errors.js';
import { rangeFromPreset, type RangePreset } from '../../model/time-range.js';
import type { ClusterEvent, ElementRef, MetricFrame, TimeRange, Topology } from '../../model/types.js';
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
}

/** Loads a whole card. Rejects only when aborted; per-metric failures land in `MetricState.error`. */
export async function loadCardData(input: LoadInput): Promise<CardData> {
  const { provider, target, known, signal } = input;
  const range = 'preset' in input.range ? rangeFromPreset(input.range.preset, input.now) : input.range.absolute;
  const key = targetKey(target);
  const previous = input.previous?.targetKey === key ? input.previous : undefined;

  const topology = needsTopology(target, known)
    ? provider.getTopology({ database: target.database, branch: target.branch, keyspace: target.keyspace }, { signal })
      .then((t) => infoFromTopology(target, t, known), () => known)
    : Promise.resolve(known);
  const events = provider.getEvents
    ? provider.getEvents({ database: target.database, branch: target.branch, keyspace: target.keyspace }, range, { signal }).catch(() => [])
    : Promise.resolve([]);
  const specs = metricsFor(target, known.role);
  const metrics = specs.map((spec) => loadMetric(provider, target, spec, metricRange(spec, range), previous, signal));

  const [info, eventList, ...states] = await Promise.all([topology, events, ...metrics]);
  if (signal.aborted) throw DataError.aborted();
  // A primary found through the topology has no lag chart, whatever the source answered; nor has a tablet of unknown
  // role whose source has no lag for it (most likely a primary: nothing to name).
  const loaded = states.filter((s) => s.spec.id !== 'replication_lag' || (info.role !== 'primary' && (info.role || s.error?.kind !== 'not-found')));
  // Charts the source has nothing for (`not-found`) leave, named in one line; when every chart says so, the target
  // itself is likely unknown to the source, so each keeps its message.
  const missing = loaded.filter((s) => s.error?.kind === 'not-found');
  const some = missing.length > 0 && missing.length < loaded.length;
  return {
    targetKey: key,
    range,
    relative: 'preset' in input.range,
    metrics: some ? loaded.filter((s) => !missing.includes(s)) : loaded,
    ...(some ? { unavailable: missing.map((s) => s.spec.title) } : {}),
    events: eventsFor(target, eventList),
    info,
  };
}

/** The events a target's charts mark: the keyspace's, and of a tablet's only its own shard's. */
function eventsFor(target: ElementRef, events: ClusterEvent[]): ClusterEvent[] {
  return events.filter((e) => e.shard === undefined || target.kind === 'vtgates' || e.shard === target.shard);
}

function sameEvents(a: readonly ClusterEvent[], b: readonly ClusterEvent[]): boolean {
  return a.length === b.length && a.every((e, i) => e.at === b[i].at && e.kind === b[i].kind && e.label === b[i].label && e.shard === b[i].shard);
}

/** One metric: its frame, or its error with the last frame loaded kept (stale). */
export async function loadMetric(provider: DataProvider, target: ElementRef, spec: MetricSpec, range: TimeRange,
  previous: CardData | undefined, signal: AbortSignal): Promise<MetricState> {
  try {
    const frame = await provider.getMetrics({ target, metric: spec.id, range }, { signal });
    return { spec, range, frame, stale: false };
  } catch (thrown) {
    const error = toDataError(thrown);
    if (error.kind === 'aborted' || signal.aborted) throw DataError.aborted();
    const last = previous?.metrics.find((m) => m.spec.id === spec.id)?.frame;
    return { spec, range, frame: last, error, stale: last !== undefined };
  }
}

/**
 * Live refresh of a sliding card: asks each metric only for samples newer than it holds and appends them, dropping
 * what slid out of the window, and asks again for the window's cluster events (a failover may just have happened).
 * Metrics in error are left for Retry; events that fail to load stay as they were. Resolves to the same object when
 * nothing changed.
 */
export async function refreshCardData(provider: DataProvider, target: ElementRef, data: CardData, now: number, signal: AbortSignal): Promise<CardData> {
  const length = data.range.to - data.range.from;
  const range = { from: now - length, to: now };
  let changed = false;
  const events = provider.getEvents
    ? provider.getEvents({ database: target.database, branch: target.branch, keyspace: target.keyspace }, range, { signal })
      .then((list) => eventsFor(target, list), () => data.events)
    : Promise.resolve(data.events);
  const metrics = await Promise.all(data.metrics.map(async (state) => {
    if (!state.frame || state.error) return state;
    const window = metricRange(state.spec, range);
    const tail = tailRange(state.frame, now, window.from);
    if (!tail) return state;
    const step = state.frame.timestamps.length >= 2 ? state.frame.timestamps[1] - state.frame.timestamps[0] : undefined;
    try {
      const fresh = await provider.getMetrics({ target, metric: state.spec.id, range: tail, stepSeconds: step }, { signal });
      const frame = appendFrame(state.frame, fresh, window.from);
      if (frame === state.frame) return state;
      changed = true;
      return { ...state, range: window, frame };
    } catch {
      if (signal.aborted) throw DataError.aborted();
      // A failed tick keeps what is on screen; the next tick asks again for the whole tail.
      return state;
    }
  }));
  const eventList = await events;
  if (signal.aborted) throw DataError.aborted();
  const eventsChanged = !sameEvents(eventList, data.events);
  if (!changed && !eventsChanged) return data;
  return { ...data, range: changed ? range : data.range, metrics, events: eventsChanged ? eventList : data.events };
}
