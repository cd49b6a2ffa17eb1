// Browser tests run in Debian's Chromium through the same Vite pipeline as the demo, the build and Storybook:
// a Vite dev server compiles modules and WTR forwards module requests to it (TOOLCHAIN.md explains why).
import { readFile } from 'node:fs/promises';
import { createServer } from 'vite';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromiumPath, chromiumArgs } from './scripts/chromium.mjs';

const MODULE_PREFIXES = ['/src/', '/test/', '/node_modules/', '/@vite/', '/@fs/', '/@id/', '/stories/', '/demo/'];
const BROWSER_TESTS = ['test/**/*.browser.test.ts', '!test/consumers/**'];
let vite;

async function viteServer() {
  vite ??= await createServer({
    configFile: 'vite.config.ts', logLevel: 'warn',
    // WTR's own browser helpers import its server's absolute paths; pre-bundling would rewrite them.
    // Lit is excluded too so that the tests and @open-wc/testing share one copy of it.
    optimizeDeps: { exclude: ['@open-wc/testing', '@web/test-runner-commands', 'lit', 'lit-html', 'lit-element', '@lit/reactive-element', '@lit/task'] },
    plugins: [{
      name: 'wtr-own-paths',
      resolveId: (id) => (id.startsWith('/__web-dev-server') ? { id, external: true } : undefined),
    }, {
      // The dependency scan starts from what the browser loads here: the tests and the CSP page (not the demo's, bench's
      // and examples' pages of vite.config.ts, which inline options would only add to). Deps only tests import
      // (axe-core, fast-check, react) are then bundled in the first run, not each in a new run on its first request.
      name: 'wtr-scan-entries',
      config(config) {
        config.optimizeDeps.entries = [...BROWSER_TESTS, 'test/csp/page.html'];
      },
    }],
    server: { hmr: false, host: '127.0.0.1', port: 0 } })
    .then(async (server) => { await server.listen(); return server; });
  return vite;
}

function forwardToVite() {
  return async (ctx, next) => {
    if (!MODULE_PREFIXES.some((prefix) => ctx.path.startsWith(prefix))) return next();
    const server = await viteServer();
    const url = new URL(ctx.url, 'http://x');
    url.searchParams.delete('wtr-session-id');
    const target = `${server.resolvedUrls.local[0].replace(/\/$/, '')}${url.pathname}${url.search}`;
    const response = await fetch(target, { headers: { accept: ctx.get('accept') || '*/*' } });
    ctx.status = response.status;
    const type = response.headers.get('content-type');
    if (type) ctx.type = type;
    ctx.body = Buffer.from(await response.arrayBuffer());
  };
}

// test/robustness: the strict-CSP page is its own document (WTR's runner page needs inline scripts), served with the
// policy as a header; modules and the layout worker it loads (Referer: that page) get the same header.
const CSP_PAGE = '/csp/page.html';
// As the README gives it: `img-src 'self' blob:` is what `toPNG()` needs (it draws the SVG through a blob: image).
const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:; worker-src 'self'; connect-src 'self'; require-trusted-types-for 'script'";

function strictCspPage() {
  return async (ctx, next) => {
    if (ctx.path === CSP_PAGE) {
      ctx.type = 'html';
      ctx.body = await readFile(new URL('./test/csp/page.html', import.meta.url));
    } else {
      await next();
    }
    const referer = ctx.get('referer');
    if (ctx.path === CSP_PAGE || (referer && new URL(referer).pathname === CSP_PAGE)) ctx.set('Content-Security-Policy', STRICT_CSP);
  };
}

/** `heap-usage`: garbage-collects the test page through the DevTools Protocol, then reports its JS heap (leak tests). */
const heapUsagePlugin = {
  name: 'heap-usage',
  async executeCommand({ command, session }) {
    if (command !== 'heap-usage') return undefined;
    const page = session.browser.getPage(session.id);
    const cdp = await page.context().newCDPSession(page);
    try {
      for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize, totalSize } = await cdp.send('Runtime.getHeapUsage');
      await cdp.send('Performance.enable');
      const { metrics } = await cdp.send('Performance.getMetrics');
      // DOM nodes and listeners live outside the JS heap (Blink's own), so leaks of detached elements show here.
      return { usedSize, totalSize, ...Object.fromEntries(metrics.filter((m) => ['Nodes', 'JSEventListeners', 'Documents'].includes(m.name)).map((m) => [m.name, m.value])) };
    } finally {
      await cdp.detach();
    }
  },
};

export default {
  files: BROWSER_TESTS,
  nodeResolve: false,
  concurrency: 1,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 20_000 } },
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
    }),
  ],
  middleware: [strictCspPage(), forwardToVite()],
  plugins: [{
    name: 'vite-server',
    // Started with WTR's server, so that its dependency scan and bundling overlap Chromium's start, not the first test.
    async serverStart() { await viteServer(); },
    async serverStop() { await vite?.close(); },
  }, heapUsagePlugin],
};
