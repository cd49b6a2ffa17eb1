import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .banner {
    display: flex;
    align-items: center;
    gap: 12px;
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
    flex: 1;
    min-width: 0;
    display: flex;
    flex-direction: column;
  }
  .banner .detail {
    display: flex;
    flex-wrap: wrap;
    column-gap: 6px;
    font-size: var(--ps-font-size-small);
  }
  strong {
    font-weight: 600;
  }
  .muted {
    color: var(--ps-color-text-muted);
  }
  .sep {
    color: var(--ps-color-border-strong);
  }
  .bar {
    flex: none;
    width: 96px;
    height: 6px;
    border-radius: 3px;
    background: var(--ps-color-border);
    overflow: hidden;
  }
  .bar > span {
    display: block;
    height: 100%;
    border-radius: 3px;
    background: var(--ps-color-accent);
    transition: width var(--ps-motion) ease;
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
  }
  table {
    width: 100%;
    margin-top: 12px;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: left;
    padding: 0 2px 6px;
    color: var(--ps-color-text-muted);
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
  /* A side panel: the finish time goes (start and duration still tell it), so the table fits without scrolling. */
  @container (max-width: 480px) {
    .finished {
      display: none;
    }
    th,
    td {
      padding: 7px 8px;
    }
  }
  @media (forced-colors: active) {
    .bar > span {
      background: Highlight;
    }
  }
`;
