// <ps-metric-card> leaves out the charts its source has nothing for (`not-found`) and names them in one muted line;
// end to end with PlanetScaleProvider on answers transcribed from planetscale-go and planetscale/cli tests.
import { expect } from '@open-wc/testing';
import axe from 'axe-core';
import '../src/elements/ps-metric-card/define.js';
import type { PsMetricCard } from '../src/elements/ps-metric-card/ps-metric-card.js';
import { DataError } from '../src/model/errors.js';
import type { BranchRef, ElementRef, MetricFrame, MetricId, MetricQuery, Topology } from '../src/model/types.js';
import { PlanetScaleProvider } from '../src/providers/planetscale/index.js';
import type { DataProvider, RequestOptions } from '../src/providers/provider.js';
import { SimulatedProvider } from '../src/providers/simulated/index.js';
import branch from './fixtures/planetscale/branch-production.json';
import keyspaces from './fixtures/planetscale/keyspaces.json';
import notFound from './fixtures/planetscale/error-not-found.json';
import metricSeries from './fixtures/planetscale/metric-series.json';
import { mountCard } from './support/mount-card.js';

/** The simulated cluster, answering `not-found` for chosen metrics as a source without them does. */
class PartialProvider implements DataProvider {
  constructor(readonly missing: Set<MetricId>, readonly inner = new SimulatedProvider({ scenario: 'read-only-regions' })) {}
  getTopology(ref: BranchRef, opts: RequestOptions): Promise<Topology> {
    return this.inner.getTopology(ref, opts);
  }
  async getMetrics(query: MetricQuery, opts: RequestOptions): Promise<MetricFrame> {
    if (this.missing.has(query.metric)) throw new DataError('not-found', `This source has no ${query.metric} for ${query.target.kind}.`);
    return this.inner.getMetrics(query, opts);
  }
}

const simulated = new SimulatedProvider({ scenario: 'read-only-regions' });
const topology = await simulated.getTopology({ database: 'shop', branch: 'main' }, { signal: new AbortController().signal });
const replica = topology.shards[0].tablets.find((t) => t.role === 'replica' && !t.readOnlyRegion)!;
const replicaRef: ElementRef = { kind: 'tablet', database: 'shop', branch: 'main', keyspace: 'shop', shard: topology.shards[0].name, tabletId: replica.id };

const mount = mountCard;

const sections = (card: PsMetricCard) => [...card.shadowRoot!.querySelectorAll<HTMLElement>('section.chart')].map((s) => s.dataset.metric);
const line = (card: PsMetricCard) => card.shadowRoot!.querySelector('.unavailable')?.textContent?.trim();

describe('ps-metric-card: charts the source does not have', () => {
  it('leave, and one line names them, expanded and collapsed; accessible in both themes', async () => {
    const provider = new PartialProvider(new Set<MetricId>(['iops', 'replication_lag']));
    for (const theme of ['light', 'dark'] as const) {
      const card = await mount({ provider, target: replicaRef, expanded: true, theme });
      expect(sections(card)).to.deep.equal(['reads_writes', 'queries', 'cpu', 'memory', 'storage']);
      expect(line(card)).to.equal('Not available from this source: IOPS, Replication lag');
      expect(card.shadowRoot!.querySelector('.chart-error')).to.equal(null);
      const result = await axe.run(card, { resultTypes: ['violations'] });
      expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`), theme).to.deep.equal([]);
      card.expanded = false;
      await card.settled();
      expect(card.shadowRoot!.querySelectorAll('.summary-item').length).to.equal(5);
      expect(line(card)).to.equal('Not available from this source: IOPS, Replication lag');
    }
  });

  it('when every chart is not-found the target is likely unknown: each chart keeps its message, no line', async () => {
    const provider = new PartialProvider(new Set<MetricId>(['reads_writes', 'queries', 'iops', 'cpu', 'memory', 'storage', 'replication_lag']));
    const card = await mount({ provider, target: replicaRef, expanded: true });
    expect(sections(card)).to.deep.equal(['reads_writes', 'queries', 'iops', 'cpu', 'memory', 'storage', 'replication_lag']);
    expect(card.shadowRoot!.querySelectorAll('.chart-error').length).to.equal(7);
    expect(line(card)).to.equal(undefined);
  });

  it('PlanetScale without the infrastructure route: a replica keeps its shard’s storage, the rest is named as not available', async () => {
    const BRANCH = '/organizations/acme/databases/main/branches/main';
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    const fetch = async (url: string) => {
      const { pathname } = new URL(url, location.href);
      const route = pathname.slice(`/ps${BRANCH}`.length);
      if (route === '') return json(branch);
      if (route === '/keyspaces') return json(keyspaces);
      if (route === '/metrics/tablets') {
        // The transcribed MetricSeries, once per storage series the provider asked for.
        const names = new URL(url, location.href).searchParams.getAll('metrics[]');
        return json({ ...metricSeries, series: names.map((metric) => ({ ...metricSeries.series[0], metric })) });
      }
      return json(notFound, 404);
    };
    const provider = new PlanetScaleProvider({ url: '/ps', organization: 'acme', fetch });
    const target: ElementRef = { kind: 'tablet', database: 'main', branch: 'main', keyspace: 'source-keyspace', shard: '-', tabletId: 'source-keyspace/-/replica-1' };
    const card = await mount({ provider, target, expanded: true });
    expect(sections(card)).to.deep.equal(['storage']);
    expect(line(card)).to.equal('Not available from this source: Reads and writes, Queries served, IOPS, CPU, Memory, Replication lag');
  });
});
