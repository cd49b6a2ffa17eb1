/**
 * Stories of `<ps-infrastructure>` on the simulated cluster: every scenario in light and dark, each kind of side panel
 * open (a MySQL node's card, the shard list, a resize's progress), the narrow bottom sheet, loading and error.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/ps-infrastructure/define.js';
import { RANGE_PRESETS } from '../src/model/time-range.js';
import { SimulatedProvider, type SimulatedScenario } from '../src/providers/simulated/index.js';

interface Args {
  theme: 'auto' | 'light' | 'dark';
  /** What the side panel shows: `vtgates`, `tablet:<id>`, `shard-stack`, `shard:<name>`, `resize`, or nothing. */
  selected: string;
  range: string;
  refresh: string;
  /** The element's width in px (below 720 the panel becomes a bottom sheet). */
  width: number;
}

const themeOf = (args: Args, globals: Record<string, unknown>) => (args.theme === 'auto' ? (globals.theme === 'dark' ? 'dark' : 'light') : args.theme);

const composite = (args: Args, globals: Record<string, unknown>, provider: SimulatedProvider, branch = 'main') => html`
  <ps-infrastructure
    .provider=${provider}
    database="shop"
    branch=${branch}
    theme=${themeOf(args, globals)}
    selected=${args.selected}
    range=${args.range}
    refresh=${args.refresh}
    style="display: block; height: 680px; max-width: ${args.width}px"
  ></ps-infrastructure>
`;

const meta: Meta<Args> = {
  title: 'Elements/ps-infrastructure',
  component: 'ps-infrastructure',
  args: { theme: 'auto', selected: '', range: '6h', refresh: '0', width: 1280 },
  argTypes: {
    theme: { control: 'inline-radio', options: ['auto', 'light', 'dark'] },
    selected: { control: 'select', options: ['', 'vtgates', 'shard-stack', 'resize'] },
    range: { control: 'select', options: [...RANGE_PRESETS] },
    refresh: { control: 'select', options: ['0', '5s', '30s'] },
    width: { control: { type: 'range', min: 360, max: 1600, step: 20 } },
  },
};
export default meta;

type Story = StoryObj<Args>;

const scenario = (name: SimulatedScenario, options: { shards?: number; branch?: string; theme?: 'light' | 'dark'; selected?: string } = {}): Story => ({
  args: { ...(options.theme ? { theme: options.theme } : {}), ...(options.selected ? { selected: options.selected } : {}) },
  render: (args, { globals }) => composite(args, globals, new SimulatedProvider({ scenario: name, shards: options.shards, seed: 3 }), options.branch),
});

export const Development = scenario('development', { branch: 'add-orders' });
export const Production = scenario('production');
export const ReadOnlyRegions = scenario('read-only-regions');
export const Sharded = scenario('sharded', { shards: 64 });
export const Resizing = scenario('resizing', { shards: 16 });

export const DevelopmentDark = scenario('development', { branch: 'add-orders', theme: 'dark' });
export const ProductionDark = scenario('production', { theme: 'dark' });
export const ReadOnlyRegionsDark = scenario('read-only-regions', { theme: 'dark' });
export const ShardedDark = scenario('sharded', { shards: 64, theme: 'dark' });
export const ResizingDark = scenario('resizing', { shards: 16, theme: 'dark' });

/** The VTGates' metrics in the side panel. */
export const VTGatesSelected = scenario('production', { selected: 'vtgates' });

/** A replica's metrics in the side panel (the first replica of the simulated cluster). */
export const ReplicaSelected: Story = {
  loaders: [
    async () => {
      const topology = await new SimulatedProvider({ scenario: 'read-only-regions', seed: 3 })
        .getTopology({ database: 'shop', branch: 'main' }, { signal: new AbortController().signal });
      const replica = topology.shards[0].tablets.find((tablet) => tablet.role === 'replica');
      return { selected: replica ? `tablet:${replica.id}` : 'vtgates' };
    },
  ],
  render: (args, { globals, loaded }) => composite({ ...args, selected: args.selected || String(loaded.selected) }, globals, new SimulatedProvider({ scenario: 'read-only-regions', seed: 3 })),
};

/** 64 shards as one stack node, and their list in the side panel. */
export const ShardList = scenario('sharded', { shards: 64, selected: 'shard-stack' });

/** A resize in progress: the banner above the diagram, and per-shard progress in the side panel. */
export const ResizeProgress = scenario('resizing', { shards: 16, selected: 'resize' });

/** Below 720 px of its own width the side panel is a bottom sheet. */
export const Narrow: Story = { ...scenario('production', { selected: 'vtgates' }), args: { selected: 'vtgates', width: 600 } };

/** The provider never answers within the story's life: the skeleton. */
export const Loading: Story = {
  render: (args, { globals }) => composite(args, globals, new SimulatedProvider({ scenario: 'production', latencyMs: 600_000 })),
};

/** Every request fails: the message and Retry. */
export const LoadError: Story = {
  render: (args, { globals }) => composite(args, globals, new SimulatedProvider({ scenario: 'production', failureRate: 1 })),
};
