/** Benchmark of the simulated cluster: how long its metric frames and a large topology take to generate. */
import type { ElementRef, MetricId, TimeRange } from '../src/model/types.js';
import { SimulatedProvider } from '../src/providers/simulated/index.js';
import { median } from './support.js';

const RUNS = 9;
const WARMUPS = 2;
const END = Date.UTC(2026, 10, 20, 12, 0, 0);
const HOUR = 3_600_000;

async function timeMedian(work: () => Promise<unknown> | unknown): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < WARMUPS + RUNS; i++) {
    const start = performance.now();
    await work();
    if (i >= WARMUPS) samples.push(performance.now() - start);
  }
  return median(samples);
}

/** What any generator must at least pay: writing the same number of doubles with one Math.sin each. */
function fillBaseline(points: number, series: number): void {
  for (let s = 0; s < series; s++) {
    const values = new Float64Array(points);
    for (let i = 0; i < points; i++) values[i] = Math.sin(i * 0.001 + s);
  }
}

export const baselines: Record<string, string> = {
  '7d at 10 s, 3 series ms': 'fill 3 × 60 481 doubles with Math.sin ms',
};

export async function run(): Promise<Record<string, number>> {
  const signal = new AbortController().signal;
  const provider = new SimulatedProvider({ scenario: 'read-only-regions', now: () => END });
  const gates: ElementRef = { kind: 'vtgates', database: 'shop', branch: 'main', keyspace: 'shop' };
  const topology = await provider.getTopology(gates, { signal });
  const replica = topology.shards[0].tablets.find((t) => t.readOnlyRegion)!;
  const tablet: ElementRef = { ...gates, kind: 'tablet', shard: '-', tabletId: replica.id };
  const frame = (target: ElementRef, metric: MetricId, range: TimeRange, stepSeconds?: number) =>
    () => provider.getMetrics({ target, metric, range, stepSeconds }, { signal });
  const week = { from: END - 168 * HOUR, to: END };
  const sharded = new SimulatedProvider({ scenario: 'resizing', shards: 1024, now: () => END });

  return {
    '7d at 10 s, 3 series ms': await timeMedian(frame(gates, 'latency', week, 10)),
    'fill 3 × 60 481 doubles with Math.sin ms': await timeMedian(() => fillBaseline(60_481, 3)),
    '6h default, 3 series ms': await timeMedian(frame(gates, 'latency', { from: END - 6 * HOUR, to: END })),
    '7d default replication lag ms': await timeMedian(frame(tablet, 'replication_lag', week)),
    '7d default storage ms': await timeMedian(frame(tablet, 'storage', week)),
    'topology of 1024 resizing shards ms': await timeMedian(() => sharded.getTopology(gates, { signal })),
  };
}
