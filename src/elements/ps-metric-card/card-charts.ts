/**
 * The uPlot charts of one `<ps-metric-card>`: which exist, when they are made, fed and taken down. Chart work goes
 * through the page's chart scheduler (frames shared with other cards, nothing drawn off screen); the chart code itself
 * (uPlot, its plugins, the per-pixel reduction) loads the first time the card is expanded.
 */
import type { ReactiveControllerHost } from 'lit';
import { resolveThresholds, type ChartPalette } from '../../chart/options.js';
import { chartScheduler } from '../../controllers/chart-scheduler.js';
import type { ClusterEvent, MetricId, TimeRange } from '../../model/types.js';
import type { CardData, MetricState } from './card-data.js';
import type { MetricChart, PreparedChart } from './metric-chart.js';

const CHART_HEIGHT = 168;

/** What the charts need of their card, read when needed. */
export interface CardChartsOptions {
  /** What the card shows now (undefined: nothing loaded yet). */
  data: () => CardData | undefined;
  /** Charts are drawn at all (the card is expanded). */
  expanded: () => boolean;
  /** The x window a metric's chart shows, in epoch seconds. */
  view: (state: MetricState, data: CardData) => { from: number; to: number };
  /** The container a metric's chart draws into, once rendered. */
  plot: (id: MetricId) => HTMLElement | null;
  palette: ChartPalette;
  syncKey: string;
  locale: () => string | undefined;
  events: () => readonly ClusterEvent[];
  showP99: () => boolean;
  onZoom: (range: TimeRange) => void;
  onReset: () => void;
  /** The chart code failed to load (asked for again at the next update). */
  onCodeError: (thrown: unknown) => void;
}

export class CardCharts {
  /** The charts drawn, by metric. */
  readonly byMetric = new Map<MetricId, MetricChart>();
  private readonly scheduler = chartScheduler();
  /**
   * The chart code (uPlot, its plugins, the per-pixel reduction: four fifths of the card's bundle), loaded when the card
   * is first expanded, while its data loads: a collapsed card (values and sparklines) never downloads it.
   */
  private code?: typeof import('./metric-chart.js');
  private codeLoading?: Promise<unknown>;
  /** New data arrived while the card was off screen: it renders when the card is shown again (its next chart step). */
  private renderWaits = false;
  private legendsChanged = false;
  /** The next chart's rows, made ahead by `prepareStep`; a chart made for other data or width ignores them. */
  private prepared?: PreparedChart;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement, private readonly options: CardChartsOptions) {}

  /** True while the card is on screen, or not known to be off it. */
  get visible(): boolean {
    return this.scheduler.visible(this.host);
  }

  /** True while chart work is queued that the card can do now. */
  get pending(): boolean {
    return this.scheduler.pending(this.host);
  }

  /** Off screen: the card's render waits until it is shown again, when the scheduler calls it back. */
  holdRender(): void {
    this.renderWaits = true;
    this.scheduler.request(this.host, this.chartStep, this.prepareStep);
  }

  /** Loads the chart code (once); resolves when it is there or failed. */
  loadCode(): Promise<unknown> {
    return (this.codeLoading ??= import('./metric-chart.js').then(
      (code) => {
        this.code = code;
        if (this.host.isConnected) this.host.requestUpdate();
      },
      (thrown: unknown) => {
        this.codeLoading = undefined;
        this.options.onCodeError(thrown);
      },
    ));
  }

  /**
   * Brings charts in line with the data, after each render. Stale charts go at once; updates after a user action (zoom,
   * theme, p99) are applied at once so all charts move together; creation and live-refresh updates go to the scheduler.
   */
  sync(): void {
    const data = this.options.data();
    const expanded = this.options.expanded();
    if (expanded && !this.code) void this.loadCode();
    // Not connected (the chart code arrived after the card left): nothing to draw, and nothing for the scheduler to hold.
    if (!expanded || !data || !this.code || !this.host.isConnected) {
      this.destroy();
      return;
    }
    let pending = false;
    const wanted = new Map(data.metrics.filter((m) => m.frame).map((m) => [m.spec.id, m]));
    for (const [id, chart] of this.byMetric) {
      const state = wanted.get(id);
      // A chart goes when its metric left, its container was re-rendered, or its frame brought other series.
      if (!state || this.options.plot(id) !== chart.container || !chart.fits(state.frame!)) {
        chart.destroy();
        this.byMetric.delete(id);
        continue;
      }
      chart.setSeriesVisible('p99', this.options.showP99());
      // New data (a load, a retry, a live-refresh tick) goes to the scheduler chart by chart: seven charts of a week
      // each at once are one long task. A new window on the same data (a zoom) applies at once: all charts move together.
      if (chart.frame !== state.frame) pending = true;
      else if (this.update(chart, state, data) !== 'same') this.legendsChanged = true;
    }
    if (this.legendsChanged) {
      this.legendsChanged = false;
      // Legends read the charts' stats; render them once more now that the charts hold new ones.
      queueMicrotask(() => this.host.requestUpdate());
    }
    if (pending || [...wanted.keys()].some((id) => !this.byMetric.has(id))) this.scheduler.request(this.host, this.chartStep, this.prepareStep);
  }

  /** Repaints every chart (new colours, new event markers). */
  redraw(): void {
    for (const chart of this.byMetric.values()) chart.redraw();
  }

  /** The card changed size: one layout read for all charts (they share a width), then only writes. */
  resize(): void {
    const first = this.byMetric.values().next().value;
    const width = first?.container.clientWidth ?? 0;
    if (width > 0) for (const chart of this.byMetric.values()) chart.setWidth(width);
  }

  /** Takes every chart down and drops the card's queued chart work (collapsed, disconnected). */
  destroy(): void {
    this.scheduler.cancel(this.host);
    for (const chart of this.byMetric.values()) chart.destroy();
    this.byMetric.clear();
    this.prepared = undefined;
  }

  /** Brings one chart to its state; 'same' when it already showed it, 'redrawn' when its canvas was drawn again. */
  private update(chart: MetricChart, state: MetricState, data: CardData): 'same' | 'updated' | 'redrawn' {
    const view = this.options.view(state, data);
    if (chart.shows(state.frame!, view)) return 'same';
    return chart.setFrame(state.frame!, view) ? 'redrawn' : 'updated';
  }

  /**
   * One piece of chart work, run by the page's chart scheduler in a frame it shares with other cards, as many per frame
   * as its time budget allows (the budget counts the canvas rasterising a drawn chart costs at the frame's commit,
   * which script timers cannot see): creates the next missing chart, or brings the next outdated one up to date.
   */
  private readonly chartStep = (): 'created' | boolean | undefined => {
    if (this.renderWaits) {
      // Shown again: render what arrived meanwhile (in this frame); the next steps bring the charts along.
      this.renderWaits = false;
      this.host.requestUpdate();
      return false;
    }
    const data = this.options.data();
    if (!data || !this.options.expanded() || !this.host.isConnected) return undefined;
    const missing = this.nextMissing(data);
    if (missing) {
      const container = this.options.plot(missing.spec.id);
      if (!container) return undefined;
      this.byMetric.set(missing.spec.id, this.create(missing, data, container, this.width(container)));
      this.prepared = undefined;
      // Legends read the charts' stats: render them in this same frame.
      this.host.requestUpdate();
      return 'created';
    }
    const outdated = data.metrics.find((m) => m.frame && !this.byMetric.get(m.spec.id)!.shows(m.frame, this.options.view(m, data)));
    if (!outdated) return undefined;
    const chart = this.byMetric.get(outdated.spec.id)!;
    if (!chart.fits(outdated.frame!)) {
      chart.destroy();
      this.byMetric.delete(outdated.spec.id);
      return false;
    }
    this.host.requestUpdate();
    // A week-wide chart moves 1/100 px per 10 s tick: when its picture did not change, nothing is rasterised.
    return this.update(chart, outdated, data) === 'redrawn';
  };

  /**
   * Between the scheduler's frames, in a task of its own: reduces the next chart's samples to its pixels (and reads the
   * card's width: its first layout), so the frame that creates the chart does not — for large charts only (a week of
   * 10 s samples: 2–4 ms each); a light chart's reduction is cheaper than the task. One chart ahead; false when it is
   * ready or there is nothing worth making.
   */
  private readonly prepareStep = (): boolean => {
    const data = this.options.data();
    const code = this.code;
    if (this.renderWaits || !data || !this.options.expanded() || !this.host.isConnected || !code) return false;
    const missing = this.nextMissing(data);
    const container = missing && this.options.plot(missing.spec.id);
    if (!missing || !container) return false;
    const view = this.options.view(missing, data);
    const width = this.width(container);
    if (!code.worthPreparing(missing.frame!, view, width) || code.preparedFor(this.prepared, missing.frame!, view, width)) return false;
    this.prepared = code.prepareChart(missing.spec, missing.frame!, view, width);
    return true;
  };

  /** The next metric with data but no chart yet: what `chartStep` creates and `prepareStep` prepares. */
  private nextMissing(data: CardData): MetricState | undefined {
    return data.metrics.find((m) => m.frame && !this.byMetric.has(m.spec.id));
  }

  /** All plots share the card's width: the layout is read once, not after every chart added to it. */
  private width(container: HTMLElement): number {
    return this.byMetric.values().next().value?.uplot.width ?? (container.clientWidth || 320);
  }

  private create(state: MetricState, data: CardData, container: HTMLElement, width: number): MetricChart {
    const { options } = this;
    // The callbacks below live as long as the chart: they must not refer to `state`, whose first frame they would keep.
    const { spec } = state;
    const id = spec.id;
    return new this.code!.MetricChart(container, {
      prepared: this.prepared,
      spec,
      frame: state.frame!,
      view: options.view(state, data),
      width,
      height: CHART_HEIGHT,
      palette: options.palette,
      syncKey: options.syncKey,
      locale: options.locale(),
      events: options.events,
      thresholds: () => resolveThresholds(spec, options.data()?.metrics.find((m) => m.spec.id === id)?.frame),
      visible: (label) => label !== 'p99' || options.showP99(),
      onZoom: spec.window ? undefined : options.onZoom,
      onReset: spec.window ? undefined : options.onReset,
    });
  }
}
