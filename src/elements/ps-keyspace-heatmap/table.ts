/** "View as table": the busiest shards of each window, newest first, with values and ratios to the median shard. */
import { html, nothing, type TemplateResult } from 'lit';
import { formatRatio, formatValue } from '../../chart/format.js';
import type { WindowTop } from '../../chart/heatmap/stats.js';
import type { KeyspaceHeatmap } from '../../model/heatmap.js';
import { METRIC_LABELS, describeKeyRange, formatStepTime } from './readout.js';

/** The table; `windows` is undefined while the leaders are still being computed (after the first picture). */
export function heatmapTable(heatmap: KeyspaceHeatmap, windows: WindowTop[] | undefined, locale?: string): TemplateResult {
  const columns = heatmap.timestamps.length;
  const step = columns > 1 ? heatmap.timestamps[1] - heatmap.timestamps[0] : 60;
  const time = (index: number) => formatStepTime(heatmap.timestamps[index], step, locale);
  return html`<table part="table">
    <caption>Busiest shards per window · ${METRIC_LABELS[heatmap.metric]}</caption>
    <thead><tr><th scope="col">Window</th><th scope="col">Rank</th><th scope="col">Shard</th><th scope="col">Key range</th>
      <th scope="col">Mean</th><th scope="col">× median shard</th></tr></thead>
    <tbody>
      ${windows ? nothing : html`<tr><td colspan="6">Summarizing…</td></tr>`}
      ${(windows ?? []).flatMap((window) => window.leaders.map((leader, rank) => html`<tr>
        ${rank === 0 ? html`<th scope="rowgroup" rowspan=${window.leaders.length}>${time(window.from)} – ${formatStepTime(heatmap.timestamps[window.to] + step, step, locale)}</th>` : ''}
        <td class="num">${rank + 1}</td>
        <td class="mono">${leader.row.name}</td>
        <td>${describeKeyRange(leader.row)}</td>
        <td class="num">${formatValue(leader.mean, heatmap.unit, locale)}</td>
        <td class="num">${formatRatio(leader.ratio)}</td>
      </tr>`))}
    </tbody>
  </table>`;
}
