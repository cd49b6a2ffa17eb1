// Storybook's controls for the elements, from a freshly generated Custom Elements Manifest: a property that takes a
// fixed set of values offers those values, a plain string or number gets a field, and nothing settable is left to
// Storybook's "Set object" fallback.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StrictArgTypes } from 'storybook/internal/types';
import { controlFor, enumeratedControls, literalOptions } from '../.storybook/controls.js';
import { RANGE_PRESETS } from '../src/model/time-range.js';

const ROOT = process.cwd();
interface Member { name: string; kind?: string; static?: boolean; privacy?: string; type?: { text: string }; attribute?: string }
interface Declaration { tagName?: string; members?: Member[]; attributes?: Member[] }

let workDir: string;
let declarations: Declaration[];

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'ps-controls-'));
  await promisify(execFile)('npx', ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet', '--outdir', relative(ROOT, workDir)], { cwd: ROOT });
  const manifest = JSON.parse(readFileSync(join(workDir, 'custom-elements.json'), 'utf8')) as { modules: { declarations?: Declaration[] }[] };
  declarations = manifest.modules.flatMap((mod) => mod.declarations ?? []).filter((declaration) => declaration.tagName);
}, 60_000);

afterAll(() => {
  if (workDir?.startsWith(join(tmpdir(), 'ps-controls-'))) rmSync(workDir, { recursive: true, force: true });
});

/** What Storybook's web-components framework makes of a declaration (its `extractArgTypes`, reduced to what we read). */
function argTypesOf(declaration: Declaration): StrictArgTypes {
  const argTypes: StrictArgTypes = {};
  const add = (items: Member[] | undefined, category: string) => {
    for (const item of items ?? []) {
      if (item.kind === 'method') continue;
      argTypes[item.name] = { name: item.name, type: { name: (item.type?.text ?? 'other') as 'other' }, table: { category, type: { summary: item.type?.text ?? '' } } } as StrictArgTypes[string];
    }
  };
  add(declaration.members?.filter((member) => member.kind === 'field' && !member.static && !member.privacy), 'properties');
  add(declaration.attributes, 'attributes');
  return argTypes;
}

describe('Storybook controls', () => {
  it('reads string-literal unions, with the type aliases the manifest names', () => {
    expect(literalOptions("'light' | 'dark' | 'auto'")).toEqual(['light', 'dark', 'auto']);
    expect(literalOptions("'' | TabletRole")).toEqual(['', 'primary', 'replica', 'rdonly']);
    expect(literalOptions("'banner' | 'detail' | undefined")).toEqual(['banner', 'detail']);
    expect(literalOptions('string')).toBeUndefined();
    expect(literalOptions('ShardSort')).toEqual(['key-range', 'lag']);
    expect(controlFor('range', 'string')).toMatchObject({ options: [...RANGE_PRESETS], control: { type: 'select' } });
    expect(controlFor('provider', 'DataProvider | undefined')).toEqual({ control: false });
  });

  it('gives every element\'s fixed-set properties choices, and no settable attribute "Set object"', () => {
    const choices = new Map<string, unknown[]>();
    for (const declaration of declarations) {
      const enhanced = enumeratedControls({ argTypes: argTypesOf(declaration) });
      for (const [name, argType] of Object.entries(enhanced)) {
        if (argType.options) choices.set(`${declaration.tagName}.${name}`, argType.options as unknown[]);
        // Attributes are strings: each one gets a field or choices (or stays behind its property's row).
        if (argType.table?.category === 'attributes' && !argType.table.disable) {
          expect(argType.control, `${declaration.tagName} attribute ${name}`).toBeTruthy();
          expect((argType.control as { type?: string }).type, `${declaration.tagName} attribute ${name}`).not.toBe('object');
        }
      }
    }
    // The card declares its properties in `static properties`, so the manifest may list only the attribute.
    expect(choices.get('ps-metric-card.tabletRole') ?? choices.get('ps-metric-card.tablet-role')).toEqual(['', 'primary', 'replica', 'rdonly']);
    expect(choices.get('ps-metric-card.range')).toEqual([...RANGE_PRESETS]);
    expect(choices.get('ps-metric-card.kind')).toEqual(['', 'vtgates', 'tablet']);
    expect(choices.get('ps-infrastructure.range')).toEqual([...RANGE_PRESETS]);
    expect(choices.get('ps-resize-status.variant')).toEqual(['banner', 'detail']);
    expect(choices.get('ps-shard-stack.sort')).toEqual(['key-range', 'lag']);
    expect(choices.get('ps-shard-stack.filter')).toContain('lagging');
    expect(choices.get('ps-keyspace-heatmap.metric')).toContain('queries');
    expect(choices.get('ps-keyspace-heatmap.scale')).toEqual(['', 'linear', 'log']);
    for (const tag of ['ps-topology', 'ps-metric-card', 'ps-shard-stack', 'ps-resize-status', 'ps-infrastructure']) {
      expect(choices.get(`${tag}.theme`), `${tag}.theme`).toEqual(['light', 'dark', 'auto']);
    }
  });
});
