// Size budgets (`npm run size`, part of `npm test`): bundles each budget target alone with Vite (library mode,
// minified, lit and uPlot included), measures gzip sizes, and fails when a target is over budget or when elkjs
// shows up anywhere but the layout worker. Targets whose element does not exist yet are reported and skipped.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { minifyCssLiterals } from './minify-css-literals.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const KB = 1024;

/** What a user's bundle holds for one element: its main-thread code, and workers apart. */
export const BUDGETS = [
  { tag: 'ps-metric-card', maxGzip: 46 * KB, note: 'incl. lit; uPlot loads on first expand' },
  { tag: 'ps-topology', maxGzip: 30 * KB, note: 'incl. lit, without the elkjs worker' },
  { tag: 'ps-shard-stack', maxGzip: 30 * KB, note: 'incl. lit' },
  { tag: 'ps-resize-status', maxGzip: 20 * KB, note: 'incl. lit' },
  { tag: 'ps-keyspace-heatmap', maxGzip: 30 * KB, note: 'incl. lit' },
];

/** A string only ELK's code contains (its option ids), to find elkjs in built files. */
export const ELK_MARKER = 'org.eclipse.elk';

const gzipSize = (code) => gzipSync(code, { level: 9 }).length;

/** Bundles one element's index.ts like an application would (nothing external) and sorts the output. */
export async function bundleElement(tag) {
  const outDir = mkdtempSync(join(tmpdir(), `ps-size-${tag}-`));
  try {
    const outputs = await build({
      configFile: false,
      // As the library build does: the elements' CSS minified (see the plugin).
      plugins: [minifyCssLiterals()],
      root: ROOT,
      logLevel: 'silent',
      worker: { format: 'es' },
      build: {
        outDir,
        write: false,
        minify: true,
        target: 'es2022',
        lib: { entry: join(ROOT, 'src/elements', tag, 'index.ts'), formats: ['es'], fileName: tag },
        // Library mode alone keeps whitespace in ES output (Vite's `codegen: false`, so a consumer's bundler can still
        // read pure annotations), and keeps the entry's exports exactly (so modules it shares with an `import()`ed
        // chunk go to a third chunk rather than into the entry). The application that ships the element to a page
        // does neither: it minifies fully, and its entry (the app importing the element) has no export signature to
        // keep. That is what a page downloads. Same settings for every target.
        rolldownOptions: { preserveEntrySignatures: false, output: { minify: true } },
      },
    });
    const files = [outputs].flat().flatMap((output) => output.output);
    const code = (file) => (file.type === 'chunk' ? file.code : String(file.source));
    // Vite emits a module worker as an asset of its own; everything else is main-thread code. Of that, what a page
    // must download before the element can draw is the entry chunk and the chunks it imports statically; chunks
    // reached only through `import()` (code only some uses need, e.g. validating plain `.frames` data or the table
    // view) load on first use, so they are measured and listed apart (`lazy`) rather than counted against the budget.
    const chunks = new Map(files.filter((file) => file.type === 'chunk').map((file) => [file.fileName, file]));
    const eager = new Set();
    const visit = (name) => {
      if (eager.has(name) || !chunks.has(name)) return;
      eager.add(name);
      for (const imported of chunks.get(name).imports) visit(imported);
    };
    for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName);
    const describe = (file) => ({ name: file.fileName, code: code(file), modules: file.modules });
    const main = [...chunks.values()].filter((file) => eager.has(file.fileName)).map(describe);
    const lazy = [...chunks.values()].filter((file) => !eager.has(file.fileName)).map(describe);
    const workers = files.filter((file) => file.type === 'asset' && file.fileName.endsWith('.js'))
      .map((file) => ({ name: file.fileName, code: code(file) }));
    return { main, lazy, workers };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** The biggest contributors to a bundle, by package or source file, to show where an overrun comes from. */
function largestParts(main, count = 6) {
  const parts = new Map();
  for (const file of main) {
    for (const [id, info] of Object.entries(file.modules)) {
      const match = /node_modules[/\\]((?:@[^/\\]+[/\\])?[^/\\]+)/.exec(id);
      const part = match ? match[1] : id.replace(`${ROOT}/`, '').replace(/\?.*$/, '');
      parts.set(part, (parts.get(part) ?? 0) + info.renderedLength);
    }
  }
  return [...parts].sort((a, b) => b[1] - a[1]).slice(0, count).map(([part, length]) => `${part} ${(length / KB).toFixed(1)} KB`).join(', ');
}

/** Measures every budget target; returns table rows and the problems found. */
export async function checkBudgets(budgets = BUDGETS) {
  const rows = [];
  const problems = [];
  for (const { tag, maxGzip, note } of budgets) {
    if (!existsSync(join(ROOT, 'src/elements', tag, 'index.ts'))) {
      rows.push({ target: `<${tag}>`, gzip: 'not built yet', budget: `${maxGzip / KB} KB`, status: 'skipped' });
      continue;
    }
    const { main, lazy, workers } = await bundleElement(tag);
    const size = main.reduce((sum, file) => sum + gzipSize(file.code), 0);
    const over = size > maxGzip;
    rows.push({ target: `<${tag}> (${note})`, gzip: `${(size / KB).toFixed(1)} KB`, budget: `${maxGzip / KB} KB`, status: over ? 'OVER BUDGET' : 'ok' });
    if (over) problems.push(`<${tag}> is ${(size / KB).toFixed(1)} KB gzip, over its ${maxGzip / KB} KB budget; largest parts (before minifying): ${largestParts(main)}`);
    for (const file of lazy) {
      rows.push({ target: `  lazy chunk ${file.name.replace(/-[\w-]{8}\.js$/, '.js')} of <${tag}>`, gzip: `${(gzipSize(file.code) / KB).toFixed(1)} KB`, budget: '—', status: 'on first use' });
    }
    for (const file of [...main, ...lazy].filter((candidate) => candidate.code.includes(ELK_MARKER))) {
      problems.push(`elkjs found in main-thread chunk ${file.name} of <${tag}>: it belongs in the layout worker only`);
    }
    for (const worker of workers) {
      rows.push({ target: `  worker ${worker.name.replace(/-[\w-]{8}\.js$/, '.js')} of <${tag}>`, gzip: `${(gzipSize(worker.code) / KB).toFixed(1)} KB`, budget: '—', status: worker.code.includes(ELK_MARKER) ? 'has elkjs' : 'ok' });
    }
  }
  return { rows, problems };
}

function printTable(rows) {
  const columns = ['target', 'gzip', 'budget', 'status'];
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => row[column].length)));
  const line = (cells) => cells.map((cell, i) => (i === 1 || i === 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ');
  console.log(line(columns));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(columns.map((column) => row[column])));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows, problems } = await checkBudgets();
  printTable(rows);
  if (problems.length > 0) {
    console.error(`\nsize: ${problems.length} problem(s):\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    process.exit(1);
  }
  console.log('\nsize: all budgets met');
}
