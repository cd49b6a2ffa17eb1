/** `<ps-keyspace-heatmap>`: a Key Visualizer for Vitess — where in the key space the load is, and since when. */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { formatAxisValue, formatRatio, formatTimeTick, pluralize } from '../../chart/format.js';
import { keyTicks, timeTicks } from '../../chart/heatmap/axes.js';
import { rowAt, type HeatmapRow } from '../../chart/heatmap/geometry.js';
import { fullView, type HeatmapView } from '../../chart/heatmap/raster.js';
import { colourScale, legendTicks, scaleDomain, type ColourScale, type ScaleKind } from '../../chart/heatmap/scale.js';
import { PALETTE_NAMES, type PaletteName } from '../../chart/heatmap/palettes.js';
import { ColorSchemeController } from '../../controllers/color-scheme-controller.js';
import { IntervalController } from '../../controllers/interval-controller.js';
import { LoadController } from '../../controllers/load-controller.js';
import { askProvider, hasMethod, timeoutOr } from '../../controllers/provider-call.js';
import { ProviderController } from '../../controllers/provider-controller.js';
import { SizeController } from '../../controllers/size-controller.js';
import { DataError, toDataError } from '../../model/errors.js';
import { HEATMAP_METRICS, isAdditiveHeatmapMetric, parseKeyspaceHeatmapInSlices, type HeatmapMetric, type KeyspaceHeatmap } from '../../model/heatmap.js';
import { runSliced } from '../../model/sliced.js';
import { DEFAULT_RANGE, RANGE_PRESETS, RANGE_PRESET_LABELS, isRangePreset, rangeFromPreset, refreshOrOff } from '../../model/time-range.js';
import type { TimeRange } from '../../model/types.js';
import type { DataProvider } from '../../providers/provider.js';
import { controlStyles, themeStyles } from '../../theme/tokens.js';
import { cssomStyle } from '../cssom-style.js';
import { readThemeColours, type ThemeColours } from '../heatmap-colours.js';
import { emit } from '../events.js';
import { HeatmapNavigation, type FocusCell } from './navigation.js';
import { stepOf } from './readout.js';
import { HeatmapPainter } from './painter.js';
import { layOutInSlices, prepareSteps, type PreparedHeatmap } from './prepare.js';
import { heatmapOverlays } from './overlays.js';
import { styles } from './ps-keyspace-heatmap.styles.js';
import { METRIC_LABELS, cellReadout, describeGridChange, speakReadout, summarySentences } from './readout.js';
import { heatmapTable } from './table.js';

type LoadArgs = [DataProvider, string, string, string, HeatmapMetric, string];

/** A drag shorter than this (px) is a click. */
const CLICK_PX = 4;

/**
 * Where in the key space a keyspace's load is, and since when: key space top to bottom (each shard as tall as its share
 * of it, so `-80` is the top half and 1 024 shards tile it exactly), time left to right, colour = the metric. A reshard
 * shows as the moment the grid changes; gaps and overlaps in coverage are hatched and labelled.
 *
 * Hover or focus a cell for shard, key range, time bucket, value and its ratio to the median shard. Drag to zoom into a
 * time window and key range (fires `ps-range-change`); double-click, Escape or Reset zoom goes back. Click or Enter
 * selects the shard (`ps-select`). Above the picture, a summary says which shard is hottest and since when, and how
 * skewed the keyspace is; "View as table" lists the busiest shards per window.
 *
 * Keyboard: the picture is one tab stop; arrows move between cells (up/down through the shards live at that time,
 * in key order), PageUp/PageDown move a window in time, Home/End go to the first/last step, Enter selects, Escape
 * resets the zoom. Each move is announced.
 *
 * The picture is drawn on a canvas from a pixel buffer built in slices of a few milliseconds; a new colour scale,
 * theme or brightness re-colours that buffer without reloading, and hovering never redraws it.
 *
 * @summary A keyspace's shards × time as a heatmap: the hot shard, and since when.
 *
 * @fires ps-select - A shard was chosen (click or Enter); `detail.node` is a `shard` node (`id` is `shard:<name>`).
 * @fires ps-range-change - A drag zoomed to `{ from, to }` (epoch ms), or Reset / the range picker chose a preset.
 * @fires ps-error - Loading or validating failed (`detail.error`); the element shows it and keeps the last picture.
 *
 * @csspart toolbar - Metric, range, scale, brightness and table controls.
 * @csspart summary - The sentences above the picture.
 * @csspart plot - The picture with its key and time axes.
 * @csspart legend - The colour scale with its values, and the no-data and gap swatches.
 * @csspart table - The "View as table" table.
 * @csspart error - The error message with its Retry button.
 *
 * @cssprop --ps-keyspace-heatmap-height - Height of the picture (default 360px).
 * @cssprop --ps-color-danger - Gaps in key-range coverage (hatched).
 * @cssprop --ps-color-skeleton - Cells without a sample.
 */
export class PsKeyspaceHeatmap extends LitElement {
  static override styles = [themeStyles, controlStyles, styles];

  /** Data source; the page default (`setDefaultProvider`) when unset. It needs `getKeyspaceHeatmap`. */
  @property({ attribute: false }) provider?: DataProvider;

  /** Plain data instead of a provider (validated). */
  @property({ attribute: false }) heatmap?: KeyspaceHeatmap;

  /** Database name. */
  @property({ reflect: true }) database = '';

  /** Branch name. */
  @property({ reflect: true }) branch = '';

  /** Keyspace; defaults to the database's name. */
  @property({ reflect: true }) keyspace = '';

  /** `queries` (default), `reads`, `writes`, `errors`, `replication_lag` (worst replica per shard) or `cpu` (primary). Reflects. */
  @property({ reflect: true }) metric: HeatmapMetric = 'queries';

  /** Time range preset (`15m 1h 3h 6h 12h 1d 2d 7d`, default `6h`). Reflects. */
  @property({ reflect: true }) range: string = DEFAULT_RANGE;

  /** An absolute window `{ from, to }` in epoch ms instead of `range`. */
  @property({ attribute: false }) timeRange?: TimeRange;

  /** Colour scale: `log` or `linear`; empty (default) is log for traffic and errors, linear for lag and CPU. */
  @property({ reflect: true }) scale: '' | ScaleKind = '';

  /** How bright the picture is: 1 maps the 99.5th percentile to the brightest colour, 2 half that value (0.25–8). */
  @property({ type: Number }) brightness = 1;

  /** Colour map: `magma` (default), `viridis` or `cividis`; all perceptually uniform and colour-blind safe. */
  @property() palette: PaletteName = 'magma';

  /** Reload period (`30s`, `0` = off). */
  @property() refresh = '0';

  /** How long to wait for the provider's answer, e.g. `30s` (default) or `2m`; `0` waits forever. Then: an error with Retry. */
  @property() timeout = '';

  /** Shows the busiest shards per window as a table. Reflects. */
  @property({ type: Boolean, reflect: true }) table = false;

  /** `light`, `dark` or `auto` (follows `prefers-color-scheme`). */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'auto';

  /** Locale for numbers and times; the browser's when empty. */
  @property() locale = '';

  @state() private view: HeatmapView | undefined;
  @state() private hover: { row: HeatmapRow; step: number; x: number; y: number } | undefined;
  @state() private drag: { x0: number; y0: number; x1: number; y1: number } | undefined;
  @state() private announcement = '';
  @state() private statsReady = 0;
  @state() private plainError: DataError | undefined;

  @query('canvas.picture') private canvas?: HTMLCanvasElement;
  @query('.scale-bar canvas') private legendCanvas?: HTMLCanvasElement;
  @query('.area') private area?: HTMLElement;

  private readonly providers = new ProviderController(this, () => this.provider);
  private readonly painter = new HeatmapPainter(() => this.statsReady++);
  private readonly size = new SizeController(this, () => this.requestUpdate(), () => this.area ?? null);
  private readonly navigation = new HeatmapNavigation(this);
  private prepared: PreparedHeatmap | undefined;
  /** Plain data once checked and laid out (in slices: `plainJob` counts the runs, the newest wins). */
  private plainValue: PreparedHeatmap | undefined;
  private plainJob = 0;
  private plainRun: Promise<void> = Promise.resolve();
  private colourScaleInUse: ColourScale | undefined;
  private paintedKey = '';
  private colourKey = '';
  /** `theme="auto"`: the palette read from the theme is read again when the system's preference changes. */
  private readonly colorScheme = new ColorSchemeController(this, () => {
    this.themeColours = undefined;
    this.requestUpdate();
  });
  private themeColours: ThemeColours | undefined;
  private pointerStart: { x: number; y: number } | undefined;

  private readonly loader = new LoadController<LoadArgs, PreparedHeatmap>(this, {
    args: () => {
      const provider = this.providers.provider;
      if (this.hasPlainData || !provider || !this.database || !this.branch) return undefined;
      const window = this.timeRange ? `${this.timeRange.from}-${this.timeRange.to}` : this.range;
      return [provider, this.database, this.branch, this.keyspace || this.database, this.metric, window];
    },
    load: async ([provider, database, branch, keyspace, metric], signal) => {
      if (!hasMethod(provider, 'getKeyspaceHeatmap')) {
        throw new DataError('not-found', 'This data source has no per-shard metrics (it has no getKeyspaceHeatmap); VTAdmin and PlanetScale need a Prometheus provider beside them.');
      }
      const range = this.timeRange ?? rangeFromPreset(isRangePreset(this.range) ? this.range : DEFAULT_RANGE);
      // Through the provider boundary: checked in slices (a week of 1 024 shards is 1.5 M values), timed out, and any
      // failure in words; then laid out in slices too.
      const heatmap = await askProvider(provider, 'getKeyspaceHeatmap', [{ keyspace: { database, branch, keyspace }, metric, range }], {
        signal, timeoutMs: timeoutOr(this.timeout), what: 'the heatmap', check: (answer) => parseKeyspaceHeatmapInSlices(answer, signal),
      });
      return layOutInSlices(heatmap, signal);
    },
    onError: (error) => emit(this, 'ps-error', { error }),
    timeoutMs: () => timeoutOr(this.timeout),
  });

  private readonly poller = new IntervalController(this, () => (this.hasPlainData ? 0 : refreshOrOff(this.refresh)), () => void this.loader.refresh());

  /** Plain data was given (anything but null/undefined, so that garbage is shown as an error, not ignored). */
  private get hasPlainData(): boolean {
    return this.heatmap !== undefined && this.heatmap !== null;
  }

  /** Loads again now. */
  reload(): Promise<void> {
    return this.loader.reload();
  }

  /** Resolves once data is loaded and the newest picture is on the canvas (tests, benchmarks, screenshots). */
  async settled(): Promise<void> {
    // The first update starts the load or the plain data's preparation; each ends in another update.
    await this.updateComplete;
    await this.loader.settled();
    await this.plainRun;
    await this.updateComplete;
    // A picture shown for the first time waits for its size, which the resize observer reports a frame later.
    for (let frame = 0; frame < 5 && this.prepared && this.size.size.width === 0 && (this.area?.clientWidth ?? 0) > 0; frame++) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      await this.updateComplete;
    }
    await this.painter.painted;
    await this.updateComplete;
  }

  /** The heatmap on screen (loaded or plain), for tests and host pages. */
  get data(): KeyspaceHeatmap | undefined {
    return this.prepared?.heatmap;
  }

  /** Bytes of the drawn picture (pixel values + RGBA), for the benchmark. */
  get pictureBytes(): number {
    return this.painter.pictureBytes;
  }

  /** The zoomed view, or undefined when the whole window shows. */
  get zoom(): HeatmapView | undefined {
    return this.view;
  }

  /** The shard and step under a point of the picture (client coordinates): what hovering there reads out. */
  cellAt(clientX: number, clientY: number): { row: HeatmapRow; step: number } | undefined {
    const box = this.canvas?.getBoundingClientRect();
    if (!box || !this.prepared) return undefined;
    return this.cellAtOffset(clientX - box.left, clientY - box.top);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.painter.cancel();
    this.paintedKey = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Theme tokens are read once per theme, not on every hover's render (getComputedStyle forces a style pass).
    if (changed.has('theme')) this.themeColours = undefined;
    if (changed.has('heatmap')) this.preparePlain();
    const value = this.hasPlainData ? this.plainValue : this.loader.value;
    if (value && value !== this.prepared) {
      const sameGrid = this.prepared && this.prepared.heatmap.shards.length === value.heatmap.shards.length && this.prepared.heatmap.timestamps.length === value.heatmap.timestamps.length;
      this.prepared = value;
      // A refresh of the same grid keeps the zoom; another keyspace, metric or window starts whole.
      if (!sameGrid) this.view = undefined;
      this.navigation.reset();
      this.hover = undefined;
    }
    if (changed.has('metric') || changed.has('range') || changed.has('timeRange') || changed.has('keyspace')) this.view = undefined;
  }

  /** Checks and lays out new plain data in slices; the picture shown stays until it is ready, and stays if it is bad. */
  private preparePlain(): void {
    const job = ++this.plainJob;
    if (!this.hasPlainData) {
      this.plainValue = undefined;
      this.plainError = undefined;
      return;
    }
    const current = () => job === this.plainJob;
    this.plainRun = runSliced(prepareSteps(this.heatmap), () => !current()).then(
      (prepared) => {
        if (!prepared || !current()) return;
        this.plainValue = prepared;
        this.plainError = undefined;
      },
      (error: unknown) => {
        if (!current()) return;
        this.plainError = toDataError(error);
        emit(this, 'ps-error', { error: this.plainError });
      },
    ).finally(() => {
      if (current()) this.requestUpdate();
    });
  }

  protected override updated(): void {
    const canvas = this.canvas;
    const prepared = this.prepared;
    if (!canvas || !prepared) return;
    const { width, height } = this.size.size;
    const scale = this.currentScale(prepared);
    const view = this.currentView();
    const paintKey = `${width}x${height}|${view.from},${view.to},${view.top},${view.bottom}`;
    if (this.paintedFor !== prepared || paintKey !== this.paintedKey) {
      this.paintedFor = prepared;
      this.paintedKey = paintKey;
      canvas.width = width;
      canvas.height = height;
      void this.painter.paint(canvas, prepared, view, scale);
    } else if (scale !== this.colourScaleInUse) {
      void this.painter.recolour(scale);
    }
    const legendChanged = scale !== this.colourScaleInUse;
    this.colourScaleInUse = scale;
    if (legendChanged || this.legendCanvas !== this.legendDrawnOn) this.drawLegend(scale);
  }

  private paintedFor: PreparedHeatmap | undefined;
  private legendDrawnOn: HTMLCanvasElement | undefined;

  /** The colour scale for the current data, kind, brightness, palette and theme (the same object while none changed). */
  private currentScale(prepared: PreparedHeatmap): ColourScale {
    const kind = this.scaleKind(prepared);
    const colours = (this.themeColours ??= readThemeColours(this));
    const key = [kind, this.brightness, this.palette, prepared.domain.join(','), colours.key].join('|');
    if (key === this.colourKey && this.colourScaleInUse) return this.colourScaleInUse;
    this.colourKey = key;
    return colourScale({ ...colours, kind, domain: prepared.domain, brightness: this.brightness, palette: PALETTE_NAMES.includes(this.palette) ? this.palette : 'magma' });
  }

  private drawLegend(scale: ColourScale): void {
    const canvas = this.legendCanvas;
    this.legendDrawnOn = canvas;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    canvas.width = scale.lut.length;
    canvas.height = 1;
    const image = context.createImageData(scale.lut.length, 1);
    new Uint32Array(image.data.buffer).set(scale.lut);
    context.putImageData(image, 0, 0);
  }

  currentView(): HeatmapView {
    return this.view ?? (this.prepared ? fullView(this.prepared.geometry) : { from: 0, to: 1, top: 0, bottom: 1 });
  }

  // ---- rendering ----

  protected override render(): TemplateResult {
    const prepared = this.prepared;
    const error = this.plainError ?? this.loader.error;
    const stale = prepared && error?.kind === 'not-found' && prepared.heatmap.metric !== this.metric;
    const shown = stale ? undefined : prepared;
    const keyspace = this.keyspace || this.database;
    return html`<div class="frame">
      <header>
        <h2>Keyspace heatmap <span class="sub">${keyspace ? `· ${keyspace}` : ''}${shown ? ` · ${pluralize(shown.geometry.rows.filter((r) => r.last === shown.geometry.columns - 1).length, 'shard')}` : ''}</span></h2>
        ${this.renderToolbar()}
      </header>
      ${error && !(error.kind === 'not-found' && !shown) ? html`<div class="ps-error" part="error" role="alert">
        <span>${error.kind === 'invalid-data' ? 'The heatmap data is invalid' : 'Could not load the heatmap'}: ${error.message}</span>
        ${this.hasPlainData ? nothing : html`<button class="ps-button" type="button" @click=${() => this.reload()}>Retry</button>`}
      </div>` : nothing}
      ${this.renderSummary(shown)}
      ${this.renderPlot(shown, error)}
      ${this.renderLegend(shown)}
      ${this.table && shown ? heatmapTable(shown.heatmap, shown.windows, this.locale || undefined) : nothing}
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  private renderToolbar(): TemplateResult {
    const kind = this.scale || (isAdditiveHeatmapMetric(this.metric) ? 'log' : 'linear');
    const preset = !this.timeRange && isRangePreset(this.range) ? this.range : '';
    return html`<div class="toolbar" part="toolbar">
      <label>Metric <select class="ps-button" aria-label="Metric" @change=${(e: Event) => { this.metric = (e.target as HTMLSelectElement).value as HeatmapMetric; }}>
        ${HEATMAP_METRICS.map((m) => html`<option value=${m} ?selected=${m === this.metric}>${METRIC_LABELS[m]}</option>`)}
      </select></label>
      <label>Range <select class="ps-button" aria-label="Time range" @change=${this.onRangePicked}>
        ${preset ? nothing : html`<option value="" selected disabled>Custom range</option>`}
        ${RANGE_PRESETS.map((p) => html`<option value=${p} ?selected=${p === preset}>${RANGE_PRESET_LABELS[p]}</option>`)}
      </select></label>
      <span class="segmented" role="group" aria-label="Colour scale">
        ${(['log', 'linear'] as const).map((k) => html`<button class="ps-button" type="button" aria-pressed=${String(kind === k)} @click=${() => { this.scale = k; }}>${k === 'log' ? 'Log' : 'Linear'}</button>`)}
      </span>
      <label>Brightness <input type="range" min="-2" max="3" step="0.25" .value=${String(Math.log2(this.brightness || 1))}
        aria-valuetext=${`${formatRatio(this.brightness)}`}
        @input=${(e: Event) => { this.brightness = 2 ** Number((e.target as HTMLInputElement).value); }}></label>
      ${this.view ? html`<button class="ps-button" type="button" @click=${() => this.resetZoom()}>Reset zoom</button>` : nothing}
      <button class="ps-button" type="button" aria-pressed=${String(this.table)} @click=${() => { this.table = !this.table; }}>View as table</button>
    </div>`;
  }

  private renderSummary(shown: PreparedHeatmap | undefined): TemplateResult | typeof nothing {
    if (!shown) return nothing;
    const warnings = shown.heatmap.warnings;
    const sentences = shown.summary ? summarySentences({ heatmap: shown.heatmap, summary: shown.summary, locale: this.locale || undefined }) : [];
    const step = stepOf(shown.heatmap);
    const changes = shown.geometry.changes.map((c) => `${describeGridChange(c, step, this.locale || undefined)}.`);
    return html`<p class="summary ${shown.summary ? '' : 'pending'}" part="summary" id="summary">
        ${shown.summary ? [...sentences, ...changes].map((s) => html`<span>${s}</span>`) : 'Summarizing…'}
      </p>
      ${warnings?.length ? html`<p class="warnings">${warnings.join(' ')}</p>` : nothing}`;
  }

  private renderPlot(shown: PreparedHeatmap | undefined, error: DataError | undefined): TemplateResult {
    const { width, height } = this.size.size;
    const view = this.currentView();
    const ticks = shown ? keyTicks(shown.geometry, view, height) : [];
    const time = shown ? timeTicks(shown.heatmap.timestamps, view, width) : { spacing: 0, ticks: [], positions: [] };
    const locale = this.locale || undefined;
    return html`<div class="plot" part="plot">
      <div class="key-axis" aria-hidden="true">${ticks.map((t) => html`<span class="tick" style=${cssomStyle({ top: `${t.at}px` })}>${t.label}</span>`)}</div>
      <div class="area" tabindex=${shown ? '0' : '-1'} role="application" aria-roledescription="heatmap"
        aria-label=${shown ? `${METRIC_LABELS[shown.heatmap.metric]} per shard over time: key space top to bottom, time left to right. Arrow keys move between cells, Enter opens a shard.` : 'Keyspace heatmap'}
        aria-describedby="summary"
        @pointerdown=${this.onPointerDown} @pointermove=${this.onPointerMove} @pointerup=${this.onPointerUp}
        @pointerleave=${() => { if (!this.drag) this.hover = undefined; }} @dblclick=${() => this.resetZoom()}
        @keydown=${(e: KeyboardEvent) => this.navigation.onKeyDown(e)} @focus=${() => this.navigation.onFocus()} @blur=${() => this.navigation.onBlur()}>
        <canvas class="picture" aria-hidden="true"></canvas>
        ${shown ? heatmapOverlays({
          prepared: shown, view, width, height, locale: this.locale || undefined, drag: this.drag,
          cell: this.navigation.focused ?? (this.hover ? { shard: this.hover.row.shard, step: this.hover.step } : undefined),
        }) : html`<div class="empty">${error ? (error.kind === 'not-found' ? `Not available: ${error.message}` : 'No data to show yet.') : 'Loading…'}</div>`}
      </div>
      <div class="time-axis" aria-hidden="true">${time.ticks.map((t, i) => html`<span class="tick" style=${cssomStyle({ left: `${time.positions[i]}px` })}>${formatTimeTick(t, time.spacing, locale)}</span>`)}</div>
    </div>`;
  }

  /** The legend's numbers come from the data and the controls; its colours are drawn onto its canvas after render. */
  private renderLegend(shown: PreparedHeatmap | undefined): TemplateResult {
    if (!shown) return html`<div class="legend" part="legend"><div class="scale-bar"><canvas aria-hidden="true"></canvas></div></div>`;
    const kind = this.scaleKind(shown);
    const [low, high] = scaleDomain(kind, shown.domain, this.brightness);
    const ticks = legendTicks({ kind, domain: [low, high] });
    const at = (v: number) => (kind === 'log' ? (Math.log(v) - Math.log(low)) / (Math.log(high) - Math.log(low)) : v / high) * 100;
    const unit = shown.heatmap.unit;
    return html`<div class="legend" part="legend">
      <div class="scale-bar" role="img" aria-label=${`Colour scale (${kind}) from ${formatLegend(low, unit)} to ${formatLegend(high, unit)} and above`}>
        <canvas aria-hidden="true"></canvas>
        ${ticks.map((t) => html`<span class="tick" style=${cssomStyle({ left: `${at(t)}%` })}>${formatLegend(t, unit)}</span>`)}
      </div>
      <span>${METRIC_LABELS[shown.heatmap.metric]}${unit === 'per_second' ? ' per second' : ''}, ${kind} scale</span>
      <span class="swatch"><i class="no-data"></i>No data</span>
      <span class="swatch"><i class="gap"></i>No shard (gap)</span>
    </div>`;
  }

  private scaleKind(prepared: PreparedHeatmap): ScaleKind {
    return this.scale || (isAdditiveHeatmapMetric(prepared.heatmap.metric) ? 'log' : 'linear');
  }

  // ---- pointer ----

  private cellAtOffset(x: number, y: number): { row: HeatmapRow; step: number } | undefined {
    const prepared = this.prepared;
    const { width, height } = this.size.size;
    if (!prepared || width === 0 || height === 0 || x < 0 || y < 0 || x >= width || y >= height) return undefined;
    const view = this.currentView();
    const step = Math.min(view.to - 1, view.from + Math.floor((x / width) * (view.to - view.from)));
    const row = rowAt(prepared.geometry, step, view.top + (y / height) * (view.bottom - view.top));
    return row ? { row, step } : undefined;
  }

  /** A pointer's position on the picture (the canvas fills the area inside its border). */
  private offset(event: PointerEvent): { x: number; y: number } {
    const box = this.canvas!.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  }

  private onPointerDown(event: PointerEvent): void {
    if (!this.prepared || event.button !== 0) return;
    this.pointerStart = this.offset(event);
    this.area?.setPointerCapture?.(event.pointerId);
  }

  private onPointerMove(event: PointerEvent): void {
    const { x, y } = this.offset(event);
    const start = this.pointerStart;
    if (start && (Math.abs(x - start.x) > CLICK_PX || Math.abs(y - start.y) > CLICK_PX)) {
      const { width, height } = this.size.size;
      this.drag = { x0: start.x, y0: start.y, x1: clamp(x, 0, width), y1: clamp(y, 0, height) };
      this.hover = undefined;
      return;
    }
    const cell = this.cellAtOffset(x, y);
    this.hover = cell ? { ...cell, x, y } : undefined;
  }

  private onPointerUp(event: PointerEvent): void {
    const start = this.pointerStart;
    this.pointerStart = undefined;
    const drag = this.drag;
    this.drag = undefined;
    if (!start) return;
    if (drag) return this.zoomTo(drag);
    const { x, y } = this.offset(event);
    const cell = this.cellAtOffset(x, y);
    if (cell) this.selectShard(cell.row);
  }

  /** Zooms to a dragged rectangle; a flat drag zooms time only, a thin one keys only. */
  private zoomTo({ x0, y0, x1, y1 }: { x0: number; y0: number; x1: number; y1: number }): void {
    const { width, height } = this.size.size;
    const view = this.currentView();
    const steps = view.to - view.from;
    const keys = view.bottom - view.top;
    const next = { ...view };
    if (Math.abs(x1 - x0) > CLICK_PX * 2) {
      next.from = view.from + Math.floor((Math.min(x0, x1) / width) * steps);
      next.to = Math.max(next.from + 1, view.from + Math.ceil((Math.max(x0, x1) / width) * steps));
    }
    if (Math.abs(y1 - y0) > CLICK_PX * 2) {
      next.top = view.top + (Math.min(y0, y1) / height) * keys;
      next.bottom = Math.max(next.top + 1e-9, view.top + (Math.max(y0, y1) / height) * keys);
    }
    this.setView(next);
  }

  /** Shows `view` and says so: `ps-range-change` with its time window. */
  setView(view: HeatmapView): void {
    const prepared = this.prepared;
    if (!prepared) return;
    this.view = view;
    const { timestamps } = prepared.heatmap;
    const step = stepOf(prepared.heatmap);
    emit(this, 'ps-range-change', { range: { from: timestamps[view.from] * 1000, to: (timestamps[view.to - 1] + step) * 1000 } });
  }

  resetZoom(): void {
    if (!this.view) return;
    this.view = undefined;
    emit(this, 'ps-range-change', { range: this.timeRange ? { ...this.timeRange } : this.range });
  }

  /** Fires `ps-select` for a shard. */
  selectShard(row: HeatmapRow): void {
    const keyspace = { database: this.database, branch: this.branch, keyspace: this.keyspace || this.database };
    emit(this, 'ps-select', { node: { kind: 'shard', id: `shard:${row.name}`, keyspace, shard: row.name, keyRange: { ...row.keyRange } } });
  }

  /** For the keyboard controller: the prepared data and the announcement of a focused cell. */
  get preparedData(): PreparedHeatmap | undefined {
    return this.prepared;
  }

  announce(cell: FocusCell): void {
    const prepared = this.prepared;
    const row = prepared?.geometry.rows.find((r) => r.shard === cell.shard);
    if (!prepared || !row) return;
    this.announcement = speakReadout(cellReadout(prepared.heatmap, row, cell.step, prepared.medians?.[cell.step], this.locale || undefined));
  }

  private onRangePicked(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (!isRangePreset(value)) return;
    this.timeRange = undefined;
    this.range = value;
    emit(this, 'ps-range-change', { range: value });
  }
}


function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function formatLegend(value: number, unit: KeyspaceHeatmap['unit']): string {
  return formatAxisValue(value, unit);
}
