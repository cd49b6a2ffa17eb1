import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/ps-resize-status/index.js';
import type { ResizeStatus } from '../src/model/types.js';
import { SimulatedProvider } from '../src/providers/simulated/index.js';
import { NOW as PHASE_NOW, RESIZE_PHASE_EXAMPLES } from './resize-phases.js';

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

/** A live resize on the simulated cluster: shards walk pending → copying → copied, not switched → switched → completed. */
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

/** One phase of a resize, as plain data at a fixed clock. */
const phase = (name: string): Story => ({
  render: ({ variant, theme }) => html`<ps-resize-status
    variant=${variant}
    theme=${theme}
    keyspace="shop"
    .now=${() => PHASE_NOW}
    .status=${RESIZE_PHASE_EXAMPLES[name]}
  ></ps-resize-status>`,
});

export const PhaseQueued = phase('queued');
export const PhasePending = phase('pending');
/** Each shard copying, with its percent; the whole copy percent on the bar. */
export const PhaseCopying = phase('copying');
/** Copied, traffic not switched yet: the old shards still serve everything, the new ones replicate with lag. */
export const PhaseReplicating = phase('replicating');
/** Traffic switched to the new shards; the workflow is not completed yet. */
export const PhaseSwitched = phase('switched');
export const PhaseCompleted = phase('completed');
export const PhaseStopped = phase('stopped');
/** A shard failed: the source's message, in words. */
export const PhaseError = phase('error');
export const PhaseCanceled = phase('canceled');
/** A source with states only (no phases): shards done out of all, as before phases. */
export const PhaseStatesOnly = phase('states only');

/** Every phase at once, banner above detail, in a narrow side panel or a wide page (`?width=`): for looking at them all. */
export const AllPhases: Story = {
  render: ({ theme }) => html`<div style="display: grid; gap: 28px; max-width: var(--gallery-width, 960px)">
    ${Object.keys(RESIZE_PHASE_EXAMPLES).map(
      (name) => html`<section aria-label=${`Phase ${name}`} style="display: grid; gap: 8px">
        <ps-resize-status variant="banner" theme=${theme} keyspace="shop" .now=${() => PHASE_NOW} .status=${RESIZE_PHASE_EXAMPLES[name]}></ps-resize-status>
        <ps-resize-status variant="detail" theme=${theme} keyspace="shop" .now=${() => PHASE_NOW} .status=${RESIZE_PHASE_EXAMPLES[name]}></ps-resize-status>
      </section>`,
    )}
  </div>`,
};
