/** Styles of `<ps-shard-stack>`: a calm table-like list with aligned columns; every colour is a theme token. */
import { css } from 'lit';

export const styles = css`
  :host {
    --row-height: 40px;
    display: flex;
    flex-direction: column;
    height: var(--ps-shard-stack-height, 480px);
    min-height: 200px;
    background: var(--ps-color-bg);
    border: 1px solid var(--ps-color-border);
    border-radius: var(--ps-radius);
    overflow: hidden;
    box-sizing: border-box;
    container-type: inline-size;
  }

  .icon {
    flex: none;
    width: 14px;
    height: 14px;
    fill: none;
    stroke: currentColor;
    stroke-width: 1.5;
  }
  .mono,
  .name,
  .range,
  .id {
    font-family: var(--ps-font-mono);
    font-size: var(--ps-font-size-small);
  }
  .muted {
    color: var(--ps-color-text-muted);
  }

  .toolbar,
  .shard-head {
    display: flex;
    align-items: center;
    gap: 10px;
    min-height: 48px;
    padding: 8px 14px;
    box-sizing: border-box;
    border-bottom: 1px solid var(--ps-color-border);
    background: var(--ps-color-surface);
    flex-wrap: wrap;
  }
  .counts {
    flex: 1;
    min-width: 160px;
    color: var(--ps-color-text-muted);
    font-variant-numeric: tabular-nums;
  }
  .filter {
    display: flex;
    align-items: center;
    gap: 6px;
    height: 30px;
    padding: 0 8px;
    border: 1px solid var(--ps-color-border);
    border-radius: var(--ps-radius-small);
    background: var(--ps-color-surface-raised);
    color: var(--ps-color-text-muted);
    width: min(260px, 100%);
    box-sizing: border-box;
  }
  .filter:focus-within {
    border-color: var(--ps-color-focus);
    box-shadow: 0 0 0 1px var(--ps-color-focus);
  }
  .filter input {
    flex: 1;
    min-width: 0;
    border: 0;
    outline: none;
    background: transparent;
    color: var(--ps-color-text);
    padding: 0;
  }
  .filter input::placeholder {
    color: var(--ps-color-text-muted);
  }
  .sort {
    display: flex;
    align-items: center;
    gap: 6px;
    color: var(--ps-color-text-muted);
  }
  .sort select {
    height: 30px;
    padding: 0 6px;
    border: 1px solid var(--ps-color-border);
    border-radius: var(--ps-radius-small);
    background: var(--ps-color-surface-raised);
  }

  .notice {
    display: flex;
    align-items: flex-start;
    gap: 8px;
    padding: 6px 14px;
    border-bottom: 1px solid var(--ps-color-border);
    background: var(--ps-color-danger-soft);
    font-size: var(--ps-font-size-small);
  }
  .notice .icon {
    color: var(--ps-color-danger);
    margin-top: 1px;
  }
  .ps-error {
    margin: 8px 12px;
  }
  .ps-error .message {
    flex: 1;
  }
  .ps-error .icon {
    color: var(--ps-color-danger);
  }

  /* One column grid shared by the header and the rows, so every column lines up. */
  .columns {
    display: grid;
    grid-template-columns: minmax(96px, 1.1fr) minmax(104px, 1.1fr) minmax(110px, 1.3fr) 64px 80px minmax(96px, 1fr) 16px;
    align-items: center;
    column-gap: 12px;
    padding: 0 14px;
  }
  .columns.with-resize {
    /* The resize column fits the widest badge, "Copying 99%" (and "Completed"). */
    grid-template-columns: minmax(96px, 1.1fr) minmax(104px, 1.1fr) minmax(110px, 1.3fr) 64px 80px minmax(96px, 1fr) 120px 16px;
  }
  .columns.tablet-columns {
    grid-template-columns: minmax(90px, 0.9fr) minmax(150px, 1.6fr) 80px minmax(90px, 0.9fr) minmax(100px, 1fr);
  }
  .header {
    height: 30px;
    border-bottom: 1px solid var(--ps-color-border);
    color: var(--ps-color-text-muted);
    font-size: var(--ps-font-size-small);
    font-weight: 500;
    /* Reserve the list's scrollbar width so header and rows line up. */
    overflow-y: hidden;
    scrollbar-gutter: stable;
  }
  .header > span {
    font-family: var(--ps-font-family);
    font-size: var(--ps-font-size-small);
    color: var(--ps-color-text-muted);
  }
  .num {
    text-align: right;
    justify-content: flex-end;
    font-variant-numeric: tabular-nums;
  }

  .shard-list,
  .tablet-list {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    scrollbar-gutter: stable;
    position: relative;
    outline: none;
  }
  .shard-list:focus-visible,
  .tablet-list:focus-visible {
    box-shadow: inset 0 0 0 2px var(--ps-color-focus);
  }
  .sizer {
    position: relative;
  }
  .sizer .row {
    position: absolute;
    top: 0;
    left: 0;
    right: 0;
  }
  .row {
    height: var(--row-height);
    box-sizing: border-box;
    border-bottom: 1px solid var(--ps-color-border);
    cursor: pointer;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .row > span {
    display: flex;
    align-items: center;
    gap: 5px;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .row:hover {
    background: var(--ps-color-surface);
  }
  .row.active {
    background: var(--ps-color-accent-soft);
  }
  :host(:not(:focus-within)) .row.active:not(.chosen) {
    background: transparent;
  }
  :host(:not(:focus-within)) .row.active:not(.chosen):hover {
    background: var(--ps-color-surface);
  }
  .row.chosen {
    background: var(--ps-color-accent-soft);
    box-shadow: inset 3px 0 0 var(--ps-color-accent);
  }
  .name {
    font-weight: 600;
    color: var(--ps-color-text);
  }
  .range,
  .row .id {
    color: var(--ps-color-text-muted);
  }
  .chevron {
    width: 12px;
    height: 12px;
    color: var(--ps-color-text-muted);
  }
  .warning {
    color: var(--ps-color-warning);
    font-weight: 500;
  }
  .lag.unknown {
    color: var(--ps-color-text-muted);
  }
  .problem {
    display: inline-flex;
    align-items: center;
    gap: 3px;
    padding: 0 6px 0 4px;
    border-radius: 999px;
    font-family: var(--ps-font-family);
    font-size: 11px;
    font-weight: 500;
    line-height: 18px;
    white-space: nowrap;
  }
  .problem .icon {
    width: 11px;
    height: 11px;
  }
  .problem.danger {
    color: var(--ps-color-danger);
    background: var(--ps-color-danger-soft);
  }
  .problem.warning {
    color: var(--ps-color-warning);
    background: var(--ps-color-warning-soft);
  }
  .shard-title {
    margin: 0;
    font-size: 14px;
    font-weight: 600;
  }
  .shard-title .mono {
    font-size: 14px;
  }
  .back {
    padding-left: 6px;
  }
  .role {
    font-weight: 500;
  }
  .row.primary .role {
    color: var(--ps-color-primary-node);
  }
  .globe {
    display: inline-flex;
    color: var(--ps-color-region);
  }
  .region .text {
    overflow: hidden;
    text-overflow: ellipsis;
  }

  .empty {
    padding: 24px 14px;
    color: var(--ps-color-text-muted);
    text-align: center;
  }
  .skeleton {
    padding: 0 14px;
  }
  .bone {
    height: 14px;
    margin: 13px 0;
    border-radius: 4px;
    background: var(--ps-color-skeleton);
  }

  /* Narrow panels keep the columns people scan: shard, primary, lag. */
  @container (max-width: 560px) {
    .toolbar {
      row-gap: 6px;
    }
    .filter {
      order: 3;
      width: 100%;
    }
    .columns {
      column-gap: 8px;
      padding: 0 10px 0 12px;
      grid-template-columns: minmax(64px, 1fr) minmax(72px, 1.2fr) 56px 60px 12px;
    }
    /* During a resize the replica count gives way to the resize badge (the row's spoken label keeps it). */
    .columns.with-resize {
      grid-template-columns: minmax(56px, 1fr) minmax(64px, 1.2fr) 56px 120px 12px;
    }
    .columns > .range,
    .columns:not(.tablet-columns) > .serving,
    .columns.with-resize > .replicas {
      display: none;
    }
    .columns.tablet-columns {
      grid-template-columns: minmax(70px, 0.8fr) minmax(120px, 1.6fr) 64px minmax(80px, 1fr);
    }
    .columns.tablet-columns > .id {
      display: none;
    }
  }

  @media (forced-colors: active) {
    .row.active,
    .row.chosen {
      outline: 2px solid Highlight;
      outline-offset: -2px;
    }
  }
`;
