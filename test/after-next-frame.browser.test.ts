import { expect, waitUntil } from '@open-wc/testing';
import { afterNextFrame } from '../src/elements/after-next-frame.js';

const task = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('afterNextFrame', () => {
  it('runs the work in a task after the next frame, not before it', async () => {
    const order: string[] = [];
    afterNextFrame(() => order.push('work'));
    // Registered after afterNextFrame's own frame callback, so it runs in the same frame.
    requestAnimationFrame(() => order.push('frame'));
    await task();
    expect(order).not.to.include('work');
    await waitUntil(() => order.includes('work'), 'the work never ran');
    expect(order).to.deep.equal(['frame', 'work']);
  });

  it('cancelled, never runs (neither after the frame nor by the hidden-page fallback)', async () => {
    let ran = false;
    const cancel = afterNextFrame(() => (ran = true));
    cancel();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(ran).to.equal(false);
  });
});
