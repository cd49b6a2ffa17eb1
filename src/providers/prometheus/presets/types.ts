/**
 * A metrics preset: how one kind of deployment puts Vitess' series into Prometheus, written as data — the scrape jobs
 * its config defines, how a tablet's and the VTGates' series are selected, the PromQL of every metric id and the
 * upstream file each name comes from. One file per preset in this folder; `registry.ts` lists them by id.
 */
import type { MetricQueries, QueryKey } from '../queries.js';

/**
 * A label matcher's value. A plain string is an equality matcher (`instance="{host}:{port}"`); `{ re }` is a regex
 * matcher (`=~`) whose variables are inserted regex-escaped (`{ re: '{cell}-0*{uid}' }` matches both `zone1-101`
 * and Vitess' zero-padded `zone1-0000000101`). `{ oneOf: [a, b] }` takes the first alternative whose variables the
 * target has (`{ oneOf: ['{pod}', { re: '.+-{paddedUid}-.+' }] }`).
 *
 * Variables, written `{name}`: a tablet's `{host}`, `{port}`, `{instance}` (= `{host}:{port}`), `{pod}` (from
 * `Tablet.scrape`), `{alias}` (`zone1-101`), `{paddedAlias}` (`zone1-0000000101`), `{cell}`, `{uid}`, `{paddedUid}`, `{shard}`,
 * `{safeShard}` (the vitess-operator's `x-80`); for every selector `{keyspace}`, `{database}`, `{branch}`,
 * `{jobs.<name>}` (the preset's jobs after the `jobs` option), `{labels.<name>}` (the `labels` option) and
 * `{vars.<name>}` (the preset's `vars` after the `vars` option). A variable the target does not have makes the
 * query fail with a DataError naming it and the preset's README section.
 */
export type MatcherValue = string | { re: string } | { oneOf: readonly (string | { re: string })[] };

/** Label name (may itself use `{labels.<name>}`) → value: one selector, spliced between braces as `$<selector name>`. */
export type SelectorTemplate = Readonly<Record<string, MatcherValue>>;

/** A metric's PromQL and unit, plus where its names come from (a repo path or doc page) — shown in README and notes. */
export interface PresetQuery extends MetricQueries {
  /** Upstream source of every metric and label name the PromQL uses, e.g. `vitessio/vitess go/vt/vttablet/tabletserver/tabletenv/stats.go`. */
  source: string;
}

/**
 * How the topology is read from this deployment's series with instant queries, when it can be. The PromQL uses the
 * selectors as `$name` placeholders (`$vttablet`, `$vtgate`), `$by` (every identity label, for the tablets query) and
 * `$key` (the labels that tell tablets apart: keyspace, shard, alias or cell + uid; smaller answers for the others).
 */
export interface PresetTopology {
  /** Labels of a tablet's series that identify it (names may use `{labels.…}`); the alias comes from `alias`, else `cell` + `uid`. */
  identity: {
    keyspace: string;
    shard: string;
    alias?: string;
    cell?: string;
    uid?: string;
    /** The tablet type, when the label holds the current type (not the operator's pool type). */
    type?: string;
    /** Copied into `Tablet.scrape`: `instance` as host and port, `pod` as pod. */
    instance?: string;
    pod?: string;
  };
  /** One series per tablet (per state name, where the state is a label) carrying the identity labels. */
  tablets: string;
  /** How a `tablets` series says its tablet serves: a label holding a value (`name` = `SERVING`), or the value 1. */
  serving: { label: string; value: string } | 'value';
  /** One series per tablet: replication lag in seconds. */
  lag?: string;
  /** One series per tablet whose replication is stopped: its lag is unknown rather than the last value seen. */
  replicationStopped?: string;
  /** One series per tablet that is its shard's primary, where `identity.type` cannot say (the operator's pool type). */
  primary?: string;
  /** One series per group of VTGates; the value is how many; `gateCell` names the label holding their cell. */
  gates: string;
  gateCell?: string;
  /** `safe`: shard values are the vitess-operator's safe names (`x-80`), decoded to Vitess names (`-80`). */
  shardNames?: 'vitess' | 'safe';
  /** Identity labels the deployment must add by relabelling: a DataError names those no tablet series carries. */
  requires: readonly string[];
}

export interface PrometheusPreset {
  /** Stable id, passed as `new PrometheusProvider({ url, preset: 'mixin' })`. */
  id: string;
  /** One line naming the deployment, e.g. "Vitess mixin: static scrape jobs vitess-vtgate / vitess-vttablet". */
  title: string;
  /** README anchor of the "Connect your cluster" section with this preset's scrape config, e.g. `#vitess-mixin-static-scrape`. */
  readme: string;
  /** The scrape config files a user copies (package paths), the very files the tests run Prometheus with. */
  configs: readonly string[];
  /** Job names the scrape config defines; `vtgate` and `vttablet` always (the `jobs` option overrides them). */
  jobs: Readonly<{ vtgate: string; vttablet: string } & Record<string, string>>;
  /** Further template variables with their defaults, e.g. `{ mountpoint: '/mnt' }` (the `vars` option overrides them). */
  vars?: Readonly<Record<string, string>>;
  /**
   * Named selectors, usable in PromQL as `$<name>`: `vtgate` (the keyspace's VTGates) and `tablet` (one tablet's
   * vttablet series) always; others as the preset needs (`node`, `volume`, `mysqld`). `scrape.labels` of a tablet
   * are added to every selector that uses a tablet variable.
   */
  selectors: Readonly<{ vtgate: SelectorTemplate; tablet: SelectorTemplate } & Record<string, SelectorTemplate>>;
  /** PromQL per `<target kind>.<metric id>`; the `queries` option overrides single entries. */
  queries: Readonly<Partial<Record<QueryKey, PresetQuery>>>;
  /** How to read the topology from series labels; absent when this deployment's series cannot tell it. */
  topology?: PresetTopology;
  /** Why `topology` is absent, and what fixes it (a README section), for the DataError `getTopology` rejects with. */
  noTopology?: string;
}
