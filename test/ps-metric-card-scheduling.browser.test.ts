import { expect, waitUntil } from '@open-wc/testing';
import '../src/elements/ps-metric-card/define.js';
import type { PsMetricCard } from '../src/elements/ps-metric-card/ps-metric-card.js';
import { MetricChart } from '../src/elements/ps-metric-card/metric-chart.js';
import { chartScheduler, type Prepare, type Step } from '../src/controllers/chart-scheduler.js';
import { decimateMinMax } from '../src/chart/decimate.js';
import type { ElementRef, MetricFrame, MetricId } from '../src/model/types.js';
import { frameCounter } from './support/frame-counter.js';
import { SimulatedProvider } from '../src/providers/simulated/index.js';

const vtgates: ElementRef = { kind: 'vtgates', database: 'shop', branch: 'main', keyspace: 'shop' };
const provider = new SimulatedProvider({ scenario: 'production' });
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

const boxes: HTMLElement[] = [];
/** A card in a box at `top` px from the page's top (far below the viewport when large). */
async function mount(top: number): Promise<{ card: PsMetricCard; box: HTMLElement }> {
  const box = document.createElement('div');
  box.style.cssText = `position:absolute;left:0;top:${top}px;width:720px`;
  const card = document.createElement('ps-metric-card');
  Object.assign(card, { provider, target: vtgates, range: '1h', refresh: '0', expanded: true });
  box.append(card);
  document.body.append(box);
  boxes.push(box);
  await card.settled();
  return { card, box };
}

afterEach(() => {
  for (const box of boxes.splice(0)) box.remove();
});

describe('ps-metric-card chart scheduling', () => {
  it('an off-screen card loads its data but draws nothing, and draws every chart once scrolled into view', async () => {
    const { card, box } = await mount(6000);
    // Settled: the data is there (sections and legends rendered), the charts wait for the card to be seen.
    expect(card.shadowRoot!.querySelectorAll('section.chart').length).to.equal(5);
    expect(card.chartInstances.size).to.equal(0);
    for (let i = 0; i < 3; i++) await nextFrame();
    expect(card.chartInstances.size).to.equal(0);
    box.style.top = '0px';
    await waitUntil(() => card.chartInstances.size === 5, 'the card did not draw when shown');
    await card.settled();
    expect(chartScheduler().pending(card)).to.equal(false);
  });

  it('live-refresh ticks while off screen are rendered and drawn when the card comes back, not before', async () => {
    const { card, box } = await mount(0);
    expect(card.chartInstances.size).to.equal(5);
    const chart = card.chartInstances.get('connections')!;
    const drawnEnd = () => chart.uplot.data[0][chart.uplot.data[0].length - 1];
    const before = drawnEnd();
    box.style.top = '6000px';
    // The observer reports the move at the next frames.
    for (let i = 0; i < 3; i++) await nextFrame();
    let updates = 0;
    let renders = 0;
    const render = card.render.bind(card);
    card.render = () => {
      renders++;
      return render();
    };
    const original = MetricChart.prototype.setFrame;
    MetricChart.prototype.setFrame = function (...args) {
      updates++;
      return original.apply(this, args);
    };
    const realNow = Date.now;
    Date.now = () => realNow() + 120_000;
    try {
      await card.refreshNow();
      for (let i = 0; i < 3; i++) await nextFrame();
      // Neither the canvases nor the card's own DOM (legends) do any work off screen.
      expect(updates).to.equal(0);
      expect(renders).to.equal(0);
      expect(drawnEnd()).to.equal(before);
      box.style.top = '0px';
      await waitUntil(() => drawnEnd() > before, 'the chart did not catch up when shown');
      await card.settled();
      expect(updates).to.be.at.least(5);
      expect(renders).to.be.at.least(1);
      expect(drawnEnd() - before).to.be.at.least(100);
    } finally {
      Date.now = realNow;
      MetricChart.prototype.setFrame = original;
    }
  });

  it('a card removed while its charts are being made leaves nothing queued and makes no more', async () => {
    const box = document.createElement('div');
    box.style.width = '720px';
    const card = document.createElement('ps-metric-card');
    Object.assign(card, { provider, target: vtgates, range: '1h', refresh: '0', expanded: true });
    box.append(card);
    document.body.append(box);
    boxes.push(box);
    await waitUntil(() => card.chartInstances.size > 0, 'no chart was made');
    box.remove();
    expect(chartScheduler().pending(card)).to.equal(false);
    await card.settled();
    for (let i = 0; i < 3; i++) await nextFrame();
    expect(card.chartInstances.size).to.equal(0);
  });

  it('a week of 10 s samples: each chart is reduced in a task between frames, then drawn in a frame of its own', async () => {
    // Three charts of 60 480 samples per series (a week at 10 s), as plain `.frames`.
    const end = Math.floor(Date.now() / 1000 / 10) * 10;
    const timestamps = Float64Array.from({ length: 60_480 }, (_, i) => end - (60_479 - i) * 10);
    const wave = (k: number) => Float64Array.from(timestamps, (_, i) => 50 + 40 * Math.sin(i / 700 + k) + (i === 30_000 + k ? 400 : 0));
    const frames: MetricFrame[] = (['cpu', 'memory', 'connections'] as MetricId[]).map((metric, k) => ({
      metric, unit: metric === 'connections' ? 'count' : 'percent', timestamps, series: [{ label: metric, values: wave(k) }],
    }));
    const scheduler = chartScheduler();
    const request = scheduler.request;
    const log: string[] = [];
    const counter = frameCounter();
    // What the card asks the shared scheduler to run, logged: each preparation's answer and each chart made, with its frame.
    scheduler.request = (owner, step, prepare) => request(owner, (): ReturnType<Step> => {
      const result = step();
      if (result === 'created') log.push(`created in frame ${counter.frame()}`);
      return result;
    }, prepare && ((): ReturnType<Prepare> => {
      const worked = prepare();
      if (worked) log.push('prepared');
      return worked;
    }));
    try {
      const box = document.createElement('div');
      box.style.cssText = 'position:absolute;left:0;top:0;width:720px';
      const card = document.createElement('ps-metric-card');
      Object.assign(card, { frames, expanded: true, refresh: '0' });
      box.append(card);
      document.body.append(box);
      boxes.push(box);
      await card.settled();
      expect(card.chartInstances.size).to.equal(3);
      // Prepared, made; prepared, made; …: no chart's week was reduced inside a frame, and no two charts shared one.
      expect(log.map((line) => line.replace(/ \d+$/, ''))).to.deep.equal(Array(3).fill(['prepared', 'created in frame']).flat());
      const madeIn = log.filter((line) => line.startsWith('created')).map((line) => Number(line.split(' ').at(-1)));
      expect(new Set(madeIn).size).to.equal(3);
      // The rows drawn are the reduction of the whole week to the plot's columns: the spike survives, the stats are exact.
      for (const [k, id] of (['cpu', 'memory', 'connections'] as const).entries()) {
        const chart = card.chartInstances.get(id)!;
        const drawn = chart.uplot.data;
        const fresh = decimateMinMax(timestamps, [frames[k].series[0].values], chart.uplot.width - 50, { from: timestamps[0], to: end });
        expect(Array.from(drawn[0]), id).to.deep.equal(fresh.x);
        expect(Array.from(drawn[1]), id).to.deep.equal(fresh.y[0]);
        expect(Math.max(...(drawn[1] as number[])), id).to.equal(Math.max(...frames[k].series[0].values));
        expect(chart.stats, id).to.deep.equal(fresh.stats);
      }
    } finally {
      scheduler.request = request;
      counter.stop();
    }
  });

  it('new data (a range change) reaches the charts through the shared scheduler, chart by chart, not in one task', async () => {
    const { card } = await mount(0);
    const calls: { id: string; scheduled: boolean }[] = [];
    const original = MetricChart.prototype.setFrame;
    MetricChart.prototype.setFrame = function (this: MetricChart, ...args) {
      // Steps run in the scheduler's frame callback (named in the stack of the dev build the tests run).
      calls.push({ id: this.container.dataset.metric!, scheduled: new Error().stack!.includes('runFrame') });
      return original.apply(this, args);
    };
    try {
      card.range = '3h';
      await card.settled();
      expect(calls.map((c) => c.id).sort()).to.deep.equal([...card.chartInstances.keys()].filter((id) => id !== 'storage').sort());
      expect(calls.every((c) => c.scheduled)).to.equal(true);
      for (const [id, chart] of card.chartInstances) {
        if (id !== 'storage') expect(chart.uplot.scales.x.max! - chart.uplot.scales.x.min!, id).to.be.closeTo(3 * 3600, 60);
      }
    } finally {
      MetricChart.prototype.setFrame = original;
    }
  });
});
