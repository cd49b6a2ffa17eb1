/** The demo page: the whole experience on the simulated cluster, with its scenario and live actions in the URL. */
import { SimulatedProvider, type SimulatedScenario } from '../src/providers/simulated/index.js';
import { PrometheusProvider } from '../src/providers/prometheus/index.js';
import { VTAdminProvider } from '../src/providers/vtadmin/index.js';
import { combineProviders } from '../src/providers/combine.js';
import type { DataProvider } from '../src/providers/provider.js';

// Define every element that exists, so the demo grows with the library.
import.meta.glob('../src/elements/*/define.ts', { eager: true });

const SCENARIOS: SimulatedScenario[] = ['development', 'production', 'read-only-regions', 'sharded', 'resizing'];
const EXTRA_REGIONS = ['us-west-2', 'eu-central-1', 'ap-south-1', 'ap-northeast-1', 'sa-east-1'];
const RESIZE_SIZES = ['PS-80', 'PS-160', 'PS-320', 'PS-640'];

/** `PS_PROMETHEUS_URL=… PS_VTADMIN_URL=… npm start`: the dev server proxies them, the demo can use them. */
const realBackends = { prometheus: import.meta.env.PS_HAS_PROMETHEUS === true, vtadmin: import.meta.env.PS_HAS_VTADMIN === true };
/**
 * `npm run demo:real` (scripts/demo-real.mjs): that Prometheus scrapes a local MariaDB primary + replica with the
 * `mysqld` preset's config, whose targets carry their tablet labels, so it tells the topology too.
 */
const realCluster = import.meta.env.PS_REAL_CLUSTER === true;
const localMySQL = () =>
  new PrometheusProvider({ url: '/prometheus', preset: 'mysqld', topology: { cells: { zone1: { region: 'local', zone: 'zone1', regionName: 'This machine' } } } });

interface DemoSettings {
  /** `simulated`, or `real` for the proxied Prometheus/VTAdmin (simulated parts fill in what is not configured). */
  data: 'simulated' | 'real';
  database: string;
  branch: string;
  scenario: SimulatedScenario;
  shards: number;
  seed: number;
  theme: 'light' | 'dark' | 'auto';
}

function readSettings(): DemoSettings {
  const params = new URLSearchParams(location.search);
  const scenario = params.get('scenario') as SimulatedScenario;
  const theme = params.get('theme');
  const clamp = (value: string | null, min: number, max: number, fallback: number) => {
    const n = Math.round(Number(value));
    return Number.isFinite(n) && value !== null ? Math.min(max, Math.max(min, n)) : fallback;
  };
  const data = params.get('data') ?? (realCluster ? 'real' : null);
  const real = data === 'real' && (realBackends.prometheus || realBackends.vtadmin);
  return {
    data: real ? 'real' : 'simulated',
    database: params.get('database') || 'shop',
    branch: params.get('branch') || 'main',
    scenario: SCENARIOS.includes(scenario) ? scenario : 'production',
    shards: clamp(params.get('shards'), 2, 1024, 64),
    seed: clamp(params.get('seed'), 1, 2 ** 31, 1),
    theme: theme === 'light' || theme === 'dark' ? theme : 'auto',
  };
}

function writeSettings(settings: DemoSettings): void {
  const params = new URLSearchParams(location.search);
  for (const [key, value] of Object.entries(settings)) params.set(key, String(value));
  history.replaceState(null, '', `?${params}`);
}

const form = document.querySelector<HTMLFormElement>('#controls')!;
const stage = document.querySelector<HTMLElement>('#stage')!;
const actions = document.querySelectorAll<HTMLButtonElement>('[data-action]');
let simulated: SimulatedProvider;
let provider: DataProvider;
let resizes = 0;

function render(settings: DemoSettings): void {
  document.documentElement.dataset.theme = settings.theme;
  const dataSelect = form.elements.namedItem('data') as HTMLSelectElement;
  dataSelect.closest('label')!.hidden = !(realBackends.prometheus || realBackends.vtadmin);
  dataSelect.value = settings.data;
  (form.elements.namedItem('scenario') as HTMLSelectElement).value = settings.scenario;
  (form.elements.namedItem('shards') as HTMLInputElement).value = String(settings.shards);
  (form.elements.namedItem('shards') as HTMLInputElement).disabled = !['sharded', 'resizing'].includes(settings.scenario);
  (form.elements.namedItem('seed') as HTMLInputElement).value = String(settings.seed);
  (form.elements.namedItem('theme') as HTMLSelectElement).value = settings.theme;
  if (realCluster) dataSelect.querySelector('option[value="real"]')!.textContent = 'Local MySQL primary + replica';
  const local = settings.data === 'real' && realCluster;
  document.querySelector('h1 span')!.textContent = local ? 'local MySQL primary + replica' : settings.data === 'real' ? 'your cluster' : 'simulated cluster';
  for (const name of ['scenario', 'shards', 'seed']) (form.elements.namedItem(name) as HTMLInputElement).closest('label')!.hidden = settings.data === 'real';

  simulated = new SimulatedProvider({ scenario: settings.scenario, shards: settings.shards, seed: settings.seed });
  provider = settings.data === 'real'
    ? realCluster
      ? localMySQL()
      : combineProviders({
          topology: realBackends.vtadmin ? new VTAdminProvider({ url: '/vtadmin' }) : simulated,
          metrics: realBackends.prometheus ? new PrometheusProvider({ url: '/prometheus' }) : simulated,
        })
    : simulated;
  const attributes = { database: settings.database, branch: settings.branch, theme: settings.theme };
  stage.replaceChildren();
  if (customElements.get('ps-infrastructure')) {
    // `?selected=tablet:zone1-102` opens that node's panel (a deep link, as a host page would keep it).
    const selected = new URLSearchParams(location.search).get('selected');
    // The local cluster is minutes old: its cards start on the last 15 minutes instead of 6 hours.
    const extra: Record<string, string> = settings.data === 'real' && realCluster ? { range: '15m' } : {};
    if (selected) extra.selected = selected;
    stage.append(element('ps-infrastructure', { ...attributes, ...extra }));
  } else if (customElements.get('ps-topology')) {
    const topology = element('ps-topology', attributes);
    stage.append(topology);
    if (customElements.get('ps-metric-card')) {
      const card = element('ps-metric-card', { theme: settings.theme, expanded: '' });
      card.hidden = true;
      stage.append(card);
      topology.addEventListener('ps-select', (event) => {
        const node = event.detail.node;
        card.hidden = !(node && 'ref' in node);
        if (node && 'ref' in node) Object.assign(card, { target: node.ref, role: node.kind === 'tablet' ? node.role : undefined });
      });
    }
  } else {
    const note = document.createElement('p');
    note.className = 'pending';
    note.textContent = 'No element is defined yet.';
    stage.append(note);
  }
  updateActions(settings);
}

function element(tag: string, attributes: Record<string, string>): HTMLElement & { provider?: unknown } {
  const el = document.createElement(tag) as HTMLElement & { provider?: unknown };
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  el.provider = provider;
  return el;
}

async function updateActions(settings: DemoSettings): Promise<void> {
  const topology = await simulated.getTopology({ database: settings.database, branch: settings.branch }, { signal: new AbortController().signal });
  const enabled: Record<string, boolean> = {
    promote: topology.branchKind === 'development',
    'add-region': topology.branchKind === 'production' && EXTRA_REGIONS.some((r) => !topology.readOnlyRegions.some((x) => x.slug === r)),
    resize: !topology.resize || topology.resize.state === 'completed' || topology.resize.state === 'canceled',
    failover: topology.shards.some((shard) => shard.tablets.some((t) => t.role === 'replica' && !t.readOnlyRegion)),
  };
  for (const button of actions) button.disabled = settings.data === 'real' || !enabled[button.dataset.action!];
}

form.addEventListener('change', () => {
  const data = new FormData(form);
  const settings = readSettings();
  const next: DemoSettings = {
    data: (data.get('data') as DemoSettings['data']) ?? settings.data,
    database: settings.database,
    branch: settings.branch,
    scenario: (data.get('scenario') as SimulatedScenario) ?? settings.scenario,
    shards: Number(data.get('shards') ?? settings.shards),
    seed: Number(data.get('seed') ?? settings.seed),
    theme: (data.get('theme') as DemoSettings['theme']) ?? settings.theme,
  };
  writeSettings(next);
  render(readSettings());
});

for (const button of actions) {
  button.addEventListener('click', async () => {
    const settings = readSettings();
    const topology = await simulated.getTopology({ database: settings.database, branch: settings.branch }, { signal: new AbortController().signal });
    switch (button.dataset.action) {
      case 'promote':
        simulated.promote();
        break;
      case 'add-region': {
        const region = EXTRA_REGIONS.find((r) => !topology.readOnlyRegions.some((x) => x.slug === r));
        if (region) simulated.addReadOnlyRegion(region);
        break;
      }
      case 'resize':
        simulated.startResize(RESIZE_SIZES[resizes++ % RESIZE_SIZES.length]);
        break;
      case 'failover':
        simulated.failover(topology.shards[0]?.name);
        break;
    }
    void updateActions(settings);
  });
}

render(readSettings());
