/**
 * Vitess' own examples: `examples/vtadmin/config/prometheus.yml` scrapes vtctld, vtgate and every vttablet as one job
 * `vitess`, targets `<host>:8080`. A tablet is its `instance`; the VTGates are the targets exporting vtgate_* series
 * (their process_* series are told apart from the tablets' by that). No node_exporter or mysqld_exporter is scraped,
 * so a tablet has queries, reads/writes and lag but no CPU, memory, IOPS or storage.
 */
import type { PrometheusPreset } from './types.js';
import { vitessQueries } from './vitess-queries.js';

/** Only the process series of targets that also export vtgate's own MysqlServerConnCount (go/mysql/server.go). */
const ofGates = (expression: string) => `sum(${expression} and on (instance) vtgate_mysql_server_conn_count{$vtgate})`;

export const examplesPreset: PrometheusPreset = {
  id: 'examples',
  title: "Vitess examples: one job 'vitess' for every component, a tablet by its instance",
  readme: '#vitess-examples-one-job',
  configs: ['examples/prometheus/examples/prometheus.yml'],
  // examples/vtadmin/config/prometheus.yml: job_name 'vitess'.
  jobs: { vtgate: 'vitess', vttablet: 'vitess' },
  selectors: {
    vtgate: { job: '{jobs.vtgate}' },
    // vtgate_api's own label (go/vt/vtgate/vtgate.go VtgateApi: Operation, Keyspace, DbType), whatever `labels` says.
    keyspace: { keyspace: '{keyspace}' },
    tablet: { job: '{jobs.vttablet}', instance: '{instance}' },
  },
  queries: {
    ...vitessQueries(),
    'vtgates.cpu': {
      unit: 'cores',
      series: [{ label: 'cpu', query: ofGates('rate(process_cpu_seconds_total{$vtgate}[$rate])') }],
      source: 'prometheus/client_golang process collector; vitessio/vitess go/mysql/server.go (MysqlServerConnCount, vtgate only)',
    },
    'vtgates.memory': {
      unit: 'bytes',
      series: [{ label: 'memory', query: ofGates('process_resident_memory_bytes{$vtgate}') }],
      source: 'prometheus/client_golang process collector; vitessio/vitess go/mysql/server.go',
    },
  },
  noTopology:
    "With Vitess' example setup (one job, no relabelling) no vttablet series says which keyspace, shard or tablet it belongs to " +
    '(go/stats/prometheusbackend skips string stats): combine PrometheusProvider with VTAdminProvider, or relabel ' +
    '(README, "Connect your cluster": #relabelled-tablet-labels).',
};
