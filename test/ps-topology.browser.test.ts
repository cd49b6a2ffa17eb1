import { expect, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import axe from 'axe-core';
import '../src/elements/ps-topology/define.js';
import type { PsTopology } from '../src/elements/ps-topology/ps-topology.js';
import { getLayoutClient } from '../src/layout/layout-client.js';
import { DataError } from '../src/model/errors.js';
import type { BranchRef, MetricFrame, MetricQuery, SelectableNode, Topology } from '../src/model/types.js';
import type { DataProvider, RequestOptions } from '../src/providers/provider.js';
import { SimulatedProvider, type SimulatedScenario } from '../src/providers/simulated/index.js';
import { REAL_TABLETS, realTopology } from '../scripts/real-topology.mjs';

const NOW = Date.UTC(2026, 10, 20, 12);
const signal = new AbortController().signal;
const scenarioTopology = (scenario: SimulatedScenario, shards?: number) =>
  new SimulatedProvider({ scenario, shards, now: () => NOW }).getTopology({ database: 'shop', branch: 'main' }, { signal });

/** Wraps the simulated cluster with a switch that makes topology requests fail. */
class FlakyProvider implements DataProvider {
  failing = false;
  calls = 0;
  constructor(readonly inner: SimulatedProvider) {}
  async getTopology(ref: BranchRef, opts: RequestOptions): Promise<Topology> {
    this.calls++;
    if (this.failing) throw new DataError('network', 'The topology service is unreachable.');
    return this.inner.getTopology(ref, opts);
  }
  getMetrics(query: MetricQuery, opts: RequestOptions): Promise<MetricFrame> {
    return this.inner.getMetrics(query, opts);
  }
}

const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const element of mounted.splice(0)) element.remove();
});

async function mount(props: Partial<PsTopology>, width = 1100): Promise<PsTopology> {
  const box = document.createElement('div');
  box.style.width = `${width}px`;
  const element = document.createElement('ps-topology');
  Object.assign(element, props);
  box.append(element);
  document.body.append(box);
  mounted.push(box);
  await element.layoutComplete();
  await waitUntil(() => nodes(element).length > 0 || element.shadowRoot!.querySelector('[role="alert"]'), 'the diagram never drew', { timeout: 10_000 });
  return element;
}

const nodes = (element: PsTopology) => [...element.shadowRoot!.querySelectorAll<SVGGElement>('.node > [role="button"]')];
const nodeNames = (element: PsTopology) => nodes(element).map((n) => n.getAttribute('aria-label'));
const nodeGroup = (element: PsTopology, id: string) => element.shadowRoot!.querySelector<SVGGElement>(`.node[data-id="${CSS.escape(id)}"]`)!;
const node = (element: PsTopology, id: string) => nodeGroup(element, id).querySelector<SVGGElement>('[role="button"]')!;
const idOf = (button: Element | null | undefined) => (button?.parentNode as SVGGElement | null)?.dataset.id;
const lagTexts = (element: PsTopology) => [...element.shadowRoot!.querySelectorAll('.lag text')].map((t) => t.textContent!.trim());
const textOf = (element: PsTopology) => [...element.shadowRoot!.querySelectorAll('text, .header, .banner')].map((t) => t.textContent!.replace(/\s+/g, ' ').trim()).join(' | ');

async function expectAxeClean(element: PsTopology): Promise<void> {
  const result = await axe.run(element);
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).to.deep.equal([]);
}

describe('<ps-topology>', () => {
  it('development: one VTGate and one primary, labelled for people and screen readers', async () => {
    const element = await mount({ provider: new SimulatedProvider({ scenario: 'development', now: () => NOW }), database: 'shop', branch: 'dev' });
    expect(element.shadowRoot!.querySelector('svg.diagram')!.getAttribute('aria-label')).to.equal('Infrastructure of keyspace shop on branch dev');
    expect(nodeNames(element)).to.deep.equal(['1 VTGate in 1 availability zone', 'Primary MySQL node, us-east-2']);
    const header = element.shadowRoot!.querySelector('.header')!.textContent!.replace(/\s+/g, ' ');
    expect(header).to.contain('shop').and.to.contain('dev').and.to.contain('Development');
    expect(textOf(element)).to.contain('1 VTGate').and.to.contain('1 AZ · us-east-2').and.to.contain('Primary');
    expect(element.shadowRoot!.querySelectorAll('.edge')).to.have.length(1);
    expect(lagTexts(element)).to.deep.equal([]);
  });

  it('MySQL only (no VTGates known): no VTGates card, dot or edge; the primary leads, in both themes', async () => {
    // scripts/real-topology.mjs: the real-data harness' MariaDB primary and replica, `vtgates.count` 0.
    for (const theme of ['light', 'dark'] as const) {
      const element = await mount({ topology: realTopology(), theme });
      expect(nodeNames(element)).to.deep.equal(['Primary MySQL node, local', 'Replica MySQL node, local, replication lag unknown']);
      expect(textOf(element)).to.not.match(/VTGate/);
      expect(element.shadowRoot!.querySelectorAll('.node.vtgates').length).to.equal(0);
      // One health dot per MySQL node, and the one edge is replication.
      expect(element.shadowRoot!.querySelectorAll('.node .dot').length).to.equal(2);
      expect(element.shadowRoot!.querySelectorAll('.edge').length).to.equal(1);
      // The tab stop is the primary; a stale `vtgates` selection marks nothing.
      expect(idOf(element.shadowRoot!.querySelector('.node > [tabindex="0"]'))).to.equal(`tablet:${REAL_TABLETS.primary}`);
      element.selected = 'vtgates';
      await element.updateComplete;
      expect(element.shadowRoot!.querySelectorAll('[aria-pressed="true"]').length).to.equal(0);
      await expectAxeClean(element);
    }
  });

  it('no VTGates and no MySQL nodes: says so instead of an empty canvas', async () => {
    const element = document.createElement('ps-topology');
    element.topology = { ...realTopology(), shards: [] };
    document.body.append(element);
    mounted.push(element);
    await element.layoutComplete();
    await waitUntil(() => element.shadowRoot!.querySelector('.empty'), 'no message', { timeout: 10_000 });
    expect(element.shadowRoot!.querySelector('.empty')!.textContent).to.equal('No VTGates or MySQL nodes reported for keyspace shop.');
    expect(element.shadowRoot!.querySelectorAll('[part="controls"], .node').length).to.equal(0);
    await expectAxeClean(element);
  });

  it('production: 3 VTGates, a primary and two replicas with their lag beside the connection points', async () => {
    const topology = await scenarioTopology('production');
    const element = await mount({ topology });
    const replicas = topology.shards[0].tablets.filter((t) => t.role === 'replica');
    expect(nodeNames(element)).to.deep.equal([
      '3 VTGates in 3 availability zones',
      'Primary MySQL node, us-east-2',
      ...replicas.map((r) => `Replica MySQL node, us-east-2, replication lag ${r.lagSeconds!.toFixed(1)} seconds`),
    ]);
    expect(lagTexts(element)).to.deep.equal(replicas.map((r) => `${r.lagSeconds!.toFixed(1)}s`));
    expect(element.shadowRoot!.querySelector('.badge')!.textContent).to.equal('Production');
    expect(nodeGroup(element, `tablet:${topology.shards[0].tablets[0].id}`).classList.contains('primary')).to.equal(true);
    // Each lag label sits next to its replica's end of the connector, just above the card.
    for (const replica of replicas) {
      const card = node(element, `tablet:${replica.id}`).getBoundingClientRect();
      const label = [...element.shadowRoot!.querySelectorAll('.lag')].find((l) => l.textContent!.trim() === `${replica.lagSeconds!.toFixed(1)}s`)!.getBoundingClientRect();
      expect(label.bottom).to.be.at.most(card.top + 1);
      expect(card.top - label.bottom).to.be.below(20);
      expect(label.left).to.be.within(card.left, card.right);
    }
  });

  it('read-only regions: replicas grouped under their region with a globe, and named as read-only', async () => {
    const element = await mount({ provider: new SimulatedProvider({ scenario: 'read-only-regions', now: () => NOW }), database: 'shop', branch: 'main' });
    const groups = [...element.shadowRoot!.querySelectorAll('g[role="group"]')].map((g) => g.getAttribute('aria-label'));
    expect(groups).to.deep.equal(['Read-only region us-west-2 (AWS us-west-2 (Oregon))', 'Read-only region eu-central-1 (AWS eu-central-1 (Frankfurt))']);
    const names = nodeNames(element);
    expect(names).to.have.length(6);
    expect(names[4]).to.match(/^Replica MySQL node, us-west-2, read-only region, replication lag \d\.\d seconds$/);
    expect(names[5]).to.match(/^Replica MySQL node, eu-central-1, read-only region, replication lag \d\.\d seconds$/);
    // A globe on each region and on each read-only replica.
    expect(element.shadowRoot!.querySelectorAll('.region-group svg.globe')).to.have.length(2);
    expect(element.shadowRoot!.querySelectorAll('.node svg.globe')).to.have.length(2);
    expect(textOf(element)).to.contain('us-west-2 read-only').and.to.contain('eu-central-1 read-only');
    expect(lagTexts(element)).to.have.length(4);
  });

  it('sharded: one green stack for 1024 shards; selecting it fires ps-select with the keyspace', async () => {
    const element = await mount({ topology: await scenarioTopology('sharded', 1024) });
    expect(nodeNames(element)).to.deep.equal(['3 VTGates in 3 availability zones', 'Shard stack, 1,024 shards']);
    expect(textOf(element)).to.contain('1,024 shards').and.to.contain('1 primary + 2 replicas each');
    expect(element.shadowRoot!.querySelectorAll('.shard-stack .card-behind')).to.have.length(2);
    const selections: (SelectableNode | null)[] = [];
    element.addEventListener('ps-select', (event) => selections.push(event.detail.node));
    node(element, 'shard-stack').dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    await element.updateComplete;
    expect(selections).to.deep.equal([{ kind: 'shard-stack', id: 'shard-stack', keyspace: { database: 'shop', branch: 'main', keyspace: 'shop' }, shardCount: 1024 }]);
    expect(element.getAttribute('selected')).to.equal('shard-stack');
    expect(node(element, 'shard-stack').getAttribute('aria-pressed')).to.equal('true');
  });

  it('resizing: a banner with progress whose View fires ps-view-resize', async () => {
    const topology = await scenarioTopology('resizing', 8);
    const element = await mount({ topology });
    const banner = element.shadowRoot!.querySelector('.banner')!;
    // The simulated resize started 3 minutes ago: its first shards are copying.
    expect(banner.querySelector('[role="status"]')!.textContent).to.match(/^Resizing keyspace shop · Copying: \d+% copied$/);
    const views: string[] = [];
    element.addEventListener('ps-view-resize', (event) => views.push(event.detail.keyspace));
    banner.querySelector('button')!.click();
    expect(views).to.deep.equal(['shop']);
  });

  it('keyboard: one tab stop, arrows move along the layout, Enter/Space select, Escape clears', async () => {
    const topology = await scenarioTopology('production');
    const before = document.createElement('button');
    before.textContent = 'before';
    document.body.prepend(before);
    const element = await mount({ topology });
    const [primary, left, right] = topology.shards[0].tablets.map((t) => `tablet:${t.id}`);
    const selections: (string | null)[] = [];
    element.addEventListener('ps-select', (event) => selections.push(event.detail.node?.id ?? null));
    const focused = () => idOf(element.shadowRoot!.activeElement);
    try {
      expect(nodes(element).filter((n) => n.getAttribute('tabindex') === '0')).to.have.length(1);
      before.focus();
      await sendKeys({ press: 'Tab' });
      expect(focused()).to.equal('vtgates');
      await sendKeys({ press: 'ArrowDown' });
      expect(focused()).to.equal(primary);
      await sendKeys({ press: 'ArrowDown' });
      expect([left, right]).to.include(focused());
      await sendKeys({ press: 'ArrowLeft' });
      expect(focused()).to.equal(left);
      await sendKeys({ press: 'ArrowRight' });
      expect(focused()).to.equal(right);
      await sendKeys({ press: 'Home' });
      expect(focused()).to.equal('vtgates');
      await sendKeys({ press: 'End' });
      expect(focused()).to.equal(right);
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: 'ArrowUp' });
      await sendKeys({ press: ' ' });
      await element.updateComplete;
      expect(element.selected).to.equal(primary);
      await sendKeys({ press: 'Escape' });
      await element.updateComplete;
      expect(selections).to.deep.equal([right, primary, null]);
      expect(element.hasAttribute('selected')).to.equal(true);
      expect(element.selected).to.equal('');
      // Still one tab stop, now on the node last visited.
      expect(nodes(element).filter((n) => n.getAttribute('tabindex') === '0').map(idOf)).to.deep.equal([primary]);
    } finally {
      before.remove();
    }
  });

  it('keys pressed on the diagram background act on the tab-stop node', async () => {
    const topology = await scenarioTopology('production');
    const element = await mount({ topology });
    const svg = element.shadowRoot!.querySelector<SVGSVGElement>('svg.diagram')!;
    svg.focus();
    expect(element.shadowRoot!.activeElement).to.equal(svg);
    await sendKeys({ press: 'ArrowDown' });
    expect(idOf(element.shadowRoot!.activeElement)).to.equal(`tablet:${topology.shards[0].tablets[0].id}`);
    svg.focus();
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(element.selected).to.equal(`tablet:${topology.shards[0].tablets[0].id}`);
  });

  it('ps-select carries a metric-card ref for a tablet, and the selected attribute reflects', async () => {
    const topology = await scenarioTopology('read-only-regions');
    const element = await mount({ topology });
    const replica = topology.shards[0].tablets.find((t) => t.readOnlyRegion)!;
    let selected: SelectableNode | null | undefined;
    element.addEventListener('ps-select', (event) => (selected = event.detail.node));
    node(element, `tablet:${replica.id}`).dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    await element.updateComplete;
    expect(selected).to.deep.equal({
      kind: 'tablet', id: `tablet:${replica.id}`, role: 'replica', region: replica.region,
      ref: { kind: 'tablet', database: 'shop', branch: 'main', keyspace: 'shop', shard: '-', tabletId: replica.id },
    });
    expect(element.getAttribute('selected')).to.equal(`tablet:${replica.id}`);
    // Set from outside: highlighted, no event.
    selected = undefined;
    element.setAttribute('selected', 'vtgates');
    await element.updateComplete;
    expect(nodeGroup(element, 'vtgates').classList.contains('selected')).to.equal(true);
    expect(selected).to.equal(undefined);
  });

  it('live: a promotion pushed by watch adds replicas and VTGates', async () => {
    const provider = new SimulatedProvider({ scenario: 'development', now: () => NOW });
    const element = await mount({ provider, database: 'shop', branch: 'dev' });
    expect(nodes(element)).to.have.length(2);
    provider.promote();
    await waitUntil(() => nodes(element).length === 4, 'the promotion never showed', { timeout: 10_000 });
    expect(nodeNames(element)[0]).to.equal('3 VTGates in 3 availability zones');
    expect(element.shadowRoot!.querySelector('.badge')!.textContent).to.equal('Production');
    provider.addReadOnlyRegion('ap-south-1');
    await waitUntil(() => nodes(element).length === 5, 'the new region never showed', { timeout: 10_000 });
    expect(element.shadowRoot!.querySelector('g[role="group"]')!.getAttribute('aria-label')).to.contain('ap-south-1');
  });

  it('a lag-only change updates the labels without calling the layout engine', async () => {
    const client = getLayoutClient();
    const original = client.layout;
    let calls = 0;
    client.layout = function (graph) {
      calls++;
      return original.call(this, graph);
    };
    try {
      const topology = await scenarioTopology('production');
      const element = await mount({ topology, lagWarning: 10 });
      const firstCalls = calls;
      expect(firstCalls).to.equal(1);
      const replica = topology.shards[0].tablets[1];
      const changed: Topology = {
        ...topology,
        shards: [{ ...topology.shards[0], tablets: topology.shards[0].tablets.map((t) => (t.id === replica.id ? { ...t, lagSeconds: 12, serving: false } : t)) }],
      };
      element.topology = changed;
      await element.layoutComplete();
      expect(calls).to.equal(firstCalls);
      expect(lagTexts(element)).to.include('12s');
      expect(node(element, `tablet:${replica.id}`).getAttribute('aria-label')).to.equal(
        'Replica MySQL node, us-east-2, replication lag 12 seconds, above the warning threshold of 10 seconds, not serving');
      // The warning is an icon and a style, not colour alone.
      const warning = element.shadowRoot!.querySelector('.lag.warning')!;
      expect(warning.querySelector('.warn-icon')).to.not.equal(null);
      expect(warning.textContent!.trim()).to.equal('12s');
      expect(textOf(element)).to.contain('Not serving');
      // A new node does need a layout.
      element.topology = await scenarioTopology('read-only-regions');
      await element.layoutComplete();
      expect(calls).to.equal(firstCalls + 1);
      expect(nodes(element)).to.have.length(6);
    } finally {
      client.layout = original;
    }
  });

  it('a provider\'s answer is validated once, and what was drawn is handed to another element without validating it again', async () => {
    const topology = await scenarioTopology('sharded', 64);
    let reads = 0;
    const { keyspaces } = topology;
    // parseTopology reads every field once; the diagram itself never reads the keyspace list.
    Object.defineProperty(topology, 'keyspaces', { enumerable: true, get: () => (reads++, keyspaces) });
    const provider: DataProvider = { getTopology: async () => topology, getMetrics: () => Promise.reject(new Error('unused')) };
    const loaded = await mount({ provider, database: 'shop', branch: 'main' });
    expect(nodeNames(loaded)).to.include('Shard stack, 64 shards');
    // A user's provider is checked at the element's boundary: once, not on every render.
    expect(reads).to.equal(1);
    // What the element drew (as `<ps-infrastructure>` hands it to its diagram) is not checked again.
    const drawn = (loaded as unknown as { source: { value: Topology } }).source.value;
    const handedOn = await mount({ topology: drawn });
    expect(nodeNames(handedOn)).to.include('Shard stack, 64 shards');
    expect(reads).to.equal(1);
    // Plain data nobody validated yet is parsed (and would be rejected if bad).
    const fresh = await mount({ topology: { ...topology, keyspaces } });
    expect(nodeNames(fresh)).to.include('Shard stack, 64 shards');
    expect(handedOn.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
  });

  it('hostile provider strings render as text, never as HTML', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const topology = await scenarioTopology('read-only-regions');
    const evil: Topology = {
      ...topology,
      keyspace: hostile,
      keyspaces: [hostile],
      branch: hostile,
      readOnlyRegions: [{ slug: hostile, name: hostile }, topology.readOnlyRegions[1]],
      vtgates: { ...topology.vtgates, region: hostile },
      shards: [{ ...topology.shards[0], tablets: topology.shards[0].tablets.map((t) => (t.region === 'us-west-2' ? { ...t, id: hostile, region: hostile, zone: hostile } : t)) }],
    };
    const element = await mount({ topology: evil });
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    expect(element.shadowRoot!.querySelector('.header strong')!.textContent).to.equal(hostile);
    expect(element.shadowRoot!.querySelector('svg.diagram')!.getAttribute('aria-label')).to.equal(`Infrastructure of keyspace ${hostile} on branch ${hostile}`);
    expect(node(element, `tablet:${hostile}`).getAttribute('aria-label')).to.match(/^Replica MySQL node, <img src=x onerror="window.__pwned=1">, read-only region/);
    expect(textOf(element)).to.contain('<img src=x onerror="window.…');
    expect(element.toSVG()).to.not.contain('<img');
  });

  it('dark theme: other colours, identical geometry', async () => {
    const topology = await scenarioTopology('read-only-regions');
    const light = await mount({ topology, theme: 'light' });
    const dark = await mount({ topology, theme: 'dark' });
    const geometry = (element: PsTopology) => ({
      nodes: nodes(element).map((n) => [idOf(n), getComputedStyle(n.parentElement!).transform, n.getBoundingClientRect().width]),
      edges: [...element.shadowRoot!.querySelectorAll('.edge')].map((e) => e.getAttribute('d')),
      stage: element.shadowRoot!.querySelector('.stage')!.getAttribute('transform'),
      size: [element.offsetWidth, element.offsetHeight],
    });
    expect(geometry(dark)).to.deep.equal(geometry(light));
    const paint = (element: PsTopology, selector: string, property: string) => getComputedStyle(element.shadowRoot!.querySelector(selector)!).getPropertyValue(property);
    expect(paint(dark, '.card', 'fill')).to.not.equal(paint(light, '.card', 'fill'));
    expect(paint(dark, '.title', 'fill')).to.not.equal(paint(light, '.title', 'fill'));
    expect(paint(dark, '.edge', 'stroke')).to.not.equal(paint(light, '.edge', 'stroke'));
  });

  it('a failing provider shows the error with Retry, keeps the last diagram, and recovers', async () => {
    const provider = new FlakyProvider(new SimulatedProvider({ scenario: 'production', now: () => NOW }));
    const element = await mount({ provider, database: 'shop', branch: 'main' });
    const errors: DataError[] = [];
    element.addEventListener('ps-error', (event) => errors.push(event.detail.error));
    expect(nodes(element)).to.have.length(4);
    provider.failing = true;
    element.refresh = '1s';
    await waitUntil(() => element.shadowRoot!.querySelector('[role="alert"]'), 'no error shown', { timeout: 5_000 });
    element.refresh = '0';
    const alert = element.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('The topology service is unreachable.');
    expect(errors.map((e) => e.kind)).to.include('network');
    expect(nodes(element)).to.have.length(4);
    provider.failing = false;
    const calls = provider.calls;
    alert.querySelector('button')!.click();
    await waitUntil(() => !element.shadowRoot!.querySelector('[role="alert"]'), 'the error stayed after Retry', { timeout: 5_000 });
    expect(provider.calls).to.be.greaterThan(calls);
    expect(nodes(element)).to.have.length(4);
  });

  it('invalid plain data shows a pathed error and keeps the last good diagram', async () => {
    const topology = await scenarioTopology('production');
    const element = await mount({ topology });
    const errors: DataError[] = [];
    element.addEventListener('ps-error', (event) => errors.push(event.detail.error));
    element.topology = { ...topology, shards: [{ ...topology.shards[0], tablets: [{ ...topology.shards[0].tablets[0], role: 'leader' }] }] } as unknown as Topology;
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('role');
    expect(errors).to.have.length(1);
    expect(errors[0].kind).to.equal('invalid-data');
    expect(nodes(element)).to.have.length(4);
  });

  it('zoom buttons change the scale and Fit brings the whole diagram back', async () => {
    const element = await mount({ topology: await scenarioTopology('read-only-regions') }, 600);
    const stage = () => element.shadowRoot!.querySelector('.stage')!.getAttribute('transform')!;
    const scale = () => Number(/scale\(([\d.]+)\)/.exec(stage())![1]);
    const fitted = scale();
    expect(fitted).to.be.below(1);
    const viewport = element.shadowRoot!.querySelector('.viewport')!.getBoundingClientRect();
    const svgBox = element.shadowRoot!.querySelector('.stage')!.getBoundingClientRect();
    expect(svgBox.left).to.be.at.least(viewport.left - 1);
    expect(svgBox.right).to.be.at.most(viewport.right + 1);
    element.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Zoom in"]')!.click();
    await element.updateComplete;
    expect(scale()).to.be.closeTo(fitted * 1.25, 0.001);
    element.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Fit to view"]')!.click();
    await element.updateComplete;
    expect(scale()).to.be.closeTo(fitted, 0.001);
  });

  it('dragging pans without selecting; the diagram refits when its container resizes', async () => {
    const element = await mount({ topology: await scenarioTopology('production') }, 900);
    const stage = () => element.shadowRoot!.querySelector('.stage')!.getAttribute('transform')!;
    const before = stage();
    const box = node(element, 'vtgates').getBoundingClientRect();
    const selections: unknown[] = [];
    element.addEventListener('ps-select', (event) => selections.push(event.detail.node));
    try {
      await sendMouse({ type: 'move', position: [Math.round(box.left + 20), Math.round(box.top + 20)] });
      await sendMouse({ type: 'down' });
      await sendMouse({ type: 'move', position: [Math.round(box.left + 80), Math.round(box.top + 60)] });
      await sendMouse({ type: 'up' });
    } finally {
      await resetMouse();
    }
    await element.updateComplete;
    const [, x0, y0] = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(before)!.map(Number);
    const [, x1, y1] = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(stage())!.map(Number);
    expect(x1 - x0).to.be.closeTo(60, 1);
    expect(y1 - y0).to.be.closeTo(40, 1);
    expect(selections).to.deep.equal([]);
    // Fit, then a narrower container: the diagram is scaled down to stay whole.
    element.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Fit to view"]')!.click();
    await element.updateComplete;
    const wide = Number(/scale\(([\d.]+)\)/.exec(stage())![1]);
    element.parentElement!.style.width = '360px';
    await waitUntil(() => Number(/scale\(([\d.]+)\)/.exec(stage())![1]) < wide, 'no refit after resize', { timeout: 3_000 });
  });

  it('a layout failure shows the error with Retry, which lays out again', async () => {
    const client = getLayoutClient();
    const original = client.layout;
    client.layout = () => Promise.reject(new DataError('invalid-data', 'The diagram could not be laid out: test failure'));
    let element: PsTopology;
    const errors: DataError[] = [];
    try {
      const box = document.createElement('div');
      element = document.createElement('ps-topology');
      element.addEventListener('ps-error', (event) => errors.push(event.detail.error));
      element.topology = await scenarioTopology('production');
      box.append(element);
      document.body.append(box);
      mounted.push(box);
      await waitUntil(() => element.shadowRoot!.querySelector('[role="alert"]'), 'no error shown');
    } finally {
      client.layout = original;
    }
    expect(element.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('test failure');
    expect(errors.map((e) => e.message)).to.deep.equal(['The diagram could not be laid out: test failure']);
    element.shadowRoot!.querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
    await waitUntil(() => nodes(element).length === 4, 'Retry did not lay out again');
    expect(element.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
  });

  it('releases its watch subscription when disconnected', async () => {
    const signals: AbortSignal[] = [];
    const inner = new SimulatedProvider({ scenario: 'production', now: () => NOW });
    const provider: DataProvider = {
      getTopology: (ref, opts) => inner.getTopology(ref, opts),
      getMetrics: (query, opts) => inner.getMetrics(query, opts),
      watch: (_ref, _onChange, opts) => void signals.push(opts.signal),
    };
    await mount({ provider, database: 'shop', branch: 'main' });
    expect(signals).to.have.length(1);
    expect(signals[0].aborted).to.equal(false);
    for (const box of mounted.splice(0)) box.remove();
    expect(signals[0].aborted).to.equal(true);
  });

  it('exports a standalone themed SVG and a PNG', async () => {
    const element = await mount({ topology: await scenarioTopology('production'), theme: 'dark' });
    const text = element.toSVG();
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).to.equal(null);
    const root = doc.documentElement;
    expect(root.getAttribute('xmlns')).to.equal('http://www.w3.org/2000/svg');
    expect(root.querySelector('title')!.textContent).to.equal('Infrastructure of keyspace shop on branch main');
    expect(root.querySelectorAll('[aria-label]').length).to.be.at.least(4);
    expect(text).to.not.contain('var(--');
    expect(text).to.not.contain('class=');
    // The dark background is written in.
    expect(root.querySelector('rect')!.getAttribute('style')).to.contain('rgb(13, 16, 23)');
    const png = await element.toPNG();
    expect(png.type).to.equal('image/png');
    const bitmap = await createImageBitmap(png);
    expect(bitmap.width).to.be.greaterThan(400);
  });

  it('terminates the layout worker when the last diagram disconnects', async () => {
    const element = await mount({ topology: await scenarioTopology('development') });
    expect(element.isConnected).to.equal(true);
    // Ask for a layout no diagram has seen, so the worker has to exist.
    element.topology = await scenarioTopology('sharded', 3);
    await element.layoutComplete();
    expect(getLayoutClient().active).to.equal(true);
    for (const box of mounted.splice(0)) box.remove();
    expect(getLayoutClient().active).to.equal(false);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`is accessible (axe) in the ${theme} theme, with a selection and a lag warning`, async () => {
      const topology = await scenarioTopology('read-only-regions');
      topology.shards[0].tablets[1].lagSeconds = 30;
      const element = await mount({ topology, theme, selected: `tablet:${topology.shards[0].tablets[0].id}` });
      await expectAxeClean(element);
      const resizing = await mount({ topology: await scenarioTopology('resizing', 8), theme });
      await expectAxeClean(resizing);
    });
  }
});
