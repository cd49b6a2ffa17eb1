/**
 * Page side of `node bench/prometheus-scale.mjs`: a PrometheusProvider (preset `operator`) against a real Prometheus
 * holding 1024 shards × 3 tablets in the vitess-operator's label shape. Reads the topology (tablets, lag, stopped
 * replication, primaries, vtgates: five instant queries) and a replica's lag chart, then draws the diagram, measuring
 * the longest main-thread task of each step and what crossed the wire. Leaves figures on `window.__bench`.
 */
import '../src/elements/ps-topology/define.js';
import type { PsTopology } from '../src/elements/ps-topology/ps-topology.js';
import type { Topology } from '../src/model/types.js';
import { PrometheusProvider } from '../src/providers/prometheus/index.js';
import { decodeVector } from '../src/providers/prometheus/decode.js';
import { PRESETS } from '../src/providers/prometheus/presets/index.js';
import { topologyFromPreset } from '../src/providers/prometheus/topology.js';
import { parseTopology } from '../src/model/parse.js';
import { buildVitessTopology } from '../src/providers/shared/vitess-topology.js';
import { measureLongestTask, nextPaint, stage } from './support.js';

// window.__bench is declared by bench/main.ts (same shape: figures or error).

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const url = params.get('prometheus')!;
  const at = Number(params.get('at'));
  let bytes = 0;
  let requests = 0;
  // Counts the answer bytes as they arrive, then hands the provider the same answer.
  const counting = async (input: string, init?: RequestInit) => {
    const response = await fetch(input, init);
    const body = await response.arrayBuffer();
    bytes += body.byteLength;
    requests++;
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  const provider = new PrometheusProvider({ url, preset: 'operator', fetch: counting, scrapeIntervalSeconds: 30, topology: { now: () => at } });
  const signal = new AbortController().signal;
  const figures: Record<string, number> = {};

  let topology!: Topology;
  const read = await measureLongestTask(async () => {
    performance.mark('topology start');
    topology = await provider.getTopology({ database: 'shop', branch: 'main', keyspace: 'customers' }, { signal });
    performance.mark('topology end');
  });
  figures['topology: wall ms'] = read.wallMs;
  figures['topology: longest main-thread task ms'] = read.longestTaskMs;
  figures['topology: answer KB'] = bytes / 1024;
  figures['topology: requests'] = requests;
  figures['topology: shards'] = topology.shards.length;
  figures['topology: tablets'] = topology.shards.reduce((n, s) => n + s.tablets.length, 0);

  bytes = 0;
  const replica = topology.shards[511].tablets.find((t) => t.role === 'replica')!;
  const lag = await measureLongestTask(async () => {
    performance.mark('lag chart start');
    await provider.getMetrics(
      { target: { kind: 'tablet', database: 'shop', branch: 'main', keyspace: 'customers', shard: topology.shards[511].name, tabletId: replica.id, scrape: replica.scrape }, metric: 'replication_lag', range: { from: at - 10 * 60_000, to: at } },
      { signal },
    );
    performance.mark('lag chart end');
  });
  figures['lag chart: wall ms'] = lag.wallMs;
  figures['lag chart: longest main-thread task ms'] = lag.longestTaskMs;
  figures['lag chart: answer KB'] = bytes / 1024;

  // Where the topology's main-thread time goes: decoding the answers vs assembling the topology from them.
  const answers = new Map<string, unknown>();
  const at0 = performance.now();
  const decoded = new Map<string, ReturnType<typeof decodeVector>>();
  let decodeMs = 0;
  let longestDecodeMs = 0;
  await topologyFromPreset({ database: 'shop', branch: 'main', keyspace: 'customers' }, PRESETS.operator, {}, { jobs: { ...PRESETS.operator.jobs }, labels: {}, vars: {} }, async (promql) => {
    const params = new URLSearchParams({ query: promql, time: String(at / 1000) });
    const body = await (await fetch(`${url}/api/v1/query?${params}`)).json();
    answers.set(promql, body);
    const t = performance.now();
    const result = decodeVector({ ok: true, status: 200, body, excerpt: '' }, promql);
    const spent = performance.now() - t;
    decodeMs += spent;
    longestDecodeMs = Math.max(longestDecodeMs, spent);
    decoded.set(promql, result);
    return result;
  });
  figures['topology: wall (prefetch) ms'] = performance.now() - at0;
  figures['topology: decoding answers, total ms'] = decodeMs;
  figures['topology: decoding the largest answer ms'] = longestDecodeMs;
  const assembly = await measureLongestTask(async () => {
    await topologyFromPreset({ database: 'shop', branch: 'main', keyspace: 'customers' }, PRESETS.operator, {}, { jobs: { ...PRESETS.operator.jobs }, labels: {}, vars: {} }, async (promql) => decoded.get(promql)!);
  });
  figures['topology: assembly from decoded answers, longest task ms'] = assembly.longestTaskMs;
  let t = performance.now();
  parseTopology(topology);
  figures['topology: parseTopology ms'] = performance.now() - t;
  const tablets = topology.shards.flatMap((shard) => shard.tablets.map((tablet) => ({ alias: tablet.id, keyspace: 'customers', shard: shard.name, type: tablet.role === 'primary' ? ('PRIMARY' as const) : ('REPLICA' as const), cell: tablet.zone ?? 'x', serving: tablet.serving })));
  t = performance.now();
  buildVitessTopology({ ref: { database: 'shop', branch: 'main', keyspace: 'customers' }, keyspaces: ['customers'], tablets, gates: [{ cell: 'zone1' }], source: 'bench' });
  figures['topology: buildVitessTopology (with parse) ms'] = performance.now() - t;

  // The element reading from the provider itself, as a page would use it: the topology's queries, then the layout.
  bytes = 0;
  const box = stage();
  const element = document.createElement('ps-topology') as PsTopology;
  element.style.setProperty('--ps-topology-height', '800px');
  box.append(element);
  await nextPaint();
  const draw = await measureLongestTask(async () => {
    performance.mark('diagram from the provider start');
    element.database = 'shop';
    element.branch = 'main';
    element.keyspace = 'customers';
    element.provider = provider;
    await element.layoutComplete();
    if (!element.shadowRoot?.querySelector('.node')) throw new Error('ps-topology drew no node');
    performance.mark('diagram from the provider end');
  });
  figures['diagram from the provider: wall ms'] = draw.wallMs;
  figures['diagram from the provider: longest main-thread task ms'] = draw.longestTaskMs;
  figures['diagram from the provider: answer KB'] = bytes / 1024;
  window.__bench = { figures };
}

main().catch((error: unknown) => (window.__bench = { error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) }));
