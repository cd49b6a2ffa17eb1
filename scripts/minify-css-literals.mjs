// Vite plugin: minifies the CSS in our own Lit `css` template literals (comments, indentation, spaces around
// punctuation). Lit ships styles as the literal's text, which no JS minifier touches, so without this every element
// downloads its stylesheet as written. Used by every build (library, demo, tests, Storybook, bench, size budgets), so
// the tests and screenshots see the very CSS that ships.
import MagicString from 'magic-string';

/** Minifies one stylesheet's text. Spaces before `:` stay (`.a :focus` is not `.a:focus`), and so does everything in quotes that is not whitespace. */
export function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,>]) ?/g, '$1')
    .replace(/: /g, ':')
    .replace(/;}/g, '}')
    .trim();
}

const CSS_LITERAL = /\bcss`([^`]*)`/g;

/** Applies `minifyCss` to every `css\`…\`` literal in the project's TypeScript sources (not in node_modules). */
export function minifyCssLiterals() {
  return {
    name: 'ps-minify-css-literals',
    transform(code, id) {
      if (id.includes('/node_modules/') || !/\.ts$/.test(id) || !code.includes('css`')) return null;
      const output = new MagicString(code);
      for (const match of code.matchAll(CSS_LITERAL)) {
        const start = match.index + 'css`'.length;
        output.overwrite(start, start + match[1].length, minifyCss(match[1]));
      }
      return output.hasChanged() ? { code: output.toString(), map: output.generateMap({ hires: 'boundary', source: id }) } : null;
    },
  };
}
