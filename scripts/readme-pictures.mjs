// `npm run pictures`: the README's pictures (docs/*.png), taken from the demo on the simulated cluster in headless
// Chromium, so they show what the current code draws. Starts the demo's Vite dev server on a free port and stops it.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { createServer } from 'vite';
import { chromiumArgs, chromiumPath } from './chromium.mjs';
import { drawnCardCharts } from './drawn-charts.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const DOCS = join(ROOT, 'docs');
const VIEWPORT = { width: 1440, height: 900 };

/** Waits until every metric card on the page has drawn all its charts. */
async function chartsDrawn(page) {
  await page.waitForFunction(`(() => { const { canvases, drawn } = (${drawnCardCharts})(); return canvases > 0 && drawn === canvases; })()`, undefined, { timeout: 30_000, polling: 250 });
}

/** Opens the demo with `query`, lets the diagram lay out, and chooses the first node matching `node` (CSS, shadow roots pierced). */
async function openDemo(browser, base, query, node, colorScheme) {
  const page = await browser.newPage({ viewport: VIEWPORT, colorScheme });
  const errors = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${base}demo/?${query}`);
  const target = page.locator(node).first();
  await target.waitFor({ timeout: 30_000 });
  await target.click();
  // Out of the way of the picture: no hover highlight, no focus ring from the click.
  await page.mouse.move(0, 0);
  return { page, errors };
}

async function main() {
  mkdirSync(DOCS, { recursive: true });
  const server = await createServer({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', server: { host: '127.0.0.1', port: 0, hmr: false } });
  await server.listen();
  const playwright = await import(createRequire(join(ROOT, 'package.json')).resolve('playwright-core'));
  const browser = await (playwright.chromium ?? playwright.default.chromium).launch({ executablePath: chromiumPath(), args: chromiumArgs });
  const problems = [];
  try {
    const base = server.resolvedUrls.local[0];
    for (const theme of ['light', 'dark']) {
      // A replica in the primary region: the diagram with read-only regions, and the replica's card in the panel.
      const { page, errors } = await openDemo(browser, base, `scenario=read-only-regions&theme=${theme}`, '.node[data-id^="tablet:"]:has-text("Replica") [role="button"]', theme);
      await chartsDrawn(page);
      await page.locator('ps-infrastructure').screenshot({ path: join(DOCS, `infrastructure-${theme}.png`) });
      problems.push(...errors);
      await page.close();
    }
    {
      // 64 shards as one stack node, and the shard list it opens.
      const { page, errors } = await openDemo(browser, base, 'scenario=sharded&shards=64&theme=light', '.node[data-id="shard-stack"] [role="button"]', 'light');
      await page.locator('ps-shard-stack [role="option"]').first().waitFor({ timeout: 30_000 });
      await page.locator('ps-infrastructure').screenshot({ path: join(DOCS, 'sharded-keyspace.png') });
      problems.push(...errors);
      await page.close();
    }
    {
      // A card on its own, every chart in view: the VTGates' expanded card on the same simulated cluster.
      const page = await browser.newPage({ viewport: { width: 760, height: 900 }, colorScheme: 'light' });
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(`${base}demo/?scenario=read-only-regions&theme=light`);
      await page.addScriptTag({
        type: 'module',
        content: `
          import { SimulatedProvider } from '/src/providers/simulated/index.ts';
          import '/src/elements/ps-metric-card/index.ts';
          const card = Object.assign(document.createElement('ps-metric-card'), {
            provider: new SimulatedProvider({ scenario: 'read-only-regions' }),
            target: { kind: 'vtgates', database: 'shop', branch: 'main', keyspace: 'shop' },
            range: '6h', theme: 'light', expanded: true,
          });
          card.style.cssText = 'display: block; width: 720px; margin: 20px';
          document.body.replaceChildren(card);
        `,
      });
      await chartsDrawn(page);
      await page.locator('ps-metric-card').screenshot({ path: join(DOCS, 'metric-card.png') });
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  if (problems.length > 0) throw new Error(`the demo logged errors:\n${problems.join('\n')}`);
  console.log('pictures: docs/infrastructure-light.png, docs/infrastructure-dark.png, docs/metric-card.png, docs/sharded-keyspace.png');
}

await main();
