// Self-hosting the no-bundler build: its two files copied next to the page.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
mkdirSync('dist', { recursive: true });
for (const file of ['ps-widgets.min.js', 'layout.worker.js']) copyFileSync(require.resolve(`ps-widgets/${file}`), `dist/${file}`);
