/**
 * Whether new chart rows would draw the same picture as the rows on screen, so a live-refresh tick can skip
 * redrawing a canvas (rasterising one costs far more than the tick's script) when nothing visible moved.
 */
import type { Window } from './decimate.js';

/** What a chart drew: rows (x in the window's unit, one y list per series) over a window, on a plot so many px wide. */
export interface Drawing {
  x: readonly number[];
  y: readonly (readonly (number | null)[])[];
  view: Window;
}

/** How far (in px) a row may move and still count as the same picture: less than anti-aliasing can show. */
export const SAME_PICTURE_PX = 0.5;

/**
 * True when `next` over `plotWidth` px would look like `drawn`: the same rows with the same values, none moved by
 * `SAME_PICTURE_PX` or more. Rows outside the plot only matter through the line that enters it, so their values may
 * change when the first (last) row inside sits within that distance of the edge. Thousands of samples per pixel make
 * this the common case for long windows: a 10 s tick moves a week-wide chart by a hundredth of a pixel.
 */
export function samePicture(drawn: Drawing, next: Drawing, plotWidth: number): boolean {
  const n = next.x.length;
  if (n !== drawn.x.length || next.y.length !== drawn.y.length || plotWidth <= 0) return false;
  const pxOf = (x: number, view: Window) => ((x - view.from) / (view.to - view.from || 1)) * plotWidth;
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = pxOf(drawn.x[i], drawn.view);
    b[i] = pxOf(next.x[i], next.view);
    // Outside the plot only the direction of the entering line shows, checked below; clamp so far-off moves compare equal.
    const moved = Math.abs(Math.min(plotWidth, Math.max(0, a[i])) - Math.min(plotWidth, Math.max(0, b[i])));
    if (moved >= SAME_PICTURE_PX) return false;
  }
  for (let i = 0; i < n; i++) {
    const outside = b[i] < 0 || b[i] > plotWidth || a[i] < 0 || a[i] > plotWidth;
    // The neighbour inside the plot, nearest the edge this row is beyond.
    const inside = b[i] < 0 || a[i] < 0 ? i + 1 : i - 1;
    const edgeGap = inside >= 0 && inside < n ? Math.min(Math.abs(b[inside] - (b[i] < 0 || a[i] < 0 ? 0 : plotWidth)), plotWidth) : Infinity;
    const ignorable = outside && edgeGap < SAME_PICTURE_PX;
    if (ignorable) continue;
    for (let s = 0; s < next.y.length; s++) if (!Object.is(next.y[s][i], drawn.y[s][i])) return false;
  }
  return true;
}
