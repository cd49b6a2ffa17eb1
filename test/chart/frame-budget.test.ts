import { describe, expect, it } from 'vitest';
import { FIRST_PAINT_BUDGET_MS, FRAME_BUDGET_MS, frameBudget, type FrameBudget } from '../../src/chart/frame-budget.js';

/** Runs steps of the given script times (all drawing; with `created`, each a new chart) while they fit; returns how many ran. */
function frame(budget: FrameBudget, scriptMs: number, available = 20, created = false): number {
  budget.beginFrame();
  let ran = 0;
  while (ran < available && budget.fits()) {
    budget.record(scriptMs, true, created);
    ran++;
  }
  return ran;
}

describe('FrameBudget', () => {
  it('runs one drawing step per frame until a frame has been measured', () => {
    const budget = frameBudget(12);
    expect(frame(budget, 1)).toBe(1);
    // Still unmeasured (the frame-end report has not come): the canvas's raster cost is unknown.
    expect(frame(budget, 1)).toBe(1);
  });

  it('always runs the first step of a frame, however costly', () => {
    const budget = frameBudget(12);
    budget.beginFrame();
    budget.record(1, true);
    budget.endFrame(60);
    expect(frame(budget, 40)).toBe(1);
  });

  it('packs cheap charts into one frame and costly ones one per frame, raster included', () => {
    // A 6 h chart: 2 ms of script, and the frame measured 5 ms (3 ms of raster after the script).
    const cheap = frameBudget(12);
    frame(cheap, 2);
    cheap.endFrame(5);
    expect(cheap.drawCost).toBe(3);
    expect(frame(cheap, 2)).toBe(2); // 2 + 3 + 2 + 3 = 10 ≤ 12; a third would make 15
    // A week at 10 s: 5 ms of script and 6 ms of raster per chart.
    const costly = frameBudget(12);
    frame(costly, 5);
    costly.endFrame(11);
    expect(frame(costly, 5)).toBe(1);
  });

  it('a script-only budget would over-pack: the raster measured after the frame is what limits it', () => {
    const budget = frameBudget(12);
    frame(budget, 1);
    budget.endFrame(1); // no raster (e.g. a GPU canvas): many steps fit
    expect(frame(budget, 1)).toBe(12);
    budget.endFrame(12 * 1 + 12 * 8); // then 8 ms of raster per chart appear
    expect(budget.drawCost).toBe(8);
    expect(frame(budget, 1)).toBe(1); // 1 + 8 = 9 ms a chart: two would take 18
  });

  it('steps that drew nothing cost only their script', () => {
    const budget = frameBudget(12);
    frame(budget, 2);
    budget.endFrame(10); // 8 ms per drawn canvas
    budget.beginFrame();
    let quiet = 0;
    while (budget.fits() && quiet < 50) {
      budget.record(0.5, false);
      quiet++;
    }
    // Quiet steps fit until a drawing step's estimate (2 + 8) no longer would: 0.5 × 4 + 10 = 12.
    expect(quiet).toBe(5);
  });

  it('counts a costlier frame at once, and forgets a single odd one after the next ordinary frame', () => {
    const budget = frameBudget(12);
    const measure = (frameMs: number) => {
      frame(budget, 2, 1);
      budget.endFrame(frameMs);
    };
    measure(14); // the first frame also paints the card around the chart
    expect(budget.drawCost).toBe(12);
    measure(4);
    expect(budget.drawCost).toBe(12); // one ordinary frame is not enough
    measure(4);
    expect(budget.drawCost).toBe(2);
    measure(12); // a slow frame (a collection, another process)
    expect(budget.drawCost).toBe(10);
    measure(4);
    expect(budget.drawCost).toBe(2);
    // A lasting rise (a week of samples per chart instead of hours) counts from its first frame on.
    measure(14);
    measure(14);
    measure(14);
    expect(budget.drawCost).toBe(12);
  });

  it('frames that drew nothing teach nothing about drawing', () => {
    const budget = frameBudget();
    budget.beginFrame();
    budget.record(3, false);
    budget.endFrame(40);
    expect(budget.drawCost).toBeUndefined();
    expect(budget.budgetMs).toBe(FRAME_BUDGET_MS);
  });
  describe('first paint', () => {
    // A 6 h chart on a loaded 2-core box: 4 ms of script and 8 ms of raster after it (12 ms a chart).
    const measured = () => {
      const budget = frameBudget(12, 40);
      frame(budget, 4, 1, true);
      budget.endFrame(12);
      return budget;
    };

    it('a frame that only creates charts may spend the first-paint budget: three such charts, not one', () => {
      expect(frame(measured(), 4, 20, true)).toBe(3); // 12 + 12 + 12 = 36 ≤ 40; a fourth would make 48
      expect(frame(measured(), 4, 20, false)).toBe(1); // updating drawn charts keeps the 12 ms budget
    });

    it('falls back to the frame budget once a step of the frame updates a chart instead of creating one', () => {
      const budget = measured();
      budget.beginFrame();
      budget.record(4, true, true);
      expect(budget.fits()).toBe(true);
      budget.record(4, true, false);
      expect(budget.fits()).toBe(false); // 24 spent: over 12, though under 40
    });

    it('still creates one chart per frame until a frame has been measured', () => {
      const budget = frameBudget(12, 40);
      expect(frame(budget, 1, 20, true)).toBe(1);
      expect(frame(budget, 1, 20, true)).toBe(1);
    });

    it('a large chart draws alone: it only opens a frame, and nothing follows it', () => {
      // The costs of a cheap chart (three would share a frame), but the steps are large (reduced ahead, between frames).
      const budget = measured();
      budget.beginFrame();
      expect(budget.fits(true)).toBe(true);
      budget.record(4, true, true, true);
      expect(budget.fits()).toBe(false);
      expect(budget.fits(true)).toBe(false);
      // A light chart first: a large one waits for the next frame; the next frame starts with it.
      budget.beginFrame();
      budget.record(4, true, true);
      expect(budget.fits()).toBe(true);
      expect(budget.fits(true)).toBe(false);
      budget.beginFrame();
      expect(budget.fits(true)).toBe(true);
    });

    it('a large step that drew nothing does not fill the frame', () => {
      const budget = measured();
      budget.beginFrame();
      budget.record(1, false, true, true);
      expect(budget.fits()).toBe(true);
    });

    it('stays under a long task (50 ms) and never below the frame budget', () => {
      expect(FIRST_PAINT_BUDGET_MS).toBeLessThan(50);
      expect(frameBudget(60).firstPaintMs).toBe(60);
      expect(frameBudget().firstPaintMs).toBe(FIRST_PAINT_BUDGET_MS);
    });
  });
});
