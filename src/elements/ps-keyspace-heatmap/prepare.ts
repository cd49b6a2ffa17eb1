/**
 * From a provider's answer (or plain data) to what the element draws and says, in slices of a few milliseconds: the
 * validation, the geometry and the colour domain before the first picture; the medians, the summary and the table's
 * leaders after it. A 1 024-shard week is 1.5 M values, and each of these passes reads all of them.
 */
import { geometrySteps, type HeatmapGeometry } from '../../chart/heatmap/geometry.js';
import { valueDomain } from '../../chart/heatmap/scale.js';
import { columnMedians, summarySteps, windowTopSteps, type HeatmapSummary, type WindowTop } from '../../chart/heatmap/stats.js';
import { DataError } from '../../model/errors.js';
import { readKeyspaceHeatmap, type KeyspaceHeatmap } from '../../model/heatmap.js';
import { runSliced, type Sliced } from '../../model/sliced.js';

/** What the heatmap's data gives once, independent of view and colours. */
export interface PreparedHeatmap {
  heatmap: KeyspaceHeatmap;
  geometry: HeatmapGeometry;
  domain: [number, number];
  /** Filled in slices after the first paint (see `statsSteps`); undefined until then. */
  medians?: Float32Array;
  summary?: HeatmapSummary;
  /** The busiest shards per window ("View as table"). */
  windows?: WindowTop[];
}

/** Validates `input` (an `invalid-data` DataError names the first problem) and lays it out: plain data. */
export function* prepareSteps(input: unknown): Sliced<PreparedHeatmap> {
  return yield* layOutSteps(yield* readKeyspaceHeatmap(input));
}

/** Lays out a heatmap already validated (in key order): geometry, then the colour domain. */
export function* layOutSteps(heatmap: KeyspaceHeatmap): Sliced<PreparedHeatmap> {
  const geometry = yield* geometrySteps(heatmap);
  yield;
  return { heatmap, geometry, domain: valueDomain(heatmap.values) };
}

/** `layOutSteps` in slices (a provider's checked answer); rejects with an `aborted` DataError once `signal` fires. */
export async function layOutInSlices(heatmap: KeyspaceHeatmap, signal?: AbortSignal): Promise<PreparedHeatmap> {
  const prepared = await runSliced(layOutSteps(heatmap), () => signal?.aborted === true);
  if (!prepared) throw DataError.aborted();
  return prepared;
}

/** Fills in `prepared`'s medians, summary and table leaders (each set only when complete). */
export function* statsSteps(prepared: PreparedHeatmap): Sliced<void> {
  const { heatmap, geometry } = prepared;
  const medians = yield* columnMedians(heatmap, new Float32Array(geometry.columns));
  const summary = yield* summarySteps(heatmap, geometry, medians);
  const windows = yield* windowTopSteps(heatmap, geometry);
  Object.assign(prepared, { medians, summary, windows });
}
