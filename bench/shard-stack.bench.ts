/**
 * Benchmark of `<ps-shard-stack>` with 1024 shards: open (through a provider, and as plain data that is validated),
 * scroll to the end frame by frame, jump to the end, filter and clear — the longest main-thread task of each (goal
 * < 50 ms) and the most row elements seen in the DOM; beside the baseline of rendering all 1024 rows without
 * virtualization.
 */
import { html, render } from 'lit';
import '../src/elements/ps-shard-stack/define.js';
import type { PsShardStack } from '../src/elements/ps-shard-stack/ps-shard-stack.js';
import type { Topology } from '../src/model/types.js';
import type { DataProvider } from '../src/providers/provider.js';
import { SimulatedProvider } from '../src/providers/simulated/index.js';
import { measureLongestTask, nextPaint, stage } from './support.js';

const NOW = Date.UTC(2026, 10, 20, 12);
const SHARDS = 1024;
/** Pixels scrolled per frame: a brisk wheel or trackpad fling. */
const SCROLL_STEP = 600;

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * A provider that answers in the next task (as an answer from the network would) with a topology made beforehand,
 * so the figures are the element's alone.
 */
let answeredAt = 0;
function readyProvider(topology: Topology, simulated: SimulatedProvider): DataProvider {
  return {
    getTopology: () => new Promise((resolve) => setTimeout(() => {
      answeredAt = performance.now();
      resolve(topology);
    }, 0)),
    getMetrics: (query, opts) => simulated.getMetrics(query, opts),
  };
}

function mount(props: Partial<PsShardStack>): { element: PsShardStack; box: HTMLElement } {
  const box = stage(960, 700);
  const element = document.createElement('ps-shard-stack');
  element.style.setProperty('--ps-shard-stack-height', '640px');
  Object.assign(element, props);
  box.append(element);
  return { element, box };
}

const rowCount = (element: PsShardStack) => element.shadowRoot!.querySelectorAll('.shard-list [role="option"]').length;
const listOf = (element: PsShardStack) => element.shadowRoot!.querySelector<HTMLElement>('.shard-list')!;

/** Our own timing beside the long-task observer: the synchronous cost of one step, rendering and layout included. */
async function timed(step: () => void | Promise<void>, element: PsShardStack): Promise<number> {
  const start = performance.now();
  await step();
  await element.updateComplete;
  listOf(element).getBoundingClientRect();
  void element.shadowRoot!.querySelector('.shard-list [role="option"]')?.getBoundingClientRect().top;
  return performance.now() - start;
}

/** The plain, non-virtualized list: every row of every shard in the DOM at once. */
function renderAllRows(topology: Topology, into: HTMLElement): void {
  render(
    html`<div style="height:640px;overflow:auto">
      ${topology.shards.map(
        (shard) => html`<div style="display:grid;grid-template-columns:1fr 1fr 1fr 64px 80px 1fr;height:40px;align-items:center">
          <span>${shard.name}</span><span>${shard.keyRange.start || 'min'} – ${shard.keyRange.end || 'max'}</span>
          <span>${shard.tablets.find((t) => t.role === 'primary')?.region ?? 'No primary'}</span>
          <span>${shard.tablets.length - 1}</span>
          <span>${Math.max(...shard.tablets.map((t) => t.lagSeconds ?? 0)).toFixed(1)}s</span>
          <span>${shard.tablets.every((t) => t.serving) ? 'Serving' : 'Not serving'}</span>
        </div>`,
      )}
    </div>`,
    into,
  );
}

export const baselines: Record<string, string> = {
  'open 1024 shards, longest task ms': 'render all 1024 rows, no virtualization ms',
};

export async function run(): Promise<Record<string, number>> {
  const simulated = new SimulatedProvider({ scenario: 'sharded', shards: SHARDS, now: () => NOW });
  const topology = await simulated.getTopology({ database: 'shop', branch: 'main' }, { signal: new AbortController().signal });
  const figures: Record<string, number> = {};

  // Baseline: all rows at once.
  {
    const box = stage(960, 700);
    const start = performance.now();
    renderAllRows(topology, box);
    box.getBoundingClientRect();
    figures['render all 1024 rows, no virtualization ms'] = performance.now() - start;
    await nextPaint();
    box.remove();
  }

  // Open through a provider (the answer is trusted: providers validate their own data).
  let mounted!: { element: PsShardStack; box: HTMLElement };
  let firstRender = 0;
  let answerToRows = 0;
  performance.mark('open start');
  const open = await measureLongestTask(async () => {
    const start = performance.now();
    mounted = mount({ provider: readyProvider(topology, simulated), database: 'shop', branch: 'main' });
    await mounted.element.updateComplete;
    listOf(mounted.element).getBoundingClientRect();
    firstRender = performance.now() - start;
    await mounted.element.dataComplete();
    listOf(mounted.element).getBoundingClientRect();
    answerToRows = performance.now() - answeredAt;
  });
  performance.mark('open end');
  figures['open: first render (skeleton), own timing ms'] = firstRender;
  figures['open: answer → rows laid out, own timing ms'] = answerToRows;
  const { element, box } = mounted;
  figures['open 1024 shards, longest task ms'] = open.longestTaskMs;
  figures['open 1024 shards, wall ms'] = open.wallMs;
  let maxRows = rowCount(element);

  // Scroll to the end a frame at a time.
  const list = listOf(element);
  let longestStep = 0;
  let longestFrame = 0;
  let worstFrame = -1;
  const scroll = await measureLongestTask(async () => {
    let last = performance.now();
    let index = 0;
    for (let top = SCROLL_STEP; top < list.scrollHeight; top += SCROLL_STEP) {
      longestStep = Math.max(longestStep, await timed(() => { list.scrollTop = top; }, element));
      maxRows = Math.max(maxRows, rowCount(element));
      await frame();
      const now = performance.now();
      if (now - last > longestFrame) {
        longestFrame = now - last;
        worstFrame = index;
      }
      last = now;
      index++;
    }
  });
  figures['scroll, longest frame ms'] = longestFrame;
  figures['scroll, index of the longest frame'] = worstFrame;
  figures['scroll to end frame by frame, longest task ms'] = scroll.longestTaskMs;
  figures['scroll step, longest own timing ms'] = longestStep;

  // Jump back to the top and then straight to the end.
  list.scrollTop = 0;
  await nextPaint();
  let jumpStep = 0;
  const jump = await measureLongestTask(async () => {
    jumpStep = await timed(() => { list.scrollTop = list.scrollHeight; }, element);
    await nextPaint();
  });
  maxRows = Math.max(maxRows, rowCount(element));
  const lastShown = [...element.shadowRoot!.querySelectorAll<HTMLElement>('.shard-list [role="option"]')].some((row) => row.dataset.shard === topology.shards[SHARDS - 1].name);
  if (!lastShown) throw new Error('the last shard is not rendered after scrolling to the end');
  figures['jump to end, longest task ms'] = jump.longestTaskMs;
  figures['jump to end, own timing ms'] = jumpStep;

  // Filter as a person types, then clear.
  const input = element.shadowRoot!.querySelector<HTMLInputElement>('input[type="search"]')!;
  let filterStep = 0;
  const filter = await measureLongestTask(async () => {
    for (const text of ['f', 'ff', 'ff8', 'ff', '', 'us-west', 'lagging', '']) {
      filterStep = Math.max(filterStep, await timed(() => {
        input.value = text;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }, element));
      maxRows = Math.max(maxRows, rowCount(element));
      await frame();
    }
  });
  figures['filter and clear, longest task ms'] = filter.longestTaskMs;
  figures['filter keystroke, longest own timing ms'] = filterStep;
  figures['most row elements in the DOM'] = maxRows;
  box.remove();
  await nextPaint();

  // Open as plain data: the element validates 1024 shards itself.
  let plain!: { element: PsShardStack; box: HTMLElement };
  const openPlain = await measureLongestTask(async () => {
    plain = mount({ topology: structuredClone(topology) });
    await plain.element.dataComplete();
  });
  figures['open 1024 shards as plain data (validated), longest task ms'] = openPlain.longestTaskMs;
  plain.box.remove();
  return figures;
}
