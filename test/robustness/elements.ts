/** Finds every element the library defines (one `src/elements/<tag>/define.ts` each) and waits for one to settle. */

/** Each element folder's `define.ts`, loaded on demand; new elements are picked up without editing the suites. */
const definitions = import.meta.glob('/src/elements/*/define.ts');

/** Tags of every element folder with a `define.ts`, e.g. `ps-topology`. */
export const ELEMENT_TAGS: readonly string[] = Object.keys(definitions)
  .map((path) => path.split('/').at(-2)!)
  .sort();

/** An element folder whose `define.ts` could not be loaded (a syntax error, a missing file). */
export interface DefineFailure {
  tag: string;
  error: string;
}

/** Defines every element (importing each `define.ts` on its own, so one broken folder does not hide the others). */
export async function defineAllElements(): Promise<{ tags: string[]; failures: DefineFailure[] }> {
  const failures: DefineFailure[] = [];
  await Promise.all(Object.entries(definitions).map(([path, load]) => load().catch((error: unknown) => {
    failures.push({ tag: path.split('/').at(-2)!, error: error instanceof Error ? error.message : String(error) });
  })));
  return { tags: ELEMENT_TAGS.filter((tag) => customElements.get(tag)), failures };
}

interface Settleable extends HTMLElement {
  updateComplete?: Promise<unknown>;
  layoutComplete?: () => Promise<void>;
  settled?: () => Promise<void>;
}

/** Waits until an element loaded its data and drew it: its own `layoutComplete()`/`settled()` when it has one. */
export async function settle(element: Element, frames = 2): Promise<void> {
  const el = element as Settleable;
  await el.updateComplete;
  if (typeof el.layoutComplete === 'function') await el.layoutComplete();
  else if (typeof el.settled === 'function') await el.settled();
  // Children (ps-infrastructure composes the others) settle on their own schedule: give them a few frames.
  for (let i = 0; i < frames; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
  await Promise.all([...(el.shadowRoot?.querySelectorAll('*') ?? [])]
    .filter((child) => child.localName.startsWith('ps-'))
    .map((child) => settleChild(child as Settleable)));
  await el.updateComplete;
}

async function settleChild(child: Settleable): Promise<void> {
  await child.updateComplete;
  if (typeof child.layoutComplete === 'function') await child.layoutComplete();
  else if (typeof child.settled === 'function') await child.settled();
}

/** Elements inside a shadow tree, shadow roots included (deep query for tests). */
export function deepQueryAll(root: ParentNode, selector: string): Element[] {
  const found: Element[] = [];
  const visit = (node: ParentNode) => {
    found.push(...node.querySelectorAll(selector));
    for (const el of node.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
  };
  visit(root);
  return found;
}
