/** Types for package-layout.mjs (the package's entries, externals and chunk names, found by convention). */
export function foldersWithIndex(dir: string, root?: string): string[];
export function elementTags(root?: string): string[];
export function providerNames(root?: string): string[];
export function libraryEntries(root?: string): Record<string, string>;
export function isExternal(id: string): boolean;
export function chunkFileName(chunk: { moduleIds: readonly string[] }): string;
/** The rolldown code-splitting group that gives the worker loader a chunk of its own. */
export const WORKER_LOADER_CHUNK: { name: string; test: RegExp };
