/**
 * Styles of `<ps-metric-card>`: a calm dashboard card; canvases take their colours from the same tokens via JS.
 *
 * One rule per line, and the reasons live here rather than in the stylesheet, which ships to every page as it is:
 * - `.card` clips nothing: a rounded clip over canvases makes every chart redraw re-raster the whole card.
 * - The range picker is a `.ps-button` with room for its caret, drawn as two gradients rather than an image, because
 *   a strict CSP (`img-src 'self'`) blocks `data:` URLs.
 * - Series swatches take their colour from a class per series (`.c1`…`.c5`), not a style attribute, which a strict
 *   CSP (`style-src` without `'unsafe-inline'`) blocks.
 * - The `.u-*` rules are the part of uPlot's stylesheet these charts use (no uPlot legend or title), in the card's
 *   tokens; uPlot sets a cursor point's size, colours and border width inline.
 */
import { css } from 'lit';

export const styles = css`
  :host { display: block; min-width: 280px; --ps-metric-card-chart-height: 168px; }
  .card { position: relative; background: var(--ps-color-surface-raised); border: 1px solid var(--ps-color-border); border-radius: var(--ps-radius); box-shadow: var(--ps-shadow); }
  .header { display: flex; align-items: center; flex-wrap: wrap; gap: 8px 12px; padding: 12px 16px; border-bottom: 1px solid var(--ps-color-border); }
  .titles { flex: 1 1 140px; min-width: 0; }
  .title, .summary-title { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .title { margin: 0; font-size: 14px; font-weight: 600; letter-spacing: -0.005em; }
  .subtitle { margin: 2px 0 0; color: var(--ps-color-text-muted); font-size: var(--ps-font-size-small); font-family: var(--ps-font-mono); }
  .controls { display: flex; align-items: center; gap: 6px; flex-wrap: wrap; }
  .range-select {
    padding-right: 28px;
    background:
      linear-gradient(45deg, transparent 50%, var(--ps-color-text-muted) 50%) no-repeat calc(100% - 15px) 55% / 5px 5px,
      linear-gradient(135deg, var(--ps-color-text-muted) 50%, transparent 50%) no-repeat calc(100% - 10px) 55% / 5px 5px,
      var(--ps-color-surface-raised);
    appearance: none;
  }
  .ps-button.small { min-height: 22px; padding: 0 7px; font-size: var(--ps-font-size-small); }
  .progress {
    position: absolute; top: 0; left: 0; right: 0; height: 2px; border-radius: var(--ps-radius) var(--ps-radius) 0 0;
    background: linear-gradient(90deg, transparent, var(--ps-color-accent), transparent) no-repeat 0 0 / 50% 100%;
    animation: progress calc(var(--ps-motion) * 5) linear infinite;
  }
  @keyframes progress { from { background-position: -50% 0; } to { background-position: 150% 0; } }
  .input-error, .card > .ps-error { margin: 12px 16px 0; }
  .empty, .no-data { margin: 0; padding: 16px; color: var(--ps-color-text-muted); }
  .unavailable { margin: 0; padding: 8px 16px 12px; color: var(--ps-color-text-muted); font-size: var(--ps-font-size-small); }
  .no-data { height: var(--ps-metric-card-chart-height); display: grid; place-items: center; padding: 0; border: 1px dashed var(--ps-color-border); border-radius: var(--ps-radius-small); }
  code { font-family: var(--ps-font-mono); font-size: 0.95em; }
  .summary-item + .summary-item, .chart + .chart, .skeleton-item + .skeleton-item { border-top: 1px solid var(--ps-color-border); }
  .summary-title, .summary-value .of, .legend-stat .k, .skeleton-text, .tooltip-time, .tooltip-name { color: var(--ps-color-text-muted); }

  .summary { list-style: none; margin: 0; padding: 4px 0; }
  .summary-item { display: grid; grid-template-columns: minmax(0, 1fr) auto 120px; align-items: center; gap: 4px 16px; padding: 8px 16px; }
  .summary-value { font-weight: 600; font-variant-numeric: tabular-nums; text-align: right; white-space: nowrap; }
  .summary-value .of { font-weight: 400; }
  .spark { display: block; width: 120px; height: 28px; overflow: visible; }
  .summary-error { grid-column: 1 / -1; display: flex; align-items: center; gap: 8px; color: var(--ps-color-danger); font-size: var(--ps-font-size-small); }
  .stale .summary-value, .stale .spark { opacity: 0.55; }
  .window, .badge { padding: 1px 6px; border-radius: 999px; font-size: 11px; white-space: nowrap; }
  .window { margin-left: 6px; background: var(--ps-color-surface); border: 1px solid var(--ps-color-border); color: var(--ps-color-text-muted); font-weight: 500; }

  .charts { display: grid; }
  .chart { padding: 14px 16px 12px; min-width: 0; }
  .chart-header { display: flex; align-items: center; gap: 6px; min-height: 22px; }
  .chart-title { margin: 0; font-size: 13px; font-weight: 600; }
  .spacer { flex: 1; }
  .badge { background: var(--ps-color-warning-soft); color: var(--ps-color-warning); font-weight: 600; }
  .legend { display: flex; flex-wrap: wrap; gap: 4px 18px; list-style: none; margin: 6px 0 8px; padding: 0; font-size: var(--ps-font-size-small); font-variant-numeric: tabular-nums; }
  .legend-item { display: inline-flex; align-items: center; gap: 6px; white-space: nowrap; }
  .legend-name { font-weight: 500; }
  .swatch { display: inline-block; width: 10px; height: 3px; border-radius: 2px; background: var(--swatch); flex: none; }
  .c1 { --swatch: var(--ps-series-1); }
  .c2 { --swatch: var(--ps-series-2); }
  .c3 { --swatch: var(--ps-series-3); }
  .c4 { --swatch: var(--ps-series-4); }
  .c5 { --swatch: var(--ps-series-5); }
  .swatch.dashed { background: repeating-linear-gradient(90deg, var(--swatch) 0 3px, transparent 3px 5px); }
  .plot { position: relative; height: var(--ps-metric-card-chart-height); min-width: 0; }
  .stale .plot { opacity: 0.6; }
  .chart-error { margin: 0 0 8px; justify-content: space-between; font-size: var(--ps-font-size-small); }

  .uplot, .uplot *, .uplot *::before, .uplot *::after { box-sizing: border-box; }
  .uplot { font-family: var(--ps-font-family); line-height: 1.5; width: min-content; }
  .u-wrap { position: relative; user-select: none; }
  .u-over, .u-under, .u-axis, .u-select, .u-cursor-x, .u-cursor-pt { position: absolute; }
  .u-under { overflow: hidden; }
  .uplot canvas { display: block; position: relative; width: 100%; height: 100%; }
  .u-select, .u-cursor-x, .u-cursor-pt { pointer-events: none; }
  .u-cursor-x, .u-cursor-pt { left: 0; top: 0; will-change: transform; }
  .u-select { background: var(--ps-color-accent-soft); opacity: 0.6; }
  .u-cursor-x { height: 100%; border-right: 1px dashed var(--ps-color-border-strong); }
  .u-cursor-pt { border-radius: 50%; border: 0 solid; background-clip: padding-box !important; }
  .u-off { display: none; }
  .tooltip {
    position: absolute; top: 0; left: 0; z-index: 10; pointer-events: none; min-width: 120px; padding: 6px 8px;
    border: 1px solid var(--ps-color-border); border-radius: var(--ps-radius-small); background: var(--ps-color-surface-raised);
    box-shadow: var(--ps-shadow); font-size: var(--ps-font-size-small); font-variant-numeric: tabular-nums; white-space: nowrap;
  }
  .tooltip-time { margin-bottom: 3px; }
  .tooltip-row { display: flex; align-items: center; gap: 6px; }
  .tooltip-name { flex: 1; }
  .tooltip-value { font-weight: 600; }

  .table-wrap { max-height: 280px; overflow: auto; border: 1px solid var(--ps-color-border); border-radius: var(--ps-radius-small); }
  .data-table { width: 100%; border-collapse: collapse; font-size: var(--ps-font-size-small); font-variant-numeric: tabular-nums; }
  .data-table caption { caption-side: top; text-align: left; padding: 6px 8px; color: var(--ps-color-text-muted); }
  .data-table th, .data-table td { padding: 4px 8px; text-align: right; border-top: 1px solid var(--ps-color-border); }
  .data-table th:first-child { text-align: left; font-weight: 400; }
  .data-table thead th { position: sticky; top: 0; background: var(--ps-color-surface); font-weight: 600; }

  .skeleton-item { display: grid; grid-template-columns: 1fr 120px; align-items: center; gap: 16px; padding: 12px 16px; }
  .skeleton-item.tall { grid-template-columns: 1fr; gap: 8px; padding: 14px 16px; }
  .skeleton-block {
    display: block; height: 28px; border-radius: var(--ps-radius-small); background: var(--ps-color-skeleton);
    animation: pulse calc(var(--ps-motion) * 6) ease-in-out infinite alternate;
  }
  .skeleton-block.tall, .tall .skeleton-block { height: var(--ps-metric-card-chart-height); }
  @keyframes pulse { from { opacity: 1; } to { opacity: 0.55; } }
  @media (forced-colors: active) { .swatch { forced-color-adjust: none; } }
`;
