/**
 * What a heat picture needs of the theme, as numbers: whether low values should fade into a dark page or a light one,
 * and the no-data and gap colours. Shared by the keyspace heatmap's canvas and the diagram's heat strip, so that the
 * same load has the same colour in both.
 */
import type { Rgb } from '../chart/heatmap/scale.js';
import { readToken } from '../theme/tokens.js';

export interface ThemeColours {
  /** Low values should fade into a dark background (true) or a light one. */
  lowIsDark: boolean;
  noData: Rgb;
  gap: Rgb;
  gapStripe: Rgb;
  /** Equal for equal colours: a new colour scale is made only when it changes. */
  key: string;
}

/** Reads the theme's tokens from `element` (getComputedStyle: a style pass, so callers keep the answer per theme). */
export function readThemeColours(element: Element): ThemeColours {
  const bg = parseColour(readToken(element, '--ps-color-bg', '#ffffff'));
  const colours = {
    // Relative luminance (Rec. 709 weights) below the middle: a dark page.
    lowIsDark: 0.2126 * bg[0] + 0.7152 * bg[1] + 0.0722 * bg[2] < 128,
    noData: parseColour(readToken(element, '--ps-color-skeleton', '#eceef2')),
    gap: parseColour(readToken(element, '--ps-color-danger-soft', '#fdecec')),
    gapStripe: parseColour(readToken(element, '--ps-color-danger', '#c0262d')),
  };
  return { ...colours, key: JSON.stringify(colours) };
}

/** `#rrggbb` or `rgb(a)(…)` → RGB; anything else black (tokens are always one of those). */
export function parseColour(text: string): Rgb {
  const hex = /^#([0-9a-f]{6})$/i.exec(text.trim());
  if (hex) return [0, 2, 4].map((i) => parseInt(hex[1].slice(i, i + 2), 16)) as unknown as Rgb;
  const short = /^#([0-9a-f]{3})$/i.exec(text.trim());
  if (short) return [0, 1, 2].map((i) => parseInt(short[1][i] + short[1][i], 16)) as unknown as Rgb;
  const rgb = /rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)/i.exec(text);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  return [0, 0, 0];
}
