/** Which metrics a card shows for each kind of target, with their titles, units, series and warning levels. */
import type { ElementRef, MetricFrame, MetricId, TabletRole, Unit, VTGateGroup } from '../model/types.js';
import type { RangePreset } from '../model/time-range.js';

export interface SeriesSpec {
  /** The label the frame's series carries (`p95`, `reads`, `used`). */
  label: string;
  /** What the legend calls it. */
  name: string;
  /** 1-based index into the `--ps-series-N` tokens. */
  color: number;
  /** Drawn only when the user asks for it (latency p99). */
  optional?: boolean;
  /** Drawn as a dashed reference line (storage capacity). */
  reference?: boolean;
}

/** A warning level: a fixed value, or a fraction of another series' newest value (storage % of capacity). */
export interface ThresholdSpec {
  value: number;
  label: string;
  /** When set, the line sits at `value × latest(relativeTo)`. */
  relativeTo?: string;
  /**
   * The unit `value` is in: the line is drawn only over a frame in that unit. PlanetScale's CPU and memory levels are
   * percent of what the node is allotted; a source answering cores or bytes (Prometheus' process metrics) does not say
   * what that allotment is, so no line is drawn rather than one at 70 cores.
   */
  unit?: Unit;
}

export interface MetricSpec {
  id: MetricId;
  title: string;
  /** The unit the catalogue expects; a frame that says otherwise wins (`unitOf`). */
  unit: Unit;
  series: SeriesSpec[];
  thresholds: ThresholdSpec[];
  /** A fixed window whatever range the card shows (storage is always the past week). */
  window?: RangePreset;
  /** Said next to the title when `window` is set. */
  windowLabel?: string;
  /** Values never go below zero, so the axis starts there. */
  zeroBased: boolean;
}

/**
 * The unit a chart's values are in: its frame's (sources differ for the same metric: PlanetScale's VTGate CPU is
 * percent per zone, Prometheus' is cores), else the catalogue's (skeletons, charts without data yet).
 */
export function unitOf(spec: MetricSpec, frame: Pick<MetricFrame, 'unit'> | undefined): Unit {
  return frame?.unit ?? spec.unit;
}

const percentLevel = (value: number): ThresholdSpec => ({ value, label: `${value}%`, unit: 'percent' });
/** PlanetScale's storage alerts, as fractions of capacity. */
const STORAGE_LEVELS = [0.6, 0.75, 0.85, 0.9, 0.95];

const SPECS: Readonly<Record<MetricId, MetricSpec>> = {
  connections: {
    id: 'connections', title: 'Connections', unit: 'count', zeroBased: true, thresholds: [],
    series: [{ label: 'connections', name: 'Connections', color: 1 }],
  },
  latency: {
    id: 'latency', title: 'Latency', unit: 'seconds', zeroBased: true, thresholds: [],
    series: [
      { label: 'p50', name: 'p50', color: 1 },
      { label: 'p95', name: 'p95', color: 2 },
      { label: 'p99', name: 'p99', color: 3, optional: true },
    ],
  },
  queries: {
    id: 'queries', title: 'Queries', unit: 'per_second', zeroBased: true, thresholds: [],
    series: [{ label: 'queries', name: 'Queries', color: 1 }],
  },
  cpu: {
    id: 'cpu', title: 'CPU', unit: 'percent', zeroBased: true, thresholds: [percentLevel(70)],
    series: [{ label: 'cpu', name: 'CPU', color: 1 }],
  },
  memory: {
    id: 'memory', title: 'Memory', unit: 'percent', zeroBased: true, thresholds: [percentLevel(80)],
    series: [{ label: 'memory', name: 'Memory', color: 4 }],
  },
  reads_writes: {
    id: 'reads_writes', title: 'Reads and writes', unit: 'per_second', zeroBased: true, thresholds: [],
    series: [
      { label: 'reads', name: 'Reads', color: 1 },
      { label: 'writes', name: 'Writes', color: 2 },
    ],
  },
  iops: {
    id: 'iops', title: 'IOPS', unit: 'iops', zeroBased: true, thresholds: [],
    series: [
      { label: 'read', name: 'Read', color: 1 },
      { label: 'write', name: 'Write', color: 2 },
    ],
  },
  storage: {
    id: 'storage', title: 'Storage', unit: 'bytes', zeroBased: true, window: '7d', windowLabel: 'Past 7 days',
    thresholds: STORAGE_LEVELS.map((value) => ({ value, label: `${Math.round(value * 100)}%`, relativeTo: 'capacity' })),
    series: [
      { label: 'used', name: 'Used', color: 3 },
      { label: 'capacity', name: 'Capacity', color: 3, reference: true },
    ],
  },
  replication_lag: {
    id: 'replication_lag', title: 'Replication lag', unit: 'seconds', zeroBased: true, thresholds: [],
    series: [{ label: 'lag', name: 'Lag', color: 5 }],
  },
};

const VTGATE_METRICS: readonly MetricId[] = ['connections', 'latency', 'queries', 'cpu', 'memory'];
const TABLET_METRICS: readonly MetricId[] = ['reads_writes', 'queries', 'iops', 'cpu', 'memory', 'storage', 'replication_lag'];

/** The spec of one metric; titles differ by target (VTGates *receive* queries, MySQL nodes *serve* them). */
export function metricSpec(id: MetricId, kind: ElementRef['kind'] = 'tablet'): MetricSpec {
  const spec = SPECS[id];
  if (id === 'queries') return { ...spec, title: kind === 'vtgates' ? 'Queries received' : 'Queries served' };
  return spec;
}

/**
 * The metrics a card shows, in order. A primary has no replication lag; when the role is unknown the lag chart is
 * listed and the card drops it if the source says the tablet has none (`not-found`).
 */
export function metricsFor(target: Pick<ElementRef, 'kind'>, role?: TabletRole): MetricSpec[] {
  if (target.kind === 'vtgates') return VTGATE_METRICS.map((id) => metricSpec(id, 'vtgates'));
  return TABLET_METRICS.filter((id) => id !== 'replication_lag' || role !== 'primary').map((id) => metricSpec(id, 'tablet'));
}

/** What the card knows about its target beyond the reference; all optional, from attributes or the topology. */
export interface TargetInfo {
  role?: TabletRole;
  region?: string;
  readOnlyRegion?: boolean;
  vtgates?: Pick<VTGateGroup, 'count' | 'zones'>;
}

const ROLE_NAMES: Readonly<Record<TabletRole, string>> = { primary: 'Primary', replica: 'Replica', rdonly: 'Read-only replica' };
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The card's heading: "VTGates · 3 in 3 AZs", "Replica · us-west-2 · shard -80", "MySQL node · shard 40-80". */
export function cardTitle(target: ElementRef, info: TargetInfo = {}): string {
  if (target.kind === 'vtgates') {
    const group = info.vtgates;
    if (!group) return 'VTGates';
    const zones = new Set(group.zones).size;
    return `${group.count === 1 ? 'VTGate' : 'VTGates'} · ${group.count} in ${plural(zones, 'AZ', 'AZs')}`;
  }
  const parts = [info.role ? ROLE_NAMES[info.role] : 'MySQL node'];
  if (info.region) parts.push(info.region);
  // An unsharded keyspace's one shard (`-` or `0`) says nothing worth a label.
  if (target.shard && target.shard !== '-' && target.shard !== '0') parts.push(`shard ${target.shard}`);
  return parts.join(' · ');
}
