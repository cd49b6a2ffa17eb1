// combineProviders: each method goes to the provider that owns it, with its arguments and signal, and errors stay DataErrors.
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/model/errors.js';
import type { MetricFrame, ResizeStatus, Topology } from '../../src/model/types.js';
import { combineProviders } from '../../src/providers/combine.js';
import type { DataProvider } from '../../src/providers/provider.js';
import { PrometheusProvider } from '../../src/providers/prometheus/index.js';
import { VTAdminProvider } from '../../src/providers/vtadmin/index.js';
import { fixtureFetch, fixtureJson } from '../support/fixture-fetch.js';

const ref = { database: 'commerce', branch: 'main', keyspace: 'commerce' };
const range = { from: 1_767_224_400_000, to: 1_767_225_600_000 };

/** A provider that answers with `name` and records each call. */
function recording(name: string, methods: (keyof DataProvider)[]) {
  const calls: { provider: string; method: string; args: unknown[] }[] = [];
  const provider: Partial<DataProvider> = {};
  for (const method of methods) {
    (provider as Record<string, unknown>)[method] = (...args: unknown[]) => {
      calls.push({ provider: name, method, args });
      return method === 'watch' ? undefined : Promise.resolve(name);
    };
  }
  return { provider: provider as DataProvider, calls };
}

describe('combineProviders', () => {
  it('sends topology, metrics, resize status, events and watch to their providers, with their arguments', async () => {
    const topology = recording('vtadmin', ['getTopology', 'getMetrics', 'getResizeStatus', 'watch']);
    const metrics = recording('prometheus', ['getTopology', 'getMetrics']);
    const resize = recording('planetscale', ['getResizeStatus']);
    const events = recording('history', ['getEvents']);
    const combined = combineProviders({ topology: topology.provider, metrics: metrics.provider, resize: resize.provider, events: events.provider });
    const opts = { signal: new AbortController().signal };
    const query = { target: { kind: 'vtgates' as const, ...ref }, metric: 'latency' as const, range };
    expect(await combined.getTopology(ref, opts)).toBe('vtadmin');
    expect(await combined.getMetrics(query, opts)).toBe('prometheus');
    expect(await combined.getResizeStatus!(ref, opts)).toBe('planetscale');
    expect(await combined.getEvents!(ref, range, opts)).toBe('history');
    const onChange = () => {};
    combined.watch!(ref, onChange, opts);
    expect(topology.calls).toEqual([
      { provider: 'vtadmin', method: 'getTopology', args: [ref, opts] },
      { provider: 'vtadmin', method: 'watch', args: [ref, onChange, opts] },
    ]);
    expect(metrics.calls).toEqual([{ provider: 'prometheus', method: 'getMetrics', args: [query, opts] }]);
    expect(resize.calls[0].args).toEqual([ref, opts]);
    expect(events.calls[0].args).toEqual([ref, range, opts]);
  });

  it('resize status defaults to the topology provider; methods nobody has stay absent', async () => {
    const topology = recording('vtadmin', ['getTopology', 'getResizeStatus']);
    const metrics = recording('prometheus', ['getMetrics']);
    const combined = combineProviders({ topology: topology.provider, metrics: metrics.provider });
    expect(await combined.getResizeStatus!(ref, { signal: new AbortController().signal })).toBe('vtadmin');
    expect(combined.getEvents).toBeUndefined();
    expect(combined.watch).toBeUndefined();
    const bare = combineProviders({ topology: recording('t', ['getTopology']).provider, metrics: metrics.provider });
    expect(bare.getResizeStatus).toBeUndefined();
  });

  it('turns a delegate’s foreign or synchronous failure into a DataError; requires topology and metrics', async () => {
    const throwing: DataProvider = {
      getTopology: () => {
        throw new TypeError('fetch failed');
      },
      getMetrics: () => Promise.reject(new Error('boom')),
    };
    const combined = combineProviders({ topology: throwing, metrics: throwing });
    const signal = new AbortController().signal;
    const topologyError = await combined.getTopology(ref, { signal }).catch((e) => e);
    expect(topologyError).toBeInstanceOf(DataError);
    expect(topologyError.kind).toBe('network');
    const metricsError = await combined.getMetrics({ target: { kind: 'vtgates', ...ref }, metric: 'cpu', range }, { signal }).catch((e) => e);
    expect(metricsError).toBeInstanceOf(DataError);
    expect(metricsError.message).toBe('boom');
    expect(() => combineProviders({ topology: undefined as unknown as DataProvider, metrics: throwing })).toThrow(/topology/);
    expect(() => combineProviders({ topology: throwing, metrics: {} as DataProvider })).toThrow(/metrics/);
  });

  it('VTAdmin topology + Prometheus metrics, each from its own recorded server', async () => {
    const vtadmin = new VTAdminProvider({
      url: '/vtadmin',
      fetch: fixtureFetch({
        '/api/keyspaces': { body: fixtureJson('vtadmin/keyspaces.json') },
        '/api/tablets': { body: fixtureJson('vtadmin/tablets.json') },
        '/api/gates': { body: fixtureJson('vtadmin/gates.json') },
        '/api/shard_replication_positions': { body: fixtureJson('vtadmin/replication-positions.json') },
        '/api/workflows': { body: fixtureJson('vtadmin/reshard/workflows-running.json') },
      }),
    });
    const prometheus = new PrometheusProvider({ url: '/prometheus', fetch: fixtureFetch({ '/api/v1/query_range': { body: fixtureJson('prometheus/range-with-warnings.json') } }) });
    const combined = combineProviders({ topology: vtadmin, metrics: prometheus });
    const signal = new AbortController().signal;
    const topology: Topology = await combined.getTopology(ref, { signal });
    expect(topology.shards[0].tablets[0].id).toBe('zone1-100');
    const tablet = topology.shards[0].tablets[1];
    const frame: MetricFrame = await combined.getMetrics(
      { target: { kind: 'tablet', ...ref, shard: topology.shards[0].name, tabletId: tablet.id }, metric: 'replication_lag', range, stepSeconds: 600 },
      { signal },
    );
    expect(frame.series[0].values[0]).toBe(1.5);
    const resize: ResizeStatus | null = await combined.getResizeStatus!({ ...ref, keyspace: 'customer' }, { signal });
    expect([resize?.to.size, resize?.phase]).toEqual(['2 shards', 'replicating']);
  });
});
