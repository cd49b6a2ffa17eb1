/** Fetching JSON for the real providers: the one place where network failures, aborts, HTTP statuses and malformed JSON become DataErrors. */
import { DataError, throwIfAborted } from '../../model/errors.js';
import { parseJsonInSlices } from '../../model/json-slices.js';
import { Slices } from '../../model/slices.js';

/** The part of `fetch` the providers use; inject your own to add auth, retries or recorded responses. */
export type FetchLike = (url: string, init: { signal: AbortSignal; headers?: Record<string, string> }) => Promise<Response>;

export interface JsonAnswer {
  status: number;
  ok: boolean;
  /** The parsed body; `undefined` when a non-2xx answer was not JSON (a proxy's HTML error page). */
  body: unknown;
  /** The start of the raw body, for error messages. */
  excerpt: string;
  /** The answer's headers (e.g. `Retry-After` on a 429), when the fetch gave any. */
  headers?: Headers;
}

const EXCERPT_LENGTH = 200;

/** `fetch` from the global scope, bound so that browsers accept the call. */
export function defaultFetch(): FetchLike {
  if (typeof globalThis.fetch !== 'function') {
    throw new DataError('network', 'No fetch() in this environment: pass a `fetch` option to the provider.');
  }
  return (url, init) => globalThis.fetch(url, init);
}

/** Joins a base URL (with or without a trailing slash, absolute or relative like `/prometheus`) and an API path. */
export function joinUrl(base: string, path: string, query?: URLSearchParams): string {
  const url = `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  const search = query?.toString();
  return search ? `${url}?${search}` : url;
}

/**
 * GETs `url` and parses its JSON body. Rejects with a DataError: `aborted` when `signal` fires (even if an
 * injected fetch ignores it), `network` when nothing answers, `invalid-data` when a 2xx body is not JSON.
 * Non-2xx answers resolve, so each provider can read its own error format; `httpError` makes the DataError.
 */
export async function getJson(
  fetchImpl: FetchLike,
  url: string,
  source: string,
  signal: AbortSignal,
  headers?: Record<string, string>,
  hints: RequestHints = {},
): Promise<JsonAnswer> {
  throwIfAborted(signal);
  let response: Response;
  let text: string;
  try {
    response = await fetchImpl(url, headers ? { signal, headers } : { signal });
    throwIfAborted(signal);
    text = await readText(response);
    throwIfAborted(signal);
  } catch (error) {
    if (signal.aborted || (error instanceof DataError && error.kind === 'aborted')) throw DataError.aborted();
    if (error instanceof DataError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    const origin = error instanceof TypeError ? crossOrigin(url) : undefined;
    if (origin !== undefined) {
      // A browser reports a CORS refusal exactly like an unreachable server (a bare TypeError), so say both.
      const fix = hints.crossOrigin?.(origin) ?? `The server must allow ${origin} (Access-Control-Allow-Origin), or be reached through a proxy on this page's origin.`;
      throw new DataError('network', `Could not reach ${source} at ${url} from ${origin}: the server is down, or it does not allow requests from this page's origin. ${fix}`, { cause: error });
    }
    throw new DataError('network', `Could not reach ${source} at ${url}: ${reason}`, { cause: error });
  }
  const excerpt = text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}…` : text;
  let body: unknown;
  try {
    // A big answer (a week of 200 series is tens of megabytes) is parsed in slices, so the page keeps responding.
    body = await parseJsonInSlices(text, { signal });
  } catch (error) {
    if (signal.aborted) throw DataError.aborted();
    if (!response.ok) return { status: response.status, ok: false, body: undefined, excerpt, headers: response.headers };
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataError('invalid-data', `${source} sent a response that is not valid JSON (${reason}): ${JSON.stringify(excerpt)}`, { cause: error });
  }
  return { status: response.status, ok: response.ok, body, excerpt, headers: response.headers };
}

/**
 * The body as text, as `response.text()` reads it (UTF-8, a BOM dropped, bad bytes replaced), but decoded chunk by
 * chunk in slices: `text()` of a body already there (a 20 MB answer from the cache or a service worker) decodes it in
 * one task of tens of milliseconds. A response without a readable stream (an injected fetch's stand-in) uses `text()`.
 */
export async function readText(response: Response, slices = new Slices()): Promise<string> {
  const reader = typeof response.body?.getReader === 'function' && typeof TextDecoder === 'function' ? response.body.getReader() : undefined;
  if (!reader) return response.text();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(decoder.decode(value, { stream: true }));
    if (slices.due(value.byteLength)) await slices.pause();
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/** What a provider adds to the shared messages. */
export interface RequestHints {
  /** How to let a page on `origin` call this server, for the message of a refused cross-origin request. */
  crossOrigin?: (origin: string) => string;
}

/** This page's origin when `url` points at another one; undefined outside a browser or for same-origin URLs. */
function crossOrigin(url: string): string | undefined {
  const here = typeof location === 'undefined' ? undefined : location;
  if (!here || !/^https?:$/.test(here.protocol)) return undefined;
  try {
    return new URL(url, here.href).origin === here.origin ? undefined : here.origin;
  } catch {
    return undefined;
  }
}

/** What a person can do about a refused request, by status: 401 and 403 usually come from the proxy in front of the server. */
const STATUS_ADVICE: Readonly<Record<number, string>> = {
  401: 'it wants credentials. Sign in to the proxy or server in front of it, or give the provider its credentials (the `headers` or `fetch` option).',
  403: 'the credentials sent are not allowed to read this. Ask for access, or check the credentials the proxy or the `headers` option adds.',
};

/** The DataError for a failed HTTP answer: 404 is `not-found`, everything else `http`, with the server's own words. */
export function httpError(source: string, status: number, detail: string): DataError {
  const kind = status === 404 ? 'not-found' : 'http';
  const text = detail.trim() ? `: ${detail.trim()}` : '';
  const advice = STATUS_ADVICE[status];
  const message = advice ? `${source} refused the request (HTTP ${status}): ${advice}${text ? ` (The server said${text})` : ''}` : `${source} answered HTTP ${status}${text}`;
  return new DataError(kind, message, { status });
}

/** A provider option that must be a non-empty string (`url`, `organization`): otherwise an `invalid-data` error at its name. */
export function requireOption(options: object | undefined, name: string, message: string): void {
  const value = (options as Record<string, unknown> | undefined)?.[name];
  if (typeof value !== 'string' || value === '') throw new DataError('invalid-data', message, { path: name });
}
