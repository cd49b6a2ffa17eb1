/**
 * Static scrape jobs (the mixin's names) whose targets carry the tablet's identity as labels, added in the scrape
 * config (`labels:` of a static target, or relabel_configs): `keyspace`, `shard`, `tablet_alias` (Vitess' string,
 * `zone1-0000000101`, go/vt/topo/topoproto/tablet.go TabletAliasString; `zone1-101` matches too), `tablet_type` and
 * `cell`; the same labels on the tablet's node_exporter and mysqld_exporter targets. Label names follow the `labels`
 * option. With these labels Prometheus alone can draw the topology.
 */
import type { PrometheusPreset } from './types.js';
import { vitessQueries } from './vitess-queries.js';

/** A tablet's alias label, padded or not. */
const alias = { re: '{cell}-0*{uid}' };

export const relabelledPreset: PrometheusPreset = {
  id: 'relabelled',
  title: 'Static jobs with tablet labels (keyspace, shard, tablet_alias, tablet_type, cell) added by relabelling',
  readme: '#relabelled-tablet-labels',
  configs: ['examples/prometheus/relabelled/prometheus.yml'],
  jobs: { vtgate: 'vitess-vtgate', vttablet: 'vitess-vttablet', mysql: 'mysql', node: 'node-exporter-vitess-vttablet' },
  vars: { mountpoint: '/mnt' },
  selectors: {
    vtgate: { job: '{jobs.vtgate}' },
    // vtgate_api's own label (go/vt/vtgate/vtgate.go VtgateApi: Operation, Keyspace, DbType), whatever `labels` says.
    keyspace: { keyspace: '{keyspace}' },
    tablet: { job: '{jobs.vttablet}', '{labels.tablet}': alias },
    node: { job: '{jobs.node}', '{labels.tablet}': alias },
    volume: { job: '{jobs.node}', '{labels.tablet}': alias, mountpoint: '{vars.mountpoint}' },
    mysqld: { job: '{jobs.mysql}', '{labels.tablet}': alias },
    vttablets: { job: '{jobs.vttablet}' },
    mysqlds: { job: '{jobs.mysql}' },
  },
  queries: vitessQueries({ mysqld: true, node: true }),
  topology: {
    identity: {
      keyspace: '{labels.keyspace}',
      shard: '{labels.shard}',
      alias: '{labels.tablet}',
      cell: '{labels.cell}',
      type: '{labels.tabletType}',
      instance: 'instance',
    },
    // go/vt/vttablet/tabletserver/tabletserver.go: TabletServerState{name} is 1 for the current state name only.
    tablets: 'max by ($by, name) (vttablet_tablet_server_state{$vttablets})',
    serving: { label: 'name', value: 'SERVING' },
    lag: 'max by ($key) (vttablet_replication_lag_sec{$vttablets} or label_replace(vttablet_heartbeat_current_lag_ns{$vttablets} / 1e9, "lag_source", "heartbeat", "", ""))',
    replicationStopped:
      'max by ($key) (mysql_slave_status_slave_io_running{$mysqlds} == 0 or mysql_slave_status_slave_sql_running{$mysqlds} == 0 ' +
      'or mysql_slave_status_replica_io_running{$mysqlds} == 0 or mysql_slave_status_replica_sql_running{$mysqlds} == 0)',
    // Vitess keeps replicas read-only and turns it off on the primary (prometheus/mysqld_exporter collector/global_variables.go: read_only ON/OFF → 1/0).
    primary: 'max by ($key) (mysql_global_variables_read_only{$mysqlds} == 0)',
    gates: 'count by ({labels.cell}) (up{$vtgate})',
    gateCell: '{labels.cell}',
    requires: ['{labels.keyspace}', '{labels.shard}', '{labels.tablet}'],
  },
};
