/**
 * Fuzzing every element's plain-data property with generated valid, edge-case and malformed input: no uncaught error
 * ever; input the model rejects shows the rejection in a `role="alert"` and the last good render stays; input it
 * accepts shows no error.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { parseShards, tryParseMetricFrame, tryParseResizeStatus, tryParseTopology } from '../../src/model/parse.js';
import type { Topology } from '../../src/model/types.js';
import { deepQueryAll, defineAllElements, ELEMENT_TAGS, settle } from './elements.js';
import {
  baseTopologies, frameCases, frameExamples, resizeCases, resizeExamples, topologyCases, topologyExamples, validResize, vtgateFrames, type Case,
} from './data.js';
import { heatmapCases, heatmapExamples, validHeatmap } from './heatmap-data.js';
import { parseKeyspaceHeatmap } from '../../src/model/heatmap.js';

const RUNS = 40;
const uncaught: string[] = [];
window.addEventListener('error', (event) => uncaught.push(`error: ${event.message}`));
window.addEventListener('unhandledrejection', (event) => uncaught.push(`unhandled rejection: ${String(event.reason?.stack ?? event.reason)}`));

type Verdict = { ok: true } | { ok: false; message: string };

interface FuzzTarget {
  tag: string;
  /** The plain-data property fed. */
  property: string;
  configure?: (el: HTMLElement) => void;
  good: () => unknown;
  cases: () => fc.Arbitrary<Case>;
  /** Edge cases checked on every run, before the generated ones. */
  examples: () => Case[];
  /** The model's own verdict on an input (the elements must agree with it). */
  verdict: (input: unknown) => Verdict;
  /** How much of the last good render is on screen (diagram nodes, charts, rows). */
  drawn: (el: HTMLElement) => number;
}

const verdictOf = (result: { ok: true } | { ok: false; error: Error }): Verdict => (result.ok ? { ok: true } : { ok: false, message: result.error.message });
const topologyVerdict = (input: unknown) => verdictOf(tryParseTopology(input));
/** The verdict of a parser that throws on bad input. */
const throwingVerdict = (parse: (input: unknown) => unknown) => (input: unknown): Verdict => {
  try {
    parse(input);
    return { ok: true };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
};
const diagramNodes = (el: HTMLElement) => deepQueryAll(el.shadowRoot!, '.node [role="button"]').length;
const alerts = (el: HTMLElement) => deepQueryAll(el.shadowRoot!, '[role="alert"]').map((a) => a.textContent!.replace(/\s+/g, ' ').trim());

let bases: Topology[] = [];
const shardsOf = (c: Case): Case => ({ name: `shards of ${c.name}`, input: (c.input as Topology | null)?.shards ?? c.input });
const goodTopology = () => bases[2]; // read-only regions: the richest single-shard diagram

const TARGETS: FuzzTarget[] = [
  {
    tag: 'ps-topology', property: 'topology', good: goodTopology, cases: () => topologyCases(bases), examples: () => topologyExamples(bases), verdict: topologyVerdict, drawn: diagramNodes,
  },
  {
    tag: 'ps-infrastructure', property: 'topology', good: goodTopology, cases: () => topologyCases(bases), examples: () => topologyExamples(bases), verdict: topologyVerdict, drawn: diagramNodes,
  },
  {
    tag: 'ps-shard-stack', property: 'topology', good: () => bases[3], cases: () => topologyCases(bases), examples: () => topologyExamples(bases), verdict: topologyVerdict,
    drawn: (el) => el.shadowRoot!.querySelectorAll('[role="option"]').length,
  },
  {
    tag: 'ps-shard-stack', property: 'shards', good: () => bases[3].shards,
    cases: () => topologyCases(bases).map(shardsOf),
    examples: () => topologyExamples(bases).map(shardsOf),
    verdict: throwingVerdict(parseShards),
    drawn: (el) => el.shadowRoot!.querySelectorAll('[role="option"]').length,
  },
  {
    tag: 'ps-metric-card', property: 'frames',
    configure: (el) => Object.assign(el, { target: { kind: 'vtgates', database: 'shop', branch: 'main', keyspace: 'shop' }, expanded: true, refresh: '0' }),
    good: (() => { const frames = vtgateFrames(); return () => frames; })(),
    cases: frameCases,
    examples: frameExamples,
    verdict: (input) => {
      if (!Array.isArray(input)) return { ok: false, message: 'frames: expected an array' };
      for (const [i, frame] of input.entries()) {
        const result = tryParseMetricFrame(frame, `frames[${i}]`);
        if (!result.ok) return { ok: false, message: result.error.message };
      }
      return { ok: true };
    },
    drawn: (el) => el.shadowRoot!.querySelectorAll('.plot canvas').length,
  },
  {
    tag: 'ps-resize-status', property: 'status', configure: (el) => Object.assign(el, { variant: 'detail', refresh: '0' }),
    good: (() => { const status = validResize(12); return () => status; })(),
    cases: resizeCases,
    examples: resizeExamples,
    verdict: (input) => (input === null ? { ok: true } : verdictOf(tryParseResizeStatus(input))),
    drawn: (el) => el.shadowRoot!.querySelectorAll('tbody tr').length,
  },
  {
    tag: 'ps-keyspace-heatmap', property: 'heatmap',
    good: (() => { const heatmap = validHeatmap(16, 120); return () => heatmap; })(),
    cases: heatmapCases,
    examples: heatmapExamples,
    verdict: throwingVerdict(parseKeyspaceHeatmap),
    drawn: (el) => (el as unknown as { data?: { shards: unknown[] } }).data?.shards.length ?? 0,
  },
];

/** A failing case by its name and error (the generated input itself can be megabytes). */
function reportBriefly(details: fc.RunDetails<[Case]>): void {
  if (!details.failed) return;
  const error = details.errorInstance as Error | undefined;
  const name = details.counterexample?.[0].name ?? '(no counterexample)';
  throw new Error(`Failed after ${details.numRuns} cases (seed ${details.seed}) on «${name}»: ${error?.message}\n${error?.stack?.split('\n').slice(1, 6).join('\n') ?? ''}`);
}

describe('fuzzing plain data', function () {
  this.timeout(120_000);
  let defined: string[] = [];

  before(async () => {
    bases = await baseTopologies();
    defined = (await defineAllElements()).tags;
  });

  afterEach(() => {
    for (const el of document.querySelectorAll('body > .fuzz-host')) el.remove();
  });

  it('covers every element there is', () => {
    const covered = new Set(TARGETS.map((t) => t.tag));
    expect(ELEMENT_TAGS.filter((tag) => !covered.has(tag)), 'elements without a fuzz target').to.deep.equal([]);
  });

  for (const target of TARGETS) {
    it(`<${target.tag}>.${target.property}: never throws, shows invalid data as an error, keeps the last good render`, async function () {
      if (!ELEMENT_TAGS.includes(target.tag)) this.skip();
      expect(defined, `<${target.tag}> is defined`).to.include(target.tag);
      const host = document.createElement('div');
      host.className = 'fuzz-host';
      host.style.cssText = 'width: 1000px';
      const el = document.createElement(target.tag);
      Object.assign(el, { theme: 'light' });
      target.configure?.(el);
      host.append(el);
      document.body.append(host);
      const errorsFired: string[] = [];
      el.addEventListener('ps-error', (event) => errorsFired.push(event.detail.error.message));

      let checked = 0;
      await fc.assert(fc.asyncProperty(target.cases(), async ({ name, input }) => {
        // null/undefined mean "no plain data" (the provider is used): not a fuzz input.
        if (input === undefined || (input === null && target.property !== 'status')) return;
        uncaught.length = 0;
        (el as unknown as Record<string, unknown>)[target.property] = target.good();
        await settle(el, 1);
        expect(alerts(el), `${name}: good data shows no error`).to.deep.equal([]);
        const before = target.drawn(el);
        expect(before, `${name}: good data is drawn`).to.be.greaterThan(0);

        (el as unknown as Record<string, unknown>)[target.property] = input;
        // An element that never settles is a failure to name (with fast-check's seed), not a silent suite timeout.
        await Promise.race([
          settle(el, 1),
          new Promise((_, reject) => setTimeout(() => reject(new Error(`${name}: did not settle within 10 s`)), 10_000)),
        ]);
        const verdict = target.verdict(input);
        const shown = alerts(el);
        if (verdict.ok) {
          expect(shown, `${name}: accepted input shows no error`).to.deep.equal([]);
        } else {
          // Shown text is read with its whitespace collapsed, so compare the message the same way.
          expect(shown.join(' | '), `${name}: the rejection is shown`).to.contain(verdict.message.replace(/\s+/g, ' '));
          expect(target.drawn(el), `${name}: the last good render stays`).to.equal(before);
        }
        expect(uncaught, name).to.deep.equal([]);
        checked++;
      }), { numRuns: RUNS, endOnFailure: true, reporter: reportBriefly, examples: target.examples().map((c) => [c] as [Case]) });
      expect(checked, 'cases really checked').to.be.greaterThan(RUNS / 2);
    });
  }
});
