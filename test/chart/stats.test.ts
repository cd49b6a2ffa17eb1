import { describe, expect, it } from 'vitest';
import { formatAxisValue, formatTimeTick, formatTimestamp } from '../../src/chart/format.js';
import { lastValue, seriesStats, sparklinePath, tableRows } from '../../src/chart/stats.js';
import type { MetricFrame } from '../../src/model/types.js';

const t = Float64Array.from([0, 10, 20, 30, 40]);
const v = Float64Array.from([4, Number.NaN, 10, 2, Number.NaN]);

describe('seriesStats', () => {
  it('ignores gaps and reports the newest finite value', () => {
    expect(seriesStats(t, v)).toEqual({ last: 2, min: 2, max: 10, avg: 16 / 3, count: 3 });
    expect(lastValue({ label: 'x', values: v })).toBe(2);
  });
  it('limits itself to a window', () => {
    expect(seriesStats(t, v, { from: 15, to: 25 })).toEqual({ last: 10, min: 10, max: 10, avg: 10, count: 1 });
  });
  it('says NaN when there is nothing', () => {
    expect(seriesStats(t, new Float64Array(5).fill(Number.NaN)).count).toBe(0);
    expect(Number.isNaN(seriesStats(t, new Float64Array(5).fill(Number.NaN)).last)).toBe(true);
  });
});

describe('sparklinePath and tableRows', () => {
  const frame: MetricFrame = { metric: 'cpu', unit: 'percent', timestamps: t, series: [{ label: 'cpu', values: v }] };
  it('breaks the sparkline at gaps and scales into the box', () => {
    const d = sparklinePath(frame, 0, 100, 20);
    expect(d.match(/M/g)!.length).toBe(2); // one sub-path before the gap, one after
    expect(d.startsWith('M0.0 ')).toBe(true);
    expect(d).toContain('L75.0 19.0'); // the minimum (2) sits on the bottom edge
    expect(sparklinePath({ ...frame, timestamps: new Float64Array(0), series: [{ label: 'cpu', values: new Float64Array(0) }] }, 0, 100, 20)).toBe('');
  });
  it('lists evenly spaced samples including the newest', () => {
    const rows = tableRows(frame, 3);
    expect(rows).toEqual({ times: [0, 20, 40], values: [[4, 10, Number.NaN]], total: 5, stride: 2 });
    expect(tableRows(frame, 2).times).toEqual([10, 40]);
    expect(tableRows(frame, 100).times).toEqual([0, 10, 20, 30, 40]);
  });
});

describe('axis and time formatting', () => {
  it('shortens rates on axes', () => {
    expect(formatAxisValue(1500, 'per_second', 'en-US')).toBe('1.5K');
    expect(formatAxisValue(0.5, 'seconds', 'en-US')).toBe('500ms');
  });
  it('formats ticks and instants in the given locale and zone', () => {
    const at = Date.UTC(2026, 10, 28, 14, 30, 10) / 1000;
    expect(formatTimeTick(at, 600, 'en-GB', 'UTC')).toBe('14:30');
    expect(formatTimeTick(at, 600, 'en-US', 'UTC')).toMatch(/^2:30\sPM$/);
    expect(formatTimeTick(at, 86_400, 'en-US', 'UTC')).toBe('Nov 28');
    expect(formatTimeTick(Date.UTC(2026, 10, 28) / 1000, 3600 * 6, 'en-GB', 'UTC')).toBe('28 Nov');
    expect(formatTimestamp(at, 'en-GB', 'UTC')).toBe('28 Nov, 14:30:10');
  });
});
