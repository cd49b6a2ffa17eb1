import { describe, expect, it } from 'vitest';
import { forEachInSlices } from '../../src/providers/shared/yield.js';

describe('forEachInSlices', () => {
  it('visits every item in order, and lets a timer run between slices once a slice has used its budget', async () => {
    const seen: number[] = [];
    let timerRanAt = -1;
    setTimeout(() => (timerRanAt = seen.length), 0);
    const items = Array.from({ length: 1000 }, (_, i) => i);
    // A zero budget: every 64th item ends a slice.
    await forEachInSlices(items, (item) => seen.push(item), 0);
    expect(seen).toEqual(items);
    expect(timerRanAt).toBe(64);
  });

  it('with a generous budget runs in one slice', async () => {
    let timerRanAt = -1;
    const seen: number[] = [];
    setTimeout(() => (timerRanAt = seen.length), 0);
    await forEachInSlices([1, 2, 3], (item) => seen.push(item), 1_000);
    expect(timerRanAt).toBe(-1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(timerRanAt).toBe(3);
  });
});
