/**
 * Mounting and unmounting every element 200 times with live refresh running leaves nothing behind: no interval,
 * timeout, worker, observed element or page-wide listener, and the page's JS heap and DOM node count (measured
 * through the DevTools Protocol after forced garbage collection) stay flat.
 */
import './instrument.js';
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { intervalTicks, liveCounts, pendingTimeoutSources, type LiveCounts } from './instrument.js';
import { SimulatedProvider, type SimulatedProviderOptions } from '../../src/providers/simulated/index.js';
import { defineAllElements, ELEMENT_TAGS, settle } from './elements.js';

const CYCLES = 200;
const MB = 1024 * 1024;
/** Generous: 200 leaked elements with their data and shadow trees are many times this. */
const HEAP_GROWTH_LIMIT = 10 * MB;
/** Fewer nodes than one element's shadow tree (300–700): even a single retained element fails. */
const NODE_GROWTH_LIMIT = 250;

interface HeapUsage {
  usedSize: number;
  totalSize: number;
  Nodes: number;
  JSEventListeners: number;
}

const heapUsage = () => executeServerCommand<HeapUsage, undefined>('heap-usage');
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const SCENARIO: Record<string, SimulatedProviderOptions> = {
  'ps-topology': { scenario: 'read-only-regions' },
  'ps-infrastructure': { scenario: 'read-only-regions' },
  'ps-shard-stack': { scenario: 'sharded', shards: 16 },
  'ps-resize-status': { scenario: 'resizing', shards: 8 },
  'ps-metric-card': { scenario: 'production' },
  'ps-keyspace-heatmap': { scenario: 'sharded', shards: 16 },
};

/** One element wired to a provider and polling every second; the metric card is expanded (uPlot charts) now and then. */
function create(tag: string, provider: SimulatedProvider, cycle: number): HTMLElement {
  const el = document.createElement(tag);
  Object.assign(el, { provider, database: 'shop', branch: 'main', keyspace: 'shop', refresh: '1s', theme: cycle % 2 ? 'dark' : 'light' });
  if (tag === 'ps-resize-status') Object.assign(el, { variant: 'detail' });
  if (tag === 'ps-metric-card') Object.assign(el, { range: '1h', expanded: cycle % 5 === 0 });
  return el;
}

/** Mounts and unmounts `cycles` times: every other element is removed while still loading, the rest once drawn. */
async function cycle(tag: string, provider: SimulatedProvider, cycles: number, retain?: HTMLElement[]): Promise<void> {
  const host = document.createElement('div');
  host.style.cssText = 'width: 900px';
  document.body.append(host);
  for (let i = 0; i < cycles; i++) {
    const el = create(tag, provider, i);
    host.append(el);
    if (i % 2 === 0) await settle(el, 1);
    else await frame();
    el.remove();
    retain?.push(el);
  }
  host.remove();
}

/** Lets aborted loads, last frames and zero-delay timers finish. */
async function quiesce(): Promise<void> {
  await pause(50);
  await frame();
  await frame();
  await pause(50);
}

/** Live refresh really runs: one element stays long enough for its 1 s polling to tick (then goes, unreferenced). */
async function refreshTicks(tag: string, provider: SimulatedProvider, before: LiveCounts): Promise<void> {
  const ticksBefore = intervalTicks.count;
  const host = document.createElement('div');
  const live = create(tag, provider, 0);
  host.append(live);
  document.body.append(host);
  await settle(live, 1);
  expect(liveCounts().intervals, 'polling timer while mounted').to.be.greaterThan(before.intervals);
  await pause(1300);
  expect(intervalTicks.count, 'refresh ticked').to.be.greaterThan(ticksBefore);
  host.remove();
}

function describeCounts(counts: LiveCounts): string {
  return Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ');
}

describe('mount/unmount leaks', function () {
  this.timeout(180_000);
  let defined: string[] = [];

  before(async () => {
    defined = (await defineAllElements()).tags;
  });

  for (const tag of ELEMENT_TAGS) {
    it(`<${tag}> × ${CYCLES} with refresh="1s" releases timers, workers, observers and listeners; heap stays flat`, async () => {
      expect(defined, `<${tag}> is defined`).to.include(tag);
      const provider = new SimulatedProvider({ seed: 9, ...SCENARIO[tag] ?? { scenario: 'production' } });

      // Warm up: lazily made singletons (layout client, scene cache, Trusted Types policy, formatters) exist once.
      await cycle(tag, provider, 4);
      await quiesce();
      const before = liveCounts();
      const heapBefore = await heapUsage();

      await refreshTicks(tag, provider, before);

      await cycle(tag, provider, CYCLES);
      await quiesce();
      const after = liveCounts();
      const heapAfter = await heapUsage();
      const growth = heapAfter.usedSize - heapBefore.usedSize;
      const nodes = heapAfter.Nodes - heapBefore.Nodes;
      console.log(`<${tag}> ×${CYCLES}: before {${describeCounts(before)}} after {${describeCounts(after)}}; `
        + `JS heap ${(heapBefore.usedSize / MB).toFixed(1)} → ${(heapAfter.usedSize / MB).toFixed(1)} MB (${growth >= 0 ? '+' : ''}${(growth / MB).toFixed(2)} MB); `
        + `DOM nodes ${heapBefore.Nodes} → ${heapAfter.Nodes}; JS listeners ${heapBefore.JSEventListeners} → ${heapAfter.JSEventListeners}`);

      expect(after.intervals, 'intervals').to.equal(before.intervals);
      expect(after.timeouts, `pending timeouts: ${pendingTimeoutSources().join('; ')}`).to.be.at.most(before.timeouts);
      expect(after.workers, 'workers').to.equal(before.workers);
      expect(after.observedTargets, 'ResizeObserver targets').to.equal(before.observedTargets);
      expect(after.globalListeners, 'listeners on window/document/media queries').to.equal(before.globalListeners);
      expect(growth, 'JS heap growth').to.be.below(HEAP_GROWTH_LIMIT);
      expect(nodes, 'DOM node growth').to.be.below(NODE_GROWTH_LIMIT);
    });
  }

  it('the measurements see a leak: 200 unmounted elements kept alive grow the DOM node count', async () => {
    const tag = 'ps-resize-status';
    const provider = new SimulatedProvider({ seed: 9, ...SCENARIO[tag] });
    await cycle(tag, provider, 4);
    await quiesce();
    const heapBefore = await heapUsage();
    const retained: HTMLElement[] = [];
    await cycle(tag, provider, CYCLES, retained);
    await quiesce();
    const heapAfter = await heapUsage();
    expect(retained.length).to.equal(CYCLES);
    expect(heapAfter.Nodes - heapBefore.Nodes, 'DOM nodes held by the retained elements').to.be.above(NODE_GROWTH_LIMIT * 20);
  });
});
