/** The one look of a resize state (a keyspace's or a shard's): a pill with an icon and a word, never colour alone. */
import { css, html, svg, type TemplateResult } from 'lit';
import type { ResizeState, ShardResizeState } from '../model/types.js';

export type AnyResizeState = ResizeState | ShardResizeState;

export const RESIZE_STATE_LABELS: Readonly<Record<AnyResizeState, string>> = {
  queued: 'Queued',
  pending: 'Pending',
  resizing: 'Resizing',
  completed: 'Completed',
  canceled: 'Canceled',
  failed: 'Failed',
};

// Each state has its own shape as well as colour, so it reads without colour too.
const ICONS: Readonly<Record<AnyResizeState, TemplateResult>> = {
  queued: svg`<circle cx="6" cy="6" r="4.5" fill="none" stroke="currentColor" stroke-width="1.5" stroke-dasharray="2 2"/>`,
  pending: svg`<circle cx="6" cy="6" r="4.5" fill="none" stroke="currentColor" stroke-width="1.5"/>`,
  resizing: svg`<circle cx="6" cy="6" r="4.5" fill="none" stroke="currentColor" stroke-width="1.5"/><path d="M6 1.5A4.5 4.5 0 0 1 10.5 6H6z" fill="currentColor"/>`,
  completed: svg`<circle cx="6" cy="6" r="5.25" fill="currentColor"/><path d="M3.6 6.2l1.6 1.6 3.2-3.4" fill="none" stroke="var(--ps-color-bg)" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round"/>`,
  failed: svg`<circle cx="6" cy="6" r="5.25" fill="currentColor"/><path d="M4.2 4.2l3.6 3.6M7.8 4.2l-3.6 3.6" stroke="var(--ps-color-bg)" stroke-width="1.5" stroke-linecap="round"/>`,
  canceled: svg`<circle cx="6" cy="6" r="4.5" fill="none" stroke="currentColor" stroke-width="1.5"/><path d="M3.5 8.5l5-5" stroke="currentColor" stroke-width="1.5"/>`,
};

export function resizeBadge(state: AnyResizeState): TemplateResult {
  return html`<span class="badge ${state}"><svg viewBox="0 0 12 12" aria-hidden="true">${ICONS[state]}</svg>${RESIZE_STATE_LABELS[state]}</span>`;
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
  .badge.resizing,
  .badge.queued {
    color: var(--ps-color-accent);
    background: var(--ps-color-accent-soft);
  }
  .badge.pending {
    color: var(--ps-color-text-muted);
    border-color: var(--ps-color-border);
  }
  .badge.completed {
    color: var(--ps-color-ok);
    background: var(--ps-color-shard-soft);
  }
  .badge.failed {
    color: var(--ps-color-danger);
    background: var(--ps-color-danger-soft);
  }
  .badge.canceled {
    color: var(--ps-color-warning);
    background: var(--ps-color-warning-soft);
  }
`;
