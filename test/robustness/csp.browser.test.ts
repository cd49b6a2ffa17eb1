/** Every element renders and works on a page with a strict Content-Security-Policy and Trusted Types, with no violation. */
import { expect } from '@open-wc/testing';
import type { CspReport } from '../csp/page.js';
import { ELEMENT_TAGS } from './elements.js';

function openCspPage(): Promise<{ report: CspReport; frame: HTMLIFrameElement }> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 1200px; height: 900px; border: 0';
  const answer = new Promise<CspReport>((resolve) => {
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.contentWindow || event.data?.type !== 'csp-report') return;
      window.removeEventListener('message', onMessage);
      resolve(event.data.report as CspReport);
    };
    window.addEventListener('message', onMessage);
  });
  frame.src = '/csp/page.html';
  document.body.append(frame);
  return answer.then((report) => ({ report, frame }));
}

describe('strict Content-Security-Policy', function () {
  this.timeout(60_000);
  let result: { report: CspReport; frame: HTMLIFrameElement };

  before(async () => {
    result = await openCspPage();
  });

  after(() => result?.frame.remove());

  it('is really enforced on the page (header policy, Trusted Types required)', async () => {
    const response = await fetch('/csp/page.html');
    expect(response.headers.get('content-security-policy')).to.contain("require-trusted-types-for 'script'").and.contain("style-src 'self'");
    expect(result.report.trustedTypes, 'a string assigned to innerHTML throws').to.equal(true);
    // The layout worker's script, asked for by that page, runs under the same policy (a worker's CSP is its response's).
    const worker = await fetch('/src/layout/layout.worker.ts?worker_file&type=module', { referrer: new URL('/csp/page.html', location.href).href });
    expect(worker.ok).to.equal(true);
    expect(worker.headers.get('content-security-policy')).to.contain("worker-src 'self'");
  });

  it('fires no securitypolicyviolation while every element renders and works', () => {
    const { report } = result;
    expect(report.failure).to.equal(undefined);
    expect(report.undefinedElements, 'every element folder defines its element').to.deep.equal([]);
    expect(report.elements.map((e) => e.tag)).to.deep.equal([...ELEMENT_TAGS]);
    expect(report.violations).to.deep.equal([]);
    for (const element of report.elements) {
      expect(element.alerts, `${element.tag} shows no error`).to.deep.equal([]);
      expect(element.shadowElements, `${element.tag} rendered`).to.be.greaterThan(5);
    }
  });

  it('lays the diagram out in the worker and selects a node', () => {
    const topology = result.report.elements.find((e) => e.tag === 'ps-topology')!;
    // read-only-regions: VTGates, a primary, two replicas in the primary region, and replicas in two read-only regions.
    expect(topology.facts.nodes).to.be.greaterThan(4);
    expect(topology.facts.selectedEvent).to.equal('vtgates');
    expect(topology.facts.selectedAttribute).to.equal('vtgates');
  });

  it('exports the diagram as a PNG under the README\'s policy (issue 15, case 7)', () => {
    const topology = result.report.elements.find((e) => e.tag === 'ps-topology')!;
    expect(topology.facts.png).to.equal(true);
  });

  it('draws the metric card charts on canvases', () => {
    const card = result.report.elements.find((e) => e.tag === 'ps-metric-card')!;
    expect(card.facts.charts).to.equal(5); // VTGates: connections, latency, queries, CPU, memory
    expect(card.facts.canvases).to.be.at.least(card.facts.charts as number);
  });

  it('paints the keyspace heatmap (ImageData on a canvas) and its table', () => {
    const heatmap = result.report.elements.find((e) => e.tag === 'ps-keyspace-heatmap')!;
    expect(heatmap.facts.canvases).to.equal(2); // the picture and the legend
    expect(heatmap.facts.pictureBytes).to.be.greaterThan(0);
    expect(heatmap.facts.tableRows).to.equal(12 * 3);
  });

    it('renders the resize detail', () => {
    const resize = result.report.elements.find((e) => e.tag === 'ps-resize-status')!;
    expect(resize.facts.rows).to.equal(8);
  });
});
