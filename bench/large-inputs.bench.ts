/**
 * Benchmark of the largest inputs the elements promise to take without a main-thread task over 50 ms (issue 15): a
 * ~20 MB Prometheus range answer of 200 series through `PrometheusProvider.getMetrics`, a card drawing a frame of those
 * 200 series, `<ps-topology>` and `<ps-shard-stack>` with 16 384 shards × 3 tablets (plain data, and from a user's
 * provider, whose answer is checked), and `<ps-topology>` with one shard of 5 000 tablets. Baselines in the same run:
 * native `JSON.parse` of the same text, and `parseTopology` of the same 16 384 shards in one go.
 *
 * Each step is a trace phase: `npm run bench -- --trace=DIR large-inputs` reports its longest task's CPU time (the
 * figure to hold under 50 ms on a shared machine, where wall times stretch while the renderer waits for a core).
 * Inputs are made before each phase and the garbage of the one before is collected first, so a phase's tasks are the
 * elements' own work.
 */
import '../src/elements/ps-topology/define.js';
import '../src/elements/ps-shard-stack/define.js';
import { defineElement } from '../src/elements/define.js';
import { PsMetricCard } from '../src/elements/ps-metric-card/ps-metric-card.js';
import type { PsTopology } from '../src/elements/ps-topology/ps-topology.js';
import type { PsShardStack } from '../src/elements/ps-shard-stack/ps-shard-stack.js';
import { evenKeyRanges, parseShardName } from '../src/model/key-range.js';
import { parseTopology } from '../src/model/parse.js';
import type { MetricFrame, Shard, Tablet, Topology } from '../src/model/types.js';
import type { DataProvider } from '../src/providers/provider.js';
import { PrometheusProvider } from '../src/providers/prometheus/index.js';
import { SimulatedProvider } from '../src/providers/simulated/index.js';
import { heapMB, measureMainThread, nextPaint, stage } from './support.js';

// Registered by hand: a bare `import './define.js'` may be dropped by the bundler under package.json's `sideEffects`.
defineElement('ps-metric-card', PsMetricCard);

const NOW = Date.UTC(2026, 10, 20, 12);
const SERIES = 200;
const STEP_SECONDS = 15;
/** 14 h at 15 s: 3 361 samples a series, ≈ 20 MB of JSON for 200 series. */
const POINTS = 3_361;
const SHARDS = 16_384;
const TABLETS_IN_ONE_SHARD = 5_000;

const signal = new AbortController().signal;

/**
 * The text of a Prometheus range query's answer, as `/api/v1/query_range` sends it (docs: prometheus.io/docs/prometheus/
 * latest/querying/api/ "Range queries" and "Range vectors"; web/api/v1/api.go `queryData`): a matrix of 200 series,
 * each `{ metric: labels, values: [[<unix seconds>, "<value>"], …] }` with values as strings, as `strconv.FormatFloat(v,
 * 'f', -1, 64)` writes them (a rate reads "3.1333333333333333"). One series per scrape target: `instance` is the label
 * Prometheus itself gives every target (docs: "Jobs and instances"), asked of vttablet's `vttablet_query_counts`
 * (vitessio/vitess go/vt/vttablet/tabletserver/query_engine.go, QueryCounts).
 */
function prometheusAnswer(start: number): Blob {
  const parts: string[] = ['{"status":"success","data":{"resultType":"matrix","result":['];
  for (let s = 0; s < SERIES; s++) {
    const values: string[] = [];
    for (let k = 0; k < POINTS; k++) values.push(`[${start + k * STEP_SECONDS},"${String(((s * 31 + k) % 997) / 7 + 0.1)}"]`);
    parts.push(`${s ? ',' : ''}{"metric":{"instance":"10.0.${s >> 8}.${s & 255}:15000","job":"vttablet"},"values":[${values.join(',')}]}`);
  }
  parts.push(']}}');
  return new Blob(parts, { type: 'application/json' });
}

/** A fetch that answers range queries with `answer`, as the network would (a Response read from a body, not a string). */
function answeringFetch(answer: Blob): (url: string) => Promise<Response> {
  return async (url) => {
    if (!url.includes('/api/v1/query_range')) throw new Error(`not expected: ${url}`);
    return new Response(answer, { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
}

/** A keyspace's head (regions, vtgates, branch) from the simulated provider, shards replaced by the caller. */
async function head(scenario: 'sharded' | 'read-only-regions'): Promise<Topology> {
  const simulated = new SimulatedProvider({ scenario, shards: scenario === 'sharded' ? 2 : undefined, now: () => NOW });
  const topology = await simulated.getTopology({ database: 'shop', branch: 'main' }, { signal });
  return { ...topology, resize: null };
}

/** Vitess tablet aliases `<cell>-<uid>` (proto/topodata.proto `TabletAlias`), uids unique across the keyspace. */
function tablet(uid: number, role: Tablet['role'], region: string, zone: string): Tablet {
  const one: Tablet = { id: `${zone}-${uid}`, role, region, zone, readOnlyRegion: false, serving: true, size: 'PS-80' };
  if (role === 'replica') one.lagSeconds = (uid % 17) / 10;
  return one;
}

/** 16 384 shards of a primary and two replicas each, in key-range order, as plain objects (a page's or a provider's). */
async function manyShards(): Promise<Topology> {
  const base = await head('sharded');
  const region = base.primaryRegion.slug;
  const zones = base.vtgates.zones;
  const shards: Shard[] = evenKeyRanges(SHARDS).map((name, s) => ({
    name,
    keyRange: parseShardName(name),
    tablets: [0, 1, 2].map((slot) => tablet(100 * (s + 1) + slot, slot === 0 ? 'primary' : 'replica', region, zones[(s + slot) % zones.length])),
  }));
  return { ...base, shards };
}

/** An unsharded keyspace whose one shard has 5 000 tablets across the primary region and the read-only regions. */
async function oneBigShard(): Promise<Topology> {
  const base = await head('read-only-regions');
  const regions = [base.primaryRegion, ...base.readOnlyRegions];
  const tablets = Array.from({ length: TABLETS_IN_ONE_SHARD }, (_, i) => {
    const region = regions[i % regions.length];
    const one = tablet(100 + i, i === 0 ? 'primary' : 'replica', region.slug, `${region.slug}${'abc'[i % 3]}`);
    one.readOnlyRegion = region !== base.primaryRegion;
    return one;
  });
  return { ...base, shards: [{ name: '-', keyRange: parseShardName('-') as Shard['keyRange'], tablets }] };
}

/** A user's provider: its answers are not marked as checked, so the element checks them (in slices, when large). */
function userProvider(topology: Topology): DataProvider {
  return {
    getTopology: () => new Promise((resolve) => setTimeout(() => resolve(topology), 0)),
    getMetrics: () => Promise.reject(new Error('not used')),
  };
}

/**
 * Collects the previous phase's garbage, then runs `work` between trace marks. Own figures: wall time, and (without
 * `--trace`) the longest main-thread stretch a message loop saw.
 */
async function phase(name: string, work: () => Promise<void> | void, figures: Record<string, number>): Promise<void> {
  await heapMB();
  await nextPaint();
  performance.mark(`${name} start`);
  const { wallMs, longestTaskMs } = await measureMainThread(work);
  performance.mark(`${name} end`);
  // What follows (removing the element, making the next input) runs in a task of its own, outside the phase.
  await new Promise((resolve) => setTimeout(resolve, 0));
  figures[`${name}, wall ms`] = wallMs;
  if (!Number.isNaN(longestTaskMs)) figures[`${name}, longest stretch ms`] = longestTaskMs;
}

/** Mounts an element in a fresh stage; returns it with a function that removes both. */
function mount<T extends HTMLElement>(tag: string, props: Partial<T>, height = '700px'): { element: T; remove: () => void } {
  const box = stage(1200, 800);
  const element = document.createElement(tag) as T;
  element.style.setProperty('--ps-topology-height', height);
  element.style.setProperty('--ps-shard-stack-height', height);
  Object.assign(element, props);
  box.append(element);
  return { element, remove: () => box.remove() };
}

function expect(condition: boolean, what: string): void {
  if (!condition) throw new Error(`large-inputs: ${what}`);
}

const trace = (name: string, figure = 'longest task CPU ms') => `${name} (trace) ${figure}`;

export const baselines: Record<string, string> = {
  [trace('Prometheus 20 MB, getMetrics', 'main-thread CPU ms')]: trace('JSON.parse 20 MB (baseline)', 'main-thread CPU ms'),
  [trace('Prometheus 20 MB, getMetrics')]: trace('JSON.parse 20 MB (baseline)'),
  [trace('card 200 series, .frames')]: trace('card 3 series, .frames (baseline)'),
  [trace('card 200 series, .frames', 'main-thread CPU ms')]: trace('card 3 series, .frames (baseline)', 'main-thread CPU ms'),
  [trace('ps-topology 16 384 shards, .topology')]: trace('parseTopology 16 384 shards in one go (baseline)'),
  [trace('ps-topology 16 384 shards, user provider')]: trace('parseTopology 16 384 shards in one go (baseline)'),
  [trace('ps-shard-stack 16 384 shards, .topology')]: trace('parseTopology 16 384 shards in one go (baseline)'),
  [trace('ps-shard-stack 16 384 shards, user provider')]: trace('parseTopology 16 384 shards in one go (baseline)'),
};

export async function run(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};

  // A ~20 MB answer: native JSON.parse of its text, then the provider reading it (text, JSON in slices, samples decoded).
  const end = Math.floor((NOW - 3_600_000) / 1000 / STEP_SECONDS) * STEP_SECONDS;
  const start = end - (POINTS - 1) * STEP_SECONDS;
  let answer: Blob | undefined = prometheusAnswer(start);
  figures['Prometheus answer MB'] = answer.size / 2 ** 20;
  let text: string | undefined = await answer.text();
  await phase('JSON.parse 20 MB (baseline)', () => {
    expect(JSON.parse(text!).data.result.length === SERIES, 'JSON.parse read the answer');
  }, figures);
  text = undefined;
  const provider = new PrometheusProvider({
    url: 'http://prometheus.invalid:9090',
    fetch: answeringFetch(answer),
    // One series per vttablet: the users' own PromQL, as README "Connect your cluster" shows for `queries`.
    queries: { 'vtgates.queries': 'sum by (instance, job) (rate(vttablet_query_counts[$rate]))' },
  });
  let frame: MetricFrame | undefined;
  await phase('Prometheus 20 MB, getMetrics', async () => {
    frame = await provider.getMetrics({
      target: { kind: 'vtgates', database: 'shop', branch: 'main', keyspace: 'shop' },
      metric: 'queries',
      range: { from: start * 1000, to: end * 1000 },
      stepSeconds: STEP_SECONDS,
    }, { signal });
  }, figures);
  answer = undefined;
  expect(frame!.series.length === SERIES && frame!.timestamps.length === POINTS, `getMetrics gave ${frame!.series.length} series × ${frame!.timestamps.length} points`);

  // The same 200 series as a card's plain `.frames`: checked, then drawn (the highest ten; the legend says the rest);
  // beside the same card with three of them. A small card first, untimed, loads and warms the card's code for both.
  {
    const drawCard = async (name: string | undefined, series: MetricFrame['series']) => {
      let card!: { element: PsMetricCard; remove: () => void };
      const draw = async () => {
        card = mount<PsMetricCard>('ps-metric-card', { frames: [{ ...frame!, series }], expanded: true, refresh: '0', theme: 'light' } as Partial<PsMetricCard>);
        await card.element.settled();
      };
      if (name) await phase(name, draw, figures);
      else await draw();
      expect(card.element.chartInstances.size === 1, 'the card drew its chart');
      card.remove();
    };
    await drawCard(undefined, frame!.series.slice(0, 1));
    await drawCard('card 3 series, .frames (baseline)', frame!.series.slice(0, 3));
    await drawCard('card 200 series, .frames', frame!.series);
    frame = undefined;
  }

  // 16 384 shards × 3 tablets: parseTopology in one go (baseline), then each element as plain data and from a provider.
  {
    const topology = await manyShards();
    parseTopology(topology); // warm: the baseline is measured with optimized code, as the elements' checks run later
    await phase('parseTopology 16 384 shards in one go (baseline)', () => {
      expect(parseTopology(topology).shards.length === SHARDS, 'parseTopology read every shard');
    }, figures);
    for (const via of ['.topology', 'user provider'] as const) {
      const props = via === '.topology' ? { topology } : { provider: userProvider(topology), database: 'shop', branch: 'main' };
      let topologyElement!: { element: PsTopology; remove: () => void };
      await phase(`ps-topology 16 384 shards, ${via}`, async () => {
        topologyElement = mount<PsTopology>('ps-topology', props as Partial<PsTopology>);
        await topologyElement.element.layoutComplete();
      }, figures);
      expect(!!topologyElement.element.shadowRoot?.querySelector('.node'), `ps-topology drew no node (${via})`);
      topologyElement.remove();
      let stack!: { element: PsShardStack; remove: () => void };
      await phase(`ps-shard-stack 16 384 shards, ${via}`, async () => {
        stack = mount<PsShardStack>('ps-shard-stack', props as Partial<PsShardStack>);
        await stack.element.dataComplete();
      }, figures);
      expect(!!stack.element.shadowRoot?.querySelector('.shard-list [role="option"]'), `ps-shard-stack drew no row (${via})`);
      stack.remove();
    }
  }

  // One shard of 5 000 tablets: drawn as region groups of replicas, laid out in bounded time.
  {
    const topology = await oneBigShard();
    let big!: { element: PsTopology; remove: () => void };
    await phase('ps-topology one shard of 5 000 tablets, .topology', async () => {
      big = mount<PsTopology>('ps-topology', { topology });
      await big.element.layoutComplete();
    }, figures);
    const nodes = big.element.shadowRoot!.querySelectorAll('.node').length;
    expect(nodes > 0 && nodes < 50, `ps-topology drew ${nodes} nodes for one shard of 5 000 tablets`);
    figures['one shard of 5 000 tablets: nodes drawn'] = nodes;
    big.remove();
  }
  return figures;
}
