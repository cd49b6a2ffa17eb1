// PrometheusProvider on real engines scraping Vitess' exposition: for each preset, the README's scrape config
// (examples/prometheus/<preset>/prometheus.yml) run by Debian's Prometheus and by Debian's VictoriaMetrics against local
// /metrics endpoints that write what vtgate, vttablet and the exporters write (test/support/exposition, each family
// naming its upstream source). A query for a name or label Vitess does not produce finds nothing, and the test fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../src/model/errors.js';
import type { ElementRef, MetricFrame, MetricId, Topology } from '../../src/model/types.js';
import { combineProviders } from '../../src/providers/combine.js';
import type { DataProvider } from '../../src/providers/provider.js';
import { PrometheusProvider, type PrometheusProviderOptions } from '../../src/providers/prometheus/index.js';
import { READ_PLANS, WRITE_PLANS } from '../../src/providers/prometheus/presets/vitess-queries.js';
import { GATES, TABLETS, TRAFFIC, aliasOf, bucketQuantile, readsWrites, tabletByAlias, type FxTablet } from '../support/exposition/cluster.js';
import { PLANETSCALE_CREDENTIALS, PLANETSCALE_ORG, examplesConfig, mixinConfig, operatorConfig, planetscaleConfig, relabelledConfig } from '../support/exposition/configs.js';
import { podOf as planetscalePodOf } from '../support/exposition/planetscale.js';
import { operatorPodOf, serveCluster, serveKubernetesApi, servePlanetScaleDiscovery, type ClusterTargets } from '../support/exposition/targets.js';
import { startScraping, waitForQuery, type Engine, type RunningEngine } from '../support/prometheus.js';

const ENGINES: Engine[] = ['prometheus', 'victoria-metrics'];
const PRESETS = ['mixin', 'examples', 'relabelled', 'operator', 'planetscale'] as const;
type Preset = (typeof PRESETS)[number];

const signal = () => new AbortController().signal;
const GiB = 2 ** 30;
const MiB = 2 ** 20;

/**
 * The median of the numbers among a series' last 6 points (the newest seconds; the last point may not be scraped yet),
 * or NaN when they are all gaps.
 */
function tail(frame: MetricFrame, label: string): number {
  const series = frame.series.find((s) => s.label === label);
  if (!series) throw new Error(`no series "${label}" in ${frame.series.map((s) => s.label).join(', ')}`);
  const values = Array.from(series.values.slice(-6)).filter(Number.isFinite).sort((a, b) => a - b);
  return values.length ? values[Math.floor(values.length / 2)] : NaN;
}

function expectClose(actual: number, expected: number, relative = 0.04): void {
  expect(actual, `expected ≈ ${expected}`).toBeGreaterThanOrEqual(expected - Math.abs(expected) * relative - 1e-9);
  expect(actual, `expected ≈ ${expected}`).toBeLessThanOrEqual(expected + Math.abs(expected) * relative + 1e-9);
}

/**
 * The configs scrape every second, but the providers are told 3 s, so their rate() windows span 12 s (4 intervals):
 * a scrape that a loaded machine delays by a few hundred ms then moves a rate by a few percent, where over 4 s windows
 * it moved one by 7 % (seen at load average 20 on 2 cores).
 */
const RATE_SCRAPE_SECONDS = 3;

/** The last minute at 1 s steps. */
const lastMinute = () => ({ from: Date.now() - 60_000, to: Date.now() });

const vtgates = (keyspace: string, database = 'commerce'): ElementRef => ({ kind: 'vtgates', database, branch: 'main', keyspace });
function tabletRef(tablet: FxTablet, scrape?: Extract<ElementRef, { kind: 'tablet' }>['scrape'], id = aliasOf(tablet)): ElementRef {
  return { kind: 'tablet', database: 'commerce', branch: 'main', keyspace: tablet.keyspace, shard: tablet.shard, tabletId: id, ...(scrape ? { scrape } : {}) };
}

for (const engine of ENGINES) {
  describe(`${engine} scraping Vitess with each preset's README config`, () => {
    let cluster: ClusterTargets;
    const closers: (() => Promise<void>)[] = [];
    const engines = new Map<Preset, RunningEngine>();
    /** When the exposition began: no series has a sample before it. */
    let started = 0;

    beforeAll(async () => {
      started = Date.now();
      cluster = await serveCluster();
      closers.push(() => cluster.close());
      const k8s = await serveKubernetesApi(cluster);
      closers.push(() => k8s.close());
      const sd = await servePlanetScaleDiscovery(cluster, PLANETSCALE_ORG, PLANETSCALE_CREDENTIALS);
      closers.push(() => sd.close());
      const configs: Record<Preset, string> = {
        mixin: mixinConfig(cluster),
        examples: examplesConfig(cluster),
        // zone1-201 was reparented: its static tablet_type label still says replica.
        relabelled: relabelledConfig(cluster, { 'zone1-0000000201': 'replica' }),
        operator: operatorConfig(cluster, k8s.address),
        planetscale: planetscaleConfig(sd.address),
      };
      for (const preset of PRESETS) {
        // Debian's Prometheus has no Kubernetes discovery: vmagent scrapes the operator's config and writes to it.
        const running = await startScraping(engine, configs[preset], preset === 'operator' ? { scraper: 'vmagent' } : {});
        engines.set(preset, running);
        closers.push(() => running.stop());
      }
      const expectedTargets: Record<Preset, number> = {
        mixin: GATES.length + 3 * TABLETS.length,
        examples: GATES.length + TABLETS.length,
        relabelled: GATES.length + 3 * TABLETS.length,
        operator: GATES.length + 2 * TABLETS.length + 1,
        planetscale: 1,
      };
      // Every target up and scraped at least 20 times, enough for the 12 s rate windows below over the last 6 points
      // (bounded: waitForQuery gives up after 90 s).
      await Promise.all(
        PRESETS.map((preset) =>
          waitForQuery(engines.get(preset)!.url, 'count_over_time(up[1m]) >= 20', (result) => result.length === expectedTargets[preset] && result.every((r) => Number(r.value[1]) >= 20), 90_000),
        ),
      );
    }, 180_000);

    afterAll(async () => {
      for (const close of closers.reverse()) await close().catch(() => undefined);
    }, 60_000);

    const provider = (preset: Preset, options: Partial<PrometheusProviderOptions> = {}) =>
      new PrometheusProvider({ url: engines.get(preset)!.url, preset, scrapeIntervalSeconds: RATE_SCRAPE_SECONDS, topology: true, ...options });
    const metric = (p: DataProvider, target: ElementRef, id: MetricId) => p.getMetrics({ target, metric: id, range: lastMinute(), stepSeconds: 1 }, { signal: signal() });
    /** A tablet as VTAdmin knows it: host and vt port of its vttablet target. */
    const scraped = (tablet: FxTablet) => {
      const address = cluster.tablets.find((t) => t.tablet === tablet)!.vttablet;
      return { host: address.slice(0, address.lastIndexOf(':')), port: Number(address.slice(address.lastIndexOf(':') + 1)) };
    };
    const commerceTraffic = TRAFFIC.find((t) => t.keyspace === 'commerce')!;
    const primary = tabletByAlias('zone1-101');

    describe('mixin (the default): static jobs, a tablet by its instance', () => {
      it('is the default preset', async () => {
        const unnamed = new PrometheusProvider({ url: engines.get('mixin')!.url, scrapeIntervalSeconds: RATE_SCRAPE_SECONDS });
        expectClose(tail(await metric(unnamed, vtgates('commerce'), 'connections'), 'connections'), 20);
      });

      it('VTGates: connections, queries and p50/p95/p99 of the keyspace from vtgate_api buckets, CPU and memory of the vtgates', async () => {
        const p = provider('mixin');
        expectClose(tail(await metric(p, vtgates('commerce'), 'connections'), 'connections'), GATES.reduce((n, g) => n + g.connections, 0));
        expectClose(tail(await metric(p, vtgates('commerce'), 'queries'), 'queries'), GATES.length * 100);
        expectClose(tail(await metric(p, vtgates('customers'), 'queries'), 'queries'), GATES.length * 40);
        const latency = await metric(p, vtgates('commerce'), 'latency');
        for (const [label, q] of [['p50', 0.5], ['p95', 0.95], ['p99', 0.99]] as const) expectClose(tail(latency, label), bucketQuantile(q, commerceTraffic.buckets), 0.06);
        expectClose(tail(await metric(p, vtgates('commerce'), 'cpu'), 'cpu'), GATES.reduce((n, g) => n + g.cpuCores, 0));
        expectClose(tail(await metric(p, vtgates('commerce'), 'memory'), 'memory'), 300 * MiB);
      });

      it('a tablet: queries, reads/writes by plan name, and its host (CPU, memory) and data volume only (storage, IOPS)', async () => {
        const p = provider('mixin');
        const target = tabletRef(primary, scraped(primary));
        const { reads, writes, total } = readsWrites(primary, READ_PLANS, WRITE_PLANS);
        expect([reads, writes]).toEqual([33.5, 9.5]);
        expectClose(tail(await metric(p, target, 'queries'), 'queries'), total);
        const rw = await metric(p, target, 'reads_writes');
        expectClose(tail(rw, 'reads'), reads);
        expectClose(tail(rw, 'writes'), writes);
        expectClose(tail(await metric(p, target, 'cpu'), 'cpu'), 100 * primary.host.busy);
        expectClose(tail(await metric(p, target, 'memory'), 'memory'), 62.5);
        const storage = await metric(p, target, 'storage');
        expect(tail(storage, 'used')).toBe(40 * GiB);
        expect(tail(storage, 'capacity')).toBe(100 * GiB);
        const iops = await metric(p, target, 'iops');
        expectClose(tail(iops, 'read'), primary.host.reads);
        expectClose(tail(iops, 'write'), primary.host.writes);
      });

      it('lag from the poller or the heartbeat; unknown (not the last value) while replication is stopped', async () => {
        const p = provider('mixin');
        const lag = async (alias: string) => tail(await metric(p, tabletRef(tabletByAlias(alias), scraped(tabletByAlias(alias))), 'replication_lag'), 'lag');
        expect(await lag('zone1-102')).toBe(2);
        expect(await lag('zone2-202')).toBe(1.5);
        expect(await lag('zone1-101')).toBe(0);
        // vttablet_replication_lag_sec still says 7; mysqld_exporter says the IO thread is stopped.
        expect(await lag('zone2-103')).toBeNaN();
      });

      it('a tablet named by id alone: rejected with what is missing and the README section; combined with a topology provider, found', async () => {
        const p = provider('mixin');
        const error = await metric(p, tabletRef(primary), 'queries').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DataError);
        expect((error as DataError).message).toMatch(/host and vttablet HTTP port.*#vitess-mixin-static-scrape-jobs/s);
        const topology: Topology = {
          database: 'commerce', branch: 'main', branchKind: 'production', keyspace: 'commerce', keyspaces: ['commerce'],
          primaryRegion: { slug: 'us-east-2' }, readOnlyRegions: [], vtgates: { count: 2, zones: ['zone1'], region: 'us-east-2' },
          shards: [{ name: '-', keyRange: { start: '', end: '' }, tablets: [{ id: 'zone1-101', role: 'primary', region: 'us-east-2', readOnlyRegion: false, serving: true, scrape: scraped(primary) }] }],
        };
        let loads = 0;
        const vtadminLike: DataProvider = { getTopology: async () => (loads++, topology), getMetrics: () => Promise.reject(new Error('unused')) };
        const combined = combineProviders({ topology: vtadminLike, metrics: p });
        const [queries, reads] = await Promise.all([metric(combined, tabletRef(primary), 'queries'), metric(combined, tabletRef(primary), 'reads_writes')]);
        expectClose(tail(queries, 'queries'), readsWrites(primary, READ_PLANS, WRITE_PLANS).total);
        expectClose(tail(reads, 'reads'), 33.5);
        expect(loads).toBe(1);
      });

      it('topology: a DataError saying vttablet series carry no keyspace/shard labels and which README section fixes it', async () => {
        const error = await provider('mixin').getTopology({ database: 'commerce', branch: 'main' }, { signal: signal() }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DataError);
        expect((error as DataError).kind).toBe('not-found');
        expect((error as DataError).message).toMatch(/keyspace, shard.*#relabelled-tablet-labels/s);
        // What the stock vtgate series do say (HealthcheckConnections: serving tablets per shard and type).
        const customers = await provider('mixin').getTopology({ database: 'commerce', branch: 'main', keyspace: 'customers' }, { signal: signal() }).catch((e: unknown) => e);
        expect((customers as DataError).message).toContain('shards -80 (1 primary, 1 replica), 80- (1 primary, 1 rdonly)');
        const commerce = await provider('mixin').getTopology({ database: 'commerce', branch: 'main' }, { signal: signal() }).catch((e: unknown) => e);
        // zone2-103 is not serving: the vtgates count only serving tablets.
        expect((commerce as DataError).message).toContain('shards - (1 primary, 1 replica)');
      });
    });

    describe("examples: one job 'vitess'", () => {
      it('VTGates CPU and memory count the vtgates only; tablets by instance; no host metrics without node_exporter', async () => {
        const p = provider('examples');
        expectClose(tail(await metric(p, vtgates('commerce'), 'cpu'), 'cpu'), GATES.reduce((n, g) => n + g.cpuCores, 0));
        expectClose(tail(await metric(p, vtgates('commerce'), 'memory'), 'memory'), 300 * MiB);
        expectClose(tail(await metric(p, vtgates('commerce'), 'queries'), 'queries'), GATES.length * 100);
        const replica = tabletByAlias('zone1-102');
        expectClose(tail(await metric(p, tabletRef(replica, scraped(replica)), 'queries'), 'queries'), 13);
        expect(tail(await metric(p, tabletRef(replica, scraped(replica)), 'replication_lag'), 'lag')).toBe(2);
        const error = await metric(p, tabletRef(replica, scraped(replica)), 'cpu').catch((e: unknown) => e);
        expect((error as DataError).message).toContain('tablet.cpu');
      });
    });

    describe('relabelled: tablet labels added in the scrape config', () => {
      it('topology: shards, the primary told by mysqld read_only (not a stale label), NOT_SERVING, lag unknown while stopped, vtgates by cell', async () => {
        const topology = await provider('relabelled', { topology: { cells: { zone1: { region: 'us-east-2', zone: 'us-east-2a' }, zone2: { region: 'us-east-2', zone: 'us-east-2b' } } } })
          .getTopology({ database: 'commerce', branch: 'main', keyspace: 'customers' }, { signal: signal() });
        expect(topology.keyspaces).toEqual(['commerce', 'customers']);
        expect(topology.vtgates).toEqual({ count: 2, zones: ['us-east-2a', 'us-east-2b'], region: 'us-east-2' });
        expect(topology.shards.map((s) => [s.name, s.tablets.map((t) => [t.id, t.role, t.serving, t.lagSeconds])])).toEqual([
          ['-80', [['zone1-201', 'primary', true, undefined], ['zone2-202', 'replica', true, 1.5]]],
          ['80-', [['zone1-301', 'primary', true, undefined], ['zone2-302', 'rdonly', true, 0.5]]],
        ]);
        const commerce = await provider('relabelled').getTopology({ database: 'commerce', branch: 'main' }, { signal: signal() });
        expect(commerce.shards[0].tablets.map((t) => [t.id, t.role, t.serving, t.lagSeconds ?? 'none'])).toEqual([
          ['zone1-101', 'primary', true, 'none'],
          ['zone1-102', 'replica', true, 2],
          ['zone2-103', 'replica', false, 'none'],
        ]);
        expect(commerce.shards[0].tablets[2].lagSeconds).toBeNull();
        expect(commerce.shards[0].tablets[0].scrape).toEqual(scraped(primary));
      });

      it('metrics of a tablet by its (zero-padded) alias label, from a ref without scrape', async () => {
        const p = provider('relabelled');
        expectClose(tail(await metric(p, tabletRef(primary), 'queries'), 'queries'), readsWrites(primary, READ_PLANS, WRITE_PLANS).total);
        expectClose(tail(await metric(p, tabletRef(primary), 'iops'), 'read'), primary.host.reads);
        expect(tail(await metric(p, tabletRef(tabletByAlias('zone2-103')), 'replication_lag'), 'lag')).toBeNaN();
      });

      it('label names from the `labels` option: names the series lack give the DataError naming them', async () => {
        const error = await provider('relabelled', { labels: { tablet: 'alias', keyspace: 'ks' } })
          .getTopology({ database: 'commerce', branch: 'main' }, { signal: signal() })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DataError);
        expect((error as DataError).message).toMatch(/"ks", "alias" labels.*#relabelled-tablet-labels/s);
      });
    });

    describe('operator: vitess-operator pods through Kubernetes discovery', () => {
      it('topology: safe shard names decoded, primary from the mysqld-exporter sidecar, pool types, pods', async () => {
        const topology = await provider('operator').getTopology({ database: 'commerce', branch: 'main', keyspace: 'customers' }, { signal: signal() });
        expect(topology.shards.map((s) => [s.name, s.tablets.map((t) => [t.id, t.role, t.zone])])).toEqual([
          ['-80', [['zone1-201', 'primary', 'zone1'], ['zone2-202', 'replica', 'zone2']]],
          ['80-', [['zone1-301', 'primary', 'zone1'], ['zone2-302', 'rdonly', 'zone2']]],
        ]);
        expect(topology.shards[0].tablets[0].scrape?.pod).toBe(operatorPodOf(tabletByAlias('zone1-201')));
        const commerce = await provider('operator').getTopology({ database: 'commerce', branch: 'main' }, { signal: signal() });
        expect(commerce.shards.map((s) => s.name)).toEqual(['-']);
        expect(commerce.shards[0].tablets.map((t) => [t.id, t.serving, t.lagSeconds ?? 'none'])).toEqual([['zone1-101', true, 'none'], ['zone1-102', true, 2], ['zone2-103', false, 'none']]);
      });

      it('tablet metrics: vttablet series by cell and uid, the mysqld container from cAdvisor, the PVC from kubelet volume stats', async () => {
        const p = provider('operator');
        for (const ref of [tabletRef(primary), tabletRef(primary, { pod: operatorPodOf(primary) })]) {
          expectClose(tail(await metric(p, ref, 'queries'), 'queries'), readsWrites(primary, READ_PLANS, WRITE_PLANS).total);
          expectClose(tail(await metric(p, ref, 'cpu'), 'cpu'), primary.host.busy * primary.host.cpus);
          expect(tail(await metric(p, ref, 'memory'), 'memory')).toBe(primary.host.memTotal - primary.host.memAvailable);
          expect(tail(await metric(p, ref, 'storage'), 'used')).toBe(40 * GiB);
          expectClose(tail(await metric(p, ref, 'iops'), 'write'), primary.host.writes);
        }
        expect(tail(await metric(p, tabletRef(tabletByAlias('zone2-103')), 'replication_lag'), 'lag')).toBeNaN();
      });
    });

    describe("planetscale: PlanetScale's endpoint found by HTTP SD", () => {
      it('topology: tablets are pods, types and serving from planetscale_* series', async () => {
        const topology = await provider('planetscale').getTopology({ database: 'commerce', branch: 'main', keyspace: 'customers' }, { signal: signal() });
        expect(topology.shards.map((s) => [s.name, s.tablets.map((t) => [t.id, t.role, t.zone])])).toEqual([
          ['-80', [[planetscalePodOf(tabletByAlias('zone1-201')), 'primary', 'zone1'], [planetscalePodOf(tabletByAlias('zone2-202')), 'replica', 'zone2']]],
          ['80-', [[planetscalePodOf(tabletByAlias('zone1-301')), 'primary', 'zone1'], [planetscalePodOf(tabletByAlias('zone2-302')), 'rdonly', 'zone2']]],
        ]);
        expect(topology.vtgates.count).toBe(2);
        const other = await provider('planetscale').getTopology({ database: 'other', branch: 'main', keyspace: 'customers' }, { signal: signal() }).catch((e: unknown) => e);
        expect((other as DataError).message).toMatch(/no tablet series/);
      });

      it('metrics of a pod and of the branch', async () => {
        const p = provider('planetscale');
        const pod = tabletRef(primary, { pod: planetscalePodOf(primary) }, planetscalePodOf(primary));
        expectClose(tail(await metric(p, pod, 'queries'), 'queries'), readsWrites(primary, READ_PLANS, WRITE_PLANS).total);
        expect(tail(await metric(p, pod, 'cpu'), 'cpu')).toBe(40);
        expectClose(tail(await metric(p, pod, 'iops'), 'iops'), primary.host.reads + primary.host.writes);
        const replica = tabletByAlias('zone1-102');
        expect(tail(await metric(p, tabletRef(replica, undefined, planetscalePodOf(replica)), 'replication_lag'), 'lag')).toBe(2);
        expectClose(tail(await metric(p, vtgates('commerce'), 'connections'), 'connections'), 20);
        expectClose(tail(await metric(p, vtgates('commerce'), 'latency'), 'p50'), bucketQuantile(0.5, commerceTraffic.buckets), 0.06);
      });
    });

    describe('the provider against the real server', () => {
      it('a query matching nothing gives one all-gap series; a week at a 10 s step is coarsened below 11 000 points and accepted', async () => {
        const p = provider('mixin');
        const nobody = await metric(p, tabletRef(primary, { host: '127.0.0.1', port: 1 }), 'replication_lag');
        expect(nobody.series.map((s) => s.label)).toEqual(['lag']);
        expect(Array.from(nobody.series[0].values).every(Number.isNaN)).toBe(true);
        const week = await p.getMetrics({ target: vtgates('commerce'), metric: 'connections', range: { from: Date.now() - 7 * 86_400_000, to: Date.now() }, stepSeconds: 10 }, { signal: signal() });
        expect(week.timestamps.length).toBeLessThanOrEqual(11_000);
        expect(week.timestamps.length).toBeGreaterThan(10_000);
        // Before the targets started there are no samples: gaps, not zeros.
        expect(Number.isNaN(week.series[0].values[0])).toBe(true);
      });

      it('the newest point is the range’s end, evaluated like the grid: current for a series younger than a step, never in the future', async () => {
        const p = provider('mixin');
        const connections = GATES.reduce((n, g) => n + g.connections, 0);
        // Daily steps over 3 days: the grid is midnights (UTC), before these targets' first scrape (unless one passed
        // minutes ago): no sample there, the lookback delta only looks back. The end still has today's value.
        const to = Date.now();
        const young = await p.getMetrics({ target: vtgates('commerce'), metric: 'connections', range: { from: to - 3 * 86_400_000, to }, stepSeconds: 86_400 }, { signal: signal() });
        const times = Array.from(young.timestamps);
        const values = Array.from(young.series[0].values);
        expect(times[times.length - 1]).toBe(to / 1000);
        expect(times.slice(0, -1).every((t) => t % 86_400 === 0)).toBe(true);
        times.slice(0, -1).forEach((t, i) => {
          if (t * 1000 < started) expect(values[i], `grid point ${t}`).toBeNaN();
        });
        expectClose(values[values.length - 1], connections);
        // A rate at the end uses the grid's rate window: the same as the grid's newest points say.
        const queries = await metric(p, vtgates('commerce'), 'queries');
        expectClose(queries.series[0].values[queries.series[0].values.length - 1], GATES.length * 100, 0.08);
        // An end in the future is cut at now (Prometheus would carry the newest sample there for its lookback delta).
        const before = Date.now();
        const ahead = await p.getMetrics({ target: vtgates('commerce'), metric: 'connections', range: { from: before - 60_000, to: before + 600_000 }, stepSeconds: 1 }, { signal: signal() });
        const after = Date.now();
        const last = ahead.timestamps[ahead.timestamps.length - 1] * 1000;
        expect(last).toBeGreaterThanOrEqual(before);
        expect(last).toBeLessThanOrEqual(after);
        expectClose(ahead.series[0].values[ahead.timestamps.length - 1], connections);
      });

      it('overrides: a query returning several series labels each by its labels; a bad one → http DataError with the server’s message', async () => {
        const p = provider('mixin', { queries: { 'vtgates.connections': 'sum by (instance) (vtgate_mysql_server_conn_count{$vtgate})' } });
        const frame = await metric(p, vtgates('commerce'), 'connections');
        expect(frame.series.map((s) => s.label).sort()).toEqual(cluster.gates.map((g) => `connections {instance="${g}"}`).sort());
        const broken = provider('mixin', { queries: { 'vtgates.connections': 'sum(vtgate_mysql_server_conn_count' } });
        const error = await metric(broken, vtgates('commerce'), 'connections').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DataError);
        expect((error as DataError).kind).toBe('http');
        expect((error as DataError).message).toContain('sum(vtgate_mysql_server_conn_count');
      });

      it('an already aborted signal and an abort in flight → aborted DataError', async () => {
        const p = provider('mixin');
        const before = new AbortController();
        before.abort();
        const first = await p.getMetrics({ target: vtgates('commerce'), metric: 'latency', range: lastMinute() }, { signal: before.signal }).catch((e: unknown) => e);
        expect((first as DataError).kind).toBe('aborted');
        const during = new AbortController();
        const pending = p.getMetrics({ target: vtgates('commerce'), metric: 'latency', range: lastMinute() }, { signal: during.signal });
        during.abort();
        expect(((await pending.catch((e: unknown) => e)) as DataError).kind).toBe('aborted');
      });
    });
  });
}
