/**
 * Benchmark of a portal page (examples/portal): one `<ps-infrastructure>` and twenty expanded `<ps-metric-card>`s
 * (6 h), refreshed every 10 s for twenty minutes of accelerated time (the clock jumps 10 s per tick; every element's tick
 * runs at once, the worst case for sharing frames). Per tick: main-thread work and longest task, how many cards and
 * charts drew and in how many frames; over the run: drawing by off-screen cards (should be none), the longest task,
 * retained heap at the start, after the warm-up, half way and at the end; then how long an off-screen card takes to
 * catch up when scrolled into view.
 *
 * The warm-up is five minutes: the storage charts show a week at 5-minute steps, so only by then has every chart
 * appended a sample once (copying its first load into a buffer with room to grow) and every path of a tick been
 * compiled. Heap snapshots (`--snapshots=dir`, compared with bench/heap-diff.mjs) showed the start → 5 min rise to be
 * that: JIT code and those buffers; a leak keeps growing after it.
 */
import { buildPortal } from '../examples/portal/portal.js';
import { MetricChart } from '../src/elements/ps-metric-card/metric-chart.js';
import type { PsMetricCard } from '../src/elements/ps-metric-card/ps-metric-card.js';
import { SimulatedProvider } from '../src/providers/simulated/index.js';
import { frameCounter } from '../test/support/frame-counter.js';
import { heapSnapshot, measureMainThread, median, nextPaint, retainedHeapMB } from './support.js';

const TICK_MS = 10_000;
/** Twenty minutes of 10 s ticks. */
const TICKS = 120;
/** Ticks before the figures count: five minutes, one step of the storage charts (see above). */
const WARM_UP = 30;
/** The heap is read at the start (after two ticks), after the warm-up, half way through the rest and at the end. */
const START = 2;
const HALF_WAY = WARM_UP + (TICKS - WARM_UP) / 2;

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/** Whether any part of an element is in the viewport now. */
function onScreen(element: Element): boolean {
  const box = element.getBoundingClientRect();
  return box.height > 0 && box.bottom > 0 && box.top < innerHeight;
}

/** The card a chart belongs to. */
const cardOf = (chart: MetricChart) => (chart.container.getRootNode() as ShadowRoot).host as PsMetricCard;

/** The newest sample time a card's first chart shows (epoch s), or NaN without charts. */
function drawnEnd(card: PsMetricCard): number {
  const chart = card.chartInstances.values().next().value;
  const x = chart?.uplot.data[0];
  return x && x.length ? x[x.length - 1] : Number.NaN;
}

export const baselines: Record<string, string> = {
  'tick: frames with chart work': 'tick: charts redrawn',
  'heap after warm-up (5 min) MB': 'heap at the start MB',
  'heap after 12.5 min MB': 'heap after warm-up (5 min) MB',
  'heap after 20 min MB': 'heap after warm-up (5 min) MB',
};

export async function run(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const realNow = Date.now;
  let clock = realNow();
  Date.now = () => clock;
  const restore: (() => void)[] = [() => { Date.now = realNow; }];
  try {
    const provider = new SimulatedProvider({ scenario: 'sharded', shards: 8, now: () => Date.now() });
    const topology = await provider.getTopology({ database: 'shop', branch: 'main' }, { signal: new AbortController().signal });
    const root = document.createElement('main');
    root.style.cssText = 'display:grid;gap:16px;padding:16px;width:1248px';
    document.body.append(root);
    const style = document.createElement('style');
    style.textContent = 'ps-infrastructure{height:620px}.cards{display:grid;gap:16px;grid-template-columns:1fr 1fr}';
    document.head.append(style);
    const { infrastructure, cards } = buildPortal(root, { provider, topology, refresh: '0', range: '6h', theme: 'light' });
    // Scrolled to the middle of the grid, as a reader of the portal would be: a few cards on screen, most not.
    await infrastructure.updateComplete;
    await Promise.all(cards.map((card) => card.settled()));
    cards[8].scrollIntoView({ block: 'start' });
    for (let i = 0; i < 3; i++) await frame();
    await Promise.all(cards.map((card) => card.settled()));
    figures['cards on screen'] = cards.filter(onScreen).length;
    figures['cards with charts at the start'] = cards.filter((card) => card.chartInstances.size > 0).length;

    // Which charts draw, for which card, in which frame.
    const frameClock = frameCounter();
    restore.push(frameClock.stop);
    let redrawn = 0;
    let offScreenDraws = 0;
    const drewIn = new Set<number>();
    const drewFor = new Set<PsMetricCard>();
    const setFrame = MetricChart.prototype.setFrame;
    MetricChart.prototype.setFrame = function (this: MetricChart, ...args: Parameters<MetricChart['setFrame']>) {
      const drew = setFrame.apply(this, args);
      if (drew) {
        redrawn++;
        drewIn.add(frameClock.frame());
        drewFor.add(cardOf(this));
        if (!onScreen(cardOf(this))) offScreenDraws++;
      }
      return drew;
    };
    restore.push(() => { MetricChart.prototype.setFrame = setFrame; });

    const work: number[] = [];
    const longest: number[] = [];
    const charts: number[] = [];
    const frames: number[] = [];
    const drawingCards: number[] = [];
    for (let tick = 1; tick <= TICKS; tick++) {
      clock += TICK_MS;
      redrawn = 0;
      drewIn.clear();
      drewFor.clear();
      if (tick === START + 1) {
        figures['heap at the start MB'] = (await retainedHeapMB()).js;
        await heapSnapshot('start');
      }
      if (tick === WARM_UP + 1) {
        figures['heap after warm-up (5 min) MB'] = (await retainedHeapMB()).js;
        await heapSnapshot('5min');
      }
      if (tick === HALF_WAY + 1) {
        figures['heap after 12.5 min MB'] = (await retainedHeapMB()).js;
        await heapSnapshot('12.5min');
      }
      const phase = `portal tick #${tick}`;
      if (tick > WARM_UP) performance.mark(`${phase} start`);
      const cost = await measureMainThread(async () => {
        await Promise.all([infrastructure.reload(), ...cards.map((card) => card.refreshNow())]);
      });
      if (tick > WARM_UP) performance.mark(`${phase} end`);
      if (tick <= WARM_UP) continue;
      work.push(cost.busyMs);
      longest.push(cost.longestTaskMs);
      charts.push(redrawn);
      frames.push(drewIn.size);
      drawingCards.push(drewFor.size);
    }
    figures['simulated minutes'] = (TICKS * TICK_MS) / 60_000;
    figures['tick: main-thread work ms'] = median(work);
    figures['tick: main-thread work, slowest tick ms'] = Math.max(...work);
    figures['tick: longest task ms'] = median(longest);
    figures['whole run: longest task ms'] = Math.max(...longest);
    figures['tick: cards that drew'] = median(drawingCards);
    figures['tick: charts redrawn'] = median(charts);
    figures['tick: frames with chart work'] = median(frames);
    figures['whole run: charts drawn by off-screen cards'] = offScreenDraws;
    figures['heap after 20 min MB'] = (await retainedHeapMB()).js;
    await heapSnapshot('20min');
    const change = (from: number, to: number) => (100 * (to - from)) / from;
    figures['heap change, start → 5 min (warm-up) %'] = change(figures['heap at the start MB'], figures['heap after warm-up (5 min) MB']);
    figures['heap change, 5 → 12.5 min %'] = change(figures['heap after warm-up (5 min) MB'], figures['heap after 12.5 min MB']);
    figures['heap change, 5 → 20 min %'] = change(figures['heap after warm-up (5 min) MB'], figures['heap after 20 min MB']);

    // Catch-up: cards that never were on screen, scrolled to; time until their charts show the latest tick.
    const catchUp: number[] = [];
    for (const card of cards.filter((c) => c.chartInstances.size === 0).slice(-3)) {
      const start = performance.now();
      card.scrollIntoView({ block: 'start' });
      while (!(drawnEnd(card) * 1000 >= clock - TICK_MS)) await frame();
      await card.settled();
      await nextPaint();
      catchUp.push(performance.now() - start);
    }
    if (catchUp.length) figures['catch-up: off-screen card scrolled into view → current ms'] = median(catchUp);

    const idle = await measureMainThread(() => new Promise((resolve) => setTimeout(resolve, 400)));
    figures['idle main-thread work ms per 400 ms (noise floor)'] = idle.busyMs;
    figures['idle longest task ms (noise floor)'] = idle.longestTaskMs;
    root.remove();
    return figures;
  } finally {
    for (const undo of restore.reverse()) undo();
  }
}
