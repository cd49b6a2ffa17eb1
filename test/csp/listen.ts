/** Records every CSP violation on the strict-CSP page from the first module on, for page.ts to report. */
export const violations: string[] = [];

/** Where a violation happened: the element (inside shadow roots too) and the shadow hosts around it. */
function describeTarget(event: Event): string {
  const path = event.composedPath().filter((node): node is Element => node instanceof Element);
  const element = path[0];
  if (!element) return 'document';
  const hosts = path.filter((node) => node.localName.includes('-')).map((node) => node.localName);
  return `<${element.localName} class="${element.getAttribute('class') ?? ''}" style="${element.getAttribute('style') ?? ''}"> in ${hosts.join(' < ') || 'the page'}`;
}

document.addEventListener('securitypolicyviolation', (event) => {
  violations.push(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}: ${describeTarget(event)} ${event.sample}`);
});
