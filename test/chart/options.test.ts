import { describe, expect, it } from 'vitest';
import type uPlot from 'uplot';
import { metricSpec } from '../../src/chart/catalogue.js';
import { FALLBACK_PALETTE, alignedData, buildChartOptions, chartSeries, lineWidth, lonePoints, resolveThresholds, withAlpha, yRangeMax, type ChartPalette } from '../../src/chart/options.js';
import { markerLabel } from '../../src/chart/plugins.js';
import type { MetricFrame } from '../../src/model/types.js';

const frame = (metric: MetricFrame['metric'], unit: MetricFrame['unit'], labels: string[], values: (i: number) => number, n = 10): MetricFrame => ({
  metric,
  unit,
  timestamps: Float64Array.from({ length: n }, (_, i) => 1_700_000_000 + i * 10),
  series: labels.map((label, k) => ({ label, values: Float64Array.from({ length: n }, (_, i) => values(i) * (k + 1)) })),
});

type Fn = (...args: unknown[]) => unknown;
const call = (fn: unknown, ...args: unknown[]) => (fn as Fn)(...args);
const fakeChart = {} as uPlot;

describe('buildChartOptions', () => {
  const palette: ChartPalette = { ...FALLBACK_PALETTE, series: ['#111111', '#222222', '#333333', '#444444', '#555555'] };

  it('draws each series in its token colour and hides optional ones (latency p99)', () => {
    const latency = frame('latency', 'seconds', ['p50', 'p95', 'p99'], (i) => 0.01 + i / 1000);
    const options = buildChartOptions({ spec: metricSpec('latency'), frame: latency, width: 400, height: 160, palette });
    const series = options.series.slice(1);
    expect(series.map((s) => s.label)).toEqual(['p50', 'p95', 'p99']);
    expect(series.map((s) => call(s.stroke, fakeChart, 1))).toEqual(['#111111', '#222222', '#333333']);
    expect(series.map((s) => s.show)).toEqual([true, true, false]);
    const shown = buildChartOptions({ spec: metricSpec('latency'), frame: latency, width: 400, height: 160, palette, visible: () => true });
    expect(shown.series.slice(1).map((s) => s.show)).toEqual([true, true, true]);
  });

  it('reads colours at draw time, so a theme change needs no rebuild', () => {
    const live = { ...palette, series: [...palette.series] };
    const options = buildChartOptions({ spec: metricSpec('cpu'), width: 400, height: 160, palette: live });
    live.series[0] = '#abcdef';
    expect(call(options.series[1].stroke, fakeChart, 1)).toBe('#abcdef');
    expect(call(options.series[1].fill, fakeChart, 1)).toBe('rgba(171, 205, 239, 0.1)');
    live.muted = '#999999';
    expect(call(options.axes![1].stroke, fakeChart, 1)).toBe('#999999');
  });

  it('formats y ticks in the metric’s unit and x ticks as locale times', () => {
    const bytes = buildChartOptions({ spec: metricSpec('storage'), width: 400, height: 160, palette, locale: 'en-US' });
    expect(call(bytes.axes![1].values, fakeChart, [0, 512 * 1024 ** 3], 1, 30, 256 * 1024 ** 3)).toEqual(['0 B', '512 GiB']);
    const percent = buildChartOptions({ spec: metricSpec('cpu'), width: 400, height: 160, palette, locale: 'en-US' });
    expect(call(percent.axes![1].values, fakeChart, [0, 35, 70], 1, 30, 35)).toEqual(['0%', '35%', '70%']);
    const lag = buildChartOptions({ spec: metricSpec('replication_lag'), width: 400, height: 160, palette });
    expect(call(lag.axes![1].values, fakeChart, [0.25, 2], 1, 30, 1)).toEqual(['250ms', '2s']);
    const time = call(percent.axes![0].values, fakeChart, [Date.UTC(2026, 10, 28, 14, 30) / 1000], 0, 70, 1800) as string[];
    const expected = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' }).format(new Date(Date.UTC(2026, 10, 28, 14, 30)));
    expect(time.map((x) => x.replace(/\s/g, ' '))).toEqual([expected.replace(/\s/g, ' ')]);
    const days = call(percent.axes![0].values, fakeChart, [Date.UTC(2026, 10, 28, 12) / 1000], 0, 70, 86_400) as string[];
    expect(days[0]).toMatch(/Nov/);
  });

  it('leaves out a time label whose tick sits at the plot’s right edge (the canvas would cut it), keeping the rest', () => {
    const options = buildChartOptions({ spec: metricSpec('cpu'), width: 400, height: 160, palette, locale: 'en-US' });
    // A plot 300 CSS px wide showing x = 0…300 one pixel per unit.
    const u = { bbox: { width: 300 * (globalThis.devicePixelRatio || 1) }, valToPos: (v: number) => v } as unknown as uPlot;
    const shown = call(options.axes![0].filter, u, [0, 100, 200, 290], 0, 70, 100) as (number | null)[];
    expect(shown).toEqual([0, 100, 200, null]);
    const labels = call(options.axes![0].values, u, shown, 0, 70, 100) as string[];
    expect(labels[3]).toBe('');
    expect(labels.slice(0, 3).every((label) => label.length > 0)).toBe(true);
  });

  it('lets the y axis reach the warning level and start at zero', () => {
    const options = buildChartOptions({ spec: metricSpec('cpu'), width: 400, height: 160, palette });
    const range = options.scales!.y.range as (u: uPlot, min: number, max: number, key: string) => [number, number];
    expect(range(fakeChart, 12, 30, 'y')).toEqual([0, 80]);
    // A percentage within 100 % tops out at 100 %; beyond it (a CPU over several cores) the axis goes on.
    expect(range(fakeChart, 40, 93, 'y')).toEqual([0, 100]);
    expect(range(fakeChart, 40, 100, 'y')).toEqual([0, 100]);
    expect(range(fakeChart, 40, 130, 'y')).toEqual([0, 150]);
    expect(yRangeMax(93, [], 'count')).toBe(120);
    expect(yRangeMax(0, [])).toBe(1);
    expect(yRangeMax(0.9, [])).toBe(1);
  });

  it('wires crosshair sync and drag-to-zoom only when asked', () => {
    const plain = buildChartOptions({ spec: metricSpec('cpu'), width: 400, height: 160, palette });
    expect(plain.cursor!.sync).toBeUndefined();
    expect(plain.cursor!.drag!.x).toBe(false);
    let zoomed: { from: number; to: number } | undefined;
    const synced = buildChartOptions({ spec: metricSpec('cpu'), width: 400, height: 160, palette, syncKey: 'k1', onZoom: (r) => (zoomed = r) });
    expect(synced.cursor!.sync!.key).toBe('k1');
    expect(synced.cursor!.drag).toMatchObject({ x: true, y: false, setScale: false });
    const fake = {
      select: { left: 100, width: 50, top: 0, height: 0 },
      posToVal: (px: number) => 1_700_000_000 + px,
      setSelect() {},
    } as unknown as uPlot;
    call(synced.hooks!.setSelect![0], fake);
    expect(zoomed).toEqual({ from: 1_700_000_100_000, to: 1_700_000_150_000 });
  });
});

describe('the frame’s unit', () => {
  // The same metric from different sources (src/providers/*): PlanetScale's VTGate CPU and memory are percent per
  // zone, Prometheus' process_cpu_seconds_total rate is cores and process_resident_memory_bytes bytes.
  const palette = FALLBACK_PALETTE;
  const yRange = (options: uPlot.Options) => options.scales!.y.range as (u: uPlot, min: number, max: number, key: string) => [number, number];
  const yTicks = (options: uPlot.Options, splits: number[]) => call(options.axes![1].values, fakeChart, splits, 1, 30, splits[1] - splits[0]);

  it('formats y ticks in it, not in the catalogue’s', () => {
    const cores = frame('cpu', 'cores', ['cpu'], () => 0.4);
    expect(yTicks(buildChartOptions({ spec: metricSpec('cpu', 'vtgates'), frame: cores, width: 400, height: 160, palette, locale: 'en-US' }), [0, 0.25, 0.5]))
      .toEqual(['0', '0.25', '0.5']);
    const bytes = frame('memory', 'bytes', ['memory'], () => 2 ** 30);
    const memory = buildChartOptions({ spec: metricSpec('memory', 'vtgates'), frame: bytes, width: 400, height: 160, palette, locale: 'en-US' });
    expect(yTicks(memory, [0, 512 * 1024 ** 2, 1024 ** 3])).toEqual(['0 B', '512 MiB', '1 GiB']);
    // Byte axes step in powers of two, whichever metric they belong to.
    expect(memory.axes![1].incrs).toContain(2 ** 30);
    const percent = frame('cpu', 'percent', ['us-east-1a', 'us-east-1b'], () => 40);
    expect(yTicks(buildChartOptions({ spec: metricSpec('cpu', 'vtgates'), frame: percent, width: 400, height: 160, palette, locale: 'en-US' }), [0, 35, 70]))
      .toEqual(['0%', '35%', '70%']);
    // No frame yet: the catalogue's unit.
    expect(yTicks(buildChartOptions({ spec: metricSpec('memory'), width: 400, height: 160, palette, locale: 'en-US' }), [0, 40, 80])).toEqual(['0%', '40%', '80%']);
  });

  it('draws percent warning levels only over percent: none for cores or bytes, and the axis is not stretched to them', () => {
    const cpu = metricSpec('cpu', 'vtgates');
    expect(resolveThresholds(cpu, frame('cpu', 'percent', ['cpu'], () => 40))).toEqual([{ value: 70, label: '70%' }]);
    expect(resolveThresholds(metricSpec('memory'), frame('memory', 'percent', ['memory'], () => 40))).toEqual([{ value: 80, label: '80%' }]);
    const cores = frame('cpu', 'cores', ['cpu'], () => 0.4);
    expect(resolveThresholds(cpu, cores)).toEqual([]);
    expect(resolveThresholds(metricSpec('memory'), frame('memory', 'bytes', ['memory'], () => 2 ** 30))).toEqual([]);
    expect(resolveThresholds(cpu, undefined)).toEqual([{ value: 70, label: '70%' }]);
    expect(yRange(buildChartOptions({ spec: cpu, frame: cores, width: 400, height: 160, palette }))(fakeChart, 0.1, 0.45, 'y')).toEqual([0, 0.5]);
    expect(yRange(buildChartOptions({ spec: cpu, frame: frame('cpu', 'percent', ['cpu'], () => 40), width: 400, height: 160, palette }))(fakeChart, 10, 45, 'y'))
      .toEqual([0, 80]);
  });

  it('keeps relative levels (storage against capacity) in any unit', () => {
    const storage = frame('storage', 'percent', ['used', 'capacity'], () => 50); // capacity 100 (the helper doubles the 2nd series)
    expect(resolveThresholds(metricSpec('storage'), storage).map((l) => l.value)).toEqual([60, 75, 85, 90, 95]);
  });
});

describe('data and thresholds', () => {
  it('resolves storage levels against the newest capacity', () => {
    const storage = frame('storage', 'bytes', ['used', 'capacity'], () => 100);
    storage.series[1].values[9] = Number.NaN; // newest capacity missing: the one before counts
    const levels = resolveThresholds(metricSpec('storage'), storage);
    expect(levels.map((l) => l.label)).toEqual(['60%', '75%', '85%', '90%', '95%']);
    expect(levels.map((l) => l.value)).toEqual([120, 150, 170, 180, 190]);
    expect(resolveThresholds(metricSpec('storage'), undefined)).toEqual([]);
  });

  it('orders columns by the spec and keeps unknown series after them', () => {
    const rw: MetricFrame = { ...frame('reads_writes', 'per_second', ['writes', 'reads', 'deletes'], (i) => i), metric: 'reads_writes' };
    expect(chartSeries(metricSpec('reads_writes'), rw).map((s) => s.label)).toEqual(['reads', 'writes', 'deletes']);
    const { data } = alignedData(metricSpec('reads_writes'), rw, 100);
    expect(data.length).toBe(4);
    expect(data[1][3]).toBe(3 * 2); // reads were the frame's second series (×2)
  });

  it('gives markers short labels and colours alpha', () => {
    expect(markerLabel({ at: 0, kind: 'failover', label: 'Primary failover' })).toBe('Failover');
    expect(markerLabel({ at: 0, kind: 'resize', label: 'Resize to PS-80' })).toBe('Resize');
    expect(withAlpha('#fff', 0.5)).toBe('rgba(255, 255, 255, 0.5)');
    expect(withAlpha('rgb(1, 2, 3)', 0.5)).toBe('rgb(1, 2, 3)');
  });

  it('puts a dot on values a line would not show: a lone sample between gaps, or a run narrower than 2 px', () => {
    const px = (x: number) => x; // one pixel per second
    // The newest point of a series younger than one step: a week of gaps, then one value.
    expect(lonePoints([0, 600, 1200, 1300], [null, null, null, 5], 0, 3, px)).toEqual([3]);
    // A column reduced to two rows under a pixel apart, at either end or between gaps.
    expect(lonePoints([0, 0.5, 10, 20, 20.4, 30], [1, 1, null, 2, 3, null], 0, 5, px)).toEqual([1, 4]);
    // Lines wide enough to see, and nothing drawn: no dots.
    expect(lonePoints([0, 10, 20], [1, 2, 3], 0, 2, px)).toBeNull();
    expect(lonePoints([0, 10], [null, undefined], 0, 1, px)).toBeNull();
    // Only rows i0…i1 count.
    expect(lonePoints([0, 10, 20, 30], [1, null, 2, 3], 1, 3, px)).toBeNull();
    const options = buildChartOptions({ spec: metricSpec('storage'), width: 400, height: 160, palette: FALLBACK_PALETTE });
    expect(options.series[1].points!.show).toBe(false);
    expect(typeof options.series[1].points!.filter).toBe('function');
  });

  it('draws dense (min/max-reduced) series at 1 px and others at 1.5 px, reference lines always thin', () => {
    const spec = metricSpec('cpu');
    const [main] = spec.series;
    expect(lineWidth(main, false)).toBe(1.5);
    expect(lineWidth(main, true)).toBe(1);
    expect(lineWidth({ ...main, reference: true }, false)).toBe(1);
    const palette = FALLBACK_PALETTE;
    const dense = buildChartOptions({ spec, width: 400, height: 160, palette, dense: true });
    const sparse = buildChartOptions({ spec, width: 400, height: 160, palette });
    expect(dense.series[1].width).toBe(1);
    expect(sparse.series[1].width).toBe(1.5);
    // Dense charts snap to whole pixels (cheap to rasterise), sparse ones keep sub-pixel positions.
    expect(dense.pxAlign).toBe(1);
    expect(sparse.pxAlign).toBe(0);
  });
});

describe('a frame with hundreds of series (issue 15, case 6)', () => {
  it('draws the spec\'s series and the highest of the others, at most MAX_DRAWN_SERIES in all, in the frame\'s order', async () => {
    const { MAX_DRAWN_SERIES } = await import('../../src/chart/options.js');
    const timestamps = Float64Array.from({ length: 50 }, (_, i) => 1_700_000_000 + i * 10);
    const series = [
      { label: 'writes', values: timestamps.map(() => 1) },
      ...Array.from({ length: 200 }, (_, i) => ({ label: `instance ${i}`, values: timestamps.map((_, k) => (k === 7 ? (i * 37) % 200 : 0)) })),
    ];
    const frame = { metric: 'reads_writes' as const, unit: 'per_second' as const, timestamps, series };
    const drawn = chartSeries(metricSpec('reads_writes'), frame);
    expect(drawn).toHaveLength(MAX_DRAWN_SERIES);
    expect(drawn[0].label).toBe('writes');
    // Peaks (i × 37) mod 200: the highest nine are 199, 198, … 191, in the frame's order.
    const expected = series.slice(1).filter((s) => s.values[7] >= 191).map((s) => s.label);
    expect(drawn.slice(1).map((s) => s.label)).toEqual(expected);
    // The same answer every time it is asked (legends, the chart and the table agree).
    expect(chartSeries(metricSpec('reads_writes'), frame)).toBe(drawn);
    expect(alignedData(metricSpec('reads_writes'), frame, 40).data).toHaveLength(1 + MAX_DRAWN_SERIES);
  });
});
