/**
 * One PlanetScale branch's Prometheus endpoint. Names and tags from planetscale.com/docs/vitess/integrations/prometheus-metrics
 * (tablet series tagged `cluster`, `planetscale_database_branch_id`, `planetscale_keyspace`, `planetscale_pod`,
 * `planetscale_shard`, `planetscale_tablet_type`; the edge's connections tagged `planetscale_region`), the names beyond the
 * table's first rows as a published dashboard for this endpoint uses them (SigNoz/dashboards planetscale/planetscale-vitess.json).
 * Pods are named as the vitess-operator names them (pkg/operator/vttablet/pod.go PodName); shards as Vitess names them.
 */
import { GATES, TABLETS, TRAFFIC, type FxTablet } from './cluster.js';
import { family, histogram, type Sample } from './text.js';

export const PLANETSCALE_BRANCH_ID = 'xmpl3br4nch1d';

/** `<cluster>-vttablet-<cell>-<uid %010d>-<hash>`. */
export const podOf = (tablet: FxTablet) => `pscale-vttablet-${tablet.cell}-${String(tablet.uid).padStart(10, '0')}-${(tablet.uid * 2654435761 >>> 0).toString(16).padStart(8, '0').slice(0, 8)}`;

export function planetscaleMetrics(elapsed: number): string {
  const tags = (tablet: FxTablet) => ({
    cluster: 'aws-useast2-3',
    planetscale_database_branch_id: PLANETSCALE_BRANCH_ID,
    planetscale_keyspace: tablet.keyspace,
    planetscale_pod: podOf(tablet),
    planetscale_shard: tablet.shard,
    planetscale_tablet_type: tablet.type,
  });
  const per = (value: (tablet: FxTablet) => number | undefined): Sample[] => TABLETS.flatMap((tablet) => {
    const v = value(tablet);
    return v === undefined ? [] : [[tags(tablet), v] as Sample];
  });
  const rows = (share: number) => per((tablet) => Math.floor(Object.values(tablet.plans).reduce((a, b) => a + b, 0) * share * elapsed));
  const total = TRAFFIC.reduce((sum, traffic) => sum + traffic.buckets[traffic.buckets.length - 1][1], 0) * GATES.length;
  return [
    family('planetscale_edge_active_connections', 'gauge', 'The number of active MySQL connections to the branch', [
      [{ cluster: 'aws-useast2-3', planetscale_database_branch_id: PLANETSCALE_BRANCH_ID, planetscale_region: 'us-east-2' }, GATES.reduce((n, gate) => n + gate.connections, 0)],
    ]),
    histogram('planetscale_vtgate_queries_duration', 'Duration of queries through vtgate', [
      {
        labels: { cluster: 'aws-useast2-3', planetscale_database_branch_id: PLANETSCALE_BRANCH_ID, planetscale_vtgate_operation: 'Execute' },
        buckets: TRAFFIC[0].buckets.map(([le, perSecond]): [number, number] => [le, Math.floor((perSecond / TRAFFIC[0].buckets[TRAFFIC[0].buckets.length - 1][1]) * total * elapsed)]),
        sum: total * elapsed * 0.005,
        count: Math.floor(total * elapsed),
      },
    ]),
    family('planetscale_vtgate_total_pods', 'gauge', 'The number of vtgate pods', [[{ cluster: 'aws-useast2-3', planetscale_database_branch_id: PLANETSCALE_BRANCH_ID }, GATES.length]]),
    family('planetscale_vttablet_is_serving', 'gauge', 'Whether the tablet is serving', per((tablet) => (tablet.state === 'SERVING' ? 1 : 0))),
    family('planetscale_mysql_replica_lag_seconds', 'gauge', 'Replica lag in fine-grained seconds from MySQL', per((tablet) => (tablet.type === 'primary' ? undefined : tablet.lagSeconds))),
    family('planetscale_vttablet_queries_total', 'counter', 'Queries served by the tablet', per((tablet) => Math.floor(Object.values(tablet.plans).reduce((a, b) => a + b, 0) * elapsed))),
    family('planetscale_vttablet_queries_returned_rows_total', 'counter', 'Rows returned by the tablet', rows(3)),
    family('planetscale_vttablet_queries_affected_rows_total', 'counter', 'Rows affected by the tablet', rows(0.5)),
    family('planetscale_pods_cpu_util_percentages', 'gauge', 'CPU utilization of the pod', per((tablet) => tablet.host.busy * 100)),
    family('planetscale_pods_mem_util_percentages', 'gauge', 'Memory utilization of the pod', per((tablet) => 100 * (1 - tablet.host.memAvailable / tablet.host.memTotal))),
    family('planetscale_pods_iops_total', 'counter', 'I/O operations of the pod', per((tablet) => Math.floor((tablet.host.reads + tablet.host.writes) * elapsed))),
    family('planetscale_vttablet_volume_capacity_bytes', 'gauge', 'Capacity of the tablet volume', per((tablet) => tablet.host.volumeSize)),
    family('planetscale_vttablet_volume_available_bytes', 'gauge', 'Available bytes of the tablet volume', per((tablet) => tablet.host.volumeAvail)),
  ].join('');
}
