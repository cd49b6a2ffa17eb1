import { describe, expect, it } from 'vitest';
import { samePicture, type Drawing } from '../../src/chart/redraw.js';

const WIDTH = 600;
/** A week-wide window (epoch s) and rows inside it, two per px like the decimator's. */
const week = { from: 1_700_000_000, to: 1_700_000_000 + 7 * 86_400 };
/** A drawing the tests may edit. */
type Editable = { x: number[]; y: (number | null)[][]; view: Drawing['view'] };
function drawing(view = week, shift = 0, edit?: (d: Editable) => void): Drawing {
  const step = (view.to - view.from) / WIDTH;
  const x: number[] = [view.from - 10];
  for (let c = 0; c < WIDTH; c++) x.push(week.from + c * step + 5 + shift, week.from + (c + 1) * step - 5 + shift);
  const y = [x.map((_, i) => 50 + (i % 7))];
  const d: Editable = { x, y, view };
  edit?.(d);
  return d;
}
const slide = (seconds: number) => ({ from: week.from + seconds, to: week.to + seconds });

describe('samePicture', () => {
  it('holds when a tick moves a week-wide chart by a hundredth of a pixel', () => {
    expect(samePicture(drawing(), drawing(slide(10), 10), WIDTH)).toBe(true);
  });

  it('fails once the accumulated slide reaches half a pixel', () => {
    const halfPixel = (week.to - week.from) / WIDTH / 2;
    expect(samePicture(drawing(), drawing(slide(halfPixel * 0.9), 0), WIDTH)).toBe(true);
    expect(samePicture(drawing(), drawing(slide(halfPixel * 1.1), 0), WIDTH)).toBe(false);
  });

  it('fails when any value inside the plot changed, or a row was added', () => {
    expect(samePicture(drawing(), drawing(week, 0, (d) => { d.y[0][300] = 99; }), WIDTH)).toBe(false);
    expect(samePicture(drawing(), drawing(week, 0, (d) => { d.y[0][300] = null; }), WIDTH)).toBe(false);
    expect(samePicture(drawing(), drawing(week, 0, (d) => { d.x.push(week.to); d.y[0].push(1); }), WIDTH)).toBe(false);
  });

  it('ignores the value of the sample beyond the edge when the line enters right at the edge', () => {
    const changedEdge = drawing(week, 0, (d) => { d.y[0][0] = 1; });
    expect(samePicture(drawing(), changedEdge, WIDTH)).toBe(true);
    // Entering 20 px in, the edge sample's value shapes a visible stretch of line.
    const far = (edit?: (d: Editable) => void) => drawing(week, 0, (d) => { d.x[1] = week.from + 20 * ((week.to - week.from) / WIDTH); edit?.(d); });
    expect(samePicture(far(), far((d) => { d.y[0][0] = 1; }), WIDTH)).toBe(false);
  });
});
