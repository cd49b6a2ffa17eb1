import { expect, waitUntil } from '@open-wc/testing';
import axe from 'axe-core';
import '../src/elements/ps-resize-status/define.js';
import type { PsResizeStatus } from '../src/elements/ps-resize-status/ps-resize-status.js';
import { DataError } from '../src/model/errors.js';
import type { KeyspaceRef, MetricFrame, ResizeStatus, Topology } from '../src/model/types.js';
import type { DataProvider, RequestOptions } from '../src/providers/provider.js';
import { SimulatedProvider } from '../src/providers/simulated/index.js';
import { sendKeys } from '@web/test-runner-commands';
import { NOW as PHASE_NOW, RESIZE_PHASE_EXAMPLES } from '../stories/resize-phases.js';

const T0 = Date.UTC(2026, 10, 20, 12);
const MINUTE = 60_000;

function mount(setup: (el: PsResizeStatus) => void): Promise<PsResizeStatus> {
  const el = document.createElement('ps-resize-status');
  setup(el);
  document.body.append(el);
  return el.settled().then(() => el);
}

function shardStates(el: PsResizeStatus): Map<string, string> {
  const rows = [...el.shadowRoot!.querySelectorAll('tbody tr')];
  return new Map(rows.map((row) => [row.querySelector('th')!.textContent!.trim(), row.querySelector('.badge')!.textContent!.trim()]));
}

const plainStatus: ResizeStatus = {
  state: 'resizing',
  from: { size: 'PS-40', replicas: 2 },
  to: { size: 'PS-80', replicas: 2 },
  startedAt: T0,
  shards: [
    { shard: '-80', state: 'completed', startedAt: T0, finishedAt: T0 + 3 * MINUTE },
    { shard: '80-', state: 'resizing', startedAt: T0 + 3 * MINUTE },
  ],
};

afterEach(() => {
  for (const el of document.querySelectorAll('ps-resize-status')) el.remove();
});

describe('<ps-resize-status>', () => {
  it('is accessible in both themes, as a banner and as detail', async () => {
    for (const theme of ['light', 'dark'] as const) {
      // The element is transparent, like text on a page: give it the page a dark theme implies.
      document.body.style.background = theme === 'dark' ? '#0d1017' : '#ffffff';
      for (const variant of ['banner', 'detail'] as const) {
        const el = await mount((e) => Object.assign(e, { status: plainStatus, variant, theme, keyspace: 'shop', now: () => T0 + 5 * MINUTE }));
        const results = await axe.run(el);
        expect(results.violations.map((v) => `${theme}/${variant}: ${v.id} ${v.nodes.map((n) => n.html).join(' ')}`)).to.deep.equal([]);
        el.remove();
      }
    }
    document.body.style.background = '';
  });

  it('follows a simulated resize from pending through copying, copied, switched to completed as the clock advances', async () => {
    let clock = T0;
    const provider = new SimulatedProvider({ scenario: 'resizing', shards: 8, now: () => clock });
    const el = await mount((e) => Object.assign(e, { provider, database: 'shop', branch: 'main', variant: 'detail', refresh: '0', now: () => clock }));
    const seen = new Map<string, Set<string>>();
    const record = () => {
      for (const [shard, state] of shardStates(el)) {
        if (!seen.has(shard)) seen.set(shard, new Set());
        seen.get(shard)!.add(state);
      }
    };
    record();
    expect(shardStates(el).size).to.equal(8);
    const pendingAtStart = [...shardStates(el)].filter(([, state]) => state === 'Pending').map(([shard]) => shard);
    expect(pendingAtStart).not.to.be.empty;
    for (let step = 0; step < 200 && !el.shadowRoot!.querySelector('.final'); step++) {
      // Finer than the shortest phase (a switch lasts 15% of 2–4 minutes), so every shard is seen in each.
      clock += 10_000;
      await el.reload();
      await el.updateComplete;
      record();
    }
    expect(el.shadowRoot!.querySelector('.final')!.textContent).to.contain('Resize completed');
    expect([...shardStates(el).values()].every((state) => state === 'Completed')).to.equal(true);
    // Every shard that was waiting was seen in each real phase on its way, not only jumping to done.
    for (const shard of pendingAtStart) expect([...seen.get(shard)!], shard).to.include.members(['Pending', 'Copying', 'Copied', 'Switched', 'Completed']);
  });

  for (const [width, finishedShown] of [[900, true], [420, false]] as const) {
    it(`fits its table in ${width} px${finishedShown ? '' : ' by leaving out the finish time'}`, async () => {
      const el = await mount((e) => {
        Object.assign(e, { status: plainStatus, variant: 'detail', now: () => T0 + 5 * MINUTE });
        e.style.width = `${width}px`;
      });
      const table = el.shadowRoot!.querySelector('table')!;
      expect(table.getBoundingClientRect().width).to.be.at.most(width);
      const finished = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.finished')];
      expect(finished.length).to.equal(3);
      expect(finished.every((cell) => getComputedStyle(cell).display !== 'none')).to.equal(finishedShown);
    });
  }

  it('as a banner in a flex toolbar, sizes to its content (no size containment on the element)', async () => {
    const bar = document.createElement('div');
    bar.style.display = 'inline-flex';
    document.body.append(bar);
    const el = document.createElement('ps-resize-status');
    Object.assign(el, { status: plainStatus, variant: 'banner', keyspace: 'shop', now: () => T0 + 5 * MINUTE });
    bar.append(el);
    await el.settled();
    expect(el.getBoundingClientRect().width).to.be.above(200);
    bar.remove();
  });

  it('lists resizing shards first', async () => {
    const el = await mount((e) => Object.assign(e, { status: plainStatus, variant: 'detail', now: () => T0 + 5 * MINUTE }));
    expect([...shardStates(el).keys()]).to.deep.equal(['80-', '-80']);
    const bar = el.shadowRoot!.querySelector('[role=progressbar]')!;
    expect([bar.getAttribute('aria-valuenow'), bar.getAttribute('aria-valuetext')]).to.deep.equal(['50', '1 of 2 shards done']);
  });

  it('shows a banner with progress, sizes and elapsed time, and View fires ps-view-resize', async () => {
    const el = await mount((e) => Object.assign(e, { status: plainStatus, keyspace: 'shop', now: () => T0 + 5 * MINUTE }));
    const banner = el.shadowRoot!.querySelector('[part=banner]')!;
    expect(banner.textContent!.replace(/\s+/g, ' ')).to.contain('Resizing keyspace shop');
    expect(banner.textContent).to.contain('1 of 2 shards done');
    expect(banner.textContent).to.contain('PS-40 · 2 replicas → PS-80 · 2 replicas');
    expect(banner.textContent).to.contain('5m 0s elapsed');
    let detail: unknown;
    el.addEventListener('ps-view-resize', (event) => (detail = event.detail));
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=view-button]')!.click();
    expect(detail).to.deep.equal({ keyspace: 'shop' });
  });

  it('shows a clear empty state when nothing is resizing, and no banner', async () => {
    const provider = new SimulatedProvider({ scenario: 'production', now: () => T0 });
    const detail = await mount((e) => Object.assign(e, { provider, database: 'shop', branch: 'main', variant: 'detail' }));
    expect(detail.shadowRoot!.querySelector('.empty')!.textContent!.replace(/\s+/g, ' ')).to.contain('No resize in progress for keyspace shop');
    const banner = await mount((e) => Object.assign(e, { status: null }));
    expect(banner.shadowRoot!.querySelector('[part=banner]')).to.equal(null);
  });

  it('keeps the last good status and shows why when new data is invalid', async () => {
    const el = await mount((e) => Object.assign(e, { status: plainStatus, variant: 'detail', now: () => T0 + 5 * MINUTE }));
    el.status = { ...plainStatus, shards: [{ shard: '-80', state: 'exploded' }] } as unknown as ResizeStatus;
    await el.updateComplete;
    const alert = el.shadowRoot!.querySelector('[role=alert]')!;
    expect(alert.textContent).to.contain('shards[0].state');
    expect(shardStates(el).size).to.equal(2);
  });

  it('renders provider strings as text', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const el = await mount((e) =>
      Object.assign(e, { status: { ...plainStatus, from: { size: hostile, replicas: 2 } }, variant: 'detail', keyspace: hostile }),
    );
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(el.shadowRoot!.textContent).to.contain(hostile);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('shows a failing provider with Retry and keeps the last status', async () => {
    let failing = false;
    const inner = new SimulatedProvider({ scenario: 'resizing', now: () => T0 });
    const provider: DataProvider = {
      getTopology: (ref, opts) => inner.getTopology(ref, opts) as Promise<Topology>,
      getMetrics: (query, opts) => inner.getMetrics(query, opts) as Promise<MetricFrame>,
      async getResizeStatus(ref: KeyspaceRef, opts: RequestOptions) {
        if (failing) throw new DataError('network', 'Resize service unreachable');
        return inner.getResizeStatus(ref, opts);
      },
    };
    const el = await mount((e) => Object.assign(e, { provider, database: 'shop', branch: 'main', variant: 'detail', refresh: '0' }));
    const rows = shardStates(el).size;
    expect(rows, el.shadowRoot!.textContent!).to.be.greaterThan(0);
    failing = true;
    await el.reload();
    await el.updateComplete;
    const alert = el.shadowRoot!.querySelector('[role=alert]')!;
    expect(alert.textContent).to.contain('Resize service unreachable');
    expect(shardStates(el).size).to.equal(rows);
    failing = false;
    alert.querySelector('button')!.click();
    await waitUntil(() => !el.shadowRoot!.querySelector('[role=alert]'), 'error cleared after Retry');
    expect(shardStates(el).size).to.equal(rows);
  });

  it('draws at most 100 rows of 1024 until asked for all', async () => {
    const shards = Array.from({ length: 1024 }, (_, i) => ({ shard: `s${String(i).padStart(4, '0')}`, state: 'pending' as const }));
    const el = await mount((e) => Object.assign(e, { status: { ...plainStatus, shards }, variant: 'detail' }));
    expect(el.shadowRoot!.querySelectorAll('tbody tr').length).to.equal(100);
    el.shadowRoot!.querySelector<HTMLButtonElement>('.more')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('tbody tr').length).to.equal(1024);
  });

  describe('phases (the stories’ data)', () => {
    const show = (name: string, variant: 'banner' | 'detail', theme: 'light' | 'dark' = 'light') =>
      mount((e) => Object.assign(e, { status: RESIZE_PHASE_EXAMPLES[name], variant, theme, keyspace: 'shop', now: () => PHASE_NOW }));
    const text = (el: Element | null) => el!.textContent!.replace(/\s+/g, ' ').trim();
    const cells = (el: PsResizeStatus) =>
      [...el.shadowRoot!.querySelectorAll('tbody tr')].map((row) => [text(row.querySelector('th')), text(row.querySelector('.badge')), text(row.querySelector('td.progress'))]);

    it('every phase, banner and detail, is accessible in both themes', async () => {
      for (const theme of ['light', 'dark'] as const) {
        document.body.style.background = theme === 'dark' ? '#0d1017' : '#ffffff';
        for (const name of Object.keys(RESIZE_PHASE_EXAMPLES)) {
          for (const variant of ['banner', 'detail'] as const) {
            const el = await show(name, variant, theme);
            const results = await axe.run(el);
            expect(results.violations.map((v) => `${theme}/${name}/${variant}: ${v.id} ${v.nodes.map((n) => n.html).join(' ')}`)).to.deep.equal([]);
            el.remove();
          }
        }
      }
      document.body.style.background = '';
    });

    it('copying: each shard’s copy percent, the whole percent on the bar and in words', async () => {
      const el = await show('copying', 'detail');
      expect(cells(el).slice(0, 2)).to.deep.equal([
        ['-20', 'Copying', '96% copied'],
        ['20-40', 'Copying', '88% copied'],
      ]);
      const bar = el.shadowRoot!.querySelector('[role=progressbar]')!;
      expect([bar.getAttribute('aria-valuenow'), bar.getAttribute('aria-valuetext')]).to.deep.equal(['51', '51% copied']);
      expect(text(el.shadowRoot!.querySelector('.summary .phase'))).to.equal('Copying: 51% copied');
      const banner = await show('copying', 'banner');
      expect(text(banner.shadowRoot!.querySelector('.banner .phase'))).to.equal('Copying: 51% copied');
    });

    it('replicating: "copied — traffic not switched yet", with each shard’s lag', async () => {
      const el = await show('replicating', 'detail');
      expect(text(el.shadowRoot!.querySelector('.summary .phase'))).to.equal('Copied — traffic not switched yet · lag 2.8s');
      expect(cells(el)[0]).to.deep.equal(['-20', 'Copied', 'Not switched yet lag 0.4s']);
      expect(cells(el).some(([, badge]) => badge === 'Completed')).to.equal(false);
    });

    it('switched, stopped and error in words; problems listed first', async () => {
      const switched = await show('switched', 'banner');
      expect(text(switched.shadowRoot!.querySelector('.banner .phase'))).to.equal('Traffic switched — not completed yet');
      const stopped = await show('stopped', 'detail');
      expect(cells(stopped)[0]).to.deep.equal(['40-60', 'Stopped', 'Stopped after copy.']);
      const error = await show('error', 'detail');
      expect(cells(error)[0]).to.deep.equal(['80-a0', 'Error', "vttablet: rpc error: code = Unknown desc = Duplicate entry '5' for key 'corder.PRIMARY' (errno 1062)"]);
      expect(text(error.shadowRoot!.querySelector('.summary .phase'))).to.match(/^Error on shard 80-a0: vttablet: rpc error/);
    });

    it('the banner’s View is reached with Tab and pressed with Enter', async () => {
      const el = await show('replicating', 'banner');
      const views: string[] = [];
      el.addEventListener('ps-view-resize', (event) => views.push(event.detail.keyspace));
      const before = document.createElement('button');
      before.textContent = 'before';
      document.body.prepend(before);
      before.focus();
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('View');
      await sendKeys({ press: 'Enter' });
      expect(views).to.deep.equal(['shop']);
      before.remove();
    });
  });
});
