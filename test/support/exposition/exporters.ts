/**
 * The exporters beside a tablet, as they write their series. node_exporter 1.5 (Debian's prometheus-node-exporter, whose
 * /metrics on this machine shows these exact shapes): collector/cpu_linux.go `node_cpu_seconds_total{cpu,mode}`,
 * meminfo.go `node_memory_MemTotal_bytes`/`MemAvailable_bytes`, filesystem_common.go
 * `node_filesystem_{size,avail}_bytes{device="/dev/…",fstype,mountpoint}`, diskstats_linux.go
 * `node_disk_{reads,writes}_completed_total{device="nvme1n1"}`. mysqld_exporter 0.14: collector/slave_status.go
 * `mysql_slave_status_<column>{channel_name,connection_name,master_host,master_uuid}` (Yes/No → 1/0),
 * global_variables.go `mysql_global_variables_<variable>` (ON/OFF → 1/0). cAdvisor via the kubelet:
 * google/cadvisor metrics/prometheus.go (`container_cpu_usage_seconds_total`, `container_memory_working_set_bytes`,
 * `container_fs_{reads,writes}_total{device}` with the kubelet's container/pod/namespace labels); the kubelet's
 * volume stats: kubernetes pkg/kubelet/metrics/collectors/volume_stats.go `kubelet_volume_stats_{capacity,available}_bytes{namespace,persistentvolumeclaim}`.
 */
import type { FxTablet } from './cluster.js';
import { family, type Sample } from './text.js';

/** The tablet's host: two CPUs, memory, the root disk and the tablet's data volume on its own disk at `mountpoint`. */
export function nodeExporterMetrics(tablet: FxTablet, elapsed: number, mountpoint = '/mnt'): string {
  const { host } = tablet;
  const cpu: Sample[] = [];
  for (let i = 0; i < host.cpus; i++) {
    cpu.push([{ cpu: String(i), mode: 'idle' }, 5000 + (1 - host.busy) * elapsed]);
    cpu.push([{ cpu: String(i), mode: 'user' }, 3000 + host.busy * elapsed]);
    cpu.push([{ cpu: String(i), mode: 'system' }, 100]);
  }
  const filesystem = (field: 'size' | 'avail') => [
    [{ device: '/dev/nvme0n1p1', fstype: 'ext4', mountpoint: '/' }, field === 'size' ? 50 * 2 ** 30 : 20 * 2 ** 30],
    [{ device: '/dev/nvme1n1', fstype: 'ext4', mountpoint }, field === 'size' ? host.volumeSize : host.volumeAvail],
  ] as Sample[];
  return [
    family('node_cpu_seconds_total', 'counter', 'Seconds the CPUs spent in each mode.', cpu),
    family('node_memory_MemAvailable_bytes', 'gauge', 'Memory information field MemAvailable_bytes.', [[{}, host.memAvailable]]),
    family('node_memory_MemTotal_bytes', 'gauge', 'Memory information field MemTotal_bytes.', [[{}, host.memTotal]]),
    family('node_filesystem_avail_bytes', 'gauge', 'Filesystem space available to non-root users in bytes.', filesystem('avail')),
    family('node_filesystem_size_bytes', 'gauge', 'Filesystem size in bytes.', filesystem('size')),
    // The root disk is busy too: a query that does not keep to the volume's disk counts its operations.
    family('node_disk_reads_completed_total', 'counter', 'The total number of reads completed successfully.', [
      [{ device: 'nvme0n1' }, Math.floor(9000 + 500 * elapsed)],
      [{ device: 'nvme1n1' }, Math.floor(1000 + host.reads * elapsed)],
    ]),
    family('node_disk_writes_completed_total', 'counter', 'The total number of writes completed successfully.', [
      [{ device: 'nvme0n1' }, Math.floor(9000 + 700 * elapsed)],
      [{ device: 'nvme1n1' }, Math.floor(1000 + host.writes * elapsed)],
    ]),
  ].join('');
}

/** mysqld_exporter beside the tablet's MySQL: replication threads of a replica, read_only, mysql_up. */
export function mysqldExporterMetrics(tablet: FxTablet): string {
  const replica = tablet.type !== 'primary';
  const source = { channel_name: '', connection_name: '', master_host: 'primary.local', master_uuid: '3e11fa47-71ca-11e1-9e33-c80aa9429562' };
  const threads = (running: boolean): Sample[] => (replica ? [[source, running ? 1 : 0]] : []);
  return [
    family('mysql_up', 'gauge', 'Whether the MySQL server is up.', [[{}, 1]]),
    // SHOW SLAVE STATUS is empty on a primary: no slave_status series at all.
    family('mysql_slave_status_slave_io_running', 'untyped', 'Generic metric from SHOW SLAVE STATUS.', threads(tablet.replicationRunning)),
    family('mysql_slave_status_slave_sql_running', 'untyped', 'Generic metric from SHOW SLAVE STATUS.', threads(true)),
    // Seconds_Behind_Master is NULL while the IO thread is stopped: not parsable, so not exported.
    family('mysql_slave_status_seconds_behind_master', 'untyped', 'Generic metric from SHOW SLAVE STATUS.', replica && tablet.replicationRunning ? [[source, Math.floor(tablet.lagSeconds)]] : []),
    // Vitess keeps replicas read-only (super_read_only) and turns read_only OFF on the primary.
    family('mysql_global_variables_read_only', 'gauge', 'Generic gauge metric from SHOW GLOBAL VARIABLES.', [[{}, replica ? 1 : 0]]),
  ].join('');
}

/** The kubelet's cAdvisor and volume stats for a vitess-operator tablet pod (containers vttablet, mysqld, mysqld-exporter). */
export function kubeletMetrics(tablets: { tablet: FxTablet; pod: string; namespace: string }[], elapsed: number): string {
  const cpu: Sample[] = [];
  const memory: Sample[] = [];
  const reads: Sample[] = [];
  const writes: Sample[] = [];
  const capacity: Sample[] = [];
  const available: Sample[] = [];
  for (const { tablet, pod, namespace } of tablets) {
    const { host } = tablet;
    for (const container of ['vttablet', 'mysqld', 'mysqld-exporter']) {
      const share = container === 'mysqld' ? 1 : 0.1;
      const labels = { container, id: `/kubepods/pod-${pod}/${container}`, image: `vitess/${container}`, name: `k8s_${container}_${pod}`, namespace, pod };
      cpu.push([labels, 100 + share * host.busy * host.cpus * elapsed]);
      memory.push([labels, share * (host.memTotal - host.memAvailable)]);
      reads.push([{ ...labels, device: '/dev/nvme1n1' }, Math.floor(share * host.reads * elapsed)]);
      writes.push([{ ...labels, device: '/dev/nvme1n1' }, Math.floor(share * host.writes * elapsed)]);
    }
    // The operator names a tablet's data PVC like its pod (pkg/controller/vitessshard/reconcile_tablets.go).
    capacity.push([{ namespace, persistentvolumeclaim: pod }, host.volumeSize]);
    available.push([{ namespace, persistentvolumeclaim: pod }, host.volumeAvail]);
  }
  return [
    family('container_cpu_usage_seconds_total', 'counter', 'Cumulative cpu time consumed in seconds.', cpu),
    family('container_memory_working_set_bytes', 'gauge', 'Current working set in bytes.', memory),
    family('container_fs_reads_total', 'counter', 'Cumulative count of reads completed', reads),
    family('container_fs_writes_total', 'counter', 'Cumulative count of writes completed', writes),
    family('kubelet_volume_stats_capacity_bytes', 'gauge', 'Capacity in bytes of the volume', capacity),
    family('kubelet_volume_stats_available_bytes', 'gauge', 'Number of available bytes in the volume', available),
  ].join('');
}
