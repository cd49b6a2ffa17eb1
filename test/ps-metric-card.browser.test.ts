import { expect } from '@open-wc/testing';
import axe from 'axe-core';
import '../src/elements/ps-metric-card/define.js';
import type { PsMetricCard } from '../src/elements/ps-metric-card/ps-metric-card.js';
import { DataError } from '../src/model/errors.js';
import type { BranchRef, ClusterEvent, ElementRef, KeyspaceRef, MetricFrame, MetricId, MetricQuery, TimeRange, Topology } from '../src/model/types.js';
import type { DataProvider, RequestOptions } from '../src/providers/provider.js';
import { SimulatedProvider } from '../src/providers/simulated/index.js';
import { mountCard, removeAfterTest } from './support/mount-card.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Call {
  query: MetricQuery;
  signal: AbortSignal;
}

/**
 * Wraps the simulated cluster: records every metric query with its signal, can hold answers until the test releases
 * them (answering late even after an abort, as a careless source would), and can fail chosen metrics.
 */
class RecordingProvider implements DataProvider {
  readonly calls: Call[] = [];
  readonly failing = new Set<MetricId>();
  hold?: (query: MetricQuery) => Promise<void>;
  constructor(readonly inner = new SimulatedProvider({ scenario: 'read-only-regions' })) {}

  getTopology(ref: BranchRef, opts: RequestOptions): Promise<Topology> {
    return this.inner.getTopology(ref, opts);
  }

  getEvents(ref: KeyspaceRef, range: TimeRange, opts: RequestOptions): Promise<ClusterEvent[]> {
    return this.inner.getEvents(ref, range, opts);
  }

  async getMetrics(query: MetricQuery, opts: RequestOptions): Promise<MetricFrame> {
    this.calls.push({ query, signal: opts.signal });
    if (this.hold) await this.hold(query);
    if (this.failing.has(query.metric)) throw new DataError('network', `${query.metric} source unreachable`);
    return this.inner.getMetrics(query, { signal: new AbortController().signal });
  }

  metrics(from = 0): MetricId[] {
    return this.calls.slice(from).map((c) => c.query.metric);
  }
}

const simulated = new SimulatedProvider({ scenario: 'read-only-regions' });
const topology = await simulated.getTopology({ database: 'shop', branch: 'main' }, { signal: new AbortController().signal });
const shard = topology.shards[0];
const primary = shard.tablets.find((t) => t.role === 'primary')!;
const replica = shard.tablets.find((t) => t.role === 'replica' && !t.readOnlyRegion)!;
const vtgates: ElementRef = { kind: 'vtgates', database: 'shop', branch: 'main', keyspace: 'shop' };
const tabletRef = (id: string): ElementRef => ({ kind: 'tablet', database: 'shop', branch: 'main', keyspace: 'shop', shard: shard.name, tabletId: id });

const mount = mountCard;

const sectionIds = (card: PsMetricCard) =>
  [...card.shadowRoot!.querySelectorAll<HTMLElement>('section.chart')].map((s) => s.dataset.metric);
const section = (card: PsMetricCard, id: MetricId) => card.shadowRoot!.querySelector<HTMLElement>(`section.chart[data-metric="${id}"]`)!;
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('ps-metric-card', () => {
  it('is accessible, expanded and collapsed, in both themes', async () => {
    const provider = new RecordingProvider();
    for (const theme of ['light', 'dark'] as const) {
      for (const expanded of [true, false]) {
        const card = await mount({ provider, target: tabletRef(replica.id), expanded, theme });
        const result = await axe.run(card, { resultTypes: ['violations'] });
        expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`), `${theme} ${expanded}`).to.deep.equal([]);
      }
    }
  });

  it('shows the VTGate metric set, titled by count and zones', async () => {
    const provider = new RecordingProvider();
    const card = await mount({ provider, target: vtgates, expanded: true });
    expect(provider.metrics().sort()).to.deep.equal(['connections', 'cpu', 'latency', 'memory', 'queries']);
    expect(sectionIds(card)).to.deep.equal(['connections', 'latency', 'queries', 'cpu', 'memory']);
    expect(card.shadowRoot!.querySelector('h2')!.textContent).to.equal(`VTGates · ${topology.vtgates.count} in ${new Set(topology.vtgates.zones).size} AZs`);
    expect(card.chartInstances.size).to.equal(5);
  });

  it('gives a primary no lag chart and a replica one; storage always asks for the past 7 days', async () => {
    const provider = new RecordingProvider();
    const card = await mount({ provider, target: tabletRef(primary.id), tabletRole: 'primary', expanded: true });
    expect(provider.metrics()).not.to.include('replication_lag');
    expect(sectionIds(card)).to.deep.equal(['reads_writes', 'queries', 'iops', 'cpu', 'memory', 'storage']);

    const before = provider.calls.length;
    const replicaCard = await mount({ provider, target: tabletRef(replica.id), tabletRole: 'replica', range: '1h', expanded: true });
    expect(provider.metrics(before)).to.include('replication_lag');
    expect(sectionIds(replicaCard)).to.include('replication_lag');
    const calls = provider.calls.slice(before);
    const span = (id: MetricId) => { const r = calls.find((c) => c.query.metric === id)!.query.range; return r.to - r.from; };
    expect(span('storage')).to.equal(7 * DAY);
    expect(span('cpu')).to.equal(HOUR);
    expect(section(replicaCard, 'storage').textContent).to.include('Past 7 days');
    expect(replicaCard.shadowRoot!.querySelector('h2')!.textContent).to.equal(`Replica · ${replica.region}${shard.name === '-' || shard.name === '0' ? '' : ` · shard ${shard.name}`}`);
  });

  it('finds the role in the topology when not told, and drops the lag chart for a primary', async () => {
    const provider = new RecordingProvider();
    const card = await mount({ provider, target: tabletRef(primary.id), expanded: true });
    expect(sectionIds(card)).not.to.include('replication_lag');
    expect(card.shadowRoot!.querySelector('h2')!.textContent).to.match(/^Primary · /);
    const replicaCard = await mount({ provider, target: tabletRef(replica.id), expanded: true });
    expect(sectionIds(replicaCard)).to.include('replication_lag');
  });

  it('takes a ps-select node: target, role and region', async () => {
    const provider = new RecordingProvider();
    const ref = tabletRef(replica.id) as Extract<ElementRef, { kind: 'tablet' }>;
    const card = await mount({ provider, node: { kind: 'tablet', id: `tablet:${replica.id}`, ref, role: 'replica', region: 'eu-test-1' } });
    expect(card.shadowRoot!.querySelector('h2')!.textContent).to.include('Replica · eu-test-1');
    expect(card.shadowRoot!.querySelectorAll('.summary-item').length).to.equal(7);
  });

  it('aborts the previous requests when the range changes, and refetches', async () => {
    const provider = new RecordingProvider();
    const gate = deferred();
    provider.hold = () => gate.promise;
    const card = document.createElement('ps-metric-card');
    Object.assign(card, { provider, target: vtgates, range: '1h', refresh: '0', expanded: true });
    document.body.append(card);
    removeAfterTest(card);
    await until(() => provider.calls.length === 5, 'the first five requests');
    const first = provider.calls.slice(0, 5);
    expect(card.shadowRoot!.querySelectorAll('.skeleton-block').length).to.be.greaterThan(0);
    provider.hold = undefined;
    card.range = '3h';
    await card.settled();
    expect(first.every((c) => c.signal.aborted)).to.equal(true);
    const second = provider.calls.slice(5);
    expect(second.map((c) => c.query.metric).sort()).to.deep.equal(['connections', 'cpu', 'latency', 'memory', 'queries']);
    expect(second.every((c) => c.query.range.to - c.query.range.from === 3 * HOUR && !c.signal.aborted)).to.equal(true);
    gate.resolve();
    expect(card.chartInstances.get('cpu')!.view.to - card.chartInstances.get('cpu')!.view.from).to.equal(3 * 3600);
  });

  it('ignores a late answer to an older range', async () => {
    const provider = new RecordingProvider();
    const slow = deferred();
    provider.hold = (query) => (query.range.to - query.range.from === HOUR ? slow.promise : Promise.resolve());
    const card = document.createElement('ps-metric-card');
    Object.assign(card, { provider, target: vtgates, range: '1h', refresh: '0', expanded: true });
    document.body.append(card);
    removeAfterTest(card);
    await until(() => provider.calls.length === 5, 'the 1h requests');
    card.range = '12h';
    await card.settled();
    const cpu = card.chartInstances.get('cpu')!;
    const shown = cpu.frame;
    // The 1h answers now arrive (this provider ignores aborts); they must change nothing.
    slow.resolve();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await card.updateComplete;
    expect(card.chartInstances.get('cpu')!.frame).to.equal(shown);
    expect(cpu.view.to - cpu.view.from).to.equal(12 * 3600);
    expect(card.shadowRoot!.querySelector('select')!.value).to.equal('12h');
  });

  it('shows an error per chart with Retry and keeps the last data, marked stale', async () => {
    const provider = new RecordingProvider();
    const errors: DataError[] = [];
    const card = await mount({ provider, target: vtgates, range: '1h', expanded: true });
    card.addEventListener('ps-error', (e) => errors.push(e.detail.error));
    const before = card.chartInstances.get('cpu')!.frame;
    provider.failing.add('cpu');
    card.range = '3h';
    await card.settled();
    const cpu = section(card, 'cpu');
    expect(cpu.querySelector('[role="alert"]')!.textContent).to.include('cpu source unreachable');
    expect(cpu.classList.contains('stale')).to.equal(true);
    expect(cpu.querySelector('.badge')!.textContent).to.equal('Stale');
    expect(card.chartInstances.get('cpu')!.frame).to.equal(before); // the last data stays drawn
    expect(section(card, 'memory').querySelector('[role="alert"]')).to.equal(null);
    expect(errors.map((e) => e.kind)).to.deep.equal(['network']);

    provider.failing.clear();
    const retries = provider.calls.length;
    cpu.querySelector<HTMLButtonElement>('.chart-error button')!.click();
    await until(() => section(card, 'cpu').querySelector('[role="alert"]') === null, 'the retry');
    await card.settled();
    expect(provider.metrics(retries)).to.deep.equal(['cpu']);
    expect(section(card, 'cpu').classList.contains('stale')).to.equal(false);
    const fresh = card.chartInstances.get('cpu')!.frame;
    expect(fresh).not.to.equal(before);
    expect(fresh.timestamps[fresh.timestamps.length - 1] - fresh.timestamps[0]).to.be.greaterThan(2 * 3600);
  });

  it('moves every chart’s crosshair together', async () => {
    const card = await mount({ provider: new RecordingProvider(), target: tabletRef(replica.id), tabletRole: 'replica', expanded: true });
    const charts = [...card.chartInstances.entries()].filter(([id]) => id !== 'storage').map(([, c]) => c.uplot);
    const over = charts[1].over;
    const box = over.getBoundingClientRect();
    over.dispatchEvent(new MouseEvent('mousemove', { clientX: box.left + box.width * 0.4, clientY: box.top + 20, bubbles: true }));
    await nextFrame();
    const idx = charts[1].cursor.idx;
    expect(idx).to.be.a('number');
    for (const chart of charts) expect(chart.cursor.idx, chart.root.parentElement!.dataset.metric).to.equal(idx);
    const tips = [...card.shadowRoot!.querySelectorAll<HTMLElement>('.tooltip')].filter((t) => !t.hidden);
    expect(tips.length).to.be.greaterThanOrEqual(charts.length);
  });

  it('drag-zooms all charts, fires ps-range-change, and double-click resets', async () => {
    const card = await mount({ provider: new RecordingProvider(), target: vtgates, range: '6h', expanded: true });
    const ranges: unknown[] = [];
    card.addEventListener('ps-range-change', (e) => ranges.push(e.detail.range));
    const source = card.chartInstances.get('queries')!.uplot;
    const box = source.over.getBoundingClientRect();
    const y = box.top + 30;
    source.over.dispatchEvent(new MouseEvent('mousemove', { clientX: box.left + box.width * 0.25, clientY: y, bubbles: true }));
    await nextFrame();
    source.over.dispatchEvent(new MouseEvent('mousedown', { clientX: box.left + box.width * 0.25, clientY: y, button: 0, bubbles: true }));
    await nextFrame();
    source.over.dispatchEvent(new MouseEvent('mousemove', { clientX: box.left + box.width * 0.5, clientY: y, buttons: 1, movementX: 40, bubbles: true }));
    await nextFrame();
    document.dispatchEvent(new MouseEvent('mouseup', { clientX: box.left + box.width * 0.5, clientY: y, button: 0, bubbles: true }));
    await card.updateComplete;
    await nextFrame();
    expect(ranges.length).to.equal(1);
    const zoom = ranges[0] as TimeRange;
    expect(zoom.to - zoom.from).to.be.closeTo(1.5 * HOUR, 0.05 * HOUR);
    for (const [id, chart] of card.chartInstances) {
      expect(chart.uplot.scales.x.min, id).to.be.closeTo(zoom.from / 1000, 1);
      expect(chart.uplot.scales.x.max, id).to.be.closeTo(zoom.to / 1000, 1);
    }
    expect(card.shadowRoot!.querySelector('.reset')).to.exist;

    card.chartInstances.get('cpu')!.uplot.over.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    await card.updateComplete;
    expect(ranges[1]).to.equal('6h');
    const cpu = card.chartInstances.get('cpu')!.uplot;
    expect(cpu.scales.x.max! - cpu.scales.x.min!).to.be.closeTo(6 * 3600, 1);
  });

  it('lists the data in a table that matches it', async () => {
    const card = await mount({ provider: new RecordingProvider(), target: vtgates, range: '1h', expanded: true, locale: 'en-US' });
    const toggle = [...card.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'View as table')!;
    toggle.click();
    // The table's code loads when first asked for.
    await card.settled();
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    const cpuSection = section(card, 'cpu');
    expect(cpuSection.querySelector<HTMLElement>('.plot')!.hidden).to.equal(true);
    const table = cpuSection.querySelector('table')!;
    const frame = card.chartInstances.get('cpu')!.frame;
    const rows = [...table.tBodies[0].rows];
    expect(rows.length).to.be.at.most(60);
    expect(table.caption!.textContent).to.match(new RegExp(`of ${frame.timestamps.length} samples \\(${rows.length} rows\\)`));
    const stride = Math.ceil(frame.timestamps.length / 60);
    const n = frame.timestamps.length;
    // Rows count back from the newest sample in steps of `stride`.
    rows.reverse().forEach((row, k) => {
      const i = n - 1 - k * stride;
      const value = frame.series[0].values[i];
      expect(row.cells[1].textContent).to.equal(`${value.toLocaleString('en-US', { maximumFractionDigits: value < 10 ? 1 : 0 })}%`);
      expect(row.cells[0].textContent).to.equal(new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit' }).format(new Date(frame.timestamps[i] * 1000)));
    });
  });

  it('re-reads its colours when the theme changes', async () => {
    const card = await mount({ provider: new RecordingProvider(), target: vtgates, expanded: true, theme: 'light' });
    const chart = card.chartInstances.get('cpu')!.uplot;
    const stroke = () => (chart.series[1].stroke as (u: unknown, i: number) => string)(chart, 1);
    const light = stroke();
    expect(light).to.equal(getComputedStyle(card).getPropertyValue('--ps-series-1').trim());
    card.theme = 'dark';
    await card.updateComplete;
    const dark = stroke();
    expect(dark).not.to.equal(light);
    expect(dark).to.equal(getComputedStyle(card).getPropertyValue('--ps-series-1').trim());
    expect(card.chartPalette.surface).to.equal(getComputedStyle(card).getPropertyValue('--ps-color-surface-raised').trim());
  });

  it('collapsed, draws sparklines and no full chart; expanding creates charts, collapsing destroys them', async () => {
    const card = await mount({ provider: new RecordingProvider(), target: vtgates });
    expect(card.shadowRoot!.querySelectorAll('.uplot').length).to.equal(0);
    expect(card.chartInstances.size).to.equal(0);
    const paths = card.shadowRoot!.querySelectorAll('.spark path');
    expect(paths.length).to.equal(5);
    expect(paths[0].getAttribute('d')).to.match(/^M[\d.]+ [\d.]+L/);
    const expand = card.shadowRoot!.querySelector<HTMLButtonElement>('.expand')!;
    expect(expand.getAttribute('aria-expanded')).to.equal('false');
    expand.click();
    await card.settled();
    expect(card.chartInstances.size).to.equal(5);
    expect(card.shadowRoot!.querySelectorAll('.uplot').length).to.equal(5);
    expand.click();
    await card.updateComplete;
    expect(card.chartInstances.size).to.equal(0);
    expect(card.shadowRoot!.querySelectorAll('.uplot').length).to.equal(0);
  });

  it('appends only the new tail on a live refresh, keeping the same charts', async () => {
    const provider = new RecordingProvider();
    const card = await mount({ provider, target: vtgates, range: '15m', expanded: true });
    const chart = card.chartInstances.get('connections')!;
    const before = chart.frame;
    const realNow = Date.now;
    Date.now = () => realNow() + 60_000;
    try {
      const calls = provider.calls.length;
      // Legends keep showing figures while charts update one per frame (no blank "—" flicker on every tick).
      const legendTexts: string[] = [];
      let done = false;
      const refreshed = card.refreshNow().finally(() => { done = true; });
      while (!done) {
        legendTexts.push(section(card, 'connections').querySelector('.legend')!.textContent!);
        await nextFrame();
      }
      await refreshed;
      expect(legendTexts.length).to.be.greaterThan(1);
      for (const text of legendTexts) expect(text).not.to.include('—');
      const tail = provider.calls.slice(calls);
      expect(tail.length).to.equal(5);
      for (const call of tail) expect(call.query.range.to - call.query.range.from).to.be.within(50_000, 71_000);
      expect(card.chartInstances.get('connections')).to.equal(chart); // not recreated
      const after = chart.frame;
      expect(after).not.to.equal(before);
      expect(after.timestamps[after.timestamps.length - 1]).to.be.greaterThan(before.timestamps[before.timestamps.length - 1] + 50);
      expect(chart.uplot.data[0][chart.uplot.data[0].length - 1]).to.equal(after.timestamps[after.timestamps.length - 1]);
      // The window slid: nothing older than 15 minutes before the new "now".
      expect(after.timestamps[0] * 1000).to.be.at.least(Date.now() - 15 * 60_000 - 1000);
    } finally {
      Date.now = realNow;
    }
  });

  it('asks again for cluster events on a live refresh and marks a new one on the charts', async () => {
    const provider = new RecordingProvider();
    const failover: ClusterEvent = { at: Date.now() + 30_000, kind: 'failover', label: 'Failover of -80' };
    const asked: TimeRange[] = [];
    let events: ClusterEvent[] = [];
    provider.getEvents = async (_ref, range) => { asked.push(range); return events; };
    const card = await mount({ provider, target: vtgates, range: '15m', expanded: true });
    const chart = card.chartInstances.get('connections')!;
    const redraws: number[] = [];
    chart.uplot.hooks.draw = [...(chart.uplot.hooks.draw ?? []), () => redraws.push(1)];
    const realNow = Date.now;
    Date.now = () => realNow() + 60_000;
    try {
      events = [failover];
      const before = asked.length;
      await card.refreshNow();
      expect(asked.length).to.equal(before + 1);
      expect(asked[asked.length - 1].to).to.be.at.least(realNow() + 59_000); // the slid window
      expect(redraws.length).to.be.greaterThan(0);
      const marker = chart.uplot.valToPos(failover.at / 1000, 'x');
      expect(marker).to.be.within(0, chart.uplot.bbox.width); // the failover now sits inside the drawn window
      // A source whose events fail keeps the markers already known.
      provider.getEvents = () => Promise.reject(new DataError('network', 'events unreachable'));
      Date.now = () => realNow() + 120_000;
      await card.refreshNow();
      expect(card.shadowRoot!.querySelectorAll('[role="alert"]').length).to.equal(0);
      expect((card as unknown as { data: { events: ClusterEvent[] } }).data.events).to.deep.equal([failover]);
    } finally {
      Date.now = realNow;
    }
  });

  it('shows bad attributes as an alert and keeps working with defaults', async () => {
    const card = await mount({ provider: new RecordingProvider(), target: vtgates, range: '5m' });
    expect(card.shadowRoot!.querySelector('.input-error')!.textContent).to.include('15m|1h');
    expect(card.shadowRoot!.querySelectorAll('.summary-item').length).to.equal(5);
  });

  it('draws plain frames without a provider, gaps as gaps, and says when a range is empty', async () => {
    const t0 = Math.floor(Date.now() / 1000) - 3600;
    const timestamps = Float64Array.from({ length: 360 }, (_, i) => t0 + i * 10);
    const values = Float64Array.from({ length: 360 }, (_, i) => (i >= 100 && i < 120 ? Number.NaN : 40 + (i % 7)));
    const frames: MetricFrame[] = [
      { metric: 'cpu', unit: 'percent', timestamps, series: [{ label: 'cpu', values }] },
      { metric: 'memory', unit: 'percent', timestamps: new Float64Array(0), series: [{ label: 'memory', values: new Float64Array(0) }] },
    ];
    const card = await mount({ frames, kind: 'vtgates', expanded: true });
    const cpu = card.chartInstances.get('cpu')!.uplot;
    expect((cpu.data[1] as (number | null)[]).slice(100, 120).every((v) => v === null)).to.equal(true);
    expect(section(card, 'memory').textContent).to.include('No data in this range.');
    expect(section(card, 'cpu').querySelector('.visually-hidden')!.textContent).to.match(/latest .*%, minimum 40%, maximum 46%/);
  });

  it('settles on .frames = NaN with the error shown once and the last good charts kept (found by the fuzz suite)', async () => {
    const t0 = Math.floor(Date.now() / 1000) - 3600;
    const timestamps = Float64Array.from({ length: 60 }, (_, i) => t0 + i * 60);
    const card = await mount({ frames: [{ metric: 'cpu', unit: 'percent', timestamps, series: [{ label: 'cpu', values: timestamps.map((_, i) => 40 + (i % 5)) }] }], kind: 'vtgates' });
    const errors: string[] = [];
    card.addEventListener('ps-error', (e) => errors.push(e.detail.error.message));
    (card as unknown as { frames: unknown }).frames = Number.NaN;
    // NaN is not equal to itself: the card once took it for new input on every render and never settled.
    const settled = await Promise.race([card.settled().then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 3000))]);
    expect(settled, 'settled').to.equal(true);
    expect(errors).to.deep.equal(['frames: expected an array of metric frames, got NaN']);
    expect(card.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.include('expected an array of metric frames');
    expect(card.shadowRoot!.querySelectorAll('.summary-item').length).to.equal(1);
  });

  it('rebuilds a chart whose new frame brings other series (uPlot cannot change its series in place)', async () => {
    const t0 = Math.floor(Date.now() / 1000) - 3600;
    const timestamps = Float64Array.from({ length: 60 }, (_, i) => t0 + i * 60);
    const series = (label: string) => ({ label, values: Float64Array.from({ length: 60 }, (_, i) => 40 + (i % 5)) });
    const card = await mount({ frames: [{ metric: 'cpu', unit: 'percent', timestamps, series: [series('cpu')] }], kind: 'vtgates', expanded: true });
    const first = card.chartInstances.get('cpu')!;
    card.frames = [{ metric: 'cpu', unit: 'percent', timestamps, series: [series('read'), series('write')] }];
    await card.settled();
    await until(() => card.chartInstances.get('cpu') !== first, 'the chart was not rebuilt');
    expect(card.chartInstances.get('cpu')!.uplot.series.slice(1).map((s) => s.label)).to.deep.equal(['read', 'write']);
    expect(card.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
  });

  it('lists a metric as a table instead of the chart, thinned to at most 60 rows with the newest sample last', async () => {
    const t0 = Math.floor(Date.now() / 1000) - 3600;
    const timestamps = Float64Array.from({ length: 360 }, (_, i) => t0 + i * 10);
    const values = Float64Array.from({ length: 360 }, (_, i) => i % 100);
    const card = await mount({ frames: [{ metric: 'cpu', unit: 'percent', timestamps, series: [{ label: 'cpu', values }] }], kind: 'vtgates', expanded: true });
    const toggle = [...card.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('View as table'))!;
    toggle.click();
    await card.settled();
    const cpu = section(card, 'cpu');
    const table = cpu.querySelector('table')!;
    expect(cpu.querySelector<HTMLElement>('.plot')!.hidden).to.equal(true);
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(table.caption!.textContent).to.match(/every 6th of 360 samples \(60 rows\)/);
    const rows = table.tBodies[0].rows;
    expect(rows.length).to.equal(60);
    expect(rows[rows.length - 1].cells[1].textContent).to.equal('59%');
  });
});
