/** Every shard of a keyspace as a virtualized list; a shard opens to its primary and replicas, each selectable for metrics. */
import { LitElement, html, nothing, type PropertyValues, type SVGTemplateResult, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { describeLag, formatLag } from '../../chart/format.js';
import { timeoutOr } from '../../controllers/provider-call.js';
import { TopologyController } from '../../controllers/topology-controller.js';
import { VirtualListController } from '../../controllers/virtual-list-controller.js';
import { DEFAULT_LAG_WARNING_SECONDS } from '../../layout/status.js';
import { DataError } from '../../model/errors.js';
import { parseShards } from '../../model/parse.js';
import { shardPhaseOf } from '../../model/resize.js';
import { refreshOrOff } from '../../model/time-range.js';
import type { ResizeStatus, SelectableNode, Shard, ShardResizePhase, Tablet, Topology } from '../../model/types.js';
import type { DataProvider } from '../../providers/provider.js';
import { controlStyles, themeStyles } from '../../theme/tokens.js';
import { cssomStyle } from '../cssom-style.js';
import { afterNextFrame } from '../after-next-frame.js';
import { emit } from '../events.js';
import { describeShardResize, resizeBadgeStyles, shardResizeBadge } from '../resize-badge.js';
import { backIcon, chevronIcon, globeIcon, searchIcon, warningIcon } from './icons.js';
import { styles } from './ps-shard-stack.styles.js';
import {
  ROLE_LABELS,
  buildShardRows,
  describeShardRow,
  describeTablet,
  filterShardRows,
  lagText,
  orderTablets,
  sortShardRows,
  summarizeShards,
  summaryText,
  typeAheadIndex,
  type ShardRow,
  type ShardSort,
} from './shard-rows.js';

/** Phases whose badge alone leaves out what a person needs: the lag while not switched, a switch not completed, the source's words. */
const WORDY_PHASES: ReadonlySet<ShardResizePhase> = new Set(['replicating', 'switched', 'error', 'stopped']);
/** Row height in px; fixed so that virtualization is arithmetic. Keep in step with `--row-height` in the styles. */
const ROW_HEIGHT = 40;
/** Rows rendered beyond each edge of the viewport, so fast scrolling rarely shows blank space. */
const OVERSCAN = 8;
/** Type-ahead keys typed within this many ms extend one search. */
const TYPE_AHEAD_MS = 700;
/**
 * Lists longer than this build their rows and draw them in separate tasks, a painted frame apart: for 1024 shards,
 * building every row (10–25 ms on a cold page) and drawing the first screen of them (15 ms and its layout) are each
 * well under 50 ms, but not always together. Shorter lists do both at once and never show a skeleton in between.
 */
const BUILD_APART_ABOVE = 128;

const warmedLocales = new Set<string>();
/**
 * The first `Intl.NumberFormat` a page makes costs 20–40 ms (ICU data); make the lag formatters in a task of their own
 * while the data loads, so that the task that draws the first rows does not pay for them.
 */
function warmFormatters(locale: string | undefined): void {
  const key = locale ?? '';
  if (warmedLocales.has(key) || typeof setTimeout === 'undefined') return;
  warmedLocales.add(key);
  setTimeout(() => {
    for (const seconds of [1.5, 15]) {
      formatLag(seconds, locale);
      describeLag(seconds, locale);
    }
  }, 0);
}

/** What a list's rows are made from; the same input gives the same rows. */
interface RowsInput {
  shards: readonly Shard[];
  resize: ResizeStatus | null | undefined;
  lagWarning: number;
}

const sameRowsInput = (a: RowsInput, b: RowsInput) => a.shards === b.shards && a.resize === b.resize && a.lagWarning === b.lagWarning;

const icon = (body: SVGTemplateResult, className = 'icon'): TemplateResult =>
  html`<svg class=${className} viewBox="0 0 16 16" aria-hidden="true" focusable="false">${body}</svg>`;

/**
 * The shard list of a sharded keyspace, as PlanetScale shows it when the diagram's shard stack is selected: every
 * shard sorted by key range with its primary's region, replica count, worst replication lag, serving state and, during
 * a resize, its resize state. A filter box narrows it (`80`, `us-west`, `lagging`, `no-primary`, `resizing`), and it
 * sorts by key range or by lag. Only the visible rows are in the DOM, so 1024 shards scroll and filter smoothly.
 * Bad or partial data is shown, marked: a shard without a primary, unknown lag (`—`), key ranges that overlap or leave
 * a gap.
 *
 * Opening a shard (click, Enter) shows its primary and replicas (role, region and zone, lag, read-only region globe,
 * serving); choosing one fires `ps-select` with a tablet node whose `ref` a `<ps-metric-card>` takes as its target.
 *
 * Keyboard: the list is one tab stop (a listbox); arrows, PageUp/PageDown, Home/End move, typing a shard name's first
 * characters jumps to it, Enter opens. In a shard, Enter or Space selects a tablet; Escape or Backspace goes back.
 *
 * Data: `.provider` with `database`/`branch`/`keyspace` (polled every `refresh`, pushed by providers that watch),
 * `.topology` (plain data, validated), or `.shards` alone (validated).
 *
 * @summary Every shard of a keyspace, then one shard's primary and replicas.
 *
 * @fires ps-select - A tablet (primary or replica) of the open shard was chosen; `detail.node` is a `tablet` node.
 * @fires ps-shard-change - The user opened a shard (`detail.shard`) or went back to the list (`detail.shard` is '').
 * @fires ps-error - Loading or validating the data failed (`detail.error`); the element shows it and keeps the last list.
 *
 * @csspart toolbar - The counts, filter box and sort control.
 * @csspart filter - The filter text box.
 * @csspart list - The scrolling shard list (a listbox).
 * @csspart row - One shard row.
 * @csspart shard - The open shard: its heading and tablets.
 * @csspart tablet - One tablet row of the open shard.
 * @csspart error - The error message with its Retry button.
 *
 * @cssprop --ps-shard-stack-height - Height of the element (default 480px); the list scrolls inside.
 * @cssprop --ps-color-warning - Lag above the `lag-warning` threshold, a missing primary.
 * @cssprop --ps-color-danger - Key ranges that overlap or leave a gap.
 * @cssprop --ps-color-region - The read-only region globe.
 * @cssprop --ps-font-mono - Shard names, key ranges and tablet ids.
 */
export class PsShardStack extends LitElement {
  static override styles = [themeStyles, controlStyles, resizeBadgeStyles, styles];

  /** Data source; the page default (`setDefaultProvider`) when unset. */
  @property({ attribute: false }) provider?: DataProvider;

  /** Plain topology instead of a provider (validated); its shards and resize are listed. */
  @property({ attribute: false }) topology?: Topology;

  /** Plain shards instead of a topology (validated); wins over `.topology` and the provider. */
  @property({ attribute: false }) shards?: Shard[];

  /** Database name (with a provider; also names the tablets `ps-select` reports for plain `.shards`). */
  @property({ reflect: true }) database = '';

  /** Branch name. */
  @property({ reflect: true }) branch = '';

  /** Keyspace; defaults to the database's name. */
  @property({ reflect: true }) keyspace = '';

  /** Filter text: shard names (`80`), regions (`us-west`), states (`lagging`, `no-primary`, `not-serving`, `resizing`…). Reflects. */
  @property({ reflect: true }) filter = '';

  /** List order: `key-range` (default) or `lag` (worst first). */
  @property({ reflect: true }) sort: ShardSort = 'key-range';

  /** Name of the open shard (e.g. `-80`); empty shows the list. Reflects, for deep links. */
  @property({ reflect: true }) shard = '';

  /** Id of the chosen tablet of the open shard; empty for none. Reflects. */
  @property({ reflect: true }) tablet = '';

  /** Replication lag (seconds) above which a shard counts as lagging and its lag is flagged. */
  @property({ type: Number, attribute: 'lag-warning' }) lagWarning = DEFAULT_LAG_WARNING_SECONDS;

  /** Topology polling interval, e.g. `30s`; `0` (default) turns it off. Providers with `watch` push changes anyway. */
  @property() refresh = '0';

  /** How long to wait for the provider's answer, e.g. `30s` (default) or `2m`; `0` waits forever. Then: an error with Retry. */
  @property() timeout = '';

  /** BCP 47 locale for numbers; the page's when unset. */
  @property() locale?: string;

  /** `light`, `dark` or `auto` (follows `prefers-color-scheme`). */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'auto';

  /** Name of the active (focused) shard row; kept by name so live updates and lag sorting do not move the focus. */
  @state() private activeShard = '';
  /** Id of the active tablet row of the open shard; the chosen tablet, or the first, when empty. */
  @state() private activeTabletId = '';

  @query('.shard-list') private listElement?: HTMLElement;
  @query('.tablet-list') private tabletListElement?: HTMLElement;

  private readonly source = new TopologyController(this, {
    provider: () => this.provider,
    ref: () => (this.hasShards || !this.database || !this.branch ? undefined : { database: this.database, branch: this.branch, keyspace: this.keyspace || this.database }),
    data: () => (this.hasShards ? undefined : this.topology),
    refreshMs: () => (this.hasShards ? 0 : refreshOrOff(this.refresh)),
    timeoutMs: () => timeoutOr(this.timeout),
    onError: (error) => emit(this, 'ps-error', { error }),
  });
  private readonly virtual = new VirtualListController(this, {
    rowHeight: ROW_HEIGHT,
    overscan: OVERSCAN,
    count: () => this.view().length,
    scroller: () => this.listElement,
  });

  private parsedShards?: { input: unknown; shards?: Shard[]; error?: DataError };
  private lastGoodShards?: Shard[];
  private rowsCache?: RowsInput & { rows: ShardRow[] };
  /** Rows being built apart (see `BUILD_APART_ABOVE`); `drawn` settles once they are rendered, or the build is dropped. */
  private rowsBuild?: { input: RowsInput; drawn: Promise<void>; settle: () => void; cancel: () => void };
  /** A build was dropped when the element was removed; the next connection renders (and so builds) again. */
  private rowsDropped = false;
  private viewCache?: { rows: ShardRow[]; filter: string; sort: ShardSort; view: ShardRow[] };
  private typed = '';
  private typedAt = 0;
  private focusAfterUpdate: 'list' | 'tablets' | undefined;
  /** The list's scroll position when a shard was opened, restored on Back. */
  private listScrollTop = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    warmFormatters(this.locale);
    if (this.rowsDropped) {
      this.rowsDropped = false;
      this.requestUpdate();
    }
  }

  /** Position of the active row in the visible (filtered, sorted) list. */
  private get active(): number {
    const index = this.activeShard ? this.view().findIndex((row) => row.name === this.activeShard) : -1;
    return index < 0 ? 0 : index;
  }

  private set active(position: number) {
    this.activeShard = this.view()[position]?.name ?? '';
  }

  private openTablets(): Tablet[] {
    return orderTablets(this.openShard()?.tablets ?? []);
  }

  /** Position of the active tablet row of the open shard. */
  private get activeTablet(): number {
    const tablets = this.openTablets();
    const wanted = this.activeTabletId || this.tablet;
    const index = wanted ? tablets.findIndex((tablet) => tablet.id === wanted) : -1;
    return index < 0 ? 0 : index;
  }

  private set activeTablet(position: number) {
    this.activeTabletId = this.openTablets()[position]?.id ?? '';
  }

  /** Focuses the list (or the open shard's tablets). */
  override focus(options?: FocusOptions): void {
    const target = this.shard ? this.tabletListElement : this.listElement;
    if (target) target.focus(options);
    else super.focus(options);
  }

  /** Resolves once loading has settled and the rows are rendered (for tests and hosts). */
  async dataComplete(): Promise<void> {
    await this.updateComplete;
    await this.source.settled();
    await this.updateComplete;
    while (this.rowsBuild) {
      await this.rowsBuild.drawn;
      await this.updateComplete;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A build still waiting is dropped (its promise settles, so `dataComplete` never hangs); reconnecting rebuilds.
    if (this.rowsBuild) {
      this.cancelRowsBuild();
      this.rowsDropped = true;
    }
  }

  /** The shard rows after filtering and sorting, as listed (plain data; for hosts and tests). */
  get visibleShards(): readonly string[] {
    return this.view().map((row) => row.name);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('filter') || changed.has('sort')) {
      if (changed.get('filter') !== undefined || changed.get('sort') !== undefined) {
        this.active = 0;
        if (this.listElement) this.listElement.scrollTop = 0;
      }
    }
    if (changed.has('shard') && changed.get('shard') !== undefined) {
      // Another shard (or none): its own tablet choice starts empty, unless set together with it.
      if (!changed.has('tablet')) this.tablet = '';
      this.activeTabletId = '';
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.focusAfterUpdate === 'list' && this.listElement) {
      this.listElement.scrollTop = this.listScrollTop;
      this.virtual.scrollToIndex(this.active);
      this.listElement.focus({ preventScroll: true });
    } else if (this.focusAfterUpdate === 'tablets' && this.tabletListElement) {
      this.tabletListElement.focus();
    }
    this.focusAfterUpdate = undefined;
  }

  // ---- data ------------------------------------------------------------------------------------------------------

  /**
   * `.shards` was given (anything but undefined/null, which mean "use the topology or the provider"). The shards of the
   * `.topology` given too count as the topology: it is validated once (or trusted, when a controller already did) and
   * brings the resize along.
   */
  private get hasShards(): boolean {
    if (this.shards === undefined || this.shards === null) return false;
    const topology = this.topology as Topology | null | undefined;
    return !(topology && typeof topology === 'object' && this.shards === topology.shards);
  }

  private get topologyValue(): Topology | undefined {
    return this.hasShards ? undefined : this.source.value;
  }

  private get dataError(): DataError | undefined {
    if (this.hasShards) return this.parseShardData().error;
    return this.source.error;
  }

  /** Validates `.shards` once per array set; an error is reported once and the last good list stays. */
  private parseShardData(): { shards?: Shard[]; error?: DataError } {
    const input: unknown = this.shards;
    if (this.parsedShards && this.parsedShards.input === input) return this.parsedShards;
    try {
      this.parsedShards = { input, shards: parseShards(input) };
      this.lastGoodShards = this.parsedShards.shards;
    } catch (error) {
      const dataError = error instanceof DataError ? error : new DataError('invalid-data', String(error));
      this.parsedShards = { input, error: dataError };
      emit(this, 'ps-error', { error: dataError });
    }
    return this.parsedShards;
  }

  private currentShards(): readonly Shard[] | undefined {
    if (this.hasShards) {
      this.parseShardData();
      return this.lastGoodShards;
    }
    return this.topologyValue?.shards;
  }

  /**
   * The shard rows of the current data. When a long list's data changed, its rows are built apart (see
   * `BUILD_APART_ABOVE`) and this returns the rows shown so far meanwhile (none on first load: the skeleton stays);
   * `now` builds them at once instead, for views that need the current rows (an open shard).
   */
  private rows(now = false): ShardRow[] {
    const shards = this.currentShards();
    if (!shards) return [];
    const input: RowsInput = { shards, resize: this.topologyValue?.resize, lagWarning: this.lagWarning };
    const cached = this.rowsCache;
    if (cached && sameRowsInput(cached, input)) return cached.rows;
    if (now || shards.length <= BUILD_APART_ABOVE) return this.buildRows(input);
    if (!this.rowsBuild || !sameRowsInput(this.rowsBuild.input, input)) this.buildRowsApart(input);
    return cached?.rows ?? [];
  }

  private buildRows(input: RowsInput): ShardRow[] {
    this.cancelRowsBuild();
    const rows = buildShardRows(input.shards, { lagWarningSeconds: input.lagWarning, resize: input.resize });
    this.rowsCache = { ...input, rows };
    return rows;
  }

  /**
   * Builds the rows in a task after the next frame, and draws them in a task after the frame after that: a frame is
   * painted between the answer, the build and the drawing, so each is a short task of its own.
   */
  private buildRowsApart(input: RowsInput): void {
    this.cancelRowsBuild();
    let settle!: () => void;
    const drawn = new Promise<void>((resolve) => (settle = resolve));
    const build = { input, drawn, settle, cancel: afterNextFrame(() => {
      this.rowsCache = { ...input, rows: buildShardRows(input.shards, { lagWarningSeconds: input.lagWarning, resize: input.resize }) };
      build.cancel = afterNextFrame(() => {
        this.rowsBuild = undefined;
        this.requestUpdate();
        settle();
      });
    }) };
    this.rowsBuild = build;
  }

  private cancelRowsBuild(): void {
    if (!this.rowsBuild) return;
    this.rowsBuild.cancel();
    this.rowsBuild.settle();
    this.rowsBuild = undefined;
  }

  /** The rows as listed: filtered, then sorted. */
  private view(): ShardRow[] {
    const rows = this.rows();
    const cached = this.viewCache;
    if (cached && cached.rows === rows && cached.filter === this.filter && cached.sort === this.sort) return cached.view;
    const view = sortShardRows(filterShardRows(rows, this.filter), this.sort);
    this.viewCache = { rows, filter: this.filter, sort: this.sort, view };
    return view;
  }

  private openShard(): Shard | undefined {
    if (!this.shard) return undefined;
    return this.currentShards()?.find((shard) => shard.name === this.shard);
  }

  private names(): { database: string; branch: string; keyspace: string } {
    const topology = this.topologyValue;
    if (topology) return { database: topology.database, branch: topology.branch, keyspace: topology.keyspace };
    return { database: this.database, branch: this.branch, keyspace: this.keyspace || this.database };
  }

  // ---- render ----------------------------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const shards = this.currentShards();
    const error = this.dataError;
    const loading = !shards && !error && (this.source.loading || (!this.hasShards && (this.topology === undefined || this.topology === null) && Boolean(this.database && this.branch)));
    const errorBox = error ? this.renderError(error) : nothing;
    return this.shard && shards ? this.renderShard(errorBox) : this.renderList(shards, loading, errorBox);
  }

  private renderError(error: DataError): TemplateResult {
    const canRetry = !this.hasShards && (this.topology === undefined || this.topology === null);
    return html`<div class="ps-error" part="error" role="alert">
      ${icon(warningIcon)}
      <span class="message">${error.message}</span>
      ${canRetry ? html`<button class="ps-button" @click=${() => void this.source.reload()}>Retry</button>` : nothing}
    </div>`;
  }

  private renderList(shards: readonly Shard[] | undefined, loading: boolean, errorBox: TemplateResult | typeof nothing): TemplateResult {
    const rows = shards ? this.rows() : [];
    // The first rows of a long list are still being built: the list shows its skeleton until they are.
    if (shards && rows.length === 0 && this.rowsBuild) return this.renderList(undefined, true, errorBox);
    const view = shards ? this.view() : [];
    const summary = summarizeShards(rows);
    const withResize = rows.some((row) => row.resize !== undefined);
    const active = Math.min(this.active, Math.max(0, view.length - 1));
    const { start, end } = this.virtual.range;
    const indices: number[] = [];
    for (let i = start; i < Math.min(end, view.length); i++) indices.push(i);
    // The active row stays in the DOM wherever the list is scrolled, so aria-activedescendant always points at it.
    if (view.length > 0 && (active < start || active >= end)) indices.push(active);
    const { keyspace } = this.names();
    const coverage = rows.flatMap((row) => row.problems.filter((p) => p.kind !== 'no-primary').map((p) => `${row.name}: ${p.text}`));
    const filtered = this.filter.trim() !== '';
    return html`
      <div class="toolbar" part="toolbar">
        <div class="counts" role="status">${shards ? summaryText(summary, filtered ? view.length : undefined) : loading ? (this.source.slow ? 'Still waiting for the data source…' : 'Loading shards…') : ''}</div>
        <label class="filter">
          ${icon(searchIcon)}
          <input
            part="filter"
            type="search"
            aria-label="Filter shards"
            placeholder="Filter: shard, region, lagging…"
            autocomplete="off"
            spellcheck="false"
            .value=${this.filter}
            @input=${this.onFilterInput}
            @keydown=${this.onFilterKeyDown}
          />
        </label>
        <label class="sort">
          <span>Sort</span>
          <select aria-label="Sort shards by" @change=${this.onSortChange}>
            <option value="key-range" ?selected=${this.sort !== 'lag'}>Key range</option>
            <option value="lag" ?selected=${this.sort === 'lag'}>Replication lag</option>
          </select>
        </label>
      </div>
      ${errorBox}
      ${coverage.length > 0
        ? html`<div class="notice" part="notice">
            ${icon(warningIcon)}
            <span>Key ranges do not cover the key space exactly once: ${coverage.slice(0, 4).join(' · ')}${coverage.length > 4 ? ` · and ${coverage.length - 4} more` : ''}</span>
          </div>`
        : nothing}
      <div class=${classMap({ columns: true, header: true, 'with-resize': withResize })} aria-hidden="true">
        <span>Shard</span><span class="range">Key range</span><span>Primary</span><span class="num replicas">Replicas</span><span class="num">Max lag</span><span class="serving">Serving</span>${withResize ? html`<span>Resize</span>` : nothing}<span></span>
      </div>
      ${view.length === 0
        ? // No listbox without options (an empty listbox means nothing to a screen reader): say why instead.
          html`<div class="shard-list" part="list" role=${loading ? nothing : 'status'} aria-busy=${loading ? 'true' : nothing}>
            ${loading ? this.renderSkeleton() : html`<div class="empty">${this.emptyText(shards)}</div>`}
          </div>`
        : html`<div
            class="shard-list"
            part="list"
            role="listbox"
            tabindex="0"
            aria-label=${`Shards of keyspace ${keyspace || '(unnamed)'}`}
            aria-activedescendant=${`shard-row-${view[active].index}`}
            @keydown=${this.onListKeyDown}
          >
            <div class="sizer" role="presentation" style=${cssomStyle({ height: `${view.length * ROW_HEIGHT}px` })}>
              ${indices.map((i) => this.renderRow(view[i], i, view.length, i === active, withResize))}
            </div>
          </div>`}
    `;
  }

  private emptyText(shards: readonly Shard[] | undefined): string {
    if (shards && shards.length > 0) return `No shards match “${this.filter}”.`;
    if (shards) return 'This keyspace has no shards.';
    if (this.dataError) return 'The shards could not be loaded.';
    return 'Nothing to list yet: set database and branch (with a provider), or .topology, or .shards.';
  }

  private renderSkeleton(): TemplateResult {
    return html`<div class="skeleton" role="presentation">${[0, 1, 2, 3, 4, 5].map(() => html`<div class="bone"></div>`)}</div>`;
  }

  // A row's name is its spoken description (a visually hidden first child); the visible cells are aria-hidden, so
  // screen readers hear "Shard -80, primary in us-east-2, …" once instead of the cells run together.
  private renderRow(row: ShardRow, position: number, count: number, active: boolean, withResize: boolean): TemplateResult {
    const noPrimary = !row.primary;
    const coverage = row.problems.filter((p) => p.kind !== 'no-primary');
    return html`<div
      class=${classMap({ row: true, columns: true, active, 'with-resize': withResize })}
      part="row"
      role="option"
      id=${`shard-row-${row.index}`}
      aria-selected=${active ? 'true' : 'false'}
      aria-setsize=${count}
      aria-posinset=${position + 1}
      data-shard=${row.name}
      style=${cssomStyle({ transform: `translateY(${position * ROW_HEIGHT}px)` })}
      @click=${() => this.openAt(position)}
    >
      <span class="visually-hidden label">${describeShardRow(row, this.lagWarning)}</span>
      <span aria-hidden="true" class="name">${row.name}${coverage.length ? html`<span class="problem danger" title=${coverage.map((p) => p.text).join('; ')}>${icon(warningIcon)}${coverage[0].text}</span>` : nothing}</span>
      <span aria-hidden="true" class="range">${row.keyRangeText}</span>
      <span aria-hidden="true" class=${classMap({ region: true, warning: noPrimary })}>${noPrimary ? html`${icon(warningIcon)}No primary` : row.primary!.region}</span>
      <span aria-hidden="true" class="num replicas">${row.replicaCount}</span>
      <span aria-hidden="true" class=${classMap({ num: true, lag: true, warning: row.lagging, unknown: row.replicaCount > 0 && row.maxLagSeconds === null })}
        title=${row.unknownLag > 0 ? `${row.unknownLag} of ${row.replicaCount} replicas report no lag` : nothing}
        >${row.lagging ? icon(warningIcon) : nothing}${lagText(row, this.locale)}</span
      >
      <span aria-hidden="true" class=${classMap({ serving: true, warning: row.notServing > 0 })}
        >${row.notServing === 0 ? 'Serving' : row.notServing === row.tabletCount ? 'Not serving' : `${row.notServing} of ${row.tabletCount} not serving`}</span
      >
      ${withResize ? html`<span aria-hidden="true" class="resize">${row.resizeEntry ? shardResizeBadge(row.resizeEntry) : nothing}</span>` : nothing}
      ${icon(chevronIcon, 'icon chevron')}
    </div>`;
  }

  private renderShard(errorBox: TemplateResult | typeof nothing): TemplateResult {
    const shard = this.openShard();
    const back = html`<button class="ps-button back" @click=${() => this.back()} aria-label="Back to all shards">${icon(backIcon)}All shards</button>`;
    if (!shard) {
      return html`<div class="shard-head" part="shard">${back}</div>
        ${errorBox}
        <div class="empty" role="status">Shard “${this.shard}” is not in this keyspace.</div>`;
    }
    const row = this.rows(true).find((r) => r.name === shard.name)!;
    const tablets = orderTablets(shard.tablets);
    const active = Math.min(this.activeTablet, Math.max(0, tablets.length - 1));
    return html`
      <div class="shard-head" part="shard">
        ${back}
        <h3 class="shard-title">Shard <span class="mono">${shard.name}</span></h3>
        <span class="muted">key range <span class="mono">${row.keyRangeText}</span> · ${tablets.length} ${tablets.length === 1 ? 'tablet' : 'tablets'}</span>
        ${row.problems.map((p) => html`<span class=${`problem ${p.kind === 'no-primary' ? 'warning' : 'danger'}`}>${icon(warningIcon)}${p.text}</span>`)}
        ${row.resizeEntry ? shardResizeBadge(row.resizeEntry) : nothing}
        ${row.resizeEntry && WORDY_PHASES.has(shardPhaseOf(row.resizeEntry)) ? html`<span class="muted resize-words">${describeShardResize(row.resizeEntry)}</span>` : nothing}
      </div>
      ${errorBox}
      <div class="columns tablet-columns header" aria-hidden="true">
        <span>Role</span><span>Region</span><span class="num">Lag</span><span class="serving">Serving</span><span class="id">Tablet</span>
      </div>
      <div
        class="tablet-list"
        role="listbox"
        tabindex="0"
        aria-label=${`Tablets of shard ${shard.name}`}
        aria-activedescendant=${tablets.length > 0 ? `tablet-row-${active}` : nothing}
        @keydown=${this.onTabletKeyDown}
      >
        ${tablets.length === 0 ? html`<div class="empty" role="presentation">This shard has no tablets.</div>` : nothing}
        ${tablets.map((tablet, i) => this.renderTablet(tablet, i, i === active))}
      </div>
    `;
  }

  private renderTablet(tablet: Tablet, index: number, active: boolean): TemplateResult {
    const lag = tablet.lagSeconds ?? null;
    const lagging = lag !== null && Number.isFinite(lag) && lag > this.lagWarning;
    return html`<div
      class=${classMap({ row: true, columns: true, 'tablet-columns': true, active, chosen: tablet.id === this.tablet, primary: tablet.role === 'primary' })}
      part="tablet"
      role="option"
      id=${`tablet-row-${index}`}
      aria-selected=${tablet.id === this.tablet ? 'true' : 'false'}
      data-tablet=${tablet.id}
      @click=${() => {
        this.activeTablet = index;
        this.choose(tablet);
      }}
    >
      <span class="visually-hidden label">${describeTablet(tablet, this.lagWarning)}</span>
      <span aria-hidden="true" class="role">${ROLE_LABELS[tablet.role]}</span>
      <span aria-hidden="true" class="region">
        ${tablet.readOnlyRegion ? html`<span class="globe" title="Read-only region">${icon(globeIcon)}</span>` : nothing}
        <span class="text">${tablet.region}${tablet.zone ? html`<span class="muted"> · ${tablet.zone}</span>` : nothing}</span>
      </span>
      <span aria-hidden="true" class=${classMap({ num: true, lag: true, warning: lagging, unknown: tablet.role !== 'primary' && lag === null })}
        >${lagging ? icon(warningIcon) : nothing}${tablet.role === 'primary' ? '' : formatLag(lag, this.locale)}</span
      >
      <span aria-hidden="true" class=${classMap({ serving: true, warning: !tablet.serving })}>${tablet.serving ? 'Serving' : 'Not serving'}</span>
      <span aria-hidden="true" class="id mono">${tablet.id}</span>
    </div>`;
  }

  // ---- behaviour -------------------------------------------------------------------------------------------------

  private openAt(position: number): void {
    const row = this.view()[position];
    if (!row) return;
    this.active = position;
    this.listScrollTop = this.listElement?.scrollTop ?? 0;
    this.shard = row.name;
    this.activeTabletId = '';
    this.focusAfterUpdate = 'tablets';
    emit(this, 'ps-shard-change', { shard: row.name });
  }

  private back(): void {
    const name = this.shard;
    this.shard = '';
    this.tablet = '';
    const position = this.view().findIndex((row) => row.name === name);
    if (position >= 0) this.active = position;
    this.focusAfterUpdate = 'list';
    emit(this, 'ps-shard-change', { shard: '' });
  }

  private choose(tablet: Tablet): void {
    this.tablet = tablet.id;
    const { database, branch, keyspace } = this.names();
    const node: SelectableNode = {
      kind: 'tablet',
      id: `tablet:${tablet.id}`,
      ref: { kind: 'tablet', database, branch, keyspace, shard: this.shard, tabletId: tablet.id },
      role: tablet.role,
      region: tablet.region,
    };
    emit(this, 'ps-select', { node });
  }

  private moveTo(position: number): void {
    const count = this.view().length;
    if (count === 0) return;
    this.active = Math.max(0, Math.min(count - 1, position));
    this.virtual.scrollToIndex(this.active);
  }

  private readonly onListKeyDown = (event: KeyboardEvent): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const page = this.virtual.pageSize;
    const moves: Record<string, number> = {
      ArrowDown: this.active + 1,
      ArrowUp: this.active - 1,
      PageDown: this.active + page,
      PageUp: this.active - page,
      Home: 0,
      End: this.view().length - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      this.moveTo(moves[event.key]);
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.openAt(this.active);
      return;
    }
    if (event.key.length === 1 && event.key !== ' ') {
      const now = performance.now();
      this.typed = now - this.typedAt > TYPE_AHEAD_MS ? event.key : this.typed + event.key;
      this.typedAt = now;
      const index = typeAheadIndex(this.view(), this.typed, this.active);
      if (index >= 0) this.moveTo(index);
      event.preventDefault();
    }
  };

  private readonly onTabletKeyDown = (event: KeyboardEvent): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const tablets = this.openTablets();
    const moves: Record<string, number> = { ArrowDown: this.activeTablet + 1, ArrowUp: this.activeTablet - 1, Home: 0, End: tablets.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      this.activeTablet = Math.max(0, Math.min(tablets.length - 1, moves[event.key]));
      this.tabletListElement?.querySelector(`#tablet-row-${this.activeTablet}`)?.scrollIntoView({ block: 'nearest' });
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const tablet = tablets[this.activeTablet];
      if (tablet) this.choose(tablet);
    } else if (event.key === 'Escape' || event.key === 'Backspace' || event.key === 'ArrowLeft') {
      event.preventDefault();
      this.back();
    }
  };

  private readonly onFilterInput = (event: Event): void => {
    this.filter = (event.target as HTMLInputElement).value;
  };

  private readonly onFilterKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'ArrowDown' || event.key === 'Enter') {
      event.preventDefault();
      this.listElement?.focus();
    } else if (event.key === 'Escape' && this.filter) {
      event.preventDefault();
      this.filter = '';
    }
  };

  private readonly onSortChange = (event: Event): void => {
    this.sort = (event.target as HTMLSelectElement).value === 'lag' ? 'lag' : 'key-range';
  };
}

