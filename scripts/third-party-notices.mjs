// THIRD-PARTY-NOTICES.md: the license of every package whose code the built files contain (elkjs in the layout worker,
// Lit and uPlot in the no-bundler file, uPlot's CSS in the metric card), found from the bundles' module lists rather
// than written by hand, so a new bundled dependency cannot ship without its notice.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
export const NOTICES_FILE = 'THIRD-PARTY-NOTICES.md';

const PACKAGE_IN_PATH = /[/\\]node_modules[/\\]((?:@[^/\\]+[/\\])?[^/\\]+)[/\\]/;

/** The package a module id belongs to (`uplot`, `@lit/reactive-element`), or undefined for our own code. */
export function packageOf(moduleId) {
  const matches = [...moduleId.matchAll(new RegExp(PACKAGE_IN_PATH, 'g'))];
  return matches.at(-1)?.[1].replace(/\\/g, '/');
}

/** Package → the built files (relative to dist/) that contain its code, from `{ file, moduleIds }` per output. */
export function bundledPackages(outputs) {
  const packages = new Map();
  for (const { file, moduleIds } of outputs) {
    for (const id of moduleIds) {
      const name = packageOf(id);
      if (!name) continue;
      if (!packages.has(name)) packages.set(name, new Set());
      packages.get(name).add(file);
    }
  }
  return new Map([...packages].sort(([a], [b]) => a.localeCompare(b)).map(([name, files]) => [name, [...files].sort()]));
}

/** A package's name, version, SPDX license, source and license text, from its folder in node_modules. */
export function packageLicense(name, root = ROOT) {
  const dir = join(root, 'node_modules', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const file = readdirSync(dir).find((entry) => /^(licen[sc]e|copying)(\.(md|txt))?$/i.test(entry));
  if (!file) throw new Error(`${name} has no LICENSE file in node_modules/${name}: its notice cannot be written`);
  const repository = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const source = (repository ?? pkg.homepage ?? `https://www.npmjs.com/package/${name}`).replace(/^git\+/, '').replace(/\.git$/, '');
  return { name, version: pkg.version, license: pkg.license, source, text: readFileSync(join(dir, file), 'utf8').trim() };
}

/** The notices file for the bundled packages. */
export function noticesText(packages, root = ROOT) {
  const ours = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const lines = [
    '# Third-party notices',
    '',
    `${ours.name} is licensed under ${ours.license} (LICENSE). Its built files contain code from the packages below,`,
    'each under its own license, reproduced here. Files under `dist/` other than those listed leave these packages as',
    'imports (your bundler or import map supplies them, with their own notices).',
  ];
  for (const [name, files] of packages) {
    const { version, license, source, text } = packageLicense(name, root);
    lines.push(
      '',
      `## ${name} ${version} (${license})`,
      '',
      `In ${files.map((file) => `\`dist/${file}\``).join(', ')}. Source: ${source}`,
      '',
      '```text',
      text,
      '```',
    );
  }
  return `${lines.join('\n')}\n`;
}
