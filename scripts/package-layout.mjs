// How the package is laid out, found by convention so new elements and providers need no edits here:
// every `src/elements/<tag>/index.ts` is an entry `elements/<tag>`, every `src/providers/<name>/index.ts` is `providers/<name>`.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/** Sub-folders of `dir` (relative to the project root) that hold an `index.ts`, sorted. */
export function foldersWithIndex(dir, root = ROOT) {
  const base = join(root, dir);
  if (!existsSync(base)) return [];
  return readdirSync(base, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(base, entry.name, 'index.ts')))
    .map((entry) => entry.name)
    .sort();
}

/** Element tags that exist now (`src/elements/<tag>/index.ts`). */
export function elementTags(root = ROOT) {
  return foldersWithIndex('src/elements', root);
}

/** Provider folders that can be imported alone (`src/providers/<name>/index.ts`). */
export function providerNames(root = ROOT) {
  return foldersWithIndex('src/providers', root);
}

/** Vite library entries: output name (without `.js`) → source file. */
export function libraryEntries(root = ROOT) {
  const entries = { index: join(root, 'src/index.ts'), providers: join(root, 'src/providers/index.ts') };
  for (const tag of elementTags(root)) entries[`elements/${tag}`] = join(root, 'src/elements', tag, 'index.ts');
  for (const name of providerNames(root)) entries[`providers/${name}`] = join(root, 'src/providers', name, 'index.ts');
  if (existsSync(join(root, 'src/react/index.ts'))) entries.react = join(root, 'src/react/index.ts');
  // One React component per element, so an app using one element defines only that one.
  for (const tag of elementTags(root)) {
    if (existsSync(join(root, 'src/react', `${tag}.ts`))) entries[`react/${tag}`] = join(root, 'src/react', `${tag}.ts`);
  }
  return entries;
}

// Bare `uplot` only: `uplot/dist/uPlot.min.css?inline` must be inlined into the element, not left as an import.
const EXTERNAL = [/^lit(-html|-element)?($|\/)/, /^@lit\//, /^uplot$/, /^react(-dom)?($|\/)/];

/** Runtime dependencies users' bundlers dedupe; everything else (our code, uPlot's CSS) is bundled. */
export function isExternal(id) {
  return EXTERNAL.some((pattern) => pattern.test(id));
}

const DEFINE_MODULE = /[/\\]src[/\\]elements[/\\][^/\\]+[/\\]define\.ts$/;

/** The module that starts the layout worker: a chunk of its own next to `layout.worker.js` (see chunkFileName). */
export const WORKER_LOADER_CHUNK = { name: 'worker-loader', test: /[/\\]src[/\\]layout[/\\]worker-loader\.ts$/ };

/**
 * Shared chunks that register an element are named `chunks/define-*` so `package.json` `sideEffects` can keep them;
 * every other chunk (model, providers, engines) is side-effect free and may be dropped when unused.
 */
export function chunkFileName(chunk) {
  // Beside the worker, so the URL it names is `./layout.worker.js`: a bundler that leaves `new URL(…, import.meta.url)`
  // alone (esbuild) then finds the worker wherever it is copied next to the bundle.
  if (chunk.moduleIds.some((id) => WORKER_LOADER_CHUNK.test.test(id))) return '[name]-[hash].js';
  return chunk.moduleIds.some((id) => DEFINE_MODULE.test(id)) ? 'chunks/define-[name]-[hash].js' : 'chunks/[name]-[hash].js';
}
