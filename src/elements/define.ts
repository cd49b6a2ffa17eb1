/** Registers a custom element once, and not at all where there is no registry (Node, SSR): importing never throws. */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  if (typeof customElements === 'undefined' || customElements.get(tag)) return;
  customElements.define(tag, element);
}
