/**
 * Runs a real Prometheus for tests: backfills the fixture's OpenMetrics text into a temporary TSDB with
 * `promtool tsdb create-blocks-from openmetrics`, starts `prometheus` on 127.0.0.1 over it, and stops it again.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeOpenMetrics } from './vitess-series.js';

export interface RunningPrometheus {
  url: string;
  stop(): Promise<void>;
}

function requireBinary(name: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error(`${name} is not installed: the Prometheus provider tests need a real server (Debian: apt-get install prometheus; .ci/run does it).`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
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

async function waitUntilReady(url: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode} before it was ready:\n${log().slice(-3000)}`);
    try {
      const response = await fetch(`${url}/-/ready`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`prometheus was not ready within ${timeoutMs} ms:\n${log().slice(-3000)}`);
}

/** Backfills the Vitess fixture and starts Prometheus on a free port; call `stop()` when done. */
export async function startPrometheus(): Promise<RunningPrometheus> {
  requireBinary('prometheus');
  requireBinary('promtool');
  const dir = await mkdtemp(join(tmpdir(), 'ps-widgets-prometheus-'));
  let child: ChildProcess | undefined;
  const killOnExit = () => child?.kill('SIGKILL');
  try {
    const input = join(dir, 'vitess.om');
    const data = join(dir, 'data');
    await writeOpenMetrics(input);
    // One block per week instead of one per 2 h: promtool re-reads the input for every block it writes.
    await run('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', '--max-block-duration=192h', input, data]);
    await rm(input);
    const config = join(dir, 'prometheus.yml');
    await writeFile(config, 'global:\n  scrape_interval: 1h\nscrape_configs: []\n');
    // Another process may take the free port before Prometheus binds it: try a few ports.
    let url = '';
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      url = `http://127.0.0.1:${port}`;
      child = spawn(
        'prometheus',
        [
          `--config.file=${config}`,
          `--storage.tsdb.path=${data}`,
          `--web.listen-address=127.0.0.1:${port}`,
          // Retention counts back from the newest block, so the fixed 2026-01-01 data is kept.
          '--storage.tsdb.retention.time=30d',
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let log = '';
      child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-20_000)));
      process.once('exit', killOnExit);
      try {
        await waitUntilReady(url, child, () => log, 60_000);
        break;
      } catch (error) {
        killOnExit();
        process.off('exit', killOnExit);
        if (attempt >= 3 || !/address already in use/.test(log)) throw error;
      }
    }
    const running = child!;
    return {
      url,
      async stop() {
        process.off('exit', killOnExit);
        if (running.exitCode === null) {
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
