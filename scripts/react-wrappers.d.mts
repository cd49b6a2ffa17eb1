/** Types for react-wrappers.mjs (generates src/react/*.ts from custom-elements.json). */
export interface WrappedElement { tag: string; className: string; summary: string; events: string[] }
export function manifestElements(manifest: unknown, tags?: string[]): WrappedElement[];
export function componentSource(element: WrappedElement): string;
export function indexSource(elements: WrappedElement[]): string;
export function wrapperFiles(elements: WrappedElement[]): Map<string, string>;
