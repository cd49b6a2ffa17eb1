// The README's usage examples are the consumer apps' code (test/consumers, built and run from the packed package by
// `npm run test:consumers`): a code block right after `<!-- example: <path> -->` must be that whole file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const EXAMPLE = /<!-- example: (\S+) -->\s*\n```\w*\n([\s\S]*?)\n```/g;
const examples = [...readme.matchAll(EXAMPLE)].map((match) => ({ path: match[1], code: match[2] }));

describe('README examples', () => {
  it('has examples tied to the consumer apps, the first one the no-bundler page', () => {
    expect(examples.length).toBeGreaterThan(5);
    const firstBlock = /```\w*\n/.exec(readme)!.index;
    expect(readme.lastIndexOf('<!-- example: test/consumers/apps/html/index.html -->', firstBlock), 'the first code block is the no-bundler page').toBeGreaterThan(-1);
  });

  it.each(examples.map((example) => [example.path, example.code]))('%s is the code the consumer test runs', (path, code) => {
    expect(existsSync(join(ROOT, path)), path).toBe(true);
    expect(code).toBe(readFileSync(join(ROOT, path), 'utf8').trimEnd());
  });

  it('points the CDN examples at this version', () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
    for (const [, used] of readme.matchAll(/cdn\.jsdelivr\.net\/npm\/ps-widgets@([^/]+)\//g)) expect(used).toBe(version);
  });
});
