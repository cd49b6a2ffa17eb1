/** Types for framework-types.mjs (Vue and Svelte template declarations from custom-elements.json). */
export interface TemplateElement { tag: string; className: string; methods: string[]; attributes: string[]; events: string[] }
export function templateElements(manifest: unknown, tags?: string[]): TemplateElement[];
export function vueTypes(elements: TemplateElement[]): string;
export function svelteTypes(elements: TemplateElement[]): string;
