import { expect } from '@open-wc/testing';
import { afterNextFrame } from '../src/elements/after-next-frame.js';

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
const task = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('afterNextFrame', () => {
  it('runs the work in a task after the next frame, not before it', async () => {
    const order: string[] = [];
    afterNextFrame(() => order.push('work'));
    await task();
    order.push('a task later');
    await nextFrame();
    order.push('frame');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).to.deep.equal(['a task later', 'frame', 'work']);
  });

  it('cancelled, never runs (neither after the frame nor by the hidden-page fallback)', async () => {
    let ran = false;
    const cancel = afterNextFrame(() => (ran = true));
    cancel();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(ran).to.equal(false);
  });
});
