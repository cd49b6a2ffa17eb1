import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/ps-resize-status/index.js';
import type { ResizeStatus } from '../src/model/types.js';
import { SimulatedProvider } from '../src/providers/simulated/index.js';

interface Args {
  variant: 'banner' | 'detail';
  theme: 'light' | 'dark' | 'auto';
}

const NOW = Date.UTC(2026, 10, 28, 12);
const MINUTE = 60_000;

function finished(state: 'completed' | 'canceled'): ResizeStatus {
  return {
    state,
    from: { size: 'PS-40', replicas: 2 },
    to: { size: 'PS-80', replicas: 2 },
    startedAt: NOW - 30 * MINUTE,
    shards: ['-40', '40-80', '80-c0', 'c0-'].map((shard, i) => ({
      shard,
      state: state === 'canceled' && i > 1 ? 'canceled' : 'completed',
      startedAt: NOW - (30 - 6 * i) * MINUTE,
      finishedAt: NOW - (26 - 6 * i) * MINUTE,
    })),
  };
}

const withFailure: ResizeStatus = {
  ...finished('completed'),
  state: 'resizing',
  shards: [
    { shard: '-40', state: 'completed', startedAt: NOW - 30 * MINUTE, finishedAt: NOW - 26 * MINUTE },
    { shard: '40-80', state: 'failed', startedAt: NOW - 26 * MINUTE, finishedAt: NOW - 20 * MINUTE },
    { shard: '80-c0', state: 'resizing', startedAt: NOW - 4 * MINUTE },
    { shard: 'c0-', state: 'pending' },
  ],
};

const meta: Meta<Args> = {
  title: 'Elements/ps-resize-status',
  component: 'ps-resize-status',
  args: { variant: 'detail', theme: 'light' },
  argTypes: {
    variant: { control: 'inline-radio', options: ['banner', 'detail'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
  },
};
export default meta;
type Story = StoryObj<Args>;

/** A live resize on the simulated cluster: shards move from pending through resizing to completed. */
export const LiveDetail: Story = {
  render: ({ variant, theme }) => html`<ps-resize-status
    variant=${variant}
    theme=${theme}
    database="shop"
    branch="main"
    refresh="2s"
    .provider=${new SimulatedProvider({ scenario: 'resizing', shards: 16 })}
  ></ps-resize-status>`,
};

export const LiveBanner: Story = { ...LiveDetail, args: { variant: 'banner' } };

export const Completed: Story = {
  render: ({ variant, theme }) => html`<ps-resize-status variant=${variant} theme=${theme} keyspace="shop" .now=${() => NOW} .status=${finished('completed')}></ps-resize-status>`,
};

export const Canceled: Story = {
  render: ({ variant, theme }) => html`<ps-resize-status variant=${variant} theme=${theme} keyspace="shop" .now=${() => NOW} .status=${finished('canceled')}></ps-resize-status>`,
};

export const FailedShard: Story = {
  render: ({ variant, theme }) => html`<ps-resize-status variant=${variant} theme=${theme} keyspace="shop" .now=${() => NOW} .status=${withFailure}></ps-resize-status>`,
};

export const NothingResizing: Story = {
  render: ({ variant, theme }) => html`<ps-resize-status variant=${variant} theme=${theme} keyspace="shop" .status=${null}></ps-resize-status>`,
};

export const ProviderError: Story = {
  render: ({ variant, theme }) => html`<ps-resize-status
    variant=${variant}
    theme=${theme}
    database="shop"
    branch="main"
    .provider=${new SimulatedProvider({ scenario: 'resizing', failureRate: 1 })}
  ></ps-resize-status>`,
};

export const Dark: Story = { ...FailedShard, args: { theme: 'dark' } };
