/**
 * Draws a keyspace heatmap onto a canvas without ever holding the main thread for long: the engine's generators run in
 * slices of a few milliseconds, each in its own task. A new picture (data, view or size) rasterizes and colours; a
 * new colour scale (theme, scale kind, brightness, palette) only colours again; hovering never redraws.
 */
import { colourize, rasterize, type HeatmapView, type PixelValues } from '../../chart/heatmap/raster.js';
import type { ColourScale } from '../../chart/heatmap/scale.js';
import { runSliced } from '../../model/sliced.js';
import { statsSteps, type PreparedHeatmap } from './prepare.js';

export class HeatmapPainter {
  /**
   * Kept between jobs: the pixel values so that a new colour scale needs no rasterizing, and the RGBA image they are
   * coloured into, reused (a brightness drag recolours on every input event: a new 3 MB image each time would keep
   * the garbage collector busy).
   */
  private pixels: PixelValues | undefined;
  private image: ImageData | undefined;
  /** Incremented by every new job; a job whose number is no longer current stops at its next slice. */
  private job = 0;
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

  /** Bytes the picture keeps between redraws: pixel values and the RGBA image (the data itself is the provider's). */
  get pictureBytes(): number {
    return (this.pixels?.values.byteLength ?? 0) + (this.image?.data.byteLength ?? 0);
  }

  private async colour(canvas: HTMLCanvasElement, scale: ColourScale, cancelled: () => boolean): Promise<void> {
    const image = this.image!;
    const done = await runSliced(colourize(this.pixels!, scale, new Uint32Array(image.data.buffer)), cancelled);
    if (done === undefined && cancelled()) return;
    canvas.getContext('2d')?.putImageData(image, 0, 0);
  }

  private async computeStats(prepared: PreparedHeatmap, cancelled: () => boolean): Promise<void> {
    if (prepared.windows) return;
    // Cancelled (a newer job), it stops; that job starts it again from the beginning.
    await runSliced(statsSteps(prepared), cancelled);
    if (prepared.windows) this.onStats();
  }
}
