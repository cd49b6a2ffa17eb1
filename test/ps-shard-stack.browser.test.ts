import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import axe from 'axe-core';
import '../src/elements/ps-shard-stack/define.js';
import type { PsShardStack } from '../src/elements/ps-shard-stack/ps-shard-stack.js';
import { DataError } from '../src/model/errors.js';
import type { BranchRef, MetricFrame, MetricQuery, SelectableNode, Shard, Topology } from '../src/model/types.js';
import type { DataProvider, RequestOptions } from '../src/providers/provider.js';
import { SimulatedProvider } from '../src/providers/simulated/index.js';

const NOW = Date.UTC(2026, 10, 20, 12);
const signal = new AbortController().signal;
const topologyOf = (shards: number, scenario: 'sharded' | 'resizing' = 'sharded', now = NOW) =>
  new SimulatedProvider({ scenario, shards, now: () => now }).getTopology({ database: 'shop', branch: 'main' }, { signal });

const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const element of mounted.splice(0)) element.remove();
});

async function mount(props: Partial<PsShardStack>, attributes: Record<string, string> = {}, width = 900): Promise<PsShardStack> {
  const box = document.createElement('div');
  box.style.width = `${width}px`;
  const element = document.createElement('ps-shard-stack');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  Object.assign(element, props);
  box.append(element);
  document.body.append(box);
  mounted.push(box);
  await element.dataComplete();
  await frame();
  await element.updateComplete;
  return element;
}

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
const root = (element: PsShardStack) => element.shadowRoot!;
const list = (element: PsShardStack) => root(element).querySelector<HTMLElement>('.shard-list')!;
const rows = (element: PsShardStack) => [...root(element).querySelectorAll<HTMLElement>('.shard-list [role="option"]')];
const rowNames = (element: PsShardStack) => rows(element).map((row) => row.dataset.shard!);
const tabletRows = (element: PsShardStack) => [...root(element).querySelectorAll<HTMLElement>('.tablet-list [role="option"]')];
const counts = (element: PsShardStack) => root(element).querySelector('.counts')!.textContent!.trim();
const activeRow = (element: PsShardStack) => {
  const listbox = root(element).querySelector(element.shard ? '.tablet-list' : '.shard-list')!;
  return root(element).getElementById(listbox.getAttribute('aria-activedescendant') ?? '') as HTMLElement | null;
};
/** Rows whose box is inside the list's visible area. */
const rowsInView = (element: PsShardStack) => {
  const box = list(element).getBoundingClientRect();
  return rows(element).filter((row) => {
    const r = row.getBoundingClientRect();
    return r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
  });
};

async function typeFilter(element: PsShardStack, text: string): Promise<void> {
  const input = root(element).querySelector<HTMLInputElement>('input[type="search"]')!;
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await element.updateComplete;
  await frame();
}

async function expectAxeClean(element: PsShardStack): Promise<void> {
  const result = await axe.run(element);
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).to.deep.equal([]);
}

describe('<ps-shard-stack>', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`is accessible in the ${theme} theme: the list, a resize, and an open shard`, async () => {
      const element = await mount({ topology: await topologyOf(16, 'resizing', NOW + 5 * 60_000) }, { theme });
      expect(rows(element).length).to.be.greaterThan(0);
      await expectAxeClean(element);
      element.shard = '80-90';
      await element.updateComplete;
      expect(tabletRows(element)).to.have.length(3);
      await expectAxeClean(element);
    });
  }

  it('lists every shard in key-range order with primary region, replicas, worst lag and serving state', async () => {
    const topology = await topologyOf(8);
    const element = await mount({ topology });
    expect(rowNames(element)).to.deep.equal(['-20', '20-40', '40-60', '60-80', '80-a0', 'a0-c0', 'c0-e0', 'e0-']);
    const first = rows(element)[0];
    const cells = [...first.children].slice(1).map((cell) => cell.textContent!.trim());
    const replicas = topology.shards[0].tablets.filter((t) => t.role !== 'primary');
    const worst = Math.max(...replicas.map((t) => t.lagSeconds!));
    expect(cells.slice(0, 6)).to.deep.equal(['-20', 'min – 20', 'us-east-2', '2', `${worst.toFixed(1)}s`, 'Serving']);
    expect(first.querySelector('.label')!.textContent).to.equal(`Shard -20, primary in us-east-2, 2 replicas, max lag ${worst.toFixed(1)} seconds`);
    expect(getComputedStyle(first.querySelector('.name')!).fontFamily).to.match(/mono/i);
    expect(counts(element)).to.equal('8 shards · 0 lagging');
    // Header and rows share one grid: the lag column lines up.
    const header = root(element).querySelector('.header')!.children[4].getBoundingClientRect();
    const cell = first.children[5].getBoundingClientRect();
    expect(Math.abs(header.right - cell.right)).to.be.below(1);
  });

  it('1024 shards: at most 100 row elements, the filter finds exactly the right rows, and the end is reachable', async () => {
    const topology = await topologyOf(1024);
    const element = await mount({ topology }, { style: '--ps-shard-stack-height: 600px' });
    expect(counts(element)).to.equal('1,024 shards · 0 lagging');
    expect(rows(element).length).to.be.within(10, 100);
    expect(list(element).querySelector('.sizer')!.getBoundingClientRect().height).to.equal(1024 * 40);

    await typeFilter(element, 'ff');
    const expected = topology.shards.map((s) => s.name).filter((name) => name.includes('ff'));
    expect(expected.length).to.be.greaterThan(3);
    expect(element.visibleShards).to.deep.equal(expected);
    expect(rowNames(element)).to.deep.equal(expected);
    expect(counts(element)).to.equal(`${expected.length} of 1,024 shards · 0 lagging`);
    expect(element.getAttribute('filter')).to.equal('ff');

    await typeFilter(element, 'nothing-here');
    expect(rows(element)).to.have.length(0);
    expect(root(element).querySelector('.empty')!.textContent).to.contain('No shards match');

    await typeFilter(element, '');
    expect(element.hasAttribute('filter') ? element.getAttribute('filter') : '').to.equal('');
    list(element).scrollTop = list(element).scrollHeight;
    list(element).dispatchEvent(new Event('scroll'));
    await element.updateComplete;
    await frame();
    expect(rows(element).length).to.be.at.most(100);
    const last = topology.shards[1023].name;
    expect(rowsInView(element).map((row) => row.dataset.shard)).to.include(last);
    // Only the end of the list is rendered (plus the active first row, kept for aria-activedescendant).
    expect(rowNames(element)).not.to.include(topology.shards[500].name);
    expect(rowNames(element).filter((name) => name !== topology.shards[0].name).every((name) => topology.shards.findIndex((s) => s.name === name) > 1000)).to.equal(true);
  });

  it('a long list builds its rows after the task that brought the data: skeleton first, and the old rows through an update', async () => {
    const topology = await topologyOf(1024);
    const box = document.createElement('div');
    document.body.append(box);
    mounted.push(box);
    const element = document.createElement('ps-shard-stack');
    element.topology = topology;
    box.append(element);
    await element.updateComplete;
    // The data is there, its rows are not yet: the list is busy, not empty and not "no shards".
    expect(list(element).getAttribute('aria-busy')).to.equal('true');
    expect(rows(element)).to.have.length(0);
    expect(counts(element)).to.equal('Loading shards…');
    await element.dataComplete();
    expect(counts(element)).to.equal('1,024 shards · 0 lagging');
    expect(rowNames(element)[0]).to.equal('-0040');

    // A live update (a new topology, one shard lagging) keeps the rows shown until the new ones are built.
    const next = structuredClone(topology);
    next.shards[0].tablets[1].lagSeconds = 42;
    element.topology = next;
    await element.updateComplete;
    expect(counts(element)).to.equal('1,024 shards · 0 lagging');
    expect(rowNames(element)[0]).to.equal('-0040');
    await element.dataComplete();
    expect(counts(element)).to.equal('1,024 shards · 1 lagging');
    expect(rows(element)[0].querySelector('.lag')!.textContent!.trim()).to.equal('42s');

    // Removed while building: nothing is left waiting (dataComplete settles), and reconnecting draws the rows.
    element.topology = structuredClone(topology);
    await element.updateComplete;
    box.remove();
    await element.dataComplete();
    document.body.append(box);
    await element.dataComplete();
    expect(counts(element)).to.equal('1,024 shards · 0 lagging');
  });

  it('sorts by worst lag (unknown last) and back by key range', async () => {
    const topology = await topologyOf(8);
    topology.shards[5].tablets[1].lagSeconds = 30;
    topology.shards[2].tablets[2].lagSeconds = 12;
    topology.shards[0].tablets.forEach((t) => t.role !== 'primary' && (t.lagSeconds = null));
    const element = await mount({ topology });
    expect(counts(element)).to.equal('8 shards · 2 lagging');
    const select = root(element).querySelector('select')!;
    select.value = 'lag';
    select.dispatchEvent(new Event('change'));
    await element.updateComplete;
    expect(element.getAttribute('sort')).to.equal('lag');
    expect(rowNames(element).slice(0, 2)).to.deep.equal(['a0-c0', '40-60']);
    expect(rowNames(element).at(-1)).to.equal('-20');
    const lagging = rows(element)[0].querySelector('.lag')!;
    expect(lagging.classList.contains('warning')).to.equal(true);
    expect(lagging.querySelector('svg')).to.exist;
    expect(rows(element).at(-1)!.querySelector('.lag')!.textContent!.trim()).to.equal('—');
    element.sort = 'key-range';
    await element.updateComplete;
    expect(rowNames(element)[0]).to.equal('-20');
  });

  it('keyboard: arrows, PageDown, End/Home, type-ahead, Enter opens, a replica fires ps-select, Backspace goes back', async () => {
    const topology = await topologyOf(64);
    const element = await mount({ topology }, { style: '--ps-shard-stack-height: 420px' });
    const selections: (SelectableNode | null)[] = [];
    element.addEventListener('ps-select', (event) => selections.push(event.detail.node));
    element.focus();
    expect(element.shadowRoot!.activeElement).to.equal(list(element));
    expect(activeRow(element)!.dataset.shard).to.equal('-04');

    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await element.updateComplete;
    expect(activeRow(element)!.dataset.shard).to.equal('08-0c');
    expect(activeRow(element)!.getAttribute('aria-selected')).to.equal('true');

    await sendKeys({ press: 'End' });
    await element.updateComplete;
    await frame();
    expect(activeRow(element)!.dataset.shard).to.equal('fc-');
    expect(rowsInView(element)).to.include(activeRow(element));

    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'PageDown' });
    await element.updateComplete;
    await frame();
    const afterPage = activeRow(element)!;
    expect(Number(afterPage.getAttribute('aria-posinset'))).to.be.greaterThan(3);
    expect(rowsInView(element)).to.include(afterPage);

    await sendKeys({ type: '80' });
    await element.updateComplete;
    await frame();
    expect(activeRow(element)!.dataset.shard).to.equal('80-84');
    expect(rowsInView(element)).to.include(activeRow(element));

    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    await frame();
    expect(element.shard).to.equal('80-84');
    expect(element.getAttribute('shard')).to.equal('80-84');
    expect(root(element).querySelector('.shard-title')!.textContent).to.contain('80-84');
    const tabletList = root(element).querySelector('.tablet-list')!;
    expect(element.shadowRoot!.activeElement).to.equal(tabletList);
    const shard = topology.shards.find((s) => s.name === '80-84')!;
    expect(tabletRows(element).map((row) => row.dataset.tablet)).to.deep.equal(shard.tablets.map((t) => t.id));
    expect(tabletRows(element)[0].querySelector('.label')!.textContent).to.match(/^Primary in us-east-2 \(us-east-2[abc]\), tablet /);

    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    const replica = shard.tablets[1];
    expect(selections).to.deep.equal([
      {
        kind: 'tablet',
        id: `tablet:${replica.id}`,
        ref: { kind: 'tablet', database: 'shop', branch: 'main', keyspace: 'shop', shard: '80-84', tabletId: replica.id },
        role: 'replica',
        region: replica.region,
      },
    ]);
    expect(element.tablet).to.equal(replica.id);
    expect(tabletRows(element)[1].getAttribute('aria-selected')).to.equal('true');

    await sendKeys({ press: 'Backspace' });
    await element.updateComplete;
    await frame();
    expect(element.shard).to.equal('');
    expect(element.hasAttribute('shard') ? element.getAttribute('shard') : '').to.equal('');
    expect(element.shadowRoot!.activeElement).to.equal(list(element));
    expect(activeRow(element)!.dataset.shard).to.equal('80-84');
    expect(rowsInView(element)).to.include(activeRow(element));
  });

  it('live updates change the rows in place and keep the focused shard, even when lag reorders the list', async () => {
    const topology = await topologyOf(8);
    const element = await mount({ topology }, { sort: 'lag' });
    element.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await element.updateComplete;
    const focused = activeRow(element)!.dataset.shard!;
    const next = structuredClone(topology);
    const shard = next.shards.find((s) => s.name === focused)!;
    shard.tablets[1].lagSeconds = 25;
    element.topology = next;
    await element.updateComplete;
    await frame();
    expect(rowNames(element)[0]).to.equal(focused);
    expect(activeRow(element)!.dataset.shard).to.equal(focused);
    expect(activeRow(element)!.querySelector('.lag')!.textContent!.trim()).to.equal('25s');
    expect(counts(element)).to.equal('8 shards · 1 lagging');
    // The open shard follows the data too, and keeps the chosen tablet.
    element.shard = focused;
    element.tablet = shard.tablets[1].id;
    await element.updateComplete;
    expect(activeRow(element)!.dataset.tablet).to.equal(shard.tablets[1].id);
    const later = structuredClone(next);
    later.shards.find((s) => s.name === focused)!.tablets[1].serving = false;
    element.topology = later;
    await element.updateComplete;
    expect(activeRow(element)!.querySelector('.serving')!.textContent!.trim()).to.equal('Not serving');
    expect(activeRow(element)!.getAttribute('aria-selected')).to.equal('true');
  });

  it('click opens a shard, click on a tablet selects it, the Back button returns; a deep link opens a shard', async () => {
    const topology = await topologyOf(8);
    const element = await mount({ topology });
    const selections: SelectableNode[] = [];
    element.addEventListener('ps-select', (event) => selections.push(event.detail.node!));
    rows(element)[3].click();
    await element.updateComplete;
    expect(element.shard).to.equal('60-80');
    tabletRows(element)[0].click();
    await element.updateComplete;
    expect(selections[0]).to.include({ kind: 'tablet', role: 'primary' });
    root(element).querySelector<HTMLButtonElement>('button.back')!.click();
    await element.updateComplete;
    expect(rows(element).length).to.equal(8);

    const linked = await mount({ topology }, { shard: 'c0-e0' });
    expect(root(linked).querySelector('.shard-title')!.textContent).to.contain('c0-e0');
    linked.shard = 'ab-cd';
    await linked.updateComplete;
    expect(root(linked).querySelector('.empty')!.textContent).to.contain('“ab-cd” is not in this keyspace');
  });

  it('shows bad and partial data with markers: no primary, unknown lag, lag above the threshold, overlap, gap, not serving', async () => {
    const topology = await topologyOf(8);
    const shards: Shard[] = topology.shards.filter((s) => s.name !== 'a0-c0');
    shards[1] = { ...shards[1], tablets: shards[1].tablets.filter((t) => t.role !== 'primary') };
    shards[2] = { ...shards[2], tablets: shards[2].tablets.map((t) => (t.role === 'replica' ? { ...t, lagSeconds: null } : t)) };
    shards[3] = { ...shards[3], tablets: shards[3].tablets.map((t, i) => (i === 1 ? { ...t, lagSeconds: 42 } : i === 2 ? { ...t, serving: false } : t)) };
    shards.push({ name: '50-70', keyRange: { start: '50', end: '70' }, tablets: [] });
    const element = await mount({ shards }, { database: 'shop', branch: 'main' });
    const byName = (name: string) => rows(element).find((row) => row.dataset.shard === name)!;
    expect(counts(element)).to.equal('8 shards · 1 lagging · 2 without primary · 1 not serving · 5 key range problems');
    expect(byName('20-40').querySelector('.region')!.textContent!.trim()).to.equal('No primary');
    expect(byName('20-40').querySelector('.region svg')).to.exist;
    expect(byName('20-40').querySelector('.label')!.textContent).to.contain('no primary');
    expect(byName('40-60').querySelector('.lag')!.textContent!.trim()).to.equal('—');
    expect(byName('40-60').querySelector('.label')!.textContent).to.contain('max lag unknown');
    expect(byName('40-60').querySelector('.name')!.textContent).to.contain('Overlaps 50-70');
    expect(byName('60-80').querySelector('.lag')!.textContent!.trim()).to.equal('42s');
    expect(byName('60-80').querySelector('.serving')!.textContent!.trim()).to.equal('1 of 3 not serving');
    expect(byName('80-a0').querySelector('.name')!.textContent).to.contain('Gap a0–c0');
    expect(byName('c0-e0').querySelector('.label')!.textContent).to.contain('gap a0–c0');
    expect(root(element).querySelector('.notice')!.textContent).to.contain('do not cover the key space exactly once');
    await typeFilter(element, 'no-primary');
    expect(rowNames(element)).to.deep.equal(['20-40', '50-70']);
    await expectAxeClean(element);
  });

  it('hostile strings from the data stay text', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const shards: Shard[] = [
      { name: '-80', keyRange: { start: '', end: '80' }, tablets: [{ id: `${hostile}-1`, role: 'primary', region: hostile, zone: hostile, readOnlyRegion: false, serving: true }] },
      { name: '80-', keyRange: { start: '80', end: '' }, tablets: [{ id: `${hostile}-2`, role: 'replica', region: hostile, readOnlyRegion: true, serving: true, lagSeconds: 1 }] },
    ];
    const element = await mount({ shards }, { database: hostile, branch: hostile, filter: `${hostile} none-such` });
    expect(root(element).querySelector('.empty')!.textContent).to.contain(hostile);
    element.filter = '';
    await element.updateComplete;
    expect(rows(element)[0].querySelector('.region')!.textContent!.trim()).to.equal(hostile);
    element.shard = '80-';
    await element.updateComplete;
    expect(tabletRows(element)[0].querySelector('.id')!.textContent!.trim()).to.equal(`${hostile}-2`);
    expect(tabletRows(element)[0].querySelector('.globe')).to.exist;
    expect(root(element).querySelectorAll('img')).to.have.length(0);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('given a topology and its own shards (as a composite may), uses the topology: resize states stay', async () => {
    const topology = await topologyOf(16, 'resizing', NOW + 5 * 60_000);
    const element = await mount({ topology, shards: topology.shards });
    expect(root(element).querySelector('.header')!.textContent).to.contain('Resize');
    expect(rows(element)[0].querySelector('.badge')).to.exist;
  });

  it('invalid plain shards show the error and fire ps-error; the last good list stays', async () => {
    const topology = await topologyOf(8);
    const element = await mount({ shards: topology.shards });
    const errors: DataError[] = [];
    element.addEventListener('ps-error', (event) => errors.push(event.detail.error));
    element.shards = [{ name: 'zz', keyRange: { start: '', end: '' }, tablets: [] }] as Shard[];
    await element.updateComplete;
    expect(root(element).querySelector('[role="alert"]')!.textContent).to.contain('shards[0].name');
    expect(errors).to.have.length(1);
    expect(rows(element)).to.have.length(8);
  });

  it('loads through a provider, shows a failure with Retry, and recovers', async () => {
    class Flaky implements DataProvider {
      failing = true;
      inner = new SimulatedProvider({ scenario: 'sharded', shards: 4, now: () => NOW });
      async getTopology(ref: BranchRef, opts: RequestOptions): Promise<Topology> {
        if (this.failing) throw new DataError('network', 'The topology service is unreachable.');
        return this.inner.getTopology(ref, opts);
      }
      getMetrics(query: MetricQuery, opts: RequestOptions): Promise<MetricFrame> {
        return this.inner.getMetrics(query, opts);
      }
    }
    const provider = new Flaky();
    const element = await mount({ provider }, { database: 'shop', branch: 'main' });
    expect(root(element).querySelector('[role="alert"]')!.textContent).to.contain('unreachable');
    // No empty listbox: the list area says why there is nothing in it.
    expect(root(element).querySelector('[role="listbox"]')).to.equal(null);
    expect(root(element).querySelector('.shard-list')!.textContent).to.contain('could not be loaded');
    await expectAxeClean(element);
    provider.failing = false;
    root(element).querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
    await waitUntil(() => rows(element).length === 4, 'rows after Retry');
    expect(root(element).querySelector('[role="alert"]')).to.equal(null);
  });

  it('shows each shard\'s resize state during a resize', async () => {
    const element = await mount({ topology: await topologyOf(16, 'resizing', NOW + 5 * 60_000) });
    expect(root(element).querySelector('.header')!.textContent).to.contain('Resize');
    const badges = rows(element).map((row) => row.querySelector('.badge')?.textContent?.replace(/\s+/g, ' ').trim());
    expect(badges.every((b) => /^(Pending|Copying \d+%|Copied|Switched|Completed)$/.test(b!)), badges.join(', ')).to.equal(true);
    expect(badges.some((b) => b!.startsWith('Copying'))).to.equal(true);
    // A shard copying, copied or switched is still "resizing" to the filter (its older state), and "copying" finds the copies.
    await typeFilter(element, 'resizing');
    expect(rows(element).every((row) => /^(Copying|Copied|Switched)/.test(row.querySelector('.badge')!.textContent!.trim()))).to.equal(true);
    await typeFilter(element, 'copying');
    expect(rows(element).length).to.be.above(0);
    expect(rows(element).every((row) => row.querySelector('.badge')!.textContent!.trim().startsWith('Copying'))).to.equal(true);
  });

  for (const width of [900, 440]) {
    it(`fits every resize badge, "Copying 99%" and "Completed" the widest, in its column at ${width} px`, async () => {
      const element = await mount({ topology: await topologyOf(16, 'resizing', NOW + 10 * 60_000) }, {}, width);
      const badges = [...list(element).querySelectorAll<HTMLElement>('.resize .badge')];
      expect(badges.map((b) => b.textContent!.trim())).to.include('Completed');
      for (const badge of badges) {
        const cell = badge.parentElement!.getBoundingClientRect();
        expect(badge.getBoundingClientRect().right, badge.textContent!.trim()).to.be.at.most(cell.right + 0.5);
      }
      // The row still fits the list: nothing scrolls sideways.
      expect(list(element).scrollWidth).to.be.at.most(list(element).clientWidth);
    });
  }
});
