/**
 * Generated inputs for the robustness suites: fast-check arbitraries of topologies, metric frames and resize statuses
 * (valid, edge-case and malformed), built by mutating realistic data from the simulated provider.
 */
import fc from 'fast-check';
import { METRIC_IDS, UNITS, type MetricFrame, type MetricId, type ResizeStatus, type Topology } from '../../src/model/types.js';
import { SimulatedProvider, type SimulatedProviderOptions } from '../../src/providers/simulated/index.js';

export const REF = { database: 'shop', branch: 'main', keyspace: 'shop' } as const;

export async function simulatedTopology(options: SimulatedProviderOptions): Promise<Topology> {
  return new SimulatedProvider({ seed: 5, ...options }).getTopology(REF, { signal: new AbortController().signal });
}

/** Realistic starting points: every scenario, 2 and 1024 shards. */
export async function baseTopologies(): Promise<Topology[]> {
  return Promise.all([
    simulatedTopology({ scenario: 'development' }),
    simulatedTopology({ scenario: 'production' }),
    simulatedTopology({ scenario: 'read-only-regions' }),
    simulatedTopology({ scenario: 'sharded', shards: 2 }),
    simulatedTopology({ scenario: 'sharded', shards: 1024 }),
    simulatedTopology({ scenario: 'resizing', shards: 16 }),
  ]);
}

/** Odd values: NaN, infinities, huge and negative numbers, wrong types. */
const oddValue = fc.oneof(
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -1, -1e9, 1e12, Number.MAX_VALUE, 0, null, undefined, '', '12', true, [], {}),
  fc.anything({ maxDepth: 2 }),
);
const lagValue = fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), oddValue);

type Mutation<T> = { name: string; apply: (value: T) => unknown };

function pick<T>(items: readonly T[], index: number): T | undefined {
  return items.length === 0 ? undefined : items[index % items.length];
}

/** One change to a topology, named so a failing case says what it did. */
const topologyMutation: fc.Arbitrary<Mutation<Topology>> = fc.oneof(
  fc.constant<Mutation<Topology>>({ name: 'unchanged', apply: (t) => t }),
  fc.tuple(fc.nat(), fc.nat(), lagValue).map(([s, i, lag]) => ({
    name: `lag ${String(lag)} on a tablet`,
    apply: (t: Topology) => {
      const tablet = pick(pick(t.shards, s)?.tablets ?? [], i);
      if (tablet) (tablet as { lagSeconds?: unknown }).lagSeconds = lag;
      return t;
    },
  })),
  fc.tuple(fc.nat(), fc.boolean()).map(([s, serving]) => ({
    name: `every tablet of a shard serving=${serving}`,
    apply: (t: Topology) => {
      for (const tablet of pick(t.shards, s)?.tablets ?? []) tablet.serving = serving;
      return t;
    },
  })),
  fc.constant({ name: 'no shards', apply: (t: Topology) => ({ ...t, shards: [] }) }),
  fc.nat().map((s) => ({
    name: 'duplicate tablet id',
    apply: (t: Topology) => {
      const tablets = pick(t.shards, s)?.tablets ?? [];
      if (tablets.length > 1) tablets[1].id = tablets[0].id;
      return t;
    },
  })),
  fc.nat().map((s) => ({
    name: 'duplicate shard',
    apply: (t: Topology) => ({ ...t, shards: [...t.shards, pick(t.shards, s) ?? t.shards[0]].filter(Boolean) }),
  })),
  fc.nat().map((s) => ({
    name: 'missing primary',
    apply: (t: Topology) => {
      for (const tablet of pick(t.shards, s)?.tablets ?? []) if (tablet.role === 'primary') tablet.role = 'replica';
      return t;
    },
  })),
  fc.nat().map((s) => ({
    name: 'no tablets in a shard',
    apply: (t: Topology) => {
      const shard = pick(t.shards, s);
      if (shard) shard.tablets = [];
      return t;
    },
  })),
  fc.tuple(fc.constantFrom('shards', 'vtgates', 'keyspaces', 'primaryRegion', 'readOnlyRegions', 'database', 'branchKind', 'resize', 'keyspace'), oddValue)
    .map(([field, value]) => ({ name: `${field} = ${describe(value)}`, apply: (t: Topology) => ({ ...t, [field]: value }) })),
  fc.tuple(fc.constantFrom('count', 'zones', 'region'), oddValue)
    .map(([field, value]) => ({ name: `vtgates.${field} = ${describe(value)}`, apply: (t: Topology) => ({ ...t, vtgates: { ...t.vtgates, [field]: value } }) })),
  fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('id', 'role', 'region', 'serving', 'readOnlyRegion', 'zone'), oddValue).map(([s, i, field, value]) => ({
    name: `tablet.${field} = ${describe(value)}`,
    apply: (t: Topology) => {
      const tablet = pick(pick(t.shards, s)?.tablets ?? [], i);
      if (tablet) (tablet as unknown as Record<string, unknown>)[field] = value;
      return t;
    },
  })),
  fc.tuple(fc.nat(), fc.constantFrom('name', 'keyRange', 'tablets'), oddValue).map(([s, field, value]) => ({
    name: `shard.${field} = ${describe(value)}`,
    apply: (t: Topology) => {
      const shard = pick(t.shards, s);
      if (shard) (shard as unknown as Record<string, unknown>)[field] = value;
      return t;
    },
  })),
  oddValue.map((value) => ({ name: `the whole topology = ${describe(value)}`, apply: () => value })),
);

function describe(value: unknown): string {
  try {
    return typeof value === 'number' || value === undefined ? String(value) : JSON.stringify(value)?.slice(0, 40) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Applies mutations in turn; one that cannot apply to what an earlier one left (a number for shards) leaves it. */
function applyAll<T>(start: unknown, mutations: readonly Mutation<T>[]): unknown {
  let value = start;
  for (const mutation of mutations) {
    if (!value || typeof value !== 'object' || Array.isArray(value) !== Array.isArray(start)) break;
    try {
      value = mutation.apply(value as T);
    } catch {
      // e.g. spreading shards that an earlier mutation made a number
    }
  }
  return value;
}

export interface Case<T = unknown> {
  name: string;
  input: T;
}

/** Topology inputs: a base topology (copied) with zero to two mutations. */
export function topologyCases(bases: readonly Topology[]): fc.Arbitrary<Case> {
  return fc.tuple(fc.nat(bases.length - 1), fc.array(topologyMutation, { minLength: 1, maxLength: 2 })).map(([b, mutations]) => {
    const input = applyAll(structuredClone(bases[b]), mutations);
    return { name: `${bases[b].shards.length}-shard ${bases[b].branchKind}: ${mutations.map((m) => m.name).join(', ')}`, input };
  });
}

// ---- metric frames ----

const VTGATE_METRICS: MetricId[] = ['connections', 'latency', 'queries', 'cpu', 'memory'];
const UNIT_OF: Partial<Record<MetricId, MetricFrame['unit']>> = { connections: 'count', latency: 'seconds', queries: 'per_second', cpu: 'cores', memory: 'bytes' };

/** A well-formed frame of `points` samples ending now, one sample a minute. */
export function validFrame(metric: MetricId, points: number, value: (i: number, s: number) => number = (i, s) => 10 + s + Math.sin(i / 7) * 5): MetricFrame {
  const end = Math.floor(Date.now() / 60_000) * 60;
  const timestamps = Float64Array.from({ length: points }, (_, i) => end - (points - 1 - i) * 60);
  const labels = metric === 'latency' ? ['p50', 'p95', 'p99'] : ['value'];
  return {
    metric, unit: UNIT_OF[metric] ?? 'count', timestamps,
    series: labels.map((label, s) => ({ label, values: Float64Array.from({ length: points }, (_, i) => value(i, s)) })),
  };
}

export function vtgateFrames(points = 120): MetricFrame[] {
  return VTGATE_METRICS.map((metric) => validFrame(metric, points));
}

const sampleValue = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: -1e6, max: 1e9, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity, 1e300, -1e300, 0, Number.MIN_VALUE) },
);

type FrameMutation = Mutation<MetricFrame[]>;
const frameMutation: fc.Arbitrary<FrameMutation> = fc.oneof(
  fc.constant<FrameMutation>({ name: 'unchanged', apply: (f) => f }),
  fc.tuple(fc.nat(4), fc.array(sampleValue, { minLength: 1, maxLength: 5 })).map(([m, values]) => ({
    name: `values ${values.map(String).join(' ')}`,
    apply: (frames: MetricFrame[]) => {
      const series = frames[m]?.series[0];
      values.forEach((v, i) => { if (series && i < series.values.length) series.values[i * 7 % series.values.length] = v; });
      return frames;
    },
  })),
  fc.tuple(fc.nat(4), fc.constantFrom(0, 1, 2, 5000)).map(([m, points]) => ({
    name: `${points} samples`,
    apply: (frames: MetricFrame[]) => { frames[m] = validFrame(frames[m]?.metric ?? 'cpu', points); return frames; },
  })),
  fc.nat(4).map((m) => ({ name: 'all values NaN', apply: (frames: MetricFrame[]) => { frames[m]?.series.forEach((s) => s.values.fill(Number.NaN)); return frames; } })),
  fc.tuple(fc.nat(4), fc.constantFrom(Number.NaN, Infinity, -5, 1e300)).map(([m, t]) => ({
    name: `timestamp ${t}`,
    apply: (frames: MetricFrame[]) => { if (frames[m]?.timestamps.length) frames[m].timestamps[3 % frames[m].timestamps.length] = t; return frames; },
  })),
  fc.nat(4).map((m) => ({ name: 'timestamps descending', apply: (frames: MetricFrame[]) => { frames[m]?.timestamps.reverse(); return frames; } })),
  fc.nat(4).map((m) => ({
    name: 'fewer values than timestamps',
    apply: (frames: MetricFrame[]) => { const s = frames[m]?.series[0]; if (s) s.values = s.values.slice(1); return frames; },
  })),
  fc.tuple(fc.nat(4), fc.constantFrom('metric', 'unit', 'timestamps', 'series'), oddValue).map(([m, field, value]) => ({
    name: `frame.${field} = ${describe(value)}`,
    apply: (frames: MetricFrame[]) => { if (frames[m]) (frames[m] as unknown as Record<string, unknown>)[field] = value; return frames; },
  })),
  fc.tuple(fc.nat(4), fc.constantFrom(...METRIC_IDS), fc.constantFrom(...UNITS)).map(([m, metric, unit]) => ({
    name: `frame is ${metric} in ${unit}`,
    apply: (frames: MetricFrame[]) => { if (frames[m]) Object.assign(frames[m], { metric, unit }); return frames; },
  })),
  fc.nat(4).map((m) => ({ name: 'values as a plain array', apply: (frames: MetricFrame[]) => { const s = frames[m]?.series[0]; if (s) (s as { values: unknown }).values = [...s.values]; return frames; } })),
  fc.nat(4).map((m) => ({ name: 'a frame is null', apply: (frames: MetricFrame[]) => { (frames as unknown[])[m] = null; return frames; } })),
  fc.constant({ name: 'no frames', apply: () => [] }),
  oddValue.filter((v) => v !== null && v !== undefined).map((value) => ({ name: `frames = ${describe(value)}`, apply: () => value })),
);

export function frameCases(): fc.Arbitrary<Case> {
  return fc.tuple(fc.integer({ min: 2, max: 400 }), fc.array(frameMutation, { minLength: 1, maxLength: 2 })).map(([points, mutations]) => {
    const input = applyAll(vtgateFrames(points), mutations);
    return { name: `${points} points: ${mutations.map((m) => m.name).join(', ')}`, input };
  });
}

// ---- resize statuses ----

const MINUTE = 60_000;

export function validResize(shards: number, startedAt = Date.now() - 30 * MINUTE): ResizeStatus {
  const states = ['completed', 'resizing', 'pending'] as const;
  return {
    state: 'resizing', from: { size: 'PS-40', replicas: 2 }, to: { size: 'PS-80', replicas: 2 }, startedAt,
    shards: Array.from({ length: shards }, (_, i) => {
      const state = states[Math.min(2, Math.floor((3 * i) / Math.max(1, shards)))];
      return { shard: `s${i.toString(16).padStart(3, '0')}`, state, ...(state !== 'pending' ? { startedAt: startedAt + i * 1000 } : {}), ...(state === 'completed' ? { finishedAt: startedAt + i * 1000 + MINUTE } : {}) };
    }),
  };
}

type ResizeMutation = Mutation<ResizeStatus>;
const resizeMutation: fc.Arbitrary<ResizeMutation> = fc.oneof(
  fc.constant<ResizeMutation>({ name: 'unchanged', apply: (s) => s }),
  fc.constantFrom('queued', 'pending', 'resizing', 'completed', 'canceled', 'exploded', '', 7).map((state) => ({ name: `state ${String(state)}`, apply: (s: ResizeStatus) => ({ ...s, state }) })),
  fc.tuple(fc.constantFrom('startedAt'), oddValue).map(([field, value]) => ({ name: `${field} = ${describe(value)}`, apply: (s: ResizeStatus) => ({ ...s, [field]: value }) })),
  fc.tuple(fc.constantFrom('from', 'to'), fc.constantFrom('size', 'replicas'), oddValue).map(([end, field, value]) => ({
    name: `${end}.${field} = ${describe(value)}`, apply: (s: ResizeStatus) => ({ ...s, [end]: { ...s[end], [field]: value } }),
  })),
  fc.tuple(fc.nat(), fc.constantFrom('shard', 'state', 'startedAt', 'finishedAt'), oddValue).map(([i, field, value]) => ({
    name: `shards[i].${field} = ${describe(value)}`,
    apply: (s: ResizeStatus) => { const shard = pick(s.shards, i); if (shard) (shard as unknown as Record<string, unknown>)[field] = value; return s; },
  })),
  fc.nat().map((i) => ({ name: 'duplicate shard', apply: (s: ResizeStatus) => ({ ...s, shards: [...s.shards, pick(s.shards, i)].filter(Boolean) }) })),
  fc.constant({ name: 'finished before it started', apply: (s: ResizeStatus) => { const done = s.shards.find((x) => x.finishedAt); if (done) done.finishedAt = done.startedAt! - MINUTE; return s; } }),
  fc.constantFrom(0, 1, 1024).map((n) => ({ name: `${n} shards`, apply: (s: ResizeStatus) => ({ ...s, shards: validResize(n).shards }) })),
  oddValue.filter((v) => v !== undefined).map((value) => ({ name: `status = ${describe(value)}`, apply: () => value })),
);

export function resizeCases(): fc.Arbitrary<Case> {
  return fc.tuple(fc.integer({ min: 1, max: 40 }), fc.array(resizeMutation, { minLength: 1, maxLength: 2 })).map(([shards, mutations]) => {
    const input = applyAll(validResize(shards), mutations);
    return { name: `${shards} shards: ${mutations.map((m) => m.name).join(', ')}`, input };
  });
}

/** Edge cases every run checks, whatever the random seed: empty, odd numbers, duplicates, missing primary, wrong types. */
export function topologyExamples(bases: readonly Topology[]): Case[] {
  const [development, , readOnly, sharded, huge] = bases;
  const edit = (base: Topology, name: string, change: (t: Topology) => unknown): Case => ({ name, input: change(structuredClone(base)) });
  return [
    edit(sharded, 'no shards', (t) => ({ ...t, shards: [] })),
    edit(huge, '1024 shards', (t) => t),
    edit(readOnly, 'NaN lag', (t) => { t.shards[0].tablets[1].lagSeconds = Number.NaN; return t; }),
    edit(readOnly, 'Infinity lag', (t) => { t.shards[0].tablets[1].lagSeconds = Infinity; return t; }),
    edit(readOnly, 'negative lag', (t) => { t.shards[0].tablets[1].lagSeconds = -3; return t; }),
    edit(readOnly, 'huge lag', (t) => { t.shards[0].tablets[1].lagSeconds = 1e9; return t; }),
    edit(development, 'missing primary', (t) => { for (const tablet of t.shards[0].tablets) tablet.role = 'replica'; return t; }),
    edit(readOnly, 'duplicate tablet id', (t) => { t.shards[0].tablets[1].id = t.shards[0].tablets[0].id; return t; }),
    edit(sharded, 'shards is a number', (t) => ({ ...t, shards: 0 })),
    { name: 'the whole topology = 0', input: 0 },
    { name: 'the whole topology = "topology"', input: 'topology' },
  ];
}

export function frameExamples(): Case[] {
  const frames = () => vtgateFrames(60);
  return [
    { name: 'no frames', input: [] },
    { name: 'frames = 0', input: 0 },
    { name: 'a frame is null', input: [null] },
    { name: 'NaN and Infinity values', input: frames().map((f) => { f.series[0].values[3] = Number.NaN; f.series[0].values[4] = Infinity; return f; }) },
    { name: 'huge and negative values', input: frames().map((f) => { f.series[0].values[3] = 1e300; f.series[0].values[4] = -1e300; return f; }) },
    { name: 'one sample', input: VTGATE_METRICS.map((m) => validFrame(m, 1)) },
    { name: 'no samples', input: VTGATE_METRICS.map((m) => validFrame(m, 0)) },
    { name: 'NaN timestamp', input: frames().map((f) => { f.timestamps[5] = Number.NaN; return f; }) },
    { name: 'values shorter than timestamps', input: frames().map((f) => { f.series[0].values = f.series[0].values.slice(1); return f; }) },
  ];
}

export function resizeExamples(): Case[] {
  return [
    { name: 'null (no resize)', input: null },
    { name: '0 shards', input: validResize(0) },
    { name: '1024 shards', input: validResize(1024) },
    { name: 'NaN startedAt', input: { ...validResize(4), startedAt: Number.NaN } },
    { name: 'negative replicas', input: { ...validResize(4), to: { size: 'PS-80', replicas: -2 } } },
    { name: 'duplicate shard', input: (() => { const s = validResize(4); s.shards.push(s.shards[0]); return s; })() },
    { name: 'status = 0', input: 0 },
  ];
}
