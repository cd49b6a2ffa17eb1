import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/ps-keyspace-heatmap/index.js';
import { HEATMAP_UNITS, type HeatmapMetric, type KeyspaceHeatmap } from '../src/model/heatmap.js';
import { evenKeyRanges } from '../src/model/key-range.js';
import type { DataProvider } from '../src/providers/provider.js';
import { SimulatedProvider } from '../src/providers/simulated/index.js';
import { VTAdminProvider } from '../src/providers/vtadmin/index.js';

interface Args {
  theme: 'light' | 'dark' | 'auto';
  metric: HeatmapMetric;
  scale: '' | 'log' | 'linear';
  palette: 'magma' | 'viridis' | 'cividis';
  brightness: number;
}

const T0 = Date.UTC(2026, 10, 28, 8) / 1000;

/** Plain data: `names` over `columns` five-minute steps; `value(shard, step)`, NaN where a shard has no sample. */
function plain(names: string[], columns: number, value: (shard: number, step: number) => number): KeyspaceHeatmap {
  const values = new Float32Array(names.length * columns);
  names.forEach((_, s) => {
    for (let t = 0; t < columns; t++) values[s * columns + t] = value(s, t);
  });
  return {
    metric: 'queries', unit: HEATMAP_UNITS.queries, timestamps: Float64Array.from({ length: columns }, (_, t) => T0 + 300 * t),
    shards: names.map((name) => ({ name, keyRange: { start: '', end: '' } })), values,
  };
}

/** A daily-ish wave with per-shard levels, so plain stories look like traffic. */
const traffic = (s: number, t: number) => (80 + 40 * Math.sin(t / 18) + 25 * ((s * 7) % 5)) * (1 + 0.08 * Math.sin(s * 13 + t));

const simulated = (shards: number) => new SimulatedProvider({ scenario: 'sharded', shards, seed: 3 });

const meta: Meta<Args> = {
  title: 'Elements/ps-keyspace-heatmap',
  component: 'ps-keyspace-heatmap',
  args: { theme: 'light', metric: 'queries', scale: '', palette: 'magma', brightness: 1 },
  argTypes: {
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    metric: { control: 'select', options: ['queries', 'reads', 'writes', 'errors', 'replication_lag', 'cpu'] },
    scale: { control: 'inline-radio', options: ['', 'log', 'linear'] },
    palette: { control: 'inline-radio', options: ['magma', 'viridis', 'cividis'] },
    brightness: { control: { type: 'range', min: 0.25, max: 8, step: 0.25 } },
  },
};
export default meta;
type Story = StoryObj<Args>;

const withProvider = (provider: DataProvider, range = '6h') => ({ theme, metric, scale, palette, brightness }: Args) => html`<ps-keyspace-heatmap
  theme=${theme} metric=${metric} scale=${scale} palette=${palette} .brightness=${brightness} range=${range}
  database="shop" branch="main" .provider=${provider}></ps-keyspace-heatmap>`;

const withData = (data: () => KeyspaceHeatmap, table = false) => ({ theme, scale, palette, brightness }: Args) => html`<ps-keyspace-heatmap
  theme=${theme} scale=${scale} palette=${palette} .brightness=${brightness} ?table=${table}
  database="shop" branch="main" keyspace="shop" .heatmap=${data()}></ps-keyspace-heatmap>`;

/** 64 shards, last 6 hours: three steadily hot shards, the daily cycle, and a hot spot that started 2 h 15 min ago. */
export const HotSpot: Story = { render: withProvider(simulated(64)) };

/** 1 024 shards over a week (≈ 1.5 M cells): the reshard from 512 shards 30 h ago is the moment the grid changes. */
export const ThousandShardsWeek: Story = { render: withProvider(simulated(1024), '7d') };

/** Worst replica lag per shard: a gauge, so a linear scale and no skew figure. */
export const ReplicationLag: Story = { args: { metric: 'replication_lag' }, render: withProvider(simulated(32)) };

/** Errors: mostly quiet, loud where the hot spot overloads its shard. */
export const Errors: Story = { args: { metric: 'errors' }, render: withProvider(simulated(32)) };

/** Two shards: `-80` is the top half of the picture. */
export const TwoShards: Story = { render: withData(() => plain(evenKeyRanges(2), 144, traffic)) };

/** Three shards: uneven boundaries (`-55`, `55-aa`, `aa-`), each a third of the key space. */
export const ThreeShards: Story = { render: withData(() => plain(evenKeyRanges(3), 144, traffic)) };

/** A gap (no shard holds `a0`–`c0`) and an overlap (`40-80` and `60-a0`), hatched and labelled. */
export const GapAndOverlap: Story = { render: withData(() => plain(['-40', '40-80', '60-a0', 'c0-'], 144, traffic)) };

/** A reshard mid-window: `-80` and `80-` serve until the cut-over, four shards after it. */
export const ReshardMidWindow: Story = {
  render: withData(() => plain(['-80', '80-', '-40', '40-80', '80-c0', 'c0-'], 144, (s, t) => (s < 2 ? (t < 80 ? 2 * traffic(s, t) : NaN) : t >= 80 ? traffic(s, t) : NaN))),
};

/** View as table: the busiest shards of each window, newest first. */
export const TableView: Story = { render: withData(() => plain(evenKeyRanges(16), 144, (s, t) => (s === 11 && t > 100 ? 900 : traffic(s, t))), true) };

/** Another palette: cividis, tuned for colour-vision deficiency. */
export const Cividis: Story = { args: { palette: 'cividis' }, render: withProvider(simulated(64)) };

/** VTAdmin has no metrics: the element says so. */
export const NotAvailable: Story = { render: withProvider(new VTAdminProvider({ url: '/vtadmin' })) };

/** Bad data (a negative rate): a clear error. */
export const InvalidData: Story = {
  render: withData(() => {
    const data = plain(evenKeyRanges(4), 20, traffic);
    data.values[3] = -5;
    return data;
  }),
};

/** The provider has not answered yet. */
export const Loading: Story = {
  render: withProvider({ ...simulated(8), getTopology: () => new Promise(() => {}), getMetrics: () => new Promise(() => {}), getKeyspaceHeatmap: () => new Promise(() => {}) }),
};
