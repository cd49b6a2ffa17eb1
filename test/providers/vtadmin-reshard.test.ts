// A Reshard's lifecycle as VTAdmin reports it, on the fixtures of test/fixtures/vtadmin/reshard (each names its upstream source).
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/model/errors.js';
import { VTAdminProvider } from '../../src/providers/vtadmin/index.js';
import { decodeWorkflows, reshardsKeyspace, resizeFromWorkflows, SUPPORTED_VITESS } from '../../src/providers/vtadmin/workflows.js';
import { readRecord } from '../../src/model/validate.js';
import { fixtureFetch, fixtureJson, type RecordedResponse } from '../support/fixture-fetch.js';

const signal = () => new AbortController().signal;
const customer = { database: 'commerce', branch: 'main', keyspace: 'customer' };
/** A few seconds after the fixtures' last `time_updated` (1697060227 s). */
const NOW = 1_697_060_237_000;

const reshard = (name: string) => fixtureJson(`vtadmin/reshard/${name}.json`);

function vtadmin(stage: { keyspaces?: string; workflows: string }, overrides: Record<string, RecordedResponse> = {}, options: { cluster?: string } = {}) {
  const fetch = fixtureFetch({
    '/api/keyspaces': { body: reshard(stage.keyspaces ?? 'keyspaces-copying') },
    '/api/tablets': { body: reshard('tablets') },
    '/api/gates': { body: fixtureJson('vtadmin/empty-gates.json') },
    '/api/shard_replication_positions': { body: { result: {}, ok: true } },
    '/api/workflows': { body: reshard(stage.workflows) },
    ...overrides,
  });
  return { fetch, provider: new VTAdminProvider({ url: '/vtadmin', fetch, now: () => NOW, ...options }) };
}

/** The workflows of a fixture, decoded. */
function workflowsOf(name: string) {
  const body = reshard(name) as { result: unknown };
  return decodeWorkflows(readRecord(body.result, 'result')).workflows;
}

describe('VTAdmin Reshard lifecycle → resize phases', () => {
  it('copy phase (v19 shape): each new shard copying with the rows copied so far; the old shard still drawn', async () => {
    const { provider } = vtadmin({ workflows: 'workflows-copying' });
    const topology = await provider.getTopology(customer, { signal: signal() });
    expect(topology.shards.map((s) => s.name)).toEqual(['0']);
    expect(topology.resize).toEqual({
      state: 'resizing',
      phase: 'copying',
      workflow: 'cust2cust',
      from: { size: '1 shard', replicas: 2 },
      to: { size: '2 shards', replicas: 2 },
      updatedAt: 1_697_060_227_000,
      shards: [
        { shard: '-80', state: 'resizing', phase: 'copying', rowsCopied: 3, updatedAt: 1_697_060_227_000 },
        { shard: '80-', state: 'resizing', phase: 'copying', rowsCopied: 1, updatedAt: 1_697_060_227_000 },
      ],
    });
  });

  it('copy phase (older shape with logs, no rows_copied, no workflow_type): a reshard by its shards, started when its streams were created', async () => {
    const { provider } = vtadmin({ workflows: 'workflows-copying-v14', keyspaces: 'keyspaces-copying-v11' });
    const status = await provider.getResizeStatus(customer, { signal: signal() });
    expect(status?.phase).toBe('copying');
    expect(status?.startedAt).toBe(1_627_465_900_000);
    expect(status?.shards.map((s) => [s.shard, s.phase, s.startedAt, s.rowsCopied])).toEqual([
      ['-80', 'copying', 1_627_465_900_000, undefined],
      ['80-', 'copying', 1_627_465_901_000, undefined],
    ]);
  });

  it('a Running stream is copied but NOT completed: replicating, with lag, while the old shard serves all traffic', async () => {
    const { provider } = vtadmin({ workflows: 'workflows-running' });
    const topology = await provider.getTopology(customer, { signal: signal() });
    expect(topology.shards.map((s) => s.name)).toEqual(['0']);
    const resize = topology.resize!;
    expect([resize.state, resize.phase, resize.lagSeconds]).toEqual(['resizing', 'replicating', 1]);
    // Lag as getVReplicationTrxLag: since the newer of transaction_timestamp and time_updated (…227 s), at NOW (…237 s).
    expect(resize.shards.map((s) => [s.shard, s.state, s.phase, s.lagSeconds])).toEqual([
      ['-80', 'resizing', 'replicating', 10],
      ['80-', 'resizing', 'replicating', 10],
    ]);
    expect(resize.shards.some((s) => s.state === 'completed')).toBe(false);
  });

  it('after SwitchTraffic: the frozen forward streams and the new serving shards say switched; the _reverse workflow is not taken for the reshard', async () => {
    const { provider } = vtadmin({ workflows: 'workflows-switched', keyspaces: 'keyspaces-switched' });
    const topology = await provider.getTopology(customer, { signal: signal() });
    // cutover.md leaves customer/0 marked serving after the switch: the diagram follows the switch, not the stale flag.
    expect(topology.shards.map((s) => s.name)).toEqual(['-80', '80-']);
    expect(topology.resize?.workflow).toBe('cust2cust');
    expect([topology.resize?.state, topology.resize?.phase]).toEqual(['resizing', 'switched']);
    expect(topology.resize?.shards.map((s) => [s.shard, s.state, s.phase])).toEqual([
      ['-80', 'resizing', 'switched'],
      ['80-', 'resizing', 'switched'],
    ]);
  });

  it('the same after the switch with Vitess ≤ 11 topo names (master_*)', async () => {
    const { provider } = vtadmin({ workflows: 'workflows-switched', keyspaces: 'keyspaces-switched-v11' });
    const topology = await provider.getTopology(customer, { signal: signal() });
    expect(topology.shards.map((s) => s.name)).toEqual(['-80', '80-']);
  });

  it('an error and a stop: each shard says so in the source’s words; the whole resize is in error', async () => {
    const { provider } = vtadmin({ workflows: 'workflows-error' });
    const status = (await provider.getResizeStatus(customer, { signal: signal() }))!;
    expect([status.state, status.phase]).toEqual(['resizing', 'error']);
    expect(status.message).toBe("-80: Error: vttablet: rpc error: code = Unknown desc = Duplicate entry '5' for key 'corder.PRIMARY' (errno 1062) (sqlstate 23000)");
    expect(status.shards.map((s) => [s.shard, s.state, s.phase, s.message, s.rowsCopied])).toEqual([
      ['-80', 'failed', 'error', "Error: vttablet: rpc error: code = Unknown desc = Duplicate entry '5' for key 'corder.PRIMARY' (errno 1062) (sqlstate 23000)", 2],
      ['80-', 'pending', 'stopped', 'Stopped after copy.', 1],
    ]);
  });

  it('Complete (or Cancel) deletes the workflows: no resize', async () => {
    const { provider } = vtadmin({ workflows: 'workflows-copying' }, { '/api/workflows': { body: { result: {}, ok: true } } });
    expect(await provider.getResizeStatus(customer, { signal: signal() })).toBeNull();
  });
});

describe('VTAdmin topo names before v12 (master_*)', () => {
  it('reads is_master_serving, master_alias and master_term_start_time: the serving shard is drawn, not every shard', async () => {
    const { provider } = vtadmin({ workflows: 'workflows-copying-v14', keyspaces: 'keyspaces-copying-v11' });
    const topology = await provider.getTopology(customer, { signal: signal() });
    expect(topology.shards.map((s) => s.name)).toEqual(['0']);
    const events = await provider.getEvents(customer, { from: 1_627_465_000_000, to: 1_627_466_000_000 }, { signal: signal() });
    expect(events).toEqual([
      { at: 1_627_465_761_600, kind: 'promotion', label: 'zone1-200 became primary of 0', shard: '0' },
      { at: 1_627_465_833_536, kind: 'promotion', label: 'zone1-300 became primary of -80', shard: '-80' },
      { at: 1_627_465_833_536, kind: 'promotion', label: 'zone1-400 became primary of 80-', shard: '80-' },
    ]);
  });
});

describe('workflow decoding', () => {
  it('reads the v19 MoveTables example output as VTAdmin sends it, and does not take it for a resize', async () => {
    const [forward] = workflowsOf('movetables-v19');
    expect(forward).toMatchObject({ name: 'commerce2customer', type: 'MoveTables', sourceKeyspace: 'commerce', targetKeyspace: 'customer', maxLagSeconds: 1, servingShards: ['0'] });
    // rows_copied 0 and the zero transaction_timestamp are omitted on the wire: absent, not 0.
    expect(forward.streams).toEqual([{ shard: '0', state: 'Running', message: '', tablesCopying: 0, updatedAt: 1_697_060_227_000 }]);
    expect(reshardsKeyspace(forward, 'customer')).toBe(false);
    const { provider } = vtadmin({ workflows: 'movetables-v19' });
    expect(await provider.getResizeStatus(customer, { signal: signal() })).toBeNull();
  });

  it('reads logs (the reverse workflow of the same example): the stream was created at its first log', () => {
    const [reverse] = workflowsOf('movetables-reverse-v19');
    expect(reverse.streams[0]).toMatchObject({ state: 'Running', createdAt: 1_697_046_079_000, transactionAt: 1_697_060_479_000, updatedAt: 1_697_060_690_000 });
  });

  it('without workflow_type: same keyspace and other shards is a reshard; same shards (a Materialize) is not; neither type nor shards is an error naming the versions read', () => {
    const [old] = workflowsOf('workflows-copying-v14');
    expect(old.type).toBeUndefined();
    expect(reshardsKeyspace(old, 'customer')).toBe(true);
    expect(reshardsKeyspace({ ...old, targetShards: ['0'] }, 'customer')).toBe(false);
    expect(reshardsKeyspace(old, 'commerce')).toBe(false);
    const error = (() => {
      try {
        resizeFromWorkflows([{ ...old, sourceKeyspace: '', targetShards: [] }], 'customer', [], NOW);
      } catch (e) {
        return e as DataError;
      }
    })();
    expect(error).toBeInstanceOf(DataError);
    expect(error?.message).toContain(SUPPORTED_VITESS);
  });

  it('a stream state this provider does not know → invalid-data naming the supported Vitess versions, never a guess', async () => {
    const body = structuredClone(reshard('workflows-running')) as any;
    body.result.workflows_by_cluster.local.workflows[0].workflow.shard_streams['-80/zone1-0000000300'].streams[0].state = 'Paused';
    const { provider } = vtadmin({ workflows: 'workflows-running' }, { '/api/workflows': { body } });
    const error = await provider.getResizeStatus(customer, { signal: signal() }).catch((e) => e);
    expect(error).toBeInstanceOf(DataError);
    expect(error.kind).toBe('invalid-data');
    expect(error.path).toBe("result.workflows_by_cluster.local.workflows[0].workflow.shard_streams.-80/zone1-0000000300.streams[0].state");
    expect(error.message).toContain(`as VTAdmin of ${SUPPORTED_VITESS} sends it, got "Paused"`);
  });
});
