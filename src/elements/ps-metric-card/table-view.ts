/** The card's "View as table" listing: one metric's samples as a table, for readers who cannot use the chart. */
import { html, type TemplateResult } from 'lit';
import type { MetricSpec } from '../../chart/catalogue.js';
import { formatTimestamp } from '../../chart/format.js';
import { chartSeries } from '../../chart/options.js';
import { tableRows } from '../../chart/stats.js';
import type { MetricFrame } from '../../model/types.js';

/** Rows a listing shows per metric at most. */
const TABLE_ROWS = 60;

export interface TableInput {
  spec: MetricSpec;
  frame: MetricFrame;
  /** The x window shown, in epoch seconds. */
  view: { from: number; to: number };
  /** "the past 6 hours", "the zoomed window"… */
  rangeLabel: string;
  format: (value: number) => string;
  locale?: string;
}

/** One metric's samples in the window as an accessible, scrollable table. */
export function renderTable({ spec, frame, view, rangeLabel, format, locale }: TableInput): TemplateResult {
  const rows = tableRows(frame, TABLE_ROWS, view);
  const series = chartSeries(spec, frame);
  const columns = series.map((s) => frame.series.findIndex((f) => f.label === s.label));
  const caption = rows.stride > 1
    ? `${spec.title}, ${rangeLabel}: every ${rows.stride}th of ${rows.total} samples (${rows.times.length} rows).`
    : `${spec.title}, ${rangeLabel}: all ${rows.total} samples.`;
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="${spec.title} data">
    <table class="data-table">
      <caption>${caption}</caption>
      <thead><tr><th scope="col">Time</th>${series.map((s) => html`<th scope="col">${s.name}</th>`)}</tr></thead>
      <tbody>${rows.times.map((t, r) => html`<tr>
        <th scope="row">${formatTimestamp(t, locale)}</th>
        ${columns.map((c) => html`<td>${format(rows.values[c][r])}</td>`)}
      </tr>`)}</tbody>
    </table>
  </div>`;
}
