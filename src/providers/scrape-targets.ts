/**
 * Where a tablet's metrics are scraped, looked up in the topology: a metric card may name a tablet by id alone, while
 * Prometheus finds a stock vttablet's series only by its scrape target (`Tablet.scrape`, which VTAdmin and PlanetScale
 * fill). `combineProviders` gives the metrics provider tablet targets with `scrape` filled from here.
 */
import { DataError } from '../model/errors.js';
import type { BranchRef, MetricQuery, TabletScrape, Topology } from '../model/types.js';
import type { DataProvider } from './provider.js';

/** How long a topology's scrape targets are reused: tablets move rarely, and a card asks for six metrics at once. */
export const SCRAPE_TARGETS_TTL_MS = 60_000;

type Targets = Map<string, TabletScrape>;

/** Tablet id → scrape target; a provider that broke its contract (no shards) simply has none. */
function targetsOf(topology: Topology): Targets {
  const targets: Targets = new Map();
  const shards: unknown = (topology as Partial<Topology> | undefined)?.shards;
  if (!Array.isArray(shards)) return targets;
  for (const shard of shards as Topology['shards']) for (const tablet of shard?.tablets ?? []) if (tablet?.scrape) targets.set(tablet.id, tablet.scrape);
  return targets;
}

/** Resolves with `promise`, or rejects with an `aborted` DataError when `signal` fires first (the promise runs on, for others). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(DataError.aborted());
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(DataError.aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (error: unknown) => (signal.removeEventListener('abort', onAbort), reject(error)),
    );
  });
}

export interface ScrapeTargets {
  /** The query with its tablet target's `scrape` filled in, when the topology knows it and the caller did not give it. */
  fill(query: MetricQuery, signal: AbortSignal): Promise<MetricQuery>;
  /** Remembers the targets of a topology loaded anyway (the diagram's), so cards need no load of their own. */
  remember(ref: BranchRef, topology: Topology): void;
}

export function scrapeTargets(topology: DataProvider, now: () => number = Date.now): ScrapeTargets {
  const cache = new Map<string, { at: number; targets: Promise<Targets> }>();
  const keyOf = (ref: BranchRef) => JSON.stringify([ref.database, ref.branch, ref.keyspace ?? ref.database]);
  const load = (ref: BranchRef, key: string): Promise<Targets> => {
    // Its own signal: several cards share one load, and one card going away must not cancel it for the others.
    const targets = topology.getTopology(ref, { signal: new AbortController().signal }).then(targetsOf);
    cache.set(key, { at: now(), targets });
    targets.catch(() => cache.get(key)?.targets === targets && cache.delete(key));
    return targets;
  };
  return {
    async fill(query, signal) {
      const target = query.target;
      if (target.kind !== 'tablet' || target.scrape) return query;
      const ref = { database: target.database, branch: target.branch, keyspace: target.keyspace };
      const key = keyOf(ref);
      const cached = cache.get(key);
      const targets = cached && now() - cached.at < SCRAPE_TARGETS_TTL_MS ? cached.targets : load(ref, key);
      // Without the topology the metrics provider still answers, or says itself what it lacks.
      const scrape = (await untilAborted(targets.catch(() => undefined), signal))?.get(target.tabletId);
      return scrape ? { ...query, target: { ...target, scrape } } : query;
    },
    remember(ref, loaded) {
      cache.set(keyOf(ref), { at: now(), targets: Promise.resolve(targetsOf(loaded)) });
    },
  };
}
