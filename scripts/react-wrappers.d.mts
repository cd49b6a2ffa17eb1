/** Types for react-wrappers.mjs (generates src/react/index.ts from custom-elements.json). */
export interface WrappedElement { tag: string; className: string; summary: string; events: string[] }
export function manifestElements(manifest: unknown, tags?: string[]): WrappedElement[];
export function wrapperSource(elements: WrappedElement[]): string;
