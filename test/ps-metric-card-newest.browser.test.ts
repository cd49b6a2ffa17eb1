// <ps-metric-card> on PrometheusProvider shows the value of now as its newest point: the provider's grid is
// step-aligned (a week's storage at 600 s steps), the range's end is asked on its own, and a live refresh replaces that
// point instead of keeping it. The provider talks to a stand-in of the Prometheus HTTP API (documented shapes);
// real Prometheus and VictoriaMetrics answer the same queries in test/providers/prometheus-presets.test.ts.
import { expect } from '@open-wc/testing';
import '../src/elements/ps-metric-card/define.js';
import type { PsMetricCard } from '../src/elements/ps-metric-card/ps-metric-card.js';
import type { ElementRef, MetricFrame, MetricId } from '../src/model/types.js';
import { PrometheusProvider } from '../src/providers/prometheus/index.js';
import { prometheusAnswering } from './support/prometheus-answers.js';
import { mountCard } from './support/mount-card.js';

const GiB = 2 ** 30;

/** The card expanded, as every test here reads its charts. */
const mount = (props: Partial<PsMetricCard>): Promise<PsMetricCard> => mountCard({ expanded: true, ...props });

const frameOf = (card: PsMetricCard, id: MetricId): MetricFrame => card.chartInstances.get(id)!.frame;
const legend = (card: PsMetricCard, id: MetricId) =>
  [...card.shadowRoot!.querySelectorAll(`section[data-metric="${id}"] .legend-stat`)].map((s) => s.textContent!.replace(/\s+/g, ' ').trim());
const newest = (frame: MetricFrame) => frame.timestamps[frame.timestamps.length - 1];

describe('ps-metric-card on Prometheus: the newest point is now', () => {
  it('a MySQL node younger than one storage step still draws its storage (the week’s grid is 600 s)', async () => {
    // The node's first samples came after the last 600 s grid point: every grid point of the week is empty.
    const born = Math.floor(Date.now() / 600_000) * 600 + 1;
    const { fetch } = prometheusAnswering((promql, t) => {
      if (t < born) return undefined;
      if (promql.includes('node_filesystem_size_bytes') && !promql.includes('avail')) return 20 * GiB; // capacity
      if (promql.includes('node_filesystem')) return 1.5 * GiB; // used = size − avail
      return 5;
    });
    const provider = new PrometheusProvider({ url: '/prom', fetch });
    const target: ElementRef = { kind: 'tablet', database: 'shop', branch: 'main', keyspace: 'shop', shard: '-', tabletId: 'zone1-101', scrape: { host: 'db1', port: 15000 } };
    const before = Date.now() / 1000;
    const card = await mount({ provider, target, tabletRole: 'primary' });
    const storage = frameOf(card, 'storage');
    const used = storage.series.find((s) => s.label === 'used')!.values;
    expect(storage.newestIsCurrent).to.equal(true);
    expect(newest(storage)).to.be.at.least(before);
    expect(Array.from(used.subarray(0, -1)).every(Number.isNaN)).to.equal(true);
    expect(used[used.length - 1]).to.equal(1.5 * GiB);
    expect(legend(card, 'storage')[0]).to.equal('last 1.5 GiB');
    // One value at the week's end: a line has nothing to join it to, so it is drawn as a dot.
    const u = card.chartInstances.get('storage')!.uplot;
    const row = u.data[0].length - 1;
    const x = Math.round(u.valToPos(u.data[0][row], 'x', true));
    const y = Math.round(u.valToPos(u.data[1][row]!, 'y', true));
    expect(u.ctx.getImageData(x - 1, y - 1, 3, 3).data.some((channel, i) => i % 4 === 3 && channel > 0)).to.equal(true);
    card.expanded = false;
    await card.settled();
    const summary = [...card.shadowRoot!.querySelectorAll('.summary-item')].find((item) => item.textContent!.includes('Storage'))!;
    expect(summary.querySelector('.summary-value')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('1.5 GiB of 20 GiB');
  });

  it('a live refresh replaces the newest point and appends the grid points that passed, all aligned', async () => {
    const { fetch } = prometheusAnswering((_, t) => Math.round(t * 1000) % 1000 === 0 ? 20 : 21); // on the grid 20, the end 21
    const provider = new PrometheusProvider({ url: '/prom', fetch });
    const card = await mount({ provider, target: { kind: 'vtgates', database: 'shop', branch: 'main', keyspace: 'shop' }, range: '15m' });
    const first = frameOf(card, 'connections');
    const step = first.timestamps[1] - first.timestamps[0];
    expect(step).to.equal(1);
    const end = newest(first);
    // Wait for the next grid second (at most one), so the tick brings a grid point as well as a new end.
    await new Promise((resolve) => setTimeout(resolve, 1100 - (Date.now() % 1000)));
    await card.refreshNow();
    const next = frameOf(card, 'connections');
    const times = Array.from(next.timestamps);
    expect(times).not.to.include(end);
    expect(newest(next)).to.be.above(end);
    expect(times.slice(0, -1).every((t) => Number.isInteger(t))).to.equal(true);
    const values = Array.from(next.series[0].values);
    expect(values.slice(0, -1).every((v) => v === 20)).to.equal(true);
    expect(values[values.length - 1]).to.equal(21);
    expect(legend(card, 'connections')[0]).to.equal('last 21');
  });
});
