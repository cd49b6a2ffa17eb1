// <ps-metric-card> formats each chart in the unit its frame carries, not the catalogue's: the same VTGate CPU is
// percent from PlanetScale's metrics API and cores from Prometheus. End to end through both real providers, fed
// answers of the documented shapes (PlanetScale's transcribed MetricSeries; Prometheus' matrix and vector from its API docs).
import { expect } from '@open-wc/testing';
import '../src/elements/ps-metric-card/define.js';
import type { PsMetricCard } from '../src/elements/ps-metric-card/ps-metric-card.js';
import type { MetricChart } from '../src/elements/ps-metric-card/metric-chart.js';
import type { ElementRef, MetricId } from '../src/model/types.js';
import { PlanetScaleProvider } from '../src/providers/planetscale/index.js';
import { PrometheusProvider } from '../src/providers/prometheus/index.js';
import branch from './fixtures/planetscale/branch-production.json';
import keyspaces from './fixtures/planetscale/keyspaces.json';
import notFound from './fixtures/planetscale/error-not-found.json';
import metricSeries from './fixtures/planetscale/metric-series.json';
import { prometheusAnswering } from './support/prometheus-answers.js';
import { mountCard } from './support/mount-card.js';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The card expanded, as every test here reads its charts. */
const mount = (props: Partial<PsMetricCard>): Promise<PsMetricCard> => mountCard({ expanded: true, ...props });

const chart = (card: PsMetricCard, id: MetricId): MetricChart => card.chartInstances.get(id)!;
const legend = (card: PsMetricCard, id: MetricId) =>
  [...card.shadowRoot!.querySelectorAll(`section[data-metric="${id}"] .legend-stat`)].map((s) => s.textContent!.replace(/\s+/g, ' ').trim());
const axisTicks = (c: MetricChart) => {
  const axis = c.uplot.axes[1] as unknown as { values: (u: unknown, splits: number[]) => string[] };
  const top = c.uplot.scales.y.max!;
  return axis.values(c.uplot, [0, top / 2, top]);
};

/** The labels of warning lines drawn on a chart's canvas: text drawn right-aligned inside the plot (axis labels sit left of it). */
async function warningLabels(c: MetricChart): Promise<string[]> {
  const ctx = c.uplot.ctx;
  const drawn: string[] = [];
  const fillText = ctx.fillText;
  const { left, width } = c.uplot.bbox;
  ctx.fillText = function (this: CanvasRenderingContext2D, text: string, x: number, y: number) {
    if (ctx.textAlign === 'right' && x > left + width / 2) drawn.push(text);
    return fillText.call(this, text, x, y);
  };
  try {
    c.uplot.redraw(false, true);
    // uPlot draws in a microtask after redraw().
    await new Promise((resolve) => requestAnimationFrame(resolve));
  } finally {
    ctx.fillText = fillText;
  }
  return drawn;
}

/** The tooltip's value for a chart's first series with the cursor `at` that fraction of the plot's width. */
async function tooltipValue(card: PsMetricCard, id: MetricId, at: number): Promise<string> {
  const over = chart(card, id).uplot.over;
  const box = over.getBoundingClientRect();
  over.dispatchEvent(new MouseEvent('mousemove', { clientX: box.left + box.width * at, clientY: box.top + 20, bubbles: true }));
  await new Promise((resolve) => requestAnimationFrame(resolve));
  const tip = card.shadowRoot!.querySelector(`section[data-metric="${id}"] .tooltip:not([hidden]) .tooltip-value`);
  return tip?.textContent?.trim() ?? '';
}

async function tableCells(card: PsMetricCard, id: MetricId): Promise<string[]> {
  const toggle = [...card.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'View as table')!;
  if (toggle.getAttribute('aria-pressed') !== 'true') {
    toggle.click();
    // The table's code loads when first asked for; settled() waits for it.
    await card.settled();
  }
  return [...card.shadowRoot!.querySelectorAll(`section[data-metric="${id}"] td`)].map((td) => td.textContent!.trim()).filter((t) => t !== '—');
}

/** PlanetScaleProvider on its transcribed answers. */
function planetScale(): PlanetScaleProvider {
  const BRANCH = '/organizations/acme/databases/main/branches/main';
  // The transcribed MetricSeries (planetscale/cli metrics_test.go), once per metric asked for; its two points keep
  // their times, their values are this test's readings (percent for the by-AZ series, as planetscale/cli's
  // internal/cmd/metrics/format.go formats vtgate_cpu_by_az / vtgate_memory_by_az).
  const readings: Record<string, [number, number]> = { vtgate_cpu_by_az: [31, 38], vtgate_memory_by_az: [55, 62] };
  const fetch = async (url: string) => {
    const { pathname, searchParams } = new URL(url, location.href);
    const route = pathname.slice(`/ps${BRANCH}`.length);
    if (route === '') return json(branch);
    if (route === '/keyspaces') return json(keyspaces);
    if (route === '/metrics') {
      const series = searchParams.getAll('metrics[]').map((metric) => {
        const [a, b] = readings[metric] ?? metricSeries.series[0].points.map((p) => p[1]);
        const [[t0], [t1]] = metricSeries.series[0].points;
        return { ...metricSeries.series[0], metric, points: [[t0, a], [t1, b]] };
      });
      return json({ ...metricSeries, series });
    }
    return json(notFound, 404);
  };
  return new PlanetScaleProvider({ url: '/ps', organization: 'acme', fetch });
}

/** PrometheusProvider (default preset) on answers of the documented shape: VTGate CPU in cores, memory in bytes. */
function prometheus(): PrometheusProvider {
  // Cores = rate of process_cpu_seconds_total, bytes = process_resident_memory_bytes.
  const { fetch } = prometheusAnswering((promql) =>
    promql.includes('process_cpu_seconds_total') ? 0.375 : promql.includes('process_resident_memory_bytes') ? 1.5 * 2 ** 30 : 3);
  return new PrometheusProvider({ url: '/prom', fetch });
}

const target: ElementRef = { kind: 'vtgates', database: 'main', branch: 'main', keyspace: 'main' };
/** The window of the transcribed PlanetScale answer's two points. */
const from = Date.parse(metricSeries.start_date);
const timeRange = { from, to: from + 120_000 };

describe('ps-metric-card: values in the unit their source gives', () => {
  it('PlanetScale answers VTGate CPU and memory in percent: % on axes, legends, tooltips, table, and the 70 % / 80 % warning lines', async () => {
    const card = await mount({ provider: planetScale(), target, timeRange });

    expect(card.chartInstances.get('cpu')!.frame.unit).to.equal('percent');
    expect(legend(card, 'cpu')).to.deep.equal(['last 38%', 'avg 35%', 'max 38%']);
    expect(legend(card, 'memory')).to.deep.equal(['last 62%', 'avg 59%', 'max 62%']);
    expect(axisTicks(chart(card, 'cpu')).every((t) => t.endsWith('%'))).to.equal(true);
    // The axis reaches the warning level, and the level is drawn.
    expect(chart(card, 'cpu').uplot.scales.y.max).to.be.at.least(70);
    expect(await warningLabels(chart(card, 'cpu'))).to.deep.equal(['70%']);
    expect(await warningLabels(chart(card, 'memory'))).to.deep.equal(['80%']);
    expect(await tooltipValue(card, 'cpu', 0.5)).to.equal('38%');
    expect(await tableCells(card, 'cpu')).to.deep.equal(['31%', '38%']);
    card.expanded = false;
    await card.settled();
    const summary = card.shadowRoot!.querySelectorAll('.summary-value');
    expect([...summary].map((s) => s.textContent!.trim())).to.include.members(['38%', '62%']);
  });

  it('Prometheus answers VTGate CPU in cores and memory in bytes: no % anywhere, no percent warning lines', async () => {
    const card = await mount({ provider: prometheus(), target, range: '1h' });

    expect(chart(card, 'cpu').frame.unit).to.equal('cores');
    expect(chart(card, 'memory').frame.unit).to.equal('bytes');
    expect(legend(card, 'cpu')).to.deep.equal(['last 0.38 cores', 'avg 0.38 cores', 'max 0.38 cores']);
    expect(legend(card, 'memory')).to.deep.equal(['last 1.5 GiB', 'avg 1.5 GiB', 'max 1.5 GiB']);
    expect(axisTicks(chart(card, 'cpu')).some((t) => t.includes('%'))).to.equal(false);
    expect(axisTicks(chart(card, 'memory')).some((t) => t.includes('B'))).to.equal(true);
    // 70 % of an unknown allotment is no level in cores or bytes: no line, and the axis fits the data, not 70.
    expect(chart(card, 'cpu').uplot.scales.y.max).to.be.below(1);
    expect(await warningLabels(chart(card, 'cpu'))).to.deep.equal([]);
    expect(await warningLabels(chart(card, 'memory'))).to.deep.equal([]);
    expect(await tooltipValue(card, 'cpu', 0.5)).to.equal('0.38 cores');
    expect(await tooltipValue(card, 'memory', 0.5)).to.equal('1.5 GiB');
    const cells = await tableCells(card, 'memory');
    expect(cells.length).to.be.greaterThan(0);
    expect(new Set(cells)).to.deep.equal(new Set(['1.5 GiB']));
    card.expanded = false;
    await card.settled();
    const summary = [...card.shadowRoot!.querySelectorAll('.summary-value')].map((s) => s.textContent!.trim());
    expect(summary).to.include.members(['0.38 cores', '1.5 GiB']);
    expect(summary.some((s) => s.includes('%'))).to.equal(false);
  });

  it('rebuilds a chart whose source changes unit (percent → cores) instead of keeping the old axis and warning line', async () => {
    const card = await mount({ provider: planetScale(), target, timeRange });
    expect(await warningLabels(chart(card, 'cpu'))).to.deep.equal(['70%']);
    const percentChart = chart(card, 'cpu');
    card.provider = prometheus();
    await card.settled();
    expect(chart(card, 'cpu')).not.to.equal(percentChart);
    expect(axisTicks(chart(card, 'cpu')).some((t) => t.includes('%'))).to.equal(false);
    expect(await warningLabels(chart(card, 'cpu'))).to.deep.equal([]);
    expect(legend(card, 'cpu')[0]).to.equal('last 0.38 cores');
  });
});
