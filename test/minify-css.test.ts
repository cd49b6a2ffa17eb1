import { describe, expect, it } from 'vitest';
import { minifyCss, minifyCssLiterals } from '../scripts/minify-css-literals.mjs';

describe('minifyCss', () => {
  it('drops comments and indentation and the spaces around punctuation', () => {
    expect(minifyCss(`
      /* why */
      :host { display: block; }
      .a > .b,
      .c { margin: 0 auto; grid-template-columns: minmax(0, 1fr) auto; }
      @media (max-width: 720px) { .x { color: red; } }
    `)).toBe(':host{display:block}.a>.b,.c{margin:0 auto;grid-template-columns:minmax(0,1fr) auto}@media (max-width:720px){.x{color:red}}');
  });

  it('keeps the space that makes a descendant pseudo-class, quoted text and interpolations', () => {
    expect(minifyCss(".row :focus-visible { content: ''; }")).toBe(".row :focus-visible{content:''}");
    expect(minifyCss(":host(:not([theme='light'])) { ${dark} }")).toBe(":host(:not([theme='light'])){${dark}}");
    expect(minifyCss('.x { width: calc(100% - 8px); font-family: ui-monospace, "SF Mono"; }')).toBe('.x{width:calc(100% - 8px);font-family:ui-monospace,"SF Mono"}');
  });
});

describe('minifyCssLiterals', () => {
  const transform = (code: string, id: string) => {
    const hook = minifyCssLiterals().transform as (code: string, id: string) => { code: string; map: { mappings: string } } | null;
    return hook(code, id);
  };

  it('rewrites css`…` literals in project sources, with a source map, and leaves other code and templates alone', () => {
    const code = 'const a = html`<p>  x  </p>`;\nexport const styles = css`\n  :host {\n    display: block;\n  }\n`;\nconst b = 1;\n';
    const result = transform(code, '/repo/src/elements/x/x.styles.ts')!;
    expect(result.code).toBe('const a = html`<p>  x  </p>`;\nexport const styles = css`:host{display:block}`;\nconst b = 1;\n');
    expect(result.map.mappings).not.toBe('');
  });

  it('leaves empty and already minified literals as they are, and empties a comment-only one', () => {
    expect(transform('const a = css``; const b = css`a{b:c}`;', '/repo/src/a.ts')).toBeNull();
    expect(transform('const a = css`/* nothing yet */`;', '/repo/src/a.ts')!.code).toBe('const a = css` `;');
  });

  it('skips node_modules, tests and files without css literals', () => {
    expect(transform('const s = css` a { b: c } `;', '/repo/node_modules/lit/x.ts')).toBeNull();
    expect(transform('const a = 1;', '/repo/src/a.ts')).toBeNull();
    expect(transform('const s = css` a { b: c } `;', '/repo/test/a.test.ts')).toBeNull();
  });
});
