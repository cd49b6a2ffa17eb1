/**
 * Kubernetes with the vitess-operator (planetscale/vitess-operator) and Prometheus' Kubernetes service discovery
 * (a raw scrape config, usable as prometheus-operator `additionalScrapeConfigs`). The operator labels every tablet
 * pod `planetscale.com/{component,cluster,keyspace,shard,cell,tablet-uid,tablet-type}` (pkg/apis/planetscale/v2/labels.go,
 * pkg/controller/vitessshard/reconcile_tablets.go); the scrape config copies them to `keyspace`, `shard`, `cell`,
 * `tablet_uid` and `pool_type`. Shards are "safe names" (`x-80` for `-80`, pkg/apis/planetscale/v2/keyrange.go SafeName),
 * the uid is zero-padded (pkg/operator/vttablet/uid.go UIDString `%010d`), and the type label is the pool type
 * (`replica`, `rdonly`): the primary is told by its mysqld-exporter sidecar (port `metrics`, pkg/operator/vttablet/constants.go)
 * reporting `read_only` off. CPU, memory, IOPS and storage come from the kubelet (cAdvisor and volume stats) as
 * kube-prometheus scrapes it; a tablet's PVC has its pod's name (reconcile_tablets.go), the pod is
 * `<cluster>-vttablet-<cell>-<uid %010d>-<hash>` (pkg/operator/vttablet/pod.go PodName; docs/aws-quickstart.md).
 */
import type { PrometheusPreset } from './types.js';
import { vitessQueries } from './vitess-queries.js';

const uid = { re: '0*{uid}' };
/** The tablet's pod (and PVC) name: known, or matched by the padded uid the operator puts in it. */
const podName = { oneOf: ['{pod}', { re: '.+-vttablet-.+-{paddedUid}-[0-9a-f]+' }] };

export const operatorPreset: PrometheusPreset = {
  id: 'operator',
  title: 'Kubernetes: vitess-operator pods, found by Prometheus Kubernetes SD (or prometheus-operator additionalScrapeConfigs)',
  readme: '#kubernetes-vitess-operator',
  configs: ['examples/prometheus/operator/prometheus.yml'],
  jobs: { vtgate: 'vitess-vtgate', vttablet: 'vitess-vttablet', mysql: 'vitess-mysqld' },
  selectors: {
    vtgate: { job: '{jobs.vtgate}' },
    // vtgate_api's own label (go/vt/vtgate/vtgate.go VtgateApi: Operation, Keyspace, DbType), whatever `labels` says.
    keyspace: { keyspace: '{keyspace}' },
    tablet: { job: '{jobs.vttablet}', cell: '{cell}', tablet_uid: uid },
    mysqld: { job: '{jobs.mysql}', cell: '{cell}', tablet_uid: uid },
    // cAdvisor via the kubelet: container_* {namespace, pod, container}; the operator's MySQL container is "mysqld" (pkg/operator/vttablet/constants.go).
    container: { pod: podName, container: 'mysqld' },
    // kubelet volume stats {namespace, persistentvolumeclaim} (kubernetes pkg/kubelet/metrics/collectors/volume_stats.go).
    pvc: { persistentvolumeclaim: podName },
    vttablets: { job: '{jobs.vttablet}' },
    mysqlds: { job: '{jobs.mysql}' },
  },
  queries: {
    ...vitessQueries({ mysqld: true }),
    'tablet.cpu': {
      unit: 'cores',
      series: [{ label: 'cpu', query: 'sum(rate(container_cpu_usage_seconds_total{$container}[$rate]))' }],
      source: 'google/cadvisor metrics/prometheus.go (container_cpu_usage_seconds_total)',
    },
    'tablet.memory': {
      unit: 'bytes',
      series: [{ label: 'memory', query: 'sum(container_memory_working_set_bytes{$container})' }],
      source: 'google/cadvisor metrics/prometheus.go (container_memory_working_set_bytes)',
    },
    'tablet.iops': {
      unit: 'iops',
      series: [
        { label: 'read', query: 'sum(rate(container_fs_reads_total{$container}[$rate]))' },
        { label: 'write', query: 'sum(rate(container_fs_writes_total{$container}[$rate]))' },
      ],
      source: 'google/cadvisor metrics/prometheus.go (container_fs_reads_total, container_fs_writes_total)',
    },
    'tablet.storage': {
      unit: 'bytes',
      series: [
        { label: 'used', query: 'sum(kubelet_volume_stats_capacity_bytes{$pvc}) - sum(kubelet_volume_stats_available_bytes{$pvc})' },
        { label: 'capacity', query: 'sum(kubelet_volume_stats_capacity_bytes{$pvc})' },
      ],
      source: 'kubernetes pkg/kubelet/metrics/collectors/volume_stats.go',
    },
  },
  topology: {
    // No instance: its series are found by cell and uid, the kubelet's by pod; fewer labels, smaller answers at 1024 shards.
    identity: { keyspace: 'keyspace', shard: 'shard', cell: 'cell', uid: 'tablet_uid', type: 'pool_type', pod: 'pod' },
    tablets: 'max by ($by, name) (vttablet_tablet_server_state{$vttablets})',
    serving: { label: 'name', value: 'SERVING' },
    lag: 'max by ($key) (vttablet_replication_lag_sec{$vttablets} or label_replace(vttablet_heartbeat_current_lag_ns{$vttablets} / 1e9, "lag_source", "heartbeat", "", ""))',
    replicationStopped:
      'max by ($key) (mysql_slave_status_slave_io_running{$mysqlds} == 0 or mysql_slave_status_slave_sql_running{$mysqlds} == 0 ' +
      'or mysql_slave_status_replica_io_running{$mysqlds} == 0 or mysql_slave_status_replica_sql_running{$mysqlds} == 0)',
    primary: 'max by ($key) (mysql_global_variables_read_only{$mysqlds} == 0)',
    gates: 'count by (cell) (up{$vtgate})',
    gateCell: 'cell',
    shardNames: 'safe',
    requires: ['keyspace', 'shard', 'cell', 'tablet_uid'],
  },
};
