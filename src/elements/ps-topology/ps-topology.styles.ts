/** Styles of `<ps-topology>`: every colour is a theme token, so light and dark differ in paint only, never in geometry. */
import { css } from 'lit';

export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: var(--ps-topology-height, 460px);
    min-height: 240px;
    background: var(--ps-color-bg);
    border: 1px solid var(--ps-color-border);
    border-radius: var(--ps-radius);
    overflow: hidden;
    box-sizing: border-box;
    position: relative;
  }

  .header {
    display: flex;
    align-items: center;
    gap: 10px;
    min-height: 44px;
    padding: 0 14px;
    border-bottom: 1px solid var(--ps-color-border);
    background: var(--ps-color-surface);
  }
  .heading {
    display: flex;
    align-items: center;
    gap: 8px;
    min-width: 0;
    flex: 1;
  }
  .heading strong {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .heading .muted {
    color: var(--ps-color-text-muted);
  }
  .branch {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    color: var(--ps-color-text-muted);
    min-width: 0;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .branch svg {
    flex: none;
    width: 14px;
    height: 14px;
    fill: none;
    stroke: currentColor;
    stroke-width: 1.5;
  }
  .badge {
    flex: none;
    padding: 1px 8px;
    border-radius: 999px;
    font-size: var(--ps-font-size-small);
    font-weight: 500;
    border: 1px solid var(--ps-color-border);
    color: var(--ps-color-text-muted);
    background: var(--ps-color-surface-raised);
  }
  .badge.production {
    color: var(--ps-color-ok);
    border-color: currentColor;
  }
  .updating {
    font-size: var(--ps-font-size-small);
    color: var(--ps-color-text-muted);
  }

  .banner {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 6px 14px;
    border-bottom: 1px solid var(--ps-color-border);
    background: var(--ps-color-accent-soft);
    font-size: var(--ps-font-size-small);
  }
  .banner .spinner {
    width: 12px;
    height: 12px;
    border-radius: 50%;
    border: 2px solid var(--ps-color-accent);
    border-right-color: transparent;
    animation: spin calc(var(--ps-motion) * 4) linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  .banner .link {
    margin-left: auto;
    border: 0;
    background: none;
    padding: 2px 4px;
    color: var(--ps-color-accent);
    font-weight: 600;
    cursor: pointer;
  }
  .banner .link:hover {
    text-decoration: underline;
  }

  .ps-error {
    margin: 8px 12px 0;
  }
  .ps-error .message {
    flex: 1;
  }

  .viewport {
    position: relative;
    flex: 1;
    min-height: 0;
    overflow: hidden;
    touch-action: none;
    cursor: grab;
    background-color: var(--ps-color-bg);
    background-image: radial-gradient(var(--ps-color-grid) 1px, transparent 1px);
    background-size: 16px 16px;
  }
  .viewport.panning {
    cursor: grabbing;
  }
  svg.diagram {
    display: block;
    width: 100%;
    height: 100%;
    font-family: var(--ps-font-family);
    user-select: none;
  }
  svg.diagram:focus {
    outline: none;
  }

  .empty {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    color: var(--ps-color-text-muted);
    padding: 16px;
    text-align: center;
  }
  .skeleton rect {
    fill: var(--ps-color-skeleton);
  }
  .waiting {
    position: absolute;
    inset: 10px 0 auto;
    text-align: center;
    color: var(--ps-color-text-muted);
    font-size: var(--ps-font-size-small);
  }

  .controls {
    position: absolute;
    right: 10px;
    top: 10px;
    display: flex;
    gap: 0;
    border: 1px solid var(--ps-color-border);
    border-radius: var(--ps-radius-small);
    background: var(--ps-color-surface-raised);
    box-shadow: var(--ps-shadow);
    overflow: hidden;
  }
  .controls button {
    min-width: 30px;
    height: 28px;
    border: 0;
    border-left: 1px solid var(--ps-color-border);
    background: none;
    color: var(--ps-color-text);
    cursor: pointer;
    font-size: 14px;
    line-height: 1;
  }
  .controls button:first-child {
    border-left: 0;
  }
  .controls button:hover {
    background: var(--ps-color-surface);
  }
  .controls button:focus-visible {
    outline-offset: -2px;
  }

  /* ---- diagram ---- */
  .region {
    fill: var(--ps-color-surface);
    stroke: var(--ps-color-border);
    stroke-dasharray: 4 3;
  }
  .region-title {
    font-size: 12px;
    font-weight: 600;
    fill: var(--ps-color-text);
  }
  .region-kind {
    font-weight: 400;
    fill: var(--ps-color-text-muted);
  }
  .globe {
    fill: none;
    stroke: var(--ps-color-region);
    stroke-width: 1.4;
  }

  .edge {
    fill: none;
    stroke: var(--ps-color-edge);
    stroke-width: 1.25;
  }
  .edge-end {
    fill: var(--ps-color-bg);
    stroke: var(--ps-color-edge);
    stroke-width: 1.25;
  }
  .lag rect {
    fill: var(--ps-color-bg);
    stroke: var(--ps-color-border);
  }
  .lag text {
    font-family: var(--ps-font-mono);
    font-size: 11px;
    fill: var(--ps-color-text-muted);
  }
  .lag.warning rect {
    fill: var(--ps-color-warning-soft);
    stroke: var(--ps-color-warning);
  }
  .lag.warning text {
    fill: var(--ps-color-warning);
    font-weight: 600;
  }
  .lag .warn-icon {
    fill: var(--ps-color-warning);
  }
  .lag .warn-mark {
    stroke: var(--ps-color-warning-soft);
    stroke-width: 1.4;
    stroke-linecap: round;
  }

  .node,
  .lag,
  .edge-end {
    transition: transform var(--ps-motion) cubic-bezier(0.2, 0, 0, 1);
  }
  .edge {
    transition: d var(--ps-motion) cubic-bezier(0.2, 0, 0, 1);
  }
  .node {
    cursor: pointer;
  }
  .hit {
    outline: none;
  }
  .card {
    fill: var(--ps-color-surface-raised);
    stroke: var(--ps-color-border-strong);
    stroke-width: 1;
    filter: drop-shadow(0 1px 1.5px rgb(16 24 40 / 0.08));
  }
  .node:hover .card {
    stroke: var(--ps-color-text-muted);
  }
  .node.primary .card {
    stroke: var(--ps-color-primary-node);
    stroke-width: 1.5;
  }
  .node.down .card {
    stroke-dasharray: 5 3;
  }
  .node.selected .card {
    stroke: var(--ps-color-accent);
    stroke-width: 2;
    fill: var(--ps-color-accent-soft);
  }
  .node.selected .tile {
    fill: var(--ps-color-surface-raised);
  }
  .ring {
    fill: none;
    stroke: var(--ps-color-focus);
    stroke-width: 2;
    opacity: 0;
  }
  .hit:focus-visible .ring {
    opacity: 1;
  }
  .tile {
    fill: var(--ps-color-surface);
    stroke: var(--ps-color-border);
  }
  .icon {
    fill: none;
    stroke: var(--ps-color-replica-node);
    stroke-width: 1.5;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .node.primary .tile,
  .node.vtgates .tile {
    fill: var(--ps-color-accent-soft);
    stroke: transparent;
  }
  .node.primary .icon,
  .node.vtgates .icon {
    stroke: var(--ps-color-primary-node);
  }
  .title {
    font-size: 13px;
    font-weight: 600;
    fill: var(--ps-color-text);
  }
  .subtitle {
    font-size: 12px;
    fill: var(--ps-color-text-muted);
  }
  .dot {
    fill: var(--ps-color-ok);
    stroke: var(--ps-color-ok);
    stroke-width: 1.5;
  }
  .down-status .dot,
  .dot-down,
  .node.down .dot {
    fill: var(--ps-color-surface-raised);
    stroke: var(--ps-color-danger);
  }
  .down-text {
    font-size: 11px;
    fill: var(--ps-color-danger);
  }
  .globe-badge {
    fill: var(--ps-color-accent-soft);
  }

  /* The green stack of shards. */
  .shard-stack .card,
  .shard-stack .card-behind {
    fill: var(--ps-color-surface-raised);
    stroke: var(--ps-color-shard);
    stroke-width: 1.25;
  }
  .shard-stack .card-behind {
    fill: var(--ps-color-shard-soft);
  }
  .shard-stack .tile {
    fill: var(--ps-color-shard-soft);
    stroke: transparent;
  }
  .shard-stack .icon {
    stroke: var(--ps-color-shard);
  }
  .shard-stack.selected .card {
    stroke: var(--ps-color-accent);
    stroke-width: 2;
  }
  /* The heat strip's track: its extent shows where the colours fade into the card. */
  .heat-track {
    fill: none;
    stroke: var(--ps-color-border);
    stroke-width: 1;
  }
  /* A region's replicas as one card, stacked like the shards but in the replicas' own colours. */
  .replica-group .card-behind {
    fill: var(--ps-color-surface);
    stroke: var(--ps-color-border);
  }

  @media (forced-colors: active) {
    .card,
    .card-behind {
      stroke: CanvasText;
    }
    .node.selected .card {
      stroke: Highlight;
    }
    .ring {
      stroke: Highlight;
    }
  }
`;
