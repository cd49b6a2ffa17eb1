/**
 * Benchmark of `<ps-topology>`'s first diagram: data → painted on a cold page (no HTTP or code cache, a new worker)
 * when the topology arrives at once (nothing to overlap: the worker boots after the data, as before the prewarm) and
 * when its fetch takes 300 ms (the worker, started when the diagram connects, boots meanwhile); then, on the same
 * page, a new shape with the worker warm and the same shape again (memory); then after a reload, the same shape from
 * the tab's sessionStorage, with no worker. Three page loads per run, chained through sessionStorage.
 */
import '../src/elements/ps-topology/define.js';
import type { PsTopology } from '../src/elements/ps-topology/ps-topology.js';
import { STORAGE_KEY } from '../src/layout/layout-cache.js';
import { getLayoutClient } from '../src/layout/layout-client.js';
import type { Topology } from '../src/model/types.js';
import type { DataProvider } from '../src/providers/provider.js';
import { SimulatedProvider, type SimulatedScenario } from '../src/providers/simulated/index.js';
import { nextPaint, stage } from './support.js';

/** A topology fetch of this length (ms) stands for a real source (VTAdmin's five API calls, a PlanetScale round trip). */
const FETCH_MS = 300;
const PHASE_KEY = 'bench:topology-cold';
const NOW = Date.UTC(2026, 10, 20, 12);

declare global {
  interface Window {
    /** Set by bench/run.mjs: turns the HTTP cache off for this page and its reloads. */
    __benchColdCache?: () => Promise<void>;
  }
}

function topologyOf(scenario: SimulatedScenario): Promise<Topology> {
  return new SimulatedProvider({ scenario, seed: 1, now: () => NOW })
    .getTopology({ database: 'shop', branch: 'main' }, { signal: new AbortController().signal });
}

/**
 * Mounts a diagram whose provider answers `delay` ms after it is asked (0: in the same task's microtasks), and
 * resolves with the time from the answer to the diagram painted.
 */
async function dataToPainted(topology: Topology, delay: number): Promise<number> {
  let answeredAt = 0;
  const provider: DataProvider = {
    getTopology: () => new Promise((resolve) => {
      const answer = () => {
        answeredAt = performance.now();
        resolve(topology);
      };
      if (delay > 0) setTimeout(answer, delay);
      else answer();
    }),
    getMetrics: () => Promise.reject(new Error('not used')),
  };
  const element = document.createElement('ps-topology') as PsTopology;
  element.style.setProperty('--ps-topology-height', '800px');
  Object.assign(element, { provider, database: topology.database, branch: topology.branch });
  stage().append(element);
  await element.layoutComplete();
  if (!element.shadowRoot?.querySelector('.node')) throw new Error('ps-topology drew no node');
  await nextPaint();
  return performance.now() - answeredAt;
}

function reload(figures: Record<string, number>, phase: number): Promise<never> {
  sessionStorage.setItem(PHASE_KEY, JSON.stringify({ phase, figures }));
  location.reload();
  return new Promise(() => {});
}

export const baselines: Record<string, string> = {
  [`cold page, topology fetched in ${FETCH_MS} ms: data → painted ms`]: 'cold page, data at once (no overlap): data → painted ms',
  'warm worker, a new shape: data → painted ms': 'cold page, data at once (no overlap): data → painted ms',
  'same shape again (memory): data → painted ms': 'cold page, data at once (no overlap): data → painted ms',
  'reloaded page, same shape (sessionStorage): data → painted ms': 'cold page, data at once (no overlap): data → painted ms',
};

export async function run(): Promise<Record<string, number>> {
  const saved = JSON.parse(sessionStorage.getItem(PHASE_KEY) ?? 'null') as { phase: number; figures: Record<string, number> } | null;
  const phase = saved?.phase ?? 0;
  const figures = saved?.figures ?? {};
  const production = await topologyOf('production');

  if (phase === 0) {
    // First load: no cache from here on; nothing overlaps the worker's boot.
    await window.__benchColdCache?.();
    sessionStorage.removeItem(STORAGE_KEY);
    figures['cold page, data at once (no overlap): data → painted ms'] = await dataToPainted(production, 0);
    sessionStorage.removeItem(STORAGE_KEY);
    return reload(figures, 1);
  }

  if (phase === 1) {
    // Second load, still cold (cache off, new worker, nothing stored): the fetch overlaps the worker's boot.
    const client = getLayoutClient();
    const connectedAt = performance.now();
    const painted = dataToPainted(production, FETCH_MS);
    void client.prewarm().then((warm) => {
      if (warm) figures['cold page: worker boot, connect → ELK warm ms'] = performance.now() - connectedAt;
    });
    figures[`cold page, topology fetched in ${FETCH_MS} ms: data → painted ms`] = await painted;
    figures['warm worker, a new shape: data → painted ms'] = await dataToPainted(await topologyOf('read-only-regions'), 0);
    figures['same shape again (memory): data → painted ms'] = await dataToPainted(await topologyOf('production'), 0);
    return reload(figures, 2);
  }

  // Third load: the shape laid out before the reload, from the tab's sessionStorage.
  sessionStorage.removeItem(PHASE_KEY);
  const client = getLayoutClient();
  figures['reloaded page, same shape (sessionStorage): data → painted ms'] = await dataToPainted(production, 0);
  figures['reloaded page: layouts asked of the worker'] = client.runs;
  sessionStorage.removeItem(STORAGE_KEY);
  return figures;
}
