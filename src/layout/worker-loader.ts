/**
 * Creates the layout worker: by default from `layout.worker.js` next to this module, written the one way every
 * mainstream bundler rewrites (`new Worker(new URL('./…', import.meta.url), { type: 'module' })`), or the way the page
 * said through `setLayoutWorker` (a URL, or a function that returns a Worker) where a setup cannot follow that.
 */
import type { LayoutWorker } from './layout-client.js';

/** Where the layout worker comes from: its script's URL (relative to the page), or a function that creates it. */
export type LayoutWorkerSource = string | URL | (() => Worker);

const WORKER_OPTIONS: WorkerOptions = { type: 'module', name: 'ps-topology-layout' };

let configured: LayoutWorkerSource | undefined;

/**
 * Tells every diagram on the page where its layout worker is, for setups that cannot follow the default (a bundler
 * that leaves `new URL(…, import.meta.url)` alone, like esbuild; the worker served from elsewhere): the URL of
 * `ps-widgets/layout.worker.js` as you serve it, or a function returning a `Worker` running it (a module worker).
 * Takes effect for the next worker started (diagrams start it as soon as the first one is on the page), so call it
 * before adding diagrams; `undefined` restores the default.
 */
export function setLayoutWorker(source: LayoutWorkerSource | undefined): void {
  configured = source;
}

/** The Trusted Types API, where the browser has it (not yet in TypeScript's DOM types). */
interface TrustedTypesApi {
  createPolicy(name: string, rules: { createScriptURL: (url: string) => string }): { createScriptURL(url: string): unknown };
}

let workerUrlPolicy: { createScriptURL(url: string): unknown } | null | undefined;

/**
 * A page that requires Trusted Types (`require-trusted-types-for 'script'`) refuses a plain URL for a worker script.
 * The `ps-widgets` policy is private to this module and only ever given the layout worker's URL: the default one (or
 * what a bundler rewrote it to, often a hashed name), the page's own through `setLayoutWorker`, or the same-origin
 * blob that imports one of those. No provider data reaches it.
 */
function trustedScriptUrl(url: string): string {
  const api = (globalThis as { trustedTypes?: TrustedTypesApi }).trustedTypes;
  if (!api) return url;
  if (workerUrlPolicy === undefined) {
    try {
      workerUrlPolicy = api.createPolicy('ps-widgets', { createScriptURL: (candidate) => candidate });
    } catch {
      // The page's `trusted-types` directive does not allow the name: a plain URL, which such a page may still accept.
      workerUrlPolicy = null;
    }
  }
  return (workerUrlPolicy?.createScriptURL(url) ?? url) as string;
}

/**
 * A worker script on another origin (the package on a CDN) cannot be started directly: a same-origin blob module that
 * imports it can (the CDN must send CORS headers, as public CDNs do). Returns the URL to start and, for a blob, how
 * to release it.
 */
function startableUrl(url: URL): { href: string; release?: () => void } {
  const origin = globalThis.location?.origin;
  if (!origin || url.origin === origin || url.protocol === 'blob:' || url.protocol === 'data:') return { href: url.href };
  const blobUrl = URL.createObjectURL(new Blob([`import ${JSON.stringify(url.href)};\n`], { type: 'text/javascript' }));
  return { href: blobUrl, release: () => URL.revokeObjectURL(blobUrl) };
}

type WorkerClass = new (url: URL, options?: WorkerOptions) => Worker;
let scriptWorker: WorkerClass | undefined;

/**
 * `Worker`, but taking the script's URL through `startableUrl` and the Trusted Types policy. Made on first use:
 * Node, where importing must work, has no Worker.
 */
function scriptWorkerClass(): WorkerClass {
  return (scriptWorker ??= class extends globalThis.Worker {
    constructor(url: URL, options?: WorkerOptions) {
      const { href, release } = startableUrl(url);
      super(trustedScriptUrl(href), options);
      // The blob is read when the worker starts; once it has answered or failed, it can go.
      if (release) for (const type of ['message', 'error']) this.addEventListener(type, release, { once: true });
    }
  });
}

/** A new layout worker, from the page's `setLayoutWorker` choice or the default next to this module. */
export function createLayoutWorker(): LayoutWorker {
  if (typeof configured === 'function') return configured() as unknown as LayoutWorker;
  const Worker = scriptWorkerClass();
  if (configured !== undefined) return new Worker(new URL(configured, document.baseURI), WORKER_OPTIONS) as unknown as LayoutWorker;
  // Literally the bundler pattern: Vite, webpack, Parcel and Rollup's import-meta-assets plugin find the file through
  // `new URL('<relative path>', import.meta.url)` and rewrite it. The package build turns `./layout.worker.ts` into
  // the path of the prebuilt, self-contained `layout.worker.js` (scripts/layout-worker-file.mjs).
  return new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'ps-topology-layout' }) as unknown as LayoutWorker;
}
