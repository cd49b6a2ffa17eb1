// The heatmap's passes over every cell run in slices: the same answers as at once, the same first error, and yields
// often enough that no slice has to do more than a small piece (a 1 024-shard week is 1.5 M values).
import { describe, expect, it } from 'vitest';
import { geometrySteps, heatmapGeometry } from '../../src/chart/heatmap/geometry.js';
import { columnMedians, summarizeHeatmap, summarySteps, topShardsPerWindow, windowTopSteps } from '../../src/chart/heatmap/stats.js';
import { DataError } from '../../src/model/errors.js';
import { HEATMAP_UNITS, parseKeyspaceHeatmap, parseKeyspaceHeatmapInSlices, readKeyspaceHeatmap } from '../../src/model/heatmap.js';
import { evenKeyRanges } from '../../src/model/key-range.js';
import { SLICE_MS, runSliced, runToEnd, type Sliced } from '../../src/model/sliced.js';

const SHARDS = 1024;
const COLUMNS = 1000;

/** 1 024 shards × 1 000 steps in reverse key order (so validation has to reorder them), a hot shard, some gaps. */
function bigInput() {
  const names = evenKeyRanges(SHARDS).reverse();
  const values = new Float32Array(SHARDS * COLUMNS);
  for (let s = 0; s < SHARDS; s++) {
    for (let t = 0; t < COLUMNS; t++) values[s * COLUMNS + t] = (t + s) % 97 === 0 ? NaN : s === 7 ? 5_000 : 10 + ((s * 31 + t) % 50);
  }
  const timestamps = Float64Array.from({ length: COLUMNS }, (_, t) => 1_767_225_600 + 600 * t);
  return { metric: 'queries', unit: HEATMAP_UNITS.queries, timestamps, shards: names.map((name) => ({ name })), values };
}

/** The same float values bit for bit (NaN included; a deep equality over a million items takes seconds). */
function sameValues(a: Float32Array, b: Float32Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** Runs a sliced computation to its end, counting its yields. */
function counted<T>(work: Sliced<T>): { value: T; yields: number } {
  let yields = 0;
  for (;;) {
    const step = work.next();
    if (step.done) return { value: step.value, yields };
    yields++;
  }
}

describe('sliced heatmap passes', () => {
  const input = bigInput();
  const heatmap = parseKeyspaceHeatmap(input);
  const geometry = heatmapGeometry(heatmap);
  const medians = runToEnd(columnMedians(heatmap, new Float32Array(COLUMNS)));

  it('validation yields at least every 65 536 values and returns what parseKeyspaceHeatmap does', () => {
    const { value, yields } = counted(readKeyspaceHeatmap(input));
    expect(yields).toBeGreaterThanOrEqual(Math.floor((SHARDS * COLUMNS) / 65_536));
    expect(value.shards.map((s) => s.name)).toEqual(evenKeyRanges(SHARDS));
    expect(sameValues(value.values, heatmap.values)).toBe(true);
  });

  it('in slices: the same first error, and an abort is not an error', async () => {
    const bad = bigInput();
    bad.values[SHARDS * COLUMNS - 3] = -1;
    const expected = (() => {
      try {
        parseKeyspaceHeatmap(bad);
      } catch (error) {
        return (error as DataError).message;
      }
    })();
    expect(expected).toMatch(/values\[1023997\]: shard -0040 at step 997/);
    await expect(parseKeyspaceHeatmapInSlices(bad)).rejects.toThrow(expected);
    const abort = new AbortController();
    abort.abort();
    await expect(parseKeyspaceHeatmapInSlices(input, abort.signal)).rejects.toMatchObject({ kind: 'aborted' });
    expect(sameValues((await parseKeyspaceHeatmapInSlices(input)).values, heatmap.values)).toBe(true);
  });

  it('geometry, summary and the table leaders yield between pieces of rows, with the answers of the one-go versions', () => {
    // Geometry and summary: a piece is 64 rows; the table: ~65 536 values of one window's rows.
    const shape = counted(geometrySteps(heatmap));
    expect(shape.yields).toBeGreaterThanOrEqual(SHARDS / 64 - 1);
    expect(shape.value).toEqual(geometry);
    const summary = counted(summarySteps(heatmap, geometry, medians));
    expect(summary.yields).toBeGreaterThanOrEqual(SHARDS / 64 - 1);
    expect(summary.value).toEqual(summarizeHeatmap(heatmap, geometry, medians));
    expect(summary.value.hottest?.row.name).toBe(evenKeyRanges(SHARDS)[SHARDS - 1 - 7]);
    const windows = counted(windowTopSteps(heatmap, geometry));
    expect(windows.yields).toBeGreaterThanOrEqual(Math.floor((SHARDS * COLUMNS) / 65_536 / 2));
    expect(windows.value).toEqual(topShardsPerWindow(heatmap, geometry));
  });
});

describe('runSliced', () => {
  /** Pieces that each keep the thread busy past a slice, so every piece ends a slice. */
  function* spinning(pieces: { ran: number }): Sliced<string> {
    for (let i = 0; i < 5; i++) {
      const until = performance.now() + SLICE_MS + 1;
      while (performance.now() < until) { /* a piece of work longer than a slice */ }
      pieces.ran++;
      yield;
    }
    return 'done';
  }

  it('stops between slices once cancelled, and gives the page a turn before the first one', async () => {
    const pieces = { ran: 0 };
    let cancel = false;
    const run = runSliced(spinning(pieces), () => cancel);
    // Nothing ran yet: the first slice waits for a task of its own.
    expect(pieces.ran).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 0));
    cancel = true;
    expect(await run).toBeUndefined();
    expect(pieces.ran).toBeLessThan(5);
  });

  it('returns the result, and rejects with what the computation throws', async () => {
    expect(await runSliced(spinning({ ran: 0 }))).toBe('done');
    // eslint-disable-next-line require-yield
    function* failing(): Sliced<void> {
      throw new DataError('invalid-data', 'broken');
    }
    await expect(runSliced(failing())).rejects.toThrow('broken');
  });
});
