// Importing the library where there is no DOM (Node, SSR, test runners) must not throw: the main entry, each
// element alone and each provider, found by convention so new ones are covered as they appear.
import { describe, expect, it } from 'vitest';
import { elementTags, providerNames } from '../scripts/package-layout.mjs';

const exportedFunctions = (mod: Record<string, unknown>) => Object.entries(mod).filter(([, value]) => typeof value === 'function');

describe('importing in Node', () => {
  it('runs without a DOM or a custom element registry', () => {
    expect(typeof customElements).toBe('undefined');
    expect(typeof document).toBe('undefined');
  });

  it('imports the main entry with its providers, errors and element classes', async () => {
    const main = await import('../src/index.js');
    expect(typeof main.SimulatedProvider).toBe('function');
    expect(typeof main.DataError).toBe('function');
    expect(typeof main.setDefaultProvider).toBe('function');
    // The first import transforms every module of the library (≈ 4.8 s on a loaded 2-core box): not a timing test.
  }, 30_000);

  it.each(elementTags())('imports <%s> alone and gets its element class', async (tag) => {
    const mod = (await import(`../src/elements/${tag}/index.ts`)) as Record<string, unknown>;
    const className = tag.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase());
    expect(typeof mod[className], `${tag}/index.ts exports ${className}`).toBe('function');
  });

  it('imports the providers entry', async () => {
    const providers = (await import('../src/providers/index.js')) as Record<string, unknown>;
    expect(exportedFunctions(providers).map(([name]) => name)).toContain('SimulatedProvider');
  });

  it.each(providerNames())('imports the %s provider alone', async (name) => {
    const mod = (await import(`../src/providers/${name}/index.ts`)) as Record<string, unknown>;
    expect(exportedFunctions(mod).length).toBeGreaterThan(0);
  });

  it('imports the React wrappers', async () => {
    const react = (await import('../src/react/index.js')) as Record<string, unknown>;
    for (const tag of elementTags()) {
      const name = tag.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase());
      expect(react[name], `React wrapper ${name} (stale? run npm run manifest && npm run react)`).toBeTruthy();
    }
  });

  it('lists elements and providers that exist', () => {
    expect(elementTags()).toContain('ps-metric-card');
    expect(providerNames()).toContain('simulated');
  });
});
