// A usual Rollup setup for the browser; importMetaAssets() is what copies the layout worker (a `new URL(…, import.meta.url)` file).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import { importMetaAssets } from '@web/rollup-plugin-import-meta-assets';

export default {
  input: 'src/main.ts',
  output: { dir: 'dist', format: 'es' },
  plugins: [nodeResolve(), typescript({ noEmit: false, outDir: 'dist' }), importMetaAssets()],
};
