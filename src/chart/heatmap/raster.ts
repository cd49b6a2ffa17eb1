/**
 * The heatmap's picture at pixel resolution, in two passes so each redraw does only what changed: `rasterize` reduces
 * the cells under each pixel to one value (the maximum, so a hot shard thinner than a pixel still shows), and
 * `colourize` maps those values through the colour scale into an RGBA buffer. Both are generators that yield between
 * slices of work, so a caller can spread a million cells over several tasks.
 */
import type { KeyspaceHeatmap } from '../../model/heatmap.js';
import type { Sliced } from '../../model/sliced.js';
import type { HeatmapGeometry } from './geometry.js';
import type { ColourScale } from './scale.js';

/** The part of the data shown: steps `[from, to)` and key fractions `[top, bottom)`. */
export interface HeatmapView {
  from: number;
  to: number;
  top: number;
  bottom: number;
}

export function fullView(geometry: HeatmapGeometry): HeatmapView {
  return { from: 0, to: geometry.columns, top: 0, bottom: 1 };
}

/** Pixel values: `NaN` where a live shard has no sample, `-Infinity` where no shard covers the key (a gap). */
export interface PixelValues {
  width: number;
  height: number;
  values: Float32Array;
}

/** Rows handled between yields: ~16 rows × 1 000 columns of reduction plus their pixel spans. */
const ROWS_PER_SLICE = 16;

/** The first step of pixel column x is `stepOf[x]`, its last `stepOf[x + 1] − 1` (at least one step each). */
export function pixelSteps(view: HeatmapView, width: number): Int32Array {
  const steps = new Int32Array(width + 1);
  const span = view.to - view.from;
  for (let x = 0; x <= width; x++) steps[x] = view.from + Math.floor((x * span) / width);
  return steps;
}

/**
 * Fills `out` (width × height, row-major) with the value under each pixel. Yields after every few shards;
 * iterate it to the end (`runToEnd`) for the whole picture.
 */
export function* rasterize(heatmap: KeyspaceHeatmap, geometry: HeatmapGeometry, view: HeatmapView, out: PixelValues): Sliced<PixelValues> {
  const { width, height, values: pixels } = out;
  pixels.fill(-Infinity);
  if (width === 0 || height === 0) return out;
  const columns = geometry.columns;
  const steps = pixelSteps(view, width);
  const keySpan = view.bottom - view.top;
  const reduced = new Float32Array(width);
  let done = 0;
  for (const row of geometry.rows) {
    if (row.bottom <= view.top || row.top >= view.bottom || row.last < view.from || row.first >= view.to) continue;
    // Pixel rows the shard covers; a shard thinner than a pixel still gets the one it falls in.
    const y0 = Math.max(0, Math.floor(((row.top - view.top) / keySpan) * height));
    const y1 = Math.min(height, Math.max(y0 + 1, Math.ceil(((row.bottom - view.top) / keySpan) * height)));
    const base = row.shard * columns;
    const cells = heatmap.values;
    for (let x = 0; x < width; x++) {
      const first = Math.max(steps[x], row.first);
      const last = Math.min(Math.max(steps[x + 1], steps[x] + 1), row.last + 1);
      // -Infinity: the shard is not live under this pixel column; NaN: live but no sample.
      let value = first < last ? NaN : -Infinity;
      for (let t = first; t < last; t++) {
        const cell = cells[base + t];
        if (cell > value || (cell === cell && value !== value)) value = cell;
      }
      reduced[x] = value;
    }
    for (let y = y0; y < y1; y++) {
      const offset = y * width;
      for (let x = 0; x < width; x++) {
        const value = reduced[x];
        if (value === -Infinity) continue;
        const current = pixels[offset + x];
        // A sample beats no sample beats no shard; between samples the larger wins.
        if (value === value ? !(current >= value) : current === -Infinity) pixels[offset + x] = value;
      }
    }
    if (++done % ROWS_PER_SLICE === 0) yield;
  }
  return out;
}

/** Pixel rows coloured between yields (~60 000 pixels). */
const PIXEL_ROWS_PER_SLICE = 64;

/**
 * Colours `pixels` into `rgba` (a Uint32Array over an ImageData's buffer, little-endian ABGR). Gaps get a hatch so
 * they never read as a value; no-data pixels a flat neutral.
 */
export function* colourize(pixels: PixelValues, scale: ColourScale, rgba: Uint32Array): Sliced<void> {
  const { width, height, values } = pixels;
  const { lut, noData, gap, gapStripe } = scale;
  const last = lut.length - 1;
  for (let y = 0; y < height; y++) {
    const offset = y * width;
    for (let x = 0; x < width; x++) {
      const value = values[offset + x];
      if (value === -Infinity) rgba[offset + x] = (x + y) % 6 < 2 ? gapStripe : gap;
      else if (value !== value) rgba[offset + x] = noData;
      else {
        const index = Math.round(scale.position(value) * last);
        rgba[offset + x] = lut[index < 0 ? 0 : index > last ? last : index];
      }
    }
    if ((y + 1) % PIXEL_ROWS_PER_SLICE === 0) yield;
  }
}
