#!/usr/bin/env node
// `npm run bench`: build the bench page, run every bench module in fresh headless Chromium pages, print medians.
// Usage: npm run bench [-- --runs=5 name …]
import { build, preview } from 'vite';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumPath, chromiumArgs } from '../scripts/chromium.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);
const only = args.filter((a) => !a.startsWith('--'));

const shared = { configFile: false, root, logLevel: 'warn', worker: { format: 'es' }, build: { target: 'es2022', outDir: 'dist', emptyOutDir: true } };
await build(shared);
const server = await preview({ ...shared, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
const base = server.resolvedUrls.local[0];
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: [...chromiumArgs, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});

async function runOnce(name) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(`${base}?bench=${encodeURIComponent(name)}`);
    await page.waitForFunction(() => window.__bench?.figures || window.__bench?.error, undefined, { timeout: 300_000 });
    const result = await page.evaluate(() => window.__bench);
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
        const { figures, baselines: b } = await runOnce(name);
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
