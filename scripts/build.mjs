// `npm run build` (after the manifest and React wrappers, before the declarations): the library into dist/ (one ES
// module per entry, shared chunks, the layout worker), the no-bundler file beside it, THIRD-PARTY-NOTICES.md from
// what those files contain, and the Vue and Svelte template types. One process, so the layout worker is built once.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { buildLayoutWorker, WORKER_FILE } from './layout-worker-file.mjs';
import { bundledPackages, noticesText, NOTICES_FILE } from './third-party-notices.mjs';
import { svelteTypes, templateElements, vueTypes } from './framework-types.mjs';

const ROOT = resolve(import.meta.dirname, '..');

/** `{ file, moduleIds }` for every chunk and CSS-bearing asset a Vite build wrote. */
function contents(result) {
  return [result].flat().flatMap((output) => output.output)
    .filter((file) => file.type === 'chunk')
    .map((chunk) => ({ file: chunk.fileName, moduleIds: chunk.moduleIds }));
}

const library = await build({ configFile: join(ROOT, 'vite.config.ts') });
const standalone = await build({ configFile: join(ROOT, 'vite.standalone.config.ts') });
const worker = await buildLayoutWorker();
const packages = bundledPackages([...contents(library), ...contents(standalone), { file: WORKER_FILE, moduleIds: worker.moduleIds }]);
writeFileSync(join(ROOT, NOTICES_FILE), noticesText(packages));
console.log(`build: ${NOTICES_FILE} for ${[...packages.keys()].join(', ')}`);

const elements = templateElements(JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8')));
mkdirSync(join(ROOT, 'dist/types/frameworks'), { recursive: true });
writeFileSync(join(ROOT, 'dist/types/frameworks/vue.d.ts'), vueTypes(elements));
writeFileSync(join(ROOT, 'dist/types/frameworks/svelte.d.ts'), svelteTypes(elements));
