/**
 * The README's scrape configs (examples/prometheus/<preset>/prometheus.yml) made to scrape the fixture cluster, changing
 * only what a user edits: the targets of each static job (the file's own format, one `- targets:` entry per target),
 * the discovery endpoints (Kubernetes API server, PlanetScale's API) and the ${ORG}/${TOKEN} placeholders; the scrape
 * interval goes down to 1 s so a test needs seconds, not minutes. Job names, relabelling and labels stay the file's.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { paddedAliasOf, type FxTablet } from './cluster.js';
import type { ClusterTargets } from './targets.js';

export function readConfig(preset: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../examples/prometheus/${preset}/prometheus.yml`, import.meta.url)), 'utf8');
}

/** The file with its global scrape interval set to 1 s (evaluation of rates over seconds). */
function fast(config: string): string {
  const replaced = config.replace(/^( *scrape_interval: *)\S+$/m, (_whole, key: string) => `${key}1s`);
  if (replaced === config) throw new Error('the config has no scrape_interval to set');
  return replaced;
}

type Entry = { target: string; labels?: Record<string, string> };

const yamlLabels = (labels: Record<string, string>) => `{ ${Object.entries(labels).map(([k, v]) => `${k}: '${v}'`).join(', ')} }`;

/** Replaces the `static_configs:` entries of job `job` with `entries`, written as the file writes them. */
export function setTargets(config: string, job: string, entries: Entry[]): string {
  const lines = config.split('\n');
  const start = lines.findIndex((line) => line.trim() === `- job_name: ${job}`);
  if (start < 0) throw new Error(`the config has no job ${job}`);
  const at = lines.findIndex((line, i) => i > start && line.trim() === 'static_configs:');
  if (at < 0) throw new Error(`job ${job} has no static_configs`);
  let end = at + 1;
  while (end < lines.length && (lines[end].startsWith('      ') || lines[end].trim() === '')) end++;
  // Keep a blank line that separates jobs.
  while (end > at + 1 && lines[end - 1].trim() === '') end--;
  const written = entries.flatMap(({ target, labels }) => [`      - targets: ['${target}']`, ...(labels ? [`        labels: ${yamlLabels(labels)}`] : [])]);
  return [...lines.slice(0, at + 1), ...written, ...lines.slice(end)].join('\n');
}

const identity = (tablet: FxTablet) => ({ keyspace: tablet.keyspace, shard: tablet.shard, tablet_alias: paddedAliasOf(tablet), cell: tablet.cell });

export function mixinConfig(cluster: ClusterTargets): string {
  let config = fast(readConfig('mixin'));
  config = setTargets(config, 'vitess-vtgate', cluster.gates.map((target) => ({ target })));
  config = setTargets(config, 'vitess-vttablet', cluster.tablets.map(({ vttablet }) => ({ target: vttablet })));
  config = setTargets(config, 'mysql', cluster.tablets.map(({ mysqld, vttablet }) => ({ target: mysqld, labels: { vttablet } })));
  config = setTargets(config, 'node-exporter-vitess-vttablet', cluster.tablets.map(({ node, vttablet }) => ({ target: node, labels: { vttablet } })));
  return config;
}

export function examplesConfig(cluster: ClusterTargets): string {
  return setTargets(fast(readConfig('examples')), 'vitess', [...cluster.gates, ...cluster.tablets.map(({ vttablet }) => vttablet)].map((target) => ({ target })));
}

/** `staleType`: aliases whose static tablet_type label is out of date (the tablet was reparented since). */
export function relabelledConfig(cluster: ClusterTargets, staleType: Record<string, string> = {}): string {
  let config = fast(readConfig('relabelled'));
  config = setTargets(config, 'vitess-vtgate', cluster.gates.map((target, i) => ({ target, labels: { cell: i === 0 ? 'zone1' : 'zone2' } })));
  config = setTargets(
    config,
    'vitess-vttablet',
    cluster.tablets.map(({ tablet, vttablet }) => ({ target: vttablet, labels: { ...identity(tablet), tablet_type: staleType[paddedAliasOf(tablet)] ?? tablet.type } })),
  );
  config = setTargets(config, 'mysql', cluster.tablets.map(({ tablet, mysqld }) => ({ target: mysqld, labels: identity(tablet) })));
  config = setTargets(config, 'node-exporter-vitess-vttablet', cluster.tablets.map(({ tablet, node }) => ({ target: node, labels: identity(tablet) })));
  return config;
}

/** The operator's file pointed at a Kubernetes API server, plus the kubelet job cluster monitoring already has. */
export function operatorConfig(cluster: ClusterTargets, apiServer: string): string {
  const config = fast(readConfig('operator')).replace(/^(\s*)- role: pod$/gm, `$1- role: pod\n$1  api_server: http://${apiServer}`);
  return `${config.trimEnd()}\n\n  # Not part of the preset's file: kube-prometheus' kubelet job (cAdvisor, volume stats).\n  - job_name: kubelet\n    static_configs:\n      - targets: ['${cluster.kubelet}']\n`;
}

export const PLANETSCALE_ORG = 'acme';
export const PLANETSCALE_CREDENTIALS = 'tokenid0:s3cr3t';

export function planetscaleConfig(discovery: string): string {
  const [id, token] = PLANETSCALE_CREDENTIALS.split(':');
  return fast(readConfig('planetscale'))
    .replace('https://api.planetscale.com', `http://${discovery}`)
    .replaceAll('${ORG}', PLANETSCALE_ORG)
    .replaceAll('${TOKEN_ID}', id)
    .replaceAll('${TOKEN}', token);
}
