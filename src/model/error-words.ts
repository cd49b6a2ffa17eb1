/**
 * Words for what went wrong, for a person: what a thrown value says whatever it is, and URLs shortened. Loaded by the
 * provider boundary only when a request fails, so no element downloads it before something does.
 */
import { DataError, toDataError } from './errors.js';

/** Longest message an error box shows; a provider may reject with a whole HTML page. */
const MAX_MESSAGE = 300;

/** What a thrown value says, for a person: reads no getter and runs no code the value carries but a `message` string. */
export function messageOf(value: unknown): string {
  let text: unknown;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'object' && value !== null) {
    try {
      // An Error's or a plain object's `message` (a rejected fetch wrapper, a GraphQL error); getters are not run.
      const own = Object.getOwnPropertyDescriptor(value, 'message') ?? (value instanceof Error ? { value: value.message } : undefined);
      text = own && 'value' in own ? own.value : undefined;
    } catch {
      // A revoked Proxy: nothing to read.
    }
  } else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `The data source failed with the value ${String(value)}.`;
  }
  if (typeof text !== 'string' || text.trim() === '') return 'The data source failed without saying why.';
  const short = shortenUrls(text.trim());
  return short.length > MAX_MESSAGE ? `${short.slice(0, MAX_MESSAGE - 1)}…` : short;
}

/** Longest URL quoted whole in a message; longer ones lose their query, and a path longer than `MAX_PATH` its end. */
const MAX_URL = 60;
const MAX_PATH = 100;

/**
 * URLs in a message shortened for reading: `http://prometheus:9090/api/v1/query_range?query=…` rather than 250
 * characters of percent-encoded PromQL (the full URL is in the network panel, and in the error's `cause`).
 */
export function shortenUrls(message: string): string {
  return message.replace(/(?:https?:\/\/|(?<![\w.\/])\/)[^\s"'<>]+/g, (match) => {
    // Punctuation that ends the sentence is not part of the URL.
    const url = match.replace(/[.,:;!)\]]+$/, '');
    const after = match.slice(url.length);
    if (url.length <= MAX_URL) return match;
    const query = url.indexOf('?');
    const path = query >= 0 ? url.slice(0, query) : url;
    const short = path.length > MAX_PATH ? `${path.slice(0, MAX_PATH - 1)}…` : path;
    return `${query >= 0 ? `${short}?…` : short}${after}`;
  });
}


/**
 * What a failed provider request shows: anything thrown or rejected (a string, an object with a `message`, a
 * synchronous throw) keeps its words, URLs shortened. `fromProvider`: the provider itself threw or rejected, so an
 * abort there was not the element's (its own aborts settle before the provider's answer is looked at) and is a failure.
 */
export function providerFailure(thrown: unknown, fromProvider: boolean, what: string): DataError {
  if (fromProvider && (isAbortLike(thrown) || (thrown instanceof DataError && thrown.kind === 'aborted'))) {
    return new DataError('network', `The data source cancelled the request for ${what}.`, { cause: thrown });
  }
  if (thrown instanceof DataError || thrown instanceof Error) {
    const error = toDataError(thrown);
    const message = shortenUrls(error.message);
    return message === error.message ? error : new DataError(error.kind, message, { path: error.path, status: error.status, cause: error });
  }
  return new DataError('network', messageOf(thrown), { cause: thrown });
}

/** An `AbortError` from any realm or library (its `name` read without running getters, but for DOMException's own). */
function isAbortLike(value: unknown): boolean {
  if (value instanceof DOMException) return value.name === 'AbortError';
  if (typeof value !== 'object' || value === null) return false;
  try {
    const name = Object.getOwnPropertyDescriptor(value, 'name') ?? Object.getOwnPropertyDescriptor(Object.getPrototypeOf(value) ?? {}, 'name');
    return name !== undefined && 'value' in name && name.value === 'AbortError';
  } catch {
    return false;
  }
}
