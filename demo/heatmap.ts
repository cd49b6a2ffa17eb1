/**
 * The keyspace heatmap on the simulated cluster: `?shards=1024&metric=queries&range=7d&theme=dark`; with `&infra`,
 * inside `<ps-infrastructure>`'s shard panel (`shard-view="heatmap"`).
 */
import '../src/elements/ps-keyspace-heatmap/define.js';
import '../src/elements/ps-infrastructure/define.js';
import { SimulatedProvider } from '../src/providers/simulated/index.js';

const params = new URLSearchParams(location.search);
const shards = Math.min(1024, Math.max(2, Number(params.get('shards')) || 64));
const provider = new SimulatedProvider({ scenario: 'sharded', shards, seed: Number(params.get('seed')) || 1 });
let element: HTMLElement = document.querySelector('ps-keyspace-heatmap')!;
if (params.has('infra')) {
  const infrastructure = document.createElement('ps-infrastructure');
  Object.assign(infrastructure, { database: 'shop', branch: 'main', selected: 'shard-stack', shardView: 'heatmap' });
  infrastructure.style.height = 'calc(100vh - 40px)';
  element.replaceWith(infrastructure);
  element = infrastructure;
}
(element as HTMLElement & { provider: unknown }).provider = provider;
for (const name of ['metric', 'range', 'theme', 'scale', 'palette'] as const) {
  const value = params.get(name);
  if (value) element.setAttribute(name, value);
}
if (params.get('theme') === 'dark') document.documentElement.dataset.theme = 'dark';
element.addEventListener('ps-select', (event) => console.info('ps-select', event.detail.node));
element.addEventListener('ps-range-change', (event) => console.info('ps-range-change', event.detail.range));
