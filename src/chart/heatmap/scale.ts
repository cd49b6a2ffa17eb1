/**
 * The heatmap's colour scale: a robust value domain from the data, linear or logarithmic mapping, a brightness knob
 * (how much of the domain the brightest colour covers), a 256-entry lookup table from a perceptually uniform palette,
 * and the legend's tick values.
 */
import { PALETTES, type PaletteName } from './palettes.js';

export type ScaleKind = 'linear' | 'log';

/** Colours in RGB 0–255. */
export type Rgb = readonly [number, number, number];

export interface ColourScale {
  kind: ScaleKind;
  /** Values at the first and last colour (after brightness). */
  domain: readonly [number, number];
  /** 256 colours, lowest first, packed for a Uint32Array over RGBA bytes (little-endian). */
  lut: Uint32Array;
  noData: number;
  gap: number;
  gapStripe: number;
  /** Where a value falls, 0…1 (clamped by the caller's lookup). */
  position(value: number): number;
}

export interface ScaleOptions {
  kind: ScaleKind;
  /** Domain of the data (see `valueDomain`), before brightness. */
  domain: readonly [number, number];
  /** 1 = the data's 99.5th percentile is the brightest colour; 2 = half that value already is. 0.25…8. */
  brightness?: number;
  palette?: PaletteName;
  /** Low values blend into the background: dark first on a dark theme, light first on a light one. */
  lowIsDark: boolean;
  noData: Rgb;
  gap: Rgb;
  gapStripe: Rgb;
}

export const LUT_SIZE = 256;
export const MIN_BRIGHTNESS = 0.25;
export const MAX_BRIGHTNESS = 8;
/** A log scale spans at most four decades below its top, so a few idle shards do not wash out the rest. */
const LOG_DECADES = 4;

/** Little-endian RGBA packing (every browser engine runs little-endian). */
export function packRgb([r, g, b]: Rgb): number {
  return ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

export function unpackRgb(packed: number): Rgb {
  return [packed & 255, (packed >>> 8) & 255, (packed >>> 16) & 255];
}

/** `#rrggbb` of a packed colour, for the legend. */
export function cssColour(packed: number): string {
  return `#${unpackRgb(packed).map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** The palette's colours as RGB triples, in 256 steps interpolated between its stops. */
export function paletteColours(name: PaletteName): Rgb[] {
  const hex = PALETTES[name];
  const stops: Rgb[] = [];
  for (let i = 0; i < hex.length; i += 6) stops.push([parseInt(hex.slice(i, i + 2), 16), parseInt(hex.slice(i + 2, i + 4), 16), parseInt(hex.slice(i + 4, i + 6), 16)]);
  const colours: Rgb[] = [];
  for (let i = 0; i < LUT_SIZE; i++) {
    const x = (i / (LUT_SIZE - 1)) * (stops.length - 1);
    const k = Math.min(stops.length - 2, Math.floor(x));
    const f = x - k;
    colours.push([0, 1, 2].map((c) => Math.round(stops[k][c] + (stops[k + 1][c] - stops[k][c]) * f)) as unknown as Rgb);
  }
  return colours;
}

const paletteCache = new Map<string, Uint32Array>();

function lutOf(name: PaletteName, lowIsDark: boolean): Uint32Array {
  const key = `${name}|${lowIsDark}`;
  let lut = paletteCache.get(key);
  if (!lut) {
    const colours = paletteColours(name);
    // The palettes run dark → light.
    if (!lowIsDark) colours.reverse();
    paletteCache.set(key, (lut = Uint32Array.from(colours, packRgb)));
  }
  return lut;
}

export function clampBrightness(brightness: number | undefined): number {
  if (brightness === undefined || !Number.isFinite(brightness)) return 1;
  return Math.min(MAX_BRIGHTNESS, Math.max(MIN_BRIGHTNESS, brightness));
}

/** The values at the first and last colour: the data's domain after brightness (a log scale spans 1–4 decades). */
export function scaleDomain(kind: ScaleKind, domain: readonly [number, number], brightness?: number): [number, number] {
  const top = domain[1] / clampBrightness(brightness);
  if (kind === 'linear') return [0, top];
  return [Math.min(Math.max(domain[0], top / 10 ** LOG_DECADES), top / 10), top];
}

export function colourScale(options: ScaleOptions): ColourScale {
  const [bottom, top] = scaleDomain(options.kind, options.domain, options.brightness);
  const lut = lutOf(options.palette ?? 'magma', options.lowIsDark);
  const base = { kind: options.kind, lut, noData: packRgb(options.noData), gap: packRgb(options.gap), gapStripe: packRgb(options.gapStripe) };
  if (options.kind === 'log') {
    const logBottom = Math.log(bottom);
    const span = Math.log(top) - logBottom;
    return { ...base, domain: [bottom, top], position: (value) => (value <= bottom ? 0 : (Math.log(value) - logBottom) / span) };
  }
  return { ...base, domain: [0, top], position: (value) => value / top };
}

/** Values sampled for the domain: enough for a stable 99.5th percentile, few enough to sort in a millisecond or two. */
const DOMAIN_SAMPLES = 32_768;

/**
 * A robust domain of the data: the 99.5th percentile at the top (one runaway cell must not dim the picture), and
 * for log scales the 1st percentile of positive values at the bottom. `[0, 1]` when there is nothing to show.
 */
export function valueDomain(values: Float32Array): [number, number] {
  const stride = Math.max(1, Math.floor(values.length / DOMAIN_SAMPLES));
  const picked = new Float32Array(Math.ceil(values.length / stride));
  let n = 0;
  for (let i = 0; i < values.length; i += stride) {
    const value = values[i];
    if (value > 0) picked[n++] = value;
  }
  if (n === 0) return [0, 1];
  // A typed array sorts numerically without a comparator call per comparison (a few times faster than number[]).
  const sample = picked.subarray(0, n).sort();
  const at = (q: number) => sample[Math.min(n - 1, Math.floor(q * n))];
  const high = at(0.995);
  return [Math.min(at(0.01), high), high > 0 ? high : 1];
}

/** Legend ticks inside the domain: powers of ten (and 2×, 5× when they fit) on a log scale, nice steps on a linear one. */
export function legendTicks(scale: Pick<ColourScale, 'kind' | 'domain'>, maxTicks = 6): number[] {
  const [low, high] = scale.domain;
  if (!(high > low)) return [high];
  if (scale.kind === 'log') {
    for (const multiples of [[1, 2, 5], [1, 3], [1]]) {
      const ticks: number[] = [];
      for (let exponent = Math.floor(Math.log10(low)); exponent <= Math.ceil(Math.log10(high)); exponent++) {
        for (const m of multiples) {
          const tick = m * 10 ** exponent;
          if (tick >= low * 0.999 && tick <= high * 1.001) ticks.push(roundTick(tick));
        }
      }
      if (ticks.length <= maxTicks) return ticks;
    }
    // Too many decades for single ticks: every other power of ten.
    const first = Math.ceil(Math.log10(low));
    const ticks: number[] = [];
    for (let e = first; 10 ** e <= high; e += 2) ticks.push(roundTick(10 ** e));
    return ticks;
  }
  const raw = (high - low) / Math.max(1, maxTicks - 1);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let tick = Math.ceil(low / step) * step; tick <= high * 1.0001; tick += step) ticks.push(roundTick(tick));
  return ticks;
}

function roundTick(value: number): number {
  return Number(value.toPrecision(12));
}
