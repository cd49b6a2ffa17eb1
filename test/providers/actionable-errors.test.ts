// Errors a person can act on, each with its own message: refused by a proxy (401/403, every provider through the
// shared http layer), a cross-origin server that does not allow this page, an unknown VTAdmin cluster id, a keyspace
// without shards. (On screen: test/errors.browser.test.ts.)
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataError } from '../../src/model/errors.js';
import { PlanetScaleProvider } from '../../src/providers/planetscale/index.js';
import { PrometheusProvider } from '../../src/providers/prometheus/index.js';
import { VTAdminProvider } from '../../src/providers/vtadmin/index.js';
import { fixtureFetch, fixtureJson, type RecordedResponse } from '../support/fixture-fetch.js';

const signal = () => new AbortController().signal;
const customer = { database: 'commerce', branch: 'main', keyspace: 'customer' };
const range = { from: 1_700_000_000_000, to: 1_700_003_600_000 };

function vtadmin(routes: Record<string, RecordedResponse>, options: { cluster?: string; url?: string } = {}) {
  const fetch = fixtureFetch({
    '/api/keyspaces': { body: fixtureJson('vtadmin/reshard/keyspaces-copying.json') },
    '/api/tablets': { body: fixtureJson('vtadmin/reshard/tablets.json') },
    '/api/gates': { body: fixtureJson('vtadmin/empty-gates.json') },
    '/api/shard_replication_positions': { body: { result: {}, ok: true } },
    '/api/workflows': { body: { result: {}, ok: true } },
    ...routes,
  });
  return { fetch, provider: new VTAdminProvider({ url: options.url ?? '/vtadmin', fetch, cluster: options.cluster }) };
}

async function rejection(promise: Promise<unknown>): Promise<DataError> {
  const error = await promise.catch((e) => e);
  expect(error).toBeInstanceOf(DataError);
  return error as DataError;
}

describe('refused by the proxy in front of the server (401, 403): every provider says what to do', () => {
  // An authenticating proxy's own page, not the server's JSON: what oauth2-proxy or an ingress sends.
  const page = (status: number) => ({ status, body: `<html><body><h1>${status}</h1></body></html>` });

  it.each([401, 403])('VTAdmin, HTTP %i', async (status) => {
    const error = await rejection(vtadmin({ '/api/tablets': page(status) }).provider.getTopology(customer, { signal: signal() }));
    expect([error.kind, error.status]).toEqual(['http', status]);
    expect(error.message).toMatch(status === 401 ? /VTAdmin \/api\/tablets refused the request \(HTTP 401\): it wants credentials\. Sign in/ : /VTAdmin \/api\/tablets refused the request \(HTTP 403\): the credentials sent are not allowed/);
  });

  it('Prometheus gets the same words; PlanetScale says which token permission is missing', async () => {
    const prometheus = new PrometheusProvider({ url: '/prometheus', fetch: fixtureFetch({ '/api/v1/query_range': page(401) }) });
    const fromPrometheus = await rejection(
      prometheus.getMetrics({ target: { kind: 'vtgates', database: 'commerce', branch: 'main', keyspace: 'commerce' }, metric: 'queries', range }, { signal: signal() }),
    );
    expect(fromPrometheus.message).toContain('Prometheus refused the request (HTTP 401): it wants credentials');
    const planetscale = new PlanetScaleProvider({ url: '/api/planetscale', organization: 'acme', fetch: fixtureFetch({ '/branches/main': page(403) }) });
    const fromPlanetScale = await rejection(planetscale.getTopology({ database: 'commerce', branch: 'main' }, { signal: signal() }));
    expect([fromPlanetScale.kind, fromPlanetScale.status]).toEqual(['http', 403]);
    expect(fromPlanetScale.message).toContain('read_branch');
  });

  it('other statuses keep the server’s own words', async () => {
    const error = await rejection(vtadmin({ '/api/tablets': { status: 500, body: fixtureJson('vtadmin/error-unknown.json') } }).provider.getTopology(customer, { signal: signal() }));
    expect(error.message).toContain('VTAdmin /api/tablets answered HTTP 500');
  });
});

describe('a cross-origin server that does not allow this page (fetch’s TypeError)', () => {
  afterEach(() => vi.unstubAllGlobals());
  const refused = (async () => {
    throw new TypeError('Failed to fetch');
  }) as never;

  it('VTAdmin: names the page’s origin and the --http-origin flag', async () => {
    vi.stubGlobal('location', new URL('https://app.example.com/dashboards/db'));
    const provider = new VTAdminProvider({ url: 'https://vtadmin.example.com:14200', fetch: refused });
    const error = await rejection(provider.getTopology(customer, { signal: signal() }));
    expect(error.kind).toBe('network');
    expect(error.message).toContain('Could not reach VTAdmin /api/');
    expect(error.message).toContain("from https://app.example.com: the server is down, or it does not allow requests from this page's origin");
    expect(error.message).toContain('Start vtadmin with --http-origin=https://app.example.com');
  });

  it('another provider: the CORS header to send; the same origin keeps the plain network message', async () => {
    vi.stubGlobal('location', new URL('https://app.example.com/'));
    const elsewhere = new PrometheusProvider({ url: 'https://prometheus.example.com', fetch: refused });
    const query = { target: { kind: 'vtgates', database: 'commerce', branch: 'main', keyspace: 'commerce' }, metric: 'queries', range } as const;
    expect((await rejection(elsewhere.getMetrics(query, { signal: signal() }))).message).toContain('The server must allow https://app.example.com (Access-Control-Allow-Origin)');
    const here = new PrometheusProvider({ url: '/prometheus', fetch: refused });
    const plain = await rejection(here.getMetrics(query, { signal: signal() }));
    expect(plain.message).toMatch(/^Could not reach Prometheus at \/prometheus\/api\/v1\/query_range\?\S+: Failed to fetch$/);
  });
});

describe('VTAdmin: a cluster id it does not have', () => {
  it('VTAdmin answers as if the cluster were empty; the provider asks /api/clusters and names the ones there are', async () => {
    // go/vt/vtadmin/api.go getClustersForRequest drops unknown ids; the result is the empty GetKeyspacesResponse.
    const { provider, fetch } = vtadmin(
      {
        '/api/keyspaces': { body: { result: {}, ok: true } },
        '/api/tablets': { body: { result: {}, ok: true } },
        // vtadmin.GetClustersResponse (go/vt/vtadmin/http/clusters.go) of the local example's one cluster.
        '/api/clusters': { body: { result: { clusters: [{ id: 'local', name: 'local' }] }, ok: true } },
      },
      { cluster: 'prod' },
    );
    const error = await rejection(provider.getTopology(customer, { signal: signal() }));
    expect(error.kind).toBe('not-found');
    expect(error.message).toBe('VTAdmin has no cluster "prod" (its clusters: "local"). Check the provider\'s `cluster` option.');
    expect(fetch.requests.find((url) => url.includes('/api/clusters'))).toBe('/vtadmin/api/clusters');
  });

  it('a known cluster without keyspaces keeps the keyspace message', async () => {
    const { provider } = vtadmin(
      { '/api/keyspaces': { body: { result: {}, ok: true } }, '/api/clusters': { body: { result: { clusters: [{ id: 'local', name: 'local' }] }, ok: true } } },
      { cluster: 'local' },
    );
    const error = await rejection(provider.getTopology(customer, { signal: signal() }));
    expect(error.message).toBe('VTAdmin has no keyspace "customer" (keyspaces: none).');
  });
});

describe('VTAdmin: a keyspace with no shards yet', () => {
  it('says so, and how shards come to exist', async () => {
    // vtctldclient CreateKeyspace alone: the keyspace exists, its `shards` map is empty and omitted.
    const keyspaces = { result: { keyspaces: [{ cluster: { id: 'local', name: 'local' }, keyspace: { name: 'customer', keyspace: {} } }] }, ok: true };
    const error = await rejection(vtadmin({ '/api/keyspaces': { body: keyspaces } }).provider.getTopology(customer, { signal: signal() }));
    expect(error.kind).toBe('not-found');
    expect(error.message).toBe('Keyspace "customer" has no shards yet. Create its first shard (vtctldclient CreateShard, or start its tablets, which creates it) and the diagram appears.');
  });
});
