/**
 * A MySQL node as mysqld_exporter and node_exporter see it, one of each beside every MySQL (the vitess-operator's
 * mysqld-exporter sidecar, the Vitess mixin's `mysql` job and node panels): queries, reads/writes, replication lag,
 * CPU, memory, and the storage and IOPS of the MySQL data volume only. A tablet's series are found by its host
 * (`Tablet.scrape.host`) in `instance`, with or without the exporter's port, so both a plain static scrape
 * (`db-101:9104`) and an `instance` named by the user (`db-101`) match; node_exporter has no other label naming its
 * host. Scrape config: examples/prometheus/mysqld/ (README "Connect your cluster").
 *
 * Checked against mysqld_exporter 0.14 with MariaDB 10.11 and node_exporter 1.5 (Debian 12), scraped by the real
 * Prometheus in test/real/.
 */
import type { PresetQuery, PrometheusPreset } from './types.js';
import type { QueryKey } from '../queries.js';
import { NODE_QUERIES } from './vitess-queries.js';

const rate = (metric: string, selector: string) => `sum(rate(${metric}{${selector}}[$rate]))`;

/**
 * Statements that change data, as `Com_*` status variables (MariaDB/MySQL server status variables, "Com_xxx"), which
 * mysqld_exporter exports as `mysql_global_status_commands_total{command="<xxx>"}` (collector/global_status.go:
 * globalStatusRE `^(com|…)_(.*)$`, label `command` = the rest, lower-cased by validPrometheusName).
 */
const WRITE_COMMANDS = 'insert|insert_select|update|update_multi|delete|delete_multi|replace|replace_select|load';

const MYSQLD_QUERIES: Readonly<Partial<Record<QueryKey, PresetQuery>>> = Object.freeze({
  'tablet.queries': {
    unit: 'per_second',
    // SHOW GLOBAL STATUS `Questions`: statements clients sent (the exporter's own SHOW/SELECTs included), the
    // mysqld-mixin's "MySQL Questions" panel. Not `Queries`, which on a replica also counts the events its replication
    // applies (measured on MariaDB 10.11: 40 reads/s sent, Questions +40/s, Queries +60/s).
    series: [{ label: 'queries', query: rate('mysql_global_status_questions', '$mysqld') }],
    source: 'prometheus/mysqld_exporter collector/global_status.go (generic SHOW GLOBAL STATUS variable `Questions`); mysqld-mixin/dashboards/mysql-overview.json',
  },
  'tablet.reads_writes': {
    unit: 'per_second',
    series: [
      { label: 'reads', query: rate('mysql_global_status_commands_total', '$mysqld,command="select"') },
      { label: 'writes', query: rate('mysql_global_status_commands_total', `$mysqld,command=~"${WRITE_COMMANDS}"`) },
    ],
    // On a replica, MariaDB also counts the inserts its row-based replication applies as Com_insert (not its updates or
    // deletes; measured on 10.11), so a replica's writes are those plus whatever clients write there.
    source: 'prometheus/mysqld_exporter collector/global_status.go (commands_total{command} from Com_*)',
  },
  'tablet.replication_lag': {
    unit: 'seconds',
    // SHOW SLAVE STATUS `Seconds_Behind_Master` (MariaDB: SHOW ALL SLAVES STATUS, one series per connection). While
    // replication is stopped the server says NULL, which the exporter's parseStatus cannot read, so the series is not
    // exported at all: the chart shows a gap (lag unknown), never the last value.
    series: [{ label: 'lag', query: 'max(mysql_slave_status_seconds_behind_master{$mysqld})' }],
    source: 'prometheus/mysqld_exporter collector/slave_status.go (every SHOW SLAVE STATUS column, lower-cased; labels master_host, master_uuid, channel_name, connection_name)',
  },
});

export const mysqldPreset: PrometheusPreset = {
  id: 'mysqld',
  title: 'mysqld_exporter + node_exporter beside each MySQL: a MySQL node by its host',
  readme: '#mysql-nodes-mysqld-and-node-exporters',
  configs: ['examples/prometheus/mysqld/prometheus.yml'],
  // `mysql`: vitess-mixin/config.libsonnet mysqlSelector 'job="mysql"'; `node`: Prometheus' node_exporter guide's job.
  // vtgate/vttablet are the mixin's, for a combined setup (this preset has no Vitess queries of its own).
  jobs: { vtgate: 'vitess-vtgate', vttablet: 'vitess-vttablet', mysql: 'mysql', node: 'node' },
  // The data volume's mountpoint as node_exporter reports it: Debian's and MySQL's default datadir. (The mixin's
  // vttabletMountpoint is /mnt, which Debian's node_exporter leaves out by default: its mount-points-exclude has /mnt.)
  vars: { mountpoint: '/var/lib/mysql' },
  selectors: {
    vtgate: { job: '{jobs.vtgate}' },
    tablet: { job: '{jobs.vttablet}', instance: '{instance}' },
    // `instance`: the target label Prometheus sets to the scraped host:port unless the target names it.
    mysqld: { job: '{jobs.mysql}', instance: { re: '{host}(:[0-9]+)?' } },
    node: { job: '{jobs.node}', instance: { re: '{host}(:[0-9]+)?' } },
    volume: { job: '{jobs.node}', instance: { re: '{host}(:[0-9]+)?' }, mountpoint: '{vars.mountpoint}' },
    // Every MySQL, for the topology.
    mysqlds: { job: '{jobs.mysql}' },
  },
  // CPU, memory, and the IOPS and storage of the data volume only (its filesystem's device joined to diskstats), from
  // node_exporter as every preset that scrapes it reads them.
  queries: { ...MYSQLD_QUERIES, ...NODE_QUERIES },
  // Only when the mysqld_exporter targets carry the tablet's identity as target labels (the relabelled preset's names:
  // keyspace, shard, tablet_alias; examples/prometheus/mysqld/mysqld-targets.yml): exporters know no Vitess names.
  topology: {
    identity: { keyspace: '{labels.keyspace}', shard: '{labels.shard}', alias: '{labels.tablet}', type: '{labels.tabletType}', instance: 'instance' },
    // 1 while the MySQL serves: mysql_up (the exporter reached the server; mysqld_exporter.go) and, on a replica, both
    // replication threads running; 0 otherwise (a stopped replica serves stale data and is drawn as not serving).
    tablets:
      'max by ($by) (mysql_up{$mysqlds}) unless on ($by) max by ($by) (' +
      'mysql_slave_status_slave_io_running{$mysqlds} == 0 or mysql_slave_status_slave_sql_running{$mysqlds} == 0) ' +
      'or max by ($by) (mysql_up{$mysqlds}) * 0',
    serving: 'value',
    lag: 'max by ($by) (mysql_slave_status_seconds_behind_master{$mysqlds})',
    // Seconds_Behind_Master is NULL then, so the exporter drops its series; this says the lag is unknown, not absent.
    replicationStopped: 'max by ($by) (mysql_slave_status_slave_io_running{$mysqlds} == 0 or mysql_slave_status_slave_sql_running{$mysqlds} == 0)',
    // The writable one (collector/global_variables.go: read_only ON/OFF → 1/0 through parseStatus); the others are
    // replicas whatever a tablet_type label says.
    primary: 'max by ($by) (mysql_global_variables_read_only{$mysqlds} == 0)',
    gates: 'count by ({labels.cell}) (up{$vtgate})',
    gateCell: '{labels.cell}',
    requires: ['{labels.keyspace}', '{labels.shard}', '{labels.tablet}'],
  },
};
