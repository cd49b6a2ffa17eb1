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

/**
 * Applies `minifyCss` to every `css\`…\`` literal in the library's TypeScript sources (`src/`; not tests, whose
 * strings may hold such text, nor node_modules). It reads text, not syntax: keep `css\`` out of src strings and comments.
 */
export function minifyCssLiterals() {
  return {
    name: 'ps-minify-css-literals',
    transform(code, id) {
      if (id.includes('/node_modules/') || !/[/\\]src[/\\].*\.ts$/.test(id) || !code.includes('css`')) return null;
      const output = new MagicString(code);
      for (const match of code.matchAll(CSS_LITERAL)) {
        const minified = minifyCss(match[1]);
        if (minified === match[1]) continue;
        const start = match.index + 'css`'.length;
        // An empty result still overwrites with one space: magic-string cannot overwrite a range with nothing.
        output.overwrite(start, start + match[1].length, minified || ' ');
      }
      return output.hasChanged() ? { code: output.toString(), map: output.generateMap({ hires: 'boundary', source: id }) } : null;
    },
  };
}
