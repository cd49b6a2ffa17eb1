import { expect, waitUntil } from '@open-wc/testing';
import '../src/elements/ps-topology/define.js';
import type { PsTopology } from '../src/elements/ps-topology/ps-topology.js';
import { STORAGE_KEY } from '../src/layout/layout-cache.js';
import { getLayoutClient } from '../src/layout/layout-client.js';
import type { Topology } from '../src/model/types.js';
import type { DataProvider } from '../src/providers/provider.js';
import { SimulatedProvider, type SimulatedScenario } from '../src/providers/simulated/index.js';

const NOW = Date.UTC(2026, 10, 20, 12);
const scenarioTopology = (scenario: SimulatedScenario) =>
  new SimulatedProvider({ scenario, now: () => NOW }).getTopology({ database: 'shop', branch: 'main' }, { signal: new AbortController().signal });

/** A topology source whose answer the test releases, as a slow network would. */
function heldProvider(): { provider: DataProvider; answer: (topology: Topology) => void } {
  let answer!: (topology: Topology) => void;
  const answered = new Promise<Topology>((resolve) => (answer = resolve));
  return { provider: { getTopology: () => answered, getMetrics: () => Promise.reject(new Error('not used')) }, answer };
}

const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const element of mounted.splice(0)) element.remove();
});

function mount(props: Partial<PsTopology>): PsTopology {
  const element = document.createElement('ps-topology');
  Object.assign(element, props);
  document.body.append(element);
  mounted.push(element);
  return element;
}

const nodeCount = (element: PsTopology) => element.shadowRoot!.querySelectorAll('.node > [role="button"]').length;

describe('ps-topology layout worker: prewarm and stored layouts', () => {
  it('starts the worker and warms ELK while its data is still on the way', async () => {
    const client = getLayoutClient();
    const { provider, answer } = heldProvider();
    const element = mount({ provider, database: 'shop', branch: 'main' });
    await waitUntil(() => client.active, 'the worker did not start before the data came', { timeout: 5_000 });
    expect(await client.prewarm()).to.equal(true);
    expect(nodeCount(element)).to.equal(0);
    const runs = client.runs;
    answer(await scenarioTopology('production'));
    await element.layoutComplete();
    expect(nodeCount(element)).to.equal(4);
    expect(client.runs).to.equal(runs + 1);
  });

  it('after a reload, draws a shape this tab laid out before from sessionStorage, without asking the worker', async () => {
    const client = getLayoutClient();
    const topology = await scenarioTopology('read-only-regions');
    const first = mount({ topology });
    await first.layoutComplete();
    expect(sessionStorage.getItem(STORAGE_KEY)).to.contain('"v":');
    first.remove();
    expect(client.active).to.equal(false);
    // What a reloaded page has: this tab's sessionStorage, nothing in memory, no worker.
    client.scenes.clearMemory();
    const runs = client.runs;
    const second = mount({ topology });
    await second.layoutComplete();
    expect(nodeCount(second)).to.equal(6);
    expect(client.runs).to.equal(runs);
  });

  it('lays out again when the stored layout belongs to another shape or was damaged', async () => {
    const client = getLayoutClient();
    const topology = await scenarioTopology('development');
    const first = mount({ topology });
    await first.layoutComplete();
    first.remove();
    client.scenes.clearMemory();
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY)!) as { layouts: [string, { n: unknown[] }][] };
    for (const [, geometry] of stored.layouts) geometry.n = ['broken'];
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
    const runs = client.runs;
    const second = mount({ topology });
    await second.layoutComplete();
    expect(nodeCount(second)).to.equal(2);
    expect(client.runs).to.equal(runs + 1);
  });
});
