/**
 * The shard stack's heat strip, loaded on first use (a provider with `getKeyspaceHeatmap` and a sharded keyspace), so
 * a diagram without one does not carry the heatmap's model and colour code: the last minutes' queries per shard from
 * the provider, the strip's SVG, and the sentence the stack's accessible name gains.
 */
import { svg, type SVGTemplateResult } from 'lit';
import { formatRatio, formatValue } from '../../chart/format.js';
import { askProvider } from '../../controllers/provider-call.js';
import { heatmapGeometry } from '../../chart/heatmap/geometry.js';
import { colourScale, cssColour } from '../../chart/heatmap/scale.js';
import { HOT_RATIO } from '../../chart/heatmap/stats.js';
import { heatStrip, stripDomain, stripRuns, type HeatStrip } from '../../chart/heatmap/strip.js';
import { parseKeyspaceHeatmapInSlices } from '../../model/heatmap.js';
import type { KeyspaceRef } from '../../model/types.js';
import type { DataProvider } from '../../providers/provider.js';
import type { ThemeColours } from '../heatmap-colours.js';

export { readThemeColours } from '../heatmap-colours.js';

/** "The last minutes": long enough to smooth a scrape or two, short enough to be about now. */
export const STRIP_MINUTES = 15;

/** Where the strip sits on the stack's front card: along its left edge, inside the border, clear of the icon tile. */
const STRIP = { x: 5, width: 5, inset: 10 };

/** Queries per shard over the last STRIP_MINUTES, through the provider boundary like every request (checked, timed out). */
export async function loadHeatStrip(provider: DataProvider, keyspace: KeyspaceRef, now: number, timeoutMs: number, signal: AbortSignal): Promise<HeatStrip> {
  const range = { from: now - STRIP_MINUTES * 60_000, to: now };
  const heatmap = await askProvider(provider, 'getKeyspaceHeatmap', [{ keyspace, metric: 'queries', range }], {
    signal, timeoutMs, what: 'the heat strip', check: (answer) => parseKeyspaceHeatmapInSlices(answer, signal),
  });
  // A quarter hour is a few dozen steps: the geometry of even 1 024 shards takes a millisecond or two at once.
  return heatStrip(heatmap, heatmapGeometry(heatmap));
}

/**
 * The strip on a front card `cardHeight` tall: key space top to bottom, as in the heatmap, on a track that shows its
 * extent where the colours fade into the card (the light theme's low end is nearly white).
 */
export function renderHeatStrip(strip: HeatStrip, cardHeight: number, colours: ThemeColours): SVGTemplateResult {
  const height = Math.max(0, Math.round(cardHeight - 2 * STRIP.inset));
  const scale = colourScale({ ...colours, kind: 'log', domain: stripDomain(strip) });
  const runs = stripRuns(strip, height, scale);
  return svg`<g class="heat-strip">
    <rect class="heat-track" x=${STRIP.x - 0.5} y=${STRIP.inset - 0.5} width=${STRIP.width + 1} height=${height + 1} rx="1.5" />
    ${runs.map((run) => svg`<rect x=${STRIP.x} y=${STRIP.inset + run.from} width=${STRIP.width} height=${run.to - run.from} fill=${cssColour(run.colour)} />`)}
  </g>`;
}

/** What the stack's accessible name gains: the hottest shard of the last minutes and how it compares. */
export function describeHeatStrip(strip: HeatStrip, locale?: string): string {
  const hottest = strip.hottest;
  const window = `Queries over the last ${STRIP_MINUTES} minutes`;
  if (!hottest) return `${window}: no samples.`;
  const value = formatValue(hottest.value, strip.unit, locale);
  return hottest.ratio >= HOT_RATIO
    ? `${window}: shard ${hottest.name} is hottest, ${value}, ${formatRatio(hottest.ratio)} the median shard.`
    : `${window}: even, the busiest shard ${hottest.name} at ${value} is ${formatRatio(hottest.ratio)} the median shard.`;
}
