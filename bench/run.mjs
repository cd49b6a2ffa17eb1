#!/usr/bin/env node
// `npm run bench`: build the bench page, run every bench module in fresh headless Chromium pages, print medians.
// Usage: npm run bench [-- --runs=5 name …] [--trace=dir]
// --trace=dir records a Chrome DevTools trace of every run, writes them to dir/<name>.trace.json (the first run's; open it
// in DevTools' Performance panel), dir/<name>.run2.trace.json, … and adds figures read from each, medians over the runs
// like the others: for each pair of performance.mark()s `<phase> start` / `<phase> end` a module sets, the main thread's
// CPU time in tasks (script, style, layout, paint, canvas raster) and its longest task; phases named `… #n` are
// repetitions, reported as their median. BENCH_MINIFY=0 builds unminified bundles (function names in a trace's CPU profile).
import { build, preview } from 'vite';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumPath, chromiumArgs } from '../scripts/chromium.mjs';
import { minifyCssLiterals } from '../scripts/minify-css-literals.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);
const only = args.filter((a) => !a.startsWith('--'));
const traceDir = args.find((a) => a.startsWith('--trace='))?.slice(8);
const snapshotDir = args.find((a) => a.startsWith('--snapshots='))?.slice(12);
const TRACE_CATEGORIES = process.env.BENCH_TRACE_CATEGORIES ?? 'devtools.timeline,disabled-by-default-devtools.timeline,blink,blink.user_timing,cc,v8.execute,loading';

const shared = { configFile: false, root, logLevel: 'warn', plugins: [minifyCssLiterals()], worker: { format: 'es' }, build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, minify: process.env.BENCH_MINIFY !== '0' } };
await build(shared);
const server = await preview({ ...shared, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
const base = server.resolvedUrls.local[0];
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: [...chromiumArgs, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});

/** Figures from a trace's main-thread tasks between the module's `<phase> start` / `<phase> end` marks. */
function traceFigures(events) {
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const onMain = (e) => main.has(`${e.pid}:${e.tid}`);
  const marks = new Map();
  for (const e of events) if (onMain(e) && e.cat?.includes('user_timing') && !marks.has(e.name)) marks.set(e.name, e.ts);
  const tasks = [];
  for (const e of events.filter((e) => onMain(e) && e.ph === 'X' && e.name === 'RunTask').sort((a, b) => a.ts - b.ts)) {
    const previous = tasks.at(-1);
    if (!previous || e.ts >= previous.ts + previous.dur) tasks.push(e); // nested loops: count the outer task only
  }
  const groups = new Map();
  for (const [mark, from] of marks) {
    if (!mark.endsWith(' start') || !marks.has(`${mark.slice(0, -6)} end`)) continue;
    const phase = mark.slice(0, -6);
    const to = marks.get(`${phase} end`);
    // The task that set the start mark runs on into the phase: tasks count for the part inside it.
    const inside = tasks.filter((t) => t.ts + t.dur > from && t.ts < to)
      .map((t) => ({ wall: Math.min(to, t.ts + t.dur) - Math.max(from, t.ts), t }))
      // A task's thread time can exceed its wall time in a trace (seen: 8.5 ms wall, 65 ms thread): never count more than the wall.
      .map(({ wall, t }) => ({ wall, cpu: t.dur > 0 ? Math.min(wall, ((t.tdur ?? t.dur) * wall) / t.dur) : 0 }));
    const group = groups.get(phase.replace(/ #\d+$/, '')) ?? { cpu: [], longest: [], longestCpu: [] };
    group.cpu.push(inside.reduce((sum, t) => sum + t.cpu, 0) / 1000);
    group.longest.push(Math.max(0, ...inside.map((t) => t.wall)) / 1000);
    // A busy machine stretches tasks while the renderer waits for a core: their CPU time tells work from waiting.
    group.longestCpu.push(Math.max(0, ...inside.map((t) => t.cpu)) / 1000);
    groups.set(phase.replace(/ #\d+$/, ''), group);
  }
  return Object.fromEntries([...groups].flatMap(([phase, { cpu, longest, longestCpu }]) => [
    [`${phase} (trace) main-thread CPU ms`, median(cpu)],
    [`${phase} (trace) longest task ms`, median(longest)],
    [`${phase} (trace) longest task CPU ms`, median(longestCpu)],
  ]));
}

/**
 * The page's retained JS heap after a forced full GC, from the DevTools protocol: V8's heap plus ArrayBuffer backing
 * stores (typed arrays keep their bytes outside V8's heap; performance.memory and JSHeapUsedSize leave them out).
 */
async function retainedHeap(session) {
  await session.send('HeapProfiler.collectGarbage');
  const usage = await session.send('Runtime.getHeapUsage');
  return { js: usage.usedSize + (usage.backingStorageSize ?? 0), dom: usage.embedderHeapUsedSize ?? 0 };
}

async function runOnce(name, trace, run) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    const session = await page.context().newCDPSession(page);
    // Modules read retained heap through this (bench/support.ts `retainedHeapMB`): a full GC and a reading that no
    // page script can do.
    await page.exposeFunction('__benchHeap', () => retainedHeap(session));
    // A module that measures cold loads across reloads turns the HTTP cache (and with it V8's code cache) off.
    await page.exposeFunction('__benchColdCache', async () => {
      await session.send('Network.enable');
      await session.send('Network.setCacheDisabled', { cacheDisabled: true });
    });
    // With --snapshots=dir, a module's `heapSnapshot(label)` (bench/support.ts) writes dir/<name>.<label>.heapsnapshot
    // after a full GC: what a heap figure counts, object by object (bench/heap-diff.mjs compares two).
    await page.exposeFunction('__benchHeapSnapshot', async (label) => {
      if (!snapshotDir) return;
      await session.send('HeapProfiler.collectGarbage');
      const chunks = [];
      const collect = ({ chunk }) => chunks.push(chunk);
      session.on('HeapProfiler.addHeapSnapshotChunk', collect);
      await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      session.off('HeapProfiler.addHeapSnapshotChunk', collect);
      await mkdir(snapshotDir, { recursive: true });
      await writeFile(`${snapshotDir}/${name}${run > 1 ? `.run${run}` : ''}.${label}.heapsnapshot`, chunks.join(''));
    });
    const cdp = trace ? session : undefined;
    const events = [];
    if (cdp) {
      cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
      await cdp.send('Tracing.start', { categories: TRACE_CATEGORIES, transferMode: 'ReportEvents' });
    }
    // `&trace` tells modules that a trace records this run, so they can leave out probes that would crowd it.
    await page.goto(`${base}?bench=${encodeURIComponent(name)}${trace ? '&trace' : ''}`);
    await page.waitForFunction(() => window.__bench?.figures || window.__bench?.error, undefined, { timeout: 300_000 });
    if (cdp) {
      const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await done;
      await mkdir(traceDir, { recursive: true });
      await writeFile(`${traceDir}/${name}${run > 1 ? `.run${run}` : ''}.trace.json`, JSON.stringify({ traceEvents: events }));
    }
    const result = await page.evaluate(() => window.__bench);
    if (cdp && result.figures) Object.assign(result.figures, traceFigures(events));
    if (result.figures) result.figures['page JS heap after run (CDP, with ArrayBuffers) MB'] = (await retainedHeap(session)).js / 2 ** 20;
    if (result.error) throw new Error(`${name}: ${result.error}`);
    return result;
  } finally {
    await page.close();
  }
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const results = {};
let failed = false;
try {
  const index = await browser.newPage();
  await index.goto(base);
  await index.waitForFunction(() => window.__bench?.names);
  const names = (await index.evaluate(() => window.__bench.names)).filter((n) => only.length === 0 || only.includes(n));
  await index.close();
  for (const name of names) {
    const samples = {};
    let baselines = {};
    try {
      for (let i = 0; i < runs; i++) {
        const { figures, baselines: b } = await runOnce(name, traceDir !== undefined, i + 1);
        baselines = b;
        for (const [key, value] of Object.entries(figures)) (samples[key] ??= []).push(value);
      }
    } catch (error) {
      failed = true;
      console.error(String(error.message ?? error));
      continue;
    }
    const rows = Object.entries(samples).map(([figure, values]) => {
      const value = median(values);
      const baseline = baselines[figure];
      const ratio = baseline && samples[baseline] ? value / median(samples[baseline]) : undefined;
      return { figure, median: value, baseline, ratio, runs: values.length };
    });
    results[name] = rows;
    console.log(`\n${name} (median of ${runs} runs)`);
    console.table(Object.fromEntries(rows.map((r) => [r.figure, {
      median: Number(r.median.toFixed(2)),
      ...(r.baseline ? { 'vs baseline': `${r.ratio.toFixed(2)}× ${r.baseline}` } : {}),
    }])));
  }
} finally {
  await browser.close();
  await new Promise((resolve) => server.httpServer.close(resolve));
}
await writeFile(new URL('results.json', import.meta.url), JSON.stringify({ date: new Date().toISOString(), runs, results }, null, 2));
console.log('\nwrote bench/results.json');
if (failed) process.exit(1);
