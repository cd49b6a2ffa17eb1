/**
 * Serves the fixture cluster's exporters on 127.0.0.1 for real scrapers: one HTTP server per target (so each has its
 * own `instance`), a stand-in Kubernetes API listing the vitess-operator's pods (the list/watch that Prometheus'
 * kubernetes_sd uses), and a stand-in PlanetScale HTTP service discovery. All close with `close()`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GATES, TABLETS, aliasOf, type FxTablet } from './cluster.js';
import { kubeletMetrics, mysqldExporterMetrics, nodeExporterMetrics } from './exporters.js';
import { planetscaleMetrics, podOf } from './planetscale.js';
import { vtgateMetrics, vttabletMetrics } from './vitess.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

async function listen(handler: Handler): Promise<{ server: Server; address: string; port: number }> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { server, address: `127.0.0.1:${port}`, port };
}

/** The exposition format's content type (prometheus/common expfmt TextVersion 0.0.4). */
const TEXT = 'text/plain; version=0.0.4; charset=utf-8';

function metricsHandler(render: () => string): Handler {
  return (request, response) => {
    if (!request.url?.startsWith('/metrics')) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TEXT }).end(render());
  };
}

export interface TabletTargets {
  tablet: FxTablet;
  vttablet: string;
  node: string;
  mysqld: string;
}

export interface ClusterTargets {
  tablets: TabletTargets[];
  gates: string[];
  /** The kubelet (cAdvisor + volume stats) of the operator's pods. */
  kubelet: string;
  /** One PlanetScale branch endpoint. */
  planetscale: string;
  /** Operator pod name of a tablet. */
  podOf(tablet: FxTablet): string;
  close(): Promise<void>;
}

export const OPERATOR_NAMESPACE = 'vitess';
/** The vitess-operator's pod name: `<cluster>-vttablet-<cell>-<uid %010d>-<hash>` (pkg/operator/vttablet/pod.go). */
export const operatorPodOf = (tablet: FxTablet) => `example-vttablet-${tablet.cell}-${String(tablet.uid).padStart(10, '0')}-${((tablet.uid * 40503) >>> 0).toString(16).padStart(8, '0')}`;

export async function serveCluster(): Promise<ClusterTargets> {
  const started = Date.now();
  const elapsed = () => (Date.now() - started) / 1000;
  const servers: Server[] = [];
  const add = async (render: () => string) => {
    const served = await listen(metricsHandler(render));
    servers.push(served.server);
    return served.address;
  };
  const tablets: TabletTargets[] = [];
  for (const tablet of TABLETS) {
    tablets.push({
      tablet,
      vttablet: await add(() => vttabletMetrics(tablet, elapsed())),
      node: await add(() => nodeExporterMetrics(tablet, elapsed())),
      mysqld: await add(() => mysqldExporterMetrics(tablet)),
    });
  }
  const gates: string[] = [];
  for (const gate of GATES) gates.push(await add(() => vtgateMetrics(gate, TABLETS, elapsed())));
  const kubelet = await add(() => kubeletMetrics(TABLETS.map((tablet) => ({ tablet, pod: operatorPodOf(tablet), namespace: OPERATOR_NAMESPACE })), elapsed()));
  const planetscale = await add(() => planetscaleMetrics(elapsed()));
  return {
    tablets,
    gates,
    kubelet,
    planetscale,
    podOf: operatorPodOf,
    close: () => closeAll(servers),
  };
}

async function closeAll(servers: Server[]): Promise<void> {
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())))));
}

/**
 * A Kubernetes API server as far as Prometheus' pod discovery uses it (client-go list + watch of `/api/v1/pods`): the
 * vitess-operator's vttablet and vtgate pods, labelled as the operator labels them (pkg/apis/planetscale/v2/labels.go;
 * tablets: pkg/controller/vitessshard/reconcile_tablets.go — shard safe name, tablet-uid `%010d`, tablet-type the pool
 * type), each container port on 127.0.0.1 where our targets listen (vttablet `web`, mysqld-exporter `metrics`:
 * pkg/operator/vttablet/constants.go; vtgate `web`: pkg/operator/vtgate/deployment.go).
 */
export async function serveKubernetesApi(cluster: ClusterTargets): Promise<{ address: string; close(): Promise<void> }> {
  const port = (address: string) => Number(address.slice(address.lastIndexOf(':') + 1));
  const safeShard = (shard: string) => shard.replace(/^-/, 'x-').replace(/-$/, '-x');
  const pod = (name: string, labels: Record<string, string>, containers: { name: string; ports: { name: string; containerPort: number }[] }[]) => ({
    metadata: { name, namespace: OPERATOR_NAMESPACE, uid: `uid-${name}`, resourceVersion: '1', labels },
    spec: { nodeName: 'node-1', containers: containers.map((c) => ({ name: c.name, image: `vitess/${c.name}`, ports: c.ports.map((p) => ({ ...p, protocol: 'TCP' })) })) },
    status: { phase: 'Running', podIP: '127.0.0.1', hostIP: '127.0.0.1', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: containers.map((c) => ({ name: c.name, ready: true, restartCount: 0, image: `vitess/${c.name}`, imageID: '', containerID: `containerd://${c.name}` })) },
  });
  const items = [
    ...cluster.tablets.map(({ tablet, vttablet, mysqld }) =>
      pod(
        operatorPodOf(tablet),
        {
          'planetscale.com/component': 'vttablet',
          'planetscale.com/cluster': 'example',
          'planetscale.com/keyspace': tablet.keyspace,
          'planetscale.com/shard': safeShard(tablet.shard),
          'planetscale.com/cell': tablet.cell,
          'planetscale.com/tablet-uid': String(tablet.uid).padStart(10, '0'),
          // The pool type: a primary is a pod of the replica pool.
          'planetscale.com/tablet-type': tablet.type === 'rdonly' ? 'rdonly' : 'replica',
          'planetscale.com/tablet-index': '1',
        },
        [
          { name: 'vttablet', ports: [{ name: 'web', containerPort: port(vttablet) }, { name: 'grpc', containerPort: 15999 }] },
          { name: 'mysqld', ports: [] },
          { name: 'mysqld-exporter', ports: [{ name: 'metrics', containerPort: port(mysqld) }] },
        ],
      ),
    ),
    ...cluster.gates.map((gate, i) =>
      pod(`example-${GATES[i].cell}-vtgate-${i}`, { 'planetscale.com/component': 'vtgate', 'planetscale.com/cluster': 'example', 'planetscale.com/cell': GATES[i].cell }, [
        { name: 'vtgate', ports: [{ name: 'web', containerPort: port(gate) }] },
      ]),
    ),
  ];
  const served = await listen((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!/^\/api\/v1\/(namespaces\/[^/]+\/)?pods$/.test(url.pathname)) {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 404 }));
      return;
    }
    if (url.searchParams.get('watch') === 'true') {
      // Nothing changes: hold the watch open until the client ends it.
      response.writeHead(200, { 'content-type': 'application/json' });
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items }));
  });
  return { address: served.address, close: () => closeAll([served.server]) };
}

/**
 * PlanetScale's HTTP service discovery (planetscale.com/docs/vitess/tutorials/prometheus): answers the organization's
 * branch endpoints as HTTP SD target groups (prometheus.io/docs/prometheus/latest/http_sd), with the target labels the
 * docs name (planetscale_organization_name, planetscale_database_name, planetscale_branch_name). Requires the token.
 */
export async function servePlanetScaleDiscovery(cluster: ClusterTargets, org: string, credentials: string): Promise<{ address: string; close(): Promise<void> }> {
  const served = await listen((request, response) => {
    if (request.url !== `/v1/organizations/${org}/metrics`) {
      response.writeHead(404).end();
      return;
    }
    if (request.headers.authorization !== `token ${credentials}`) {
      response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'unauthorized', message: 'Unauthorized' }));
      return;
    }
    const groups = [
      {
        targets: [cluster.planetscale],
        labels: { __scheme__: 'http', __metrics_path__: '/metrics', planetscale_organization_name: org, planetscale_database_name: 'commerce', planetscale_branch_name: 'main' },
      },
    ];
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(groups));
  });
  return { address: served.address, close: () => closeAll([served.server]) };
}

export { aliasOf, podOf };
