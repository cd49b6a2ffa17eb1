// PlanetScaleProvider on recorded answers shaped from PlanetScale's API reference and planetscale-go
// (test/fixtures/planetscale/README.md cites the page or file of each).
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/model/errors.js';
import { PlanetScaleProvider, displaySku } from '../../src/providers/planetscale/index.js';
import { fixtureFetch, fixtureJson, type RecordedResponse } from '../support/fixture-fetch.js';

const BRANCH = '/organizations/acme/databases/commerce/branches/main';
const at = (iso: string) => Date.parse(iso);

const recorded = (): Record<string, RecordedResponse> => ({
  [BRANCH]: { body: fixtureJson('planetscale/branch-production.json') },
  [`${BRANCH}/keyspaces`]: { body: fixtureJson('planetscale/keyspaces.json') },
  [`${BRANCH}/infrastructure`]: { body: fixtureJson('planetscale/infrastructure.json') },
  [`${BRANCH}/keyspaces/customers/resizes`]: { body: fixtureJson('planetscale/resizes.json') },
  [`${BRANCH}/keyspaces/customers/rollout-status`]: { body: fixtureJson('planetscale/rollout-status.json') },
  [`${BRANCH}/keyspaces/commerce/resizes`]: { body: { type: 'list', current_page: 1, next_page: null, data: [] } },
});

function planetscale(overrides: Record<string, RecordedResponse> = {}) {
  const fetch = fixtureFetch({ ...recorded(), ...overrides });
  return { fetch, provider: new PlanetScaleProvider({ url: '/api/planetscale/', organization: 'acme', fetch, headers: { 'X-Session': 's1' } }) };
}

const signal = () => new AbortController().signal;
const commerce = { database: 'commerce', branch: 'main' };
const customers = { ...commerce, keyspace: 'customers' };

describe('PlanetScaleProvider: topology from the branch infrastructure', () => {
  it('a production branch: pods → tablets with roles, health and sizes; zones of the branch region; a read-only region', async () => {
    const topology = await planetscale().provider.getTopology(commerce, { signal: signal() });
    const ohio = { region: 'aws-us-east-2', readOnlyRegion: false, size: 'PS-40' };
    expect(topology).toEqual({
      database: 'commerce',
      branch: 'main',
      branchKind: 'production',
      keyspace: 'commerce',
      keyspaces: ['commerce', 'customers'],
      primaryRegion: { slug: 'aws-us-east-2', name: 'AWS us-east-2 (Ohio)' },
      readOnlyRegions: [{ slug: 'us-west-2' }],
      vtgates: { count: 3, zones: ['us-east-2a', 'us-east-2b', 'us-east-2c'], region: 'aws-us-east-2', size: 'PS-40' },
      shards: [
        {
          name: '-',
          keyRange: { start: '', end: '' },
          tablets: [
            { id: 'commerce-x-vttablet-use2a-1289', scrape: { pod: 'commerce-x-vttablet-use2a-1289' }, role: 'primary', zone: 'us-east-2a', serving: true, ...ohio },
            { id: 'commerce-x-vttablet-use2b-2031', scrape: { pod: 'commerce-x-vttablet-use2b-2031' }, role: 'replica', zone: 'us-east-2b', serving: true, ...ohio },
            // status Pending, ready 0/1
            { id: 'commerce-x-vttablet-use2c-3377', scrape: { pod: 'commerce-x-vttablet-use2c-3377' }, role: 'replica', zone: 'us-east-2c', serving: false, ...ohio },
            { id: 'commerce-x-vttablet-usw2a-4410', scrape: { pod: 'commerce-x-vttablet-usw2a-4410' }, role: 'replica', region: 'us-west-2', zone: 'us-west-2a', readOnlyRegion: true, serving: true, size: 'PS-40' },
          ],
        },
      ],
      resize: null,
    });
  });

  it('asks only the documented routes under the proxy, with the caller’s headers and no token', async () => {
    const { provider, fetch } = planetscale();
    await provider.getTopology(customers, { signal: signal() });
    expect(fetch.requests.map((url) => url.replace(/\?.*/, '')).sort()).toEqual([
      `/api/planetscale${BRANCH}`,
      `/api/planetscale${BRANCH}/infrastructure`,
      `/api/planetscale${BRANCH}/keyspaces`,
      `/api/planetscale${BRANCH}/keyspaces/customers/resizes`,
      `/api/planetscale${BRANCH}/keyspaces/customers/rollout-status`,
    ]);
    expect(fetch.headers.every((h) => JSON.stringify(h) === '{"X-Session":"s1"}')).toBe(true);
  });

  it('a sharded keyspace being resized: four shards, and the resize with per-shard rollout', async () => {
    const topology = await planetscale().provider.getTopology(customers, { signal: signal() });
    expect(topology.shards.map((s) => [s.name, s.tablets.length, s.tablets[0].role])).toEqual([
      ['-40', 3, 'primary'],
      ['40-80', 3, 'primary'],
      ['80-c0', 3, 'primary'],
      ['c0-', 3, 'primary'],
    ]);
    expect(topology.resize).toEqual({
      state: 'resizing',
      from: { size: 'PS-40', replicas: 2 },
      to: { size: 'PS-80', replicas: 2 },
      startedAt: at('2025-12-31T23:05:00Z'),
      shards: [
        { shard: '-40', state: 'completed', startedAt: at('2025-12-31T23:05:10Z'), finishedAt: at('2025-12-31T23:21:40Z') },
        // Its last finish belongs to the September rollout: dropped.
        { shard: '40-80', state: 'resizing', startedAt: at('2025-12-31T23:21:45Z') },
        // Both times are from the September rollout.
        { shard: '80-c0', state: 'pending' },
        { shard: 'c0-', state: 'pending' },
      ],
    });
  });

  it('getResizeStatus: null when the newest resize is completed or there is none', async () => {
    const resizes = structuredClone(fixtureJson('planetscale/resizes.json')) as { data: { state: string }[] };
    resizes.data.shift();
    const { provider } = planetscale({ [`${BRANCH}/keyspaces/customers/resizes`]: { body: resizes } });
    expect(await provider.getResizeStatus({ ...customers }, { signal: signal() })).toBeNull();
    expect(await planetscale().provider.getResizeStatus({ ...commerce, keyspace: 'commerce' }, { signal: signal() })).toBeNull();
  });
});

describe('PlanetScaleProvider: events', () => {
  it('resize starts and completions inside the range, in time order', async () => {
    const { provider } = planetscale();
    const all = await provider.getEvents(customers, { from: at('2025-01-01T00:00:00Z'), to: at('2026-01-01T00:00:00Z') }, { signal: signal() });
    expect(all).toEqual([
      { at: at('2025-09-01T10:01:00Z'), kind: 'resize', label: 'Resize PS-20 → PS-40 started' },
      { at: at('2025-09-01T10:30:00Z'), kind: 'resize', label: 'Resize PS-20 → PS-40 completed' },
      { at: at('2025-12-31T23:05:00Z'), kind: 'resize', label: 'Resize PS-40 → PS-80 started' },
    ]);
    const december = await provider.getEvents(customers, { from: at('2025-12-01T00:00:00Z'), to: at('2026-01-01T00:00:00Z') }, { signal: signal() });
    expect(december.map((e) => e.label)).toEqual(['Resize PS-40 → PS-80 started']);
  });
});

describe('PlanetScaleProvider: without the infrastructure route', () => {
  it('a development branch is drawn from the keyspace’s documented shape: evenly split shards, primary + replicas, 1 vtgate', async () => {
    const keyspaces = structuredClone(fixtureJson('planetscale/keyspaces.json')) as { data: { replicas: number }[] };
    keyspaces.data[1].replicas = 0;
    const { provider } = planetscale({
      [BRANCH]: { body: fixtureJson('planetscale/branch-development.json') },
      [`${BRANCH}/keyspaces`]: { body: keyspaces },
      [`${BRANCH}/infrastructure`]: { status: 404, body: fixtureJson('planetscale/error-not-found.json') },
    });
    const topology = await provider.getTopology(customers, { signal: signal() });
    expect(topology.branchKind).toBe('development');
    expect(topology.vtgates).toEqual({ count: 1, zones: [], region: 'aws-us-east-2' });
    expect(topology.shards.map((s) => s.name)).toEqual(['-40', '40-80', '80-c0', 'c0-']);
    expect(topology.shards[0].tablets).toEqual([{ id: 'customers/-40/primary', role: 'primary', region: 'aws-us-east-2', readOnlyRegion: false, serving: true, size: 'PS-80' }]);
  });

  it('follows pagination of the keyspace list', async () => {
    const first = structuredClone(fixtureJson('planetscale/keyspaces.json')) as { next_page: number | null; data: unknown[] };
    const second = structuredClone(first);
    first.data = first.data.slice(0, 1);
    first.next_page = 2;
    second.data = second.data.slice(1);
    const pages: RecordedResponse[] = [{ body: first }, { body: second }];
    const base = fixtureFetch(recorded());
    const requests: string[] = [];
    const fetch = async (url: string, init: { signal: AbortSignal }) => {
      requests.push(url);
      if (new URL(url, 'http://x').pathname.endsWith('/keyspaces')) {
        const page = Number(new URL(url, 'http://x').searchParams.get('page'));
        return new Response(JSON.stringify(pages[page - 1].body));
      }
      return base(url, init);
    };
    const topology = await new PlanetScaleProvider({ url: '/api/planetscale', organization: 'acme', fetch }).getTopology(customers, { signal: signal() });
    expect(topology.keyspaces).toEqual(['commerce', 'customers']);
    expect(requests.filter((url) => url.includes('/keyspaces?'))).toHaveLength(2);
  });
});

describe('PlanetScaleProvider: errors', () => {
  it('{code, message} error bodies: 401 → http with the message; an unknown branch (404) → not-found', async () => {
    const denied = await planetscale({ [BRANCH]: { status: 401, body: fixtureJson('planetscale/error-unauthorized.json') } })
      .provider.getTopology(commerce, { signal: signal() })
      .catch((e) => e);
    expect(denied).toBeInstanceOf(DataError);
    expect([denied.kind, denied.status]).toEqual(['http', 401]);
    expect(denied.message).toContain('lacks the read_branch access (unauthorized)');
    const missing = await planetscale({ [BRANCH]: { status: 404, body: fixtureJson('planetscale/error-not-found.json') } })
      .provider.getTopology(commerce, { signal: signal() })
      .catch((e) => e);
    expect(missing.kind).toBe('not-found');
  });

  it('an unknown keyspace → not-found naming the keyspaces; a resize state outside the model → invalid-data', async () => {
    const unknown = await planetscale().provider.getTopology({ ...commerce, keyspace: 'nope' }, { signal: signal() }).catch((e) => e);
    expect(unknown.kind).toBe('not-found');
    expect(unknown.message).toContain('(keyspaces: commerce, customers)');
    const resizes = structuredClone(fixtureJson('planetscale/resizes.json')) as { data: { state: string }[] };
    resizes.data[0].state = 'exploding';
    const bad = await planetscale({ [`${BRANCH}/keyspaces/customers/resizes`]: { body: resizes } })
      .provider.getResizeStatus(customers, { signal: signal() })
      .catch((e) => e);
    expect(bad.kind).toBe('invalid-data');
    expect(bad.message).toContain('"exploding"');
  });

  it('malformed bodies → invalid-data with the path; a bad timestamp is named', async () => {
    const branch = structuredClone(fixtureJson('planetscale/branch-production.json')) as Record<string, unknown>;
    delete branch.region;
    const noRegion = await planetscale({ [BRANCH]: { body: branch } }).provider.getTopology(commerce, { signal: signal() }).catch((e) => e);
    expect(noRegion.kind).toBe('invalid-data');
    expect(noRegion.path).toBe('region');
    const rollout = structuredClone(fixtureJson('planetscale/rollout-status.json')) as { shards: Record<string, unknown>[] };
    rollout.shards[0].last_rollout_started_at = 'yesterday';
    const badTime = await planetscale({ [`${BRANCH}/keyspaces/customers/rollout-status`]: { body: rollout } })
      .provider.getResizeStatus(customers, { signal: signal() })
      .catch((e) => e);
    expect(badTime.path).toBe('shards[0].last_rollout_started_at');
  });

  it('needs a proxy url and an organization; aborts; no metrics', async () => {
    expect(() => new PlanetScaleProvider({ url: '', organization: 'acme' })).toThrow(/proxy/);
    expect(() => new PlanetScaleProvider({ url: '/p', organization: '' })).toThrow(/organization/);
    const controller = new AbortController();
    controller.abort();
    const aborted = await planetscale().provider.getTopology(commerce, { signal: controller.signal }).catch((e) => e);
    expect(aborted.kind).toBe('aborted');
    expect((await planetscale().provider.getMetrics().catch((e) => e)).kind).toBe('not-found');
    expect(displaySku('PS_2800')).toBe('PS-2800');
  });
});
