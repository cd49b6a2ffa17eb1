// Custom Elements Manifest (`npm run manifest` → custom-elements.json) from the elements' JSDoc.
// Elements register through `defineElement(tag, Class)` (src/elements/define.ts), which the analyzer does not know,
// so a small plugin reads those calls and records the tag names.

/** Records `defineElement('ps-x', PsX)` as the definition of `<ps-x>`. */
function defineElementCalls() {
  return {
    name: 'ps-define-element',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || node.expression.getText() !== 'defineElement') return;
      const [tag, element] = node.arguments;
      if (!tag || !element || !ts.isStringLiteral(tag) || !ts.isIdentifier(element)) return;
      const source = node.getSourceFile().statements.find(
        (statement) => ts.isImportDeclaration(statement)
          && statement.importClause?.namedBindings?.elements?.some((binding) => binding.name.text === element.text),
      );
      const from = source ? source.moduleSpecifier.text : undefined;
      const module = from ? new URL(from.replace(/\.js$/, '.ts'), `file:///${moduleDoc.path}`).pathname.slice(1) : moduleDoc.path;
      moduleDoc.exports ??= [];
      moduleDoc.exports.push({ kind: 'custom-element-definition', name: tag.text, declaration: { name: element.text, module } });
    },
    packageLinkPhase({ customElementsManifest }) {
      const definitions = customElementsManifest.modules.flatMap((mod) => mod.exports ?? [])
        .filter((entry) => entry.kind === 'custom-element-definition');
      for (const { name, declaration } of definitions) {
        const mod = customElementsManifest.modules.find((candidate) => candidate.path === declaration.module);
        const element = mod?.declarations?.find((candidate) => candidate.name === declaration.name);
        if (element) {
          element.tagName = name;
          element.customElement = true;
        }
      }
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts'],
  // define.ts's own `customElements.define(tag, element)` is the helper, not a definition.
  exclude: ['src/elements/define.ts', 'src/**/*.styles.ts'],
  litelement: true,
  // package.json already names the manifest; the analyzer would rewrite the file otherwise.
  packagejson: false,
  plugins: [defineElementCalls()],
};
