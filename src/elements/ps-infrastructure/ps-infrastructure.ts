/** The whole infrastructure experience in one tag: the diagram, and a side panel wired to what is selected. */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query } from 'lit/decorators.js';
import { timeoutOr } from '../../controllers/provider-call.js';
import { TopologyController } from '../../controllers/topology-controller.js';
import { DEFAULT_RANGE, refreshOrOff } from '../../model/time-range.js';
import type { SelectableNode, Topology } from '../../model/types.js';
import type { DataProvider } from '../../providers/provider.js';
import { controlStyles, themeStyles } from '../../theme/tokens.js';
import { emit } from '../events.js';
import { styles } from './ps-infrastructure.styles.js';
import { RESIZE_PANEL_ID, panelFor, type PanelView } from './selection.js';

/**
 * `<ps-topology>` with a right-hand side panel: VTGates or a MySQL node open their `<ps-metric-card>`, the shard
 * stack opens `<ps-shard-stack>` (→ a shard → a node's card, with Back) or, with `shard-view="heatmap"`,
 * `<ps-keyspace-heatmap>` (a cell → its shard in the list), the resize banner's View opens
 * `<ps-resize-status variant="detail">`. It only wires the other elements together: it loads the topology once and
 * hands it down, and keeps `selected`, `range` and `keyspace` in attributes so a host page can deep-link them.
 * Below 720 px of width the panel becomes a bottom sheet.
 *
 * @summary Diagram, metrics, shard list and resize progress of one keyspace, wired together.
 *
 * @fires ps-shard-change - The shard list opened a shard or went back (re-dispatched from `<ps-shard-stack>`).
 * @fires ps-select - A node was selected (re-dispatched from the diagram or the shard list); `detail.node` is null when cleared.
 * @fires ps-view-resize - The resize banner's View was pressed.
 * @fires ps-range-change - The metric card's time range changed.
 * @fires ps-error - Loading failed; the element shows it too.
 *
 * @csspart layout - The grid holding the diagram and the panel.
 * @csspart diagram - The `<ps-topology>`.
 * @csspart panel - The side panel (a bottom sheet on narrow containers).
 * @csspart error - The message shown when loading or validating the topology failed (the last good diagram stays).
 * @csspart keyspace-picker - The keyspace `<select>`, shown when the branch has several keyspaces.
 * @csspart shard-view - The List / Heatmap switch above the shards of a sharded keyspace.
 *
 * @cssprop --ps-color-bg - Background.
 * @cssprop --ps-color-surface - Panel background.
 */
export class PsInfrastructure extends LitElement {
  static override styles = [themeStyles, controlStyles, styles];

  /** Data source for everything inside; the page default (`setDefaultProvider`) when unset. */
  @property({ attribute: false }) provider?: DataProvider;

  /** Plain topology data instead of a provider (metrics then need a provider). */
  @property({ attribute: false }) topology?: Topology;

  /** Database name. */
  @property({ reflect: true }) database = '';

  /** Branch name. */
  @property({ reflect: true }) branch = '';

  /** Keyspace shown; defaults to the database's name. Reflects, for deep links. */
  @property({ reflect: true }) keyspace = '';

  /** Selected node id (`vtgates`, `tablet:<id>`, `shard-stack`, `shard:<name>`, or `resize`). Reflects, for deep links. */
  @property({ reflect: true }) selected = '';

  /**
   * How the shard panel shows a sharded keyspace: `list` (default, `<ps-shard-stack>`) or `heatmap`
   * (`<ps-keyspace-heatmap>`: shards × time; a cell opens its shard in the list). Reflects, for deep links.
   */
  @property({ attribute: 'shard-view', reflect: true }) shardView: 'list' | 'heatmap' = 'list';

  /** Metric cards' time range preset (`15m 1h 3h 6h 12h 1d 2d 7d`). Reflects, for deep links. */
  @property({ reflect: true }) range: string = DEFAULT_RANGE;

  /** Topology polling interval (`30s`, `0` = off); providers with `watch` push changes anyway. */
  @property() refresh = '0';

  /** How long to wait for each answer, e.g. `30s` (default) or `2m`; `0` waits forever. Passed on to every child. */
  @property() timeout = '';

  /** `light`, `dark` or `auto` (follows `prefers-color-scheme`). */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'auto';

  @query('.panel-header h2') private panelHeading?: HTMLElement;

  private readonly source = new TopologyController(this, {
    provider: () => this.provider,
    ref: () => (this.database && this.branch ? { database: this.database, branch: this.branch, keyspace: this.keyspace || this.database } : undefined),
    data: () => this.topology,
    refreshMs: () => refreshOrOff(this.refresh),
    timeoutMs: () => timeoutOr(this.timeout),
    onError: (error) => emit(this, 'ps-error', { error }),
  });

  /** Loads the topology again now (host pages' "refresh" buttons; providers with `watch` push changes anyway). */
  reload(): Promise<void> {
    return this.source.reload();
  }

  /** The panel currently shown, for tests and host pages. */
  get panel(): PanelView {
    return panelFor(this.source.value, this.selected);
  }

  protected override updated(changed: PropertyValues<this>): void {
    const previous = changed.get('selected');
    if (!changed.has('selected') || previous === undefined) return;
    // Focus follows the panel: into it when it opens or shows another kind of view, back to the diagram when it
    // closes. Moving within the shard list (list ↔ shard) leaves focus where the list put it.
    const view = this.panel.view;
    const previousView = panelFor(this.source.value, previous).view;
    if (this.selected && view !== 'none' && view !== previousView) this.panelHeading?.focus();
    else if (!this.selected) this.renderRoot.querySelector<HTMLElement>('ps-topology')?.focus();
  }

  protected override render(): TemplateResult {
    const topology = this.source.value;
    const keyspaces = topology?.keyspaces ?? [];
    return html`
      <div class="layout" part="layout">
        <div class="main">
          ${this.renderError()}
          <ps-topology
            part="diagram"
            theme=${this.theme}
            .provider=${this.provider}
            .topology=${topology}
            selected=${this.diagramSelection()}
            @ps-select=${this.onSelect}
            @ps-view-resize=${this.onViewResize}
          >
            ${keyspaces.length > 1
              ? html`<select slot="keyspace" part="keyspace-picker" aria-label="Keyspace" @change=${this.onKeyspaceChange}>
                  ${keyspaces.map((name) => html`<option .value=${name} ?selected=${name === topology!.keyspace}>${name}</option>`)}
                </select>`
              : nothing}
          </ps-topology>
        </div>
        ${this.renderPanel()}
      </div>
    `;
  }

  /** Loading or validation failed: say so above the diagram, which keeps the last good topology. */
  private renderError(): TemplateResult | typeof nothing {
    const error = this.source.error;
    if (!error) return this.source.slow ? html`<p class="waiting" role="status">Still waiting for the data source…</p>` : nothing;
    const what = error.kind === 'invalid-data' ? 'The topology is invalid' : 'Could not load the topology';
    return html`<div class="ps-error" part="error" role="alert">
      <span>${what}: ${error.message}</span>
      ${this.topology ? nothing : html`<button class="ps-button" type="button" @click=${() => this.reload()}>Retry</button>`}
    </div>`;
  }

  private renderPanel(): TemplateResult | typeof nothing {
    const panel = this.panel;
    if (panel.view === 'none') return nothing;
    // The shard list has its own Back between list and shard; the panel's Back leads from a node's card to its shard.
    const back = panel.view === 'metrics' ? panel.back : undefined;
    const wide = panel.view === 'shards' && !panel.shard && this.shardView === 'heatmap';
    return html`
      <aside class=${wide ? 'panel wide' : 'panel'} part="panel" aria-labelledby="panel-title">
        <div class="panel-header">
          ${back
            ? html`<button class="ps-button icon-button" type="button" aria-label="Back" @click=${() => this.select(back)}>←</button>`
            : nothing}
          <h2 id="panel-title" tabindex="-1">${panelTitle(panel)}</h2>
          ${panel.view === 'shards' && !panel.shard ? this.renderShardViewSwitch() : nothing}
          <button class="ps-button icon-button" type="button" aria-label="Close panel" @click=${() => this.select('')}>✕</button>
        </div>
        <!-- Focusable: a long panel (a resize's shard table) must scroll from the keyboard even with nothing to tab to. -->
        <div class="panel-body" tabindex="0">${this.renderPanelBody(panel)}</div>
      </aside>
    `;
  }

  private renderPanelBody(panel: PanelView): TemplateResult | typeof nothing {
    const topology = this.source.value;
    if (!topology) return nothing;
    switch (panel.view) {
      case 'metrics':
        return html`<ps-metric-card
          theme=${this.theme}
          expanded
          timeout=${this.timeout}
          .provider=${this.provider}
          .node=${panel.node}
          range=${this.range}
          @ps-range-change=${this.onRangeChange}
        ></ps-metric-card>`;
      case 'shards':
        if (!panel.shard && this.shardView === 'heatmap') {
          return html`<ps-keyspace-heatmap
            theme=${this.theme}
            database=${topology.database}
            branch=${topology.branch}
            keyspace=${topology.keyspace}
            .provider=${this.provider}
            @ps-select=${this.onSelect}
          ></ps-keyspace-heatmap>`;
        }
        return html`<ps-shard-stack
          theme=${this.theme}
          database=${topology.database}
          branch=${topology.branch}
          keyspace=${topology.keyspace}
          .topology=${topology}
          .shard=${panel.shard ?? ''}
          @ps-select=${this.onSelect}
          @ps-shard-change=${this.onShardChange}
        ></ps-shard-stack>`;
      case 'resize':
        return html`<ps-resize-status theme=${this.theme} variant="detail" .status=${topology.resize ?? null}></ps-resize-status>`;
      default:
        return nothing;
    }
  }

  /** List / Heatmap: two views of the same shards; the choice is in the `shard-view` attribute. */
  private renderShardViewSwitch(): TemplateResult {
    const option = (view: 'list' | 'heatmap', label: string) => html`<button class="ps-button" type="button"
      aria-pressed=${String(this.shardView === view)} @click=${() => { this.shardView = view; }}>${label}</button>`;
    return html`<div class="shard-view" role="group" aria-label="Shard view" part="shard-view">${option('list', 'List')}${option('heatmap', 'Heatmap')}</div>`;
  }

  /** The diagram highlights the stack for anything inside it. */
  private diagramSelection(): string {
    const panel = this.panel;
    // A grouped region's replicas: its card, from its list and from one of its tablets.
    if (panel.view === 'metrics' && panel.back?.startsWith('replicas:')) return panel.back;
    if (this.selected.startsWith('replicas:')) return this.selected;
    if (panel.view === 'shards' || (panel.view === 'metrics' && panel.back?.startsWith('shard:'))) return 'shard-stack';
    if (panel.view === 'resize') return '';
    return this.selected;
  }

  private select(id: string): void {
    this.selected = id;
  }

  private onSelect(event: CustomEvent<{ node: SelectableNode | null }>): void {
    this.select(event.detail.node?.id ?? '');
  }

  private onShardChange(event: CustomEvent<{ shard: string }>): void {
    this.select(event.detail.shard ? `shard:${event.detail.shard}` : 'shard-stack');
  }

  private onViewResize(): void {
    this.select(RESIZE_PANEL_ID);
  }

  private onRangeChange(event: CustomEvent<{ range: string | { from: number; to: number } }>): void {
    if (typeof event.detail.range === 'string') this.range = event.detail.range;
  }

  private onKeyspaceChange(event: Event): void {
    this.keyspace = (event.target as HTMLSelectElement).value;
    this.selected = '';
  }
}

function panelTitle(panel: PanelView): string {
  switch (panel.view) {
    case 'metrics':
      return 'Metrics and performance';
    case 'shards':
      return panel.region ? `Replicas in ${panel.region}` : panel.shard ? `Shard ${panel.shard}` : 'Shards';
    case 'resize':
      return 'Resize progress';
    default:
      return '';
  }
}

