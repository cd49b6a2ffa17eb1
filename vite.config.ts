/// <reference types="vitest/config" />
// One Vite config for the demo (`npm start`), the library build, vitest and the browser tests.
import { defineConfig, type Plugin } from 'vite';

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

export default defineConfig({
  plugins: [demoEntry()],
  server: { host: '127.0.0.1' },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: {
        index: 'src/index.ts',
        providers: 'src/providers/index.ts',
      },
      formats: ['es'],
    },
    rollupOptions: {
      external: [/^lit($|\/)/, /^@lit\//, /^uplot($|\/)/],
    },
  },
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    exclude: ['test/**/*.browser.test.ts', 'node_modules/**'],
  },
});
