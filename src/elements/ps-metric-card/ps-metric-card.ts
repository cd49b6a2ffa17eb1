/** `<ps-metric-card>`: the metrics of a VTGate group or a MySQL node over a time range, drawn with uPlot. */
import { LitElement, html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { cardTitle, metricsFor, unitOf, type MetricSpec, type TargetInfo } from '../../chart/catalogue.js';
import { formatTimestamp, formatValue } from '../../chart/format.js';
import { continuesFrame } from '../../chart/frames.js';
import { FALLBACK_PALETTE, chartSeries, newSyncKey, type ChartPalette } from '../../chart/options.js';
import { lastValue, sparklinePath } from '../../chart/stats.js';
import { ColorSchemeController } from '../../controllers/color-scheme-controller.js';
import { IntervalController } from '../../controllers/interval-controller.js';
import { LoadController } from '../../controllers/load-controller.js';
import { timeoutOr } from '../../controllers/provider-call.js';
import { ProviderController } from '../../controllers/provider-controller.js';
import { SizeController } from '../../controllers/size-controller.js';
import { DataError, toDataError } from '../../model/errors.js';
import {
  DEFAULT_RANGE, RANGE_PRESETS, RANGE_PRESET_LABELS, isRangePreset, parseRangePreset, parseRefresh, rangeFromPreset, refreshOrOff,
} from '../../model/time-range.js';
import type { ClusterEvent, ElementRef, MetricFrame, MetricId, SelectableNode, TabletRole, TimeRange } from '../../model/types.js';
import type { DataProvider } from '../../providers/provider.js';
import { themeStyles, controlStyles, readToken } from '../../theme/tokens.js';
import { emit } from '../events.js';
import {
  loadCardData, loadMetric, metricRange, rangeKey, targetKey,
  type CardData, type MetricState, type RangeChoice,
} from './card-data.js';
import { CardCharts } from './card-charts.js';
import type { MetricChart } from './metric-chart.js';
import { styles } from './ps-metric-card.styles.js';

const SPARK_WIDTH = 120;
const SPARK_HEIGHT = 28;
const DEFAULT_REFRESH = '30s';

type LoadArgs = readonly [DataProvider, ElementRef, RangeChoice, TargetInfo];

/**
 * The metrics of one VTGate group or one MySQL node (tablet): connections, latency, queries, CPU, memory for VTGates;
 * reads/writes, queries, IOPS, CPU, memory, storage (always the past week) and, for replicas, replication lag.
 * Collapsed it lists each metric's current value with a sparkline; expanded it draws synced uPlot charts
 * (shared crosshair, drag to zoom all, double-click or Reset to go back), with legends, warning levels and
 * resize/failover markers. Relative ranges refresh live by appending only the newest samples.
 *
 * @summary Expandable time-series metrics for a VTGate group or a MySQL node.
 *
 * @fires ps-range-change - The range changed: a preset (`{ range: '1h' }`) from the picker, or an absolute
 *   `{ range: { from, to } }` (epoch ms) from drag-zooming; Reset fires the preset again.
 * @fires ps-error - Loading a metric failed (the card shows it next to the chart, with Retry).
 *
 * @csspart card - The card's frame.
 * @csspart header - Title and controls.
 * @csspart chart - One metric's section (title, legend, plot or table).
 * @csspart plot - The box a uPlot chart draws in.
 * @csspart summary - The collapsed list of current values.
 *
 * @cssprop --ps-series-1 - First series colour (also `--ps-series-2` … `--ps-series-5`).
 * @cssprop --ps-color-threshold - Warning-level lines.
 * @cssprop --ps-metric-card-chart-height - Height of each expanded chart (default 168px).
 */
export class PsMetricCard extends LitElement {
  static override styles = [themeStyles, controlStyles, styles];
  // Reactive properties are declared here rather than with `@property`/`@state`: the decorator helpers are ~0.4 KB
  // gzip, a tenth of what the card had to lose to meet its size budget. Each field below carries its documentation.
  static override properties = {
    provider: { attribute: false },
    target: { attribute: false },
    node: { attribute: false },
    database: {},
    branch: {},
    keyspace: {},
    shard: {},
    tablet: {},
    kind: {},
    tabletRole: { attribute: 'tablet-role' },
    region: {},
    heading: {},
    range: {},
    timeRange: { attribute: false },
    expanded: { type: Boolean, reflect: true },
    refresh: {},
    timeout: {},
    theme: { reflect: true },
    locale: {},
    frames: { attribute: false },
    events: { attribute: false },
    zoom: { state: true, attribute: false },
    tableView: { state: true, attribute: false },
    showP99: { state: true, attribute: false },
  };

  /** Data source; defaults to the page-wide provider (`setDefaultProvider`). */
  provider?: DataProvider;
  /** What to show, as an `ElementRef`; takes precedence over the `database`…`kind` attributes. */
  target?: ElementRef;
  /**
   * A node from `<ps-topology>`'s `ps-select` event: sets the target, and for tablets the role and region,
   * so the card neither asks the topology nor tries a lag chart for a primary.
   */
  node?: SelectableNode | null;
  /** Database name (with `branch`, `keyspace` and `kind`/`shard`/`tablet` instead of `.target`). */
  database = '';
  /** Branch name. */
  branch = '';
  /** Keyspace; defaults to the database's name. */
  keyspace = '';
  /** Shard name of a tablet target, e.g. `-80`. */
  shard = '';
  /** Tablet alias of a tablet target, e.g. `zone1-101`. */
  tablet = '';
  /** `vtgates` or `tablet` (default: `tablet` when `tablet` is set, else `vtgates`). */
  kind: '' | 'vtgates' | 'tablet' = '';
  /**
   * The tablet's role (`primary`, `replica`, `rdonly`): decides whether a replication-lag chart exists and titles the card.
   * Not named `role` because that attribute is the element's ARIA role. When absent it is read from the topology.
   */
  tabletRole: '' | TabletRole = '';
  /** Region shown in the title (e.g. `us-west-2`); read from the topology when absent. */
  region = '';
  /** Replaces the generated title ("Replica · us-west-2 · shard -80"). */
  heading = '';
  /** A preset: `15m 1h 3h 6h 12h 1d 2d 7d` (default `6h`). Ignored while `.timeRange` is set. */
  range: string = DEFAULT_RANGE;
  /** An absolute window `{ from, to }` in epoch ms instead of `range`; no live refresh. */
  timeRange?: TimeRange | null;
  /** Full charts when true; current values and sparklines when false. */
  expanded = false;
  /** Live refresh period for relative ranges (`30s` default, `0` off). */
  refresh = DEFAULT_REFRESH;
  /** How long to wait for each answer, e.g. `30s` (default) or `2m`; `0` waits forever. Then: that chart's error, with Retry. */
  timeout = '';
  /** `light`, `dark` or `auto` (follows the OS). */
  theme: 'light' | 'dark' | 'auto' = 'auto';
  /** Locale for numbers and times (default: the browser's). */
  locale?: string;
  /** Plain data instead of a provider: one frame per metric; the metric set follows the frames. */
  frames?: MetricFrame[] | null;
  /** Markers to draw with `.frames` (a provider's `getEvents` supplies them otherwise). */
  events?: ClusterEvent[] | null;

  /** The drag-zoomed window (epoch ms), shared by every chart but storage's. */
  private zoom?: TimeRange;
  /** Samples listed as tables instead of charts ("View as table"). */
  private tableView = false;
  /** The latency chart draws its p99 series. */
  private showP99 = false;

  private readonly providers = new ProviderController(this, () => this.provider);
  private readonly loader: LoadController<LoadArgs, CardData>;
  private readonly palette: ChartPalette = { ...FALLBACK_PALETTE, series: [...FALLBACK_PALETTE.series] };
  private readonly charts = new CardCharts(this, {
    data: () => this.data,
    expanded: () => this.expanded,
    view: (state, data) => this.viewOf(state, data),
    plot: (id) => this.plotContainer(id),
    palette: this.palette,
    syncKey: newSyncKey(),
    locale: () => this.locale,
    events: () => this.data?.events ?? [],
    showP99: () => this.showP99,
    onZoom: (range) => this.zoomTo(range),
    onReset: () => this.resetZoom(),
    onCodeError: (thrown) => emit(this, 'ps-error', { error: toDataError(thrown) }),
  });
  private refreshAbort?: AbortController;
  /**
   * Each chart's Retry under way, with its own controller: a new load or a disconnect cancels them all, a second
   * click on the same chart its first request, and another chart's Retry none of them.
   */
  private readonly retries = new Map<MetricId, AbortController>();
  /** `theme="auto"`: the charts' canvas colours follow the system's preference. */
  private readonly colorScheme = new ColorSchemeController(this, () => this.applyTheme());

  constructor() {
    super();
    this.loader = new LoadController<LoadArgs, CardData>(this, {
      args: () => {
        const provider = this.providers.provider;
        const target = this.resolvedTarget;
        if (this.hasFrames || !provider || !target) return undefined;
        return [provider, target, this.rangeChoice, this.knownInfo] as const;
      },
      argsEqual: (a, b) => a[0] === b[0] && targetKey(a[1]) === targetKey(b[1]) && rangeKey(a[2]) === rangeKey(b[2])
        && JSON.stringify(a[3]) === JSON.stringify(b[3]),
      load: ([provider, target, range, known], signal) => {
        this.refreshAbort?.abort();
        this.abortRetries();
        return loadCardData({ provider, target, range, known, previous: this.loader.value, now: Date.now(), signal, timeoutMs: this.timeoutMs,
          late: (loadId, apply) => this.applyLate(loadId, apply) }).then((data) => {
          const failed = data.metrics.find((m) => m.error);
          if (failed?.error) emit(this, 'ps-error', { error: failed.error });
          return data;
        });
      },
      onError: (error) => emit(this, 'ps-error', { error }),
      timeoutMs: () => this.timeoutMs,
    });
    new IntervalController(this, () => this.refreshMs, () => void this.tick());
    new SizeController(this, () => this.charts.resize());
  }

  // ---- inputs, resolved ----

  /** The target from `.target`, `.node` or the attributes; undefined when incomplete. */
  get resolvedTarget(): ElementRef | undefined {
    if (this.target) return this.target;
    if (this.node && (this.node.kind === 'vtgates' || this.node.kind === 'tablet')) return this.node.ref;
    if (!this.database || !this.branch) return undefined;
    const keyspace = this.keyspace || this.database;
    const kind = this.kind || (this.tablet ? 'tablet' : 'vtgates');
    if (kind === 'vtgates') return { kind, database: this.database, branch: this.branch, keyspace };
    if (!this.tablet || !this.shard) return undefined;
    return { kind, database: this.database, branch: this.branch, keyspace, shard: this.shard, tabletId: this.tablet };
  }

  private get knownInfo(): TargetInfo {
    const info: TargetInfo = {};
    const node = this.node?.kind === 'tablet' && !this.target ? this.node : undefined;
    const role = this.tabletRole || node?.role;
    const region = this.region || node?.region;
    if (role) info.role = role;
    if (region) info.region = region;
    return info;
  }

  private get rangeChoice(): RangeChoice {
    if (this.timeRange && this.timeRange.to > this.timeRange.from) return { absolute: { from: this.timeRange.from, to: this.timeRange.to } };
    return { preset: isRangePreset(this.range) ? this.range : DEFAULT_RANGE };
  }

  /** Problems with the element's own inputs, shown above the charts. */
  private get inputErrors(): DataError[] {
    const errors: DataError[] = [];
    if (!this.timeRange) {
      try { parseRangePreset(this.range); } catch (e) { errors.push(toDataError(e)); }
    }
    try { parseRefresh(this.refresh); } catch (e) { errors.push(toDataError(e)); }
    return errors;
  }

  private get timeoutMs(): number {
    return timeoutOr(this.timeout);
  }

  private get refreshMs(): number {
    const data = this.data;
    if (!data?.relative || this.zoom || this.hasFrames) return 0;
    return refreshOrOff(this.refresh);
  }

  /** What is on screen: plain `.frames`, or what the provider gave. */
  private get data(): CardData | undefined {
    if (this.hasFrames) return this.framesData(this.frames);
    return this.loader.value;
  }

  /** Plain data was given (anything but null/undefined, so `0` or `''` is an error, not "no frames"). */
  private get hasFrames(): boolean {
    return this.frames !== undefined && this.frames !== null;
  }

  /** `.frames` as last checked: the input, and its data or why it was rejected. */
  private framesCache?: { input: unknown; data?: CardData; error?: DataError };
  /** The newest `.frames` that passed validation: kept on screen while newer ones are rejected. */
  private lastGoodFrames?: CardData;

  /** The `.frames` check under way (its parser loads on first use); `settled()` waits for it. */
  private framesCheck?: Promise<void>;

  /** `.frames` validated once per array set: bad frames show an error (and `ps-error`) and the last good charts stay. */
  private framesData(input: unknown): CardData | undefined {
    // Object.is: `.frames = NaN` is one input, checked once, not a new one on every render.
    const checked = this.framesCache && Object.is(this.framesCache.input, input) ? this.framesCache : undefined;
    if (!checked && this.framesCheck === undefined) this.checkFrames(input);
    return checked?.data ?? this.lastGoodFrames;
  }

  private checkFrames(input: unknown): void {
    const check = import('./frames-input.js')
      .then(({ frameData }) => ({ input, ...frameData(input, this.events, this.resolvedTarget?.kind, this.knownInfo) }))
      .catch((thrown: unknown) => ({ input, error: toDataError(thrown) }))
      .then((result: NonNullable<typeof this.framesCache>) => {
        this.framesCheck = undefined;
        this.framesCache = result;
        if (result.data) this.lastGoodFrames = result.data;
        if (result.error) emit(this, 'ps-error', { error: result.error });
        this.requestUpdate();
      });
    this.framesCheck = check;
  }

  /** Resolves once the current load (if any) settled and the charts for it exist. */
  async settled(): Promise<void> {
    await this.updateComplete;
    if (this.tableView) await this.tables;
    while (this.framesCheck) {
      await this.framesCheck;
      await this.updateComplete;
    }
    await this.loader.settled();
    if (this.expanded) await this.charts.loadCode();
    await this.updateComplete;
    // Charts are drawn in frames shared with every card on the page; off screen they wait until the card is shown.
    while (this.charts.pending) await new Promise((resolve) => requestAnimationFrame(resolve));
    await this.updateComplete;
  }

  /** The uPlot instances drawn now, by metric (for tests and advanced styling). */
  get chartInstances(): ReadonlyMap<MetricId, MetricChart> {
    return this.charts.byMetric;
  }

  // ---- lifecycle ----

  override connectedCallback(): void {
    super.connectedCallback();
    // Charts were taken down when the card left; back on the page, draw them again.
    if (this.expanded) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.refreshAbort?.abort();
    this.abortRetries();
    this.charts.destroy();
  }

  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    // Off screen, a tick's new data does no DOM work either; the scheduler calls the card back when it is shown.
    // Changed inputs always render (they may start a load).
    if (changed.size > 0 || this.charts.visible) return true;
    this.charts.holdRender();
    return false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const targetChanged = changed.has('target') || changed.has('node') || changed.has('database') || changed.has('branch')
      || changed.has('keyspace') || changed.has('shard') || changed.has('tablet') || changed.has('kind');
    if (targetChanged || changed.has('range') || changed.has('timeRange') || changed.has('frames')) this.zoom = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('theme') || !this.paletteRead) this.applyTheme();
    this.charts.sync();
  }

  private paletteRead = false;

  /** Re-reads the colour tokens (theme attribute or OS scheme changed) and repaints the canvases. */
  private applyTheme(): void {
    const series = [1, 2, 3, 4, 5].map((n, i) => readToken(this, `--ps-series-${n}`, FALLBACK_PALETTE.series[i]));
    Object.assign(this.palette, {
      series,
      text: readToken(this, '--ps-color-text', FALLBACK_PALETTE.text),
      muted: readToken(this, '--ps-color-text-muted', FALLBACK_PALETTE.muted),
      grid: readToken(this, '--ps-color-grid', FALLBACK_PALETTE.grid),
      border: readToken(this, '--ps-color-border', FALLBACK_PALETTE.border),
      threshold: readToken(this, '--ps-color-threshold', FALLBACK_PALETTE.threshold),
      marker: readToken(this, '--ps-color-text-muted', FALLBACK_PALETTE.marker),
      surface: readToken(this, '--ps-color-surface-raised', FALLBACK_PALETTE.surface),
      font: readToken(this, '--ps-font-family', FALLBACK_PALETTE.font),
    });
    this.paletteRead = true;
    this.charts.redraw();
  }

  /** The palette charts draw with now (tests compare it across themes). */
  get chartPalette(): Readonly<ChartPalette> {
    return this.palette;
  }

  // ---- charts ----

  /** The x window a metric's chart shows, in epoch seconds. */
  private viewOf(state: MetricState, data: CardData): { from: number; to: number } {
    const range = state.spec.window ? state.range : this.zoom ?? data.range;
    return { from: range.from / 1000, to: range.to / 1000 };
  }

  private plotContainer(id: MetricId): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`.plot[data-metric="${id}"]`);
  }

  // ---- user actions ----

  private zoomTo(range: TimeRange): void {
    // Synced charts may report the same selection; one zoom is enough.
    if (this.zoom && this.zoom.from === range.from && this.zoom.to === range.to) return;
    this.zoom = range;
    emit(this, 'ps-range-change', { range: { ...range } });
  }

  /** Back from a drag-zoom to the picked range. */
  resetZoom(): void {
    if (!this.zoom) return;
    this.zoom = undefined;
    const choice = this.rangeChoice;
    emit(this, 'ps-range-change', { range: 'preset' in choice ? choice.preset : { ...choice.absolute } });
  }

  private onRangePicked(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.timeRange = null;
    this.range = value;
    this.zoom = undefined;
    emit(this, 'ps-range-change', { range: value });
  }

  /** An optional answer (events, the topology) that came after the metrics, applied once its load is on screen, if it still is. */
  private applyLate(loadId: number, apply: (data: CardData) => CardData): void {
    void this.loader.settled().then(() => {
      const current = this.loader.value;
      if (current?.loadId !== loadId) return;
      this.loader.setValue(apply(current));
      // Charts read markers when they draw.
      this.charts.redraw();
      this.requestUpdate();
    });
  }

  private abortRetries(): void {
    for (const retry of this.retries.values()) retry.abort();
    this.retries.clear();
  }

  /** Loads one metric again; other charts' retries go on (each merges its answer into whatever is shown then). */
  private async retry(state: MetricState): Promise<void> {
    const data = this.loader.value;
    const provider = this.providers.provider;
    const target = this.resolvedTarget;
    if (!data || !provider || !target) return;
    const id = state.spec.id;
    this.retries.get(id)?.abort();
    const retry = new AbortController();
    this.retries.set(id, retry);
    const { signal } = retry;
    try {
      const next = await loadMetric(provider, target, state.spec, metricRange(state.spec, data.range), data, signal, this.timeoutMs);
      const current = this.loader.value;
      if (signal.aborted || current?.loadId !== data.loadId) return;
      this.loader.setValue({ ...current, metrics: current.metrics.map((m) => (m.spec.id === id ? next : m)) });
      if (next.error) emit(this, 'ps-error', { error: next.error });
      this.requestUpdate();
    } catch {
      // Aborted by a newer load or a newer Retry of this chart: that one's answer replaces this one.
    } finally {
      if (this.retries.get(id) === retry) this.retries.delete(id);
    }
  }

  /** One live-refresh tick: fetch each metric's new tail and append it (charts get `setData`, not rebuilt). */
  private async tick(): Promise<void> {
    const data = this.loader.value;
    const provider = this.providers.provider;
    const target = this.resolvedTarget;
    if (!data || !provider || !target || this.loader.loading || this.zoom || this.refreshAbort) return;
    const abort = (this.refreshAbort = new AbortController());
    try {
      const { refreshCardData } = await import('./live-refresh.js');
      const next = await refreshCardData(provider, target, data, Date.now(), abort.signal, this.timeoutMs);
      if (!abort.signal.aborted && this.loader.value === data && next !== data) {
        this.loader.setValue(next);
        // Charts read events when they draw; new markers need charts whose data did not change redrawn too.
        if (next.events !== data.events) this.charts.redraw();
        this.requestUpdate();
      }
    } catch {
      // Aborted: a new load replaced the data.
    } finally {
      if (this.refreshAbort === abort) this.refreshAbort = undefined;
    }
  }

  /** Runs one live-refresh tick now (what the interval does every `refresh`); resolves when every chart shows it. */
  async refreshNow(): Promise<void> {
    await this.tick();
    await this.settled();
  }

  // ---- rendering ----

  /** A value in its frame's unit (legends, summaries, the table), the catalogue's while there is no frame. */
  private fmt(value: number, state: MetricState): string {
    return formatValue(value, unitOf(state.spec, state.frame), this.locale);
  }

  private rangeLabel(state: MetricState | undefined, data: CardData | undefined): string {
    if (state?.spec.windowLabel) return state.spec.windowLabel.toLowerCase();
    if (this.zoom) return 'the zoomed window';
    const choice = this.rangeChoice;
    if ('preset' in choice) return RANGE_PRESET_LABELS[choice.preset].toLowerCase();
    const range = data?.range ?? choice.absolute;
    return `${formatTimestamp(range.from / 1000, this.locale)} to ${formatTimestamp(range.to / 1000, this.locale)}`;
  }

  override render(): TemplateResult {
    const target = this.resolvedTarget;
    const data = this.data;
    const info = { ...(data?.info ?? {}), ...this.knownInfo };
    const title = this.heading || (target ? cardTitle(target, info) : 'Metrics');
    const subtitle = target?.kind === 'tablet' ? `${target.tabletId} · ${target.keyspace}` : target ? `${target.keyspace} · ${target.branch}` : '';
    const choice = this.rangeChoice;
    const custom = !('preset' in choice) || Boolean(this.zoom);
    const noSource = !this.hasFrames && !this.providers.provider;
    const errors = this.inputErrors;
    const totalError = !data ? this.loader.error : undefined;
    const framesError = this.hasFrames ? this.framesCache?.error : undefined;
    const loading = !this.hasFrames && this.loader.loading;

    return html`
      <article class="card" part="card" aria-labelledby="title" aria-busy=${String(loading)}>
        <header class="header" part="header">
          <div class="titles">
            <h2 id="title" class="title">${title}</h2>
            ${subtitle ? html`<p class="subtitle">${subtitle}</p>` : nothing}
          </div>
          <div class="controls">
            ${this.zoom ? html`<button class="ps-button reset" type="button" @click=${() => this.resetZoom()}>Reset zoom</button>` : nothing}
            <label class="range">
              <span class="visually-hidden">Time range</span>
              <select class="ps-button range-select" @change=${this.onRangePicked} aria-label="Time range">
                ${custom ? html`<option value="" selected disabled>Custom range</option>` : nothing}
                ${RANGE_PRESETS.map((p) => html`<option value=${p} ?selected=${!custom && 'preset' in choice && choice.preset === p}>${RANGE_PRESET_LABELS[p]}</option>`)}
              </select>
            </label>
            ${this.expanded ? html`<button class="ps-button" type="button" aria-pressed=${String(this.tableView)}
              @click=${() => this.toggleTable()}>View as table</button>` : nothing}
            <button class="ps-button expand" type="button" aria-expanded=${String(this.expanded)} aria-controls="body"
              @click=${() => { this.expanded = !this.expanded; }}>
              ${this.expanded ? 'Collapse' : 'Expand'}
            </button>
          </div>
        </header>
        <div class="progress" ?hidden=${!loading || !data}></div>
        ${errors.map((e) => html`<p class="ps-error input-error" role="alert">${e.message}</p>`)}
        ${noSource ? html`<p class="empty">No data source: set <code>.provider</code>, call <code>setDefaultProvider()</code>, or pass <code>.frames</code>.</p>` : nothing}
        ${!noSource && !target && !this.hasFrames ? html`<p class="empty">Choose a VTGate group or a MySQL node to see its metrics.</p>` : nothing}
        ${totalError ? html`<div class="ps-error" role="alert"><span>${totalError.message}</span>
          <button class="ps-button" type="button" @click=${() => this.loader.reload()}>Retry</button></div>` : nothing}
        ${framesError ? html`<p class="ps-error" role="alert">${data ? 'Could not update the charts' : 'Could not show the metrics'}: ${framesError.message}</p>` : nothing}
        <div id="body" class="body">
          ${data ? (this.expanded ? this.renderCharts(data) : this.renderSummary(data))
            : loading || (!noSource && target && !totalError) ? this.renderSkeleton(target) : nothing}
          ${data?.unavailable ? html`<p class="unavailable">Not available from this source: ${data.unavailable.join(', ')}</p>` : nothing}
        </div>
      </article>
    `;
  }

  private renderSkeleton(target: ElementRef | undefined): TemplateResult {
    const specs = target ? metricsFor(target, this.knownInfo.role) : [];
    return html`<div class=${this.expanded ? 'charts' : 'summary'} aria-hidden="true">
      ${specs.map((spec) => html`<div class="skeleton-item ${this.expanded ? 'tall' : ''}"><span class="skeleton-text">${spec.title}</span><span class="skeleton-block"></span></div>`)}
    </div>${this.loader.slow ? html`<p class="empty" role="status">Still waiting for the data source…</p>`
      : html`<p class="visually-hidden" role="status">Loading metrics…</p>`}`;
  }

  private renderSummary(data: CardData): TemplateResult {
    if (data.metrics.length === 0) return html`<p class="empty">No metrics for this target.</p>`;
    return html`<ul class="summary" part="summary">
      ${data.metrics.map((state) => {
        const frame = state.frame;
        const main = frame?.series.find((s) => s.label === state.spec.series[0].label) ?? frame?.series[0];
        const reference = state.spec.series.find((s) => s.reference);
        const refValue = reference ? lastValue(frame?.series.find((s) => s.label === reference.label)) : Number.NaN;
        const value = lastValue(main);
        const path = frame && main ? sparklinePath(frame, frame.series.indexOf(main), SPARK_WIDTH, SPARK_HEIGHT, unitOf(state.spec, frame) === 'percent' ? [0, 100] : undefined) : '';
        const color = `var(--ps-series-${state.spec.series[0].color})`;
        return html`<li class="summary-item ${state.stale ? 'stale' : ''}">
          <span class="summary-title">${state.spec.title}${state.spec.windowLabel ? html` <span class="window">${state.spec.windowLabel}</span>` : nothing}</span>
          <span class="summary-value">${frame ? this.fmt(value, state) : '—'}${Number.isFinite(refValue) ? html`<span class="of"> of ${this.fmt(refValue, state)}</span>` : nothing}</span>
          <svg class="spark" viewBox="0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}" width=${SPARK_WIDTH} height=${SPARK_HEIGHT} aria-hidden="true" preserveAspectRatio="none">
            ${path ? svg`<path d=${path} fill="none" stroke=${color} stroke-width="1.5" stroke-linejoin="round" vector-effect="non-scaling-stroke"></path>` : nothing}
          </svg>
          ${state.error ? html`<span class="summary-error" role="alert">${state.spec.title}: ${state.error.message}
            <button class="ps-button small" type="button" @click=${() => this.retry(state)}>Retry</button></span>` : nothing}
        </li>`;
      })}
    </ul>`;
  }

  private renderCharts(data: CardData): TemplateResult {
    if (data.metrics.length === 0) return html`<p class="empty">No metrics for this target.</p>`;
    // Sections are reused by position, not keyed (no `repeat` to download): metrics keep the catalogue's order, and
    // `CardCharts.sync` rebuilds any chart whose `.plot` now belongs to another metric.
    return html`<div class="charts">
      ${data.metrics.map((state) => this.renderChart(state, data))}
    </div>`;
  }

  private renderChart(state: MetricState, data: CardData): TemplateResult {
    const id = state.spec.id;
    const frame = state.frame;
    const drawnCount = chartSeries(state.spec, frame).length;
    const series = chartSeries(state.spec, frame).filter((s) => !s.optional || this.showP99);
    // Stats come from the chart's own decimation pass; until the chart exists (one per frame) legends wait. While a
    // live tick's update is pending the chart's figures are one tick old, which beats blanking them for a few frames.
    const chart = this.charts.byMetric.get(id);
    const drawn = chart && frame && continuesFrame(frame, chart.frame) ? chartSeries(state.spec, frame) : [];
    const empty = frame !== undefined && frame.timestamps.length === 0;
    const statOf = (label: string) => {
      const index = drawn.findIndex((s) => s.label === label);
      return index >= 0 ? chart!.stats[index] : undefined;
    };
    const main = series[0] ? statOf(series[0].label) : undefined;
    const summary = main && main.count > 0
      ? `${state.spec.title} over ${this.rangeLabel(state, data)}: latest ${this.fmt(main.last, state)}, minimum ${this.fmt(main.min, state)}, maximum ${this.fmt(main.max, state)}.`
      : `${state.spec.title}: no data over ${this.rangeLabel(state, data)}.`;
    return html`<section class="chart ${state.stale ? 'stale' : ''}" part="chart" aria-labelledby="t-${id}" aria-describedby="s-${id}" data-metric=${id}>
      <header class="chart-header">
        <h3 id="t-${id}" class="chart-title">${state.spec.title}</h3>
        ${state.spec.windowLabel ? html`<span class="window">${state.spec.windowLabel}</span>` : nothing}
        ${state.stale ? html`<span class="badge">Stale</span>` : nothing}
        <span class="spacer"></span>
        ${id === 'latency' ? html`<button class="ps-button small" type="button" aria-pressed=${String(this.showP99)}
          @click=${() => { this.showP99 = !this.showP99; }}>p99</button>` : nothing}
      </header>
      ${frame && !empty ? html`<ul class="legend">
        ${series.map((s) => {
          const st = statOf(s.label);
          return html`<li class="legend-item">
            <span class="swatch c${s.color} ${s.reference ? 'dashed' : ''}"></span>
            <span class="legend-name">${s.name}</span>
            <span class="legend-stat"><span class="k">last</span> ${st ? this.fmt(st.last, state) : '—'}</span>
            ${s.reference ? nothing : html`<span class="legend-stat"><span class="k">avg</span> ${st ? this.fmt(st.avg, state) : '—'}</span>
            <span class="legend-stat"><span class="k">max</span> ${st ? this.fmt(st.max, state) : '—'}</span>`}
          </li>`;
        })}
        ${frame.series.length > drawnCount ? html`<li class="legend-item"><span class="legend-name">and ${frame.series.length - drawnCount} lower series, not drawn</span></li>` : nothing}
      </ul>` : nothing}
      <p id="s-${id}" class="visually-hidden">${summary}</p>
      ${state.error ? html`<div class="ps-error chart-error" role="alert"><span>${state.error.message}${state.stale ? ' Showing the last data loaded.' : ''}</span>
        <button class="ps-button small" type="button" @click=${() => this.retry(state)}>Retry</button></div>` : nothing}
      ${frame
        ? html`<div class="plot" part="plot" data-metric=${id} role="img" aria-label="${state.spec.title} chart" ?hidden=${this.tableView || empty}></div>
          ${empty ? html`<p class="no-data">No data in this range.</p>` : nothing}
          ${this.tableView && !empty ? this.renderTable(state, data) : nothing}`
        : state.error ? nothing : html`<div class="skeleton-block tall"></div>`}
    </section>`;
  }

  /** The table listing, loaded the first time a reader asks for it (most never do); `settled()` waits for it. */
  private tables?: Promise<typeof import('./table-view.js')>;
  private tableModule?: typeof import('./table-view.js');

  private toggleTable(): void {
    this.tableView = !this.tableView;
    this.tables ??= import('./table-view.js').then((module) => {
      this.tableModule = module;
      this.requestUpdate();
      return module;
    });
  }

  private renderTable(state: MetricState, data: CardData): TemplateResult | typeof nothing {
    return this.tableModule ? this.tableModule.renderTable({
      spec: state.spec, frame: state.frame!, view: this.viewOf(state, data), rangeLabel: this.rangeLabel(state, data),
      format: (value) => this.fmt(value, state), locale: this.locale,
    }) : nothing;
  }
}
