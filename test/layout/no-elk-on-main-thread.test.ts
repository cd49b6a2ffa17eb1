// ELK (1.6 MB) must only ever load in the layout worker: walk the element's static imports and look for it.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { expect, it } from 'vitest';

/** Value imports (not `import type`) of a module, resolved to files for relative paths. */
function valueImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers = [...source.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\bfrom\s+)?['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  return specifiers.map((s) => (s.startsWith('.') ? resolve(dirname(file), s.replace(/\.js$/, '.ts')) : s));
}

function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (file.endsWith('.ts')) for (const next of valueImports(file)) visit(next);
  };
  visit(entry);
  return seen;
}

it('the element and its engine reach no elkjs module; only the worker does', () => {
  const element = reachable(resolve('src/elements/ps-topology/index.ts'));
  expect([...element].filter((f) => f.includes('elkjs'))).toEqual([]);
  expect(element.has(resolve('src/layout/layout-client.ts'))).toBe(true);
  expect(element.has(resolve('src/layout/layout.worker.ts'))).toBe(false);
  expect([...reachable(resolve('src/layout/layout.worker.ts'))].filter((f) => f.includes('elkjs'))).toEqual(['elkjs/lib/elk.bundled.js']);
  // The worker is loaded the way bundlers and strict CSP understand: a module worker from a URL relative to the module.
  expect(readFileSync('src/layout/worker-loader.ts', 'utf8')).toContain("new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module'");
});
