/**
 * The Vitess mixin's static scrape setup (vitessio/vitess vitess-mixin/config.libsonnet, e2e/prometheus/prometheus.yml):
 * jobs `vitess-vtgate` and `vitess-vttablet` with one target per process; a tablet is its `instance`, the host and
 * vttablet HTTP port it was scraped at (VTAdmin's `hostname` and `port_map.vt`). The mixin's node-exporter and
 * mysqld_exporter jobs rewrite their `instance` to the tablet's (metric_relabel_configs in e2e/prometheus/prometheus.yml),
 * so one `instance` selects all three. The default preset.
 */
import type { PrometheusPreset } from './types.js';
import { vitessQueries } from './vitess-queries.js';

export const mixinPreset: PrometheusPreset = {
  id: 'mixin',
  title: 'Vitess mixin: static scrape jobs vitess-vtgate / vitess-vttablet, a tablet by its instance',
  readme: '#vitess-mixin-static-scrape-jobs',
  configs: ['examples/prometheus/mixin/prometheus.yml'],
  // vitess-mixin/config.libsonnet: vtgateSelector, vttabletSelector, mysqlSelector; e2e/prometheus/prometheus.yml: node-exporter-vitess-vttablet.
  jobs: { vtgate: 'vitess-vtgate', vttablet: 'vitess-vttablet', mysql: 'mysql', node: 'node-exporter-vitess-vttablet' },
  // vitess-mixin/config.libsonnet: vttabletMountpoint '/mnt'.
  vars: { mountpoint: '/mnt' },
  selectors: {
    vtgate: { job: '{jobs.vtgate}' },
    // vtgate_api's own label (go/vt/vtgate/vtgate.go VtgateApi: Operation, Keyspace, DbType), whatever `labels` says.
    keyspace: { keyspace: '{keyspace}' },
    tablet: { job: '{jobs.vttablet}', instance: '{instance}' },
    node: { job: '{jobs.node}', instance: '{instance}' },
    volume: { job: '{jobs.node}', instance: '{instance}', mountpoint: '{vars.mountpoint}' },
    mysqld: { job: '{jobs.mysql}', instance: '{instance}' },
  },
  queries: vitessQueries({ mysqld: true, node: true }),
  noTopology:
    'With the Vitess mixin\'s static jobs no vttablet series says which keyspace, shard or tablet it belongs to ' +
    '(go/stats/prometheusbackend skips string stats such as TabletKeyspace), so Prometheus alone cannot draw the topology: ' +
    'combine PrometheusProvider with VTAdminProvider, or add the labels keyspace, shard and tablet_alias by relabelling ' +
    '(README, "Connect your cluster": #relabelled-tablet-labels).',
};
