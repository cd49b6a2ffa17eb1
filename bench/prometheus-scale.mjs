#!/usr/bin/env node
// `node bench/prometheus-scale.mjs [--runs=3]`: PrometheusProvider against a real Prometheus holding 1024 shards × 3
// tablets in the vitess-operator's label shape (preset `operator`; backfilled with promtool — scraping 3 072 tablets is
// not the point here). In headless Chromium: the topology's instant queries, a replica's lag chart, and <ps-topology>
// drawing from the provider, each with its longest main-thread task and the bytes received. In Node: each query's server
// time over loopback. Prints medians; stops Prometheus and the page server it started.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.mjs';
import { minifyCssLiterals } from '../scripts/minify-css-literals.mjs';

const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3);
const SHARDS = 1024;
const STEP = 30;
const SAMPLES = 21; // 10 minutes at 30 s
const CELLS = ['zone1', 'zone2', 'zone3'];
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

for (const binary of ['prometheus', 'promtool']) {
  if (spawnSync('sh', ['-c', `command -v ${binary}`]).status !== 0) throw new Error(`${binary} is not installed (Debian: apt-get install prometheus).`);
}

/** Shard names of 1024 even shards over a 16-bit key space: -0040, 0040-0080, …, ffc0- . */
function shardNames() {
  const hex = (i) => (i * (65536 / SHARDS)).toString(16).padStart(4, '0');
  return Array.from({ length: SHARDS }, (_, i) => `${i === 0 ? '' : hex(i)}-${i === SHARDS - 1 ? '' : hex(i + 1)}`);
}
/** The operator's safe name (pkg/apis/planetscale/v2/keyrange.go SafeName). */
const safe = (shard) => shard.replace(/^-/, 'x-').replace(/-$/, '-x');

/** OpenMetrics text with timestamps: the series the operator preset's topology and lag queries read, as scraped. */
async function writeData(file, end) {
  const out = createWriteStream(file);
  const write = (text) => (out.write(text) ? undefined : new Promise((resolve) => out.once('drain', resolve)));
  const times = Array.from({ length: SAMPLES }, (_, i) => end - (SAMPLES - 1 - i) * STEP);
  const tablets = shardNames().flatMap((shard, s) => [0, 1, 2].map((i) => {
    const uid = String(100_000 + s * 10 + i).padStart(10, '0');
    const cell = CELLS[i];
    const labels = { keyspace: 'customers', shard: safe(shard), cell, tablet_uid: uid, pool_type: i === 2 ? 'rdonly' : 'replica', pod: `example-vttablet-${cell}-${uid}-${(s * 3 + i).toString(16).padStart(8, '0')}`, namespace: 'vitess' };
    return { labels, primary: i === 0, ip: `10.${s >> 8}.${s & 255}.${i + 1}` };
  }));
  const fmt = (labels) => Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(',');
  async function familyOf(name, type, series) {
    await write(`# TYPE ${name} ${type}\n`);
    for (const [labels, value] of series) {
      const text = fmt(labels);
      for (const t of times) await write(`${name}{${text}} ${typeof value === 'function' ? value(t) : value} ${t}\n`);
    }
  }
  const vttablet = (t) => ({ job: 'vitess-vttablet', instance: `${t.ip}:15000`, ...t.labels });
  const mysqld = (t) => ({ job: 'vitess-mysqld', instance: `${t.ip}:9104`, ...t.labels });
  await familyOf('vttablet_tablet_server_state', 'gauge', tablets.map((t) => [{ ...vttablet(t), name: 'SERVING' }, 1]));
  await familyOf('vttablet_replication_lag_sec', 'gauge', tablets.map((t, n) => [vttablet(t), t.primary ? 0 : n % 5]));
  await familyOf('vttablet_heartbeat_current_lag_ns', 'gauge', tablets.map((t) => [vttablet(t), 0]));
  await familyOf('mysql_global_variables_read_only', 'gauge', tablets.map((t) => [mysqld(t), t.primary ? 0 : 1]));
  const source = { channel_name: '', connection_name: '', master_host: 'primary', master_uuid: 'x' };
  await familyOf('mysql_slave_status_slave_io_running', 'unknown', tablets.filter((t) => !t.primary).map((t) => [{ ...mysqld(t), ...source }, 1]));
  await familyOf('mysql_slave_status_slave_sql_running', 'unknown', tablets.filter((t) => !t.primary).map((t) => [{ ...mysqld(t), ...source }, 1]));
  await familyOf('up', 'gauge', CELLS.map((cell, i) => [{ job: 'vitess-vtgate', instance: `10.255.0.${i + 1}:15000`, cell, pod: `example-${cell}-vtgate-0`, namespace: 'vitess' }, 1]));
  await write('# EOF\n');
  await new Promise((resolve) => out.end(resolve));
}

/** Per `<phase> start`/`<phase> end` mark pair: the longest main-thread task inside, wall and CPU (trace `tdur`). */
function longestTasks(events) {
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const onMain = (e) => main.has(`${e.pid}:${e.tid}`);
  const marks = new Map();
  for (const e of events) if (onMain(e) && e.cat?.includes('user_timing') && !marks.has(e.name)) marks.set(e.name, e.ts);
  const tasks = events.filter((e) => onMain(e) && e.ph === 'X' && e.name === 'RunTask');
  const figures = {};
  for (const [mark, from] of marks) {
    if (!mark.endsWith(' start') || !marks.has(`${mark.slice(0, -6)} end`)) continue;
    const phase = mark.slice(0, -6);
    const to = marks.get(`${phase} end`);
    const inside = tasks.filter((t) => t.ts + t.dur > from && t.ts < to);
    figures[`${phase}: longest task (trace) ms`] = Math.max(0, ...inside.map((t) => t.dur)) / 1000;
    figures[`${phase}: longest task CPU (trace) ms`] = Math.max(0, ...inside.map((t) => t.tdur ?? t.dur)) / 1000;
  }
  return figures;
}

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr.slice(-2000)}`))));
  });
}

async function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const dir = await mkdtemp(join(tmpdir(), 'ps-widgets-prometheus-scale-'));
let prometheus;
let server;
let browser;
try {
  const end = Math.floor(Date.now() / 1000 / 60) * 60 - 3600;
  const input = join(dir, 'input.om');
  const started = performance.now();
  await writeData(input, end);
  await run('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', input, join(dir, 'data')]);
  await rm(input);
  console.log(`backfilled ${SHARDS} shards × 3 tablets in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await writeFile(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1h\nscrape_configs: []\n');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  prometheus = spawn('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--storage.tsdb.retention.time=30d'], { stdio: 'ignore' });
  const deadline = Date.now() + 60_000;
  while (!(await fetch(`${url}/-/ready`).then((r) => r.ok, () => false))) {
    if (Date.now() > deadline || prometheus.exitCode !== null) throw new Error('prometheus did not become ready within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  const root = fileURLToPath(new URL('.', import.meta.url));
  const outDir = join(dir, 'page');
  const shared = { configFile: false, root, logLevel: 'warn', plugins: [minifyCssLiterals()], worker: { format: 'es' }, build: { target: 'es2022', outDir, emptyOutDir: true, rollupOptions: { input: join(root, 'prometheus-scale.html') } } };
  await build(shared);
  server = await preview({ ...shared, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  const base = server.resolvedUrls.local[0];
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });

  const samples = {};
  let urls = [];
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const asked = [];
    page.on('request', (request) => request.url().startsWith(url) && asked.push(request.url()));
    // A trace too: the CPU time of each main-thread task tells the page's own work from waiting for a core on a busy box.
    const cdp = await page.context().newCDPSession(page);
    const events = [];
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing', transferMode: 'ReportEvents' });
    await page.goto(`${base}prometheus-scale.html?${new URLSearchParams({ prometheus: url, at: String(end * 1000) })}`);
    await page.waitForFunction(() => window.__bench, undefined, { timeout: 300_000 });
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await done;
    const result = await page.evaluate(() => window.__bench);
    await page.close();
    if (result.error) throw new Error(result.error);
    Object.assign(result.figures, longestTasks(events));
    for (const [key, value] of Object.entries(result.figures)) (samples[key] ??= []).push(value);
    urls = asked;
  }
  // Server time of each distinct query, from Node over loopback (median of 5), and its answer size.
  for (const asked of [...new Set(urls)]) {
    const times = [];
    let size = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const body = await (await fetch(asked)).arrayBuffer();
      times.push(performance.now() - t0);
      size = body.byteLength;
    }
    const query = new URL(asked).searchParams.get('query') ?? '';
    const name = `${/^\w+/.exec(query)?.[0] ?? ''} ${/([a-z_:]+)\{/.exec(query)?.[1] ?? query.slice(0, 40)}${new URL(asked).pathname.endsWith('query_range') ? ' (range)' : ''}`;
    samples[`server: ${name} ms`] = [median(times)];
    samples[`server: ${name} KB`] = [size / 1024];
  }
  console.log(`\nPrometheusProvider at ${SHARDS} shards × 3 tablets (median of ${runs} page runs; server times: median of 5)`);
  console.table(Object.fromEntries(Object.entries(samples).map(([figure, values]) => [figure, { median: Number(median(values).toFixed(2)) }])));
} finally {
  await browser?.close();
  if (server) await new Promise((resolve) => server.httpServer.close(resolve));
  if (prometheus && prometheus.exitCode === null) {
    const exited = new Promise((resolve) => prometheus.once('exit', resolve));
    prometheus.kill('SIGTERM');
    const timer = setTimeout(() => prometheus.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
  await rm(dir, { recursive: true, force: true });
}
