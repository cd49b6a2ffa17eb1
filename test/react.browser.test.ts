// The React wrappers (`ps-widgets/react`) rendered by react-dom in Chromium: properties reach the element as
// properties, and `onPs…` props receive the element's typed events.
import { expect } from '@open-wc/testing';
import { createElement, createRef } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { PsMetricCard, PsTopology, eventPropName } from '../src/react/index.js';
import { PsMetricCard as PsMetricCardElement } from '../src/elements/ps-metric-card/ps-metric-card.js';
import { emit, type PsEventDetails } from '../src/elements/events.js';
import { SimulatedProvider } from '../src/providers/simulated/index.js';
import type { ElementRef } from '../src/model/types.js';

const vtgates: ElementRef = { kind: 'vtgates', database: 'shop', branch: 'main', keyspace: 'shop' };

describe('React wrappers', () => {
  let host: HTMLElement;
  let root: Root;

  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });

  afterEach(() => {
    root.unmount();
    host.remove();
  });

  it('names event props after the events', () => {
    expect(eventPropName('ps-select')).to.equal('onPsSelect');
    expect(eventPropName('ps-view-resize')).to.equal('onPsViewResize');
    expect(eventPropName('ps-range-change')).to.equal('onPsRangeChange');
  });

  it('passes properties to <ps-metric-card> and delivers ps-range-change to onPsRangeChange', async () => {
    const provider = new SimulatedProvider({ scenario: 'production' });
    const ranges: PsEventDetails['ps-range-change']['range'][] = [];
    const ref = createRef<PsMetricCardElement>();
    flushSync(() => root.render(createElement(PsMetricCard, {
      ref, provider, target: vtgates, range: '1h', refresh: '0', theme: 'dark',
      onPsRangeChange: (event) => ranges.push(event.detail.range),
    })));
    const card = ref.current!;
    expect(card).to.be.instanceOf(PsMetricCardElement);
    expect(card.localName).to.equal('ps-metric-card');
    // Objects go in as properties, not as "[object Object]" attributes.
    expect(card.provider).to.equal(provider);
    expect(card.target).to.deep.equal(vtgates);
    expect(card.hasAttribute('target')).to.equal(false);
    await card.updateComplete;
    expect(card.getAttribute('theme')).to.equal('dark');

    const picker = card.shadowRoot!.querySelector<HTMLSelectElement>('select.range-select')!;
    picker.value = '3h';
    picker.dispatchEvent(new Event('change'));
    expect(ranges).to.deep.equal(['3h']);
  });

  it('delivers ps-select to onPsSelect with its typed detail, and stops listening when the prop goes', () => {
    const nodes: PsEventDetails['ps-select']['node'][] = [];
    const ref = createRef<HTMLElementTagNameMap['ps-topology']>();
    flushSync(() => root.render(createElement(PsTopology, { ref, onPsSelect: (event) => nodes.push(event.detail.node) })));
    const topology = ref.current!;
    expect(topology.localName).to.equal('ps-topology');
    emit(topology, 'ps-select', { node: null });
    expect(nodes).to.deep.equal([null]);

    flushSync(() => root.render(createElement(PsTopology, { ref })));
    expect(ref.current).to.equal(topology);
    emit(topology, 'ps-select', { node: null });
    expect(nodes).to.have.length(1);
  });
});
