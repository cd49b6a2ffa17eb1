/**
 * Issue 15's cases, one test each, against the elements in Chromium: a broken or hostile provider (user code) never
 * throws out of an element, never leaves it loading forever, and whatever goes wrong is said where the data would be,
 * with the last good render kept.
 */
import { expect } from '@open-wc/testing';
import '../../src/elements/ps-infrastructure/define.js';
import '../../src/elements/ps-metric-card/define.js';
import '../../src/elements/ps-resize-status/define.js';
import '../../src/elements/ps-shard-stack/define.js';
import '../../src/elements/ps-topology/define.js';
import type { PsMetricCard } from '../../src/elements/ps-metric-card/ps-metric-card.js';
import type { BranchRef, ElementRef, MetricQuery, Topology } from '../../src/model/types.js';
import type { DataProvider, RequestOptions } from '../../src/providers/provider.js';
import { SimulatedProvider } from '../../src/providers/simulated/index.js';
import { deepQueryAll, settle } from './elements.js';

const uncaught: string[] = [];
window.addEventListener('error', (event) => uncaught.push(`error: ${event.message}`));
window.addEventListener('unhandledrejection', (event) => uncaught.push(`unhandled rejection: ${String(event.reason?.stack ?? event.reason)}`));

const simulated = new SimulatedProvider({ scenario: 'sharded', shards: 4 });
const noSignal = { signal: new AbortController().signal };
const REF: BranchRef = { database: 'shop', branch: 'main', keyspace: 'shop' };
const good = await simulated.getTopology(REF, noSignal);
const shard = good.shards[0];
const replica = shard.tablets.find((t) => t.role === 'replica')!;
const tabletTarget: ElementRef = { kind: 'tablet', database: 'shop', branch: 'main', keyspace: 'shop', shard: shard.name, tabletId: replica.id };

/** A provider whose `getTopology` does what the test says (the simulated cluster's metrics and events otherwise). */
function providerWith(getTopology: (ref: BranchRef, opts: RequestOptions) => unknown, extra: Partial<Record<keyof DataProvider, unknown>> = {}): DataProvider {
  return {
    getTopology,
    getMetrics: (query: MetricQuery, opts: RequestOptions) => simulated.getMetrics(query, opts),
    ...extra,
  } as DataProvider;
}

const TOPOLOGY_TAGS = ['ps-topology', 'ps-infrastructure', 'ps-shard-stack'] as const;
const mounted: HTMLElement[] = [];

async function mount<T extends HTMLElement>(tag: string, props: Record<string, unknown>): Promise<T> {
  const box = document.createElement('div');
  box.style.cssText = 'width: 1000px; height: 700px';
  const el = document.createElement(tag) as T;
  Object.assign(el, { database: 'shop', branch: 'main', ...props });
  box.append(el);
  document.body.append(box);
  mounted.push(box);
  await settle(el, 1);
  return el;
}

const alerts = (el: HTMLElement) => deepQueryAll(el.shadowRoot!, '[role="alert"]').map((a) => a.textContent!.replace(/\s+/g, ' ').trim()).join(' | ');
const statuses = (el: HTMLElement) => deepQueryAll(el.shadowRoot!, '[role="status"]').map((a) => a.textContent!.replace(/\s+/g, ' ').trim()).join(' | ');
/** How much data is drawn: diagram nodes or shard rows. */
const drawn = (el: HTMLElement) => deepQueryAll(el.shadowRoot!, '.node [role="button"], [role="option"]').length;
const charts = (card: PsMetricCard) => card.shadowRoot!.querySelectorAll('.plot canvas').length;

async function until(check: () => boolean, what: string, tries = 600): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

afterEach(() => {
  for (const box of mounted.splice(0)) box.remove();
});

/** A test that also fails on any uncaught error or unhandled rejection while it ran. */
function it(name: string, test: () => Promise<void>): void {
  globalThis.it(name, async function () {
    this.timeout(30_000);
    uncaught.length = 0;
    await test();
    expect(uncaught, 'uncaught errors').to.deep.equal([]);
  });
}

describe('case 1: provider answers are validated', () => {
  for (const tag of TOPOLOGY_TAGS) {
    it(`<${tag}>: a wrong shape, a string or null from getTopology is an error on screen, and the last good render stays`, async () => {
      let answer: unknown = good;
      let push = () => {};
      // The provider pushes a change, as a live source would; the element loads the new answer.
      const watch = (_ref: BranchRef, onChange: () => void) => (push = onChange);
      const el = await mount(tag, { provider: providerWith(async () => answer, { watch }) });
      const before = drawn(el);
      expect(before).to.be.greaterThan(0);
      for (const [bad, message] of [
        [{ ...good, shards: null }, 'shards: expected an array, got null'],
        ['a topology', '(root): expected an object, got "a topology"'],
        [null, '(root): expected an object, got null'],
        [{ ...good, shards: [good.shards[0], { ...good.shards[1], tablets: [good.shards[0].tablets[0]] }] }, 'duplicate'],
      ] as const) {
        answer = bad;
        push();
        await until(() => alerts(el).includes(message), `the error for ${JSON.stringify(bad)?.slice(0, 40)}`);
        expect(drawn(el)).to.equal(before);
      }
    });
  }

  it('<ps-metric-card>: getMetrics answering null or another metric shows that chart\'s error, not "Loading metrics…" forever', async () => {
    const provider = providerWith((ref, opts) => simulated.getTopology(ref, opts), {
      getMetrics: async (query: MetricQuery, opts: RequestOptions) => (query.metric === 'cpu' ? null
        : query.metric === 'memory' ? { ...(await simulated.getMetrics(query, opts)), metric: 'cpu' } : simulated.getMetrics(query, opts)),
    });
    const card = await mount<PsMetricCard>('ps-metric-card', { provider, target: tabletTarget, expanded: true, refresh: '0' });
    const sectionAlert = (id: string) => card.shadowRoot!.querySelector(`section[data-metric="${id}"] [role="alert"]`)?.textContent ?? '';
    expect(sectionAlert('cpu')).to.contain('(root): expected an object, got null');
    expect(sectionAlert('memory')).to.contain('metric: expected "memory" (the metric asked for), got "cpu"');
    expect(charts(card)).to.be.greaterThan(2);
    expect(statuses(card)).not.to.contain('Loading metrics');
  });
});

/** Loads again the way a person would: the element's Retry button, else its `reload()`. */
async function retryOrReload(el: HTMLElement): Promise<void> {
  const retry = deepQueryAll(el.shadowRoot!, 'button').find((b) => b.textContent!.trim() === 'Retry') as HTMLButtonElement | undefined;
  retry?.click();
}

describe('case 2: a synchronous throw or a non-promise answer', () => {
  for (const tag of TOPOLOGY_TAGS) {
    it(`<${tag}>: a getTopology that throws shows its message; one that returns a plain value is drawn`, async () => {
      const failing = await mount(tag, { provider: providerWith(() => { throw new Error('backend unreachable'); }) });
      await until(() => alerts(failing).includes('backend unreachable'), 'the error');
      const plain = await mount(tag, { provider: providerWith(() => good) });
      await until(() => drawn(plain) > 0, 'the drawing');
      expect(alerts(plain)).to.equal('');
    });
  }

  it('<ps-metric-card>: optional methods that return plain values or throw lose only their own feature', async () => {
    for (const getEvents of [() => [], () => { throw new Error('no events today'); }, () => Promise.reject('nope'), () => 'not a list']) {
      const provider = providerWith((ref, opts) => simulated.getTopology(ref, opts), { getEvents });
      const card = await mount<PsMetricCard>('ps-metric-card', { provider, target: tabletTarget, expanded: true, refresh: '0' });
      expect(alerts(card), String(getEvents)).to.equal('');
      expect(charts(card)).to.be.greaterThan(2);
      // The next card takes this one's place on screen (cards off screen draw their charts only when scrolled to).
      mounted.pop()!.remove();
    }
  });

  it('<ps-topology>: a watch that throws loses push updates only', async () => {
    const el = await mount('ps-topology', { provider: providerWith(async () => good, { watch: () => { throw new Error('no push'); } }) });
    expect(alerts(el)).to.equal('');
    expect(drawn(el)).to.be.greaterThan(0);
  });
});

describe('case 4: nothing waits forever', () => {
  it('<ps-topology>: a watch firing every 50 ms with 100 ms answers still draws (one load at a time plus one after it)', async () => {
    let calls = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const provider = providerWith(async () => {
      calls++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 100));
      inFlight--;
      return good;
    }, {
      watch: (_ref: BranchRef, onChange: () => void, opts: RequestOptions) => {
        const timer = setInterval(onChange, 50);
        opts.signal.addEventListener('abort', () => clearInterval(timer));
      },
    });
    const box = document.createElement('div');
    const el = document.createElement('ps-topology');
    Object.assign(el, { provider, database: 'shop', branch: 'main' });
    box.append(el);
    document.body.append(box);
    mounted.push(box);
    await until(() => drawn(el) > 0, 'the diagram');
    expect(maxInFlight).to.equal(1);
    const before = calls;
    await new Promise((resolve) => setTimeout(resolve, 500));
    // ~10 notifications, coalesced into at most one load per answer.
    expect(calls - before).to.be.lessThan(8);
  });

  it('<ps-metric-card>: a hung getEvents or getTopology does not keep the skeleton up once the metrics arrived', async () => {
    const hang = () => new Promise(() => {});
    const provider = providerWith(hang, { getEvents: hang });
    // No role known: the card asks the topology for it, which never answers.
    const card = await mount<PsMetricCard>('ps-metric-card', { provider, target: tabletTarget, expanded: true, refresh: '0' });
    expect(charts(card)).to.be.greaterThan(2);
    expect(statuses(card)).not.to.contain('Loading metrics');
  });

  for (const tag of TOPOLOGY_TAGS) {
    it(`<${tag}>: an AbortError the element did not ask for is an error, not "Loading…" forever`, async () => {
      const el = await mount(tag, { provider: providerWith(() => Promise.reject(new DOMException('The user aborted a request.', 'AbortError'))) });
      await until(() => alerts(el).includes('The data source cancelled the request for the topology.'), 'the error');
      expect(statuses(el)).not.to.contain('Loading');
    });

    it(`<${tag}>: a request that never answers says "still waiting…", then times out with Retry`, async () => {
      let answer: () => Promise<unknown> = () => new Promise(() => {});
      const provider = providerWith(() => answer());
      const box = document.createElement('div');
      box.style.cssText = 'width: 1000px; height: 700px';
      const el = document.createElement(tag);
      Object.assign(el, { provider, database: 'shop', branch: 'main', timeout: '3s' });
      box.append(el);
      document.body.append(box);
      mounted.push(box);
      await until(() => statuses(el).includes('Still waiting for the data source…'), '"still waiting"');
      await until(() => alerts(el).includes('No answer for the topology within 3 s.'), 'the timeout');
      answer = async () => good;
      await retryOrReload(el);
      await until(() => drawn(el) > 0, 'the diagram after Retry');
      expect(alerts(el)).to.equal('');
    });
  }

  it('<ps-metric-card>: a metric that never answers times out with its own Retry; the others are drawn', async () => {
    const provider = providerWith((ref, opts) => simulated.getTopology(ref, opts), {
      getMetrics: (query: MetricQuery, opts: RequestOptions) => (query.metric === 'cpu' ? new Promise(() => {}) : simulated.getMetrics(query, opts)),
    });
    const box = document.createElement('div');
    box.style.width = '720px';
    const card = document.createElement('ps-metric-card') as PsMetricCard;
    Object.assign(card, { provider, target: tabletTarget, expanded: true, refresh: '0', timeout: '2s' });
    box.append(card);
    document.body.append(box);
    mounted.push(box);
    await until(() => (card.shadowRoot!.querySelector('section[data-metric="cpu"] [role="alert"]')?.textContent ?? '').includes('within 2 s'), 'the CPU timeout');
    await card.settled();
    expect(charts(card)).to.be.greaterThan(2);
  });
});

describe('case 5: Retry per chart', () => {
  it('retrying several failed charts recovers every one of them', async () => {
    const failing = new Set(['cpu', 'memory', 'queries']);
    const provider = providerWith((ref, opts) => simulated.getTopology(ref, opts), {
      getMetrics: async (query: MetricQuery, opts: RequestOptions) => {
        if (failing.has(query.metric)) throw new Error(`${query.metric} is down`);
        // Answers take a while, so the clicks below overlap.
        await new Promise((resolve) => setTimeout(resolve, 50));
        return simulated.getMetrics(query, opts);
      },
    });
    const card = await mount<PsMetricCard>('ps-metric-card', { provider, target: tabletTarget, expanded: true, refresh: '0' });
    expect(card.shadowRoot!.querySelectorAll('.chart-error')).to.have.length(3);
    failing.clear();
    for (const button of card.shadowRoot!.querySelectorAll<HTMLButtonElement>('.chart-error button')) button.click();
    await until(() => card.shadowRoot!.querySelectorAll('.chart-error').length === 0, 'every chart to recover');
    await card.settled();
    expect(alerts(card)).to.equal('');
  });
});

describe('case 7: words', () => {
  for (const [reason, words] of [
    ['the cluster is on fire', 'the cluster is on fire'],
    [undefined, 'The data source failed without saying why.'],
    [{ message: 'quota exceeded' }, 'quota exceeded'],
  ] as const) {
    it(`a rejection with ${JSON.stringify(reason) ?? 'undefined'} reads "${words}"`, async () => {
      const el = await mount('ps-topology', { provider: providerWith(() => Promise.reject(reason)) });
      await until(() => alerts(el).includes(words), 'the error');
      expect(alerts(el)).not.to.match(/undefined|\[object Object\]/);
    });
  }

  it('a network error quotes a shortened URL', async () => {
    const { PrometheusProvider } = await import('../../src/providers/prometheus/index.js');
    const provider = new PrometheusProvider({
      url: 'http://prometheus.monitoring.svc.cluster.local:9090',
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    const vtgates: ElementRef = { kind: 'vtgates', database: 'shop', branch: 'main', keyspace: 'shop' };
    const card = await mount<PsMetricCard>('ps-metric-card', { provider, target: vtgates, expanded: true, refresh: '0' });
    const text = alerts(card);
    expect(text).to.contain('Could not reach Prometheus at http://prometheus.monitoring.svc.cluster.local:9090/api/v1/query_range?…');
    for (const url of text.match(/https?:\/\/\S+/g) ?? []) expect(url.length, url).to.be.lessThan(100);
  });
});
