/**
 * Issue 15, case 3: a live chart appending a tick every second for days holds its window, not its history. 100 000
 * appended ticks (≈ 28 hours at 1 s) leave the page's JS heap, measured after forced garbage collection through the
 * DevTools Protocol, where 1 000 ticks left it.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { continuesFrame } from '../../src/chart/frames.js';
import { appendFrame } from '../../src/chart/live-frames.js';
import type { MetricFrame } from '../../src/model/types.js';

const MB = 1024 * 1024;
const WINDOW = 900; // 15 minutes at 1 s
const heapUsage = () => executeServerCommand<{ usedSize: number }, undefined>('heap-usage');

/** The samples from `from` to `to` (epoch seconds) of a two-series metric, as a provider's tail would be. */
function tail(from: number, to: number): MetricFrame {
  const timestamps = new Float64Array(to - from + 1).map((_, i) => from + i);
  return {
    metric: 'reads_writes',
    unit: 'per_second',
    timestamps,
    series: [
      { label: 'reads', values: timestamps.map((t) => t % 97) },
      { label: 'writes', values: timestamps.map((t) => t % 13) },
    ],
    // A source that warns on every answer (Prometheus `warnings`): the frame keeps each warning once.
    warnings: ['query hit the sample limit'],
  };
}

describe('live refresh memory', function () {
  this.timeout(120_000);

  it('appending 100 000 ticks keeps the heap flat: frames hold their window, not the chain of frames before them', async () => {
    let now = 1_700_000_000;
    let current = tail(now - WINDOW + 1, now);
    // What a drawn chart holds: the frame it drew last (one tick behind).
    let drawn = current;
    const tick = () => {
      now++;
      const next = appendFrame(current, tail(now, now), (now - WINDOW + 1) * 1000);
      expect(continuesFrame(next, current)).to.equal(true);
      drawn = current;
      current = next;
    };
    for (let i = 0; i < 1_000; i++) tick();
    const before = (await heapUsage()).usedSize;
    for (let i = 0; i < 99_000; i++) tick();
    const after = (await heapUsage()).usedSize;

    expect(current.timestamps.length).to.equal(WINDOW);
    expect(current.timestamps[WINDOW - 1]).to.equal(now);
    expect(current.warnings).to.deep.equal(['query hit the sample limit']);
    expect(continuesFrame(current, drawn)).to.equal(true);
    // A retained chain is ~100 000 frames (hundreds of bytes each) plus every buffer ever copied: tens of MB.
    expect(after - before, `heap grew ${((after - before) / MB).toFixed(2)} MB`).to.be.lessThan(1 * MB);
  });
});
