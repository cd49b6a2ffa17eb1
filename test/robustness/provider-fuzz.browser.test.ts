/**
 * Fuzzing every element's provider with random behaviour (issue 15): each method may answer well, answer late, answer
 * with a plain value or a thenable, answer with a wrong shape, throw synchronously, reject with anything, or never
 * answer; `watch` may push every few milliseconds or throw. Whatever it does: no uncaught error; within the element's
 * timeout (plus slack) the element shows data or an error; an error keeps the last good render.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { BranchRef, MetricQuery } from '../../src/model/types.js';
import type { DataProvider, RequestOptions } from '../../src/providers/provider.js';
import { SimulatedProvider } from '../../src/providers/simulated/index.js';
import { baseTopologies, frameCases, resizeCases, topologyCases, type Case } from './data.js';
import { deepQueryAll, defineAllElements, ELEMENT_TAGS } from './elements.js';

const RUNS = 12;
/** The elements' timeout in the suite: short, so hung requests end quickly (the attribute takes decimals). */
const TIMEOUT = '0.6s';
/** How long past the timeout an element may take to show data or an error (rendering, layout in the worker). */
const SLACK_MS = 8_000;

const uncaught: string[] = [];
window.addEventListener('error', (event) => uncaught.push(`error: ${event.message}`));
window.addEventListener('unhandledrejection', (event) => uncaught.push(`unhandled rejection: ${String(event.reason?.stack ?? event.reason)}`));

/** What one provider method does when called. */
type Behaviour =
  | { kind: 'good' | 'plain good' | 'thenable good' | 'late good' | 'hang' }
  | { kind: 'wrong shape'; answer: unknown }
  | { kind: 'throw' | 'reject'; reason: unknown };

const behaviour = (wrongShapes: fc.Arbitrary<Case>): fc.Arbitrary<Behaviour> => fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<Behaviour>({ kind: 'good' }, { kind: 'plain good' }, { kind: 'thenable good' }, { kind: 'late good' }) },
  { weight: 1, arbitrary: fc.constant<Behaviour>({ kind: 'hang' }) },
  { weight: 2, arbitrary: wrongShapes.map((c): Behaviour => ({ kind: 'wrong shape', answer: c.input })) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('throw' as const, 'reject' as const), fc.oneof(fc.anything({ maxDepth: 2 }), fc.constant(new DOMException('gone', 'AbortError')), fc.string().map((m) => new Error(m))))
    .map(([kind, reason]): Behaviour => ({ kind, reason })) },
);

/** Does what `b` says, given how to make a good answer (and the good answer itself, when one is known ahead). */
function act(b: Behaviour, good: () => Promise<unknown>, signal: AbortSignal, plain?: unknown): unknown {
  switch (b.kind) {
    case 'good':
      return good();
    case 'plain good':
      return plain ?? good();
    case 'thenable good': {
      const answer = good();
      return { then: (resolve: (v: unknown) => void, reject: (e: unknown) => void) => void answer.then(resolve, reject) };
    }
    case 'late good':
      return new Promise((resolve) => setTimeout(resolve, 50)).then(good);
    case 'hang':
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    case 'wrong shape':
      return Promise.resolve(b.answer);
    case 'throw':
      throw b.reason;
    case 'reject':
      return Promise.reject(b.reason);
  }
}

interface ProviderPlan {
  topology: Behaviour;
  metrics: Behaviour;
  events?: Behaviour;
  resize?: Behaviour;
  heatmap: Behaviour;
  watch: 'none' | 'fast' | 'throws';
}

const simulated = new SimulatedProvider({ scenario: 'resizing', shards: 4, seed: 3 });
const REF = { database: 'shop', branch: 'main', keyspace: 'shop' };
const goodTopology = await simulated.getTopology(REF, { signal: new AbortController().signal });
const goodResize = await simulated.getResizeStatus(REF, { signal: new AbortController().signal });

/** A provider acting out `plan` on top of the simulated cluster. */
function fuzzProvider(plan: ProviderPlan): DataProvider {
  const provider: Record<string, unknown> = {
    getTopology: (ref: BranchRef, opts: RequestOptions) => act(plan.topology, () => simulated.getTopology(ref, opts), opts.signal, structuredClone(goodTopology)),
    getMetrics: (query: MetricQuery, opts: RequestOptions) => act(plan.metrics, () => simulated.getMetrics(query, opts), opts.signal),
  };
  provider.getKeyspaceHeatmap = (query: never, opts: RequestOptions) => act(plan.heatmap, () => simulated.getKeyspaceHeatmap(query, opts), opts.signal);
  if (plan.events) provider.getEvents = (ref: BranchRef, range: unknown, opts: RequestOptions) => act(plan.events!, () => simulated.getEvents(ref as never, range as never, opts), opts.signal);
  if (plan.resize) provider.getResizeStatus = (ref: BranchRef, opts: RequestOptions) => act(plan.resize!, () => simulated.getResizeStatus(ref as never, opts), opts.signal, structuredClone(goodResize));
  if (plan.watch === 'fast') {
    provider.watch = (_ref: BranchRef, onChange: () => void, opts: RequestOptions) => {
      const timer = setInterval(onChange, 15);
      opts.signal.addEventListener('abort', () => clearInterval(timer));
    };
  } else if (plan.watch === 'throws') {
    provider.watch = () => { throw new Error('watch broke'); };
  }
  return provider as unknown as DataProvider;
}

const good = new SimulatedProvider({ scenario: 'resizing', shards: 4, seed: 3 });
const text = (el: Element) => el.textContent!.replace(/\s+/g, ' ').trim();
const alerts = (el: HTMLElement) => deepQueryAll(el.shadowRoot!, '[role="alert"]').map(text).filter(Boolean);

/**
 * What shows an element's data: diagram nodes, shard rows, metric values, resize rows. A new element adds its own
 * here (the suite fails for an element that draws nothing it knows of).
 */
const DRAWN: Record<string, string> = {
  'ps-topology': '.node [role="button"]',
  'ps-infrastructure': '.node [role="button"]',
  'ps-shard-stack': '[role="option"]',
  'ps-metric-card': '.summary-item',
  'ps-resize-status': 'tbody tr, [part="summary"]',
  'ps-keyspace-heatmap': '[part="summary"]:not(.pending)',
};

function drawn(el: HTMLElement): number {
  return deepQueryAll(el.shadowRoot!, DRAWN[el.localName] ?? '[role="option"], [role="gridcell"], [role="row"]').length;
}

/** An empty state that answers the question ("This keyspace has no shards.", "No resize in progress"): data too. */
const emptyState = (el: HTMLElement) => deepQueryAll(el.shadowRoot!, '.empty:not([aria-busy="true"])').some((e) => !/loading|waiting/i.test(text(e)));

/** Waits until the element shows data or an error and has stopped loading; fails after the timeout and the slack. */
async function outcome(el: HTMLElement, what: string): Promise<void> {
  const deadline = performance.now() + 600 + SLACK_MS;
  let steady = 0;
  while (performance.now() < deadline) {
    const busy = deepQueryAll(el.shadowRoot!, '[aria-busy="true"]').length > 0;
    steady = (alerts(el).length > 0 || drawn(el) > 0 || emptyState(el)) && !busy ? steady + 1 : 0;
    if (steady >= 3) return;
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  throw new Error(`${what}: neither data nor an error on screen within the timeout (${text(el.shadowRoot as unknown as Element).slice(0, 200)})`);
}

let topologyWrong: fc.Arbitrary<Case>;
const frameWrong = () => frameCases().map((c) => ({ ...c, input: Array.isArray(c.input) ? c.input[0] : c.input }));

function planFor(tag: string): fc.Arbitrary<ProviderPlan> {
  const optional = (cases: fc.Arbitrary<Case>) => fc.option(behaviour(cases), { nil: undefined });
  return fc.record({
    topology: behaviour(topologyWrong),
    metrics: tag === 'ps-metric-card' ? behaviour(frameWrong()) : fc.constant<Behaviour>({ kind: 'good' }),
    events: optional(fc.anything({ maxDepth: 2 }).map((input) => ({ name: 'anything', input }))),
    resize: optional(resizeCases()),
    heatmap: tag === 'ps-keyspace-heatmap' ? behaviour(fc.anything({ maxDepth: 2 }).map((input) => ({ name: 'anything', input }))) : fc.constant<Behaviour>({ kind: 'good' }),
    watch: fc.constantFrom('none' as const, 'fast' as const, 'throws' as const),
  });
}

function describePlan(plan: ProviderPlan): string {
  const b = (x?: Behaviour) => (x ? x.kind : 'absent');
  return `topology ${b(plan.topology)}, metrics ${b(plan.metrics)}, events ${b(plan.events)}, resize ${b(plan.resize)}, heatmap ${b(plan.heatmap)}, watch ${plan.watch}`;
}

describe('fuzzing providers', function () {
  this.timeout(300_000);
  let defined: string[] = [];

  before(async () => {
    const bases = await baseTopologies();
    topologyWrong = topologyCases(bases.slice(0, 4));
    defined = (await defineAllElements()).tags;
  });

  afterEach(() => {
    for (const el of document.querySelectorAll('body > .provider-fuzz-host')) el.remove();
  });

  for (const tag of ELEMENT_TAGS) {
    it(`<${tag}>: whatever the provider does, no uncaught error, data or an error within the timeout, last good render kept`, async () => {
      expect(defined, `<${tag}> is defined`).to.include(tag);
      const host = document.createElement('div');
      host.className = 'provider-fuzz-host';
      host.style.cssText = 'width: 1000px; height: 700px';
      document.body.append(host);
      let checked = 0;
      await fc.assert(fc.asyncProperty(planFor(tag), async (plan) => {
        uncaught.length = 0;
        const el = document.createElement(tag);
        Object.assign(el, { database: 'shop', branch: 'main', keyspace: 'shop', timeout: TIMEOUT, refresh: '0', theme: 'light' });
        if (tag === 'ps-metric-card') Object.assign(el, { shard: goodTopology.shards[0].name, tablet: goodTopology.shards[0].tablets[0].id });
        if (tag === 'ps-resize-status') Object.assign(el, { variant: 'detail' });
        Object.assign(el, { provider: good });
        host.replaceChildren(el);
        await outcome(el, `${tag} with a good provider`);
        expect(alerts(el), 'a good provider shows no error').to.deep.equal([]);
        const before = drawn(el);
        expect(before, 'a good provider draws').to.be.greaterThan(0);

        Object.assign(el, { provider: fuzzProvider(plan) });
        await outcome(el, describePlan(plan));
        if (alerts(el).length > 0) expect(drawn(el), `${describePlan(plan)}: the last good render stays`).to.be.at.least(before);
        // Pushes keep coming while the plan's watch is fast: stop them before checking for stray errors.
        el.remove();
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(uncaught, describePlan(plan)).to.deep.equal([]);
        checked++;
      }), { numRuns: RUNS, endOnFailure: true, reporter: (details) => {
        if (!details.failed) return;
        const error = details.errorInstance as Error | undefined;
        const plan = details.counterexample?.[0];
        throw new Error(`Failed after ${details.numRuns} runs (seed ${details.seed}) on «${plan ? describePlan(plan) : '?'}»: ${error?.message}`);
      } });
      expect(checked).to.equal(RUNS);
    });
  }
});
