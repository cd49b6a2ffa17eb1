/**
 * Metrics (and optionally topology) from any server speaking the Prometheus HTTP API — Prometheus, Thanos, Mimir,
 * VictoriaMetrics — as a deployment's scrape setup shapes Vitess' series: a preset (`presets/`) says how a tablet's
 * and the VTGates' series are selected and what PromQL each metric is. Only `/api/v1/query_range` and `/api/v1/query`
 * are called.
 */
import { DataError } from '../../model/errors.js';
import type { BranchRef, MetricFrame, MetricQuery, MetricSeries, Topology } from '../../model/types.js';
import type { DataProvider, RequestOptions } from '../provider.js';
import { defaultFetch, getJson, joinUrl, requireOption, type FetchLike } from '../shared/http.js';
import { scrapeTargets, type ScrapeTargets } from '../scrape-targets.js';
import { decodeMatrix, decodeVector, formatLabels, type Decoded, type InstantSample, type Labels, type RangeSeries } from './decode.js';
import {
  DEFAULT_JOBS,
  DEFAULT_LABELS,
  chooseRateWindow,
  chooseStep,
  fillTemplate,
  metricQueries,
  placeholders,
  queryWindow,
  type PrometheusJobs,
  type PrometheusLabels,
  type QueryKey,
  type QueryOverride,
} from './queries.js';
import { topologyFromPreset, type PrometheusTopologyOptions } from './topology.js';
import { DEFAULT_PRESET, resolvePreset, type PrometheusPreset } from './presets/index.js';
import { missingSelectorError, presetSelectors } from './selectors.js';
import type { HeatmapMetric, KeyspaceHeatmap, KeyspaceHeatmapQuery } from '../../model/heatmap.js';
import { prometheusHeatmap, tabletShards } from './heatmap.js';
import { markValidatedAnswers } from '../trust.js';

export interface PrometheusProviderOptions {
  /** Base URL of the HTTP API, e.g. `http://prometheus:9090` or a same-origin proxy path such as `/prometheus`. */
  url: string;
  fetch?: FetchLike;
  /** Sent with every request, e.g. `{ 'X-Scope-OrgID': 'tenant' }` for Mimir. Keep secrets out of browsers. */
  headers?: Record<string, string>;
  /** Label names in your series; unspecified ones keep the defaults. */
  labels?: Partial<PrometheusLabels>;
  /** Scrape job names (`vtgate`, `vttablet`, and a preset's others such as `node`); unspecified ones keep the preset's. */
  jobs?: Partial<PrometheusJobs> & Record<string, string>;
  /** PromQL overrides per `<target kind>.<metric id>`, e.g. `{ 'tablet.cpu': 'avg(…{$tablet}…)' }`. */
  queries?: Partial<Record<QueryKey, QueryOverride>>;
  /** Your scrape interval; `rate()` windows span at least 4 of them. Default 15 s. */
  scrapeIntervalSeconds?: number;
  /** Derive topology from series labels (for users without VTAdmin; the preset must support it); `true` uses the defaults. */
  topology?: boolean | PrometheusTopologyOptions;
  /** PromQL per keyspace-heatmap metric, grouped by `shard_name` or `shard` (`$keyspace`, `$rate`); see heatmap.ts. */
  heatmap?: Partial<Record<HeatmapMetric, string>>;
  /**
   * How your deployment's series look: a built-in preset id — `'mixin'` (the default: the Vitess mixin's static jobs),
   * `'examples'`, `'relabelled'`, `'operator'`, `'planetscale'`; README "Connect your cluster" — or a `PrometheusPreset`
   * table of your own. `jobs`, `labels`, `vars` and `queries` override single entries of it.
   */
  preset?: string | PrometheusPreset;
  /** Values for the preset's `{vars.…}`, e.g. `{ mountpoint: '/var/lib/mysql' }` for the tablet's volume. */
  vars?: Record<string, string>;
}

export class PrometheusProvider implements DataProvider {
  static {
    // Frames are built on a regular time axis from decoded answers; topologies pass parseTopology (shared/vitess-topology);
    // heatmaps pass parseKeyspaceHeatmap (heatmap.ts).
    markValidatedAnswers(this.prototype, ['getTopology', 'getMetrics', 'getKeyspaceHeatmap']);
  }

  private readonly url: string;
  private readonly fetchImpl: FetchLike;
  private readonly headers?: Record<string, string>;
  private readonly labels: PrometheusLabels;
  private readonly jobs: PrometheusJobs & Record<string, string>;
  private readonly queries: Partial<Record<QueryKey, QueryOverride>>;
  private readonly scrapeIntervalSeconds: number;
  private readonly topologyOptions?: PrometheusTopologyOptions;
  private readonly heatmapQueries: Partial<Record<HeatmapMetric, string>>;
  private readonly preset: PrometheusPreset;
  private readonly vars: Record<string, string>;
  /** With `topology`: a tablet named by id alone gets its scrape target from this provider's topology, as combineProviders does. */
  private readonly scrapeTargets?: ScrapeTargets;

  constructor(options: PrometheusProviderOptions) {
    requireOption(options, 'url', 'PrometheusProvider needs a `url` (e.g. "http://localhost:9090" or "/prometheus").');
    this.url = options.url;
    this.fetchImpl = options.fetch ?? defaultFetch();
    this.headers = options.headers;
    this.labels = { ...DEFAULT_LABELS, ...options.labels };
    this.preset = options.preset === undefined ? DEFAULT_PRESET : resolvePreset(options.preset);
    this.jobs = { ...DEFAULT_JOBS, ...this.preset.jobs, ...options.jobs };
    this.vars = { ...this.preset.vars, ...options.vars };
    this.queries = { ...options.queries };
    this.scrapeIntervalSeconds = options.scrapeIntervalSeconds ?? 15;
    this.heatmapQueries = { ...options.heatmap };
    if (options.topology) {
      this.topologyOptions = options.topology === true ? {} : options.topology;
      this.scrapeTargets = scrapeTargets(this);
    }
  }

  async getMetrics(asked: MetricQuery, opts: RequestOptions): Promise<MetricFrame> {
    const query = this.scrapeTargets ? await this.scrapeTargets.fill(asked, opts.signal) : asked;
    const key = `${query.target.kind}.${query.metric}` as QueryKey;
    const definition = metricQueries(key, this.queries, this.preset.queries);
    const step = chooseStep(query.range, query.stepSeconds);
    const { start, end, latest } = queryWindow(query.range, step, Date.now());
    const values = placeholders(query.target, this.labels, this.jobs, chooseRateWindow(step, this.scrapeIntervalSeconds));
    this.addPresetSelectors(query, definition.series, values);
    const count = end >= start ? Math.round((end - start) / step) + 1 : 0;
    // The grid by a range query, the newest point (off the grid) by an instant query at its time: the same PromQL
    // evaluated the same way, one point later.
    const answers = await Promise.all(
      definition.series.map(async ({ label, query: template }) => {
        const promql = fillTemplate(template, values);
        const [grid, newest] = await Promise.all([
          count > 0 ? this.queryRange(promql, start, end, step, opts.signal) : NOTHING,
          latest !== undefined ? this.queryInstant(promql, opts.signal, latest * 1000) : NOTHING,
        ]);
        return { label, promql, grid, newest };
      }),
    );
    const length = count + (latest !== undefined ? 1 : 0);
    const timestamps = new Float64Array(length);
    for (let i = 0; i < count; i++) timestamps[i] = start + i * step;
    if (latest !== undefined) timestamps[count] = latest;
    const warnings = new Set<string>();
    const series: MetricSeries[] = [];
    for (const { label, promql, grid, newest } of answers) {
      for (const warning of [...grid.warnings, ...newest.warnings]) warnings.add(warning);
      // One series per label set, whether it has samples on the grid, at the newest point, or both.
      const sets = new Map<string, { labels: Labels; range?: RangeSeries; value?: number }>();
      for (const one of grid.result) sets.set(formatLabels(one.labels), { labels: one.labels, range: one });
      for (const one of newest.result) {
        const key = formatLabels(one.labels);
        sets.set(key, { labels: one.labels, ...sets.get(key), value: one.value });
      }
      if (sets.size === 0) series.push({ label, values: new Float64Array(length).fill(NaN) });
      let infinite = 0;
      for (const { labels, range, value } of sets.values()) {
        const samples = onAxis(range, start, step, count, length);
        if (value !== undefined) {
          if (Number.isFinite(value)) samples[count] = value;
          else if (!Number.isNaN(value)) infinite++;
        }
        series.push({ label: sets.size === 1 ? label : `${label} ${formatLabels(labels)}`, values: samples });
        infinite += range?.infinite ?? 0;
      }
      if (infinite) warnings.add(`${infinite} samples of "${label}" were ±Inf and are shown as gaps (query: ${promql}).`);
    }
    const frame: MetricFrame = { metric: query.metric, unit: definition.unit, timestamps, series };
    if (warnings.size) frame.warnings = [...warnings];
    if (latest !== undefined) frame.newestIsCurrent = true;
    return frame;
  }

  /** The preset's selectors as `$name` values; rejects when a query needs one the target cannot fill (a tablet without `scrape`). */
  private addPresetSelectors(query: MetricQuery, series: readonly { query: string }[], values: Record<string, string>): void {
    const preset = this.preset;
    const { values: selectors, missing } = presetSelectors(preset, query.target, this.context());
    Object.assign(values, selectors);
    for (const { query: template } of series) {
      for (const [, name] of template.matchAll(/\$([A-Za-z_]\w*)/g)) {
        const lacking = missing.get(name);
        if (lacking) throw missingSelectorError(preset, query.target, name, lacking);
      }
    }
  }

  /** Every shard of a keyspace in one range query (`<ps-keyspace-heatmap>`); see heatmap.ts for the series. */
  getKeyspaceHeatmap(query: KeyspaceHeatmapQuery, opts: RequestOptions): Promise<KeyspaceHeatmap> {
    const tablets = tabletShards(this.preset, this.context(), query.keyspace);
    return prometheusHeatmap(query, { scrapeIntervalSeconds: this.scrapeIntervalSeconds, overrides: this.heatmapQueries, tablets },
      (promql, start, end, step, signal) => this.queryRange(promql, start, end, step, signal), opts.signal);
  }

  async getTopology(ref: BranchRef, opts: RequestOptions): Promise<Topology> {
    if (!this.topologyOptions) {
      throw new DataError('not-found', 'This PrometheusProvider was created without `topology`: pass `topology: true` or combine it with a topology provider.');
    }
    const topology = await topologyFromPreset(ref, this.preset, this.topologyOptions, this.context(), (promql, time) => this.queryInstant(promql, opts.signal, time));
    this.scrapeTargets?.remember(ref, topology);
    return topology;
  }

  /** What fills the preset's `{jobs.…}`, `{labels.…}` and `{vars.…}`. */
  private context() {
    return { jobs: { ...this.jobs }, labels: { ...this.labels }, vars: this.vars };
  }

  /** Runs an instant query at `time` (epoch ms; default: the server's now). */
  async queryInstant(promql: string, signal: AbortSignal, time?: number): Promise<Decoded<InstantSample[]>> {
    const params = new URLSearchParams({ query: promql });
    if (time !== undefined) params.set('time', String(time / 1000));
    const answer = await getJson(this.fetchImpl, joinUrl(this.url, 'api/v1/query', params), 'Prometheus', signal, this.headers);
    return decodeMatrixOrVector(() => decodeVector(answer, promql));
  }

  private async queryRange(promql: string, start: number, end: number, step: number, signal: AbortSignal): Promise<Decoded<RangeSeries[]>> {
    const params = new URLSearchParams({ query: promql, start: String(start), end: String(end), step: String(step) });
    const answer = await getJson(this.fetchImpl, joinUrl(this.url, 'api/v1/query_range', params), 'Prometheus', signal, this.headers);
    return decodeMatrixOrVector(() => decodeMatrix(answer, promql));
  }
}

/** The answer of a query not asked (a window without grid points, or with its end on the grid). */
const NOTHING: Decoded<never[]> = { result: [], warnings: [] };

/** Decoding errors name the payload path; say it is Prometheus' answer that is malformed. */
async function decodeMatrixOrVector<T>(decode: () => T | Promise<T>): Promise<T> {
  try {
    return await decode();
  } catch (error) {
    if (error instanceof DataError && error.kind === 'invalid-data') {
      throw new DataError('invalid-data', `Prometheus sent an answer this provider cannot read: ${error.message}`, { path: error.path, cause: error });
    }
    throw error;
  }
}

/**
 * The samples of one series on the shared grid `start + i·step` (i < `count`) of an axis `length` long (the newest,
 * off-grid point after it is filled by the caller); points without a sample stay NaN (a gap).
 */
function onAxis(series: RangeSeries | undefined, start: number, step: number, count: number, length: number): Float64Array {
  const values = new Float64Array(length).fill(NaN);
  if (!series) return values;
  for (let i = 0; i < series.times.length; i++) {
    const time = series.times[i];
    const index = Math.round((time - start) / step);
    // Prometheus evaluates exactly on the grid; anything else (a misbehaving proxy) is dropped rather than shifted.
    if (index >= 0 && index < count && Math.abs(start + index * step - time) < 1e-6) values[index] = series.values[i];
  }
  return values;
}
