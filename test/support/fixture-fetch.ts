/** An injectable `fetch` that answers from recorded responses by URL path, and records what was asked, for provider tests without a server. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface RecordedResponse {
  status?: number;
  /** A JSON value (serialised) or raw text (sent as is: HTML error pages, truncated JSON). */
  body: unknown;
  contentType?: string;
  /** More response headers (e.g. `Retry-After`). */
  headers?: Record<string, string>;
}

/** Reads `test/fixtures/<path>` as text. */
export function fixtureText(path: string): string {
  return readFileSync(fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url)), 'utf8');
}

/** Reads a JSON fixture, dropping the `//source` citation key that documents where its shape comes from. */
export function fixtureJson(path: string): unknown {
  const value = JSON.parse(fixtureText(path)) as Record<string, unknown>;
  if (value && typeof value === 'object' && !Array.isArray(value)) delete value['//source'];
  return value;
}

export interface FixtureFetch {
  (url: string, init: { signal: AbortSignal; headers?: Record<string, string> }): Promise<Response>;
  /** Every URL requested, in order. */
  requests: string[];
  headers: (Record<string, string> | undefined)[];
}

/** Answers each request with the first route whose key the URL's path (after the base) ends with; unknown paths → 404. */
export function fixtureFetch(routes: Record<string, RecordedResponse>): FixtureFetch {
  const requests: string[] = [];
  const headers: (Record<string, string> | undefined)[] = [];
  const fetchImpl = (async (url: string, init: { signal: AbortSignal; headers?: Record<string, string> }) => {
    requests.push(url);
    headers.push(init.headers);
    if (init.signal.aborted) throw new DOMException('This operation was aborted', 'AbortError');
    const path = new URL(url, 'http://localhost').pathname;
    const route = Object.keys(routes).find((key) => path.endsWith(key));
    if (!route) return new Response('404 page not found\n', { status: 404 });
    const { status = 200, body, contentType, headers: extra } = routes[route];
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(text, { status, headers: { 'content-type': contentType ?? (typeof body === 'string' ? 'text/plain' : 'application/json'), ...extra } });
  }) as FixtureFetch;
  fetchImpl.requests = requests;
  fetchImpl.headers = headers;
  return fetchImpl;
}
