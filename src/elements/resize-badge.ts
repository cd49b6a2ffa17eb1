/** The one look of a resize state or phase (a keyspace's or a shard's): a pill with an icon and a word, never colour alone. */
import { css, html, svg, type TemplateResult } from 'lit';
import { formatCount, formatLag } from '../chart/format.js';
import { shardPhaseOf } from '../model/resize.js';
import type { ResizePhase, ResizeState, ShardResize, ShardResizeState } from '../model/types.js';

export type AnyResizeState = ResizeState | ShardResizeState | ResizePhase;

export const RESIZE_STATE_LABELS: Readonly<Record<AnyResizeState, string>> = {
  queued: 'Queued',
  pending: 'Pending',
  resizing: 'Resizing',
  completed: 'Completed',
  canceled: 'Canceled',
  failed: 'Failed',
  copying: 'Copying',
  // Copied, and kept in sync until traffic is switched: the words beside it say "traffic not switched yet".
  replicating: 'Copied',
  switched: 'Switched',
  stopped: 'Stopped',
  error: 'Error',
};

const ring = svg`<circle cx="6" cy="6" r="4.5" fill="none" stroke="currentColor" stroke-width="1.5"/>`;
const filled = (mark: TemplateResult) => svg`<circle cx="6" cy="6" r="5.25" fill="currentColor"/>${mark}`;
const cross = svg`<path d="M4.2 4.2l3.6 3.6M7.8 4.2l-3.6 3.6" stroke="var(--ps-color-bg)" stroke-width="1.5" stroke-linecap="round"/>`;

// Each state has its own shape as well as colour, so it reads without colour too.
const ICONS: Readonly<Record<AnyResizeState, TemplateResult>> = {
  queued: svg`<circle cx="6" cy="6" r="4.5" fill="none" stroke="currentColor" stroke-width="1.5" stroke-dasharray="2 2"/>`,
  pending: ring,
  resizing: svg`${ring}<path d="M6 1.5A4.5 4.5 0 0 1 10.5 6H6z" fill="currentColor"/>`,
  copying: svg`${ring}<path d="M6 1.5A4.5 4.5 0 0 1 10.5 6H6z" fill="currentColor"/>`,
  // Two arrows in a loop: kept in sync, not done.
  replicating: svg`<path d="M2.2 5A4 4 0 0 1 9.3 3.2M9.8 7A4 4 0 0 1 2.7 8.8" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linecap="round"/><path d="M9.9 1.4v2.3H7.6M2.1 10.6V8.3h2.3" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linecap="round" stroke-linejoin="round"/>`,
  // An arrow over a bar: traffic moved across.
  switched: svg`<path d="M1.8 4h7.4M7 1.8L9.2 4 7 6.2" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linecap="round" stroke-linejoin="round"/><path d="M1.8 8.6h8.4" stroke="currentColor" stroke-width="1.4" stroke-linecap="round"/>`,
  completed: filled(svg`<path d="M3.6 6.2l1.6 1.6 3.2-3.4" fill="none" stroke="var(--ps-color-bg)" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round"/>`),
  failed: filled(cross),
  error: filled(cross),
  stopped: svg`${ring}<path d="M4.7 4v4M7.3 4v4" stroke="currentColor" stroke-width="1.4" stroke-linecap="round"/>`,
  canceled: svg`${ring}<path d="M3.5 8.5l5-5" stroke="currentColor" stroke-width="1.5"/>`,
};

/** A copy's pie: the share done, filled clockwise from 12 o'clock (the icon carries the figure, not decoration). */
function copyPie(percent: number): TemplateResult {
  const p = Math.min(99.9, Math.max(0, percent)) / 100;
  const angle = 2 * Math.PI * p;
  const x = 6 + 4.5 * Math.sin(angle);
  const y = 6 - 4.5 * Math.cos(angle);
  return svg`${ring}<path d="M6 6V1.5A4.5 4.5 0 ${p > 0.5 ? 1 : 0} 1 ${x.toFixed(2)} ${y.toFixed(2)}z" fill="currentColor"/>`;
}

/** A state's or phase's pill; `detail` (a percent, a lag) follows the word. */
export function resizeBadge(state: AnyResizeState, detail?: string, icon: TemplateResult = ICONS[state]): TemplateResult {
  return html`<span class="badge ${state}"><svg viewBox="0 0 12 12" aria-hidden="true">${icon}</svg>${RESIZE_STATE_LABELS[state]}${
    detail ? html` <span class="badge-detail">${detail}</span>` : ''
  }</span>`;
}

/**
 * One shard's pill: its phase, and for a copy its percent ("Copying 45%", its pie showing the share) unless a column
 * beside it shows the percent already. `describeShardResize` has the words.
 */
export function shardResizeBadge(shard: ShardResize, percent = true): TemplateResult {
  const phase = shardPhaseOf(shard);
  if (phase === 'copying' && shard.copyPercent !== undefined) {
    return resizeBadge('copying', percent ? `${Math.floor(shard.copyPercent)}%` : undefined, copyPie(shard.copyPercent));
  }
  return resizeBadge(phase);
}

/** A shard's resize in words, for screen readers and titles: "copying, 45% copied", "copied — traffic not switched yet, lag 1.2s". */
export function describeShardResize(shard: ShardResize): string {
  const phase = shardPhaseOf(shard);
  switch (phase) {
    case 'copying':
      return shard.copyPercent !== undefined
        ? `copying, ${Math.floor(shard.copyPercent)}% copied`
        : shard.rowsCopied !== undefined
          ? `copying, ${formatCount(shard.rowsCopied)} rows copied`
          : 'copying';
    case 'replicating':
      return `copied — traffic not switched yet${shard.lagSeconds != null ? `, lag ${formatLag(shard.lagSeconds)}` : ''}`;
    case 'switched':
      return 'traffic switched, not completed yet';
    case 'error':
    case 'stopped':
      return shard.message ? `${phase}: ${shard.message}` : phase;
    default:
      return RESIZE_STATE_LABELS[phase].toLowerCase();
  }
}

export const resizeBadgeStyles = css`
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 5px;
    padding: 1px 8px 1px 6px;
    border-radius: 999px;
    font-size: var(--ps-font-size-small);
    font-weight: 500;
    line-height: 18px;
    white-space: nowrap;
    border: 1px solid transparent;
  }
  .badge svg {
    width: 12px;
    height: 12px;
    flex: none;
  }
  .badge-detail {
    font-variant-numeric: tabular-nums;
  }
  .badge.resizing,
  .badge.copying,
  .badge.replicating,
  .badge.queued {
    color: var(--ps-color-accent);
    background: var(--ps-color-accent-soft);
  }
  .badge.pending {
    color: var(--ps-color-text-muted);
    border-color: var(--ps-color-border);
  }
  .badge.completed,
  .badge.switched {
    color: var(--ps-color-ok);
    background: var(--ps-color-shard-soft);
  }
  .badge.switched {
    background: transparent;
    border-color: var(--ps-color-ok);
  }
  .badge.failed,
  .badge.error {
    color: var(--ps-color-danger);
    background: var(--ps-color-danger-soft);
  }
  .badge.canceled,
  .badge.stopped {
    color: var(--ps-color-warning);
    background: var(--ps-color-warning-soft);
  }
`;
