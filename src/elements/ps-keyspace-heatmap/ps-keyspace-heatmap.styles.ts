/** Styles of `<ps-keyspace-heatmap>`: toolbar, summary, the plot with its axes and overlays, legend and table. */
import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    font-family: var(--ps-font-family);
    font-size: 13px;
    color: var(--ps-color-text);
    background: var(--ps-color-bg);
    --plot-height: var(--ps-keyspace-heatmap-height, 360px);
    --axis-width: 64px;
  }
  :host([hidden]) {
    display: none;
  }
  .frame {
    display: flex;
    flex-direction: column;
    gap: 10px;
    padding: 12px 14px 14px;
    border: 1px solid var(--ps-color-border);
    border-radius: var(--ps-radius, 8px);
    background: var(--ps-color-surface-raised);
    box-shadow: var(--ps-shadow);
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px 12px;
  }
  h2 {
    margin: 0;
    font-size: 14px;
    font-weight: 600;
    flex: 1 1 auto;
    min-width: 12ch;
  }
  h2 .sub {
    color: var(--ps-color-text-muted);
    font-weight: 400;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 10px;
  }
  .toolbar label {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    color: var(--ps-color-text-muted);
  }
  .segmented {
    display: inline-flex;
  }
  .segmented .ps-button:first-child {
    border-top-right-radius: 0;
    border-bottom-right-radius: 0;
  }
  .segmented .ps-button:last-child {
    border-top-left-radius: 0;
    border-bottom-left-radius: 0;
    margin-left: -1px;
  }
  input[type='range'] {
    width: 90px;
    accent-color: var(--ps-color-accent);
  }
  .summary {
    margin: 0;
    line-height: 1.5;
    color: var(--ps-color-text);
  }
  .summary span + span::before {
    content: ' ';
  }
  .summary.pending {
    color: var(--ps-color-text-muted);
  }
  .warnings {
    margin: 0;
    color: var(--ps-color-warning);
  }
  .plot {
    display: grid;
    grid-template-columns: var(--axis-width) minmax(0, 1fr);
    grid-template-rows: var(--plot-height) auto;
  }
  .key-axis,
  .time-axis {
    position: relative;
    color: var(--ps-color-text-muted);
    font-family: var(--ps-font-mono);
    font-size: 11px;
  }
  .key-axis .tick {
    position: absolute;
    right: 8px;
    transform: translateY(-50%);
    white-space: nowrap;
  }
  .key-axis .tick::after {
    content: '';
    position: absolute;
    right: -8px;
    top: 50%;
    width: 5px;
    border-top: 1px solid var(--ps-color-border-strong);
  }
  .key-axis .title,
  .time-axis .title {
    position: absolute;
    font-family: var(--ps-font-family);
    font-size: 11px;
    color: var(--ps-color-text-muted);
  }
  .key-axis .title {
    left: 0;
    top: -2px;
    transform: translateY(-100%);
  }
  .time-axis {
    grid-column: 2;
    height: 22px;
  }
  .time-axis .tick {
    position: absolute;
    top: 6px;
    transform: translateX(-50%);
    white-space: nowrap;
    font-family: var(--ps-font-family);
  }
  .time-axis .tick::before {
    content: '';
    position: absolute;
    left: 50%;
    top: -6px;
    height: 4px;
    border-left: 1px solid var(--ps-color-border-strong);
  }
  .area {
    position: relative;
    overflow: hidden;
    border: 1px solid var(--ps-color-border);
    border-radius: 4px;
    background: var(--ps-color-skeleton);
    cursor: crosshair;
    touch-action: none;
    user-select: none;
  }
  .area:focus-visible {
    outline: 2px solid var(--ps-color-focus);
    outline-offset: 2px;
  }
  canvas.picture {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    image-rendering: pixelated;
  }
  .change {
    position: absolute;
    top: 0;
    bottom: 0;
    border-left: 2px dashed var(--ps-color-text);
    opacity: 0.85;
    pointer-events: none;
  }
  .chip {
    position: absolute;
    padding: 1px 6px;
    border-radius: 4px;
    background: var(--ps-color-surface-raised);
    border: 1px solid var(--ps-color-border-strong);
    color: var(--ps-color-text);
    font-size: 11px;
    white-space: nowrap;
    pointer-events: none;
    box-shadow: var(--ps-shadow);
  }
  .chip.danger {
    border-color: var(--ps-color-danger);
    color: var(--ps-color-danger);
  }
  .cell {
    position: absolute;
    box-sizing: border-box;
    border: 2px solid var(--ps-color-focus);
    box-shadow: 0 0 0 1px var(--ps-color-bg);
    pointer-events: none;
    min-width: 4px;
    min-height: 4px;
  }
  .selection {
    position: absolute;
    border: 1px solid var(--ps-color-accent);
    background: color-mix(in srgb, var(--ps-color-accent) 18%, transparent);
    pointer-events: none;
  }
  .tooltip {
    position: absolute;
    left: 0;
    top: 0;
    z-index: 2;
    min-width: 180px;
    padding: 8px 10px;
    border: 1px solid var(--ps-color-border);
    border-radius: 6px;
    background: var(--ps-color-surface-raised);
    box-shadow: var(--ps-shadow);
    pointer-events: none;
    line-height: 1.45;
  }
  .tooltip .shard {
    font-family: var(--ps-font-mono);
    font-weight: 600;
  }
  .tooltip .value {
    font-size: 15px;
    font-weight: 600;
  }
  .tooltip .muted,
  .muted {
    color: var(--ps-color-text-muted);
  }
  .empty {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    padding: 16px;
    text-align: center;
    color: var(--ps-color-text-muted);
    background: var(--ps-color-surface);
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px 16px;
    margin-left: var(--axis-width);
    color: var(--ps-color-text-muted);
    font-size: 11px;
  }
  .scale-bar {
    position: relative;
    width: min(320px, 100%);
    padding-bottom: 16px;
  }
  .scale-bar canvas {
    display: block;
    width: 100%;
    height: 10px;
    border-radius: 2px;
  }
  .scale-bar .tick {
    position: absolute;
    top: 13px;
    transform: translateX(-50%);
    white-space: nowrap;
  }
  .swatch {
    display: inline-flex;
    align-items: center;
    gap: 5px;
  }
  .swatch i {
    width: 12px;
    height: 10px;
    border-radius: 2px;
    border: 1px solid var(--ps-color-border-strong);
  }
  .swatch .no-data {
    background: var(--ps-color-skeleton);
  }
  .swatch .gap {
    background: repeating-linear-gradient(45deg, var(--ps-color-danger) 0 2px, var(--ps-color-danger-soft) 2px 6px);
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: left;
    font-weight: 600;
    padding-bottom: 6px;
  }
  th,
  td {
    padding: 4px 8px;
    border-bottom: 1px solid var(--ps-color-border);
    text-align: left;
  }
  th {
    color: var(--ps-color-text-muted);
    font-weight: 500;
  }
  td.num {
    text-align: right;
  }
  td.mono {
    font-family: var(--ps-font-mono);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
