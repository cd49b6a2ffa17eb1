/**
 * The Vitess mixin's static scrape setup (vitessio/vitess vitess-mixin/config.libsonnet, e2e/prometheus/prometheus.yml):
 * jobs `vitess-vtgate` and `vitess-vttablet` with one target per process; a tablet is its `instance`, the host and
 * vttablet HTTP port it was scraped at. The mixin's node-exporter and mysqld_exporter jobs rewrite their `instance`
 * to the tablet's (metric_relabel_configs in e2e/prometheus/prometheus.yml), so one `instance` selects all three.
 * This is the default preset.
 */
import type { PrometheusPreset } from './types.js';
import { VITESS_QUERIES } from './vitess-queries.js';

export const mixinPreset: PrometheusPreset = {
  id: 'mixin',
  title: 'Vitess mixin: static scrape jobs vitess-vtgate / vitess-vttablet, tablets by instance',
  readme: '#vitess-mixin-static-scrape-jobs',
  configs: ['examples/prometheus/mixin/prometheus.yml'],
  // vitess-mixin/config.libsonnet: vtgateSelector, vttabletSelector, mysqlSelector; e2e/prometheus/prometheus.yml: node-exporter-vitess-vttablet.
  jobs: { vtgate: 'vitess-vtgate', vttablet: 'vitess-vttablet', mysql: 'mysql', node: 'node-exporter-vitess-vttablet' },
  // vitess-mixin/config.libsonnet: vttabletMountpoint '/mnt'.
  vars: { mountpoint: '/mnt' },
  selectors: {
    vtgate: { job: '{jobs.vtgate}' },
    tablet: { job: '{jobs.vttablet}', instance: '{instance}' },
    node: { job: '{jobs.node}', instance: '{instance}' },
    volume: { job: '{jobs.node}', instance: '{instance}', mountpoint: '{vars.mountpoint}' },
    mysqld: { job: '{jobs.mysql}', instance: '{instance}' },
  },
  queries: VITESS_QUERIES,
  noTopology:
    'vttablet series carry no keyspace, shard or tablet labels (go/stats/prometheusbackend skips string stats), so with the mixin\'s static jobs Prometheus cannot tell the topology: combine PrometheusProvider with VTAdminProvider, or relabel (README "Connect your cluster", #relabelled-tablet-labels).',
};
