/**
 * Benchmark of `<ps-keyspace-heatmap>` with 1 024 shards over 7 days at the simulated provider's step (10 min: 1 008
 * columns; with the reshard's 512 source shards before the cut-over, ≈ 1.5 M cells): data → painted (longest
 * main-thread task, goal < 50 ms), redraws on brightness / theme / scale change and on a resize, hover lookup, and the
 * bytes the picture holds; beside two baselines drawing the same cells: one `fillRect` per cell, and uPlot with a
 * heatmap series path (one Path2D per colour, filled once each), both measured in the same run.
 */
import uPlot from 'uplot';
import '../src/elements/ps-keyspace-heatmap/define.js';
import type { PsKeyspaceHeatmap } from '../src/elements/ps-keyspace-heatmap/ps-keyspace-heatmap.js';
import { heatmapGeometry } from '../src/chart/heatmap/geometry.js';
import { colourScale, valueDomain } from '../src/chart/heatmap/scale.js';
import type { KeyspaceHeatmap } from '../src/model/heatmap.js';
import { SimulatedProvider } from '../src/providers/simulated/index.js';
import { measureMainThread, median, nextPaint, retainedHeapMB, stage } from './support.js';

const NOW = Date.UTC(2026, 10, 20, 12);
const WIDTH = 1200;
const HEIGHT = 640;
const LOOKUPS = 20_000;

export const baselines: Record<string, string> = {
  'data → painted wall ms': 'baseline fillRect per cell wall ms',
  'data → painted longest task ms': 'baseline fillRect per cell longest task ms',
  'uPlot heatmap path wall ms': 'baseline fillRect per cell wall ms',
  'redraw brightness longest task ms': 'data → painted longest task ms',
};

function simulated(): SimulatedProvider {
  return new SimulatedProvider({ scenario: 'sharded', shards: 1024, seed: 1, now: () => NOW });
}

async function provided(): Promise<{ heatmap: KeyspaceHeatmap; figures: Record<string, number> }> {
  const provider = simulated();
  let heatmap: KeyspaceHeatmap | undefined;
  const cost = await marked('simulated provider', () => measureMainThread(async () => {
    heatmap = await provider.getKeyspaceHeatmap({
      keyspace: { database: 'shop', branch: 'main', keyspace: 'shop' }, metric: 'queries', range: { from: NOW - 7 * 86_400_000, to: NOW },
    }, { signal: new AbortController().signal });
  }));
  return {
    heatmap: heatmap!,
    figures: {
      'cells (millions)': heatmap!.values.length / 1e6,
      columns: heatmap!.timestamps.length,
      'simulated provider wall ms': cost.wallMs,
      'simulated provider longest task ms': cost.longestTaskMs,
    },
  };
}

/** Runs a measured phase between `<phase> start` / `<phase> end` marks, which `--trace` turns into CPU figures. */
async function marked<T>(phase: string, work: () => Promise<T>): Promise<T> {
  // From a task of its own: the task that ends the previous step (the hover loop, a baseline) is not this phase's.
  await new Promise((resolve) => setTimeout(resolve, 0));
  performance.mark(`${phase} start`);
  try {
    return await work();
  } finally {
    performance.mark(`${phase} end`);
  }
}

async function settledElement(element: PsKeyspaceHeatmap): Promise<void> {
  await element.settled();
  // The size observer reports on the next frame; the first picture follows it.
  while (element.pictureBytes === 0) await new Promise((resolve) => requestAnimationFrame(resolve));
  await element.settled();
}

/** The colour of each cell as the element would pick it, for the baselines (computed before timing them). */
function cellColours(heatmap: KeyspaceHeatmap): { css: string[]; index: Uint8Array } {
  const scale = colourScale({ kind: 'log', domain: valueDomain(heatmap.values), lowIsDark: true, noData: [40, 40, 40], gap: [0, 0, 0], gapStripe: [0, 0, 0] });
  const css = Array.from(scale.lut, (packed) => `rgb(${packed & 255},${(packed >>> 8) & 255},${(packed >>> 16) & 255})`);
  const index = new Uint8Array(heatmap.values.length);
  for (let i = 0; i < index.length; i++) {
    const value = heatmap.values[i];
    index[i] = value === value ? Math.max(0, Math.min(255, Math.round(scale.position(value) * 255))) : 0;
  }
  return { css, index };
}

/** Baseline 1: a canvas and one fillRect per live cell, in one task (what a straightforward heatmap does). */
function fillRectPerCell(heatmap: KeyspaceHeatmap, colours: { css: string[]; index: Uint8Array }, box: HTMLElement): void {
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = HEIGHT;
  box.append(canvas);
  const context = canvas.getContext('2d')!;
  const geometry = heatmapGeometry(heatmap);
  const columns = geometry.columns;
  const w = WIDTH / columns;
  for (const row of geometry.rows) {
    const y = row.top * HEIGHT;
    const h = Math.max(1, (row.bottom - row.top) * HEIGHT);
    for (let t = row.first; t <= row.last; t++) {
      const i = row.shard * columns + t;
      if (heatmap.values[i] !== heatmap.values[i]) continue;
      context.fillStyle = colours.css[colours.index[i]];
      context.fillRect(t * w, y, w, h);
    }
  }
}

/** Baseline 2: uPlot with a heatmap series path — cells batched into one Path2D per colour bucket, filled once each. */
function uPlotHeatmap(heatmap: KeyspaceHeatmap, colours: { css: string[]; index: Uint8Array }, box: HTMLElement): uPlot {
  const geometry = heatmapGeometry(heatmap);
  const columns = geometry.columns;
  const step = heatmap.timestamps[1] - heatmap.timestamps[0];
  const BUCKETS = 32;
  const paths: uPlot.Series.PathBuilder = (u) => {
    const buckets = Array.from({ length: BUCKETS }, () => new Path2D());
    const x0 = u.valToPos(heatmap.timestamps[0], 'x', true);
    const cellWidth = u.valToPos(heatmap.timestamps[0] + step, 'x', true) - x0;
    for (const row of geometry.rows) {
      const top = u.valToPos(1 - row.top, 'y', true);
      const height = Math.max(1, u.valToPos(1 - row.bottom, 'y', true) - top);
      for (let t = row.first; t <= row.last; t++) {
        const i = row.shard * columns + t;
        if (heatmap.values[i] !== heatmap.values[i]) continue;
        buckets[colours.index[i] >> 3].rect(x0 + t * cellWidth, top, cellWidth, height);
      }
    }
    buckets.forEach((path, b) => {
      u.ctx.fillStyle = colours.css[b * 8 + 4];
      u.ctx.fill(path);
    });
    return null;
  };
  return new uPlot({
    width: WIDTH,
    height: HEIGHT,
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: true }, y: { auto: false, range: [0, 1] } },
    axes: [{}, { show: false }],
    series: [{}, { paths, points: { show: false } }],
  }, [Array.from(heatmap.timestamps), Array.from(heatmap.timestamps, () => 0.5)], box);
}

export async function run(): Promise<Record<string, number>> {
  const { heatmap, figures } = await provided();
  // The data is the provider's (the benchmark holds it); what the element adds is its picture, geometry and DOM.
  const heapBefore = await retainedHeapMB();

  const box = stage(WIDTH, HEIGHT + 240);
  const element = document.createElement('ps-keyspace-heatmap');
  element.style.setProperty('--ps-keyspace-heatmap-height', `${HEIGHT}px`);
  Object.assign(element, { theme: 'dark', database: 'shop', branch: 'main', keyspace: 'shop' });
  box.append(element);
  await element.updateComplete;
  const painted = await marked('data → painted', () => measureMainThread(async () => {
    element.heatmap = heatmap;
    await settledElement(element);
  }));
  figures['data → painted wall ms'] = painted.wallMs;
  figures['data → painted longest task ms'] = painted.longestTaskMs;
  figures['data → painted main-thread busy ms'] = painted.busyMs;
  figures['picture MB (pixel values + RGBA)'] = element.pictureBytes / 2 ** 20;
  const heapAfter = await retainedHeapMB();
  figures['heap retained by the element MB (JS + buffers, data excluded)'] = heapAfter.js - heapBefore.js;
  figures['heap retained by the element MB (Blink DOM)'] = heapAfter.dom - heapBefore.dom;
  figures['heatmap data MB'] = (heatmap.values.byteLength + heatmap.timestamps.byteLength) / 2 ** 20;

  // Redraws without loading: colour-only changes, then a new size (rasterize again).
  const redraw = async (name: string, change: () => Promise<void> | void) => {
    const cost = await marked(`redraw ${name}`, () => measureMainThread(async () => {
      await change();
      await element.settled();
    }));
    figures[`redraw ${name} wall ms`] = cost.wallMs;
    figures[`redraw ${name} longest task ms`] = cost.longestTaskMs;
  };
  await redraw('brightness', () => { element.brightness = 2; });
  await redraw('theme', () => { element.theme = 'light'; });
  await redraw('scale', () => { element.scale = 'linear'; });
  await redraw('resize', async () => {
    box.style.width = `${WIDTH - 200}px`;
    // The resize observer reports in the next frame's rendering; the new picture starts from there.
    await nextPaint();
  });

  // Hover lookup: the shard and step under a point, as pointermove does it.
  const canvas = element.shadowRoot!.querySelector('canvas.picture')!.getBoundingClientRect();
  const points = Array.from({ length: LOOKUPS }, (_, i) => [canvas.left + ((i * 7919) % 1000) / 1000 * canvas.width, canvas.top + ((i * 104729) % 1000) / 1000 * canvas.height]);
  const start = performance.now();
  let found = 0;
  for (const [x, y] of points) if (element.cellAt(x, y)) found++;
  figures['hover lookup µs'] = ((performance.now() - start) / LOOKUPS) * 1000;
  figures['hover lookups that found a shard %'] = (found / LOOKUPS) * 100;
  box.remove();

  // The element loading through a provider (what a page does): the simulated week generated in slices, then checked
  // and laid out in slices by the element, then drawn.
  const loadBox = stage(WIDTH, HEIGHT + 240);
  const loading = document.createElement('ps-keyspace-heatmap');
  loading.style.setProperty('--ps-keyspace-heatmap-height', `${HEIGHT}px`);
  Object.assign(loading, { theme: 'dark', range: '7d', database: 'shop', branch: 'main', keyspace: 'shop' });
  const loaded = await marked('provider → painted', () => measureMainThread(async () => {
    loading.provider = simulated();
    loadBox.append(loading);
    await settledElement(loading);
  }));
  figures['provider → painted wall ms'] = loaded.wallMs;
  figures['provider → painted longest task ms'] = loaded.longestTaskMs;
  loadBox.remove();

  // Baselines on the same data, same size.
  const colours = cellColours(heatmap);
  const fillBox = stage(WIDTH, HEIGHT);
  const filled = await marked('baseline fillRect per cell', () => measureMainThread(() => fillRectPerCell(heatmap, colours, fillBox)));
  figures['baseline fillRect per cell wall ms'] = filled.wallMs;
  figures['baseline fillRect per cell longest task ms'] = filled.longestTaskMs;
  fillBox.remove();
  const plotBox = stage(WIDTH, HEIGHT + 60);
  let plot: uPlot | undefined;
  const uplotCost = await marked('uPlot heatmap path', () => measureMainThread(() => { plot = uPlotHeatmap(heatmap, colours, plotBox); }));
  figures['uPlot heatmap path wall ms'] = uplotCost.wallMs;
  figures['uPlot heatmap path longest task ms'] = uplotCost.longestTaskMs;
  // uPlot commits a redraw in a microtask: measured as the main-thread task it makes, paths rebuilt (a new colour scale).
  const redraws: number[] = [];
  for (let i = 0; i < 3; i++) redraws.push((await measureMainThread(() => plot!.redraw(true, false))).longestTaskMs);
  figures['uPlot heatmap redraw longest task ms'] = median(redraws);
  plot!.destroy();
  plotBox.remove();
  return figures;
}
