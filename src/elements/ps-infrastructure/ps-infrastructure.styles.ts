import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    container-type: inline-size;
    min-height: 560px;
    background: var(--ps-color-bg);
    border: 1px solid var(--ps-color-border);
    border-radius: var(--ps-radius);
    overflow: hidden;
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    /* With a height set on the element, a long panel scrolls inside it instead of stretching the diagram. */
    grid-template-rows: minmax(0, 1fr);
    height: 100%;
    min-height: inherit;
  }
  .main {
    display: flex;
    flex-direction: column;
    min-width: 0;
    min-height: inherit;
  }
  [part='keyspace-picker'] {
    min-height: 26px;
    padding: 0 4px;
    border: 1px solid var(--ps-color-border);
    border-radius: var(--ps-radius-small);
    background: var(--ps-color-surface-raised);
    color: var(--ps-color-text);
    font: inherit;
    font-weight: 600;
  }
  .ps-error {
    margin: 10px 12px 0;
  }
  .waiting {
    margin: 10px 12px 0;
    color: var(--ps-color-text-muted);
    font-size: var(--ps-font-size-small);
  }
  ps-topology {
    flex: 1;
    min-height: 420px;
    border: 0;
  }
  .panel {
    width: min(460px, 42cqw);
    display: flex;
    flex-direction: column;
    min-height: 0;
    border-left: 1px solid var(--ps-color-border);
    background: var(--ps-color-surface);
  }
  /* The heatmap needs room for time: the panel widens while it shows. */
  .panel.wide {
    width: min(820px, 64cqw);
  }
  .shard-view {
    display: inline-flex;
  }
  .shard-view .ps-button:first-child {
    border-top-right-radius: 0;
    border-bottom-right-radius: 0;
  }
  .shard-view .ps-button:last-child {
    border-top-left-radius: 0;
    border-bottom-left-radius: 0;
    margin-left: -1px;
  }
  .panel-header {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 10px 12px;
    border-bottom: 1px solid var(--ps-color-border);
  }
  .panel-header h2 {
    flex: 1;
    margin: 0;
    font-size: 14px;
    font-weight: 600;
  }
  .panel-header h2:focus {
    outline: none;
  }
  .panel-header h2:focus-visible {
    outline: 2px solid var(--ps-color-focus);
    outline-offset: 2px;
  }
  .icon-button {
    min-width: 28px;
    justify-content: center;
    padding: 0 8px;
  }
  .panel-body {
    flex: 1;
    overflow: auto;
    padding: 12px;
    min-height: 0;
  }
  .panel-body {
    display: flex;
    flex-direction: column;
  }
  .panel-body:focus-visible {
    outline: 2px solid var(--ps-color-focus);
    outline-offset: -2px;
  }
  /* The shard list fills a tall panel (its own height is the least it takes), so it scrolls rather than the panel. */
  .panel-body > ps-shard-stack {
    flex: 1 0 auto;
  }
  .empty {
    padding: 24px 16px;
    color: var(--ps-color-text-muted);
  }
  @container (max-width: 720px) {
    /* A column: the sheet takes what its content needs, up to 70% of a sized element (70vh otherwise), and the
       diagram the rest, never under 300 px. */
    .layout {
      display: flex;
      flex-direction: column;
    }
    .main {
      flex: 1 1 0;
      min-height: 300px;
    }
    ps-topology {
      min-height: 0;
    }
    .panel {
      flex: 0 1 auto;
      width: auto;
      max-height: min(70%, 70vh);
      border-left: 0;
      border-top: 1px solid var(--ps-color-border);
      border-radius: 14px 14px 0 0;
      box-shadow: 0 -6px 20px rgba(0, 0, 0, 0.12);
    }
    /* Room above the title for the sheet's handle. */
    .panel-header {
      position: relative;
      padding-top: 18px;
    }
    .panel-header::before {
      content: '';
      position: absolute;
      top: 7px;
      left: 50%;
      width: 36px;
      height: 4px;
      margin-left: -18px;
      border-radius: 2px;
      background: var(--ps-color-border-strong);
    }
  }
`;
