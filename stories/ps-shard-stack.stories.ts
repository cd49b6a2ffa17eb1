/** Stories of `<ps-shard-stack>` on the simulated cluster: 8, 64 and 1024 shards, a resize, bad data, loading, error; light and dark. */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/ps-shard-stack/define.js';
import type { Shard, Topology } from '../src/model/types.js';
import { SimulatedProvider } from '../src/providers/simulated/index.js';

interface Args {
  theme: 'auto' | 'light' | 'dark';
  filter: string;
  sort: 'key-range' | 'lag';
  lagWarning: number;
}

const themeOf = (args: Args, globals: Record<string, unknown>) => (args.theme === 'auto' ? (globals.theme === 'dark' ? 'dark' : 'light') : args.theme);

const meta: Meta<Args> = {
  title: 'Elements/ps-shard-stack',
  component: 'ps-shard-stack',
  args: { theme: 'auto', filter: '', sort: 'key-range', lagWarning: 10 },
  argTypes: {
    theme: { control: 'inline-radio', options: ['auto', 'light', 'dark'] },
    sort: { control: 'inline-radio', options: ['key-range', 'lag'] },
    lagWarning: { control: { type: 'number', min: 0, step: 0.1 } },
  },
};
export default meta;

type Story = StoryObj<Args>;

const list = (args: Args, globals: Record<string, unknown>, provider: SimulatedProvider, shard = '') => html`
  <ps-shard-stack
    .provider=${provider}
    database="shop"
    branch="main"
    shard=${shard}
    filter=${args.filter}
    sort=${args.sort}
    lag-warning=${args.lagWarning}
    theme=${themeOf(args, globals)}
    style="max-width: 920px; --ps-shard-stack-height: 520px"
  ></ps-shard-stack>
`;

const scenario = (shards: number, options: { theme?: 'light' | 'dark'; resizing?: boolean; shard?: string; filter?: string } = {}): Story => ({
  args: { ...(options.theme ? { theme: options.theme } : {}), ...(options.filter ? { filter: options.filter } : {}) },
  render: (args, { globals }) =>
    list(args, globals, new SimulatedProvider({ scenario: options.resizing ? 'resizing' : 'sharded', shards, seed: 3 }), options.shard),
});

export const Shards8 = scenario(8);
export const Shards64 = scenario(64);
export const Shards1024 = scenario(1024);
export const Resizing = scenario(16, { resizing: true });
export const Filtered = scenario(64, { filter: 'c' });
export const OpenShard = scenario(64, { shard: '80-84' });

export const Shards64Dark = scenario(64, { theme: 'dark' });
export const ResizingDark = scenario(16, { resizing: true, theme: 'dark' });
export const OpenShardDark = scenario(64, { shard: '80-84', theme: 'dark' });

/** Plain data with problems shown, not hidden: no primary, unknown lag, lag over the threshold, an overlap and a gap, tablets out of service. */
const badShards = async (): Promise<Shard[]> => {
  const topology: Topology = await new SimulatedProvider({ scenario: 'sharded', shards: 8, seed: 3 })
    .getTopology({ database: 'shop', branch: 'main' }, { signal: new AbortController().signal });
  const shards = topology.shards;
  shards[1] = { ...shards[1], tablets: shards[1].tablets.filter((t) => t.role !== 'primary') };
  shards[2] = { ...shards[2], tablets: shards[2].tablets.map((t) => (t.role === 'replica' ? { ...t, lagSeconds: null } : t)) };
  shards[3] = { ...shards[3], tablets: shards[3].tablets.map((t, i) => (i === 1 ? { ...t, lagSeconds: 42.5 } : i === 2 ? { ...t, serving: false } : t)) };
  // 50-70 overlaps 40-60 and 60-80; dropping a0-c0 leaves a gap.
  return [...shards.filter((s) => s.name !== 'a0-c0'), { name: '50-70', keyRange: { start: '50', end: '70' }, tablets: [] }];
};

export const BadData: Story = {
  loaders: [async () => ({ shards: await badShards() })],
  render: (args, { globals, loaded }) => html`
    <ps-shard-stack .shards=${loaded.shards as Shard[]} database="shop" branch="main" theme=${themeOf(args, globals)} lag-warning=${args.lagWarning}
      style="max-width: 920px"></ps-shard-stack>
  `,
};

export const BadDataDark: Story = { ...BadData, args: { theme: 'dark' } };

/** The provider never answers within the story's life: the skeleton. */
export const Loading: Story = {
  render: (args, { globals }) => list(args, globals, new SimulatedProvider({ scenario: 'sharded', shards: 64, latencyMs: 600_000 })),
};

/** Every request fails: the message and Retry. */
export const LoadError: Story = {
  render: (args, { globals }) => list(args, globals, new SimulatedProvider({ scenario: 'sharded', shards: 64, failureRate: 1 })),
};
