/** One DataProvider made of several: topology from VTAdmin or PlanetScale, metrics from Prometheus, resize status and events from whichever has them. */
import { DataError, toDataError } from '../model/errors.js';
import type { DataProvider } from './provider.js';
import { scrapeTargets } from './scrape-targets.js';
import { answersValidated, markValidatedAnswers } from './trust.js';

export interface CombinedSources {
  /** Answers `getTopology` (and `watch`). */
  topology: DataProvider;
  /** Answers `getMetrics`. */
  metrics: DataProvider;
  /** Answers `getResizeStatus`; default: the topology provider, if it can. */
  resize?: DataProvider;
  /** Answers `getEvents`; default: the metrics provider, else the topology provider, if one can. */
  events?: DataProvider;
  /** Answers `getKeyspaceHeatmap`; default: the metrics provider, else the topology provider, if one can. */
  heatmap?: DataProvider;
}

/** Calls a delegate so that whatever goes wrong — a synchronous throw, a foreign error — rejects with a DataError. */
async function delegate<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toDataError(error);
  }
}

export function combineProviders(sources: CombinedSources): DataProvider {
  const { topology, metrics } = sources ?? ({} as CombinedSources);
  if (!topology || typeof topology.getTopology !== 'function') {
    throw new DataError('invalid-data', 'combineProviders needs a `topology` provider with getTopology().', { path: 'topology' });
  }
  if (!metrics || typeof metrics.getMetrics !== 'function') {
    throw new DataError('invalid-data', 'combineProviders needs a `metrics` provider with getMetrics().', { path: 'metrics' });
  }
  const resize = [sources.resize, topology].find((p) => typeof p?.getResizeStatus === 'function');
  const events = [sources.events, metrics, topology].find((p) => typeof p?.getEvents === 'function');
  const heatmap = [sources.heatmap, metrics, topology].find((p) => typeof p?.getKeyspaceHeatmap === 'function');

  // Each delegate's method is taken once, here: a combined method answers validated data exactly when the method it
  // calls does (a built-in provider's), and what it calls cannot change afterwards.
  const getTopology = topology.getTopology;
  const getMetrics = metrics.getMetrics;
  const getResizeStatus = resize?.getResizeStatus;
  const getEvents = events?.getEvents;
  const getKeyspaceHeatmap = heatmap?.getKeyspaceHeatmap;
  // A tablet target named by id alone gets its scrape target (Tablet.scrape) from the topology.
  const scrape = scrapeTargets(topology);
  const combined: DataProvider = {
    getTopology: (ref, opts) =>
      delegate(async () => {
        const loaded = await getTopology.call(topology, ref, opts);
        scrape.remember(ref, loaded);
        return loaded;
      }),
    getMetrics: (query, opts) => delegate(async () => getMetrics.call(metrics, await scrape.fill(query, opts.signal), opts)),
  };
  if (resize && getResizeStatus) combined.getResizeStatus = (ref, opts) => delegate(() => getResizeStatus.call(resize, ref, opts));
  if (events && getEvents) combined.getEvents = (ref, range, opts) => delegate(() => getEvents.call(events, ref, range, opts));
  if (heatmap && getKeyspaceHeatmap) combined.getKeyspaceHeatmap = (query, opts) => delegate(() => getKeyspaceHeatmap.call(heatmap, query, opts));
  if (typeof topology.watch === 'function') combined.watch = (ref, onChange, opts) => topology.watch!(ref, onChange, opts);
  const delegates: [keyof DataProvider & string, unknown][] = [
    ['getTopology', getTopology], ['getMetrics', getMetrics], ['getResizeStatus', getResizeStatus], ['getEvents', getEvents],
    ['getKeyspaceHeatmap', getKeyspaceHeatmap],
  ];
  markValidatedAnswers(combined, delegates.filter(([, method]) => answersValidated(method)).map(([name]) => name));
  return combined;
}
