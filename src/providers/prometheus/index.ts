/** Prometheus provider: metrics (and optionally topology) from the Prometheus HTTP API with Vitess metric names. */
export { PrometheusProvider, type PrometheusProviderOptions } from './prometheus-provider.js';
export {
  DEFAULT_JOBS,
  DEFAULT_LABELS,
  DEFAULT_QUERIES,
  chooseRateWindow,
  chooseStep,
  type MetricQueries,
  type PrometheusJobs,
  type PrometheusLabels,
  type QueryKey,
  type QueryOverride,
  type SeriesQuery,
} from './queries.js';
export { topologyQueries, type PrometheusTopologyOptions } from './topology.js';
export { DEFAULT_PRESET, PRESETS, resolvePreset, type MatcherValue, type PresetQuery, type PresetTopology, type PrometheusPreset, type SelectorTemplate } from './presets/index.js';
export { padAlias, safeShardName, shardFromSafeName } from './selectors.js';
