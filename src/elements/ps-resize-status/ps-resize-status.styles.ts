import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .banner {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px 12px;
    padding: 8px 10px 8px 12px;
    border: 1px solid var(--ps-color-border);
    border-radius: var(--ps-radius);
    background: var(--ps-color-surface-raised);
    box-shadow: var(--ps-shadow);
  }
  .icon {
    flex: none;
    width: 16px;
    height: 16px;
    color: var(--ps-color-accent);
  }
  .banner .text {
    /* In a side panel the text takes the first line, and the bar and View go under it. */
    flex: 1 1 calc(100% - 220px);
    min-width: min(240px, calc(100% - 28px));
    display: flex;
    flex-direction: column;
  }
  .banner .bar {
    margin-left: auto;
  }
  .banner .detail {
    font-size: var(--ps-font-size-small);
  }
  /* Items separated by "·" that wrap: every item starts with one, and the one starting a line is pulled out of view. */
  .parts {
    display: flex;
    flex-wrap: wrap;
    margin-left: -14px;
    clip-path: inset(0 0 0 14px);
  }
  .parts > span {
    min-width: 0;
  }
  .parts > span::before {
    /* Empty alternative text: a separator to see, nothing to hear. */
    content: '·' / '';
    display: inline-block;
    width: 14px;
    text-align: center;
    color: var(--ps-color-border-strong);
  }
  .banner .phase {
    font-weight: 500;
  }
  .banner.error .icon,
  .trouble {
    color: var(--ps-color-danger);
  }
  .banner.stopped .icon,
  .trouble.stopped {
    color: var(--ps-color-warning);
  }
  .banner.switched .icon {
    color: var(--ps-color-ok);
  }
  .banner .phase.trouble {
    /* A long error stays on one line in the banner; the detail view has it whole. */
    max-width: calc(48ch + 14px);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  strong {
    font-weight: 600;
  }
  .muted {
    color: var(--ps-color-text-muted);
  }
  .bar {
    flex: none;
    width: 96px;
    height: 6px;
    border-radius: 3px;
    background: var(--ps-color-border);
    overflow: hidden;
  }
  .bar > span,
  .mini-bar > span {
    display: block;
    height: 100%;
    border-radius: 3px;
    background: var(--ps-color-accent);
    transition: width var(--ps-motion) ease;
  }
  .bar.switched > span,
  .bar.completed > span {
    background: var(--ps-color-ok);
  }
  .bar.error > span {
    background: var(--ps-color-danger);
  }
  .bar.stopped > span {
    background: var(--ps-color-warning);
  }
  .mini-bar {
    display: inline-block;
    vertical-align: middle;
    width: 48px;
    height: 4px;
    margin-right: 8px;
    border-radius: 2px;
    background: var(--ps-color-border);
    overflow: hidden;
  }
  .phase {
    margin: 0;
  }
  .summary .phase {
    font-weight: 500;
    overflow-wrap: anywhere;
  }
  td.progress {
    color: var(--ps-color-text-muted);
    /* The one column that may wrap ("Not switched yet · lag 0.4s" in a side panel); the others keep to one line. */
    white-space: normal;
  }
  .note {
    display: block;
    min-width: 16ch;
    max-width: 48ch;
    white-space: normal;
    overflow-wrap: anywhere;
  }
  .summary {
    display: grid;
    gap: 10px;
    padding: 12px 14px;
    border: 1px solid var(--ps-color-border);
    border-radius: var(--ps-radius);
    background: var(--ps-color-surface-raised);
  }
  .summary-head {
    display: flex;
    align-items: center;
    gap: 10px;
    flex-wrap: wrap;
  }
  .summary-head h3 {
    margin: 0;
    font-size: 14px;
    font-weight: 600;
  }
  .summary .bar {
    width: 100%;
  }
  .facts {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 18px;
    margin: 0;
  }
  .facts div {
    display: flex;
    gap: 6px;
  }
  .facts dt {
    color: var(--ps-color-text-muted);
  }
  .facts dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
  /* The table's own container (not the host's: a banner in a toolbar must keep sizing to its content). */
  .table-wrap {
    container-type: inline-size;
    margin-top: 12px;
    border: 1px solid var(--ps-color-border);
    border-radius: var(--ps-radius);
    /* Its own surface: a dark-themed table stays readable on a light page, and the other way round. */
    background: var(--ps-color-bg);
    overflow: hidden;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: left;
    padding: 8px 10px 6px;
    color: var(--ps-color-text-muted);
    font-size: var(--ps-font-size-small);
  }
  tbody tr:last-child > * {
    border-bottom: 0;
  }
  th,
  td {
    padding: 7px 10px;
    text-align: left;
    border-bottom: 1px solid var(--ps-color-border);
    white-space: nowrap;
  }
  thead th {
    font-weight: 500;
    font-size: var(--ps-font-size-small);
    color: var(--ps-color-text-muted);
    background: var(--ps-color-surface);
  }
  tbody th {
    font-weight: 500;
  }
  .shard {
    font-family: var(--ps-font-mono);
  }
  .more {
    margin-top: 10px;
  }
  .empty,
  .final {
    padding: 14px;
    background: var(--ps-color-bg);
    border: 1px dashed var(--ps-color-border-strong);
    border-radius: var(--ps-radius);
    color: var(--ps-color-text-muted);
  }
  .final {
    margin-top: 12px;
    border-style: solid;
    color: var(--ps-color-text);
  }
  .ps-error {
    margin-bottom: 10px;
  }
  /* A side panel: the start and finish times go (the duration still tells it), so the table fits without scrolling. */
  @container (max-width: 480px) {
    .finished,
    .started {
      display: none;
    }
    .mini-bar {
      width: 28px;
      margin-right: 6px;
    }
    th,
    td {
      padding: 7px 8px;
    }
  }
  @media (forced-colors: active) {
    .bar > span,
    .mini-bar > span {
      background: Highlight;
    }
  }
`;
