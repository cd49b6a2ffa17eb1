// The no-bundler build (`npm run build`): dist/ps-widgets.min.js, one ES module with everything the main entry has,
// Lit and uPlot inside, that a page loads with `<script type="module" src>` from any static host or CDN; it defines
// every element and exports the providers and the model. The layout worker sits beside it (dist/layout.worker.js).
import { defineConfig } from 'vite';
import { minifyCssLiterals } from './scripts/minify-css-literals.mjs';
import { layoutWorkerFile } from './scripts/layout-worker-file.mjs';

export const STANDALONE_FILE = 'ps-widgets.min.js';

export default defineConfig({
  plugins: [minifyCssLiterals(), layoutWorkerFile()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    // The library build wrote dist/ just before.
    emptyOutDir: false,
    minify: true,
    // A map would point at sources nobody has; the library's own files keep theirs for debugging.
    sourcemap: false,
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => STANDALONE_FILE },
    rolldownOptions: {
      // One file: code that elements load on first use (`import()`) is inlined rather than left as chunks.
      output: { codeSplitting: false, minify: true },
    },
  },
});
