// The published package as users get it: builds the library, the declarations and the Custom Elements Manifest into
// a temporary folder, and checks the exports map, sideEffects, externals, the elkjs worker split and the generated
// React wrappers against what exists in src/ (found by convention, so new elements are checked as they appear).
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type Rollup } from 'vite';
import { elementTags, libraryEntries, providerNames } from '../scripts/package-layout.mjs';
import { manifestElements, wrapperFiles } from '../scripts/react-wrappers.mjs';
import { buildLayoutWorker, WORKER_FILE } from '../scripts/layout-worker-file.mjs';
import { bundledPackages, noticesText, packageOf } from '../scripts/third-party-notices.mjs';
import { svelteTypes, templateElements, vueTypes } from '../scripts/framework-types.mjs';
import { ELK_MARKER } from '../scripts/size.mjs';

const run = promisify(execFile);
const ROOT = process.cwd();
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const tags = elementTags();
const DEFINE_MODULE = /[/\\]src[/\\]elements[/\\]([^/\\]+)[/\\]define\.ts$/;

interface ManifestDeclaration { name: string; tagName?: string; summary?: string; events?: { name: string }[] }
interface Manifest { modules: { path: string; declarations?: ManifestDeclaration[] }[] }

let workDir: string | undefined;
let out: string;
let chunks: Rollup.OutputChunk[];
let manifest: Manifest;

/** `package.json` glob (`*` within one path segment) as a RegExp over `./`-relative paths. */
const globPattern = (glob: string) => new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
const sideEffectful = (path: string) => (pkg.sideEffects as string[]).some((glob) => globPattern(glob).test(path));

/** `exports` target for a subpath, with a `*` pattern filled in. */
function exportTarget(subpath: string, condition: 'types' | 'default'): string {
  const exact = pkg.exports[subpath];
  if (exact) return typeof exact === 'string' ? exact : exact[condition];
  const [pattern, target] = Object.entries(pkg.exports as Record<string, Record<string, string>>)
    .find(([key]) => key.includes('*') && globPattern(key).test(subpath))!;
  const star = subpath.slice(pattern.indexOf('*'), subpath.length - (pattern.length - pattern.indexOf('*') - 1));
  return target[condition].replace('*', star);
}

/** The tags whose `define.ts` runs when a built file is imported: in it or in the chunks it imports, transitively. */
function tagsDefinedBy(file: string): string[] {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    byName.get(name)?.imports.forEach(visit);
  };
  visit(file);
  return [...new Set([...seen].flatMap((name) => (byName.get(name)?.moduleIds ?? []).map((id) => DEFINE_MODULE.exec(id)?.[1]).filter((tag): tag is string => Boolean(tag))))];
}

/** A file of the package from a `./dist/...` path, read from the temporary build. */
const built = (packagePath: string) => join(out, relative('./dist', packagePath));

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'ps-package-'));
  // Built where an application's install would put it, so the declarations can be type-checked as a consumer sees them.
  const installed = join(workDir, 'app/node_modules/ps-widgets');
  out = join(installed, 'dist');
  mkdirSync(installed, { recursive: true });
  copyFileSync(join(ROOT, 'package.json'), join(installed, 'package.json'));
  const result = await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'silent', build: { outDir: out, emptyOutDir: true } });
  chunks = [result].flat().flatMap((output) => (output as Rollup.RollupOutput).output)
    .filter((file): file is Rollup.OutputChunk => file.type === 'chunk');
  await Promise.all([
    run('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', join(out, 'types')], { cwd: ROOT }),
    run('npx', ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet', '--outdir', relative(ROOT, workDir)], { cwd: ROOT }),
  ]);
  manifest = JSON.parse(readFileSync(join(workDir, 'custom-elements.json'), 'utf8'));
}, 120_000);

// Only ever the folder this file made.
afterAll(() => {
  if (workDir?.startsWith(join(tmpdir(), 'ps-package-'))) rmSync(workDir, { recursive: true, force: true });
});

describe('package exports', () => {
  it('has an entry per element, per provider, the library, the providers and React', () => {
    const entries = Object.keys(libraryEntries());
    expect(entries).toEqual(expect.arrayContaining(['index', 'providers', 'react', ...tags.map((tag) => `elements/${tag}`), ...tags.map((tag) => `react/${tag}`), ...providerNames().map((name) => `providers/${name}`)]));
    for (const entry of entries) expect(existsSync(join(out, `${entry}.js`)), `${entry}.js`).toBe(true);
  });

  it.each(['.', './providers', './react', ...tags.map((tag) => `./elements/${tag}`), ...tags.map((tag) => `./react/${tag}`), ...providerNames().map((name) => `./providers/${name}`)])(
    'resolves %s to built code and declarations',
    (subpath) => {
      expect(existsSync(built(exportTarget(subpath, 'default'))), exportTarget(subpath, 'default')).toBe(true);
      expect(existsSync(built(exportTarget(subpath, 'types'))), exportTarget(subpath, 'types')).toBe(true);
    },
  );

  it('points main, module, types and customElements at real files', () => {
    expect(existsSync(built(pkg.main))).toBe(true);
    expect(existsSync(built(pkg.module))).toBe(true);
    expect(existsSync(built(pkg.types))).toBe(true);
    expect(pkg.customElements).toBe('custom-elements.json');
    expect(pkg.exports['./custom-elements.json']).toBe('./custom-elements.json');
    expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'custom-elements.json']));
    // The analyzer ran in beforeAll: it must not have rewritten package.json.
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))).toEqual(pkg);
  });

  it.each(tags)('declares <%s> in HTMLElementTagNameMap, reachable from its entry', (tag) => {
    const index = readFileSync(built(exportTarget(`./elements/${tag}`, 'types')), 'utf8');
    expect(index).toContain("import './define.js'");
    const define = readFileSync(join(dirname(built(exportTarget(`./elements/${tag}`, 'types'))), 'define.d.ts'), 'utf8');
    expect(define).toMatch(new RegExp(`interface HTMLElementTagNameMap[^}]*'${tag}'`));
  });
});

describe('declarations as an application type-checks them', () => {
  const eventsOf = (tag: string) => manifest.modules.flatMap((mod) => mod.declarations ?? []).find((declaration) => declaration.tagName === tag)?.events?.map((event) => event.name) ?? [];

  /** One file per element: only that element's entry imported, its tag looked up, each of its events listened to. */
  function consumerSource(tag: string): string {
    const className = manifestElements(manifest, [tag])[0]?.className ?? 'HTMLElement';
    const lines = [
      `import type { PsEventDetails, ${className} } from 'ps-widgets/elements/${tag}';`,
      `import 'ps-widgets/elements/${tag}';`,
      `const element: ${className} = document.querySelector('${tag}')!;`,
      `const created: ${className} = document.createElement('${tag}');`,
      'void created;',
    ];
    for (const event of eventsOf(tag)) {
      lines.push(
        `element.addEventListener('${event}', (e) => {`,
        `  const detail: PsEventDetails['${event}'] = e.detail;`,
        '  void detail;',
        '  // @ts-expect-error: the detail is typed, not any',
        '  void e.detail.notAField;',
        '});',
        // Composed events reach the document too.
        `document.addEventListener('${event}', (e) => void (e.detail satisfies PsEventDetails['${event}']));`,
      );
    }
    return `${lines.join('\n')}\n`;
  }

  it.each(['bundler', 'nodenext'])('types each element entry alone: tag map and typed events (moduleResolution %s)', async (resolution) => {
    const app = join(workDir!, `app-${resolution}`);
    mkdirSync(join(app, 'src'), { recursive: true });
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    for (const tag of tags) writeFileSync(join(app, 'src', `${tag}.ts`), consumerSource(tag));
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022', lib: ['ES2022', 'DOM', 'DOM.Iterable'], strict: true, noEmit: true, types: [], skipLibCheck: false,
        module: resolution === 'nodenext' ? 'nodenext' : 'esnext', moduleResolution: resolution,
        experimentalDecorators: true, useDefineForClassFields: false,
      },
      include: ['src'],
    }));
    // The app sees the package and its dependencies through node_modules, as after `npm install`.
    const modules = join(workDir!, 'app/node_modules');
    for (const dependency of ['lit', 'lit-html', 'lit-element', '@lit', 'uplot']) {
      if (!existsSync(join(modules, dependency))) symlinkSync(join(ROOT, 'node_modules', dependency), join(modules, dependency), 'dir');
    }
    if (!existsSync(join(app, 'node_modules'))) symlinkSync(modules, join(app, 'node_modules'), 'dir');
    const result = await run('npx', ['tsc', '-p', join(app, 'tsconfig.json')], { cwd: ROOT }).catch((error: { stdout: string }) => error);
    expect('stdout' in result ? result.stdout : '', 'tsc errors').toBe('');
  }, 60_000);
});

describe('sideEffects', () => {
  it('keeps every chunk that registers an element, and only those among the shared chunks', () => {
    for (const chunk of chunks) {
      const defines = chunk.moduleIds.some((id) => DEFINE_MODULE.test(id));
      const path = `./dist/${chunk.fileName}`;
      if (defines) expect(sideEffectful(path), `${path} registers an element`).toBe(true);
      if (chunk.fileName.startsWith('chunks/') && !defines) expect(sideEffectful(path), `${path} is pure`).toBe(false);
    }
    expect(sideEffectful('./dist/providers.js')).toBe(false);
    for (const name of providerNames()) expect(sideEffectful(`./dist/providers/${name}.js`)).toBe(false);
  });

  it.each(tags)('registers <%s> when its entry is imported', (tag) => {
    expect(tagsDefinedBy(`elements/${tag}.js`)).toContain(tag);
    // `defineElement` calls survive tree-shaking only while the src define modules are marked side-effectful.
    expect(sideEffectful(`./src/elements/${tag}/define.ts`)).toBe(true);
  });
});

describe('bundled and external code', () => {
  it('leaves lit, @lit/* and uplot as imports, and inlines uPlot\'s CSS', () => {
    for (const chunk of chunks) {
      const bundledDeps = chunk.moduleIds.filter((id) => /node_modules[/\\](lit|lit-html|lit-element|@lit[/\\][^/\\]+|uplot[/\\]dist[/\\]uPlot\.esm\.js|react|react-dom)[/\\]/.test(id));
      expect(bundledDeps, chunk.fileName).toEqual([]);
      expect(chunk.code, chunk.fileName).not.toMatch(/(from|import)\s*["'][^"']*\?inline/);
    }
    const imports = new Set(chunks.flatMap((chunk) => chunk.imports.filter((name) => !name.includes('/') || name.startsWith('@') || name.startsWith('lit/'))));
    expect([...imports]).toEqual(expect.arrayContaining(['lit']));
    if (!tags.includes('ps-metric-card')) return;
    expect([...imports]).toContain('uplot');
    expect(chunks.some((chunk) => /\.uplot,\s*\.uplot \*/.test(chunk.code))).toBe(true);
  });

  it('keeps elkjs out of every chunk and in the layout worker, which the diagram finds next to itself', () => {
    for (const chunk of chunks) expect(chunk.code.includes(ELK_MARKER), `elkjs in ${chunk.fileName}`).toBe(false);
    if (!tags.includes('ps-topology')) return;
    // The one pattern Vite, webpack, Parcel and Rollup's import-meta-assets plugin all rewrite, on an unhashed file.
    const pattern = /new Worker\(new URL\("(\.\/[^"]+)", import\.meta\.url\), \{ type: 'module'/g;
    const workerUrls = chunks.flatMap((chunk) => [...chunk.code.matchAll(pattern)].map((match) => join(out, dirname(chunk.fileName), match[1])));
    expect(workerUrls).toEqual([join(out, WORKER_FILE)]);
    const worker = readFileSync(workerUrls[0], 'utf8');
    expect(worker).toContain(ELK_MARKER);
    // Self-contained (any bundler, or none, can start it as it is) and without a link to a map nobody ships.
    expect(worker).not.toMatch(/^\s*import\b|\bimport\s*\(/m);
    expect(worker).not.toContain('sourceMappingURL');
    expect(exportTarget('./layout.worker.js', 'default')).toBe(`./dist/${WORKER_FILE}`);
  });

  it('depends at runtime on exactly what the built code imports; React only as an optional peer', () => {
    const isReact = (chunk: Rollup.OutputChunk) => chunk.fileName === 'react.js' || chunk.fileName.startsWith('react/');
    // What a chunk imports that is not another chunk of ours: an external package (`lit/decorators.js` → `lit`).
    const chunkNames = new Set(chunks.map((chunk) => chunk.fileName));
    const bare = (chunk: Rollup.OutputChunk) => chunk.imports.filter((name) => !chunkNames.has(name)).map((name) => /^(@[^/]+\/[^/]+|[^/]+)/.exec(name)![1]);
    const imported = new Set(chunks.filter((chunk) => !isReact(chunk)).flatMap(bare));
    const importedByReact = new Set(chunks.filter(isReact).flatMap(bare));
    expect(Object.keys(pkg.dependencies).sort()).toEqual([...imported].sort());
    for (const name of importedByReact) {
      if (imported.has(name)) continue;
      expect(pkg.peerDependencies[name], `${name} (imported by the React wrappers) is a peer dependency`).toBeTruthy();
      expect(pkg.peerDependenciesMeta[name]?.optional, `${name} is an optional peer`).toBe(true);
    }
  });

  it('has a notice for every package whose code a built file contains', async () => {
    const worker = await buildLayoutWorker();
    const packages = bundledPackages([
      ...chunks.map((chunk) => ({ file: chunk.fileName, moduleIds: chunk.moduleIds })),
      { file: WORKER_FILE, moduleIds: worker.moduleIds },
    ]);
    expect([...packages.keys()]).toContain('elkjs');
    expect(packageOf('/x/node_modules/@lit/reactive-element/reactive-element.js')).toBe('@lit/reactive-element');
    const notices = noticesText(packages);
    for (const name of packages.keys()) expect(notices).toMatch(new RegExp(`^## ${name.replace('/', '\\/')} \\S+ \\(`, 'm'));
    expect(notices).toContain('Eclipse Public License');
    expect(pkg.files).toEqual(expect.arrayContaining(['THIRD-PARTY-NOTICES.md']));
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/Apache License\s+Version 2\.0/);
  }, 60_000);
});

describe('Custom Elements Manifest and React wrappers', () => {
  it.each(tags)('describes <%s> with its tag, summary and ps-* events', (tag) => {
    const element = manifest.modules.flatMap((mod) => mod.declarations ?? []).find((declaration) => declaration.tagName === tag);
    expect(element, `<${tag}> in custom-elements.json (does define.ts call defineElement('${tag}', …)?)`).toBeDefined();
    expect(element!.summary, `@summary of <${tag}>`).toBeTruthy();
    for (const event of element!.events ?? []) expect(event.name).toMatch(/^ps-[a-z-]+$/);
  });

  it('has src/react/*.ts generated from the current manifest', () => {
    for (const [name, expected] of wrapperFiles(manifestElements(manifest, tags))) {
      const file = join(ROOT, 'src/react', name);
      expect(existsSync(file) && readFileSync(file, 'utf8'), `src/react/${name} is stale: run \`npm run manifest && npm run react\``).toBe(expected);
    }
  });

  it.each(tags)('declares <%s> for Vue and Svelte templates with each of its events', (tag) => {
    const elements = templateElements(manifest, tags);
    const element = elements.find((candidate) => candidate.tag === tag)!;
    const vue = vueTypes(elements);
    const svelte = svelteTypes(elements);
    expect(vue).toContain(`'${tag}': DefineComponent<ElementProps<${element.className}`);
    expect(svelte).toContain(`'${tag}': HTMLAttributes<${element.className}> & ElementProps<${element.className}`);
    for (const event of element.events) {
      const prop = `on${event.split('-').map((word) => word[0].toUpperCase() + word.slice(1)).join('')}`;
      expect(vue).toContain(`${prop}?: (event: PsEvent<'${event}'>) => void;`);
      expect(svelte).toContain(`'on${event}'?: (event: PsEvent<'${event}'>) => void;`);
    }
    // Exported for applications' type references; written by `npm run build` (scripts/build.mjs).
    expect(exportTarget('./vue', 'types')).toBe('./dist/types/frameworks/vue.d.ts');
    expect(exportTarget('./svelte', 'types')).toBe('./dist/types/frameworks/svelte.d.ts');
  });

  it.each(tags)('react/%s imports only its own element', (tag) => {
    const definedTags = tagsDefinedBy(`react/${tag}.js`);
    // The composite defines what it draws; every other element only itself.
    if (tag === 'ps-infrastructure') expect(definedTags).toContain(tag);
    else expect(definedTags).toEqual([tag]);
  });
});
