// The heat strip on <ps-topology>'s shard stack: only with a provider that has getKeyspaceHeatmap, updated with the
// topology without a relayout, said in the stack's name, and drawn in both themes.
import { expect, waitUntil } from '@open-wc/testing';
import axe from 'axe-core';
import '../src/elements/ps-topology/define.js';
import type { PsTopology } from '../src/elements/ps-topology/ps-topology.js';
import { getLayoutClient } from '../src/layout/layout-client.js';
import type { KeyspaceHeatmap, KeyspaceHeatmapQuery } from '../src/model/heatmap.js';
import type { Topology } from '../src/model/types.js';
import type { DataProvider, RequestOptions } from '../src/providers/provider.js';
import { SimulatedProvider } from '../src/providers/simulated/index.js';
import { heatmapHistory } from '../src/providers/simulated/heatmap.js';

const signal = new AbortController().signal;

/** The simulated cluster (its clock is the page's: the strip asks for the last minutes before now), counting heatmap requests. */
class CountingProvider implements DataProvider {
  readonly inner: SimulatedProvider;
  heatmaps: KeyspaceHeatmapQuery[] = [];
  constructor(shards?: number) {
    this.inner = new SimulatedProvider(shards ? { scenario: 'sharded', shards, seed: 1 } : { scenario: 'production', seed: 1 });
  }
  getTopology(...args: Parameters<SimulatedProvider['getTopology']>) {
    return this.inner.getTopology(...args);
  }
  getMetrics(...args: Parameters<SimulatedProvider['getMetrics']>) {
    return this.inner.getMetrics(...args);
  }
  getKeyspaceHeatmap(query: KeyspaceHeatmapQuery, opts: RequestOptions): Promise<KeyspaceHeatmap> {
    this.heatmaps.push(query);
    return this.inner.getKeyspaceHeatmap(query, opts);
  }
}

const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const element of mounted.splice(0)) element.remove();
});

async function mount(props: Partial<PsTopology>): Promise<PsTopology> {
  const element = document.createElement('ps-topology');
  element.style.width = '900px';
  Object.assign(element, props);
  document.body.append(element);
  mounted.push(element);
  await element.layoutComplete();
  await waitUntil(() => element.shadowRoot!.querySelector('.node'), 'the diagram never drew', { timeout: 10_000 });
  return element;
}

const stack = (element: PsTopology) => element.shadowRoot!.querySelector('.node[data-id="shard-stack"]')!;
const stackName = (element: PsTopology) => stack(element).querySelector('[role="button"]')!.getAttribute('aria-label');
const stripRects = (element: PsTopology) => [...stack(element).querySelectorAll<SVGRectElement>('.heat-strip rect:not(.heat-track)')];

describe('<ps-topology> heat strip', () => {
  it('a sharded keyspace with a heatmap provider: the last 15 minutes of queries, hottest shard named, hot pixels in the strip', async () => {
    const provider = new CountingProvider(64);
    const topology = await provider.getTopology({ database: 'shop', branch: 'main' }, { signal });
    const element = await mount({ provider, topology, theme: 'dark' });
    expect(provider.heatmaps).to.have.length(1);
    const [query] = provider.heatmaps;
    expect(query.metric).to.equal('queries');
    expect(query.keyspace).to.deep.equal({ database: 'shop', branch: 'main', keyspace: 'shop' });
    expect(query.range.to - query.range.from).to.equal(15 * 60_000);
    // The simulated hot spot (started 2 h 15 min before the provider was made) is the hottest shard now.
    const hotShard = topology.shards[heatmapHistory(1, Date.now(), 64).hotSpotShard].name;
    expect(stackName(element)).to.match(new RegExp(`^Shard stack, 64 shards\\. Queries over the last 15 minutes: shard ${hotShard} is hottest, [\\d.,K]+/s, \\d+(\\.\\d)?× the median shard\\.$`));
    const rects = stripRects(element);
    expect(rects.length).to.be.greaterThan(2);
    // Runs cover the track exactly, top to bottom.
    const track = stack(element).querySelector('.heat-track')!;
    const covered = rects.reduce((sum, r) => sum + Number(r.getAttribute('height')), 0);
    expect(covered).to.equal(Number(track.getAttribute('height')) - 1);
    // The hottest colour is drawn (magma's brightest on a dark theme), where the hot shard sits in the key space.
    const brightest = rects.filter((r) => r.getAttribute('fill') === '#fcfdbf');
    expect(brightest.length).to.be.greaterThan(0);
    // The strip is decoration: the accessible name carries what it shows.
    expect(stack(element).querySelector('.heat-strip')!.closest('[aria-hidden="true"]')).to.not.equal(null);
  });

  it('a new topology of the same shape reloads the strip without calling the layout engine', async () => {
    const client = getLayoutClient();
    const original = client.layout;
    let layouts = 0;
    client.layout = function (graph) {
      layouts++;
      return original.call(this, graph);
    };
    try {
      const provider = new CountingProvider(8);
      const topology = await provider.getTopology({ database: 'shop', branch: 'main' }, { signal });
      const element = await mount({ provider, topology });
      const before = layouts;
      element.topology = { ...topology } as Topology;
      await element.layoutComplete();
      expect(provider.heatmaps).to.have.length(2);
      expect(layouts).to.equal(before);
      expect(stripRects(element).length).to.be.greaterThan(0);
    } finally {
      client.layout = original;
    }
  });

  it('no strip without getKeyspaceHeatmap, nor for an unsharded keyspace', async () => {
    const sim = new SimulatedProvider({ scenario: 'sharded', shards: 8 });
    const withoutMethod: DataProvider = { getTopology: (r, o) => sim.getTopology(r, o), getMetrics: (q, o) => sim.getMetrics(q, o) };
    const sharded = await mount({ provider: withoutMethod, database: 'shop', branch: 'main' });
    expect(stack(sharded).querySelector('.heat-strip')).to.equal(null);
    expect(stackName(sharded)).to.equal('Shard stack, 8 shards');
    const single = new CountingProvider();
    const unsharded = await mount({ provider: single, database: 'shop', branch: 'main' });
    expect(unsharded.shadowRoot!.querySelector('.heat-strip')).to.equal(null);
    expect(single.heatmaps).to.have.length(0);
  });

  it('a failing heatmap request leaves the stack as it was, with no error shown', async () => {
    const sim = new SimulatedProvider({ scenario: 'sharded', shards: 8 });
    const errors: unknown[] = [];
    const provider: DataProvider = {
      getTopology: (r, o) => sim.getTopology(r, o),
      getMetrics: (q, o) => sim.getMetrics(q, o),
      getKeyspaceHeatmap: async () => ({ metric: 'queries', unit: 'per_second', timestamps: [1, 2], shards: [], values: [] }) as unknown as KeyspaceHeatmap,
    };
    const element = document.createElement('ps-topology');
    element.addEventListener('ps-error', (event) => errors.push(event.detail.error));
    Object.assign(element, { provider, database: 'shop', branch: 'main' });
    document.body.append(element);
    mounted.push(element);
    await element.layoutComplete();
    await waitUntil(() => element.shadowRoot!.querySelector('.node'), 'the diagram never drew');
    expect(stack(element).querySelector('.heat-strip')).to.equal(null);
    expect(stackName(element)).to.equal('Shard stack, 8 shards');
    expect(element.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    expect(errors).to.deep.equal([]);
  });

  it('both themes: the colours follow the theme (low values fade into the card), and axe finds nothing', async () => {
    const provider = new CountingProvider(16);
    const topology = await provider.getTopology({ database: 'shop', branch: 'main' }, { signal });
    const fills = async (theme: 'light' | 'dark') => {
      const element = await mount({ provider, topology, theme });
      const result = await axe.run(element);
      expect(result.violations.map((v) => v.id)).to.deep.equal([]);
      return stripRects(element).map((r) => r.getAttribute('fill'));
    };
    const light = await fills('light');
    const dark = await fills('dark');
    expect(light.length).to.be.greaterThan(0);
    expect(light).to.not.deep.equal(dark);
    // Magma runs dark → light on a dark page and light → dark on a light one: the hottest colour differs.
    expect(dark).to.include('#fcfdbf');
    expect(light).to.not.include('#fcfdbf');
  });
});
