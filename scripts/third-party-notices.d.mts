/** Types for third-party-notices.mjs (THIRD-PARTY-NOTICES.md from the bundles' module lists). */
export const NOTICES_FILE: string;
export function packageOf(moduleId: string): string | undefined;
export function bundledPackages(outputs: { file: string; moduleIds: readonly string[] }[]): Map<string, string[]>;
export function packageLicense(name: string, root?: string): { name: string; version: string; license: string; source: string; text: string };
export function noticesText(packages: Map<string, string[]>, root?: string): string;
