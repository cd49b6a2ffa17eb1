/** Stories of `<ps-topology>` on the simulated cluster: every scenario in light and dark, loading, error, lag warning, live actions. */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/ps-topology/define.js';
import type { PsTopology } from '../src/elements/ps-topology/ps-topology.js';
import type { Topology } from '../src/model/types.js';
import { SimulatedProvider, type SimulatedScenario } from '../src/providers/simulated/index.js';
import { realTopology } from '../scripts/real-topology.mjs';

interface Args {
  theme: 'auto' | 'light' | 'dark';
  lagWarning: number;
  refresh: string;
}

const themeOf = (args: Args, globals: Record<string, unknown>) => (args.theme === 'auto' ? (globals.theme === 'dark' ? 'dark' : 'light') : args.theme);

const diagram = (args: Args, globals: Record<string, unknown>, provider: SimulatedProvider, database = 'shop', branch = 'main') => html`
  <ps-topology
    .provider=${provider}
    database=${database}
    branch=${branch}
    theme=${themeOf(args, globals)}
    lag-warning=${args.lagWarning}
    refresh=${args.refresh}
    style="--ps-topology-height: 520px; max-width: 1100px"
  ></ps-topology>
`;

const meta: Meta<Args> = {
  title: 'Elements/ps-topology',
  component: 'ps-topology',
  args: { theme: 'auto', lagWarning: 10, refresh: '0' },
  argTypes: {
    theme: { control: 'inline-radio', options: ['auto', 'light', 'dark'] },
    lagWarning: { control: { type: 'number', min: 0, step: 0.1 } },
    refresh: { control: 'select', options: ['0', '5s', '30s'] },
  },
};
export default meta;

type Story = StoryObj<Args>;

const scenario = (name: SimulatedScenario, options: { shards?: number; branch?: string; theme?: 'light' | 'dark' } = {}): Story => ({
  ...(options.theme ? { args: { theme: options.theme } } : {}),
  render: (args, { globals }) => diagram(args, globals, new SimulatedProvider({ scenario: name, shards: options.shards, seed: 3 }), 'shop', options.branch),
});

export const Development = scenario('development', { branch: 'add-orders' });
export const Production = scenario('production');
export const ReadOnlyRegions = scenario('read-only-regions');
export const Sharded = scenario('sharded', { shards: 64 });
export const Sharded1024 = scenario('sharded', { shards: 1024 });
export const Resizing = scenario('resizing', { shards: 16 });

export const DevelopmentDark = scenario('development', { branch: 'add-orders', theme: 'dark' });
export const ProductionDark = scenario('production', { theme: 'dark' });
export const ReadOnlyRegionsDark = scenario('read-only-regions', { theme: 'dark' });
export const ShardedDark = scenario('sharded', { shards: 64, theme: 'dark' });
export const ResizingDark = scenario('resizing', { shards: 16, theme: 'dark' });

/** The provider never answers within the story's life: the skeleton. */
export const Loading: Story = {
  render: (args, { globals }) => diagram(args, globals, new SimulatedProvider({ scenario: 'production', latencyMs: 600_000 })),
};

/** Every request fails: the message and Retry (which fails again). */
export const LoadError: Story = {
  render: (args, { globals }) => diagram(args, globals, new SimulatedProvider({ scenario: 'production', failureRate: 1 })),
};

/** Plain data with one replica far behind and one not serving: warning style with an icon, and words. */
export const LagWarningAndNotServing: Story = {
  loaders: [
    async () => {
      const topology: Topology = await new SimulatedProvider({ scenario: 'read-only-regions', seed: 3 })
        .getTopology({ database: 'shop', branch: 'main' }, { signal: new AbortController().signal });
      const tablets = topology.shards[0].tablets;
      tablets[1] = { ...tablets[1], lagSeconds: 14.2 };
      tablets[4] = { ...tablets[4], lagSeconds: null, serving: false };
      return { topology };
    },
  ],
  render: (args, { globals, loaded }) => html`
    <ps-topology .topology=${loaded.topology} theme=${themeOf(args, globals)} lag-warning=${args.lagWarning}
      style="--ps-topology-height: 520px; max-width: 1100px"></ps-topology>
  `,
};

/**
 * A MySQL primary and replica with no Vitess in front (the `mysqld` Prometheus preset, `npm run demo:real`): no VTGates
 * are reported, so none are drawn.
 */
export const MySqlOnly: Story = {
  render: (args, { globals }) => html`
    <ps-topology .topology=${realTopology()} theme=${themeOf(args, globals)} lag-warning=${args.lagWarning}
      style="--ps-topology-height: 520px; max-width: 1100px"></ps-topology>
  `,
};

export const MySqlOnlyDark: Story = { ...MySqlOnly, args: { theme: 'dark' } };

/** Live actions on the simulated cluster; the diagram follows through `watch` and moves nodes smoothly. */
export const LiveActions: Story = {
  render: (args, { globals }) => {
    const provider = new SimulatedProvider({ scenario: 'development', seed: 3 });
    const regions = ['us-west-2', 'eu-central-1', 'ap-south-1', 'ap-northeast-1'];
    const log = (message: string) => {
      const output = document.querySelector('#ps-topology-log');
      if (output) output.textContent = message;
    };
    const act = (action: () => void) => () => {
      try {
        action();
      } catch (error) {
        log(error instanceof Error ? error.message : String(error));
      }
    };
    return html`
      <div style="display: flex; gap: 8px; margin-bottom: 12px; flex-wrap: wrap; font: 13px system-ui">
        <button @click=${act(() => provider.promote())}>Promote to production</button>
        <button @click=${act(() => provider.addReadOnlyRegion(regions.shift() ?? `region-${Date.now()}`))}>Add read-only region</button>
        <button @click=${act(() => provider.failover())}>Failover</button>
        <button @click=${act(() => provider.startResize('PS-80'))}>Start resize</button>
        <output id="ps-topology-log" style="align-self: center; color: #888"></output>
      </div>
      <div
        @ps-select=${(event: CustomEvent) => log(`ps-select ${JSON.stringify(event.detail.node)}`)}
        @ps-view-resize=${(event: CustomEvent) => log(`ps-view-resize ${event.detail.keyspace}`)}
      >${diagram(args, globals, provider, 'shop', 'main')}</div>
      <button style="margin-top: 8px" @click=${() => {
        const element = document.querySelector<PsTopology>('ps-topology');
        if (!element) return;
        const link = document.createElement('a');
        link.download = 'topology.svg';
        link.href = URL.createObjectURL(new Blob([element.toSVG()], { type: 'image/svg+xml' }));
        link.click();
      }}>Download SVG</button>
    `;
  },
};
