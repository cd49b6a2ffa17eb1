// VTAdminProvider on recorded VTAdmin answers (test/fixtures/vtadmin/README.md cites the Vitess source of each shape).
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/model/errors.js';
import { VTAdminProvider, unpadAlias, type CellMap } from '../../src/providers/vtadmin/index.js';
import { locateCell } from '../../src/providers/shared/vitess-topology.js';
import { fixtureFetch, fixtureJson, fixtureText, type RecordedResponse } from '../support/fixture-fetch.js';

const CELLS: CellMap = {
  zone1: { region: 'us-east-2', zone: 'us-east-2a' },
  zone2: { region: 'us-east-2', zone: 'us-east-2b' },
  zone3: { region: 'us-east-2', zone: 'us-east-2c' },
  zone4: { region: 'eu-central-1', zone: 'eu-central-1a', regionName: 'AWS eu-central-1 (Frankfurt)' },
};

const recorded = (): Record<string, RecordedResponse> => ({
  '/api/keyspaces': { body: fixtureJson('vtadmin/keyspaces.json') },
  '/api/tablets': { body: fixtureJson('vtadmin/tablets.json') },
  '/api/gates': { body: fixtureJson('vtadmin/gates.json') },
  '/api/shard_replication_positions': { body: fixtureJson('vtadmin/replication-positions.json') },
  '/api/workflows': { body: fixtureJson('vtadmin/reshard/movetables-v19.json') },
});

function vtadmin(overrides: Record<string, RecordedResponse> = {}, options: { cluster?: string } = {}) {
  const fetch = fixtureFetch({ ...recorded(), ...overrides });
  return { fetch, provider: new VTAdminProvider({ url: 'https://ops.example.com/vtadmin/', cells: CELLS, fetch, ...options }) };
}

const signal = () => new AbortController().signal;
const commerce = { database: 'commerce', branch: 'main' };
const customers = { database: 'commerce', branch: 'main', keyspace: 'customers' };

async function topologyError(overrides: Record<string, RecordedResponse>, ref: { database: string; branch: string; keyspace?: string } = commerce): Promise<DataError> {
  const error = await vtadmin(overrides).provider.getTopology(ref, { signal: signal() }).catch((e) => e);
  expect(error).toBeInstanceOf(DataError);
  return error;
}

/** The tablets fixture with one change, for malformed-input tests. */
function tabletsWith(change: (tablets: Record<string, any>[]) => void): RecordedResponse {
  const body = structuredClone(fixtureJson('vtadmin/tablets.json')) as { result: { tablets: Record<string, any>[] } };
  change(body.result.tablets);
  return { body };
}

describe('VTAdminProvider: topology of a production keyspace', () => {
  it('roles from numeric enums, omitted type/state, cells → regions, lag from replication positions, read-only regions', async () => {
    const topology = await vtadmin().provider.getTopology(commerce, { signal: signal() });
    expect(topology).toEqual({
      database: 'commerce',
      branch: 'main',
      branchKind: 'production',
      keyspace: 'commerce',
      keyspaces: ['commerce', 'customers'],
      primaryRegion: { slug: 'us-east-2' },
      readOnlyRegions: [{ slug: 'eu-central-1', name: 'AWS eu-central-1 (Frankfurt)' }],
      vtgates: { count: 3, zones: ['us-east-2a', 'us-east-2b', 'us-east-2c'], region: 'us-east-2' },
      shards: [
        {
          name: '-',
          keyRange: { start: '', end: '' },
          tablets: [
            // type 1 PRIMARY, state 1 SERVING; scrape from tablet.hostname and port_map.vt (proto/topodata.proto Tablet)
            { id: 'zone1-100', role: 'primary', region: 'us-east-2', zone: 'us-east-2a', readOnlyRegion: false, serving: true, scrape: { host: 'commerce-zone1-100.vt', port: 15000 } },
            // type 2 REPLICA; replication_lag_seconds 3 under the padded key zone2-0000000101
            { id: 'zone2-101', role: 'replica', region: 'us-east-2', zone: 'us-east-2b', readOnlyRegion: false, serving: true, lagSeconds: 3, scrape: { host: 'commerce-zone2-101.vt', port: 15000 } },
            // type and state omitted (UNKNOWN): shown, not serving, no replication status
            { id: 'zone2-104', role: 'replica', region: 'us-east-2', zone: 'us-east-2b', readOnlyRegion: false, serving: false, scrape: { host: 'commerce-zone2-104.vt', port: 15000 } },
            // type 3 RDONLY; replication_lag_seconds omitted = 0
            { id: 'zone3-102', role: 'rdonly', region: 'us-east-2', zone: 'us-east-2c', readOnlyRegion: false, serving: true, lagSeconds: 0, scrape: { host: 'commerce-zone3-102.vt', port: 15000 } },
            // type 8 DRAINED, state 2 NOT_SERVING
            { id: 'zone3-105', role: 'replica', region: 'us-east-2', zone: 'us-east-2c', readOnlyRegion: false, serving: false, scrape: { host: 'commerce-zone3-105.vt', port: 15000 } },
            // cell zone4 is in another region; replication_lag_unknown → null
            { id: 'zone4-103', role: 'replica', region: 'eu-central-1', zone: 'eu-central-1a', readOnlyRegion: true, serving: true, lagSeconds: null, scrape: { host: 'commerce-zone4-103.vt', port: 15000 } },
          ],
        },
      ],
      // The MoveTables workflow of this keyspace is not a resize.
      resize: null,
    });
  });

  it('asks the documented routes with the cluster and keyspace parameters', async () => {
    const { provider, fetch } = vtadmin({}, { cluster: 'local' });
    await provider.getTopology(commerce, { signal: signal() });
    const asked = fetch.requests.map((url) => new URL(url)).map((url) => `${url.pathname}?${url.searchParams}`).sort();
    expect(asked).toEqual([
      '/vtadmin/api/gates?cluster=local&cluster_id=local',
      '/vtadmin/api/keyspaces?cluster=local&cluster_id=local',
      '/vtadmin/api/shard_replication_positions?cluster=local&cluster_id=local&keyspace=commerce',
      '/vtadmin/api/tablets?cluster=local&cluster_id=local',
      '/vtadmin/api/workflows?cluster=local&cluster_id=local&keyspace=commerce',
    ]);
  });

  it('without a cells map, cells are their own regions unless named like AWS/GCP zones', async () => {
    const fetch = fixtureFetch(recorded());
    const topology = await new VTAdminProvider({ url: '/vtadmin', fetch }).getTopology(commerce, { signal: signal() });
    expect(topology.primaryRegion).toEqual({ slug: 'zone1' });
    expect(topology.readOnlyRegions.map((r) => r.slug)).toEqual(['zone2', 'zone3', 'zone4']);
  });
});

describe('VTAdminProvider: a sharded keyspace', () => {
  it('draws the serving shards from base64 key ranges, not the non-serving ones', async () => {
    const topology = await vtadmin().provider.getTopology(customers, { signal: signal() });
    expect(topology.shards.map((s) => [s.name, s.keyRange])).toEqual([
      ['-80', { start: '', end: '80' }],
      ['80-', { start: '80', end: '' }],
    ]);
    expect(topology.shards.map((s) => s.tablets.map((t) => [t.id, t.role, t.serving, t.lagSeconds]))).toEqual([
      [['zone1-200', 'primary', true, undefined], ['zone2-201', 'replica', false, 12]],
      [['zone1-210', 'primary', true, undefined], ['zone2-211', 'replica', true, 1]],
    ]);
    // The MoveTables workflow VTAdmin lists is not a resize (the Reshard lifecycle: vtadmin-reshard.test.ts).
    expect(topology.resize).toBeNull();
  });
});

describe('VTAdminProvider: errors', () => {
  it('the {ok:false} envelope of an unknown error (HTTP 500) → http DataError with VTAdmin’s message and code', async () => {
    const error = await topologyError({ '/api/tablets': { status: 500, body: fixtureJson('vtadmin/error-unknown.json') } });
    expect(error.kind).toBe('http');
    expect(error.status).toBe(500);
    expect(error.message).toContain('VTAdmin /api/tablets answered HTTP 500');
    expect(error.message).toContain('connection refused');
    expect(error.message).toContain('(unknown)');
  });

  it('an invalid cluster (HTTP 400) → http DataError', async () => {
    const error = await topologyError({ '/api/keyspaces': { status: 400, body: fixtureJson('vtadmin/error-invalid-cluster.json') } });
    expect(error.status).toBe(400);
    expect(error.message).toContain('no such cluster: prod-eu (invalid cluster)');
  });

  it('a proxy’s HTML page → http DataError; a route VTAdmin lacks (404) → not-found', async () => {
    const bad = await topologyError({ '/api/gates': { status: 502, body: fixtureText('prometheus/proxy-502.html') } });
    expect([bad.kind, bad.status]).toEqual(['http', 502]);
    const missing = await topologyError({ '/api/workflows': { status: 404, body: '404 page not found\n' } });
    expect(missing.kind).toBe('not-found');
    expect(missing.message).toBe("VTAdmin /api/workflows answered HTTP 404: 404 page not found. Either the url is not VTAdmin's API server, or this VTAdmin is older than Vitess 10 (this provider reads VTAdmin of Vitess 10 to 21).");
  });

  it('an empty gates answer (the list omitted) is zero vtgates, not an error', async () => {
    const topology = await vtadmin({ '/api/gates': { body: fixtureJson('vtadmin/empty-gates.json') } }).provider.getTopology(commerce, { signal: signal() });
    expect(topology.vtgates).toEqual({ count: 0, zones: [], region: 'us-east-2' });
  });

  it('malformed answers → invalid-data naming the path: an envelope without ok, an enum out of range, bad base64, a key range not matching the shard', async () => {
    const noOk = await topologyError({ '/api/gates': { body: { result: {} } } });
    expect(noOk.kind).toBe('invalid-data');
    const badType = await topologyError({ '/api/tablets': tabletsWith((t) => (t[0].tablet.type = 42)) });
    expect(badType.kind).toBe('invalid-data');
    expect(badType.path).toBe('result.tablets[0].tablet.type');
    expect(badType.message).toContain('topodata.TabletType');
    const badBase64 = await topologyError({ '/api/tablets': tabletsWith((t) => (t[6].tablet.key_range.end = 'g@==')) });
    expect(badBase64.path).toBe('result.tablets[6].tablet.key_range.end');
    const wrongRange = await topologyError({ '/api/tablets': tabletsWith((t) => (t[6].tablet.key_range.end = 'QA==')) });
    expect(wrongRange.message).toContain('shard "-80" has key range -40');
  });

  it('an unknown keyspace → not-found listing the keyspaces; one keyspace in two clusters → asks for `cluster`', async () => {
    const unknown = await topologyError({}, { database: 'nope', branch: 'main' });
    expect(unknown.kind).toBe('not-found');
    expect(unknown.message).toContain('commerce, customers');
    const keyspaces = structuredClone(fixtureJson('vtadmin/keyspaces.json')) as { result: { keyspaces: Record<string, any>[] } };
    keyspaces.result.keyspaces.push({ ...keyspaces.result.keyspaces[0], cluster: { id: 'other', name: 'other' } });
    const twice = await topologyError({ '/api/keyspaces': { body: keyspaces } });
    expect(twice.message).toContain('several VTAdmin clusters (local, other)');
  });

  it('aborts → aborted DataError; metrics are not VTAdmin’s', async () => {
    const controller = new AbortController();
    controller.abort();
    const aborted = await vtadmin().provider.getTopology(commerce, { signal: controller.signal }).catch((e) => e);
    expect(aborted.kind).toBe('aborted');
    const metrics = await vtadmin().provider.getMetrics().catch((e) => e);
    expect(metrics.kind).toBe('not-found');
    expect(metrics.message).toContain('PrometheusProvider');
  });
});

describe('VTAdminProvider: events', () => {
  it('marks when each shard’s primary began its term (primary_term_start_time), inside the range only', async () => {
    const { provider } = vtadmin();
    const events = await provider.getEvents({ ...commerce, keyspace: 'commerce' }, { from: 1_767_199_000_000, to: 1_767_201_000_000 }, { signal: signal() });
    expect(events).toEqual([{ at: 1_767_200_000_120, kind: 'promotion', label: 'zone1-100 became primary of -', shard: '-' }]);
    expect(await provider.getEvents({ ...commerce, keyspace: 'commerce' }, { from: 0, to: 1_767_199_000_000 }, { signal: signal() })).toEqual([]);
  });
});

describe('cells → regions', () => {
  it('a mapped cell uses the map; AWS and GCP zone names give their region; other names are their own region', () => {
    expect(locateCell('zone4', CELLS)).toEqual({ region: 'eu-central-1', zone: 'eu-central-1a', regionName: 'AWS eu-central-1 (Frankfurt)' });
    expect(locateCell('us-east-2a')).toEqual({ region: 'us-east-2', zone: 'us-east-2a' });
    expect(locateCell('ap-southeast-1b')).toEqual({ region: 'ap-southeast-1', zone: 'ap-southeast-1b' });
    expect(locateCell('us-central1-a')).toEqual({ region: 'us-central1', zone: 'us-central1-a' });
    expect(locateCell('zone1')).toEqual({ region: 'zone1', zone: 'zone1' });
    // Only own keys of the map count.
    expect(locateCell('constructor', CELLS)).toEqual({ region: 'constructor', zone: 'constructor' });
  });
});

describe('tablet alias keys', () => {
  it('unpads cell-%010d, also for cells containing dashes', () => {
    expect(unpadAlias('zone1-0000000301')).toBe('zone1-301');
    expect(unpadAlias('us-east-1a-0000000100')).toBe('us-east-1a-100');
    expect(() => unpadAlias('zone1')).toThrow(DataError);
  });
});
