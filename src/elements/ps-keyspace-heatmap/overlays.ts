/** What the heatmap draws over its canvas in DOM: grid changes, coverage gaps and overlaps, the current cell, its tooltip and the drag selection. */
import { html, nothing, type TemplateResult } from 'lit';
import type { HeatmapView } from '../../chart/heatmap/raster.js';
import { cssomStyle } from '../cssom-style.js';
import type { FocusCell } from './navigation.js';
import type { PreparedHeatmap } from './prepare.js';
import { cellReadout, describeGridChange, stepOf, type CellReadout } from './readout.js';

export interface OverlayInput {
  prepared: PreparedHeatmap;
  view: HeatmapView;
  width: number;
  height: number;
  locale?: string;
  /** The focused or hovered cell. */
  cell?: FocusCell;
  drag?: { x0: number; y0: number; x1: number; y1: number };
}

export function heatmapOverlays({ prepared: shown, view, width, height, locale, cell, drag }: OverlayInput): TemplateResult[] {
  const overlays: TemplateResult[] = [];
  const steps = view.to - view.from;
  const keySpan = view.bottom - view.top;
  const x = (step: number) => ((step - view.from) / steps) * width;
  const y = (key: number) => ((key - view.top) / keySpan) * height;
  const step = stepOf(shown.heatmap);
  for (const change of shown.geometry.changes) {
    if (change.step <= view.from || change.step >= view.to) continue;
    // The label sits right of the line, or left of it near the right edge.
    const at = x(change.step);
    const side = at > width - 240 ? { right: `${width - at + 6}px`, top: '4px' } : { left: `${at + 6}px`, top: '4px' };
    overlays.push(html`<div class="change" style=${cssomStyle({ left: `${at - 1}px` })}></div>
      <span class="chip" style=${cssomStyle(side)}>${describeGridChange(change, step, locale)}</span>`);
  }
  for (const segment of shown.geometry.segments) {
    if (segment.to < view.from || segment.from >= view.to) continue;
    for (const issue of segment.issues) {
      if (issue.bottom <= view.top || issue.top >= view.bottom) continue;
      const label = `${issue.kind === 'gap' ? 'Gap' : 'Overlap'} ${issue.start || 'start'}–${issue.end || 'end'}${issue.kind === 'overlap' ? ` (${issue.shards.join(', ')})` : ''}`;
      overlays.push(html`<span class="chip danger" style=${cssomStyle({ left: `${Math.max(4, x(segment.from) + 4)}px`, top: `${Math.min(height - 22, Math.max(2, y(issue.top) + 2))}px` })}>${label}</span>`);
    }
  }
  const row = cell && shown.geometry.rows.find((r) => r.shard === cell.shard);
  if (cell && row) {
    const left = x(cell.step);
    const top = y(Math.max(row.top, view.top));
    overlays.push(html`<div class="cell" style=${cssomStyle({ left: `${left - 2}px`, top: `${top - 2}px`, width: `${Math.max(4, width / steps) + 4}px`, height: `${Math.max(4, y(Math.min(row.bottom, view.bottom)) - top) + 4}px` })}></div>`);
    overlays.push(tooltip(cellReadout(shown.heatmap, row, cell.step, shown.medians?.[cell.step], locale), left, top, width, height));
  }
  if (drag) {
    const { x0, y0, x1, y1 } = drag;
    overlays.push(html`<div class="selection" style=${cssomStyle({ left: `${Math.min(x0, x1)}px`, top: `${Math.min(y0, y1)}px`, width: `${Math.abs(x1 - x0)}px`, height: `${Math.abs(y1 - y0)}px` })}></div>`);
  }
  return overlays;
}

function tooltip(readout: CellReadout, left: number, top: number, width: number, height: number): TemplateResult {
  // Beside the cell, flipped to the other side near the right or bottom edge.
  const tx = left + 220 > width ? Math.max(0, left - 212) : left + 14;
  const ty = top + 110 > height ? Math.max(0, top - 100) : top + 14;
  return html`<div class="tooltip" role="presentation" style=${cssomStyle({ transform: `translate(${tx}px, ${ty}px)` })}>
    <div><span class="shard">${readout.shard}</span> <span class="muted">${readout.keys}</span></div>
    <div class="muted">${readout.time}</div>
    <div><span class="value">${readout.value}</span>${readout.ratio ? html` <span class="muted">· ${readout.ratio}</span>` : nothing}</div>
  </div>`;
}
