/** Try the elements on your own data: pick a provider, give its URL (a same-origin proxy, or a server allowing CORS). */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/ps-infrastructure/index.js';
import { combineProviders } from '../src/providers/combine.js';
import { PlanetScaleProvider } from '../src/providers/planetscale/index.js';
import { PrometheusProvider } from '../src/providers/prometheus/index.js';
import type { DataProvider } from '../src/providers/provider.js';
import { SCENARIOS, SimulatedProvider, type SimulatedScenario } from '../src/providers/simulated/index.js';
import { VTAdminProvider } from '../src/providers/vtadmin/index.js';

interface PlaygroundArgs {
  topologySource: 'simulated' | 'vtadmin' | 'planetscale' | 'prometheus';
  metricsSource: 'simulated' | 'prometheus';
  scenario: SimulatedScenario;
  vtadminUrl: string;
  planetscaleUrl: string;
  organization: string;
  prometheusUrl: string;
  database: string;
  branch: string;
  keyspace: string;
  theme: 'light' | 'dark' | 'auto';
}

function providerFor(args: PlaygroundArgs): DataProvider {
  const simulated = new SimulatedProvider({ scenario: args.scenario });
  const prometheus = new PrometheusProvider({ url: args.prometheusUrl });
  const topologySources: Record<PlaygroundArgs['topologySource'], () => DataProvider> = {
    simulated: () => simulated,
    vtadmin: () => new VTAdminProvider({ url: args.vtadminUrl }),
    planetscale: () => new PlanetScaleProvider({ url: args.planetscaleUrl, organization: args.organization }),
    prometheus: () => prometheus,
  };
  return combineProviders({
    topology: topologySources[args.topologySource](),
    metrics: args.metricsSource === 'prometheus' ? prometheus : simulated,
  });
}

const meta: Meta<PlaygroundArgs> = {
  title: 'Playground',
  args: {
    topologySource: 'simulated',
    metricsSource: 'simulated',
    scenario: 'production',
    vtadminUrl: '/vtadmin',
    planetscaleUrl: '/api/planetscale',
    organization: 'acme',
    prometheusUrl: '/prometheus',
    database: 'shop',
    branch: 'main',
    keyspace: '',
    theme: 'light',
  },
  argTypes: {
    topologySource: { control: 'inline-radio', options: ['simulated', 'vtadmin', 'planetscale', 'prometheus'] },
    metricsSource: { control: 'inline-radio', options: ['simulated', 'prometheus'] },
    scenario: { control: 'select', options: SCENARIOS },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
  },
  render: (args) => html`
    <ps-infrastructure
      style="height: 640px"
      .provider=${providerFor(args)}
      database=${args.database}
      branch=${args.branch}
      keyspace=${args.keyspace}
      theme=${args.theme}
    ></ps-infrastructure>
  `,
};
export default meta;

export const Playground: StoryObj<PlaygroundArgs> = {};
