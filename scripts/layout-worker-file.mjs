// The layout worker as a package file: built once, self-contained (elkjs and the layout engine, no imports), minified,
// under the fixed name `layout.worker.js` that package.json exports; and the library's code pointing at it with the
// plain `new URL('<relative path>', import.meta.url)` every mainstream bundler rewrites (Vite's own worker handling
// would instead leave `new URL(new URL("assets/layout.worker-<hash>.js", import.meta.url).href, …)`, which only Vite
// understands, under a hashed name nobody can import).
import { dirname, join, relative, resolve } from 'node:path';
import MagicString from 'magic-string';
import { build } from 'vite';

const ROOT = resolve(import.meta.dirname, '..');

/** The worker's file name in every build that ships it (the library in dist/, the no-bundler build beside it). */
export const WORKER_FILE = 'layout.worker.js';

/** The module that creates the worker, and how it does in the sources (the URL is what Vite's dev server serves). */
const LOADER = join(ROOT, 'src/layout/worker-loader.ts');
const SOURCE_PATTERN = /new Worker\(new URL\('\.\/layout\.worker\.ts', import\.meta\.url\), (\{[^}]*\})\)/;
const PLACEHOLDER = '__PS_NEW_LAYOUT_WORKER__';

// Per process, not per module instance: Vite bundles each config file with its own copy of this module.
const BUILD = Symbol.for('ps-widgets.layout-worker-build');

/** The worker: one minified ES module without imports (`code`) and the modules in it, built once per process. */
export function buildLayoutWorker() {
  globalThis[BUILD] ??= build({
    configFile: false,
    root: ROOT,
    logLevel: 'silent',
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      // No source map: it would be 4.6 MB, nearly all of it elkjs's generated code.
      sourcemap: false,
      lib: { entry: join(ROOT, 'src/layout/layout.worker.ts'), formats: ['es'], fileName: 'layout.worker' },
      rolldownOptions: { output: { minify: true } },
    },
  }).then((result) => {
    const chunks = [result].flat().flatMap((output) => output.output).filter((file) => file.type === 'chunk');
    if (chunks.length !== 1) throw new Error(`layout worker: expected one chunk, got ${chunks.map((chunk) => chunk.fileName).join(', ')}`);
    const [{ code, imports, dynamicImports, moduleIds }] = chunks;
    // Any bundler, or none, must be able to start it as it is.
    if (imports.length + dynamicImports.length > 0) throw new Error(`layout worker: must not import anything, imports ${[...imports, ...dynamicImports].join(', ')}`);
    return { code, moduleIds };
  });
  return globalThis[BUILD];
}

/**
 * Vite plugin for library builds: emits `layout.worker.js` at the output's root and makes each chunk that creates the
 * worker name it relative to itself. Other builds (the dev server, tests, Storybook) keep Vite's worker handling.
 */
export function layoutWorkerFile() {
  let library = false;
  let options = '';
  return {
    name: 'ps-layout-worker-file',
    apply: 'build',
    enforce: 'pre',
    configResolved(config) {
      library = Boolean(config.build.lib);
    },
    transform(code, id) {
      if (!library || id !== LOADER) return null;
      const match = SOURCE_PATTERN.exec(code);
      if (!match) this.error(`${relative(ROOT, LOADER)} no longer creates the worker as ${SOURCE_PATTERN}`);
      options = match[1];
      // Hidden from Vite's worker plugin, and from the bundler's inlining of the Worker class, until the chunk's final
      // place is known: the call gets the class, generateBundle puts the pattern back around it.
      const s = new MagicString(code);
      s.overwrite(match.index, match.index + match[0].length, `${PLACEHOLDER}(Worker)`);
      return { code: s.toString(), map: s.generateMap({ hires: true }) };
    },
    // After rendering (the bundler renames and reformats code while rendering), on one line so the source map holds.
    async generateBundle(_, bundle) {
      if (!library) return;
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.code.includes(PLACEHOLDER)) continue;
        let path = relative(dirname(chunk.fileName), WORKER_FILE).split('\\').join('/');
        if (!path.startsWith('.')) path = `./${path}`;
        chunk.code = chunk.code.replaceAll(PLACEHOLDER, `((Worker) => new Worker(new URL(${JSON.stringify(path)}, import.meta.url), ${options.replace(/\s+/g, ' ')}))`);
      }
      this.emitFile({ type: 'asset', fileName: WORKER_FILE, source: (await buildLayoutWorker()).code });
    },
  };
}
