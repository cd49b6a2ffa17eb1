import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import axe from 'axe-core';
import '../src/elements/ps-infrastructure/define.js';
import type { PsInfrastructure } from '../src/elements/ps-infrastructure/ps-infrastructure.js';
import type { PsMetricCard } from '../src/elements/ps-metric-card/ps-metric-card.js';
import type { PsResizeStatus } from '../src/elements/ps-resize-status/ps-resize-status.js';
import type { PsTopology } from '../src/elements/ps-topology/ps-topology.js';
import { SimulatedProvider, type SimulatedScenario } from '../src/providers/simulated/index.js';
import { REAL_TABLETS, realTopology } from '../scripts/real-topology.mjs';

async function mount(scenario: SimulatedScenario, attributes: Record<string, string> = {}, options: { shards?: number; now?: () => number } = {}) {
  const provider = new SimulatedProvider({ scenario, shards: options.shards, now: options.now });
  const el = document.createElement('ps-infrastructure');
  el.style.height = '720px';
  el.provider = provider;
  for (const [name, value] of Object.entries({ database: 'shop', branch: 'main', ...attributes })) el.setAttribute(name, value);
  document.body.append(el);
  await waitUntil(() => diagram(el)?.shadowRoot?.querySelector('.node [role="button"]'), 'the diagram never drew', { timeout: 15_000 });
  await diagram(el).layoutComplete();
  return { el, provider };
}

const diagram = (el: PsInfrastructure) => el.shadowRoot!.querySelector<PsTopology>('ps-topology')!;
const panel = (el: PsInfrastructure) => el.shadowRoot!.querySelector<HTMLElement>('[part="panel"]');
const card = (el: PsInfrastructure) => el.shadowRoot!.querySelector<PsMetricCard>('ps-metric-card');
const diagramNode = (el: PsInfrastructure, id: string) =>
  diagram(el).shadowRoot!.querySelector<SVGGElement>(`.node[data-id="${CSS.escape(id)}"] [role="button"]`)!;
const click = (target: Element) => target.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
const chartTitles = (metricCard: PsMetricCard) =>
  [...metricCard.shadowRoot!.querySelectorAll('h3, h4, .chart-title, [part~="chart-title"]')].map((h) => h.textContent!.trim());

afterEach(async () => {
  for (const el of document.querySelectorAll('ps-infrastructure')) el.remove();
  document.body.style.background = '';
  await setViewport({ width: 800, height: 600 });
});

describe('<ps-infrastructure>', () => {
  it('production: selecting a replica opens its card with replication lag, and the attribute follows', async () => {
    const { el, provider } = await mount('production');
    const topology = await provider.getTopology({ database: 'shop', branch: 'main' }, { signal: new AbortController().signal });
    const replica = topology.shards[0].tablets.find((t) => t.role === 'replica')!;
    const selections: unknown[] = [];
    el.addEventListener('ps-select', (event) => selections.push(event.detail.node?.id));

    click(diagramNode(el, `tablet:${replica.id}`));
    await el.updateComplete;
    expect(el.getAttribute('selected')).to.equal(`tablet:${replica.id}`);
    expect(selections).to.deep.equal([`tablet:${replica.id}`]);
    expect(panel(el)!.textContent).to.contain('Metrics and performance');
    const metricCard = card(el)!;
    const node = metricCard.node!;
    expect(node.kind === 'tablet' && node.ref).to.deep.equal({ kind: 'tablet', database: 'shop', branch: 'main', keyspace: 'shop', shard: topology.shards[0].name, tabletId: replica.id });
    await waitUntil(() => chartTitles(metricCard).some((t) => /replication lag/i.test(t)), 'no replication lag chart', { timeout: 10_000 });

    // The primary's card has no lag chart.
    const primary = topology.shards[0].tablets.find((t) => t.role === 'primary')!;
    click(diagramNode(el, `tablet:${primary.id}`));
    await el.updateComplete;
    expect(card(el)!.node!.id).to.equal(`tablet:${primary.id}`);
    await waitUntil(
      () => chartTitles(card(el)!).some((t) => /cpu/i.test(t)) && !chartTitles(card(el)!).some((t) => /replication lag/i.test(t)),
      `the primary's card should have CPU and no replication lag: ${chartTitles(card(el)!).join(', ')}`,
      { timeout: 10_000 },
    );
  });

  it('opens the panel a deep link names, and closing it hands focus back to the diagram', async () => {
    const { el } = await mount('production', { selected: 'vtgates', range: '1d' });
    await el.updateComplete;
    expect(panel(el)).to.not.equal(null);
    const node = card(el)!.node!;
    expect(node.kind === 'vtgates' && node.ref).to.deep.equal({ kind: 'vtgates', database: 'shop', branch: 'main', keyspace: 'shop' });
    expect(card(el)!.range).to.equal('1d');

    card(el)!.dispatchEvent(new CustomEvent('ps-range-change', { detail: { range: '7d' }, bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.getAttribute('range')).to.equal('7d');

    el.shadowRoot!.querySelector<HTMLButtonElement>('[aria-label="Close panel"]')!.click();
    await el.updateComplete;
    expect(el.hasAttribute('selected') && el.getAttribute('selected') !== '').to.equal(false);
    expect(panel(el)).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(diagram(el));
  });

  it('MySQL only (no VTGates known): no VTGates node to choose, a VTGates deep link opens nothing, a MySQL node its card', async () => {
    // scripts/real-topology.mjs: the real-data harness' MariaDB primary and replica, `vtgates.count` 0.
    const el = document.createElement('ps-infrastructure');
    el.style.height = '720px';
    el.topology = realTopology();
    el.selected = 'vtgates';
    document.body.append(el);
    await waitUntil(() => diagram(el)?.shadowRoot?.querySelector('.node [role="button"]'), 'the diagram never drew', { timeout: 15_000 });
    await el.updateComplete;
    // Counts and ids, not elements: a failing assertion about an element hangs the run while it is serialized.
    expect(diagram(el).shadowRoot!.querySelectorAll('.node[data-id="vtgates"]').length).to.equal(0);
    expect([panel(el), card(el)].filter(Boolean).length).to.equal(0);
    expect(el.panel).to.deep.equal({ view: 'none' });

    const primary = `tablet:${REAL_TABLETS.primary}`;
    click(diagramNode(el, primary));
    await el.updateComplete;
    expect(el.getAttribute('selected')).to.equal(primary);
    expect(card(el)?.node?.id).to.equal(primary);
  });

  it('moves focus into the panel when it opens', async () => {
    const { el } = await mount('production');
    click(diagramNode(el, 'vtgates'));
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement!.id).to.equal('panel-title');
  });

  it('resizing: the banner’s View opens per-shard status that progresses to completed', async () => {
    let clock = Date.UTC(2026, 10, 28, 12);
    const { el } = await mount('resizing', {}, { shards: 8, now: () => clock });
    const banner = diagram(el).shadowRoot!.querySelector('[part="resize-banner"]')!;
    banner.querySelector('button')!.click();
    await el.updateComplete;
    expect(el.getAttribute('selected')).to.equal('resize');
    const status = el.shadowRoot!.querySelector<PsResizeStatus>('ps-resize-status')!;
    expect(status.variant).to.equal('detail');
    await status.updateComplete;
    const states = () => [...status.shadowRoot!.querySelectorAll('tbody .badge')].map((b) => b.textContent!.trim());
    expect(states()).to.have.length(8);
    expect(states()).to.include('Pending');
    // Time passes; each reload hands the composite's new topology down to the status.
    for (let i = 0; i < 80 && !states().every((s) => s === 'Completed'); i++) {
      clock += 30_000;
      await el.reload();
      await el.updateComplete;
      await status.updateComplete;
    }
    expect(states().every((s) => s === 'Completed'), states().join()).to.equal(true);
  });

  it('sharded (64): stack → shard 80-84 → replica → its lag chart, with Back one level at a time', async () => {
    const { el } = await mount('sharded', {}, { shards: 64 });
    click(diagramNode(el, 'shard-stack'));
    await el.updateComplete;
    expect(el.getAttribute('selected')).to.equal('shard-stack');
    const stack = el.shadowRoot!.querySelector('ps-shard-stack')!;
    await waitUntil(() => stack.shadowRoot!.querySelector('[role="option"]'), 'shard list never drew', { timeout: 10_000 });
    // The list fills the 720 px tall panel (down to its padding) rather than stopping at its own 480 px default.
    const body = panel(el)!.querySelector('.panel-body')!.getBoundingClientRect();
    expect(stack.getBoundingClientRect().height).to.be.within(body.height - 32, body.height);
    expect(stack.getBoundingClientRect().height).to.be.above(500);

    // Open the shard from the keyboard: type-ahead, then Enter.
    stack.shadowRoot!.querySelector<HTMLElement>('[role="listbox"]')!.focus();
    await sendKeys({ type: '80-84' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.getAttribute('selected') === 'shard:80-84', `selected is ${el.getAttribute('selected')}`);
    expect(stack.shard).to.equal('80-84');

    const replicaRow = () => [...stack.shadowRoot!.querySelectorAll<HTMLElement>('[part~="tablet"]')].find((t) => /replica/i.test(t.textContent!));
    await waitUntil(replicaRow, 'no replica listed');
    replicaRow()!.click();
    await el.updateComplete;
    expect(el.getAttribute('selected')).to.match(/^tablet:/);
    const metricCard = card(el)!;
    const node = metricCard.node!;
    expect(node.kind === 'tablet' && node.ref.shard).to.equal('80-84');
    await waitUntil(() => chartTitles(metricCard).some((t) => /replication lag/i.test(t)), 'no replication lag chart', { timeout: 10_000 });

    // Back from the card leads to the shard; the diagram keeps the stack highlighted throughout.
    expect(diagram(el).selected).to.equal('shard-stack');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[aria-label="Back"]')!.click();
    await el.updateComplete;
    expect(el.getAttribute('selected')).to.equal('shard:80-84');
    expect(el.shadowRoot!.querySelector('ps-shard-stack')!.shard).to.equal('80-84');
  });

  it('shard panel: List / Heatmap switch, deep-linkable; a heatmap cell opens its shard in the list', async () => {
    const { el } = await mount('sharded', { selected: 'shard-stack', 'shard-view': 'heatmap' }, { shards: 16 });
    await el.updateComplete;
    const heatmap = () => el.shadowRoot!.querySelector('ps-keyspace-heatmap');
    await waitUntil(() => heatmap()?.data, 'the heatmap never loaded', { timeout: 15_000 });
    expect(el.shadowRoot!.querySelector('ps-shard-stack')).to.equal(null);
    expect(panel(el)!.classList.contains('wide')).to.equal(true);
    const buttons = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="shard-view"] button')];
    expect(buttons.map((b) => [b.textContent, b.getAttribute('aria-pressed')])).to.deep.equal([['List', 'false'], ['Heatmap', 'true']]);
    // A cell's ps-select opens that shard in the list.
    const row = heatmap()!.data!.shards.find((s) => s.name === '80-90')!;
    heatmap()!.selectShard({ shard: 0, name: row.name, keyRange: row.keyRange, top: 0.5, bottom: 0.5625, first: 0, last: 0 });
    await el.updateComplete;
    expect(el.getAttribute('selected')).to.equal('shard:80-90');
    await waitUntil(() => el.shadowRoot!.querySelector('ps-shard-stack')?.shard === '80-90', 'the shard did not open in the list');
    // Back to the shards: the heatmap again, as the attribute says; the switch goes back to the list.
    el.selected = 'shard-stack';
    await el.updateComplete;
    expect(heatmap()).to.not.equal(null);
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="shard-view"] button')][0].click();
    await el.updateComplete;
    expect(el.getAttribute('shard-view')).to.equal('list');
    expect(el.shadowRoot!.querySelector('ps-shard-stack')).to.not.equal(null);
  });

  it('offers a keyspace picker when the branch has several keyspaces, and switching reflects it', async () => {
    const { el } = await mount('sharded', {}, { shards: 4 });
    const picker = el.shadowRoot!.querySelector<HTMLSelectElement>('[part="keyspace-picker"]')!;
    expect([...picker.options].map((o) => o.value)).to.deep.equal(['shop', 'shop_lookup']);
    picker.value = 'shop_lookup';
    picker.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.getAttribute('keyspace')).to.equal('shop_lookup');
    await waitUntil(() => diagram(el).shadowRoot!.querySelector('.header')!.textContent!.includes('shop_lookup'), 'diagram did not switch', { timeout: 10_000 });
  });

  it('becomes a bottom sheet on a narrow container', async () => {
    await setViewport({ width: 600, height: 900 });
    const { el } = await mount('production', { selected: 'vtgates' });
    el.style.width = '600px';
    await el.updateComplete;
    const diagramBox = diagram(el).getBoundingClientRect();
    const panelBox = panel(el)!.getBoundingClientRect();
    expect(panelBox.top).to.be.at.least(diagramBox.bottom - 1);
    expect(Math.round(panelBox.width)).to.equal(Math.round(el.getBoundingClientRect().width) - 2);
    // A long panel (a card's charts) takes what the diagram can spare: the diagram column keeps its 300 px, the sheet
    // gets the rest of the 720 px element (it used to get the diagram's leftovers, 260 px), and the diagram's nodes
    // fit below its zoom controls.
    const box = el.getBoundingClientRect();
    expect(panelBox.top - box.top).to.be.within(299, 301);
    expect(panelBox.bottom).to.be.within(box.bottom - 2, box.bottom);
    await diagram(el).layoutComplete();
    const controls = diagram(el).shadowRoot!.querySelector('.controls')!.getBoundingClientRect();
    for (const node of diagram(el).shadowRoot!.querySelectorAll('.node')) {
      const box = node.getBoundingClientRect();
      const overlaps = box.left < controls.right && box.right > controls.left && box.top < controls.bottom && box.bottom > controls.top;
      expect(overlaps, 'a node under the zoom controls').to.equal(false);
    }
  });

  it('works from the keyboard alone: into the diagram, select VTGates, close with the button', async () => {
    const { el } = await mount('production');
    diagram(el).focus();
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.getAttribute('selected')).to.equal('vtgates');
    expect(el.shadowRoot!.activeElement!.id).to.equal('panel-title');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.getAttribute('selected')).to.equal('');
  });

  it('is accessible in both themes with a panel open', async () => {
    for (const theme of ['light', 'dark'] as const) {
      document.body.style.background = theme === 'dark' ? '#0d1017' : '#ffffff';
      const { el } = await mount('read-only-regions', { selected: 'vtgates', theme });
      await waitUntil(() => card(el)?.shadowRoot?.querySelector('canvas'), 'card never drew', { timeout: 10_000 });
      const results = await axe.run(el);
      expect(results.violations.map((v) => `${theme}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).to.deep.equal([]);
      el.remove();
    }
  });
});
