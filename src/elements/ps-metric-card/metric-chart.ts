/**
 * One uPlot chart of a metric card: created once, fed with `setFrame`, resized with `setWidth`, themed by mutating the
 * shared palette and calling `redraw`, destroyed on disconnect. Owns its tooltip, rendered with a lit template (text only).
 */
import { html, nothing, render } from 'lit';
import uPlot from 'uplot';
import { unitOf, type MetricSpec } from '../../chart/catalogue.js';
import { MinMaxDecimator, windowIndexes, type SeriesStats, type Window } from '../../chart/decimate.js';
import { formatTimestamp, formatValue } from '../../chart/format.js';
import { continuesFrame } from '../../chart/frames.js';
import { alignedData, buildChartOptions, chartSeries, lineWidth, type ChartPalette } from '../../chart/options.js';
import { samePicture, type Drawing } from '../../chart/redraw.js';
import type { ResolvedThreshold } from '../../chart/plugins.js';
import type { ClusterEvent, MetricFrame, TimeRange } from '../../model/types.js';

export interface MetricChartInit {
  spec: MetricSpec;
  frame: MetricFrame;
  /** The x window (epoch seconds) shown. */
  view: Window;
  width: number;
  height: number;
  palette: ChartPalette;
  syncKey?: string;
  locale?: string;
  events: () => readonly ClusterEvent[];
  thresholds: () => readonly ResolvedThreshold[];
  visible: (label: string) => boolean;
  onZoom?: (range: TimeRange) => void;
  onReset?: () => void;
  /** The rows made ahead by `prepareChart` (used when made for this frame, view and width; else reduced again). */
  prepared?: PreparedChart;
}

/**
 * A chart's samples reduced to its pixels before the chart exists: a week of 10 s samples takes a few ms to reduce, done
 * in a task of its own between frames so the frame that creates the chart only builds and draws it.
 */
export interface PreparedChart {
  readonly frame: MetricFrame;
  readonly view: Window;
  readonly width: number;
  readonly decimator: MinMaxDecimator;
  readonly aligned: ReturnType<typeof alignedData>;
}

/**
 * Samples per pixel column from which a chart counts as large: its reduction is worth a task of its own (a week of 10 s
 * samples is ~95 a column, 2–4 ms per chart; 6 h is ~3, a fraction of a ms) and its dense zigzag costs about twice the
 * raster of a light chart's.
 */
const LARGE_SAMPLES_PER_COLUMN = 8;

/** True when `frame` over `view` holds enough samples per column of a chart `width` px wide to prepare it ahead. */
export function worthPreparing(frame: MetricFrame, view: Window, width: number): boolean {
  const [start, end] = windowIndexes(frame.timestamps, view);
  return end - start > LARGE_SAMPLES_PER_COLUMN * plotPixels(width);
}

/** Reduces `frame` over `view` for a chart `width` px wide, as `new MetricChart` would. */
export function prepareChart(spec: MetricSpec, frame: MetricFrame, view: Window, width: number): PreparedChart {
  const decimator = new MinMaxDecimator();
  return { frame, view, width, decimator, aligned: alignedData(spec, frame, plotPixels(width), view, decimator) };
}

/** True when `prepared` holds the rows of `frame` over `view` at `width`. */
export function preparedFor(prepared: PreparedChart | undefined, frame: MetricFrame, view: Window, width: number): prepared is PreparedChart {
  return prepared?.frame === frame && prepared.view.from === view.from && prepared.view.to === view.to && prepared.width === width;
}

/** Decimate to the plot area's columns (the y axis takes ~50 px of the width). */
function plotPixels(width: number): number {
  return Math.max(16, Math.floor(width - 50));
}

export class MetricChart {
  readonly uplot: uPlot;
  readonly container: HTMLElement;
  frame: MetricFrame;
  view: Window;
  /** Last/min/max/avg of each drawn series (in `chartSeries` order) over `view`, from the same pass that decimated. */
  stats: SeriesStats[];
  /** What the chart was made with, but its first frame, view and prepared rows: a live chart must not keep its first samples alive. */
  private readonly init: Omit<MetricChartInit, 'frame' | 'view' | 'prepared'>;
  private readonly tooltip: HTMLDivElement;
  /** Rows currently drawn, so a redraw with the same frame and view is skipped. */
  private drawnKey = '';
  /** Keeps the per-pixel columns between live-refresh ticks. */
  private readonly decimator: MinMaxDecimator;
  private dense: boolean;
  /** What the canvas shows now, and with which warning levels, so a tick that would change nothing visible is not drawn. */
  private drawing: Drawing;
  private drawnLevels: string;

  constructor(container: HTMLElement, init: MetricChartInit) {
    this.container = container;
    const { frame, view, prepared, ...kept } = init;
    this.init = kept;
    this.frame = frame;
    this.view = view;
    const ready = preparedFor(prepared, frame, view, init.width);
    this.decimator = ready ? prepared.decimator : new MinMaxDecimator();
    const { data, rows } = ready ? prepared.aligned : alignedData(init.spec, frame, plotPixels(init.width), view, this.decimator);
    this.stats = rows.stats;
    this.dense = rows.decimated;
    this.drawing = { x: rows.x, y: rows.y, view };
    this.drawnLevels = this.levelsKey();
    const options = buildChartOptions({
      ...init,
      onCursor: (u, idx) => this.showTooltip(u, idx),
      xRange: () => this.view,
      dense: this.dense,
    });
    this.drawnKey = this.key(frame, view, init.width);
    this.tooltip = document.createElement('div');
    this.tooltip.className = 'tooltip';
    this.tooltip.hidden = true;
    this.tooltip.setAttribute('aria-hidden', 'true');
    // Drawn now rather than in uPlot's usual microtask, so the chart scheduler's timing of this step includes it.
    this.uplot = new uPlot(options, data, (u, draw) => {
      container.append(u.root);
      u.batch(draw);
    });
    this.uplot.over.append(this.tooltip);
    if (init.onReset) this.uplot.over.addEventListener('dblclick', init.onReset);
  }

  /** True when the chart already shows `frame` over `view`. */
  shows(frame: MetricFrame, view: Window): boolean {
    return this.key(frame, view, this.uplot.width) === this.drawnKey;
  }

  /**
   * True when `frame` has the series and the unit this chart was made with: uPlot cannot change its set of series in
   * place, and the axis formats the unit it was built with.
   */
  fits(frame: MetricFrame): boolean {
    const drawn = chartSeries(this.init.spec, this.frame);
    const next = chartSeries(this.init.spec, frame);
    return frame.unit === this.frame.unit && drawn.length === next.length && drawn.every((series, i) => series.label === next[i].label);
  }

  /**
   * New data and/or a new window; re-reduces to the pixels and redraws only when the picture changes (legend stats
   * always follow). True when the canvas was redrawn.
   */
  setFrame(frame: MetricFrame, view: Window): boolean {
    const key = this.key(frame, view, this.uplot.width);
    if (key === this.drawnKey) return false;
    const continues = continuesFrame(frame, this.frame);
    this.frame = frame;
    this.view = view;
    this.drawnKey = key;
    const { data, rows } = alignedData(this.init.spec, frame, plotPixels(this.uplot.width), view, this.decimator, continues);
    this.stats = rows.stats;
    const drawing = { x: rows.x, y: rows.y, view };
    const levels = this.levelsKey();
    // Legends still get the new stats; only the canvas is left as it is.
    if (continues && levels === this.drawnLevels && samePicture(this.drawing, drawing, this.uplot.bbox.width)) return false;
    this.drawing = drawing;
    this.drawnLevels = levels;
    if (rows.decimated !== this.dense) {
      this.dense = rows.decimated;
      chartSeries(this.init.spec, frame).forEach((s, i) => { this.uplot.series[i + 1].width = lineWidth(s, this.dense); });
    }
    this.uplot.batch(() => this.uplot.setData(data, true));
    return true;
  }

  setWidth(width: number): void {
    const w = Math.max(1, Math.floor(width));
    if (w === this.uplot.width) return;
    this.uplot.setSize({ width: w, height: this.uplot.height });
    this.drawnKey = '';
    this.drawing = { x: [], y: [], view: this.view }; // new columns: always drawn
    this.setFrame(this.frame, this.view);
  }

  /** Shows or hides a series by frame label (the latency p99 toggle). */
  setSeriesVisible(label: string, show: boolean): void {
    const index = chartSeries(this.init.spec, this.frame).findIndex((s) => s.label === label);
    if (index >= 0 && this.uplot.series[index + 1].show !== show) this.uplot.setSeries(index + 1, { show });
  }

  /** Repaints with the palette's current colours (after a theme change). */
  redraw(): void {
    this.uplot.redraw(false, true);
  }

  destroy(): void {
    if (this.init.onReset) this.uplot.over.removeEventListener('dblclick', this.init.onReset);
    this.uplot.destroy();
  }

  private levelsKey(): string {
    return this.init.thresholds().map((t) => t.value).join(',');
  }

  private key(frame: MetricFrame, view: Window, width: number): string {
    return `${frameId(frame)}|${view.from}|${view.to}|${width}`;
  }

  private showTooltip(u: uPlot, idx: number | null): void {
    const tip = this.tooltip;
    const left = u.cursor.left ?? -1;
    tip.hidden = idx === null || left < 0;
    if (idx === null || tip.hidden) return;
    const { spec, locale } = this.init;
    // Lit templates write text, never markup; swatches take their colour from a class like the legend's.
    render(html`<div class="tooltip-time">${formatTimestamp(u.data[0][idx], locale)}</div>${chartSeries(spec, this.frame).map((s, i) => (
      u.series[i + 1].show ? html`<div class="tooltip-row"><span class="swatch c${s.color}"></span><span class="tooltip-name">${s.name}</span>
        <span class="tooltip-value">${formatValue(u.data[i + 1][idx] ?? Number.NaN, unitOf(spec, this.frame), locale)}</span></div>` : nothing))}`, tip);
    // Keep the box inside the plot: flip to the cursor's left past the middle.
    const flip = left > u.over.clientWidth / 2;
    tip.style.transform = `translate(${flip ? `calc(${left}px - 100% - 10px)` : `${left + 10}px`}, 6px)`;
  }
}

const frameIds = new WeakMap<MetricFrame, number>();
let nextFrameId = 1;
/** A cheap identity for a frame object (frames are replaced, never mutated, when data changes). */
function frameId(frame: MetricFrame): number {
  let id = frameIds.get(frame);
  if (id === undefined) frameIds.set(frame, (id = nextFrameId++));
  return id;
}
