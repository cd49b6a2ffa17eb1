/** Stories of `<ps-metric-card>` on the simulated cluster: each target kind, each range, loading, error, empty, dark. */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/ps-metric-card/define.js';
import { RANGE_PRESETS } from '../src/model/time-range.js';
import type { ElementRef, MetricFrame, Tablet, TabletRole, Topology } from '../src/model/types.js';
import type { DataProvider } from '../src/providers/provider.js';
import { SimulatedProvider } from '../src/providers/simulated/index.js';

interface Args {
  range: string;
  expanded: boolean;
  theme: 'light' | 'dark' | 'auto';
}

const provider = new SimulatedProvider({ scenario: 'read-only-regions', seed: 7 });
/** Answers slowly enough to show the skeletons. */
const slowProvider = new SimulatedProvider({ scenario: 'read-only-regions', seed: 7, latencyMs: 600_000 });
/** Every call fails, so each chart shows its error and Retry. */
const failingProvider = new SimulatedProvider({ scenario: 'read-only-regions', seed: 7, failureRate: 1 });

const vtgates: ElementRef = { kind: 'vtgates', database: 'shop', branch: 'main', keyspace: 'shop' };

async function loadTopology(): Promise<{ topology: Topology }> {
  const topology = await provider.getTopology({ database: 'shop', branch: 'main' }, { signal: new AbortController().signal });
  return { topology };
}

function tabletOf(topology: Topology, pick: (t: Tablet) => boolean): { ref: ElementRef; role: TabletRole; region: string } {
  const shard = topology.shards[0];
  const tablet = shard.tablets.find(pick)!;
  return {
    ref: { kind: 'tablet', database: 'shop', branch: 'main', keyspace: 'shop', shard: shard.name, tabletId: tablet.id },
    role: tablet.role,
    region: tablet.region,
  };
}

const theme = (args: Args, globals: Record<string, unknown>) => (args.theme === 'auto' ? (globals.theme === 'dark' ? 'dark' : 'light') : args.theme);

const card = (args: Args, globals: Record<string, unknown>, target: ElementRef, extra: { provider?: DataProvider; role?: TabletRole; region?: string; frames?: MetricFrame[] } = {}) => html`
  <div style="max-width: 640px">
    <ps-metric-card
      .provider=${extra.provider ?? provider}
      .target=${target}
      .frames=${extra.frames ?? null}
      tablet-role=${extra.role ?? ''}
      region=${extra.region ?? ''}
      range=${args.range}
      ?expanded=${args.expanded}
      theme=${theme(args, globals)}
    ></ps-metric-card>
  </div>
`;

const meta: Meta<Args> = {
  title: 'Elements/ps-metric-card',
  component: 'ps-metric-card',
  args: { range: '6h', expanded: true, theme: 'auto' },
  argTypes: {
    range: { control: 'select', options: [...RANGE_PRESETS] },
    expanded: { control: 'boolean' },
    theme: { control: 'inline-radio', options: ['auto', 'light', 'dark'] },
  },
  loaders: [loadTopology],
};
export default meta;

type Story = StoryObj<Args>;

export const VTGates: Story = {
  render: (args, { globals }) => card(args, globals, vtgates),
};

export const Primary: Story = {
  render: (args, { globals, loaded }) => {
    const t = tabletOf(loaded.topology as Topology, (tablet) => tablet.role === 'primary');
    return card(args, globals, t.ref, { role: t.role, region: t.region });
  },
};

export const Replica: Story = {
  render: (args, { globals, loaded }) => {
    const t = tabletOf(loaded.topology as Topology, (tablet) => tablet.role === 'replica' && !tablet.readOnlyRegion);
    return card(args, globals, t.ref, { role: t.role, region: t.region });
  },
};

/** A replica in a read-only region: replication lag carries the cross-region delay. */
export const CrossRegionReplica: Story = {
  render: (args, { globals, loaded }) => {
    const t = tabletOf(loaded.topology as Topology, (tablet) => tablet.readOnlyRegion);
    return card(args, globals, t.ref, { role: t.role, region: t.region });
  },
};

/** Role and region left for the card to find in the topology. */
export const RoleFromTopology: Story = {
  render: (args, { globals, loaded }) => card(args, globals, tabletOf(loaded.topology as Topology, (tablet) => tablet.role === 'replica').ref),
};

export const Collapsed: Story = {
  args: { expanded: false },
  render: (args, { globals, loaded }) => {
    const t = tabletOf(loaded.topology as Topology, (tablet) => tablet.role === 'replica');
    return card(args, globals, t.ref, { role: t.role, region: t.region });
  },
};

/** Every preset side by side, collapsed (the range picker changes one card live in the other stories). */
export const EachRange: Story = {
  args: { expanded: false },
  render: (args, { globals }) => html`<div style="display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 16px">
    ${RANGE_PRESETS.map((range) => card({ ...args, range }, globals, vtgates))}
  </div>`,
};

export const Range15m: Story = { args: { range: '15m' }, render: VTGates.render };
export const Range7d: Story = { args: { range: '7d' }, render: Replica.render };

export const Loading: Story = {
  render: (args, { globals }) => card(args, globals, vtgates, { provider: slowProvider }),
};

export const LoadError: Story = {
  name: 'Error',
  render: (args, { globals }) => card(args, globals, vtgates, { provider: failingProvider }),
};

/** Plain frames with no samples in the range. */
export const EmptyData: Story = {
  render: (args, { globals }) => card(args, globals, vtgates, {
    frames: (['connections', 'latency', 'queries', 'cpu', 'memory'] as const).map((metric) => ({
      metric,
      unit: metric === 'latency' ? 'seconds' : metric === 'queries' ? 'per_second' : metric === 'connections' ? 'count' : 'percent',
      timestamps: new Float64Array(0),
      series: [{ label: metric === 'latency' ? 'p50' : metric, values: new Float64Array(0) }],
    })),
  }),
};

export const Dark: Story = {
  args: { theme: 'dark' },
  parameters: { backgrounds: { default: 'dark' } },
  decorators: [(story) => html`<div style="background: #0b0d12; padding: 16px">${story()}</div>`],
  render: Replica.render,
};
