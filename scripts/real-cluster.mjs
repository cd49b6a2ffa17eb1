// A real MySQL primary + replica for the tests and the real-data demo, from Debian's packages: two MariaDB servers with
// real replication (a known MASTER_DELAY gives a known lag), a mysqld_exporter beside each, a node_exporter per
// "host", and a real Prometheus scraping them with the scrape config the README tells users to copy
// (examples/prometheus/mysqld/prometheus.yml, the very file). Everything listens on 127.0.0.1 on free ports, lives in one temp
// folder and is stopped by stop(); a watchdog stops it too when the process that started it dies without stop().
//
// Each MySQL "host" gets its own small ext4 volume on a loop device, mounted at <host root>/var/lib/mysql, and its own
// node_exporter with --path.rootfs=<host root>: so node_exporter reports the data volume as mountpoint="/var/lib/mysql"
// and its loop device, exactly as on a machine whose MySQL data has a disk of its own, and storage and IOPS can be
// scoped to that volume. This needs root (mount, loop devices), as the sandbox and CI have.
import { spawn, spawnSync } from 'node:child_process';
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { REAL_DATABASE, REAL_HOSTS, REAL_SHARD, REAL_TABLETS } from './real-topology.mjs';

/** The scrape config the README's "Connect your cluster" section tells users to copy; the harness runs it as it is. */
export const SCRAPE_CONFIG = fileURLToPath(new URL('../examples/prometheus/mysqld/prometheus.yml', import.meta.url));
/** Target files that config reads (file_sd_configs), written by the harness beside its copy of the config. */
export const TARGET_FILES = { mysqld: 'mysqld-targets.yml', node: 'node-targets.yml' };
/** Where the MySQL data volume is mounted on each host, as node_exporter reports it (Debian's and MySQL's default datadir). */
export const DATA_MOUNTPOINT = '/var/lib/mysql';
export const SCHEMA = REAL_DATABASE;

const BINARIES = ['mariadbd', 'mariadb-install-db', 'prometheus-mysqld-exporter', 'prometheus-node-exporter', 'prometheus', 'mount', 'umount', 'mkfs.ext4'];
const EXPORTER_PASSWORD = 'exporter-pw';
const REPLICATION_PASSWORD = 'repl-pw';
const VOLUME_BYTES = 256 * 1024 * 1024;
/** Small InnoDB sizes: the servers start in about a second and two of them fit on a 2-core machine beside the tests. */
const INNODB_OPTIONS = ['--innodb-buffer-pool-size=32M', '--innodb-log-file-size=16M'];

function requireBinaries() {
  const missing = BINARIES.filter((name) => spawnSync('sh', ['-c', `command -v ${name}`]).status !== 0);
  if (missing.length) {
    throw new Error(`Not installed: ${missing.join(', ')}. The real-cluster tests need Debian's mariadb-server, prometheus-mysqld-exporter, `
      + 'prometheus-node-exporter and prometheus (apt-get install …; .ci/run does it).');
  }
  if (process.getuid?.() !== 0) throw new Error('The real cluster mounts a loop-device volume per MySQL host, which needs root.');
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Vitess' alias string, zero-padded (go/vt/topo/topoproto/tablet.go TabletAliasString): zone1-101 → zone1-0000000101. */
const padAlias = (alias) => alias.replace(/-(\d+)$/, (_, uid) => `-${uid.padStart(10, '0')}`);

/** Runs a command to completion (bounded), rejecting with its output when it fails. */
function run(command, args, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
    child.stderr.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => { clearTimeout(timer); reject(error); });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${output}`));
    });
  });
}

/** Polls `check` every 100–250 ms until it returns a value (not undefined) or `timeoutMs` passes. */
async function waitFor(what, timeoutMs, check) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await sleep(Date.now() + 250 < deadline ? 150 : 50);
  }
  throw new Error(`${what} within ${timeoutMs / 1000} s${last ? `: ${last.message}` : ''}`);
}

/**
 * Watches the process that started the cluster; when it is gone and the cluster folder still exists (stop() never ran:
 * a crash, a killed test worker), it stops every process listed in <dir>/pids, unmounts <dir>/mounts and removes the
 * folder. A detached shell, so it outlives its parent by design; it ends within a second of stop().
 */
const WATCHDOG = `
parent=$1; dir=$2
while kill -0 "$parent" 2>/dev/null && [ -d "$dir" ]; do sleep 1; done
[ -d "$dir" ] || exit 0
pids=$(cat "$dir/pids" 2>/dev/null)
[ -n "$pids" ] && kill -TERM $pids 2>/dev/null
for i in 1 2 3 4 5 6 7 8 9 10; do alive=; for p in $pids; do kill -0 "$p" 2>/dev/null && alive=1; done; [ -z "$alive" ] && break; sleep 0.5; done
[ -n "$pids" ] && kill -KILL $pids 2>/dev/null
while read -r m; do [ -n "$m" ] && umount -l "$m" 2>/dev/null; done < "$dir/mounts"
rm -rf "$dir"
`;

/**
 * Starts the cluster. `replicationDelaySeconds` is the replica's MASTER_DELAY; `scrapeIntervalSeconds` is prepended
 * to the README's scrape config as its `global.scrape_interval` (the file leaves the interval to the user).
 */
export async function startRealCluster(options = {}) {
  const delay = options.replicationDelaySeconds ?? 5;
  const scrapeInterval = options.scrapeIntervalSeconds ?? 1;
  const configFile = options.configFile ?? SCRAPE_CONFIG;
  const log = options.log ?? (() => {});
  requireBinaries();

  // PS_REAL_PREFIX: .ci/run names this run's folders, and then checks that nothing running from them outlived the tests.
  const dir = await mkdtemp(join(tmpdir(), process.env.PS_REAL_PREFIX || 'ps-widgets-real-'));
  await writeFile(join(dir, 'pids'), '');
  await writeFile(join(dir, 'mounts'), '');
  const watchdog = spawn('bash', ['-c', WATCHDOG, 'watchdog', String(process.pid), dir], { detached: true, stdio: 'ignore' });
  watchdog.unref();

  /** @type {{ name: string, child: import('node:child_process').ChildProcess, log: () => string }[]} */
  const processes = [];
  const mounts = [];
  const connections = [];
  const killAll = () => { for (const p of processes) if (p.child.exitCode === null) p.child.kill('SIGKILL'); };
  process.once('exit', killAll);

  async function startProcess(name, command, args, env) {
    const environment = { ...process.env, ...env };
    for (const [name, value] of Object.entries(environment)) if (value === undefined) delete environment[name];
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: environment });
    let output = '';
    const collect = (chunk) => (output = (output + chunk).slice(-20_000));
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const entry = { name, child, log: () => output };
    processes.push(entry);
    await appendFile(join(dir, 'pids'), `${child.pid}\n`);
    return entry;
  }

  function exitedError(entry) {
    return new Error(`${entry.name} exited with ${entry.child.exitCode ?? entry.child.signalCode}:\n${entry.log().slice(-3000)}`);
  }

  /** Starts a server on a free port, trying another port when something else took it first. */
  async function startListening(name, command, argsForPort, ready, env) {
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const entry = await startProcess(name, command, argsForPort(port), env);
      try {
        await waitFor(`${name} did not answer on 127.0.0.1:${port}`, 60_000, async () => {
          if (entry.child.exitCode !== null || entry.child.signalCode !== null) throw exitedError(entry);
          return (await ready(port)) ? port : undefined;
        });
        return { port, entry };
      } catch (error) {
        entry.child.kill('SIGKILL');
        if (attempt >= 3 || !/address already in use|bind/i.test(entry.log())) throw error;
      }
    }
  }

  // Once, however often it is called (a failed start, then the caller's own cleanup).
  let stopped;
  const stop = () => (stopped ??= stopAll());
  const stopAll = async () => {
    process.off('exit', killAll);
    await Promise.all(connections.map((c) => c.end().catch(() => c.destroy())));
    // Prometheus and the exporters first, then the replica, then the primary (each shuts down cleanly on SIGTERM).
    for (const group of [['prometheus'], ['mysqld_exporter', 'node_exporter'], ['mariadbd replica'], ['mariadbd primary']]) {
      await Promise.all(processes.filter((p) => group.some((g) => p.name.startsWith(g))).map(async ({ child }) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }));
    }
    for (const mountpoint of [...mounts].reverse()) await run('umount', [mountpoint], 30_000).catch(() => run('umount', ['-l', mountpoint]));
    await rm(dir, { recursive: true, force: true });
  };

  try {
    // One data directory, copied for both servers: mariadb-install-db takes seconds, a copy milliseconds.
    const template = join(dir, 'template');
    await run('mariadb-install-db', ['--no-defaults', `--datadir=${template}`, '--user=root', '--auth-root-authentication-method=normal',
      '--skip-test-db', ...INNODB_OPTIONS], 120_000);
    log('initialised a MariaDB data directory');

    const hosts = {};
    for (const [name, host] of Object.entries(REAL_HOSTS)) {
      const root = join(dir, name);
      const mountpoint = join(root, DATA_MOUNTPOINT);
      const image = join(dir, `${name}-volume.img`);
      await mkdir(mountpoint, { recursive: true });
      await writeFile(image, '');
      await run('truncate', ['-s', String(VOLUME_BYTES), image]);
      // No reserved blocks and no lazy initialisation: the volume's size, free space and I/O are MySQL's alone.
      await run('mkfs.ext4', ['-q', '-F', '-m', '0', '-E', 'lazy_itable_init=0,lazy_journal_init=0', image]);
      await run('mount', ['-o', 'loop', image, mountpoint]);
      mounts.push(mountpoint);
      await appendFile(join(dir, 'mounts'), `${mountpoint}\n`);
      await rmdir(join(mountpoint, 'lost+found'));
      const source = (await run('findmnt', ['-n', '-o', 'SOURCE', mountpoint])).trim();
      await cp(template, mountpoint, { recursive: true });
      hosts[name] = { name, host, root, dataDir: mountpoint, socket: join(root, 'mysqld.sock'), mountpoint: DATA_MOUNTPOINT, device: source.replace(/^\/dev\//, '') };
    }

    const connect = async (socketPath) => {
      const connection = await mysql.createConnection({ socketPath, user: 'root', multipleStatements: true });
      connections.push(connection);
      return connection;
    };
    const serverArgs = (host, id) => ['--no-defaults', '--user=root', `--datadir=${host.dataDir}`, `--socket=${host.socket}`,
      `--pid-file=${join(host.root, 'mysqld.pid')}`, `--log-error=${join(host.root, 'error.log')}`, `--server-id=${id}`,
      '--skip-name-resolve', ...INNODB_OPTIONS];
    const socketReady = (socketPath) => async () => {
      const probe = await mysql.createConnection({ socketPath, user: 'root', connectTimeout: 1000 });
      await probe.end();
      return true;
    };
    const errorLog = async (host) => readFile(join(host.root, 'error.log'), 'utf8').catch(() => '');

    // The primary: binary log in row format (what replicas of a Vitess-managed MySQL use), TCP for the replica.
    const primaryServer = await startListening('mariadbd primary', 'mariadbd',
      (port) => [...serverArgs(hosts.primary, 1), `--port=${port}`, '--bind-address=127.0.0.1', '--log-bin=mysql-bin', '--binlog-format=ROW'],
      socketReady(hosts.primary.socket)).catch(async (error) => { throw new Error(`${error.message}\n${(await errorLog(hosts.primary)).slice(-3000)}`); });
    hosts.primary.port = primaryServer.port;
    // The replica only connects out; clients reach it on its socket.
    await startProcess('mariadbd replica', 'mariadbd', [...serverArgs(hosts.replica, 2), '--skip-networking', '--read-only', '--relay-log=relay-bin']);
    await waitFor('mariadbd replica did not start', 60_000, socketReady(hosts.replica.socket))
      .catch(async (error) => { throw new Error(`${error.message}\n${(await errorLog(hosts.replica)).slice(-3000)}`); });
    log(`MariaDB primary on 127.0.0.1:${hosts.primary.port}, replica on ${hosts.replica.socket}`);

    const primary = await connect(hosts.primary.socket);
    const replica = await connect(hosts.replica.socket);
    // The exporter's account as mysqld_exporter's README creates it, local to each server (not replicated), plus SLAVE
    // MONITOR: MariaDB 10.5.9+ requires it for SHOW SLAVE STATUS (REPLICATION CLIENT no longer covers it), without it
    // mysqld_exporter's slave_status collector exports nothing.
    const exporterUser = `SET sql_log_bin = 0; CREATE USER 'exporter'@'localhost' IDENTIFIED BY '${EXPORTER_PASSWORD}' WITH MAX_USER_CONNECTIONS 3;
      GRANT PROCESS, REPLICATION CLIENT, SLAVE MONITOR, SELECT ON *.* TO 'exporter'@'localhost'; SET sql_log_bin = 1;`;
    await primary.query(exporterUser);
    await replica.query(exporterUser);
    await primary.query(`CREATE USER 'repl'@'127.0.0.1' IDENTIFIED BY '${REPLICATION_PASSWORD}'; GRANT REPLICATION SLAVE ON *.* TO 'repl'@'127.0.0.1';
      CREATE DATABASE ${SCHEMA};
      CREATE TABLE ${SCHEMA}.orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, customer INT NOT NULL, total DECIMAL(10,2) NOT NULL,
        note VARBINARY(8192) NOT NULL, updated TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, KEY (customer));
      INSERT INTO ${SCHEMA}.orders (customer, total, note) VALUES (1, 9.99, ''), (2, 19.99, ''), (3, 29.99, '');`);
    const startReplication = async () => replica.query('START SLAVE');
    const stopReplication = async () => replica.query('STOP SLAVE');
    // From the primary's first binary log (an empty gtid_slave_pos), so the replica gets the schema and data too.
    await replica.query(`CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${hosts.primary.port}, MASTER_USER='repl',
      MASTER_PASSWORD='${REPLICATION_PASSWORD}', MASTER_USE_GTID=slave_pos, MASTER_DELAY=${Number(delay)}`);
    await startReplication();

    for (const host of Object.values(hosts)) {
      // Credentials in a .my.cnf as mysqld_exporter 0.14 reads them (mysqld_exporter.go parseMycnf: user, password, socket).
      const mycnf = join(host.root, 'exporter.my.cnf');
      await writeFile(mycnf, `[client]\nuser=exporter\npassword=${EXPORTER_PASSWORD}\nsocket=${host.socket}\n`, { mode: 0o600 });
      const { port } = await startListening(`mysqld_exporter ${host.name}`, 'prometheus-mysqld-exporter',
        (p) => [`--web.listen-address=127.0.0.1:${p}`, `--config.my-cnf=${mycnf}`],
        async (p) => /^mysql_up 1$/m.test(await (await fetch(`http://127.0.0.1:${p}/metrics`)).text()) || undefined,
        // DATA_SOURCE_NAME would win over the file.
        { DATA_SOURCE_NAME: undefined });
      host.mysqldExporter = `127.0.0.1:${port}`;
    }
    for (const host of Object.values(hosts)) {
      // Only the collectors the mysqld preset reads (all on by default in node_exporter). node_exporter leaves loop devices
      // out of diskstats by default (collector/diskstats_linux.go diskstatsDefaultIgnoredDevices), and 1.5 refuses
      // device-include beside that default, so the exclusion is narrowed to RAM and floppy disks.
      const { port } = await startListening(`node_exporter ${host.name}`, 'prometheus-node-exporter',
        (p) => [`--web.listen-address=127.0.0.1:${p}`, `--path.rootfs=${host.root}`, '--collector.disable-defaults',
          '--collector.cpu', '--collector.meminfo', '--collector.diskstats', '--collector.filesystem', '--collector.uname',
          '--collector.diskstats.device-exclude=^(ram|fd)\\d+$'],
        async (p) => (await fetch(`http://127.0.0.1:${p}/metrics`)).ok || undefined);
      host.nodeExporter = `127.0.0.1:${port}`;
    }
    log(`exporters: ${Object.values(hosts).map((h) => `${h.name} mysqld ${h.mysqldExporter}, node ${h.nodeExporter}`).join('; ')}`);

    // The README's config as it is, behind a global section with the test's short scrape interval. Each target names its
    // host in `instance` with the exporter's default port (`mysql-primary:9104`), as Prometheus would if the host had
    // that name, and as a user does when several MySQL share a machine (examples/prometheus/mysqld/mysqld-targets.yml).
    const config = await readFile(configFile, 'utf8');
    if (/^global:/m.test(config)) throw new Error(`${configFile} sets its own global section; the harness adds one with the test's scrape interval.`);
    const promDir = join(dir, 'prometheus');
    await mkdir(promDir);
    // The mysqld_exporter targets also carry the tablet's identity, so Prometheus alone can draw the topology.
    const identity = (h) => `, keyspace: ${SCHEMA}, shard: '${REAL_SHARD}', tablet_alias: ${padAlias(REAL_TABLETS[h.name])}`;
    const targets = (kind) => Object.values(hosts).map((h) => `- targets: ['${kind === 'mysqld' ? h.mysqldExporter : h.nodeExporter}']\n`
      + `  labels: { instance: '${h.host}:${kind === 'mysqld' ? 9104 : 9100}'${kind === 'mysqld' ? identity(h) : ''} }\n`).join('');
    await writeFile(join(promDir, TARGET_FILES.mysqld), targets('mysqld'));
    await writeFile(join(promDir, TARGET_FILES.node), targets('node'));
    await writeFile(join(promDir, 'prometheus.yml'),
      `global:\n  scrape_interval: ${scrapeInterval}s\n  scrape_timeout: ${scrapeInterval}s\n  evaluation_interval: ${scrapeInterval}s\n\n${config}`);
    const prometheus = await startListening('prometheus', 'prometheus',
      (p) => [`--config.file=${join(promDir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(promDir, 'data')}`,
        `--web.listen-address=127.0.0.1:${p}`, '--storage.tsdb.retention.time=1d'],
      async (p) => (await fetch(`http://127.0.0.1:${p}/-/ready`)).ok || undefined);
    const prometheusUrl = `http://127.0.0.1:${prometheus.port}`;
    await waitFor('Prometheus did not find every target up', 30_000, async () => {
      const answer = await (await fetch(`${prometheusUrl}/api/v1/targets?state=active`)).json();
      const active = answer.data.activeTargets;
      return active.length === 4 && active.every((t) => t.health === 'up') ? true : undefined;
    });
    log(`Prometheus on ${prometheusUrl}, scraping every ${scrapeInterval} s`);
    // The replica applies the schema MASTER_DELAY seconds after the primary created it; a load may read it only then.
    await waitFor('the replica did not replicate the schema', (delay + 60) * 1000, async () => {
      const [rows] = await replica.query(`SELECT COUNT(*) AS n FROM ${SCHEMA}.orders`).catch(() => [[{ n: -1 }]]);
      return rows[0].n >= 3 ? true : undefined;
    });

    return {
      dir,
      prometheusUrl,
      scrapeIntervalSeconds: scrapeInterval,
      replicationDelaySeconds: delay,
      primary: hosts.primary,
      replica: hosts.replica,
      connect,
      startReplication,
      stopReplication,
      stop,
    };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}
