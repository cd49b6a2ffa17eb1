/** A keyspace resize as a one-line banner with View, or as per-shard progress that updates live. */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { formatLag, formatTimeOfDay } from '../../chart/format.js';
import { shardPhaseOf } from '../../model/resize.js';
import { cssomStyle } from '../cssom-style.js';
import { IntervalController } from '../../controllers/interval-controller.js';
import { LoadController } from '../../controllers/load-controller.js';
import { askProvider, hasMethod, timeoutOr } from '../../controllers/provider-call.js';
import { ProviderController } from '../../controllers/provider-controller.js';
import { DataError } from '../../model/errors.js';
import { parseResizeStatus, parseTopology } from '../../model/parse.js';
import { parseRefresh, refreshOrOff } from '../../model/time-range.js';
import type { KeyspaceRef, ResizeStatus, ShardResize, ShardResizePhase } from '../../model/types.js';
import type { DataProvider } from '../../providers/provider.js';
import { controlStyles, themeStyles } from '../../theme/tokens.js';
import { emit } from '../events.js';
import { describeShardResize, resizeBadge, resizeBadgeStyles, shardResizeBadge } from '../resize-badge.js';
import { styles } from './ps-resize-status.styles.js';
import {
  describeChange,
  describePhase,
  formatDuration,
  orderShardRows,
  shardDurationMs,
  summarizeResize,
  type ResizeSummary,
} from './resize-rows.js';

/** Phases whose row has a percent, a lag or words for the progress column. */
const TALKING_PHASES: ReadonlySet<ShardResizePhase> = new Set(['copying', 'replicating', 'switched', 'stopped', 'error']);

/** Rows drawn before "Show all": enough for any resize a person reads row by row, cheap for 1024 shards. */
const FIRST_ROWS = 100;
const CLOCK_TICK_MS = 1000;

/**
 * Shows a keyspace resize. `variant="banner"` is the one-line indicator at the top of a diagram: state, "k of N
 * shards", from → to size and replicas, elapsed time, and View. `variant="detail"` is the per-shard table, shards
 * being resized first, updating live while the provider reports progress; a final message once it completed or was
 * canceled, and a clear empty state when nothing is resizing.
 *
 * Data: `.provider` with `database`/`branch`/`keyspace` (its `getResizeStatus`, else the topology's `resize`),
 * polled every `refresh` while in progress; or plain `.status` (validated; `null` means no resize).
 *
 * @summary Keyspace resize progress: a banner, or per-shard detail.
 *
 * @fires ps-view-resize - The banner's View button was pressed; `detail.keyspace` names the keyspace.
 * @fires ps-error - Loading or validating the status failed; the element shows it too and keeps the last status.
 *
 * @csspart banner - The banner variant's box.
 * @csspart progress - The progress bar.
 * @csspart view-button - The banner's View button.
 * @csspart summary - The detail variant's summary box.
 * @csspart table - The per-shard table.
 *
 * @cssprop --ps-color-accent - Progress and "resizing" colour.
 * @cssprop --ps-color-ok - "Completed" colour.
 */
export class PsResizeStatus extends LitElement {
  static override styles = [themeStyles, controlStyles, resizeBadgeStyles, styles];

  /** `banner` (one line with View) or `detail` (per-shard table). */
  @property({ reflect: true }) variant: 'banner' | 'detail' = 'banner';

  /** Data source; the page default (`setDefaultProvider`) when unset. */
  @property({ attribute: false }) provider?: DataProvider;

  /** Plain data instead of a provider; `null` means nothing is resizing. */
  @property({ attribute: false }) status?: ResizeStatus | null;

  /** Database name (with a provider). */
  @property() database = '';

  /** Branch name (with a provider). */
  @property() branch = '';

  /** Keyspace; defaults to the database's name. */
  @property() keyspace = '';

  /** Polling interval while a resize is in progress (`5s`; `0` = off). */
  @property() refresh = '5s';

  /** How long to wait for the provider's answer, e.g. `30s` (default) or `2m`; `0` waits forever. Then: an error with Retry. */
  @property() timeout = '';

  /** `light`, `dark` or `auto` (follows `prefers-color-scheme`). */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'auto';

  /** BCP 47 locale for times; the page's when unset. */
  @property() locale?: string;

  /** The clock for elapsed times; tests and stories inject one. */
  @property({ attribute: false }) now: () => number = Date.now;

  @state() private showAllRows = false;
  @state() private invalidRefresh: DataError | undefined;

  private readonly providers = new ProviderController(this, () => this.provider);
  private readonly load = new LoadController(this, {
    args: () => {
      const provider = this.providers.provider;
      if (this.status !== undefined || !provider || !this.database || !this.branch) return undefined;
      return [provider, this.database, this.branch, this.keyspace || this.database] as const;
    },
    load: ([provider, database, branch, keyspace], signal) => loadResizeStatus(provider, { database, branch, keyspace }, signal, timeoutOr(this.timeout)),
    onError: (error) => emit(this, 'ps-error', { error }),
    timeoutMs: () => timeoutOr(this.timeout),
  });
  private parsed: { input: unknown; status?: ResizeStatus | null; error?: DataError } | undefined;
  private lastGood: ResizeStatus | null | undefined;

  constructor() {
    super();
    new IntervalController(this, () => (this.inProgress && this.status === undefined ? refreshOrOff(this.refresh) : 0), () => void this.load.refresh());
    // Elapsed times move every second while a resize runs; a render is all it takes.
    new IntervalController(this, () => (this.inProgress ? CLOCK_TICK_MS : 0), () => this.requestUpdate());
  }

  /** The status shown: the newest valid one, kept through errors and reloads. */
  get current(): ResizeStatus | null | undefined {
    if (this.status !== undefined) {
      const parsed = this.parseStatus();
      if (parsed.status !== undefined) this.lastGood = parsed.status;
    } else if (this.load.value !== undefined) {
      this.lastGood = this.load.value;
    }
    return this.lastGood;
  }

  /** Loads the status again now (a provider's data only). */
  reload(): Promise<void> {
    return this.load.reload();
  }

  /** Resolves once loading settled (tests, screenshots). */
  async settled(): Promise<void> {
    await this.updateComplete; // the first update starts the load
    await this.load.settled();
    await this.updateComplete;
  }

  private get inProgress(): boolean {
    const status = this.current;
    return !!status && status.state !== 'completed' && status.state !== 'canceled';
  }

  private get error(): DataError | undefined {
    return this.invalidRefresh ?? (this.status !== undefined ? this.parseStatus().error : this.load.error);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('refresh')) {
      try {
        parseRefresh(this.refresh);
        this.invalidRefresh = undefined;
      } catch (error) {
        this.invalidRefresh = error as DataError;
      }
    }
  }

  private parseStatus(): { status?: ResizeStatus | null; error?: DataError } {
    const input = this.status;
    const cached = this.parsed;
    if (cached && cached.input === input) return cached;
    try {
      this.parsed = { input, status: input === null ? null : parseResizeStatus(input) };
    } catch (error) {
      const dataError = error instanceof DataError ? error : new DataError('invalid-data', String(error));
      this.parsed = { input, error: dataError };
      emit(this, 'ps-error', { error: dataError });
    }
    return this.parsed;
  }

  protected override render(): TemplateResult | typeof nothing {
    const status = this.current;
    const error = this.error;
    const errorBox = error
      ? html`<div class="ps-error" role="alert">
          <span>${errorMessage(error)}</span>
          ${this.status === undefined ? html`<button class="ps-button" type="button" @click=${() => this.load.reload()}>Retry</button>` : nothing}
        </div>`
      : nothing;
    if (this.variant === 'banner') {
      return html`${errorBox}${status && !summarizeResize(status, this.now()).final ? this.renderBanner(status) : nothing}`;
    }
    return html`${errorBox}${this.renderDetail(status)}`;
  }

  private renderBanner(status: ResizeStatus): TemplateResult {
    const summary = summarizeResize(status, this.now());
    const keyspace = this.keyspace || this.database;
    const trouble = summary.phase === 'error' || summary.phase === 'stopped';
    const words = describePhase(status, summary);
    return html`
      <div class="banner ${summary.phase}" part="banner" role="status">
        ${resizeIcon()}
        <div class="text">
          <strong>${status.state === 'queued' ? 'Resize queued' : 'Resizing'}${keyspace ? html` keyspace <span>${keyspace}</span>` : nothing}</strong>
          <span class="detail parts">
            <span class=${trouble ? `phase trouble ${summary.phase}` : 'phase'} title=${trouble ? words : nothing}>${words}</span>
            <span class="muted">${describeChange(status)}</span>
            ${summary.elapsedMs !== undefined ? html`<span class="muted">${formatDuration(summary.elapsedMs)} elapsed</span>` : nothing}
          </span>
        </div>
        ${progressBar(summary)}
        <button class="ps-button" part="view-button" type="button" @click=${() => emit(this, 'ps-view-resize', { keyspace })}>View</button>
      </div>
    `;
  }

  private renderDetail(status: ResizeStatus | null | undefined): TemplateResult | typeof nothing {
    if (status === undefined) {
      return this.load.loading
        ? html`<div class="empty" aria-busy="true">${this.load.slow ? html`<span role="status">Still waiting for the data source…</span>` : 'Loading resize status…'}</div>`
        : nothing;
    }
    if (status === null) {
      const keyspace = this.keyspace || this.database;
      return html`<div class="empty" role="status">No resize in progress${keyspace ? html` for keyspace <strong>${keyspace}</strong>` : nothing}.</div>`;
    }
    const now = this.now();
    const summary = summarizeResize(status, now);
    const rows = orderShardRows(status.shards);
    const visible = this.showAllRows ? rows : rows.slice(0, FIRST_ROWS);
    const trouble = summary.phase === 'error' || summary.phase === 'stopped';
    const count = (phase: keyof ResizeSummary['phases']) => summary.phases[phase] ?? 0;
    const fact = (label: string, value: string | number) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
    const lag = status.lagSeconds;
    // Only shards copying, copied, switched, stopped or failed have something for the progress column to say.
    const detailed = status.shards.some((shard) => TALKING_PHASES.has(shardPhaseOf(shard)));
    return html`
      <!-- A group, not a region landmark: a page may show several resizes. -->
      <div class="summary" part="summary" role="group" aria-label="Resize summary">
        <div class="summary-head">
          <h3>${describeChange(status)}</h3>
          ${resizeBadge(summary.phase)}
        </div>
        <p class=${trouble ? `phase trouble ${summary.phase}` : 'phase'}>${describePhase(status, summary)}</p>
        ${progressBar(summary)}
        <dl class="facts">
          ${fact('Completed', `${summary.done} of ${summary.total} shards`)}
          ${count('copying') ? fact('Copying', count('copying')) : nothing}
          ${count('replicating') ? fact('Copied, not switched', count('replicating')) : nothing}
          ${count('switched') ? fact('Switched', count('switched')) : nothing}
          ${count('resizing') ? fact('Resizing now', count('resizing')) : nothing}
          ${count('stopped') ? fact('Stopped', count('stopped')) : nothing}
          ${summary.failed ? fact('Failed', summary.failed) : nothing}
          ${lag !== undefined && summary.phase === 'replicating' ? fact('Worst lag', formatLag(lag)) : nothing}
          ${fact('Started', this.formatTime(status.startedAt))}
          ${fact(summary.final ? 'Took' : 'Elapsed', formatDuration(summary.elapsedMs))}
          ${status.updatedAt !== undefined && !summary.final ? fact('Last report', this.formatTime(status.updatedAt)) : nothing}
        </dl>
      </div>
      ${summary.final
        ? html`<div class="final" role="status">
            ${status.state === 'completed'
              ? `Resize completed: all ${summary.total} shards run ${status.to.size} with ${status.to.replicas} replicas.`
              : `Resize canceled after ${summary.done} of ${summary.total} shards.`}
          </div>`
        : nothing}
      <div class="table-wrap"><table part="table">
        <caption>
          Per-shard progress${rows.length > visible.length ? `, first ${visible.length} of ${rows.length} shards` : ''}
        </caption>
        <thead>
          <tr><th scope="col">Shard</th><th scope="col">State</th>${detailed ? html`<th scope="col">Progress</th>` : nothing}<th scope="col" class="started">Started</th><th scope="col" class="finished">Finished</th><th scope="col">Duration</th></tr>
        </thead>
        <tbody>
          ${visible.map((row) => this.renderRow(row, now, detailed))}
        </tbody>
      </table></div>
      ${rows.length > visible.length
        ? html`<button class="ps-button more" type="button" @click=${() => (this.showAllRows = true)}>Show all ${rows.length} shards</button>`
        : nothing}
    `;
  }

  private renderRow(row: ShardResize, now: number, detailed: boolean): TemplateResult {
    return html`<tr>
      <th scope="row" class="shard">${row.shard}</th>
      <td>${shardResizeBadge(row, false)}</td>
      ${detailed ? html`<td class="progress">${shardProgressCell(row)}</td>` : nothing}
      <td class="started">${this.formatTime(row.startedAt)}</td>
      <td class="finished">${this.formatTime(row.finishedAt)}</td>
      <td>${formatDuration(shardDurationMs(row, now))}</td>
    </tr>`;
  }

  private formatTime(at: number | undefined): string {
    if (at === undefined) return '—';
    // A cached formatter: this runs for two cells of every row on every clock tick.
    return formatTimeOfDay(at / 1000, this.locale);
  }
}

/** The status from `getResizeStatus`, else from the topology's `resize`; checked at the provider boundary either way. */
async function loadResizeStatus(provider: DataProvider, ref: KeyspaceRef, signal: AbortSignal, timeoutMs: number): Promise<ResizeStatus | null> {
  if (hasMethod(provider, 'getResizeStatus')) {
    return askProvider(provider, 'getResizeStatus', [{ ...ref }], {
      signal, timeoutMs, what: 'the resize status', check: (answer) => (answer === null ? null : parseResizeStatus(answer)),
    });
  }
  const topology = await askProvider(provider, 'getTopology', [{ ...ref }], { signal, timeoutMs, what: 'the topology', check: parseTopology });
  return topology.resize ?? null;
}

function errorMessage(error: DataError): string {
  return error.kind === 'invalid-data' ? `Invalid resize status: ${error.message}` : `Could not load the resize status: ${error.message}`;
}

/** The whole resize's progress: the copy while copying, shards done for data with states only. */
function progressBar(summary: ResizeSummary): TemplateResult {
  const percent = Math.floor(summary.fraction * 100);
  const copy = summary.phases.copying !== undefined || summary.phases.replicating !== undefined || summary.phases.switched !== undefined;
  const text = copy ? `${percent}% copied` : `${summary.done} of ${summary.total} shards done`;
  // cssomStyle sets the width through CSSOM, which a strict CSP allows; a style attribute it would block.
  return html`<div class="bar ${summary.phase}" part="progress" role="progressbar" aria-label="Resize progress" aria-valuemin="0"
    aria-valuemax="100" aria-valuenow=${percent} aria-valuetext=${text}>
    <span style=${cssomStyle({ width: `${percent}%` })}></span>
  </div>`;
}

/** What a shard's row says beside its badge: how far its copy is, its lag, or its source's words. */
function shardProgressCell(row: ShardResize): TemplateResult | string {
  const phase = shardPhaseOf(row);
  if (phase === 'copying' && row.copyPercent !== undefined) {
    return html`<span class="mini-bar" aria-hidden="true"><span style=${cssomStyle({ width: `${Math.floor(row.copyPercent)}%` })}></span></span>${Math.floor(row.copyPercent)}% copied`;
  }
  if (phase === 'error' || phase === 'stopped') return html`<span class=${phase === 'error' ? 'note trouble' : 'note'}>${row.message ?? describeShardResize(row)}</span>`;
  if (phase === 'replicating') {
    return html`<span class="parts"><span>Not switched yet</span> ${row.lagSeconds != null ? html`<span>lag ${formatLag(row.lagSeconds)}</span>` : nothing}</span>`;
  }
  if (phase === 'switched') return 'Not completed yet';
  if (phase === 'copying') return describeShardResize(row).replace(/^copying, /, '').replace(/^./, (c) => c.toUpperCase());
  return '—';
}

function resizeIcon(): TemplateResult {
  return html`<svg class="icon" viewBox="0 0 16 16" aria-hidden="true">
    <path d="M2 6V2h4M14 10v4h-4M2 2l5 5M14 14L9 9" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/>
  </svg>`;
}
