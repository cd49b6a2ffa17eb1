// esbuild leaves `new URL('./layout.worker.js', import.meta.url)` as it is, so the worker is copied next to the bundle.
import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

await build({ entryPoints: ['src/main.ts'], bundle: true, format: 'esm', minify: true, outdir: 'dist' });
copyFileSync(createRequire(import.meta.url).resolve('ps-widgets/layout.worker.js'), 'dist/layout.worker.js');
