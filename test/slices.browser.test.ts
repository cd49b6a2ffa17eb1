// Work in slices gives the page a real turn between slices (issue 15, case 6): a task the page queued before the
// work started runs at the first pause, not after the whole work (scheduler.yield()'s continuations ran ahead of
// every ordinary task, and of painting down to Chromium's 10 fps floor, for as long as the work lasted).
import { expect } from '@open-wc/testing';
import { Slices } from '../src/model/slices.js';

describe('Slices (in the browser)', () => {
  it('lets a task queued before the work run at the first pause', async () => {
    const channel = new MessageChannel();
    const order: string[] = [];
    channel.port1.onmessage = () => order.push('page task');
    channel.port2.postMessage(0);
    const slices = new Slices({ maxWork: 1 });
    for (let i = 0; i < 3; i++) {
      order.push(`slice ${i}`);
      if (slices.due()) await slices.pause();
    }
    channel.port1.close();
    expect(order).to.deep.equal(['slice 0', 'page task', 'slice 1', 'slice 2']);
  });
});
