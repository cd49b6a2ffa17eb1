/**
 * Benchmark of `<ps-metric-card>`: a replica's card with all seven charts at 6 h and at 7 days × 10 s
 * (60 480 points × 3 series per chart), against raw uPlot and Chart.js drawing the same columns; live-refresh tick cost;
 * retained JS heap (data included) of the 7-day card against raw uPlot's and the data's own.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { Chart, LineController, LineElement, LinearScale, PointElement } from 'chart.js';
import { defineElement } from '../src/elements/define.js';
import { PsMetricCard } from '../src/elements/ps-metric-card/ps-metric-card.js';
import { MetricChart } from '../src/elements/ps-metric-card/metric-chart.js';
import { metricsFor } from '../src/chart/catalogue.js';
import type { ElementRef, MetricFrame, MetricId, MetricQuery, Topology } from '../src/model/types.js';
import type { DataProvider } from '../src/providers/provider.js';
import { heapMB, heapRetainedBy, measureMainThread, median, nextPaint, stage } from './support.js';

Chart.register(LineController, LineElement, LinearScale, PointElement);
// Registered by hand: a bare `import './define.js'` may be dropped by the bundler under package.json's `sideEffects`.
defineElement('ps-metric-card', PsMetricCard);

const SERIES = 3;
const WIDTH = 720;
const CHART_HEIGHT = 168;
const target: ElementRef = { kind: 'tablet', database: 'shop', branch: 'main', keyspace: 'shop', shard: '-80', tabletId: 'us-east-2b-101' };
const specs = metricsFor(target, 'replica');

/** Smooth, deterministic values with bursts: enough shape that drawing is real work, cheap to make. */
function values(n: number, seed: number): Float64Array {
  const out = new Float64Array(n);
  let noise = 0;
  for (let i = 0; i < n; i++) {
    noise = 0.9 * noise + 0.1 * Math.sin(i * 12.9898 + seed * 78.233) * 43_758.5453 % 1;
    out[i] = 100 + 40 * Math.sin(i / 900 + seed) + 25 * noise + (i % 3001 < 30 ? 80 : 0);
  }
  return out;
}

/** One frame per metric, each with three series (the spec's labels first), ending at `end` (epoch s). */
function makeFrames(points: number, step: number, end: number): Map<MetricId, MetricFrame> {
  const timestamps = Float64Array.from({ length: points }, (_, i) => end - (points - 1 - i) * step);
  return new Map(specs.map((spec, k) => {
    const labels = [...spec.series.map((s) => s.label), 'extra-a', 'extra-b'].slice(0, SERIES);
    return [spec.id, { metric: spec.id, unit: spec.unit, timestamps, series: labels.map((label, j) => ({ label, values: values(points, k * 7 + j) })) }];
  }));
}

/** Answers from prepared frames instantly (rendering is what is measured); tail queries get fresh samples. */
class FramesProvider implements DataProvider {
  constructor(private readonly frames: Map<MetricId, MetricFrame>, private readonly step: number) {}
  getTopology(): Promise<Topology> {
    return Promise.reject(new Error('not used: the card is told role and region'));
  }
  async getMetrics(query: MetricQuery): Promise<MetricFrame> {
    const frame = this.frames.get(query.metric)!;
    const first = frame.timestamps[0] * 1000;
    if (query.range.from <= first + this.step * 1000) return frame;
    // A live-refresh tail: the samples after the frame's end up to `to`.
    const from = Math.ceil(query.range.from / 1000 / this.step) * this.step;
    const n = Math.max(0, Math.floor((query.range.to / 1000 - from) / this.step) + 1);
    const timestamps = Float64Array.from({ length: n }, (_, i) => from + i * this.step);
    return { ...frame, timestamps, series: frame.series.map((s, j) => ({ label: s.label, values: values(n, j) })) };
  }
}

async function mountCard(frames: Map<MetricId, MetricFrame>, step: number, range: string, host: HTMLElement): Promise<PsMetricCard> {
  const card = document.createElement('ps-metric-card');
  Object.assign(card, { provider: new FramesProvider(frames, step), target, tabletRole: 'replica', region: 'us-east-2', range, refresh: '0', expanded: true, theme: 'light' });
  host.append(card);
  await card.settled();
  return card;
}

function rawUPlot(frames: Map<MetricId, MetricFrame>, host: HTMLElement): uPlot[] {
  return [...frames.values()].map((frame) => new uPlot({
    width: WIDTH - 32,
    height: CHART_HEIGHT,
    legend: { show: false },
    cursor: { sync: { key: 'raw' } },
    series: [{}, ...frame.series.map((s, i) => ({ label: s.label, stroke: ['#2563eb', '#d97706', '#7c3aed'][i], width: 1.5 }))],
  }, [frame.timestamps, ...frame.series.map((s) => s.values)], host));
}

function rawChartJs(frames: Map<MetricId, MetricFrame>, host: HTMLElement): Chart[] {
  return [...frames.values()].map((frame) => {
    const canvas = document.createElement('canvas');
    const box = document.createElement('div');
    box.style.cssText = `width:${WIDTH - 32}px;height:${CHART_HEIGHT}px`;
    box.append(canvas);
    host.append(box);
    const t = frame.timestamps;
    return new Chart(canvas, {
      type: 'line',
      data: {
        datasets: frame.series.map((s, i) => ({
          label: s.label,
          data: Array.from(t, (x, k) => ({ x, y: s.values[k] })),
          borderColor: ['#2563eb', '#d97706', '#7c3aed'][i],
          borderWidth: 1.5,
          pointRadius: 0,
        })),
      },
      options: { animation: false, responsive: false, maintainAspectRatio: false, parsing: false, normalized: true, scales: { x: { type: 'linear' } }, plugins: {} },
    });
  });
}

async function measure(label: string, work: (host: HTMLElement) => Promise<unknown> | unknown, figures: Record<string, number>, teardown = true): Promise<HTMLElement> {
  await heapMB(); // collect the previous measurement's garbage now, not during this one
  const host = stage(WIDTH, 4000);
  await nextPaint();
  let made: unknown;
  performance.mark(`${label} start`);
  const { wallMs, busyMs, longestTaskMs } = await measureMainThread(async () => { made = await work(host); });
  performance.mark(`${label} end`);
  figures[`${label} first paint ms`] = wallMs;
  figures[`${label} longest task ms`] = longestTaskMs;
  figures[`${label} main-thread work ms`] = busyMs;
  if (teardown) {
    // Charts left alive keep window listeners and sync subscriptions that would tax later measurements.
    if (Array.isArray(made)) for (const chart of made) (chart as { destroy(): void }).destroy();
    host.remove();
  }
  return host;
}

export const baselines: Record<string, string> = {
  'card 6h first paint ms': 'uPlot 6h first paint ms',
  'card 7d×10s first paint ms': 'uPlot 7d×10s first paint ms',
  'card 6h first chart painted ms': 'uPlot 6h first paint ms',
  'card 7d×10s first chart painted ms': 'uPlot 7d×10s first paint ms',
  'card 6h longest task ms': 'uPlot 6h longest task ms',
  'card 7d×10s longest task ms': 'uPlot 7d×10s longest task ms',
  'Chart.js 7d×10s first paint ms': 'uPlot 7d×10s first paint ms',
  'card 7d×10s heap MB': 'uPlot 7d×10s heap MB',
  'uPlot 7d×10s heap MB': '7d×10s data alone heap MB',
  '7d×10s data alone heap MB': '7d×10s data alone (by hand: 22 × 60 480 × 8 B) MB',
};

export async function run(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const end = Math.floor(Date.now() / 1000 / 10) * 10;
  const sixHours = makeFrames(2161, 10, end);
  const week = makeFrames(60_480, 10, end);

  // Warm up code paths (JIT, font, uPlot CSS) so the first measured run is not a cold start.
  const warm = stage(WIDTH, 2000);
  await mountCard(sixHours, 10, '6h', warm);
  rawUPlot(sixHours, warm).forEach((u) => u.destroy());
  warm.remove();

  await measure('uPlot 6h', (host) => rawUPlot(sixHours, host), figures);
  await measure('card 6h', (host) => mountCard(sixHours, 10, '6h', host), figures);
  await measure('uPlot 7d×10s', (host) => rawUPlot(week, host), figures);
  await measure('card 7d×10s', (host) => mountCard(week, 10, '7d', host), figures);

  // A range change on a drawn card: every chart gets a week of new data (the charts exist; only their data changes).
  {
    const host = stage(WIDTH, 4000);
    const card = document.createElement('ps-metric-card');
    const provider: DataProvider = {
      getTopology: () => Promise.reject(new Error('not used')),
      getMetrics: (query) => new FramesProvider(query.range.to - query.range.from > 7 * 3_600_000 ? week : sixHours, 10).getMetrics(query),
    };
    Object.assign(card, { provider, target, tabletRole: 'replica', region: 'us-east-2', range: '6h', refresh: '0', expanded: true, theme: 'light' });
    host.append(card);
    await card.settled();
    await heapMB();
    performance.mark('card range 6h → 7d start');
    const { wallMs, longestTaskMs } = await measureMainThread(async () => {
      card.range = '7d';
      await card.settled();
    });
    performance.mark('card range 6h → 7d end');
    figures['card range 6h → 7d: all charts redrawn ms'] = wallMs;
    figures['card range 6h → 7d: longest task ms'] = longestTaskMs;
    host.remove();
  }

  // Time until the first chart is on screen (the card draws its charts over several frames).
  for (const [label, frames, range] of [['6h', sixHours, '6h'], ['7d×10s', week, '7d']] as const) {
    await heapMB();
    const host = stage(WIDTH, 4000);
    await nextPaint();
    const start = performance.now();
    const card = document.createElement('ps-metric-card');
    Object.assign(card, { provider: new FramesProvider(frames, 10), target, tabletRole: 'replica', region: 'us-east-2', range, refresh: '0', expanded: true, theme: 'light' });
    host.append(card);
    while (card.chartInstances.size === 0) await new Promise((resolve) => requestAnimationFrame(resolve));
    await nextPaint();
    figures[`card ${label} first chart painted ms`] = performance.now() - start;
    await card.settled();
    host.remove();
  }

  // Live refresh: one tick = fetch the new tail of every metric, append, setData; the clock moves 10 s per tick.
  for (const [label, frames, range] of [['6h', sixHours, '6h'], ['7d×10s', week, '7d']] as const) {
    const host = stage(WIDTH, 4000);
    const card = await mountCard(frames, 10, range, host);
    await heapMB();
    const realNow = Date.now;
    const walls: number[] = [];
    const longest: number[] = [];
    const busy: number[] = [];
    const script: number[] = [];
    // The card's own JS in a tick (its render plus every chart's update: decimate + setData + uPlot's drawing calls);
    // the canvases are rasterised later, at commit, which only the main-thread figures see.
    let spent = 0;
    const timed = <T extends object>(owner: T, name: keyof T) => {
      const original = owner[name] as unknown as (...args: unknown[]) => unknown;
      (owner as Record<keyof T, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
        const t0 = performance.now();
        try { return original.apply(this, args); } finally { spent += performance.now() - t0; }
      };
      return () => { (owner as Record<keyof T, unknown>)[name] = original; };
    };
    const restore = [timed(MetricChart.prototype, 'setFrame'), timed(Object.getPrototypeOf(card) as { update: unknown }, 'update')];
    try {
      for (let tick = 1; tick <= 12; tick++) {
        Date.now = () => realNow() + tick * 10_000;
        spent = 0;
        // Marks for `bench/run.mjs --trace` (the first two ticks warm up, as in the medians below).
        const phase = `card ${label} refresh tick #${tick}`;
        if (tick > 2) performance.mark(`${phase} start`);
        const { wallMs, busyMs, longestTaskMs } = await measureMainThread(() => card.refreshNow());
        if (tick > 2) performance.mark(`${phase} end`);
        walls.push(wallMs);
        longest.push(longestTaskMs);
        busy.push(busyMs);
        script.push(spent);
      }
    } finally {
      Date.now = realNow;
      restore.forEach((undo) => undo());
    }
    // Everything the tick cost the main thread (script, style, layout, paint, canvas rasterisation).
    figures[`card ${label} refresh tick main-thread work ms`] = median(busy.slice(2));
    figures[`card ${label} refresh tick main-thread work per chart ms`] = median(busy.slice(2)) / specs.length;
    figures[`card ${label} refresh tick card JS ms`] = median(script.slice(2));
    figures[`card ${label} refresh tick longest task ms`] = median(longest.slice(2));
    figures[`card ${label} refresh tick wall ms`] = median(walls.slice(2));
    host.remove();
  }

  // Heap: what each keeps alive after a full GC, its data included (made inside the measurement, so the week the
  // benchmark holds is not counted), ArrayBuffers included. The data alone is 22 Float64Arrays of 60 480 samples
  // (one shared timestamp column + 7 metrics × 3 series): 22 × 60 480 × 8 B = 10.15 MB, the hand check.
  figures['7d×10s data alone (by hand: 22 × 60 480 × 8 B) MB'] = (22 * 60_480 * 8) / 2 ** 20;
  figures['7d×10s data alone heap MB'] = (await heapRetainedBy(() => makeFrames(60_480, 10, end))).js;
  const raw = await heapRetainedBy(() => rawUPlot(makeFrames(60_480, 10, end), stage(WIDTH, 4000)));
  figures['uPlot 7d×10s heap MB'] = raw.js;
  figures['uPlot 7d×10s DOM heap MB'] = raw.dom;
  raw.made.forEach((u) => { u.root.parentElement!.remove(); u.destroy(); });
  const card = await heapRetainedBy(async () => {
    const host = stage(WIDTH, 4000);
    await mountCard(makeFrames(60_480, 10, end), 10, '7d', host);
    return host;
  });
  figures['card 7d×10s heap MB'] = card.js;
  figures['card 7d×10s DOM heap MB'] = card.dom;
  card.made.remove();

  // The noise floor: the same probe over an idle wait (other processes on the machine show up here).
  const idle = await measureMainThread(() => new Promise((resolve) => setTimeout(resolve, 400)));
  figures['idle longest task ms (noise floor)'] = idle.longestTaskMs;
  figures['idle main-thread work ms per 400 ms (noise floor)'] = idle.busyMs;

  // Last: Chart.js leaves over a million point objects for the collector.
  await measure('Chart.js 7d×10s', (host) => rawChartJs(week, host), figures);
  return figures;
}
