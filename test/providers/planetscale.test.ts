// PlanetScaleProvider on answers transcribed from planetscale-go's and planetscale/cli's tests
// (test/fixtures/planetscale/README.md names the test each file comes from).
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/model/errors.js';
import { PlanetScaleProvider, displaySku } from '../../src/providers/planetscale/index.js';
import { fixtureFetch, fixtureJson, type RecordedResponse } from '../support/fixture-fetch.js';

const BRANCH = '/organizations/acme/databases/shop/branches/main';
const at = (iso: string) => Date.parse(iso);
type Json = Record<string, unknown>;
const clone = (path: string) => structuredClone(fixtureJson(`planetscale/${path}`)) as Json;

const recorded = (): Record<string, RecordedResponse> => ({
  [BRANCH]: { body: fixtureJson('planetscale/branch-production.json') },
  [`${BRANCH}/keyspaces`]: { body: fixtureJson('planetscale/keyspaces.json') },
  [`${BRANCH}/infrastructure`]: { body: fixtureJson('planetscale/infrastructure.json') },
  [`${BRANCH}/keyspaces/main/resizes`]: { body: fixtureJson('planetscale/resizes-completed.json') },
  // planetscale-go TestKeyspaces_ResizeStatusEmpty: a keyspace never resized.
  [`${BRANCH}/keyspaces/target-keyspace/resizes`]: { body: { type: 'list', current_page: 1, next_page: null, next_page_url: null, prev_page: null, prev_page_url: null, data: [] } },
  [`${BRANCH}/keyspaces/target-keyspace`]: { body: fixtureJson('planetscale/keyspace-full.json') },
});

function planetscale(overrides: Record<string, RecordedResponse> = {}) {
  const fetch = fixtureFetch({ ...recorded(), ...overrides });
  return { fetch, provider: new PlanetScaleProvider({ url: '/api/planetscale/', organization: 'acme', fetch, headers: { 'X-Session': 's1' } }) };
}

const signal = () => new AbortController().signal;
const shop = { database: 'shop', branch: 'main' };
const main = { ...shop, keyspace: 'main' };
const target = { ...shop, keyspace: 'target-keyspace' };
const noInfrastructure = { [`${BRANCH}/infrastructure`]: { status: 404, body: fixtureJson('planetscale/error-not-found.json') } };

/** The transcribed vttablet pod, as another tablet of the branch (only the fields PlanetScale varies per pod). */
function pod(name: string, fields: Json): Json {
  const pods = (fixtureJson('planetscale/infrastructure.json') as { pods: Json[] }).pods;
  return { ...structuredClone(pods[0]), name, ...fields };
}

describe('PlanetScaleProvider: topology from the branch infrastructure', () => {
  it('the infrastructure answer of planetscale-go’s test: its pods, the branch’s region and VTGate size', async () => {
    const topology = await planetscale().provider.getTopology(main, { signal: signal() });
    expect(topology).toEqual({
      database: 'shop',
      branch: 'main',
      branchKind: 'production',
      keyspace: 'main',
      keyspaces: ['main', 'source-keyspace', 'target-keyspace'],
      primaryRegion: { slug: 'us-east', name: 'AWS us-east-1' },
      readOnlyRegions: [],
      // One vtgate pod; its size from the branch's vtgate_size (no vtgate_name in this answer).
      vtgates: { count: 1, zones: ['us-east-1'], region: 'us-east', size: 'vg.c1.nano' },
      shards: [{ name: '-', keyRange: { start: '', end: '' }, tablets: [{ id: 'vttablet-abc123', scrape: { pod: 'vttablet-abc123' }, role: 'primary', region: 'us-east', zone: 'us-east-1', readOnlyRegion: false, serving: true, size: 'PS-10' }] }],
      resize: null,
    });
  });

  it('asks only the documented routes under the proxy, with the caller’s headers and no token', async () => {
    const { provider, fetch } = planetscale();
    await provider.getTopology(main, { signal: signal() });
    expect(fetch.requests.map((url) => url.replace(/\?.*/, '')).sort()).toEqual([
      `/api/planetscale${BRANCH}`,
      `/api/planetscale${BRANCH}/infrastructure`,
      `/api/planetscale${BRANCH}/keyspaces`,
      `/api/planetscale${BRANCH}/keyspaces/main/resizes`,
      `/api/planetscale${BRANCH}/metrics/tablets-instant`,
    ]);
    expect(fetch.requests.find((url) => url.includes('tablets-instant'))).toBe(`/api/planetscale${BRANCH}/metrics/tablets-instant?metrics%5B%5D=replication_lag&keyspace=main`);
    expect(fetch.headers.every((h) => JSON.stringify(h) === '{"X-Session":"s1"}')).toBe(true);
  });

  it('the branch’s vtgate_name is the VTGate size shown (VTG_5 → VTG-5, as planetscale-go’s resize answers pair them)', async () => {
    const branch = clone('branch-production.json');
    branch.vtgate_name = 'VTG_5';
    const topology = await planetscale({ [BRANCH]: { body: branch } }).provider.getTopology(main, { signal: signal() });
    expect(topology.vtgates.size).toBe('VTG-5');
  });

  it('pods of several shards and cells: roles, health (status + ready), a replica in another region is read-only', async () => {
    const infrastructure = clone('infrastructure.json');
    const [primary, gate] = infrastructure.pods as Json[];
    infrastructure.pods = [
      primary,
      pod('vttablet-replica-b', { tablet_type: 'replica', cell: 'us-east-2b' }),
      pod('vttablet-replica-c', { tablet_type: 'replica', status: 'Pending', ready: '0/1', cell: 'us-east-2c' }),
      pod('vttablet-replica-w', { tablet_type: 'replica', cell: 'us-west-2a' }),
      gate,
    ];
    (primary as Json).cell = 'us-east-2a';
    (gate as Json).cell = 'us-east-2a';
    const topology = await planetscale({ [`${BRANCH}/infrastructure`]: { body: infrastructure } }).provider.getTopology(main, { signal: signal() });
    expect(topology.shards[0].tablets.map((t) => [t.id, t.role, t.region, t.readOnlyRegion, t.serving])).toEqual([
      ['vttablet-abc123', 'primary', 'us-east', false, true],
      ['vttablet-replica-b', 'replica', 'us-east', false, true],
      ['vttablet-replica-c', 'replica', 'us-east', false, false],
      ['vttablet-replica-w', 'replica', 'us-west-2', true, true],
    ]);
    expect(topology.readOnlyRegions).toEqual([{ slug: 'us-west-2' }]);
  });
});

describe('PlanetScaleProvider: replication lag on the diagram', () => {
  const withReplica = () => {
    const infrastructure = clone('infrastructure.json');
    (infrastructure.pods as Json[]).splice(1, 0, pod('vttablet-replica-b', { tablet_type: 'replica' }));
    return { [`${BRANCH}/infrastructure`]: { body: infrastructure } };
  };
  const lagOf = async (instant: RecordedResponse) => {
    const topology = await planetscale({ ...withReplica(), [`${BRANCH}/metrics/tablets-instant`]: instant }).provider.getTopology(main, { signal: signal() });
    return topology.shards[0].tablets.map((t) => [t.id, t.lagSeconds]);
  };

  it('a current value naming the replica’s pod (the `pod` dimension of planetscale/cli’s instant test) is its lag', async () => {
    const instant = clone('tablets-instant.json');
    (instant.metrics as { values: Json[] }[])[0].values = [{ pod: 'vttablet-replica-b', value: 0.2 }];
    expect(await lagOf({ body: instant })).toEqual([['vttablet-abc123', undefined], ['vttablet-replica-b', 0.2]]);
  });

  it('the transcribed answer names no pod: lag stays unknown; a failing metrics route leaves the diagram drawn', async () => {
    expect(await lagOf({ body: fixtureJson('planetscale/tablets-instant.json') })).toEqual([['vttablet-abc123', undefined], ['vttablet-replica-b', undefined]]);
    expect(await lagOf({ status: 503, body: '' })).toEqual([['vttablet-abc123', undefined], ['vttablet-replica-b', undefined]]);
  });
});

describe('PlanetScaleProvider: topology without the infrastructure route', () => {
  it('the keyspace’s shape: even shards, primary + replicas, the branch’s vtgate_count and size, read-only regions of ?full=true', async () => {
    const { provider, fetch } = planetscale(noInfrastructure);
    const topology = await provider.getTopology(target, { signal: signal() });
    expect(topology.vtgates).toEqual({ count: 1, zones: [], region: 'us-east', size: 'vg.c1.nano' });
    expect(topology.readOnlyRegions).toEqual([{ slug: 'us-west' }]);
    expect(topology.shards.map((s) => s.name)).toEqual(['-40', '40-80', '80-c0', 'c0-']);
    const ohio = { region: 'us-east', readOnlyRegion: false, serving: true, size: 'PS-10' };
    const west = { region: 'us-west', readOnlyRegion: true, serving: true, size: 'PS-20' };
    expect(topology.shards[1].tablets).toEqual([
      { id: 'target-keyspace/40-80/primary', role: 'primary', ...ohio },
      { id: 'target-keyspace/40-80/replica-1', role: 'replica', ...ohio },
      { id: 'target-keyspace/40-80/replica-2', role: 'replica', ...ohio },
      { id: 'target-keyspace/40-80/us-west-replica-1', role: 'replica', ...west },
      { id: 'target-keyspace/40-80/us-west-replica-2', role: 'replica', ...west },
    ]);
    expect(fetch.requests.some((url) => url.endsWith(`${BRANCH}/keyspaces/target-keyspace?full=true`))).toBe(true);
  });

  it('a development branch answer without vtgate fields: PlanetScale’s default of 1 VTGate; no full keyspace answer: no read-only regions', async () => {
    const { provider } = planetscale({
      ...noInfrastructure,
      [BRANCH]: { body: fixtureJson('planetscale/branch-development.json') },
      [`${BRANCH}/keyspaces/target-keyspace`]: { status: 404, body: fixtureJson('planetscale/error-not-found.json') },
    });
    const topology = await provider.getTopology(target, { signal: signal() });
    expect([topology.branchKind, topology.primaryRegion]).toEqual(['development', { slug: 'us-west', name: 'US West' }]);
    expect(topology.vtgates).toEqual({ count: 1, zones: [], region: 'us-west' });
    expect(topology.readOnlyRegions).toEqual([]);
    expect(topology.shards[0].tablets.map((t) => t.id)).toEqual(['target-keyspace/-40/primary', 'target-keyspace/-40/replica-1', 'target-keyspace/-40/replica-2']);
  });

  it('a keyspace answer with only id and name (planetscale-go TestKeyspaces_List’s item shape): unsharded, a primary alone', async () => {
    const { provider } = planetscale(noInfrastructure);
    const topology = await provider.getTopology(main, { signal: signal() });
    expect(topology.shards).toEqual([{ name: '-', keyRange: { start: '', end: '' }, tablets: [{ id: 'main/-/primary', role: 'primary', region: 'us-east', readOnlyRegion: false, serving: true }] }]);
  });

  it('follows pagination of the keyspace list', async () => {
    const first = clone('keyspaces.json');
    const second = structuredClone(first);
    first.data = (first.data as unknown[]).slice(0, 1);
    first.next_page = 2;
    second.data = (second.data as unknown[]).slice(1);
    const base = fixtureFetch(recorded());
    const requests: string[] = [];
    const fetch = async (url: string, init: { signal: AbortSignal }) => {
      requests.push(url);
      const parsed = new URL(url, 'http://x');
      if (parsed.pathname.endsWith('/keyspaces')) return new Response(JSON.stringify(parsed.searchParams.get('page') === '2' ? second : first));
      return base(url, init);
    };
    const topology = await new PlanetScaleProvider({ url: '/api/planetscale', organization: 'acme', fetch }).getTopology(main, { signal: signal() });
    expect(topology.keyspaces).toEqual(['main', 'source-keyspace', 'target-keyspace']);
    expect(requests.filter((url) => url.includes('/keyspaces?'))).toHaveLength(2);
  });
});

describe('PlanetScaleProvider: resize status and events', () => {
  it('no resize in progress: the newest is completed (planetscale-go TestKeyspaces_ResizeStatus), or there is none', async () => {
    const { provider } = planetscale();
    expect(await provider.getResizeStatus(main, { signal: signal() })).toBeNull();
    expect(await provider.getResizeStatus(target, { signal: signal() })).toBeNull();
  });

  it('a resize in progress with the rollout of planetscale/cli’s test: every shard resizing since it started', async () => {
    const resize = { ...clone('resize-pending.json'), state: 'resizing', started_at: '2026-08-18T15:59:00Z', completed_at: null };
    const { provider } = planetscale({
      [`${BRANCH}/keyspaces/main/resizes`]: { body: { type: 'list', data: [resize] } },
      [`${BRANCH}/keyspaces/main/rollout-status`]: { body: fixtureJson('planetscale/rollout-resizing.json') },
    });
    expect(await provider.getResizeStatus(main, { signal: signal() })).toEqual({
      state: 'resizing',
      phase: 'resizing',
      from: { size: 'PS-10', replicas: 5 },
      to: { size: 'PS-10', replicas: 3 },
      startedAt: at('2026-08-18T15:59:00Z'),
      updatedAt: at('2024-06-25T18:04:06.238Z'),
      shards: [
        // The zero time.Time of last_rollout_finished_at is "not finished".
        { shard: '-80', state: 'resizing', phase: 'resizing', startedAt: at('2026-08-18T16:00:00Z') },
        { shard: '80-', state: 'resizing', phase: 'resizing', startedAt: at('2026-08-18T16:00:00Z') },
      ],
    });
  });

  it('a pending resize (planetscale-go TestKeyspaces_Resize) whose shards completed after it started (TestKeyspaces_RolloutStatus)', async () => {
    const { provider } = planetscale({
      [`${BRANCH}/keyspaces/main/resizes`]: { body: { type: 'list', data: [fixtureJson('planetscale/resize-pending.json')] } },
      [`${BRANCH}/keyspaces/main/rollout-status`]: { body: fixtureJson('planetscale/rollout-complete.json') },
    });
    const status = await provider.getResizeStatus(main, { signal: signal() });
    expect([status?.state, status?.phase]).toEqual(['pending', 'pending']);
    expect(status?.shards).toEqual([
      { shard: '-80', state: 'completed', phase: 'completed', startedAt: at('2025-01-17T18:27:25.027Z'), finishedAt: at('2025-01-17T18:28:25.027Z') },
      { shard: '80-', state: 'completed', phase: 'completed', startedAt: at('2025-01-17T18:28:25.033Z'), finishedAt: at('2025-01-17T18:29:25.033Z') },
    ]);
  });

  it('a shard whose last completed rollout is older than the resize has not been rolled yet: pending', async () => {
    const resize = { ...clone('resize-pending.json'), state: 'resizing', started_at: '2025-06-01T00:00:00Z', completed_at: null };
    const { provider } = planetscale({
      [`${BRANCH}/keyspaces/main/resizes`]: { body: { type: 'list', data: [resize] } },
      [`${BRANCH}/keyspaces/main/rollout-status`]: { body: fixtureJson('planetscale/rollout-complete.json') },
    });
    const status = await provider.getResizeStatus(main, { signal: signal() });
    expect(status?.shards).toEqual([{ shard: '-80', state: 'pending', phase: 'pending' }, { shard: '80-', state: 'pending', phase: 'pending' }]);
  });

  it('a rollout word upstream never showed gets no phase: its state comes from the times alone', async () => {
    const resize = { ...clone('resize-pending.json'), state: 'resizing', started_at: '2026-08-18T15:59:00Z', completed_at: null };
    const rollout = clone('rollout-resizing.json');
    const [rolling, done] = rollout.shards as Json[];
    rolling.state = 'draining';
    Object.assign(done, { state: 'draining', last_rollout_finished_at: '2026-08-18T16:20:00Z' });
    const { provider } = planetscale({
      [`${BRANCH}/keyspaces/main/resizes`]: { body: { type: 'list', data: [resize] } },
      [`${BRANCH}/keyspaces/main/rollout-status`]: { body: rollout },
    });
    const status = await provider.getResizeStatus(main, { signal: signal() });
    expect(status?.shards).toEqual([
      { shard: '-80', state: 'resizing', startedAt: at('2026-08-18T16:00:00Z') },
      { shard: '80-', state: 'completed', startedAt: at('2026-08-18T16:00:00Z'), finishedAt: at('2026-08-18T16:20:00Z') },
    ]);
  });

  it('a queued resize has not started: its shards are pending whatever they last did', async () => {
    const resize = { ...clone('resize-pending.json'), state: 'queued', started_at: null, completed_at: null };
    const { provider } = planetscale({
      [`${BRANCH}/keyspaces/main/resizes`]: { body: { type: 'list', data: [resize] } },
      [`${BRANCH}/keyspaces/main/rollout-status`]: { body: fixtureJson('planetscale/rollout-complete.json') },
    });
    const status = await provider.getResizeStatus(main, { signal: signal() });
    expect([status?.state, status?.phase, status?.startedAt, status?.shards.map((s) => s.phase)]).toEqual(['queued', 'queued', undefined, ['pending', 'pending']]);
  });

  it('events: the start and completion of each resize inside the range', async () => {
    const { provider } = planetscale();
    const events = await provider.getEvents(main, { from: at('2024-06-25T00:00:00Z'), to: at('2024-06-26T00:00:00Z') }, { signal: signal() });
    expect(events).toEqual([
      { at: at('2024-06-25T18:03:09.459Z'), kind: 'resize', label: 'Resize PS-10 → PS-10 started' },
      { at: at('2024-06-25T18:04:06.228Z'), kind: 'resize', label: 'Resize PS-10 → PS-10 completed' },
    ]);
    expect(await provider.getEvents(main, { from: at('2025-01-01T00:00:00Z'), to: at('2025-02-01T00:00:00Z') }, { signal: signal() })).toEqual([]);
  });

  it('events: a request still pending marks its start only, whatever completed_at it carries (planetscale-go TestKeyspaces_Resize)', async () => {
    const { provider } = planetscale({ [`${BRANCH}/keyspaces/main/resizes`]: { body: { type: 'list', data: [fixtureJson('planetscale/resize-pending.json')] } } });
    const events = await provider.getEvents(main, { from: at('2024-06-25T00:00:00Z'), to: at('2024-06-26T00:00:00Z') }, { signal: signal() });
    expect(events.map((e) => e.label)).toEqual(['Resize PS-10 → PS-10 started']);
  });
});

describe('PlanetScaleProvider: errors a user can act on', () => {
  const fail = (response: RecordedResponse, route = BRANCH): Promise<DataError> =>
    planetscale({ [route]: response }).provider.getTopology(main, { signal: signal() }).then(() => { throw new Error('no error'); }, (e: DataError) => e);

  it('401 from the proxy: the token is missing — which header, and which access', async () => {
    const error = await fail({ status: 401, body: '<html>401 Authorization Required</html>' });
    expect([error.kind, error.status]).toEqual(['http', 401]);
    expect(error.message).toContain('401 Unauthorized');
    expect(error.message).toContain('Authorization: <service token id>:<service token>');
    expect(error.message).toContain('read_branch access on database "shop"');
  });

  it('403: the token lacks access — names read_branch and where to grant it', async () => {
    const error = await fail({ status: 403, body: { code: 'forbidden', message: 'Forbidden' } });
    expect([error.kind, error.status]).toEqual(['http', 403]);
    expect(error.message).toContain('Give the service token read_branch access on database "shop"');
    expect(error.message).toContain('PlanetScale said: Forbidden (forbidden)');
  });

  it('404 of the branch: names organization, database and branch, and that a token without access gets 404 too', async () => {
    const error = await fail({ status: 404, body: fixtureJson('planetscale/error-not-found.json') });
    expect([error.kind, error.status]).toEqual(['not-found', 404]);
    expect(error.message).toContain('no branch "main" of database "shop" in organization "acme"');
    expect(error.message).toContain('lacks read_branch access');
    expect(error.message).toContain('PlanetScale said: Not Found (not_found)');
  });

  it('429: the rate limit, and when to try again from Retry-After (seconds or a date)', async () => {
    const seconds = await fail({ status: 429, body: '', headers: { 'Retry-After': '30' } });
    expect([seconds.kind, seconds.status]).toEqual(['http', 429]);
    expect(seconds.message).toContain('rate limit (600 requests a minute)');
    expect(seconds.message).toContain('try again in 30 s');
    const date = await fail({ status: 429, body: '', headers: { 'Retry-After': new Date(Date.now() + 90_000).toUTCString() } });
    expect(date.message).toMatch(/try again in (8\d|9\d) s/);
    const none = await fail({ status: 429, body: '' });
    expect(none.message).toContain('try again in a minute');
  });

  it('other statuses keep PlanetScale’s words; an unknown keyspace names the ones there are', async () => {
    const error = await fail({ status: 500, body: { code: 'internal', message: 'boom' } });
    expect(error.message).toBe(`PlanetScale API ${BRANCH} answered HTTP 500. PlanetScale said: boom (internal)`);
    const unknown = await planetscale().provider.getTopology({ ...shop, keyspace: 'nope' }, { signal: signal() }).catch((e) => e);
    expect(unknown.kind).toBe('not-found');
    expect(unknown.message).toContain('(keyspaces: main, source-keyspace, target-keyspace)');
  });

  it('a resize state outside the documented ones → invalid-data naming it', async () => {
    const resizes = clone('resizes-completed.json');
    (resizes.data as Json[])[0].state = 'exploding';
    const bad = await planetscale({ [`${BRANCH}/keyspaces/main/resizes`]: { body: resizes } }).provider.getResizeStatus(main, { signal: signal() }).catch((e) => e);
    expect(bad.kind).toBe('invalid-data');
    expect(bad.message).toContain('"exploding"');
  });

  it('malformed bodies → invalid-data with the path; a bad timestamp is named', async () => {
    const branch = clone('branch-production.json');
    delete branch.region;
    const noRegion = await fail({ body: branch });
    expect([noRegion.kind, noRegion.path]).toEqual(['invalid-data', 'region']);
    const resize = { ...clone('resize-pending.json'), state: 'resizing' };
    const rollout = clone('rollout-complete.json');
    (rollout.shards as Json[])[0].last_rollout_started_at = 'yesterday';
    const badTime = await planetscale({
      [`${BRANCH}/keyspaces/main/resizes`]: { body: { data: [resize] } },
      [`${BRANCH}/keyspaces/main/rollout-status`]: { body: rollout },
    }).provider.getResizeStatus(main, { signal: signal() }).catch((e) => e);
    expect(badTime.path).toBe('shards[0].last_rollout_started_at');
  });

  it('needs a proxy url and an organization; aborts', async () => {
    expect(() => new PlanetScaleProvider({ url: '', organization: 'acme' })).toThrow(/proxy/);
    expect(() => new PlanetScaleProvider({ url: '/p', organization: '' })).toThrow(/organization/);
    const controller = new AbortController();
    controller.abort();
    const aborted = await planetscale().provider.getTopology(shop, { signal: controller.signal }).catch((e) => e);
    expect(aborted.kind).toBe('aborted');
    expect(displaySku('PS_2800')).toBe('PS-2800');
  });
});
