import { expect, waitUntil } from '@open-wc/testing';
import { frameBudget, type FrameBudget } from '../src/chart/frame-budget.js';
import { createChartScheduler, type ChartScheduler, type Step } from '../src/controllers/chart-scheduler.js';
import { frameCounter } from './support/frame-counter.js';

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/** Waits until the owner has no work it can do now (none left, or it is off screen). */
async function settled(scheduler: ChartScheduler, owner: Element): Promise<void> {
  while (scheduler.pending(owner)) await nextFrame();
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

  describe('preparation between frames', () => {
    /** True while an animation-frame callback runs (requestAnimationFrame is wrapped for these tests). */
    let inFrame = false;
    const raf = window.requestAnimationFrame;
    beforeEach(() => {
      window.requestAnimationFrame = (callback) => raf((time) => {
        inFrame = true;
        try {
          callback(time);
        } finally {
          inFrame = false;
        }
      });
    });
    afterEach(() => {
      window.requestAnimationFrame = raf;
    });

    /**
     * Steps that draw `count` charts, each prepared ahead (`large`) or not; logs each step with its frame, and each
     * preparation (every call, and whether it ran inside a frame).
     */
    function prepared(count: number, frames: () => number, log: string[], large: boolean) {
      let left = count;
      let ready = false;
      const step: Step = () => {
        if (left === 0) return undefined;
        log.push(`step ${frames()}${ready ? ' ready' : ''}`);
        ready = false;
        left--;
        return 'created';
      };
      const prepare = () => {
        if (inFrame) log.push('prepare in a frame');
        if (left === 0 || ready || !large) return false;
        ready = true;
        log.push('prepare');
        return true;
      };
      return { step, prepare };
    }

    /** Three cheap charts in a generous budget (unprepared, all three would share one frame); what ran, in order. */
    async function threeCharts(large: boolean): Promise<string[]> {
      const scheduler = createChartScheduler(measured(30, 1));
      const counter = frameCounter();
      const log: string[] = [];
      const o = owner();
      const { step, prepare } = prepared(3, counter.frame, log, large);
      scheduler.request(o, step, prepare);
      await settled(scheduler, o);
      counter.stop();
      return log;
    }

    it('prepares a large chart in a task before its step, and draws each large chart in a frame of its own', async () => {
      const log = await threeCharts(true);
      const steps = log.filter((line) => line.startsWith('step'));
      expect(steps).to.have.length(3);
      // Every step found its chart ready, prepared in between: prepare, step, prepare, step, …
      expect(log.every((line, i) => (i % 2 === 0 ? line === 'prepare' : line.endsWith(' ready')))).to.equal(true, log.join(', '));
      expect(new Set(steps.map((line) => line.split(' ')[1])).size).to.equal(3);
    });

    it('light charts (nothing worth preparing) still share frames', async () => {
      const log = await threeCharts(false);
      expect(log).to.have.length(3);
      expect(new Set(log.map((line) => line.split(' ')[1])).size).to.equal(1);
    });

    it('tries a light owner\'s preparation once per new work, not before each frame (its frames follow at once)', async () => {
      // Costly steps: they take more than one frame (new charts: two a frame under the first-paint budget).
      const scheduler = createChartScheduler(measured(12, 11));
      const counter = frameCounter();
      const log: string[] = [];
      const o = owner();
      const { step } = prepared(3, counter.frame, log, false);
      let tries = 0;
      const prepare = () => {
        tries++;
        return false;
      };
      const wrapped: Step = () => {
        const result = step();
        // A card asks again after each of its renders, while its work is still queued.
        if (result) scheduler.request(o, wrapped, prepare);
        return result;
      };
      scheduler.request(o, wrapped, prepare);
      await settled(scheduler, o);
      expect(log).to.have.length(3);
      expect(new Set(log.map((line) => line.split(' ')[1])).size).to.equal(2);
      expect(tries).to.equal(1);
      // New work after none: tried again.
      const next = prepared(1, counter.frame, log, false);
      scheduler.request(o, next.step, prepare);
      await settled(scheduler, o);
      counter.stop();
      expect(tries).to.equal(2);
    });

    it("an owner's first step in a frame waits until its preparation was tried", async () => {
      const scheduler = createChartScheduler(measured(30, 1));
      const log: string[] = [];
      const late = owner();
      let tries = 0;
      const step: Step = () => {
        log.push(`step after ${tries} tries`);
        return undefined;
      };
      const prepare = () => {
        tries++;
        return false;
      };
      // Work asked for inside a frame, before the scheduler's own callback of that frame (callbacks run in the order
      // they were asked for): the frame comes before any task could prepare.
      requestAnimationFrame(() => scheduler.request(late, step, prepare));
      const first = owner();
      scheduler.request(first, () => undefined);
      await waitUntil(() => log.length > 0, 'the step never ran');
      await settled(scheduler, late);
      expect(log).to.deep.equal(['step after 1 tries']);
    });

    it('does not prepare for an off-screen owner', async () => {
      const scheduler = createChartScheduler(measured(30, 1));
      const counter = frameCounter();
      const log: string[] = [];
      const hidden = owner(true);
      const { step, prepare } = prepared(2, counter.frame, log, true);
      let calls = 0;
      scheduler.request(hidden, step, () => {
        calls++;
        return prepare();
      });
      // The observer reports within a frame or two; one preparation may run before it did (unknown counts as shown).
      for (let i = 0; i < 4; i++) await nextFrame();
      expect(calls).to.be.at.most(1);
      scheduler.request(hidden, step, () => {
        calls++;
        return prepare();
      });
      for (let i = 0; i < 4; i++) await nextFrame();
      expect(calls).to.be.at.most(1);
      expect(log.filter((line) => line.startsWith('step'))).to.have.length(0);
      hidden.style.top = '0px';
      await waitUntil(() => log.filter((line) => line.startsWith('step')).length === 2, 'the owner did not catch up when shown');
      counter.stop();
    });
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
