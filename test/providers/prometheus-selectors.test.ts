import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/model/errors.js';
import type { ElementRef, MetricFrame } from '../../src/model/types.js';
import { PrometheusProvider } from '../../src/providers/prometheus/index.js';
import { PRESETS } from '../../src/providers/prometheus/presets/index.js';
import { padAlias, presetSelectors, renderSelector, safeShardName, shardFromSafeName } from '../../src/providers/prometheus/selectors.js';

const tablet = (scrape?: Extract<ElementRef, { kind: 'tablet' }>['scrape']): ElementRef => ({
  kind: 'tablet', database: 'commerce', branch: 'main', keyspace: 'commerce', shard: '-80', tabletId: 'zone1-101', ...(scrape ? { scrape } : {}),
});

describe('preset selectors', () => {
  it('pads aliases as Vitess prints them and round-trips safe shard names', () => {
    // vitessio/vitess go/vt/topo/topoproto/tablet.go: TabletAliasString is "%v-%010d".
    expect(padAlias('zone1', 101)).toBe('zone1-0000000101');
    expect(['-80', '80-', '40-80', '-', '0'].map(safeShardName)).toEqual(['x-80', '80-x', '40-80', 'x-x', '0']);
    expect(['x-80', '80-x', '40-80', 'x-x', '0', '-80'].map(shardFromSafeName)).toEqual(['-80', '80-', '40-80', '-', '0', '-80']);
  });

  it('fills variables, escapes values, and regex-escapes inside a regex matcher', () => {
    const vars = { instance: 'db"1:15000', cell: 'zone.1', uid: '101', 'jobs.vttablet': 'vitess-vttablet' };
    expect(renderSelector({ job: '{jobs.vttablet}', instance: '{instance}', tablet_alias: { re: '{cell}-0*{uid}' } }, vars)).toEqual({
      matchers: 'job="vitess-vttablet",instance="db\\"1:15000",tablet_alias=~"zone\\\\.1-0*101"',
      missing: [],
    });
    expect(renderSelector({ instance: '{instance}', pod: '{pod}' }, vars).missing).toEqual(['pod']);
  });

  it("adds a tablet's scrape.labels to tablet selectors only", () => {
    const context = { jobs: { ...PRESETS.mixin.jobs }, labels: {}, vars: { mountpoint: '/mnt' } };
    const { values, missing } = presetSelectors(PRESETS.mixin, tablet({ host: '10.0.0.12', port: 15000, labels: { namespace: 'prod' } }), context);
    expect(missing.size).toBe(0);
    expect(values.tablet).toBe('job="vitess-vttablet",instance="10.0.0.12:15000",namespace="prod"');
    expect(values.volume).toBe('job="node-exporter-vitess-vttablet",instance="10.0.0.12:15000",mountpoint="/mnt",namespace="prod"');
    expect(values.vtgate).toBe('job="vitess-vtgate"');
  });
});

describe('PrometheusProvider preset option', () => {
  const range = { from: 1_767_225_600_000 - 3_600_000, to: 1_767_225_600_000 };
  const asked: string[] = [];
  const fetch = async (url: string | URL) => {
    asked.push(new URL(String(url)).searchParams.get('query') ?? '');
    return new Response(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [] } }), { headers: { 'content-type': 'application/json' } });
  };

  it("selects a tablet's series by its scrape target", async () => {
    asked.length = 0;
    const provider = new PrometheusProvider({ url: 'http://prometheus.test', preset: 'mixin', fetch });
    const frame: MetricFrame = await provider.getMetrics({ target: tablet({ host: '10.0.0.12', port: 15000 }), metric: 'queries', range }, { signal: new AbortController().signal });
    expect(frame.series).toHaveLength(1);
    // An hour at a 2 s step: the rate window is 4 scrape intervals of the default 15 s.
    expect(asked).toEqual(['sum(rate(vttablet_query_counts{job="vitess-vttablet",instance="10.0.0.12:15000"}[1m]))']);
  });

  it('rejects, naming what is missing and the README section, when a tablet has no scrape target', async () => {
    const provider = new PrometheusProvider({ url: 'http://prometheus.test', preset: 'mixin', fetch });
    const error = await provider.getMetrics({ target: tablet(), metric: 'queries', range }, { signal: new AbortController().signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).message).toMatch(/host and vttablet HTTP port/);
    expect((error as DataError).message).toContain(PRESETS.mixin.readme);
  });

  it('rejects an unknown preset id, listing the known ones', () => {
    expect(() => new PrometheusProvider({ url: 'http://prometheus.test', preset: 'nope' })).toThrow(/no preset "nope" \(presets: mixin/);
  });
});
