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
    topology = await provider.getTopology({ database: 'shop', branch: 'main', keyspace: 'customers' }, { signal });
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
    await provider.getMetrics(
      { target: { kind: 'tablet', database: 'shop', branch: 'main', keyspace: 'customers', shard: topology.shards[511].name, tabletId: replica.id, scrape: replica.scrape }, metric: 'replication_lag', range: { from: at - 10 * 60_000, to: at } },
      { signal },
    );
  });
  figures['lag chart: wall ms'] = lag.wallMs;
  figures['lag chart: longest main-thread task ms'] = lag.longestTaskMs;
  figures['lag chart: answer KB'] = bytes / 1024;

  // The element reading from the provider itself, as a page would use it: the topology's queries, then the layout.
  bytes = 0;
  const box = stage();
  const element = document.createElement('ps-topology') as PsTopology;
  element.style.setProperty('--ps-topology-height', '800px');
  box.append(element);
  await nextPaint();
  const draw = await measureLongestTask(async () => {
    element.database = 'shop';
    element.branch = 'main';
    element.keyspace = 'customers';
    element.provider = provider;
    await element.layoutComplete();
    if (!element.shadowRoot?.querySelector('.node')) throw new Error('ps-topology drew no node');
  });
  figures['diagram from the provider: wall ms'] = draw.wallMs;
  figures['diagram from the provider: longest main-thread task ms'] = draw.longestTaskMs;
  figures['diagram from the provider: answer KB'] = bytes / 1024;
  window.__bench = { figures };
}

main().catch((error: unknown) => (window.__bench = { error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) }));
