import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MinMaxDecimator, decimateMinMax, lowerBound, windowIndexes } from '../../src/chart/decimate.js';
import { seriesStats } from '../../src/chart/stats.js';

const WEEK_AT_10S = 60_480;

function week(): { t: Float64Array; v: Float64Array } {
  const t = new Float64Array(WEEK_AT_10S);
  const v = new Float64Array(WEEK_AT_10S);
  for (let i = 0; i < WEEK_AT_10S; i++) {
    t[i] = 1_700_000_000 + i * 10;
    v[i] = 50 + 10 * Math.sin(i / 500);
  }
  return { t, v };
}

describe('decimateMinMax', () => {
  it('draws ±Infinity as a gap, alone in its column or beside finite samples (no y axis reaches it)', () => {
    // 20 samples on 4 columns: column 1 holds a lone +Infinity, column 3 a -Infinity beside finite values.
    const t = Float64Array.from({ length: 20 }, (_, i) => 1_700_000_000 + (i < 5 ? i : i === 5 ? 50 : 100 + i));
    const v = Float64Array.from({ length: 20 }, (_, i) => (i === 5 ? Infinity : i === 12 ? -Infinity : i));
    const rows = decimateMinMax(t, [v], 4);
    expect(rows.decimated).toBe(true);
    expect(rows.y[0].every((y) => y === null || Number.isFinite(y))).toBe(true);
    expect(rows.y[0][rows.x.indexOf(1_700_000_050)]).toBeNull();
    expect(Math.min(...rows.y[0].filter((y): y is number => y !== null))).toBe(0);
    expect(rows.stats[0]).toMatchObject({ count: 18, min: 0, max: 19 });
  });

  it('reduces 7 days at 10 s to at most 2 rows per pixel', () => {
    const { t, v } = week();
    for (const pixels of [120, 600, 1337]) {
      const rows = decimateMinMax(t, [v, v, v], pixels);
      expect(rows.decimated).toBe(true);
      expect(rows.x.length).toBeLessThanOrEqual(2 * pixels);
      expect(rows.x.length).toBeGreaterThan(pixels); // min and max per column, not one sample
      for (const y of rows.y) expect(y.length).toBe(rows.x.length);
    }
  });

  it('keeps a one-sample spike and a one-sample dip', () => {
    const { t, v } = week();
    v[12_345] = 999;
    v[40_000] = -999;
    const rows = decimateMinMax(t, [v], 600);
    expect(Math.max(...(rows.y[0] as number[]))).toBe(999);
    expect(Math.min(...(rows.y[0] as number[]))).toBe(-999);
  });

  it('keeps each column in time order (min before max when the min came first)', () => {
    const t = Float64Array.from({ length: 100 }, (_, i) => i);
    const v = Float64Array.from({ length: 100 }, (_, i) => (i % 10 === 2 ? -5 : i % 10 === 7 ? 5 : 0));
    const rows = decimateMinMax(t, [v], 10);
    expect(rows.y[0].slice(0, 2)).toEqual([-5, 5]);
    const reversed = decimateMinMax(t, [v.map((x) => -x)], 10);
    expect(reversed.y[0].slice(0, 2)).toEqual([5, -5]);
    // x stays ascending so uPlot can draw it.
    for (let i = 1; i < rows.x.length; i++) expect(rows.x[i]).toBeGreaterThanOrEqual(rows.x[i - 1]);
  });

  it('turns gaps into null, both when copying and when a whole column is missing', () => {
    const t = Float64Array.from([0, 10, 20, 30]);
    const v = Float64Array.from([1, Number.NaN, 3, 4]);
    expect(decimateMinMax(t, [v], 100).y[0]).toEqual([1, null, 3, 4]);

    const { t: wt, v: wv } = week();
    wv.fill(Number.NaN, 20_000, 30_000);
    const rows = decimateMinMax(wt, [wv], 300);
    const nulls = rows.y[0].filter((y) => y === null).length;
    // A sixth of the week is missing: about a sixth of the columns are gaps.
    expect(nulls).toBeGreaterThan(2 * 300 * 0.14);
    expect(nulls).toBeLessThan(2 * 300 * 0.2);
  });

  it('copies data that already fits, untouched', () => {
    const t = Float64Array.from([1, 2, 3]);
    const rows = decimateMinMax(t, [Float64Array.from([5, 6, 7])], 100);
    expect(rows).toEqual({ x: [1, 2, 3], y: [[5, 6, 7]], decimated: false, stats: [{ last: 7, min: 5, max: 7, avg: 6, count: 3 }] });
  });

  it('restricts to a window plus one sample each side', () => {
    const t = Float64Array.from({ length: 100 }, (_, i) => i * 10);
    const v = Float64Array.from({ length: 100 }, (_, i) => i);
    const rows = decimateMinMax(t, [v], 500, { from: 200, to: 300 });
    expect(rows.x[0]).toBe(190);
    expect(rows.x[rows.x.length - 1]).toBe(310);
    expect(windowIndexes(t, { from: 200, to: 300 })).toEqual([19, 32]);
    expect(lowerBound(t, 205)).toBe(21);
  });

  it('gathers exact stats over the window in the same pass, decimated or not', () => {
    const { t, v } = week();
    v[500] = Number.NaN;
    const window = { from: t[1000], to: t[50_000] };
    for (const pixels of [300, 100_000]) {
      const rows = decimateMinMax(t, [v], pixels, window);
      expect(rows.decimated).toBe(pixels === 300);
      const expected = seriesStats(t, v, window);
      expect(rows.stats[0].count).toBe(49_001);
      expect(rows.stats[0].last).toBe(expected.last);
      expect(rows.stats[0].min).toBe(expected.min);
      expect(rows.stats[0].max).toBe(expected.max);
      expect(rows.stats[0].avg).toBeCloseTo(expected.avg, 9);
    }
    expect(decimateMinMax(t, [v], 300).stats[0].count).toBe(WEEK_AT_10S - 1); // the one gap is not counted
  });

  it('never loses the global extremes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(Number.NaN)), { minLength: 1, maxLength: 3000 }),
        fc.integer({ min: 1, max: 400 }),
        (values, pixels) => {
          const t = Float64Array.from(values, (_, i) => i * 10);
          const rows = decimateMinMax(t, [Float64Array.from(values)], pixels);
          const finite = values.filter(Number.isFinite);
          const kept = rows.y[0].filter((y): y is number => y !== null);
          expect(rows.x.length).toBeLessThanOrEqual(Math.max(values.length <= 2 * pixels ? values.length : 0, 2 * pixels));
          if (finite.length === 0) {
            expect(kept).toEqual([]);
            return;
          }
          expect(Math.max(...kept)).toBe(Math.max(...finite));
          expect(Math.min(...kept)).toBe(Math.min(...finite));
        },
      ),
      { numRuns: 200 },
    );
  });
  it('counts every sample once, whatever the columns hold: irregular and repeated timestamps, infinities (property)', () => {
    const sample = fc.oneof({ weight: 8, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
      { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity) });
    fc.assert(
      fc.property(
        // Each sample: its distance to the previous one (0: the same timestamp) and its value.
        fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), sample), { minLength: 1, maxLength: 3000 }),
        fc.integer({ min: 1, max: 300 }),
        (samples, pixels) => {
          let at = 1_700_000_000;
          const t = Float64Array.from(samples, ([gap]) => (at += gap));
          const v = Float64Array.from(samples, ([, value]) => value);
          const rows = decimateMinMax(t, [v], pixels);
          const finite = [...v].filter(Number.isFinite);
          const stats = rows.stats[0];
          expect(stats.count).toBe(finite.length);
          if (finite.length > 0) {
            expect(stats.min).toBe(Math.min(...finite));
            expect(stats.max).toBe(Math.max(...finite));
            expect(stats.last).toBe(finite[finite.length - 1]);
            expect(stats.avg).toBeCloseTo(finite.reduce((a, b) => a + b, 0) / finite.length, 6);
          }
          // Drawn rows keep time order and the extremes of the finite samples; NaN and ±Infinity are gaps.
          expect(rows.x.every((x, i) => i === 0 || x >= rows.x[i - 1])).toBe(true);
          const kept = rows.y[0].filter((y): y is number => y !== null);
          expect(kept.every(Number.isFinite)).toBe(true);
          if (rows.decimated && finite.length > 0) {
            expect(Math.max(...kept)).toBe(Math.max(...finite));
            expect(Math.min(...kept)).toBe(Math.min(...finite));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('MinMaxDecimator (live refresh)', () => {
  const value = fc.oneof({ weight: 8, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) }, { weight: 1, arbitrary: fc.constant(Number.NaN) });
  /** A live-refresh step: `added` new samples (with their gaps to the previous one) and how much the window slides. */
  const step = fc.record({
    added: fc.array(fc.tuple(fc.integer({ min: 1, max: 30 }), value, value), { maxLength: 300 }),
    slide: fc.integer({ min: 0, max: 3000 }),
  });

  it('gives exactly what a fresh computation gives after every append and slide (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 30 }), value, value), { minLength: 0, maxLength: 4000 }),
        fc.array(step, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 300 }),
        fc.option(fc.integer({ min: 1, max: 40_000 })),
        (initial, steps, pixels, span) => {
          let t: number[] = [];
          let a: number[] = [];
          let b: number[] = [];
          let clock = 1_700_000_000;
          const push = ([gap, x, y]: [number, number, number]) => { clock += gap; t.push(clock); a.push(x); b.push(y); };
          initial.forEach(push);
          let to = clock;
          const decimator = new MinMaxDecimator();
          const check = (continues: boolean) => {
            const window = span === null ? undefined : { from: to - span, to };
            const ts = Float64Array.from(t);
            const series = [Float64Array.from(a), Float64Array.from(b)];
            expect(decimator.update(ts, series, pixels, window, continues)).toEqual(decimateMinMax(ts, series, pixels, window));
          };
          check(false);
          for (const { added, slide } of steps) {
            added.forEach(push);
            to += slide;
            // Like appendFrame: samples before the window (less the edge one) are dropped from the front.
            if (span !== null) {
              const keep = Math.max(0, lowerBound(t, to - span) - 1);
              t = t.slice(keep); a = a.slice(keep); b = b.slice(keep);
            }
            check(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reuses its columns: a tick on a week of samples reads only the new ones and the first column', () => {
    const { t, v } = week();
    let reads = 0;
    const counting = new Proxy(v, { get: (target, key) => { if (typeof key === 'string' && /^\d+$/.test(key)) reads++; return Reflect.get(target, key); } });
    const decimator = new MinMaxDecimator();
    const span = t[t.length - 1] - t[0];
    decimator.update(t, [v], 600, { from: t[0], to: t[t.length - 1] }, false);
    const next = Float64Array.from({ length: t.length }, (_, i) => t[0] + (i + 1) * 10);
    const values = new Float64Array(t.length);
    values.set(v.subarray(1));
    values[values.length - 1] = 42;
    const fresh = decimateMinMax(next, [values], 600, { from: next[next.length - 1] - span, to: next[next.length - 1] });
    v.set(values); // the proxy reads the shifted values
    const rows = decimator.update(next, [counting], 600, { from: next[next.length - 1] - span, to: next[next.length - 1] }, true);
    expect(rows).toEqual(fresh);
    // Two columns of ~100 samples each, not 60 480.
    expect(reads).toBeLessThan(1000);
  });
});
