import type { Plugin } from 'vite';
export const WORKER_FILE: string;
export function buildLayoutWorker(): Promise<{ code: string; moduleIds: string[] }>;
export function layoutWorkerFile(): Plugin;
