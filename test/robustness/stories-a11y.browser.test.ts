/**
 * axe-core over every Storybook story, in the light and the dark theme (a story that fixes its theme is checked in
 * that one): 0 violations. Then a forced-colors + reduced-motion smoke check of one story per file.
 */
import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import axe from 'axe-core';
import { render, type TemplateResult } from 'lit';
import { deepQueryAll } from './elements.js';

type Args = Record<string, unknown>;
interface Context {
  args: Args;
  globals: { theme: 'light' | 'dark' };
  loaded: Record<string, unknown>;
  parameters: Record<string, unknown>;
  argTypes: Record<string, unknown>;
  id: string;
  name: string;
}
type Render = (args: Args, context: Context) => unknown;
type Decorator = (story: () => unknown, context: Context) => unknown;
type Loader = (context: Context) => Promise<Record<string, unknown> | void> | Record<string, unknown> | void;
interface StoryAnnotations {
  args?: Args;
  render?: Render;
  decorators?: Decorator[];
  loaders?: Loader[];
  parameters?: Record<string, unknown>;
}
interface StoryFile {
  default: StoryAnnotations & { title?: string };
  [name: string]: unknown;
}

const THEMES = { light: '#ffffff', dark: '#0d1017' } as const;
type Theme = keyof typeof THEMES;
/** How long a story gets to load and lay out; the Loading stories never finish on purpose. */
const SETTLE_LIMIT_MS = 2500;

const files = import.meta.glob<StoryFile>('/stories/*.stories.ts');
const loadedFiles = await Promise.all(Object.entries(files).map(async ([path, load]) => {
  try {
    return { path, file: await load() };
  } catch (error) {
    return { path, error: error instanceof Error ? error.message : String(error) };
  }
}));

interface StoryCase {
  file: string;
  name: string;
  meta: StoryAnnotations;
  story: StoryAnnotations;
  themes: Theme[];
}

const stories: StoryCase[] = [];
for (const entry of loadedFiles) {
  if (!('file' in entry) || !entry.file) continue;
  const { default: meta, ...named } = entry.file;
  const order = (named.__namedExportsOrder as string[] | undefined) ?? Object.keys(named);
  for (const name of order) {
    const value = named[name];
    if (name === '__namedExportsOrder' || value === undefined) continue;
    const story: StoryAnnotations = typeof value === 'function' ? { render: value as Render } : (value as StoryAnnotations);
    const fixed = story.args?.theme;
    stories.push({ file: entry.path, name, meta, story, themes: fixed === 'light' || fixed === 'dark' ? [fixed] : ['light', 'dark'] });
  }
}

function withTimeout(promise: Promise<unknown>, ms: number): Promise<unknown> {
  return Promise.race([promise, new Promise((resolve) => setTimeout(resolve, ms))]);
}

interface Settleable extends HTMLElement {
  updateComplete?: Promise<unknown>;
  layoutComplete?: () => Promise<void>;
  settled?: () => Promise<void>;
}

/** Waits for every ps-* element the story drew (nested ones too) to load and draw, within a limit. */
async function settleStory(container: HTMLElement): Promise<void> {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  await frame();
  const elements = deepQueryAll(container, '*').filter((el) => el.localName.startsWith('ps-')) as Settleable[];
  await withTimeout(Promise.all(elements.map(async (el) => {
    await el.updateComplete;
    if (typeof el.layoutComplete === 'function') await el.layoutComplete();
    else if (typeof el.settled === 'function') await el.settled();
  })), SETTLE_LIMIT_MS);
  await frame();
  // Transitions (node movement, fades) end before colours are judged.
  await new Promise((resolve) => setTimeout(resolve, 150));
}

async function renderStory(entry: StoryCase, theme: Theme, container: HTMLElement): Promise<void> {
  const args: Args = { ...entry.meta.args, ...entry.story.args, theme };
  const context: Context = {
    args, globals: { theme }, loaded: {}, parameters: { ...entry.meta.parameters, ...entry.story.parameters }, argTypes: {}, id: entry.name, name: entry.name,
  };
  for (const loader of [...(entry.meta.loaders ?? []), ...(entry.story.loaders ?? [])]) Object.assign(context.loaded, await loader(context));
  const draw = entry.story.render ?? entry.meta.render;
  if (!draw) throw new Error(`${entry.file} ${entry.name}: no render function`);
  let story = () => draw(context.args, context);
  for (const decorator of [...(entry.story.decorators ?? []), ...(entry.meta.decorators ?? [])]) {
    const inner = story;
    story = () => decorator(inner, context);
  }
  const result = story();
  if (result instanceof Node) container.append(result);
  else render(result as TemplateResult, container);
  await settleStory(container);
}

function violationsOf(results: axe.AxeResults): string[] {
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(' | ')}`);
}

describe('accessibility of every story', function () {
  this.timeout(60_000);
  let container: HTMLElement;

  beforeEach(() => {
    container = document.createElement('main');
    document.body.append(container);
  });

  afterEach(() => {
    render(null, container);
    container.remove();
    document.body.style.background = '';
    document.documentElement.style.colorScheme = '';
  });

  it('every story file loads', () => {
    expect(loadedFiles.filter((f) => 'error' in f)).to.deep.equal([]);
    expect(stories.length, 'stories found').to.be.greaterThan(10);
  });

  for (const entry of stories) {
    for (const theme of entry.themes) {
      it(`${entry.file.replace('/stories/', '')} ${entry.name} (${theme}): no axe violations`, async () => {
        document.body.style.background = THEMES[theme];
        document.documentElement.style.colorScheme = theme;
        await renderStory(entry, theme, container);
        const drawn = deepQueryAll(container, '*').filter((el) => el.localName.startsWith('ps-') && el.shadowRoot?.childElementCount);
        expect(drawn.length, 'the story drew an element').to.be.greaterThan(0);
        expect(violationsOf(await axe.run(container))).to.deep.equal([]);
      });
    }
  }

  describe('forced colors and reduced motion', () => {
    const firstOfEach = [...new Map(stories.map((s) => [s.file, s])).values()];

    before(() => emulateMedia({ forcedColors: 'active', reducedMotion: 'reduce' }));
    after(() => emulateMedia({ forcedColors: 'none', reducedMotion: 'no-preference' }));

    for (const entry of firstOfEach) {
      it(`${entry.file.replace('/stories/', '')} ${entry.name}: motion off, usable, no axe violations`, async () => {
        expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
        await renderStory(entry, 'light', container);
        const elements = deepQueryAll(container, '*').filter((el) => el.localName.startsWith('ps-'));
        expect(elements.length).to.be.greaterThan(0);
        for (const el of elements) {
          expect(getComputedStyle(el).getPropertyValue('--ps-motion').trim(), `${el.localName} --ps-motion`).to.match(/^0(ms|s)?$/);
        }
        // Contrast is the system's in forced colors; everything else still holds.
        const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
        expect(violationsOf(results)).to.deep.equal([]);
      });
    }
  });
});
