/**
 * Builds uPlot options and aligned data for one metric chart from a MetricSpec and a MetricFrame.
 * Pure: colours come from a palette object read at draw time, so a theme change is a redraw, not a rebuild.
 */
import type uPlot from 'uplot';
import type { ClusterEvent, MetricFrame, TimeRange, Unit } from '../model/types.js';
import { unitOf, type MetricSpec, type SeriesSpec } from './catalogue.js';
import { MinMaxDecimator, type AlignedRows, type Window } from './decimate.js';
import { formatAxisValue, formatTimeTick } from './format.js';
import { eventMarkersPlugin, thresholdsPlugin, type ResolvedThreshold } from './plugins.js';
import { lastValue } from './stats.js';

/** Resolved colours and font for canvases, which cannot read CSS custom properties themselves. */
export interface ChartPalette {
  /** `--ps-series-1` … `--ps-series-5`. */
  series: string[];
  text: string;
  muted: string;
  grid: string;
  border: string;
  threshold: string;
  marker: string;
  surface: string;
  font: string;
}

/** A palette for tests and for code that runs before styles resolve. */
export const FALLBACK_PALETTE: ChartPalette = {
  series: ['#2563eb', '#d97706', '#7c3aed', '#0d9488', '#db2777'],
  text: '#15181e',
  muted: '#5b6270',
  grid: 'rgba(21, 24, 30, 0.07)',
  border: '#e3e6eb',
  threshold: 'rgba(180, 83, 9, 0.55)',
  marker: '#5b6270',
  surface: '#ffffff',
  font: 'system-ui, sans-serif',
};

/**
 * Most series a chart draws. A query may answer with hundreds (one per label set); a chart of 200 lines reads as a
 * blur and took 250 ms to create (2.6 s for a card of five), so beyond this the highest ones are drawn and the card
 * says how many are left out.
 */
export const MAX_DRAWN_SERIES = 10;

const drawnSeries = new WeakMap<MetricFrame, { spec: MetricSpec; series: SeriesSpec[] }>();

/**
 * The series a chart draws, in column order: the spec's that the frame has, then any the spec does not know — of
 * those, when there are more than `MAX_DRAWN_SERIES` in all, the ones that peak highest.
 */
export function chartSeries(spec: MetricSpec, frame: MetricFrame | undefined): SeriesSpec[] {
  if (!frame) return spec.series;
  const cached = drawnSeries.get(frame);
  if (cached?.spec === spec) return cached.series;
  const labels = new Set(frame.series.map((s) => s.label));
  const known = spec.series.filter((s) => labels.has(s.label));
  let extra = frame.series.filter((s) => !spec.series.some((k) => k.label === s.label));
  const room = Math.max(0, MAX_DRAWN_SERIES - known.length);
  if (extra.length > room) {
    const peaks = new Map(extra.map((s) => [s, peak(s.values)]));
    const highest = new Set([...extra].sort((a, b) => peaks.get(b)! - peaks.get(a)!).slice(0, room));
    extra = extra.filter((s) => highest.has(s));
  }
  const series = [...known, ...extra.map((s, i) => ({ label: s.label, name: s.label, color: ((known.length + i) % 5) + 1 }))];
  drawnSeries.set(frame, { spec, series });
  return series;
}

/** The highest finite value of a column (−∞ for none). */
function peak(values: Float64Array): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  return max;
}

/**
 * Warning lines in data units: fixed levels as they are, relative ones against the newest reference value; a level
 * stated in another unit than the frame's is left out (see `ThresholdSpec.unit`).
 */
export function resolveThresholds(spec: MetricSpec, frame: MetricFrame | undefined): ResolvedThreshold[] {
  const out: ResolvedThreshold[] = [];
  const unit = unitOf(spec, frame);
  for (const level of spec.thresholds) {
    if (level.unit && level.unit !== unit) continue;
    if (!level.relativeTo) {
      out.push({ value: level.value, label: level.label });
      continue;
    }
    const reference = lastValue(frame?.series.find((s) => s.label === level.relativeTo));
    if (Number.isFinite(reference)) out.push({ value: level.value * reference, label: level.label });
  }
  return out;
}

/**
 * Rows for `setData`: the frame's series in `chartSeries` order, reduced to `pixels` columns over `window`.
 * A chart passes its own `decimator`, and `continues` when `frame` only extends the one it drew (live refresh).
 */
export function alignedData(spec: MetricSpec, frame: MetricFrame, pixels: number, window?: Window,
  decimator = new MinMaxDecimator(), continues = false): { data: uPlot.AlignedData; rows: AlignedRows } {
  const columns = chartSeries(spec, frame).map((s) => frame.series.find((f) => f.label === s.label)!.values);
  const rows = decimator.update(frame.timestamps, columns, pixels, window, continues);
  return { data: [rows.x, ...rows.y] as uPlot.AlignedData, rows };
}

/**
 * Stroke width (CSS px) of a series. Lines are 1.5 px, but a series reduced to per-pixel min/max draws a dense zigzag,
 * and a zigzag stroked wider than one device pixel costs ~10× more to rasterise (software canvases measured ~30 ms
 * per chart instead of ~3 ms); at two rows per pixel it reads as a band anyway, so dense series draw at 1 px.
 */
export function lineWidth(series: SeriesSpec, dense: boolean): number {
  return series.reference || dense ? 1 : 1.5;
}

/** `#rrggbb` (or `#rgb`) with an alpha; other colour syntaxes are returned unchanged. */
export function withAlpha(color: string, alpha: number): string {
  let hex = color.trim();
  if (/^#[0-9a-f]{3}$/i.test(hex)) hex = `#${[...hex.slice(1)].map((c) => c + c).join('')}`;
  if (!/^#[0-9a-f]{6}$/i.test(hex)) return color;
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/**
 * Rows (between `i0` and `i1`) a line alone would not show: the last of each run of drawn values whose rows span under
 * 2 px (`toPx` maps x to pixels), between gaps or the ends. A series younger than one step has just its newest point,
 * and a week's chart would look empty without a dot there. Null when there are none.
 */
export function lonePoints(x: ArrayLike<number>, y: ArrayLike<number | null | undefined>, i0: number, i1: number, toPx: (x: number) => number): number[] | null {
  const lone: number[] = [];
  let runStart = -1;
  for (let i = i0; i <= i1 + 1; i++) {
    const drawn = i <= i1 && y[i] != null;
    if (drawn && runStart < 0) runStart = i;
    if (!drawn && runStart >= 0) {
      if (Math.abs(toPx(x[i - 1]) - toPx(x[runStart])) < 2) lone.push(i - 1);
      runStart = -1;
    }
  }
  return lone.length ? lone : null;
}

/**
 * Top of the y axis: above the data, the warning lines and the reference series, on a round number. A percentage
 * that stays within 100 % tops out at 100 %: a CPU at 93 % drew up to 120 %, its top gridline at 100 % under a band
 * of nothing.
 */
export function yRangeMax(dataMax: number, thresholds: readonly ResolvedThreshold[], unit?: Unit): number {
  const top = Math.max(dataMax, ...thresholds.map((t) => t.value));
  if (!(top > 0)) return 1;
  if (unit === 'percent' && top <= 100 && top * 1.08 > 100) return 100;
  const padded = top * 1.08;
  const magnitude = 10 ** Math.floor(Math.log10(padded));
  for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (step * magnitude >= padded) return step * magnitude;
  return 10 * magnitude;
}

export interface ChartOptionsInput {
  spec: MetricSpec;
  /** Its unit formats the y axis (`unitOf`): a frame in another unit needs new options. */
  frame?: MetricFrame;
  width: number;
  height: number;
  /** Read at every draw: mutate it and `redraw()` to change theme. */
  palette: ChartPalette;
  /** Charts with the same key share the crosshair. */
  syncKey?: string;
  locale?: string;
  timeZone?: string;
  /** Read at every draw, like the palette. */
  events?: () => readonly ClusterEvent[];
  /** Read at every draw. */
  thresholds?: () => readonly ResolvedThreshold[];
  /** Series labels to draw; the rest are hidden (latency p99 off by default). */
  visible?: (label: string) => boolean;
  /** Drag-selecting a span calls this with it (epoch ms); no handler, no drag. */
  onZoom?: (range: TimeRange) => void;
  /** The crosshair moved (`idx` null when it left the plot). */
  onCursor?: (chart: uPlot, idx: number | null) => void;
  /** The x window to show (epoch seconds), read whenever uPlot auto-ranges; default: the data's extent. */
  xRange?: () => Window | undefined;
  /** The data is reduced to per-pixel min/max (see `lineWidth`). */
  dense?: boolean;
}

const AXIS_FONT_SIZE = 11;
/** Room a time label needs right of its tick (half of "11:00 PM" at 11 px, less the plot's 8 px right padding). */
const EDGE_LABEL_PX = 16;

/** Tick steps for byte axes: powers of two up to 512 PiB, so ticks read `128 GiB`, not `93.1 GiB`. */
export const BYTE_INCREMENTS: readonly number[] = Array.from({ length: 60 }, (_, i) => 2 ** i);

/** A function that always answers `value` (made out here, so it keeps nothing else of its caller alive). */
const always = <T>(value: T) => (): T => value;

/**
 * uPlot options for one metric chart. No callback in them refers to `input`: a closure would keep all of it alive,
 * the frame included, for as long as the chart lives (a live chart held its first 6 h of samples that way).
 */
export function buildChartOptions(input: ChartOptionsInput): uPlot.Options {
  const { spec, palette, locale, timeZone, xRange } = input;
  const dense = input.dense ?? false;
  const unit = unitOf(spec, input.frame);
  const series = chartSeries(spec, input.frame);
  const font = () => `${AXIS_FONT_SIZE}px ${palette.font}`;
  const thresholds = input.thresholds ?? always(resolveThresholds(spec, input.frame));
  const visible = input.visible ?? ((label: string) => !spec.series.find((s) => s.label === label)?.optional);
  const color = (s: SeriesSpec) => palette.series[(s.color - 1) % palette.series.length];
  const fillSingle = series.filter((s) => !s.reference).length === 1;

  const plugins: uPlot.Plugin[] = [thresholdsPlugin(thresholds, () => palette), eventMarkersPlugin(input.events ?? (() => []), () => palette)];
  const hooks: uPlot.Hooks.Arrays = {};
  if (input.onZoom) {
    const onZoom = input.onZoom;
    hooks.setSelect = [
      (u) => {
        const { left, width } = u.select;
        if (width >= 4) {
          const from = u.posToVal(left, 'x');
          const to = u.posToVal(left + width, 'x');
          if (to > from) onZoom({ from: Math.round(from * 1000), to: Math.round(to * 1000) });
        }
        u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
      },
    ];
  }
  if (input.onCursor) {
    const onCursor = input.onCursor;
    hooks.setCursor = [(u) => onCursor(u, u.cursor.idx ?? null)];
  }

  return {
    width: Math.max(1, Math.floor(input.width)),
    height: Math.max(1, Math.floor(input.height)),
    title: undefined,
    legend: { show: false },
    padding: [10, 8, 0, 0],
    // A dense chart's vertices on whole pixels: each column's min/max pair becomes one vertical run, which Skia
    // rasterises ~3× faster than the sub-pixel zigzag (a week's chart: 4.6 → 1.3 ms of drawPath per chart, trace) and
    // draws crisper; sparse lines keep their sub-pixel positions.
    pxAlign: dense ? 1 : 0,
    cursor: {
      sync: input.syncKey ? { key: input.syncKey, setSeries: false } : undefined,
      drag: { x: Boolean(input.onZoom), y: false, setScale: false },
      points: { size: 7, width: 2, fill: () => palette.surface },
      y: false,
      // Double-click means "reset the zoom", which the card owns for all charts at once.
      bind: { dblclick: () => null },
    },
    focus: { alpha: 1 },
    scales: {
      x: {
        time: true,
        range: (_u, min, max) => {
          const view = xRange?.();
          return view ? [view.from, view.to] : [min ?? 0, max ?? 1];
        },
      },
      y: {
        range: (u, min, max) => {
          const top = yRangeMax(max ?? 0, thresholds(), unit);
          const bottom = spec.zeroBased ? 0 : Math.min(0, min ?? 0);
          return [bottom, top];
        },
      },
    },
    series: [
      {},
      ...series.map<uPlot.Series>((s) => ({
        label: s.name,
        show: visible(s.label),
        stroke: () => color(s),
        width: lineWidth(s, dense),
        dash: s.reference ? [4, 4] : undefined,
        fill: fillSingle && !s.reference ? () => withAlpha(color(s), 0.1) : undefined,
        spanGaps: false,
        // No dots on lines, but a value with nothing to join (between gaps) gets one.
        points: {
          show: false,
          size: 5,
          fill: () => color(s),
          filter: (u, si) => lonePoints(u.data[0], u.data[si], 0, u.data[0].length - 1, (v) => u.valToPos(v, 'x')),
        },
      })),
    ],
    axes: [
      {
        font: font(),
        stroke: () => palette.muted,
        grid: { show: false },
        ticks: { show: true, stroke: () => palette.border, width: 1, size: 4 },
        border: { show: true, stroke: () => palette.border, width: 1 },
        space: 72,
        gap: 4,
        size: 26,
        // A label centred on a tick near the plot's right edge would run past the canvas and be cut ("Dec 2" read
        // "Dec"): its tick and gridline stay, its label goes.
        filter: (u, splits) => splits.map((s) => (u.valToPos(s, 'x') > u.bbox.width / (globalThis.devicePixelRatio || 1) - EDGE_LABEL_PX ? null : s)),
        values: (_u, splits, _axis, _space, increment) => splits.map((s) => (s == null ? '' : formatTimeTick(s, increment, locale, timeZone))),
      },
      {
        font: font(),
        stroke: () => palette.muted,
        grid: { stroke: () => palette.grid, width: 1 },
        ticks: { show: false },
        space: 28,
        gap: 6,
        incrs: unit === 'bytes' ? [...BYTE_INCREMENTS] : undefined,
        size: (u, values) => {
          const longest = Math.max(3, ...(values ?? []).map((v) => v.length));
          return Math.ceil(longest * AXIS_FONT_SIZE * 0.6) + 12;
        },
        values: (_u, splits) => splits.map((v) => formatAxisValue(v, unit, locale)),
      },
    ],
    hooks,
    plugins,
  };
}

let syncCounter = 0;
/** A crosshair-sync key unique to one card, so two cards on a page do not move each other's cursors. */
export function newSyncKey(prefix = 'ps-metric-card'): string {
  syncCounter += 1;
  return `${prefix}-${syncCounter}-${Math.random().toString(36).slice(2, 8)}`;
}
