import { expect, waitUntil } from '@open-wc/testing';
import axe from 'axe-core';
import '../src/elements/ps-keyspace-heatmap/define.js';
import type { PsKeyspaceHeatmap } from '../src/elements/ps-keyspace-heatmap/ps-keyspace-heatmap.js';
import { HEATMAP_UNITS, type KeyspaceHeatmap } from '../src/model/heatmap.js';
import { evenKeyRanges } from '../src/model/key-range.js';
import type { SelectableNode } from '../src/model/types.js';
import type { DataProvider } from '../src/providers/provider.js';
import { SimulatedProvider } from '../src/providers/simulated/index.js';
import { VTAdminProvider } from '../src/providers/vtadmin/index.js';

const T0 = 1_767_225_600; // epoch s, 2026-01-01T00:00Z

/** Plain data: `names` over `columns` one-minute steps, values from `value(shard, step)`. */
function heatmapOf(names: string[], columns: number, value: (shard: number, step: number) => number): KeyspaceHeatmap {
  const values = new Float32Array(names.length * columns);
  names.forEach((_, s) => {
    for (let t = 0; t < columns; t++) values[s * columns + t] = value(s, t);
  });
  return { metric: 'queries', unit: HEATMAP_UNITS.queries, timestamps: Float64Array.from({ length: columns }, (_, t) => T0 + 60 * t), shards: names.map((name) => ({ name, keyRange: { start: '', end: '' } })), values };
}

async function mount(setup: (el: PsKeyspaceHeatmap) => void, width = 900): Promise<PsKeyspaceHeatmap> {
  const el = document.createElement('ps-keyspace-heatmap');
  el.style.width = `${width}px`;
  Object.assign(el, { database: 'shop', branch: 'main', theme: 'light' });
  setup(el);
  document.body.append(el);
  await el.settled();
  // The size observer reports after the first frame; the picture follows.
  await waitUntil(() => el.pictureBytes > 0, 'picture drawn');
  await el.settled();
  return el;
}

const area = (el: PsKeyspaceHeatmap) => el.shadowRoot!.querySelector<HTMLElement>('.area')!;
const text = (el: PsKeyspaceHeatmap, selector: string) => el.shadowRoot!.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Client coordinates of key fraction `key` at step `step` of the full view. */
function pointOf(el: PsKeyspaceHeatmap, step: number, key: number): { clientX: number; clientY: number } {
  const box = el.shadowRoot!.querySelector('canvas.picture')!.getBoundingClientRect();
  const columns = el.data!.timestamps.length;
  return { clientX: box.left + ((step + 0.5) / columns) * box.width, clientY: box.top + key * box.height };
}

function pointer(el: PsKeyspaceHeatmap, type: string, at: { clientX: number; clientY: number }): void {
  area(el).dispatchEvent(new PointerEvent(type, { ...at, bubbles: true, composed: true, button: 0, pointerId: 1 }));
}

/** The RGBA of the picture at a client point. */
function colourAt(el: PsKeyspaceHeatmap, at: { clientX: number; clientY: number }): number[] {
  const canvas = el.shadowRoot!.querySelector('canvas.picture') as HTMLCanvasElement;
  const box = canvas.getBoundingClientRect();
  const x = Math.floor(((at.clientX - box.left) / box.width) * canvas.width);
  const y = Math.floor(((at.clientY - box.top) / box.height) * canvas.height);
  return [...canvas.getContext('2d')!.getImageData(x, y, 1, 1).data];
}

afterEach(() => {
  for (const el of document.querySelectorAll('ps-keyspace-heatmap')) el.remove();
  document.body.style.background = '';
});

describe('<ps-keyspace-heatmap>', () => {
  it('is accessible in both themes, with the table view open', async () => {
    for (const theme of ['light', 'dark'] as const) {
      document.body.style.background = theme === 'dark' ? '#0d1017' : '#ffffff';
      const el = await mount((e) => Object.assign(e, { provider: new SimulatedProvider({ scenario: 'sharded', shards: 16 }), theme, table: true }));
      await waitUntil(() => !text(el, '.summary').startsWith('Summarizing'), 'summary');
      const results = await axe.run(el);
      expect(results.violations.map((v) => `${theme}: ${v.id} ${v.nodes.map((n) => n.html).join(' ')}`)).to.deep.equal([]);
      el.remove();
    }
  });

  for (const count of [2, 3, 64, 1024]) {
    it(`draws ${count} shards as key ranges: hovering each part of the key space reads out the shard that holds it`, async () => {
      const names = evenKeyRanges(count);
      const el = await mount((e) => { e.heatmap = heatmapOf(names, 30, (s) => 1 + s); });
      for (const i of [0, Math.floor(count / 2), count - 1]) {
        const at = pointOf(el, 10, (i + 0.5) / count);
        expect(el.cellAt(at.clientX, at.clientY)?.row.name, `shard ${i}`).to.equal(names[i]);
        pointer(el, 'pointermove', at);
        await el.updateComplete;
        expect(text(el, '.tooltip')).to.contain(names[i]);
      }
      if (count <= 3) expect([...el.shadowRoot!.querySelectorAll('.key-axis .tick')].map((t) => t.textContent)).to.deep.equal(names);
      else expect(text(el, '.key-axis')).to.contain('80');
    });
  }

  it('-80 fills the top half of the picture: the colour changes exactly at the middle', async () => {
    const el = await mount((e) => { e.heatmap = heatmapOf(['-80', '80-'], 10, (s) => (s === 0 ? 1000 : 1)); e.scale = 'linear'; });
    const box = area(el).getBoundingClientRect();
    const top = colourAt(el, { clientX: box.left + box.width / 2, clientY: box.top + box.height * 0.49 });
    const bottom = colourAt(el, { clientX: box.left + box.width / 2, clientY: box.top + box.height * 0.51 });
    expect(top).to.not.deep.equal(bottom);
    expect(colourAt(el, { clientX: box.left + 3, clientY: box.top + 3 })).to.deep.equal(top);
  });

  it('a gap in the key space is hatched and labelled; an overlap is labelled', async () => {
    const el = await mount((e) => { e.heatmap = heatmapOf(['-40', '40-80', '60-a0', 'c0-'], 10, () => 5); });
    const labels = [...el.shadowRoot!.querySelectorAll('.chip.danger')].map((c) => c.textContent!.trim());
    expect(labels).to.deep.equal(['Overlap 60–80 (40-80, 60-a0)', 'Gap a0–c0']);
    const at = pointOf(el, 5, 0.7);
    expect(el.cellAt(at.clientX, at.clientY)).to.equal(undefined);
  });

  it('a resize mid-window: the grid changes at the cut-over, which is drawn, labelled and summarized', async () => {
    const names = ['-80', '80-', '-40', '40-80', '80-c0', 'c0-'];
    const el = await mount((e) => { e.heatmap = heatmapOf(names, 40, (s, t) => (s < 2 ? (t < 20 ? 10 : NaN) : t >= 20 ? 5 : NaN)); });
    expect(el.shadowRoot!.querySelectorAll('.change').length).to.equal(1);
    expect(text(el, '.chip')).to.match(/^Reshard at .+: 2 shards → 4$/);
    await waitUntil(() => text(el, '.summary').includes('Reshard'), 'summary mentions the reshard');
    const before = pointOf(el, 5, 0.3);
    const after = pointOf(el, 30, 0.3);
    expect(el.cellAt(before.clientX, before.clientY)?.row.name).to.equal('-80');
    expect(el.cellAt(after.clientX, after.clientY)?.row.name).to.equal('40-80');
  });

  it('hover reads out shard, key range, time bucket, value and ratio to the median shard', async () => {
    // 8 shards at 100/s, one at 610/s.
    const el = await mount((e) => { e.heatmap = heatmapOf(evenKeyRanges(8), 20, (s) => (s === 5 ? 610 : 100)); });
    await waitUntil(() => !text(el, '.summary').startsWith('Summarizing'), 'medians');
    pointer(el, 'pointermove', pointOf(el, 3, 5.5 / 8));
    await el.updateComplete;
    const tooltip = text(el, '.tooltip');
    expect(tooltip).to.contain('a0-c0');
    expect(tooltip).to.contain('keys a0 – c0');
    expect(tooltip).to.contain('610/s');
    expect(tooltip).to.contain('6.1× median');
    expect(text(el, '.summary')).to.contain('Shard a0-c0 is the hottest now: 610/s, 6.1× the median shard');
  });

  it('drag zooms into a time window and key range and fires ps-range-change; Reset zoom goes back', async () => {
    const el = await mount((e) => { e.heatmap = heatmapOf(evenKeyRanges(16), 60, (s, t) => s + t); });
    const ranges: unknown[] = [];
    el.addEventListener('ps-range-change', (e) => ranges.push(e.detail.range));
    pointer(el, 'pointerdown', pointOf(el, 10, 0.25));
    pointer(el, 'pointermove', pointOf(el, 29, 0.5));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.selection')).to.exist;
    pointer(el, 'pointerup', pointOf(el, 29, 0.5));
    await el.settled();
    expect(el.zoom!.from).to.equal(10);
    expect(el.zoom!.to).to.equal(30);
    expect(el.zoom!.top).to.be.closeTo(0.25, 0.01);
    expect(el.zoom!.bottom).to.be.closeTo(0.5, 0.01);
    expect(ranges).to.deep.equal([{ from: (T0 + 600) * 1000, to: (T0 + 1800) * 1000 }]);
    // Four shards (keys 40–80) now fill the picture: the middle of it is shard 60-70.
    const box = el.shadowRoot!.querySelector('canvas.picture')!.getBoundingClientRect();
    expect(el.cellAt(box.left + box.width / 2, box.top + box.height * 0.55)?.row.name).to.equal('60-70');
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.toolbar button')].find((b) => b.textContent === 'Reset zoom')!.click();
    await el.settled();
    expect(el.zoom).to.equal(undefined);
    expect(ranges[1]).to.equal('6h');
  });

  it('click selects a shard: ps-select with a shard node', async () => {
    const el = await mount((e) => { e.heatmap = heatmapOf(evenKeyRanges(4), 10, () => 1); });
    let node: SelectableNode | null = null;
    el.addEventListener('ps-select', (e) => (node = e.detail.node));
    const at = pointOf(el, 4, 0.6);
    pointer(el, 'pointerdown', at);
    pointer(el, 'pointerup', at);
    expect(node).to.deep.equal({ kind: 'shard', id: 'shard:80-c0', keyspace: { database: 'shop', branch: 'main', keyspace: 'shop' }, shard: '80-c0', keyRange: { start: '80', end: 'c0' } });
  });

  it('keyboard: focus lands on the hottest shard at the last step, arrows move and announce, Enter selects', async () => {
    const el = await mount((e) => { e.heatmap = heatmapOf(evenKeyRanges(4), 10, (s) => (s === 2 ? 900 : 100)); });
    await waitUntil(() => !text(el, '.summary').startsWith('Summarizing'), 'summary');
    area(el).focus();
    await el.updateComplete;
    const live = () => text(el, '[role="status"]');
    expect(live()).to.match(/^Shard 80-c0, keys 80 – c0, .+: 900\/s, 9\.0× median\.$/);
    const key = (k: string) => area(el).dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true }));
    key('ArrowUp');
    await el.updateComplete;
    expect(live()).to.match(/^Shard 40-80, .+: 100\/s, 1\.0× median\.$/);
    key('Home');
    key('ArrowDown');
    key('ArrowDown');
    await el.updateComplete;
    expect(live()).to.match(/^Shard c0-, keys c0 – end/);
    let selected = '';
    el.addEventListener('ps-select', (e) => (selected = e.detail.node?.id ?? ''));
    key('Enter');
    expect(selected).to.equal('shard:c0-');
  });

  it('View as table lists the busiest shards per window, newest first', async () => {
    const el = await mount((e) => { e.heatmap = heatmapOf(evenKeyRanges(8), 24, (s, t) => (t >= 12 && s === 6 ? 500 : 10 + s)); e.table = true; });
    const rows = [...el.shadowRoot!.querySelectorAll('table tbody tr')];
    expect(rows.length).to.equal(12 * 3);
    const first = rows[0].querySelectorAll('td');
    expect(first[1].textContent).to.equal('c0-e0');
    expect(first[3].textContent).to.equal('500/s');
    expect(el.shadowRoot!.querySelector('table caption')!.textContent).to.contain('Busiest shards per window');
  });

  it('changing the scale, brightness or theme recolours without loading again', async () => {
    let calls = 0;
    const sim = new SimulatedProvider({ scenario: 'sharded', shards: 8 });
    const provider: DataProvider = { getTopology: (r, o) => sim.getTopology(r, o), getMetrics: (q, o) => sim.getMetrics(q, o), getKeyspaceHeatmap: (q, o) => { calls++; return sim.getKeyspaceHeatmap(q, o); } };
    const el = await mount((e) => { e.provider = provider; e.range = '1h'; });
    const at = pointOf(el, 100, 0.3);
    const before = colourAt(el, at);
    el.brightness = 4;
    await el.settled();
    const brighter = colourAt(el, at);
    expect(brighter).to.not.deep.equal(before);
    el.theme = 'dark';
    await el.settled();
    expect(colourAt(el, at)).to.not.deep.equal(brighter);
    el.scale = 'linear';
    await el.settled();
    expect(calls).to.equal(1);
  });

  it('new data is checked and laid out in slices after the update: the picture shown stays until the new one is ready', async () => {
    const el = await mount((e) => { e.heatmap = heatmapOf(evenKeyRanges(4), 10, () => 3); });
    el.heatmap = heatmapOf(evenKeyRanges(1024), 300, (s, t) => 1 + ((s + t) % 7));
    await el.updateComplete;
    // Nothing of the 300 000 values was read in the update's own task.
    expect(el.data!.shards).to.have.length(4);
    await el.settled();
    expect(el.data!.shards).to.have.length(1024);
    const at = pointOf(el, 150, 0.5);
    expect(el.cellAt(at.clientX, at.clientY)?.row.name).to.equal(evenKeyRanges(1024)[512]);
    expect(text(el, '.summary')).to.not.contain('Summarizing');
  });

  it('bad data: a clear error, and the picture already shown stays', async () => {
    const el = await mount((e) => { e.heatmap = heatmapOf(evenKeyRanges(4), 10, () => 3); });
    const errors: string[] = [];
    el.addEventListener('ps-error', (e) => errors.push(e.detail.error.message));
    const bad = heatmapOf(evenKeyRanges(4), 10, () => 3);
    bad.values[7] = -1;
    el.heatmap = bad;
    await el.settled();
    expect(text(el, '[role="alert"]')).to.match(/The heatmap data is invalid: values\[7\]: shard -40 at step 7: expected a value ≥ 0/);
    expect(errors).to.have.length(1);
    expect(el.data!.shards.map((s) => s.name)).to.deep.equal(evenKeyRanges(4));
    expect(el.pictureBytes).to.be.greaterThan(0);
    const at = pointOf(el, 2, 0.1);
    expect(el.cellAt(at.clientX, at.clientY)?.row.name).to.equal('-40');
  });

  it('a provider failure keeps the last picture and offers Retry', async () => {
    let fail = false;
    const sim = new SimulatedProvider({ scenario: 'sharded', shards: 4 });
    const provider: DataProvider = { ...sim, getTopology: (r, o) => sim.getTopology(r, o), getMetrics: (q, o) => sim.getMetrics(q, o),
      getKeyspaceHeatmap: (q, o) => (fail ? Promise.reject(new Error('boom')) : sim.getKeyspaceHeatmap(q, o)) };
    const el = await mount((e) => { e.provider = provider; e.range = '1h'; });
    fail = true;
    await el.reload();
    await el.settled();
    expect(text(el, '[role="alert"]')).to.contain('Could not load the heatmap: boom');
    expect(el.data!.shards).to.have.length(4);
    fail = false;
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="alert"] button')][0].click();
    await el.settled();
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
  });

  it('VTAdmin has no metrics: the element says so instead of drawing', async () => {
    const el = document.createElement('ps-keyspace-heatmap');
    Object.assign(el, { provider: new VTAdminProvider({ url: '/vtadmin' }), database: 'shop', branch: 'main' });
    document.body.append(el);
    await el.settled();
    expect(text(el, '.empty')).to.match(/^Not available: This data source has no per-shard metrics/);
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
  });
});
