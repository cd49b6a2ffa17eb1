/** Topology from Prometheus series labels, for users without VTAdmin: which tablets and vtgates exist, their cells, serving state and lag. */
import type { BranchKind, BranchRef, Topology } from '../../model/types.js';
import { buildVitessTopology, tabletTypeFromName, type CellMap, type VitessGate, type VitessTablet } from '../shared/vitess-topology.js';
import type { Decoded, InstantSample } from './decode.js';
import { matcher, type PrometheusJobs, type PrometheusLabels } from './queries.js';

export interface PrometheusTopologyOptions {
  /** Cell → region/zone; unmapped cells named like AWS/GCP zones (`us-east-2a`) map to their region, others are their own region. */
  cells?: CellMap;
  /** Default: `production` when any shard has a replica or there is more than one vtgate. */
  branchKind?: BranchKind;
  /** Evaluation time of the instant queries, epoch ms (default: the server's now). */
  now?: () => number;
}

/**
 * The three instant queries: tablets (one series per tablet, value 1 when SERVING), replication lag per tablet,
 * and the number of vtgates per cell (from `up`, which exists for every scraped vtgate).
 */
export function topologyQueries(labels: PrometheusLabels, jobs: PrometheusJobs): { tablets: string; lag: string; gates: string } {
  const byTablet = [labels.keyspace, labels.shard, labels.tablet, labels.tabletType, labels.cell].join(', ');
  return {
    tablets: `max by (${byTablet}) (vttablet_tablet_server_state{name="SERVING"})`,
    lag: `max by (${labels.tablet}) (vttablet_replication_lag_sec)`,
    gates: `count by (${labels.cell}) (up{${matcher('job', jobs.vtgate)}})`,
  };
}

type InstantQuery = (promql: string, time?: number) => Promise<Decoded<InstantSample[]>>;

export async function topologyFromPrometheus(
  ref: BranchRef,
  options: PrometheusTopologyOptions,
  labels: PrometheusLabels,
  jobs: PrometheusJobs,
  query: InstantQuery,
): Promise<Topology> {
  const queries = topologyQueries(labels, jobs);
  const time = options.now?.();
  const [tabletAnswer, lagAnswer, gateAnswer] = await Promise.all([query(queries.tablets, time), query(queries.lag, time), query(queries.gates, time)]);
  const lagByTablet = new Map(lagAnswer.result.map((sample) => [sample.labels[labels.tablet], sample.value]));
  const tablets: VitessTablet[] = tabletAnswer.result
    .filter((sample) => sample.labels[labels.tablet] && sample.labels[labels.keyspace] && sample.labels[labels.shard])
    .map((sample) => {
      const alias = sample.labels[labels.tablet];
      const lag = lagByTablet.get(alias);
      return {
        alias,
        keyspace: sample.labels[labels.keyspace],
        shard: sample.labels[labels.shard],
        type: tabletTypeFromName(sample.labels[labels.tabletType] ?? ''),
        cell: sample.labels[labels.cell] || alias.slice(0, Math.max(0, alias.lastIndexOf('-'))) || 'unknown',
        serving: sample.value === 1,
        lagSeconds: lag === undefined ? undefined : Number.isFinite(lag) ? lag : null,
      };
    });
  const gates: VitessGate[] = gateAnswer.result.flatMap((sample) =>
    Array.from({ length: Math.max(0, Math.round(sample.value)) }, () => ({ cell: sample.labels[labels.cell] || 'unknown' })),
  );
  const keyspaces = [...new Set(tablets.map((tablet) => tablet.keyspace))];
  return buildVitessTopology({ ref, keyspaces, tablets, gates, cells: options.cells, branchKind: options.branchKind, source: 'Prometheus' });
}
