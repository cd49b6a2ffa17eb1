import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { continuesFrame } from '../../src/chart/frames.js';
import { appendFrame, frameStep, tailRange } from '../../src/chart/live-frames.js';
import type { MetricFrame } from '../../src/model/types.js';

const frame = (times: number[], reads: number[], writes?: number[]): MetricFrame => ({
  metric: 'reads_writes',
  unit: 'per_second',
  timestamps: Float64Array.from(times),
  series: [
    { label: 'reads', values: Float64Array.from(reads) },
    ...(writes ? [{ label: 'writes', values: Float64Array.from(writes) }] : []),
  ],
});

describe('live refresh frames', () => {
  const base = frame([100, 110, 120], [1, 2, 3], [4, 5, 6]);

  it('asks only for what is newer than the last sample', () => {
    expect(frameStep(base)).toBe(10);
    expect(tailRange(base, 125_000, 0)).toBeUndefined();
    expect(tailRange(base, 131_000, 0)).toEqual({ from: 120_001, to: 131_000 });
    expect(tailRange(frame([], []), 50_000, 10_000)).toEqual({ from: 10_000, to: 50_000 });
  });

  it('appends new samples, skips ones already held and slides the window', () => {
    const tail = frame([120, 130, 140], [30, 7, 8], [60, 9, 10]);
    const next = appendFrame(base, tail, 110_000);
    expect([...next.timestamps]).toEqual([110, 120, 130, 140]);
    expect([...next.series[0].values]).toEqual([2, 3, 7, 8]);
    expect([...next.series[1].values]).toEqual([5, 6, 9, 10]);
    expect([...base.timestamps]).toEqual([100, 110, 120]); // the old frame is untouched
  });

  it('fills a series the tail lacks with gaps, and returns the same frame when nothing changed', () => {
    const next = appendFrame(base, frame([130], [7]), 0);
    expect([...next.series[1].values].map((v) => (Number.isNaN(v) ? 'gap' : v))).toEqual([4, 5, 6, 'gap']);
    expect(appendFrame(base, frame([110, 120], [2, 3]), 0)).toBe(base);
  });

  it('tells a frame extended by appendFrame from one loaded afresh', () => {
    const next = appendFrame(base, frame([130], [7], [8]), 110_000);
    expect(continuesFrame(next, base)).toBe(true);
    expect(continuesFrame(base, base)).toBe(true);
    expect(continuesFrame(appendFrame(next, frame([140], [9], [10]), 0), base)).toBe(false); // only the frame it extends
    expect(continuesFrame(frame([110, 120, 130], [2, 3, 7], [5, 6, 8]), base)).toBe(false); // equal samples, new load
  });

  it('appends tick after tick in place, yet never changes a frame already made (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 60 }), fc.boolean()), { minLength: 1, maxLength: 30 }), (ticks) => {
        let current = frame([0, 10, 20], [0, 1, 2], [0, -1, -2]);
        let clock = 20;
        const made: { frame: MetricFrame; copy: number[][] }[] = [];
        const snapshot = (f: MetricFrame) => [Array.from(f.timestamps), ...f.series.map((s) => Array.from(s.values))];
        for (const [k, [count, drop, branch]] of ticks.entries()) {
          const times = Array.from({ length: count }, (_, i) => clock + 10 * (i + 1));
          // Values differ per tick, so one tick writing over another's samples shows.
          const reads = times.map((t) => t / 10 + k * 1000);
          const writes = times.map((t) => -t / 10 - k * 1000);
          const tail = frame(times, reads, writes);
          // Sometimes a second tick extends the same frame (a retry racing a tick): both must stay intact.
          const parent = branch && made.length > 0 ? made[made.length - 1].frame : current;
          const next = appendFrame(parent, tail, (parent.timestamps[0] + drop) * 1000);
          const expected = snapshot(parent).map((col, c) => [...col.filter((_, i) => parent.timestamps[i] >= parent.timestamps[0] + drop),
            ...[times, reads, writes][c].filter((t, i) => times[i] > parent.timestamps[parent.timestamps.length - 1] || parent.timestamps.length === 0)]);
          expect(snapshot(next)).toEqual(expected);
          made.push({ frame: next, copy: snapshot(next) });
          if (!branch) { current = next; clock = Math.max(clock, ...times); }
          for (const m of made) expect(snapshot(m.frame)).toEqual(m.copy);
        }
      }),
      { numRuns: 200 },
    );
  });
});
