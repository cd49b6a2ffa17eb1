// Importing the library where there is no DOM (Node, SSR, test runners) must not throw: the main entry, each
// element alone and each provider, found by convention so new ones are covered as they appear.
import { describe, expect, it } from 'vitest';
import { elementTags, providerNames } from '../scripts/package-layout.mjs';

// The environment as it was before any import of ours (Lit's Node build then installs its own `customElements` shim).
const environment = { customElements: typeof customElements, document: typeof document };

type Module = Record<string, unknown>;
type Imported = { module: Module } | { error: unknown };

const settle = (load: () => Promise<unknown>): Promise<Imported> =>
  load().then((module) => ({ module: module as Module }), (error: unknown) => ({ error }));

/** The module an import gave, or its error thrown again: each test fails on its own import only. */
function loaded(imported: Imported): Module {
  if ('error' in imported) throw imported.error;
  return imported.module;
}

// Every entry is imported here, at collection and all at once. The first import makes vitest's module runner transform
// the whole library one import level at a time (seconds on a loaded 2-core box): no test's time limit should count
// that, and imported together the shared modules are fetched once.
const [main, providers, react, elements, providerEntries] = await Promise.all([
  settle(() => import('../src/index.js')),
  settle(() => import('../src/providers/index.js')),
  settle(() => import('../src/react/index.js')),
  Promise.all(elementTags().map((tag) => settle(() => import(`../src/elements/${tag}/index.ts`)))),
  Promise.all(providerNames().map((name) => settle(() => import(`../src/providers/${name}/index.ts`)))),
]);

const exportedFunctions = (mod: Module) => Object.entries(mod).filter(([, value]) => typeof value === 'function');
const className = (tag: string) => tag.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase());

describe('importing in Node', () => {
  it('runs without a DOM or a custom element registry', () => {
    expect(environment.customElements).toBe('undefined');
    expect(environment.document).toBe('undefined');
  });

  it('imports the main entry with its providers, errors and element classes', () => {
    const mod = loaded(main);
    expect(typeof mod.SimulatedProvider).toBe('function');
    expect(typeof mod.DataError).toBe('function');
    expect(typeof mod.setDefaultProvider).toBe('function');
  });

  it.each(elementTags().map((tag, i) => [tag, i] as const))('imports <%s> alone and gets its element class', (tag, i) => {
    const mod = loaded(elements[i]);
    expect(typeof mod[className(tag)], `${tag}/index.ts exports ${className(tag)}`).toBe('function');
  });

  it('imports the providers entry', () => {
    expect(exportedFunctions(loaded(providers)).map(([name]) => name)).toContain('SimulatedProvider');
  });

  it.each(providerNames().map((name, i) => [name, i] as const))('imports the %s provider alone', (_name, i) => {
    expect(exportedFunctions(loaded(providerEntries[i])).length).toBeGreaterThan(0);
  });

  it('imports the React wrappers', () => {
    const mod = loaded(react);
    for (const tag of elementTags()) {
      const name = className(tag);
      expect(mod[name], `React wrapper ${name} (stale? run npm run manifest && npm run react)`).toBeTruthy();
    }
  });

  it('lists elements and providers that exist', () => {
    expect(elementTags()).toContain('ps-metric-card');
    expect(providerNames()).toContain('simulated');
  });
});
