/**
 * Draws a keyspace heatmap onto a canvas without ever holding the main thread for long: the engine's generators run in
 * slices of a few milliseconds, each in its own task. A new picture (data, view or size) rasterizes and colours; a
 * new colour scale (theme, scale kind, brightness, palette) only colours again; hovering never redraws.
 */
import { heatmapGeometry, type HeatmapGeometry } from '../../chart/heatmap/geometry.js';
import { colourize, rasterize, type HeatmapView, type PixelValues } from '../../chart/heatmap/raster.js';
import { valueDomain, type ColourScale } from '../../chart/heatmap/scale.js';
import { columnMedians, summarizeHeatmap, type HeatmapSummary } from '../../chart/heatmap/stats.js';
import type { KeyspaceHeatmap } from '../../model/heatmap.js';

/** Work per task: well under the 50 ms of a long task, with room for the browser's own work in the same frame. */
export const SLICE_MS = 8;

/** Yields to the event loop through a message (not clamped like nested setTimeout). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Runs a sliced computation, yielding whenever a slice has run SLICE_MS; resolves undefined if `cancelled()` turns true. */
export async function runSliced<T>(work: Generator<void, T>, cancelled: () => boolean): Promise<T | undefined> {
  let start = performance.now();
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    if (performance.now() - start >= SLICE_MS) {
      await nextTask();
      if (cancelled()) return undefined;
      start = performance.now();
    }
  }
}

/** What the heatmap's data gives once, independent of view and colours. */
export interface PreparedHeatmap {
  heatmap: KeyspaceHeatmap;
  geometry: HeatmapGeometry;
  domain: [number, number];
  /** Filled in slices after the first paint; undefined until then. */
  medians?: Float32Array;
  summary?: HeatmapSummary;
}

export function prepareHeatmap(heatmap: KeyspaceHeatmap): PreparedHeatmap {
  return { heatmap, geometry: heatmapGeometry(heatmap), domain: valueDomain(heatmap.values) };
}

export class HeatmapPainter {
  private pixels: PixelValues | undefined;
  private image: ImageData | undefined;
  /** Incremented by every new job; a job whose number is no longer current stops at its next slice. */
  private job = 0;
  private statsFor: PreparedHeatmap | undefined;
  /** The picture last asked for, and whether its pixels are ready for colouring again. */
  private current: { canvas: HTMLCanvasElement; prepared: PreparedHeatmap; view: HeatmapView; rasterized: boolean } | undefined;
  /** Resolves when the newest picture is on the canvas (tests and benchmarks await it). */
  painted: Promise<void> = Promise.resolve();

  constructor(private readonly onStats: () => void) {}

  /** Rasterizes and colours the view into `canvas` (sized by the caller), then computes statistics once per data. */
  paint(canvas: HTMLCanvasElement, prepared: PreparedHeatmap, view: HeatmapView, scale: ColourScale): Promise<void> {
    const job = ++this.job;
    const cancelled = () => job !== this.job;
    const { width, height } = canvas;
    this.current = { canvas, prepared, view, rasterized: false };
    const current = this.current;
    this.painted = (async () => {
      if (width === 0 || height === 0) return;
      if (!this.pixels || this.pixels.width !== width || this.pixels.height !== height) {
        this.pixels = { width, height, values: new Float32Array(width * height) };
        this.image = new ImageData(width, height);
      }
      const pixels = await runSliced(rasterize(prepared.heatmap, prepared.geometry, view, this.pixels), cancelled);
      if (!pixels || cancelled()) return;
      current.rasterized = true;
      await this.colour(canvas, scale, cancelled);
      if (!cancelled()) await this.computeStats(prepared, cancelled);
    })();
    return this.painted;
  }

  /** Colours the last picture again (new scale, theme, brightness): no rasterizing unless one is still under way. */
  recolour(scale: ColourScale): Promise<void> {
    const current = this.current;
    if (!current) return this.painted;
    if (!current.rasterized) return this.paint(current.canvas, current.prepared, current.view, scale);
    const job = ++this.job;
    const cancelled = () => job !== this.job;
    this.painted = (async () => {
      await this.colour(current.canvas, scale, cancelled);
      if (!cancelled()) await this.computeStats(current.prepared, cancelled);
    })();
    return this.painted;
  }

  /** Stops work under way (disconnect). */
  cancel(): void {
    this.job++;
  }

  /** Bytes the picture holds: pixel values and the RGBA image (the data itself is the provider's). */
  get pictureBytes(): number {
    return (this.pixels?.values.byteLength ?? 0) + (this.image?.data.byteLength ?? 0);
  }

  private async colour(canvas: HTMLCanvasElement, scale: ColourScale, cancelled: () => boolean): Promise<void> {
    const image = this.image!;
    const rgba = new Uint32Array(image.data.buffer);
    const done = await runSliced(colourize(this.pixels!, scale, rgba), cancelled);
    if (done === undefined && cancelled()) return;
    canvas.getContext('2d')?.putImageData(image, 0, 0);
  }

  private async computeStats(prepared: PreparedHeatmap, cancelled: () => boolean): Promise<void> {
    if (this.statsFor === prepared && prepared.summary) return;
    this.statsFor = prepared;
    const medians = await runSliced(columnMedians(prepared.heatmap, new Float32Array(prepared.geometry.columns)), cancelled);
    if (!medians) {
      this.statsFor = undefined;
      return;
    }
    prepared.medians = medians;
    prepared.summary = summarizeHeatmap(prepared.heatmap, prepared.geometry, medians);
    this.onStats();
  }
}
