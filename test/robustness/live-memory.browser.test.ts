/**
 * Issue 15, case 3: a live chart appending a tick every second for days holds its window, not its history. 100 000
 * appended ticks (≈ 28 hours at 1 s) leave the page's JS heap, measured after forced garbage collection through the
 * DevTools Protocol, where 1 000 ticks left it. And a live card keeps one copy of its window: the frames its ticks
 * replaced are let go (issue 14's portal heap: every card held its first load beside its live frames).
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { continuesFrame } from '../../src/chart/frames.js';
import { appendFrame } from '../../src/chart/live-frames.js';
import type { ElementRef, MetricFrame } from '../../src/model/types.js';
import { SimulatedProvider } from '../../src/providers/simulated/index.js';
import { mountCard } from '../support/mount-card.js';

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

  it('a live card lets go of the frames its ticks replaced: its first load is not kept beside the live window', async () => {
    const realNow = Date.now;
    let clock = realNow();
    Date.now = () => clock;
    try {
      const provider = new SimulatedProvider({ scenario: 'production', now: () => clock });
      const vtgates: ElementRef = { kind: 'vtgates', database: 'shop', branch: 'main', keyspace: 'shop' };
      const card = await mountCard({ provider, target: vtgates, range: '1h', expanded: true });
      const charts = [...card.chartInstances.values()];
      expect(charts.length).to.be.greaterThan(3);
      // The sample arrays of the first load, as the charts drew them, watched without keeping them alive.
      const firstLoad = charts.flatMap(({ frame }) => [frame.timestamps, ...frame.series.map((s) => s.values)]).map((array) => new WeakRef(array));
      const drawnEnd = () => charts[0].frame.timestamps.at(-1)!;
      const loadedEnd = drawnEnd();
      for (let tick = 0; tick < 3; tick++) {
        clock += 60_000;
        await card.refreshNow();
      }
      expect(drawnEnd()).to.be.greaterThan(loadedEnd + 120);
      await heapUsage(); // three full garbage collections
      const kept = firstLoad.filter((ref) => ref.deref() !== undefined).length;
      expect(kept, `${kept} of the first load's ${firstLoad.length} sample arrays still alive`).to.equal(0);
    } finally {
      Date.now = realNow;
    }
  });
});
