/**
 * The strict-CSP page's script: renders every element on the simulated provider, uses each a little (selects a
 * diagram node, draws a card's charts, shows resize detail), and posts what happened and every CSP violation to
 * the test that opened it in an iframe.
 */
import { violations } from './listen.js';
import { defineAllElements, deepQueryAll, settle, type DefineFailure } from '../robustness/elements.js';
import { SimulatedProvider } from '../../src/providers/simulated/index.js';

export interface CspElementReport {
  tag: string;
  /** Elements in its shadow tree (nested shadow roots included). */
  shadowElements: number;
  /** Text of any `[role=alert]` it shows. */
  alerts: string[];
  /** Element-specific facts: diagram nodes, canvases, table rows, selection. */
  facts: Record<string, number | string | boolean>;
}

export interface CspReport {
  violations: string[];
  elements: CspElementReport[];
  trustedTypes: boolean;
  /** Element folders whose `define.ts` did not load. */
  undefinedElements: DefineFailure[];
  failure?: string;
}

const NODE = '.node [role="button"]';
const REF = { database: 'shop', branch: 'main', keyspace: 'shop' };

function mount<T extends HTMLElement>(tag: string, props: Record<string, unknown>): T {
  const el = document.createElement(tag) as T;
  Object.assign(el, { theme: 'light' }, props);
  document.body.append(el);
  return el;
}

async function exercise(tag: string): Promise<CspElementReport> {
  const facts: CspElementReport['facts'] = {};
  let el: HTMLElement;
  if (tag === 'ps-topology') {
    el = mount(tag, { provider: new SimulatedProvider({ scenario: 'read-only-regions', seed: 7 }), ...REF });
    await settle(el);
    facts.nodes = el.shadowRoot!.querySelectorAll(NODE).length;
    let selected = '';
    el.addEventListener('ps-select', (event) => (selected = event.detail.node?.id ?? ''), { once: true });
    el.shadowRoot!.querySelector<SVGGElement>(`.node[data-id="vtgates"] [role="button"]`)?.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    await settle(el);
    facts.selectedEvent = selected;
    facts.selectedAttribute = el.getAttribute('selected') ?? '';
    // The README's policy allows what toPNG needs (img-src blob:): a real PNG comes out, with no violation.
    const png = await (el as HTMLElement & { toPNG(): Promise<Blob> }).toPNG();
    const signature = new Uint8Array(await png.slice(0, 8).arrayBuffer());
    facts.png = png.type === 'image/png' && png.size > 1000 && signature.join(',') === '137,80,78,71,13,10,26,10';
  } else if (tag === 'ps-metric-card') {
    el = mount(tag, {
      provider: new SimulatedProvider({ scenario: 'production', seed: 7 }), target: { kind: 'vtgates', ...REF }, expanded: true, range: '1h', refresh: '0',
    });
    await settle(el);
    facts.canvases = el.shadowRoot!.querySelectorAll('canvas').length;
    facts.charts = el.shadowRoot!.querySelectorAll('.plot').length;
  } else if (tag === 'ps-resize-status') {
    el = mount(tag, { provider: new SimulatedProvider({ scenario: 'resizing', shards: 8, seed: 7 }), ...REF, variant: 'detail', refresh: '0' });
    await settle(el);
    facts.rows = el.shadowRoot!.querySelectorAll('tbody tr').length;
    facts.progressBars = deepQueryAll(el.shadowRoot!, '[part~="progress"], progress, [role="progressbar"]').length;
  } else if (tag === 'ps-keyspace-heatmap') {
    el = mount(tag, { provider: new SimulatedProvider({ scenario: 'sharded', shards: 16, seed: 7 }), ...REF, range: '1h', table: true });
    await settle(el);
    facts.canvases = el.shadowRoot!.querySelectorAll('canvas').length;
    facts.pictureBytes = (el as HTMLElement & { pictureBytes: number }).pictureBytes;
    facts.tableRows = el.shadowRoot!.querySelectorAll('tbody tr').length;
    // Out of the way (through the CSSOM), so the elements after it are in view: the card draws charts only in view.
    el.style.display = 'none';
  } else {
    // Elements written after this page: a provider and a branch, as every element accepts.
    el = mount(tag, { provider: new SimulatedProvider({ scenario: 'read-only-regions', seed: 7 }), ...REF });
    await settle(el, 6);
    facts.diagramNodes = deepQueryAll(el.shadowRoot!, NODE).length;
    facts.canvases = deepQueryAll(el.shadowRoot!, 'canvas').length;
  }
  return {
    tag,
    shadowElements: deepQueryAll(el.shadowRoot ?? el, '*').length,
    alerts: deepQueryAll(el.shadowRoot ?? el, '[role="alert"]').map((a) => a.textContent!.trim()),
    facts,
  };
}

async function run(): Promise<CspReport> {
  const report: CspReport = { violations, elements: [], trustedTypes: false, undefinedElements: [] };
  try {
    // Trusted Types are enforced: assigning a plain string to innerHTML must throw here.
    const reported = new Promise((resolve) => document.addEventListener('securitypolicyviolation', resolve, { once: true }));
    try {
      document.createElement('div').innerHTML = '<b>x</b>';
    } catch {
      report.trustedTypes = true;
    }
    // That probe's own violation is expected; it is reported in a later task.
    await Promise.race([reported, new Promise((resolve) => setTimeout(resolve, 1000))]);
    violations.length = 0;
    const { tags, failures } = await defineAllElements();
    report.undefinedElements = failures;
    for (const tag of tags) report.elements.push(await exercise(tag));
    // Live work (refresh ticks, resize clock) runs a little longer under the policy.
    await new Promise((resolve) => setTimeout(resolve, 300));
  } catch (error) {
    report.failure = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error);
  }
  return report;
}

void run().then((report) => parent.postMessage({ type: 'csp-report', report }, location.origin));
