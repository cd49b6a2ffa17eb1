/** The one contract through which every element gets its data, whatever the source. */
import type { KeyspaceHeatmap, KeyspaceHeatmapQuery } from '../model/heatmap.js';
import type {
  BranchRef,
  ClusterEvent,
  KeyspaceRef,
  MetricFrame,
  MetricQuery,
  ResizeStatus,
  TimeRange,
  Topology,
} from '../model/types.js';

export interface RequestOptions {
  /** Aborting rejects the request with a `DataError` of kind `aborted`. */
  signal: AbortSignal;
}

/**
 * A source of topology, metrics, resize status and events.
 * Methods reject with a `DataError` (never anything else) and must honour `signal`.
 */
export interface DataProvider {
  getTopology(ref: BranchRef, opts: RequestOptions): Promise<Topology>;
  getMetrics(query: MetricQuery, opts: RequestOptions): Promise<MetricFrame>;
  getResizeStatus?(ref: KeyspaceRef, opts: RequestOptions): Promise<ResizeStatus | null>;
  /** Resize/failover/promotion markers for charts. */
  getEvents?(ref: KeyspaceRef, range: TimeRange, opts: RequestOptions): Promise<ClusterEvent[]>;
  /** Push instead of polling: calls `onChange` whenever the topology may have changed, until `signal` aborts. */
  watch?(ref: BranchRef, onChange: () => void, opts: RequestOptions): void;
  /**
   * Per-shard values of one metric over time for a whole keyspace, in one request (`<ps-keyspace-heatmap>`).
   * Rejects with `not-found` when the source has no such metric.
   */
  getKeyspaceHeatmap?(query: KeyspaceHeatmapQuery, opts: RequestOptions): Promise<KeyspaceHeatmap>;
}

let defaultProvider: DataProvider | undefined;
const defaultProviderListeners = new Set<(provider: DataProvider | undefined) => void>();

/** Sets the provider every element uses when it has none of its own. */
export function setDefaultProvider(provider: DataProvider | undefined): void {
  defaultProvider = provider;
  for (const listener of defaultProviderListeners) listener(provider);
}

export function getDefaultProvider(): DataProvider | undefined {
  return defaultProvider;
}

/** Elements subscribe so that a page may call `setDefaultProvider` after they connected. Returns an unsubscribe. */
export function onDefaultProviderChange(listener: (provider: DataProvider | undefined) => void): () => void {
  defaultProviderListeners.add(listener);
  return () => defaultProviderListeners.delete(listener);
}
