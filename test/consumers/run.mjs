// Consumer tests (`npm run test:consumers`, run by CI): the package as users get it. Packs the library, installs the
// tarball into small applications (test/consumers/apps: one per bundler and framework, and a page without any), builds
// and strictly type-checks each, opens each in headless Chromium and checks that the diagram lays out, that choosing a
// node opens a metric card with drawn charts (and the app's typed event listener saw it), and that nothing on the page
// failed: no console error, no uncaught exception, no failed request. Prints what each application ships.
//
//   node test/consumers/run.mjs [--no-build] [--only=vite,webpack] [--keep] [--work=<dir kept by an earlier run>]
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { drawnCardCharts } from '../../scripts/drawn-charts.mjs';
import { ELK_MARKER } from '../../scripts/size.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const HERE = import.meta.dirname;
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const only = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');

/**
 * The applications, and the folder each serves once built (its index.html and built JS). `cdn` pages load the
 * package from a public CDN's URL, which the browser test answers from the packed tarball.
 */
const APPS = [
  { name: 'vite', serve: 'dist' },
  // The same app under Vite's dev server, as `npm run dev` shows it first: dependencies pre-bundled into
  // node_modules/.vite, the worker's `new URL(…)` with them.
  { name: 'vite-dev', dir: join('apps', 'vite'), dev: true },
  { name: 'webpack', serve: '.' },
  { name: 'esbuild', serve: '.' },
  { name: 'rollup', serve: '.' },
  { name: 'parcel', serve: 'dist' },
  // React with one component per element: only the elements it uses get defined.
  { name: 'react', serve: 'dist', defines: ['ps-metric-card', 'ps-topology'] },
  { name: 'vue', serve: 'dist' },
  { name: 'svelte', serve: 'dist' },
  // Its own install (not a workspace of apps/): its angular.json copies the worker from its own node_modules.
  { name: 'angular', dir: 'angular', serve: 'dist/browser' },
  // The README's first example as it is: no bundler, no install, the package from a CDN.
  { name: 'html', serve: '.', cdn: true, listens: false },
  // The same file self-hosted under the strict policy of test/robustness/csp, Trusted Types required.
  { name: 'csp', serve: '.', headers: { 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; worker-src 'self'; connect-src 'self'; img-src 'self' data:; require-trusted-types-for 'script'" } },
].filter((app) => !only || only.includes(app.name));

const CONCURRENCY = 2;
/** No step may hang CI: an install or a build that takes longer is killed and fails the run. */
const STEP_TIMEOUT_MS = 20 * 60_000;

/** Process groups of the commands still running, stopped if this script is interrupted. */
const running = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    for (const pid of running) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    process.exit(130);
  });
}

/** Runs a command to its end; its output comes with the error when it fails. Killed, with its children, past the timeout. */
function sh(command, commandArgs, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const started = Date.now();
    // Its own process group, so a timeout stops what it started too (npm → the bundler).
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...options });
    running.add(child.pid);
    let output = '';
    const timer = setTimeout(() => {
      output += `\n(killed after ${STEP_TIMEOUT_MS / 60_000} min)`;
      process.kill(-child.pid, 'SIGKILL');
    }, STEP_TIMEOUT_MS);
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      running.delete(child.pid);
      const seconds = (Date.now() - started) / 1000;
      if (code === 0) resolvePromise({ output, seconds });
      else reject(Object.assign(new Error(`${command} ${commandArgs.join(' ')} exited with ${code}\n${output.slice(-4000)}`), { output, seconds }));
    });
  });
}

/** Runs `work` over `items`, at most `limit` at a time (the machine has two cores). */
async function inParallel(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  }));
  return results;
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml', '.wasm': 'application/wasm' };

/** A static file server for one folder on a free port of 127.0.0.1, sending `headers` with every answer. */
function serveFolder(folder, headers = {}) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    let file = resolve(folder, `.${path}`);
    if (!file.startsWith(folder)) return void response.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void response.writeHead(404).end('not found');
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...headers });
    response.end(readFileSync(file));
  });
  return new Promise((resolvePromise) => server.listen(0, '127.0.0.1', () => resolvePromise({ server, url: `http://127.0.0.1:${server.address().port}/` })));
}

const sizeOf = (files) => files.reduce((sum, file) => {
  const code = readFileSync(file);
  return { raw: sum.raw + code.length, gzip: sum.gzip + gzipSync(code, { level: 9 }).length };
}, { raw: 0, gzip: 0 });

/** Sizes of known files: the application's JS, and the layout worker. */
function fileSizes(appFile, workerFile) {
  return { app: sizeOf([appFile]), worker: sizeOf([workerFile]) };
}

/** A free port on 127.0.0.1 (asked of the system, then released for the server that will use it). */
function freePort() {
  return new Promise((resolvePromise) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePromise(port));
    });
  });
}

/** The app's `vite` dev server on a free port, once it answers; `stop()` ends it and what it started. */
async function viteDevServer(dir) {
  const port = await freePort();
  const child = spawn('npx', ['vite', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: dir, stdio: 'ignore', detached: true });
  running.add(child.pid);
  const stop = () => {
    running.delete(child.pid);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await fetch(url).then((response) => response.ok, () => false)) return { url, stop };
    await new Promise((resolveTimer) => setTimeout(resolveTimer, 250));
  }
  stop();
  throw new Error(`vite's dev server did not answer on ${url} within 60 s`);
}

/** Every JS file an app ships, split into the layout worker and the rest, with raw and gzip sizes. */
function shippedJs(folder) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'src') walk(path);
      else if (entry.isFile() && /\.m?js$/.test(entry.name) && !/\.config\.m?js$|^build\.m?js$/.test(entry.name)) files.push(path);
    }
  };
  walk(folder);
  const worker = files.filter((file) => readFileSync(file, 'utf8').includes(ELK_MARKER));
  return { app: sizeOf(files.filter((file) => !worker.includes(file))), worker: sizeOf(worker) };
}

/** The CDN address pages use for the package (README), and the files it serves: the packed tarball's. */
const CDN = /^https:\/\/cdn\.jsdelivr\.net\/npm\/ps-widgets@([^/]+)\/(.+)$/;

/**
 * Answers the CDN's URLs from the unpacked tarball, as a public CDN would (CORS allowed), on another origin than the
 * page, so the layout worker has to be started the cross-origin way. A URL for another version fails the test.
 */
function cdnRoute(packageDir, version) {
  return (context) => context.route(CDN, (route) => {
    const [, wanted, path] = CDN.exec(route.request().url());
    const file = resolve(packageDir, path);
    if (wanted !== version || !file.startsWith(packageDir) || !existsSync(file)) return route.fulfill({ status: 404, body: `not in ps-widgets@${version}: ${path}` });
    return route.fulfill({ status: 200, headers: { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'access-control-allow-origin': '*' }, body: readFileSync(file) });
  });
}

/**
 * The tarball as published: the license and third-party notices are in it, and every file's `sourceMappingURL`
 * names a map that is in it too, with the sources inside (a consumer's devtools can't fetch our src/).
 */
function checkTarball(packageDir) {
  const problems = [];
  const license = join(packageDir, 'LICENSE');
  if (!existsSync(license) || !/Apache License\s+Version 2\.0/.test(readFileSync(license, 'utf8'))) problems.push('LICENSE (Apache-2.0) missing');
  const notices = join(packageDir, 'THIRD-PARTY-NOTICES.md');
  if (!existsSync(notices)) problems.push('THIRD-PARTY-NOTICES.md missing');
  else for (const name of ['elkjs', 'lit', 'uplot']) if (!new RegExp(`^## ${name} `, 'm').test(readFileSync(notices, 'utf8'))) problems.push(`no notice for ${name}`);
  const files = [];
  const walk = (dir) => readdirSync(dir, { withFileTypes: true }).forEach((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : files.push(join(dir, entry.name))));
  walk(packageDir);
  let maps = 0;
  for (const file of files.filter((name) => name.endsWith('.js'))) {
    for (const [, target] of readFileSync(file, 'utf8').matchAll(/\/\/# sourceMappingURL=(\S+)\s*$/gm)) {
      const map = resolve(file, '..', target);
      if (!existsSync(map)) {
        problems.push(`${relative(packageDir, file)} names ${target}, which is not in the package`);
        continue;
      }
      maps++;
      const { sources = [], sourcesContent = [] } = JSON.parse(readFileSync(map, 'utf8'));
      if (sources.length === 0 || sourcesContent.length !== sources.length || sourcesContent.some((content) => typeof content !== 'string')) {
        problems.push(`${relative(packageDir, map)} lacks the content of its sources`);
      }
    }
  }
  const orphans = files.filter((name) => name.endsWith('.map') && !existsSync(name.slice(0, -'.map'.length)));
  for (const orphan of orphans) problems.push(`${relative(packageDir, orphan)} belongs to no file`);
  if (problems.length > 0) throw new Error(`the tarball:\n${problems.join('\n')}`);
  return { files: files.length, maps };
}

/**
 * Evaluates `check(arg)` in the page every 250 ms until `pick` of its answer is truthy (and returns that) or `timeoutMs`
 * passes (throws).
 * Polled from here: `page.evaluate` runs through the DevTools protocol, where the page's CSP does not apply, whereas
 * `page.waitForFunction` evaluates its predicate in the page once it has to poll, which a strict CSP refuses
 * ("Evaluating a string as JavaScript violates … script-src 'self'": the csp app failed whenever its charts took
 * longer than the first look).
 */
async function pollInPage(page, check, arg, timeoutMs, pick = (answer) => answer) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = pick(await page.evaluate(check, arg));
    if (answer) return answer;
    if (Date.now() > deadline) throw new Error(`not true after ${timeoutMs} ms`);
    await page.waitForTimeout(250);
  }
}

/** Opens one app and checks it; returns what it saw, or throws with what went wrong. */
async function checkInBrowser(browser, app, url, routeCdn) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  try {
    if (routeCdn) await routeCdn(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    await page.goto(url);
    // The diagram laid out (in the worker): a node to choose, a MySQL node if the diagram has one (a sharded keyspace
    // is one stack node, so there the VTGates). Playwright's CSS selectors pierce shadow roots.
    const anyNode = page.locator('.node[data-id] [role="button"]');
    await anyNode.first().waitFor({ timeout: 30_000 }).catch(() => {
      throw new Error(`the diagram never laid out${problems.length ? ` (${problems.join('; ')})` : ''}`);
    });
    const nodes = await anyNode.count();
    const tablets = page.locator('.node[data-id^="tablet:"] [role="button"]');
    const chosen = (await tablets.count()) > 0 ? tablets.first() : page.locator('.node[data-id="vtgates"] [role="button"]').first();
    const id = await chosen.evaluate((button) => button.closest('.node').dataset.id);
    await chosen.click();
    // The app's own typed `ps-select` listener saw the node: it writes its id on <body data-selected> or as "Selected: <id>".
    const sawSelection = (expected) => document.body.dataset.selected === expected || document.body.innerText.includes(`Selected: ${expected}`);
    if (app.listens !== false) await pollInPage(page, sawSelection, id, 10_000).catch(() => {
      throw new Error(`the app's ps-select listener did not see ${id}`);
    });
    if (app.defines) {
      const defined = await page.evaluate(() => ['ps-infrastructure', 'ps-metric-card', 'ps-resize-status', 'ps-shard-stack', 'ps-topology', 'ps-keyspace-heatmap'].filter((tag) => customElements.get(tag)));
      if (defined.join() !== app.defines.join()) problems.push(`defines ${defined.join(', ')}; expected only ${app.defines.join(', ')}`);
    }
    // A metric card for it, with charts drawn on canvas.
    const charts = await pollInPage(page, drawnCardCharts, undefined, 20_000, (answer) => answer.drawn || false)
      .catch(async (error) => {
        await page.screenshot({ path: join(tmpdir(), `ps-consumer-${app.name}.png`) });
        throw new Error(`no metric card with drawn charts after choosing a node (screenshot: ${join(tmpdir(), `ps-consumer-${app.name}.png`)}): ${error.message.split('\n')[0]}`);
      });
    // Anything still loading gets a moment to fail loudly.
    await page.waitForTimeout(500);
    if (problems.length > 0) throw new Error(problems.join('\n'));
    return { nodes, selected: id, charts };
  } finally {
    await context.close();
  }
}

async function main() {
  const started = Date.now();
  // A kept folder from an earlier run skips the tools' install (while working on the apps).
  const reuse = args.find((arg) => arg.startsWith('--work='))?.slice('--work='.length);
  const work = reuse ?? mkdtempSync(join(tmpdir(), 'ps-consumers-'));
  const servers = [];
  let browser;
  try {
    if (!flag('no-build')) {
      console.log('consumers: building the library');
      await sh('npm', ['run', 'build', '--silent'], { cwd: ROOT });
    }
    const packed = await sh('npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT });
    const tarball = join(work, packed.output.trim().split('\n').pop());
    const unpacked = join(work, 'unpacked');
    mkdirSync(unpacked, { recursive: true });
    await sh('tar', ['-xzf', tarball, '-C', unpacked]);
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;

    console.log(`consumers: packed ${relative(work, tarball)} (${(statSync(tarball).size / 1024).toFixed(0)} KB)`);
    const contents = checkTarball(join(unpacked, 'package'));
    console.log(`consumers: the tarball has ${contents.files} files, its license, notices and ${contents.maps} source maps that are all there`);

    // A copy of the apps, installed like a user's project: the lockfile's pinned tools, then the tarball.
    const apps = join(work, 'apps');
    cpSync(HERE, apps, { recursive: true, filter: (path) => !/[/\\](node_modules|dist|\.parcel-cache|\.angular)$/.test(path) });
    const install = Date.now();
    const projects = [apps, ...(APPS.some((app) => app.dir === 'angular') ? [join(apps, 'angular')] : [])];
    await Promise.all(projects.map(async (project) => {
      if (!reuse || !existsSync(join(project, 'node_modules'))) {
        await sh('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: project })
          .catch(() => sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: project }));
      }
      await sh('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: project });
    }));
    console.log(`consumers: installed in ${((Date.now() - install) / 1000).toFixed(0)} s`);

    const results = await inParallel(APPS, CONCURRENCY, async (app) => {
      const dir = join(apps, app.dir ?? join('apps', app.name));
      if (app.dev) return { app };
      try {
        const build = await sh('npm', ['run', 'build', '--silent'], { cwd: dir });
        const check = await sh('npm', ['run', 'check', '--silent'], { cwd: dir });
        console.log(`consumers: ${app.name} built in ${build.seconds.toFixed(1)} s, type-checked in ${check.seconds.toFixed(1)} s`);
        // A CDN page downloads the package's standalone file and the worker.
        const size = app.cdn ? fileSizes(join(unpacked, 'package/dist/ps-widgets.min.js'), join(unpacked, 'package/dist/layout.worker.js')) : shippedJs(join(dir, app.serve));
        return { app, build: build.seconds, check: check.seconds, size };
      } catch (error) {
        return { app, error };
      }
    });

    const playwright = await import(createRequire(join(ROOT, 'package.json')).resolve('playwright-core'));
    browser = await (playwright.chromium ?? playwright.default.chromium).launch({ executablePath: chromiumPath(), args: chromiumArgs });
    for (const result of results) {
      if (result.error) continue;
      const dir = join(apps, result.app.dir ?? join('apps', result.app.name));
      let dev;
      try {
        let url;
        if (result.app.dev) {
          dev = await viteDevServer(dir);
          url = dev.url;
        } else {
          const served = await serveFolder(join(dir, result.app.serve), result.app.headers);
          servers.push(served.server);
          url = served.url;
        }
        result.page = await checkInBrowser(browser, result.app, url, result.app.cdn ? cdnRoute(join(unpacked, 'package'), version) : undefined);
      } catch (error) {
        result.error = error;
      } finally {
        dev?.stop();
      }
    }

    const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
    console.log('\napp         build    check    JS (gzip)             layout worker (gzip)  in the browser');
    for (const { app, build, check, size, page, error } of results) {
      const cells = [
        app.name.padEnd(10),
        build === undefined ? '—'.padEnd(7) : `${build.toFixed(1)} s`.padEnd(7),
        check === undefined ? '—'.padEnd(7) : `${check.toFixed(1)} s`.padEnd(7),
        size ? `${kb(size.app.raw)} (${kb(size.app.gzip)})`.padEnd(20) : '—'.padEnd(20),
        size ? `${kb(size.worker.raw)} (${kb(size.worker.gzip)})`.padEnd(20) : '—'.padEnd(20),
        error ? 'FAILED' : `${page.nodes} nodes, ${page.charts} charts drawn`,
      ];
      console.log(cells.join('  '));
    }
    const failed = results.filter((result) => result.error);
    for (const { app, error } of failed) console.error(`\nconsumers: ${app.name} failed:\n${error.message}`);
    console.log(`\nconsumers: ${results.length - failed.length}/${results.length} passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    process.exitCode = failed.length > 0 ? 1 : 0;
  } finally {
    await browser?.close();
    for (const server of servers) server.close();
    if (flag('keep') || reuse) console.log(`consumers: kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

await main();
