// `npm run demo:real`: the demo on a real MySQL. Starts the local MariaDB primary + replica, their exporters and a
// Prometheus (scripts/real-cluster.mjs), a steady read/write load on them (scripts/real-load.mjs), and the demo's Vite
// server proxying /prometheus to that Prometheus; the demo page then reads topology and metrics from it (the `mysqld`
// preset; the harness labels the mysqld_exporter targets with their tablets).
// Ctrl-C stops everything. Options: --port=<n> (default 5173, or the next free one), --delay=<s> (MASTER_DELAY, 5).
import { createServer } from 'vite';
import { startRealCluster } from './real-cluster.mjs';
import { startLoad } from './real-load.mjs';

const option = (name, fallback) => {
  const found = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  return found ? Number(found.slice(name.length + 3)) : fallback;
};
const SCRAPE_SECONDS = 5;
const say = (message) => console.log(`demo:real: ${message}`);

let cluster;
let load;
let vite;
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  await vite?.close().catch(() => {});
  await load?.stop().catch(() => {});
  await cluster?.stop().catch((error) => console.error(error));
  process.exit(code);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

try {
  say('starting MariaDB primary + replica, mysqld_exporter, node_exporter and Prometheus (about 20 s)…');
  cluster = await startRealCluster({ replicationDelaySeconds: option('delay', 5), scrapeIntervalSeconds: SCRAPE_SECONDS, log: say });
  load = await startLoad({
    streams: [
      { socket: cluster.primary.socket, kind: 'read', perSecond: 30 },
      { socket: cluster.primary.socket, kind: 'write', perSecond: 10 },
      { socket: cluster.replica.socket, kind: 'read', perSecond: 20 },
    ],
    rowBytes: 2048,
  });
  say('load: 30 reads/s + 10 writes/s on the primary, 20 reads/s on the replica');
  process.env.PS_PROMETHEUS_URL = cluster.prometheusUrl;
  process.env.PS_REAL_CLUSTER = '1';
  vite = await createServer({ configFile: 'vite.config.ts', server: { port: option('port', 5173), host: '127.0.0.1' } });
  await vite.listen();
  const url = vite.resolvedUrls?.local[0] ?? `http://127.0.0.1:${vite.config.server.port}/`;
  say(`open ${url}demo/ — the local primary and replica, from Prometheus alone; choose one for its card. Ctrl-C stops it all.`);
} catch (error) {
  console.error(error);
  await stop(1);
}
