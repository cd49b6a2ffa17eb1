import { expect, waitUntil } from '@open-wc/testing';
import { frameBudget, type FrameBudget } from '../src/chart/frame-budget.js';
import { createChartScheduler, type ChartScheduler, type Step } from '../src/controllers/chart-scheduler.js';

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/** Waits until the owner has no work it can do now (none left, or it is off screen). */
async function settled(scheduler: ChartScheduler, owner: Element): Promise<void> {
  while (scheduler.pending(owner)) await nextFrame();
}

/** Counts animation frames, so steps can say which frame they ran in. */
function frameCounter(): { frame: () => number; stop: () => void } {
  let frame = 0;
  let running = true;
  const tick = () => {
    frame++;
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return { frame: () => frame, stop: () => { running = false; } };
}

const boxes: HTMLElement[] = [];
/** An owner element on screen (or far below it). */
function owner(offscreen = false): HTMLElement {
  const box = document.createElement('div');
  box.style.cssText = `height:40px;${offscreen ? 'position:absolute;top:4000px;left:0;width:100px' : ''}`;
  document.body.append(box);
  boxes.push(box);
  return box;
}

/** Work of `count` steps that each draw, recording the frame each ran in. */
function work(count: number, frames: () => number, log: number[], costMs = 0): Step {
  let left = count;
  return () => {
    if (left === 0) return undefined;
    const until = performance.now() + costMs;
    while (performance.now() < until) { /* a chart's script */ }
    log.push(frames());
    left--;
    return true;
  };
}

/** A budget that already measured frames: each drawn step costs `drawMs` after its script. */
function measured(budgetMs: number, drawMs: number): FrameBudget {
  const budget = frameBudget(budgetMs);
  budget.beginFrame();
  budget.record(0, true);
  budget.endFrame(drawMs);
  return budget;
}

afterEach(() => {
  for (const box of boxes.splice(0)) box.remove();
});

describe('ChartScheduler', () => {
  it('packs the steps of several owners into shared frames, within the budget', async () => {
    const scheduler = createChartScheduler(measured(30, 2));
    const counter = frameCounter();
    const logs: number[][] = [[], [], []];
    const owners = logs.map(() => owner());
    owners.forEach((o, i) => scheduler.request(o, work(2, counter.frame, logs[i])));
    await Promise.all(owners.map((o) => settled(scheduler, o)));
    counter.stop();
    // Six steps of ~2 ms each (the raster estimate; their script is next to nothing) fit in one 30 ms frame.
    const frames = new Set(logs.flat());
    expect(logs.flat()).to.have.length(6);
    expect(frames.size).to.equal(1);
  });

  it('spreads costly steps over frames, one owner after another', async () => {
    const scheduler = createChartScheduler(measured(12, 1));
    const counter = frameCounter();
    const a: number[] = [];
    const b: number[] = [];
    const first = owner();
    const second = owner();
    // 7 ms of script a step: a second one would overrun the 12 ms budget.
    scheduler.request(first, work(2, counter.frame, a, 7));
    scheduler.request(second, work(2, counter.frame, b, 7));
    await Promise.all([settled(scheduler, first), settled(scheduler, second)]);
    counter.stop();
    // One per frame, and the owners take turns instead of the first finishing before the second starts.
    expect(new Set([...a, ...b]).size).to.equal(4);
    expect(a[0]).to.be.lessThan(b[0]);
    expect(b[0]).to.be.lessThan(a[1]);
  });

  it('learns what drawing costs after the script from the frames it runs', async () => {
    const scheduler = createChartScheduler(frameBudget(12));
    const o = owner();
    const canvas = document.createElement('canvas');
    canvas.width = 600;
    canvas.height = 200;
    o.append(canvas);
    let left = 3;
    scheduler.request(o, () => {
      if (left-- === 0) return undefined;
      const ctx = canvas.getContext('2d')!;
      ctx.beginPath();
      for (let x = 0; x < 600; x++) ctx.lineTo(x, 100 + 90 * Math.sin(x / 7 + left));
      ctx.stroke();
      return true;
    });
    await settled(scheduler, o);
    await waitUntil(() => scheduler.budget.drawCost !== undefined, 'no frame was measured');
    expect(scheduler.budget.drawCost).to.be.at.least(0);
  });

  it('does no work for an off-screen owner, settles it, and catches up when it scrolls into view', async () => {
    const scheduler = createChartScheduler(measured(12, 1));
    const counter = frameCounter();
    const log: number[] = [];
    const hidden = owner(true);
    scheduler.request(hidden, work(3, counter.frame, log));
    await settled(scheduler, hidden);
    for (let i = 0; i < 3; i++) await nextFrame();
    expect(log).to.have.length(0);
    expect(scheduler.pending(hidden)).to.equal(false);
    // Work asked for while off screen replaces the waiting work (the owner's step reads its latest state).
    scheduler.request(hidden, work(2, counter.frame, log));
    for (let i = 0; i < 3; i++) await nextFrame();
    expect(log).to.have.length(0);
    hidden.style.top = '0px';
    await waitUntil(() => log.length === 2, 'the owner did not catch up when shown');
    counter.stop();
    await settled(scheduler, hidden);
    expect(scheduler.pending(hidden)).to.equal(false);
  });

  it('stops an owner that scrolls out of view mid-work, and goes on when it is back', async () => {
    const scheduler = createChartScheduler(measured(12, 1));
    const counter = frameCounter();
    const log: number[] = [];
    const box = owner();
    scheduler.request(box, work(6, counter.frame, log, 7));
    await waitUntil(() => log.length >= 1, 'no step ran');
    box.style.cssText = 'position:absolute;top:5000px;height:40px;width:100px';
    await settled(scheduler, box);
    const seen = log.length;
    expect(seen).to.be.lessThan(6);
    for (let i = 0; i < 3; i++) await nextFrame();
    expect(log.length).to.equal(seen);
    box.style.cssText = 'height:40px';
    await waitUntil(() => log.length === 6, 'the rest of the work never ran');
    counter.stop();
  });

  it('cancel drops the work', async () => {
    const scheduler = createChartScheduler(measured(12, 11));
    const log: number[] = [];
    const box = owner();
    scheduler.request(box, work(100, () => 0, log, 1));
    await nextFrame();
    scheduler.cancel(box);
    expect(scheduler.pending(box)).to.equal(false);
    const seen = log.length;
    for (let i = 0; i < 3; i++) await nextFrame();
    expect(log.length).to.equal(seen);
  });
});
