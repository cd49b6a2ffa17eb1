/// <reference types="vitest/config" />
// One Vite config for the demo (`npm start`), the library build, vitest and the browser tests.
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';
import { minifyCssLiterals } from './scripts/minify-css-literals.mjs';
import { libraryEntries, isExternal, chunkFileName, WORKER_LOADER_CHUNK } from './scripts/package-layout.mjs';
import { layoutWorkerFile } from './scripts/layout-worker-file.mjs';

/** `npm start` serves the project root; send `/` to the demo and say where it is. */
function demoEntry(): Plugin {
  return {
    name: 'ps-demo-entry',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url === '/' || req.url === '/index.html') {
          res.writeHead(302, { Location: '/demo/' });
          res.end();
          return;
        }
        next();
      });
      server.httpServer?.once('listening', () => {
        setTimeout(() => {
          const url = server.resolvedUrls?.local[0];
          if (url) server.config.logger.info(`\n  ps-widgets demo: ${url}demo/\n`);
        }, 0);
      });
    },
  };
}

/**
 * `PS_PROMETHEUS_URL=… PS_VTADMIN_URL=… npm start`: the dev server forwards `/prometheus/*` and `/vtadmin/*` to
 * those servers, so the demo can use a real backend without CORS trouble. Nothing is proxied when unset.
 */
function backendProxy(): Record<string, ProxyOptions> {
  const proxy: Record<string, ProxyOptions> = {};
  const routes: [string, string | undefined][] = [
    ['/prometheus', process.env.PS_PROMETHEUS_URL],
    ['/vtadmin', process.env.PS_VTADMIN_URL],
  ];
  for (const [path, target] of routes) {
    if (!target) continue;
    proxy[`${path}/`] = { target, changeOrigin: true, rewrite: (url) => url.slice(path.length) };
  }
  return proxy;
}

export default defineConfig({
  plugins: [demoEntry(), minifyCssLiterals(), layoutWorkerFile()],
  server: { host: '127.0.0.1', proxy: backendProxy() },
  optimizeDeps: {
    // Pages to scan for dependencies to pre-bundle: not the consumer apps (test/consumers), which import the packed
    // package from their own node_modules.
    entries: ['**/*.html', '!test/consumers/**'],
    // The scan does not follow `new Worker(new URL('./layout.worker.ts', …))`: without this, the worker's elkjs
    // (CommonJS, so it must be pre-bundled) is found on the worker's first request and Vite bundles every dependency
    // again while the first diagram waits.
    include: ['elkjs/lib/elk.bundled.js'],
  },
  // Tells the demo which real backends the dev server proxies (booleans only; the URLs stay on the server).
  define: {
    'import.meta.env.PS_HAS_PROMETHEUS': JSON.stringify(Boolean(process.env.PS_PROMETHEUS_URL)),
    'import.meta.env.PS_HAS_VTADMIN': JSON.stringify(Boolean(process.env.PS_VTADMIN_URL)),
    // `npm run demo:real` (scripts/demo-real.mjs): the proxied Prometheus scrapes the local MariaDB primary + replica.
    'import.meta.env.PS_REAL_CLUSTER': JSON.stringify(process.env.PS_REAL_CLUSTER === '1'),
  },
  worker: { format: 'es' },
  // Built files find each other (the layout worker) relative to themselves, wherever a user's server puts them.
  experimental: { renderBuiltUrl: () => ({ relative: true }) },
  build: {
    target: 'es2022',
    sourcemap: true,
    // Entries found by convention (scripts/package-layout.mjs): the library, each element, the providers, React.
    lib: { entry: libraryEntries(), formats: ['es'] },
    rollupOptions: {
      // lit, @lit/*, uplot and react stay imports so users' bundlers keep one copy; the worker bundles elkjs.
      external: isExternal,
      output: { entryFileNames: '[name].js', chunkFileNames: chunkFileName, codeSplitting: { groups: [WORKER_LOADER_CHUNK] } },
    },
  },
  // `npm run test:real` (PS_REAL_TESTS=1) runs test/real alone: its MariaDB servers, exporters and Prometheus would
  // otherwise take the CPU the other unit tests' timeouts count on.
  test: {
    environment: 'node',
    include: process.env.PS_REAL_TESTS === '1' ? ['test/real/**/*.test.ts'] : ['test/**/*.test.ts'],
    // test/consumers holds applications (and, after a local install, their node_modules), not tests of ours.
    exclude: ['test/**/*.browser.test.ts', '**/node_modules/**', 'test/consumers/**', ...(process.env.PS_REAL_TESTS === '1' ? [] : ['test/real/**'])],
  },
});
