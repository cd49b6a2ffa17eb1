/**
 * Runs real time-series engines for tests on 127.0.0.1, on free ports, and stops them: Prometheus (Debian's
 * `prometheus`) and VictoriaMetrics (Debian's `victoria-metrics`, single node) scraping with a given Prometheus config
 * (VictoriaMetrics through `-promscrape.config`), or Prometheus over a TSDB backfilled by `promtool tsdb
 * create-blocks-from openmetrics` (series at fixed past times, e.g. the keyspace heatmap's day of per-shard counters).
 * Every wait is bounded; `stop()` ends the process it started. (bench/prometheus-scale.mjs backfills on its own.)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Engine = 'prometheus' | 'victoria-metrics';

export interface RunningEngine {
  engine: Engine;
  url: string;
  stop(): Promise<void>;
}

/** Fails with a clear message when a binary is missing (`.ci/run` installs them on a fresh Debian machine). */
export function requireBinary(name: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (found.status !== 0) throw new Error(`${name} is not installed: these tests need it (Debian: apt-get install ${name === 'promtool' ? 'prometheus' : name}; .ci/run does it).`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilReady(url: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${child.spawnfile} exited with ${child.exitCode} before it was ready:\n${log().slice(-3000)}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${child.spawnfile} was not ready within ${timeoutMs} ms:\n${log().slice(-3000)}`);
}

/** Starts `command` with the args for a port; retries another port when one was taken meanwhile. */
async function startOnFreePort(
  engine: Engine,
  dir: string,
  args: (port: number) => string[],
  readyPath: string,
): Promise<RunningEngine> {
  let child: ChildProcess | undefined;
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);
  try {
    let url = '';
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      url = `http://127.0.0.1:${port}`;
      child = spawn(engine, args(port), { stdio: ['ignore', 'pipe', 'pipe'] });
      let log = '';
      const keep = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-20_000));
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      try {
        await waitUntilReady(`${url}${readyPath}`, child, () => log, 60_000);
        break;
      } catch (error) {
        child.kill('SIGKILL');
        if (attempt >= 3 || !/address already in use/.test(log)) throw error;
      }
    }
    const running = child!;
    return {
      engine,
      url,
      async stop() {
        process.off('exit', killOnExit);
        if (running.exitCode === null && running.signalCode === null) {
          const exited = new Promise((resolve) => running.once('exit', resolve));
          running.kill('SIGTERM');
          const timer = setTimeout(() => running.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(timer);
        }
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    killOnExit();
    process.off('exit', killOnExit);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * `engine` scraping as `config` (a Prometheus config file's text) says. Debian's Prometheus is built without
 * Kubernetes discovery (it rejects `kubernetes_sd_configs`), so with `scraper: 'vmagent'` Debian's vmagent (from the
 * victoria-metrics package, whose Kubernetes discovery and relabelling follow Prometheus') scrapes with the config
 * and remote-writes into Prometheus, which answers the queries.
 */
export async function startScraping(engine: Engine, config: string, options: { scraper?: 'vmagent' } = {}): Promise<RunningEngine> {
  requireBinary(engine);
  const dir = await mkdtemp(join(tmpdir(), `ps-widgets-${engine}-`));
  const file = join(dir, 'prometheus.yml');
  await writeFile(file, config);
  if (engine === 'prometheus' && options.scraper === 'vmagent') {
    requireBinary('vmagent');
    const empty = join(dir, 'empty.yml');
    await writeFile(empty, 'global:\n  scrape_interval: 1m\nscrape_configs: []\n');
    const storage = await startOnFreePort(
      engine,
      dir,
      (port) => [`--config.file=${empty}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--web.enable-remote-write-receiver'],
      '/-/ready',
    );
    const agent = spawn(
      'vmagent',
      [`-promscrape.config=${file}`, `-remoteWrite.url=${storage.url}/api/v1/write`, `-remoteWrite.tmpDataPath=${join(dir, 'vmagent')}`, '-httpListenAddr=', '-loggerLevel=ERROR'],
      { stdio: ['ignore', 'ignore', 'ignore'] },
    );
    const killAgent = () => agent.kill('SIGKILL');
    process.once('exit', killAgent);
    return {
      engine,
      url: storage.url,
      async stop() {
        process.off('exit', killAgent);
        if (agent.exitCode === null && agent.signalCode === null) {
          const exited = new Promise((resolve) => agent.once('exit', resolve));
          agent.kill('SIGTERM');
          const timer = setTimeout(() => agent.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(timer);
        }
        await storage.stop();
      },
    };
  }
  if (engine === 'prometheus') {
    return startOnFreePort(engine, dir, (port) => [`--config.file=${file}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`], '/-/ready');
  }
  return startOnFreePort(
    engine,
    dir,
    (port) => [
      `-storageDataPath=${join(dir, 'data')}`,
      `-httpListenAddr=127.0.0.1:${port}`,
      `-promscrape.config=${file}`,
      // By default VictoriaMetrics hides the newest 30 s of samples from queries; a test scrapes for seconds only.
      '-search.latencyOffset=0s',
      '-search.disableCache',
      '-loggerLevel=ERROR',
    ],
    '/health',
  );
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr.slice(-2000)}`))));
  });
}

/** Prometheus over a TSDB backfilled from OpenMetrics text (with timestamps) that `write` puts in the given file. */
export async function startBackfilled(write: (file: string) => Promise<void>): Promise<RunningEngine> {
  requireBinary('prometheus');
  requireBinary('promtool');
  const dir = await mkdtemp(join(tmpdir(), 'ps-widgets-prometheus-'));
  try {
    const input = join(dir, 'input.om');
    const data = join(dir, 'data');
    await write(input);
    // One block per week instead of one per 2 h: promtool re-reads the input for every block it writes.
    await run('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', '--max-block-duration=192h', input, data]);
    await rm(input);
    const config = join(dir, 'prometheus.yml');
    await writeFile(config, 'global:\n  scrape_interval: 1h\nscrape_configs: []\n');
    return startOnFreePort(
      'prometheus',
      dir,
      // Retention counts back from the newest block, so data at a fixed past time is kept.
      (port) => [`--config.file=${config}`, `--storage.tsdb.path=${data}`, `--web.listen-address=127.0.0.1:${port}`, '--storage.tsdb.retention.time=30d'],
      '/-/ready',
    );
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Polls an instant query until `done(result)` holds (bounded): e.g. until every target has been scraped enough. */
export async function waitForQuery(url: string, promql: string, done: (result: { metric: Record<string, string>; value: [number, string] }[]) => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query: promql })}`);
      const body = (await response.json()) as { data?: { result?: { metric: Record<string, string>; value: [number, string] }[] } };
      last = body;
      if (body.data?.result && done(body.data.result)) return;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${promql} did not reach the expected answer within ${timeoutMs} ms; last answer: ${JSON.stringify(last).slice(0, 2000)}`);
}
