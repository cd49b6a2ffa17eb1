/** The infrastructure diagram of one keyspace: VTGates, MySQL nodes or a shard stack, laid out by ELK in a worker. */
import { LitElement, html, nothing, svg, type PropertyValues, type SVGTemplateResult, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { repeat } from 'lit/directives/repeat.js';
import { cssomStyle } from '../cssom-style.js';
import { SizeController } from '../../controllers/size-controller.js';
import { timeoutOr } from '../../controllers/provider-call.js';
import { TopologyController } from '../../controllers/topology-controller.js';
import { DataError, toDataError } from '../../model/errors.js';
import { refreshOrOff } from '../../model/time-range.js';
import type { Topology } from '../../model/types.js';
import type { DataProvider } from '../../providers/provider.js';
import { buildGraph, graphSignature } from '../../layout/graph.js';
import { fitTransform, nodeInDirection, readingOrder, roundedPath, zoomAt, type Direction, type ViewTransform } from '../../layout/geometry.js';
import { getLayoutClient } from '../../layout/layout-client.js';
import type { Scene, SceneEdge, SceneGroup, SceneNode, TopologyGraph } from '../../layout/scene.js';
import { DEFAULT_LAG_WARNING_SECONDS, nodeStatus, selectableNode, type NodeStatus } from '../../layout/status.js';
import { controlStyles, themeStyles } from '../../theme/tokens.js';
import { emit } from '../events.js';
import { describePhase, summarizeResize } from '../resize-summary.js';
import { exportPNG, exportSVG } from './export.js';
import { HeatStripController } from './heat-strip.js';
import { branchIcon, cylinderIcon, globeIcon, routerIcon } from './icons.js';
import { styles } from './ps-topology.styles.js';

const ARROWS: Record<string, Direction> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };
const ZOOM_STEP = 1.25;
/** Height (px) of the zoom controls' band at the top of the diagram (`.controls`: 10 px down, 30 px tall), kept clear when fitting. */
const ZOOM_CONTROLS_BAND = 40;
/** Pointer travel (px) before a press becomes a pan rather than a click. */
const DRAG_THRESHOLD = 4;
const IN_PROGRESS = new Set(['queued', 'pending', 'resizing']);

/**
 * The PlanetScale-style infrastructure diagram of one keyspace on one branch: VTGates on top, the primary MySQL node
 * and its replicas below (read-only regions grouped under a globe), or a green stack for a sharded keyspace; each
 * replica's replication lag is written next to its connection point. Layout runs in a Web Worker (elkjs) and is
 * redone only when the node set changes; lag, serving state and resize progress update in place.
 *
 * Keyboard: Tab enters the diagram once; arrows move between nodes along the layout, Home/End jump to the first/last,
 * Enter or Space selects, Escape clears the selection; `+`/`-` zoom and `0` fits.
 *
 * @summary Infrastructure diagram of a Vitess / PlanetScale keyspace.
 *
 * @fires ps-select - A node was selected by click, Enter or Space (`detail.node`), or the selection was cleared (`null`).
 * @fires ps-view-resize - The resize banner's View was pressed (`detail.keyspace`).
 * @fires ps-error - Loading, validating or laying out failed (`detail.error`); the element shows it and keeps the last diagram.
 *
 * @csspart header - The keyspace / branch heading.
 * @slot keyspace - Replaces the keyspace name in the heading, e.g. with a keyspace picker.
 * @csspart resize-banner - The "Resizing keyspace …" banner.
 * @csspart error - The error message with its Retry button.
 * @csspart diagram - The viewport that holds the diagram.
 * @csspart controls - The zoom buttons.
 *
 * @cssprop --ps-topology-height - Height of the element (default 460px).
 * @cssprop --ps-color-region - The read-only region globe.
 * @cssprop --ps-color-shard - The shard stack.
 * @cssprop --ps-color-primary-node - Emphasis of the primary.
 * @cssprop --ps-color-warning - Lag above the `lag-warning` threshold.
 * @cssprop --ps-color-edge - Connectors.
 * @cssprop --ps-motion - Duration of node movement after a relayout (0 under reduced motion).
 */
export class PsTopology extends LitElement {
  static override styles = [themeStyles, controlStyles, styles];

  /** Data source; the page default (`setDefaultProvider`) when unset. */
  @property({ attribute: false }) provider?: DataProvider;

  /** Plain topology data instead of a provider; validated, so bad data shows an error and keeps the last diagram. */
  @property({ attribute: false }) topology?: Topology;

  /** Database name (with a provider). */
  @property({ reflect: true }) database = '';

  /** Branch name (with a provider). */
  @property({ reflect: true }) branch = '';

  /** Keyspace to draw; defaults to the database's name. */
  @property({ reflect: true }) keyspace = '';

  /** Id of the selected node: `vtgates`, `tablet:<tabletId>` or `shard-stack`; empty for none. Reflects. */
  @property({ reflect: true }) selected = '';

  /** Topology polling interval, e.g. `30s`; `0` turns it off. Providers with `watch` push changes anyway. */
  @property() refresh = '0';

  /** How long to wait for the provider's answer, e.g. `30s` (default) or `2m`; `0` waits forever. Then: an error with Retry. */
  @property() timeout = '';

  /** Replication lag (seconds) above which a replica's lag is flagged with a warning. */
  @property({ type: Number, attribute: 'lag-warning' }) lagWarning = DEFAULT_LAG_WARNING_SECONDS;

  /** `light`, `dark` or `auto` (follows `prefers-color-scheme`). */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'auto';

  /** The laid-out diagram on screen; kept while a newer layout runs. */
  @state() private scene?: Scene;
  @state() private layoutError?: DataError;
  @state() private view: ViewTransform = { scale: 1, x: 0, y: 0 };
  @state() private activeId = '';
  @state() private panning = false;

  @query('.viewport') private viewportElement?: HTMLElement;
  @query('svg.diagram') private svgElement?: SVGSVGElement;

  private readonly client = getLayoutClient();
  private readonly source = new TopologyController(this, {
    provider: () => this.provider,
    ref: () => (this.database && this.branch ? { database: this.database, branch: this.branch, keyspace: this.keyspace || this.database } : undefined),
    data: () => this.topology,
    refreshMs: () => refreshOrOff(this.refresh),
    timeoutMs: () => timeoutOr(this.timeout),
    onError: (error) => emit(this, 'ps-error', { error }),
  });
  private readonly size = new SizeController(this, () => this.autoFit(), () => this.viewportElement ?? null);
  private readonly heat = new HeatStripController(this, {
    provider: () => this.provider, topology: () => this.source.value, theme: () => this.theme, timeoutMs: () => timeoutOr(this.timeout),
  });

  private graphOf?: { topology: Topology; graph: TopologyGraph; signature: string };
  /** The signature of the newest layout asked for; answers for older ones are dropped. */
  private wantedSignature = '';
  private pendingLayout?: Promise<void>;
  /** The user zoomed or panned: stop fitting automatically. */
  private userMoved = false;
  private drag?: { pointerId: number; x: number; y: number; view: ViewTransform; moved: boolean };
  private suppressClick = false;
  private focusAfterUpdate = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.client.acquire();
    // ELK boots (≈0.5 s) while the topology is fetched, not after it arrives.
    void this.client.prewarm();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.client.release();
    // A layout cut short by the release is asked for again on reconnect.
    if (!this.scene || this.scene.signature !== this.wantedSignature) this.wantedSignature = '';
  }

  /** Focuses the diagram's active node (the one tab stop), or the element when nothing is drawn yet. */
  override focus(options?: FocusOptions): void {
    const node = this.activeNodeElement();
    if (node) node.focus(options);
    else super.focus(options);
  }

  /** The diagram as a standalone SVG document, with the current theme's colours written in. */
  toSVG(): string {
    if (!this.svgElement || !this.scene) return '';
    return exportSVG(this.svgElement, this.scene, this.diagramLabel());
  }

  /** The diagram as a PNG image (twice the diagram's size, for sharp text). */
  toPNG(): Promise<Blob> {
    if (!this.scene) return Promise.reject(new DataError('not-found', 'There is no diagram to export yet.'));
    return exportPNG(this.toSVG(), this.scene);
  }

  /** Resolves once the current topology is loaded and laid out (for tests and host pages). */
  async layoutComplete(): Promise<void> {
    // The update starts a load for new arguments; only then is there something to settle.
    await this.updateComplete;
    await this.source.settled();
    await this.updateComplete;
    // A newer layout may be asked for while one is awaited; wait until none is outstanding.
    let pending: Promise<void> | undefined;
    while (this.pendingLayout && this.pendingLayout !== pending) {
      pending = this.pendingLayout;
      await pending;
      await this.updateComplete;
    }
    await this.heat.settled();
    await this.updateComplete;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const topology = this.source.value;
    if (topology && topology !== this.graphOf?.topology) {
      const graph = buildGraph(topology);
      this.graphOf = { topology, graph, signature: graphSignature(graph) };
    }
    const graph = this.graphOf;
    if (graph && graph.signature !== this.wantedSignature && graph.signature !== this.scene?.signature) this.requestLayout(graph.graph, graph.signature);
    else if (graph && graph.signature === this.scene?.signature) this.wantedSignature = graph.signature;
    if (changed.has('selected') && this.selected && this.scene?.nodes.some((n) => n.id === this.selected)) this.activeId = this.selected;
  }

  protected override updated(): void {
    if (this.focusAfterUpdate) {
      this.focusAfterUpdate = false;
      this.activeNodeElement()?.focus({ preventScroll: true });
    }
  }

  private requestLayout(graph: TopologyGraph, signature: string): void {
    this.wantedSignature = signature;
    this.pendingLayout = this.client.layout(graph).then(
      (scene) => {
        if (this.wantedSignature !== signature) return;
        this.scene = scene;
        this.layoutError = undefined;
        if (!scene.nodes.some((n) => n.id === this.activeId)) this.activeId = '';
        if (!this.userMoved) this.fit();
      },
      (reason) => {
        const error = toDataError(reason);
        if (this.wantedSignature !== signature) return;
        // Cut short by a disconnect: ask again on reconnect. A real failure keeps its signature, so the failed
        // shape is not asked for again on every update (that would loop); Retry clears it.
        if (error.kind === 'aborted') {
          this.wantedSignature = '';
          return;
        }
        this.layoutError = error;
        emit(this, 'ps-error', { error });
      },
    );
  }

  // ---- rendering ----

  protected override render(): TemplateResult {
    const topology = this.source.value;
    const error = this.source.error ?? this.layoutError;
    return html`
      ${topology ? this.renderHeader(topology) : nothing}
      ${topology ? this.renderBanner(topology) : nothing}
      ${error
        ? html`<div class="ps-error" role="alert" part="error">
            <span class="message">${this.scene ? 'Could not update the diagram' : 'Could not load the diagram'}: ${error.message}</span>
            <button class="ps-button" type="button" @click=${this.retry}>Retry</button>
          </div>`
        : nothing}
      <div
        class=${classMap({ viewport: true, panning: this.panning })}
        part="diagram"
        @wheel=${this.onWheel}
        @pointerdown=${this.onPointerDown}
        @pointermove=${this.onPointerMove}
        @pointerup=${this.onPointerUp}
        @pointercancel=${this.onPointerUp}
      >
        ${this.scene && topology ? this.renderDiagram(this.scene, topology) : this.renderPlaceholder(Boolean(error))}
        ${this.scene?.nodes.length
          ? html`<div class="controls" part="controls">
              <button type="button" aria-label="Zoom in" title="Zoom in" @click=${() => this.zoomBy(ZOOM_STEP)}>+</button>
              <button type="button" aria-label="Zoom out" title="Zoom out" @click=${() => this.zoomBy(1 / ZOOM_STEP)}>−</button>
              <button type="button" aria-label="Fit to view" title="Fit to view" @click=${this.fitByUser}>Fit</button>
            </div>`
          : nothing}
      </div>
    `;
  }

  private renderHeader(topology: Topology): TemplateResult {
    const production = topology.branchKind === 'production';
    return html`<div class="header" part="header">
      <div class="heading">
        <span class="muted">Keyspace</span>
        <slot name="keyspace"><strong>${topology.keyspace}</strong></slot>
        <span class="branch"><svg viewBox="0 0 16 16" aria-hidden="true">${branchIcon}</svg><span class="visually-hidden">Branch</span>${topology.branch}</span>
        <span class=${classMap({ badge: true, production })}>${production ? 'Production' : 'Development'}</span>
      </div>
      ${this.source.loading && this.scene
        ? html`<span class="updating" role=${this.source.slow ? 'status' : nothing} aria-hidden=${this.source.slow ? nothing : 'true'}>${this.source.slow ? 'Still waiting for the data source…' : 'Updating…'}</span>`
        : nothing}
    </div>`;
  }

  private renderBanner(topology: Topology): TemplateResult | typeof nothing {
    const resize = topology.resize;
    if (!resize || !IN_PROGRESS.has(resize.state)) return nothing;
    // Where it is in words ("Copying: 62% copied", "Copied — traffic not switched yet · lag 1.2s", "3 of 8 shards done").
    const text = resize.state === 'queued'
      ? `Resize of keyspace ${topology.keyspace} queued`
      : `Resizing keyspace ${topology.keyspace} · ${describePhase(resize, summarizeResize(resize, 0))}`;
    return html`<div class="banner" part="resize-banner">
      <span class="spinner" aria-hidden="true"></span>
      <span role="status">${text}</span>
      <button class="link" type="button" aria-label="View resize progress" @click=${() => emit(this, 'ps-view-resize', { keyspace: topology.keyspace })}>View</button>
    </div>`;
  }

  private renderPlaceholder(failed: boolean): TemplateResult {
    if (failed) return html`<div class="empty">No diagram to show.</div>`;
    if (!this.source.loading && !this.source.value && !this.topology && !(this.database && this.branch)) {
      return html`<div class="empty">Set a provider with a database and branch, or topology data.</div>`;
    }
    return html`<svg class="diagram skeleton" viewBox="0 0 560 360" aria-hidden="true">
        <rect x="164" y="24" width="232" height="64" rx="10" />
        <rect x="164" y="160" width="232" height="64" rx="10" />
        <rect x="32" y="272" width="232" height="64" rx="10" />
        <rect x="296" y="272" width="232" height="64" rx="10" />
      </svg>
      ${this.source.slow
        ? html`<span class="waiting" role="status">Still waiting for the data source…</span>`
        : html`<span class="visually-hidden" role="status">${this.source.value ? 'Laying out the diagram…' : 'Loading the diagram…'}</span>`}`;
  }

  private diagramLabel(): string {
    const topology = this.source.value;
    return topology ? `Infrastructure of keyspace ${topology.keyspace} on branch ${topology.branch}` : 'Infrastructure diagram';
  }

  private renderDiagram(scene: Scene, topology: Topology): TemplateResult {
    // No VTGates known (graph.ts `hasVTGates`) and no tablets: say so rather than draw an empty canvas.
    if (!scene.nodes.length) return html`<div class="empty">No VTGates or MySQL nodes reported for keyspace ${topology.keyspace}.</div>`;
    // The tab stop: the node last visited, else the selected one, else the first in reading order.
    const has = (id: string) => Boolean(id) && scene.nodes.some((n) => n.id === id);
    const active = has(this.activeId) ? this.activeId : has(this.selected) ? this.selected : readingOrder(scene.nodes)[0]?.id;
    const statuses = new Map(scene.nodes.map((node) => [node.id, nodeStatus(topology, node, this.lagWarning)]));
    const ungrouped = scene.nodes.filter((node) => !node.group);
    const { scale, x, y } = this.view;
    return html`<svg
      class="diagram"
      tabindex="-1"
      role="group"
      aria-label=${this.diagramLabel()}
      @keydown=${this.onKeyDown}
      @click=${this.onClick}
      @focusin=${this.onFocusIn}
    >
      <g class="stage" transform="translate(${x} ${y}) scale(${scale})">
        <g aria-hidden="true">
          ${repeat(scene.groups, (g) => g.id, (group) => this.renderGroup(group))}
          ${repeat(scene.edges, (e) => e.id, (edge) => renderEdge(edge))}
          ${repeat(scene.edges.filter((e) => e.lagAt), (e) => e.id, (edge) => renderLag(edge, statuses.get(edge.to)))}
        </g>
        ${repeat(ungrouped, (n) => n.id, (node) => this.renderNode(node, statuses.get(node.id)!, active))}
        ${repeat(scene.groups, (g) => g.id, (group) => svg`<g role="group" aria-label=${`Read-only region ${group.region}${group.subtitle ? ` (${group.subtitle})` : ''}`}>
          ${repeat(scene.nodes.filter((n) => n.group === group.id), (n) => n.id, (node) => this.renderNode(node, statuses.get(node.id)!, active))}
        </g>`)}
      </g>
    </svg>`;
  }

  private renderGroup(group: SceneGroup): SVGTemplateResult {
    return svg`<g class="region-group">
      <rect class="region" x=${group.x + 0.5} y=${group.y + 0.5} width=${group.width - 1} height=${group.height - 1} rx="12" />
      <svg class="globe" x=${group.x + 14} y=${group.y + 12} width="16" height="16" viewBox="0 0 16 16">${globeIcon}</svg>
      <text class="region-title" x=${group.x + 38} y=${group.y + 25}>${group.title} <tspan class="region-kind">read-only</tspan></text>
    </g>`;
  }

  private renderNode(node: SceneNode, status: NodeStatus, activeId: string | undefined): SVGTemplateResult {
    const selected = node.id === this.selected;
    const classes = { node: true, [node.kind]: true, primary: node.role === 'primary', selected, down: !status.serving };
    // The shard stack and a region's replica group are drawn as a stack of cards.
    const stack = node.kind === 'shard-stack' || node.kind === 'replica-group';
    const w = stack ? node.width - 12 : node.width;
    const h = stack ? node.height - 12 : node.height;
    const icon = node.kind === 'vtgates' ? routerIcon : cylinderIcon;
    const lines = node.label.detail ? [node.label.subtitle, node.label.detail] : [node.label.subtitle];
    const textTop = 27;
    // The focusable button holds only the card; the drawn text sits beside it, hidden from assistive technology,
    // because the button's name says more than the card shows (lag, warnings, serving state).
    return svg`<g class=${classMap(classes)} data-id=${node.id} style=${cssomStyle({ transform: `translate(${node.x}px, ${node.y}px)` })}>
      <g
        class="hit"
        role="button"
        tabindex=${node.id === activeId ? '0' : '-1'}
        aria-label=${stack ? this.heat.label(status.name) : status.name}
        aria-pressed=${selected ? 'true' : 'false'}
      >
        <rect class="ring" x="-4" y="-4" width=${w + 8} height=${h + 8} rx="13" />
        ${stack
          ? svg`<rect class="card-behind" x="12.5" y="12.5" width=${w - 1} height=${h - 1} rx="10" />
              <rect class="card-behind" x="6.5" y="6.5" width=${w - 1} height=${h - 1} rx="10" />`
          : nothing}
        <rect class="card" x="0.5" y="0.5" width=${w - 1} height=${h - 1} rx="10" />
      </g>
      <g aria-hidden="true">
      ${stack ? this.heat.render(h) : nothing}
      <rect class="tile" x="14" y=${(stack ? 14 : (h - 32) / 2)} width="32" height="32" rx="8" />
      <svg class="icon" x="22" y=${(stack ? 22 : (h - 16) / 2)} width="16" height="16" viewBox="0 0 16 16">${icon}</svg>
      <text class="title" x="58" y=${textTop}>${node.label.title}</text>
      ${lines.map((line, i) => svg`<text class="subtitle" x="58" y=${textTop + 18 * (i + 1)}>${line}</text>`)}
      ${node.readOnlyRegion
        ? svg`<circle class="globe-badge" cx=${w - 20} cy="20" r="10" />
            <svg class="globe" x=${w - 27} y="13" width="14" height="14" viewBox="0 0 16 16">${globeIcon}</svg>`
        : nothing}
      ${stack
        ? svg`<circle class=${classMap({ dot: true, 'dot-down': Boolean(status.notServing) })} cx=${node.readOnlyRegion ? w - 40 : w - 18} cy="18" r="3.5" />
            ${status.notServing ? svg`<text class="down-text" x="58" y=${textTop + 18 * (lines.length + 1)}>${status.notServing} ${status.notServing === 1 ? 'tablet' : 'tablets'} not serving</text>` : nothing}`
        : renderServing(status, node.readOnlyRegion ? w - 36 : w - 14)}
    </g></g>`;
  }

  // ---- interaction ----

  private activeNodeElement(): SVGGElement | null {
    return this.renderRoot.querySelector<SVGGElement>('.node > [role="button"][tabindex="0"]');
  }

  private nodeIdOf(event: Event): string | undefined {
    for (const target of event.composedPath()) {
      if (target instanceof SVGGElement && target.dataset.id !== undefined) return target.dataset.id;
      if (target === this.svgElement) break;
    }
    return undefined;
  }

  private onClick(event: MouseEvent): void {
    if (this.suppressClick) {
      this.suppressClick = false;
      return;
    }
    const id = this.nodeIdOf(event);
    if (id !== undefined) this.select(id);
  }

  private onFocusIn(event: FocusEvent): void {
    const id = this.nodeIdOf(event);
    if (id !== undefined && id !== this.activeId) this.activeId = id;
  }

  private onKeyDown(event: KeyboardEvent): void {
    const scene = this.scene;
    if (!scene) return;
    const ordered = readingOrder(scene.nodes);
    // Keys reach the diagram from a node, or from the diagram itself after a click on its background.
    const current = this.nodeIdOf(event) || this.activeId || this.selected || ordered[0]?.id || '';
    let next: SceneNode | undefined;
    if (event.key in ARROWS) next = nodeInDirection(scene.nodes, current, ARROWS[event.key]);
    else if (event.key === 'Home') next = ordered[0];
    else if (event.key === 'End') next = ordered[ordered.length - 1];
    else if (event.key === 'Enter' || event.key === ' ') this.select(current);
    else if (event.key === 'Escape' && this.selected) this.select('');
    else if (event.key === '+' || event.key === '=') this.zoomBy(ZOOM_STEP);
    else if (event.key === '-') this.zoomBy(1 / ZOOM_STEP);
    else if (event.key === '0') this.fitByUser();
    else return;
    event.preventDefault();
    if (next) {
      this.activeId = next.id;
      this.focusAfterUpdate = true;
      this.reveal(next);
    }
  }

  /** Selects a node (or clears with `''`) and tells the page; the same node again keeps it selected. */
  private select(id: string): void {
    const topology = this.source.value;
    const node = this.scene?.nodes.find((n) => n.id === id);
    if (id && (!topology || !node)) return;
    if (id) this.activeId = id;
    if (id === this.selected) return;
    this.selected = id;
    emit(this, 'ps-select', { node: node && topology ? selectableNode(topology, node) ?? null : null });
  }

  private retry(): void {
    this.layoutError = undefined;
    this.wantedSignature = '';
    this.requestUpdate();
    void this.source.reload();
  }

  // ---- zoom and pan ----

  private get viewportSize(): { width: number; height: number } {
    const size = this.size.size;
    if (size.width && size.height) return size;
    const box = this.viewportElement?.getBoundingClientRect();
    return { width: box?.width ?? 0, height: box?.height ?? 0 };
  }

  private fit(): void {
    if (this.scene) this.view = fitTransform(this.scene, this.viewportSize, 1, ZOOM_CONTROLS_BAND);
  }

  private autoFit(): void {
    if (!this.userMoved) this.fit();
  }

  private fitByUser(): void {
    this.userMoved = false;
    this.fit();
  }

  private zoomBy(factor: number, at?: { x: number; y: number }): void {
    const size = this.viewportSize;
    this.view = zoomAt(this.view, factor, at ?? { x: size.width / 2, y: size.height / 2 });
    this.userMoved = true;
  }

  /** Pans just enough to bring a node into view (keyboard moves to a node off screen). */
  private reveal(node: SceneNode): void {
    const { scale, x, y } = this.view;
    const size = this.viewportSize;
    const margin = 16;
    const left = node.x * scale + x;
    const top = node.y * scale + y;
    const right = left + node.width * scale;
    const bottom = top + node.height * scale;
    const dx = left < margin ? margin - left : right > size.width - margin ? size.width - margin - right : 0;
    const dy = top < margin ? margin - top : bottom > size.height - margin ? size.height - margin - bottom : 0;
    if (dx || dy) this.view = { scale, x: x + dx, y: y + dy };
  }

  private onWheel(event: WheelEvent): void {
    if (!this.scene) return;
    const box = this.viewportElement!.getBoundingClientRect();
    if (event.ctrlKey || event.metaKey) {
      // Pinch on a trackpad arrives as ctrl + wheel.
      event.preventDefault();
      this.zoomBy(Math.exp(-event.deltaY * 0.01), { x: event.clientX - box.left, y: event.clientY - box.top });
      return;
    }
    // Plain wheel pans only a diagram larger than its viewport; otherwise the page scrolls as usual.
    const { scale } = this.view;
    if (this.scene.width * scale <= box.width + 1 && this.scene.height * scale <= box.height + 1) return;
    event.preventDefault();
    this.view = { ...this.view, x: this.view.x - event.deltaX, y: this.view.y - event.deltaY };
    this.userMoved = true;
  }

  private onPointerDown(event: PointerEvent): void {
    if (event.button !== 0 || !this.scene || (event.target as Element).closest?.('.controls')) return;
    this.drag = { pointerId: event.pointerId, x: event.clientX, y: event.clientY, view: this.view, moved: false };
  }

  private onPointerMove(event: PointerEvent): void {
    const drag = this.drag;
    if (!drag || drag.pointerId !== event.pointerId) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
    if (!drag.moved) {
      drag.moved = true;
      this.panning = true;
      try {
        this.viewportElement?.setPointerCapture(event.pointerId);
      } catch {
        // Synthetic pointers cannot be captured; panning still follows them while they stay over the diagram.
      }
    }
    this.view = { ...drag.view, x: drag.view.x + dx, y: drag.view.y + dy };
    this.userMoved = true;
  }

  private onPointerUp(event: PointerEvent): void {
    const drag = this.drag;
    if (!drag || drag.pointerId !== event.pointerId) return;
    this.drag = undefined;
    if (drag.moved) {
      this.panning = false;
      // The click that ends a drag must not select the node under the pointer.
      this.suppressClick = true;
      setTimeout(() => (this.suppressClick = false), 0);
    }
  }
}

/** The serving state at a card's top right: a green dot, or a hollow red one with words (never colour alone). */
function renderServing(status: NodeStatus, right: number): SVGTemplateResult {
  if (status.serving) return svg`<circle class="dot" cx=${right - 4} cy="18" r="3.5" />`;
  return svg`<g class="down-status">
    <text class="down-text" x=${right - 12} y="22" text-anchor="end">Not serving</text>
    <circle class="dot" cx=${right - 4} cy="18" r="3.5" />
  </g>`;
}

/**
 * A connector. Its path is also set as the CSS `d` property, which (unlike the attribute) transitions, so connectors
 * follow the nodes after a relayout; the attribute stays for exports.
 */
function renderEdge(edge: SceneEdge): SVGTemplateResult {
  const end = edge.points[edge.points.length - 1];
  const path = roundedPath(edge.points, 10);
  return svg`<path class="edge" d=${path} style=${cssomStyle({ d: `path("${path}")` })} />
    ${end ? svg`<circle class="edge-end" r="3" style=${cssomStyle({ transform: `translate(${end.x}px, ${end.y}px)` })} />` : nothing}`;
}

/** The lag written beside a replica's connection point; above the threshold an icon says so too, not colour alone. */
function renderLag(edge: SceneEdge, status: NodeStatus | undefined): SVGTemplateResult {
  const lag = status?.lag;
  if (!lag || !edge.lagAt) return svg``;
  const textX = lag.warning ? 20 : 7;
  const width = textX + lag.text.length * 6.8 + 7;
  return svg`<g class=${classMap({ lag: true, warning: lag.warning })} style=${cssomStyle({ transform: `translate(${edge.lagAt.x}px, ${edge.lagAt.y}px)` })}>
    <rect x="0" y="0" width=${width} height="18" rx="9" />
    ${lag.warning
      ? svg`<path class="warn-icon" d="M12 3.5 L17 13.5 H7 Z" transform="translate(-3 0)" /><path class="warn-mark" d="M9 7.3v2.6M9 11.6v0.1" />`
      : nothing}
    <text x=${textX} y="12.8">${lag.text}</text>
  </g>`;
}

