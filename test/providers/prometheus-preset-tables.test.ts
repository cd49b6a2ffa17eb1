// The preset tables themselves: every placeholder a query uses is a selector of its preset, every query names its
// upstream source, every README config file exists; and the topology reader on answers shaped as Prometheus sends them.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/model/errors.js';
import type { Decoded, InstantSample } from '../../src/providers/prometheus/decode.js';
import { PRESETS } from '../../src/providers/prometheus/presets/index.js';
import { topologyFromPreset } from '../../src/providers/prometheus/topology.js';

const BUILT_IN = ['rate', 'keyspace', 'shard', 'vttablet', 'by', 'key'];

describe('preset tables', () => {
  for (const preset of Object.values(PRESETS)) {
    it(`${preset.id}: placeholders are its selectors, sources are named, configs exist`, () => {
      const known = new Set([...Object.keys(preset.selectors), ...BUILT_IN]);
      const templates = [
        ...Object.values(preset.queries).flatMap((definition) => definition!.series.map((series) => series.query)),
        ...Object.values(preset.topology ?? {}).filter((value): value is string => typeof value === 'string'),
      ];
      for (const template of templates) for (const [, name] of template.matchAll(/\$([A-Za-z_]\w*)/g)) expect(known, `$${name} in ${template}`).toContain(name);
      for (const definition of Object.values(preset.queries)) expect(definition!.source.length).toBeGreaterThan(10);
      for (const file of preset.configs) expect(existsSync(file), file).toBe(true);
      expect(preset.readme).toMatch(/^#[a-z0-9-]+$/);
      expect(preset.topology || preset.noTopology).toBeTruthy();
    });
  }
});

describe('topology from preset labels (answers shaped as Prometheus sends them)', () => {
  const answer = (result: InstantSample[]): Decoded<InstantSample[]> => ({ result, warnings: [] });
  const context = { jobs: { ...PRESETS.relabelled.jobs }, labels: { keyspace: 'keyspace', shard: 'shard', tablet: 'tablet_alias', tabletType: 'tablet_type', cell: 'cell' }, vars: {} };
  const ref = { database: 'commerce', branch: 'main' };
  const state = (alias: string, shard: string, type: string, name = 'SERVING', instance = '10.0.0.1:15000') => ({
    labels: { keyspace: 'commerce', shard, tablet_alias: alias, tablet_type: type, cell: alias.split('-')[0], instance, name },
    value: 1,
  });

  it('unpads aliases, keeps a shard label that is no shard name out instead of failing, reads instance as host and port', async () => {
    const topology = await topologyFromPreset(ref, PRESETS.relabelled, {}, context, async (promql) =>
      answer(promql.includes('tablet_server_state') ? [state('zone1-0000000101', '-', 'primary'), state('zone1-0000000102', '-', 'replica', 'NOT_SERVING', '[fd00::2]:15000'), state('zone1-0000000109', 'oops', 'replica')] : []),
    );
    expect(topology.shards.map((s) => s.name)).toEqual(['-']);
    expect(topology.shards[0].tablets.map((t) => [t.id, t.role, t.serving, t.scrape])).toEqual([
      ['zone1-101', 'primary', true, { host: '10.0.0.1', port: 15000 }],
      ['zone1-102', 'replica', false, { host: 'fd00::2', port: 15000 }],
    ]);
  });

  it('no series → not-found naming the README section; series without the labels → the missing label names', async () => {
    const none = await topologyFromPreset(ref, PRESETS.relabelled, {}, context, async () => answer([])).catch((e: unknown) => e);
    expect(none).toBeInstanceOf(DataError);
    expect((none as DataError).message).toMatch(/no tablet series.*#relabelled-tablet-labels/s);
    const bare = await topologyFromPreset(ref, PRESETS.relabelled, {}, context, async (promql) =>
      answer(promql.includes('tablet_server_state') ? [{ labels: { instance: '10.0.0.1:15000', name: 'SERVING' }, value: 1 }] : []),
    ).catch((e: unknown) => e);
    expect((bare as DataError).message).toMatch(/"keyspace", "shard", "tablet_alias" labels/);
  });

  it('mixin has none: the DataError says why and where to fix it', async () => {
    const error = await topologyFromPreset(ref, PRESETS.mixin, {}, context, async () => answer([])).catch((e: unknown) => e);
    expect((error as DataError).kind).toBe('not-found');
    expect((error as DataError).message).toContain('#relabelled-tablet-labels');
  });
});
