/** Bench page entry: runs the module named by `?bench=` and leaves its figures on `window.__bench`. */
export {};
type BenchModule = { run: () => Promise<Record<string, number>>; baselines?: Record<string, string> };
const modules = import.meta.glob<BenchModule>('./*.bench.ts');

declare global {
  interface Window {
    __bench?: { figures?: Record<string, number>; baselines?: Record<string, string>; error?: string; names?: string[] };
  }
}

async function main(): Promise<void> {
  const names = Object.keys(modules).map((path) => path.replace(/^\.\/(.*)\.bench\.ts$/, '$1'));
  const name = new URLSearchParams(location.search).get('bench');
  if (!name) {
    window.__bench = { names };
    return;
  }
  try {
    const module = await modules[`./${name}.bench.ts`]();
    const figures = await module.run();
    window.__bench = { figures, baselines: module.baselines ?? {}, names };
  } catch (error) {
    window.__bench = { error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error), names };
  }
}
void main();
