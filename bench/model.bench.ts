/** Benchmark of the model parsers: what checking a 1024-shard topology and a week-long metric frame costs the main thread. */
import type { ElementRef } from '../src/model/types.js';
import { parseMetricFrame, parseTopology } from '../src/model/parse.js';
import { SimulatedProvider } from '../src/providers/simulated/index.js';
import { median } from './support.js';

const RUNS = 20;
const END = Date.UTC(2026, 10, 20, 12, 0, 0);
const WEEK = 168 * 3_600_000;

/** Median wall time of `RUNS` calls of `work`, after one unmeasured call. */
function timeMedian(work: () => unknown): number {
  work();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

export const baselines: Record<string, string> = {
  'parseTopology 1024 shards cold ms': 'JSON.parse(JSON.stringify(topology)) ms',
  'parseTopology 1024 shards warm ms': 'JSON.parse(JSON.stringify(topology)) ms',
};

export async function run(): Promise<Record<string, number>> {
  const signal = new AbortController().signal;
  const provider = new SimulatedProvider({ scenario: 'sharded', shards: 1024, now: () => END });
  const gates: ElementRef = { kind: 'vtgates', database: 'shop', branch: 'main', keyspace: 'shop' };
  const topology = await provider.getTopology(gates, { signal });
  const frame = await provider.getMetrics({ target: gates, metric: 'latency', range: { from: END - WEEK, to: END }, stepSeconds: 10 }, { signal });
  if (frame.timestamps.length !== 60_481 || frame.series.length !== 3) throw new Error(`unexpected frame shape ${frame.timestamps.length}×${frame.series.length}`);

  // The first call in the page: nothing the parser runs has been compiled or optimised yet.
  performance.mark('parseTopology cold start');
  const coldStart = performance.now();
  const parsed = parseTopology(topology);
  const cold = performance.now() - coldStart;
  performance.mark('parseTopology cold end');
  if (parsed.shards.length !== 1024) throw new Error(`parsed ${parsed.shards.length} shards`);

  return {
    'parseTopology 1024 shards cold ms': cold,
    'parseTopology 1024 shards warm ms': timeMedian(() => parseTopology(topology)),
    'JSON.parse(JSON.stringify(topology)) ms': timeMedian(() => JSON.parse(JSON.stringify(topology))),
    'parseMetricFrame 7d×10s×3 ms': timeMedian(() => parseMetricFrame(frame)),
  };
}
