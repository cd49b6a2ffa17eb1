/** Errors are values: providers reject with a `DataError`, elements show it and never throw it. */

/** `timeout`: no answer within the element's `timeout` (the request was then cancelled). */
export type DataErrorKind = 'network' | 'http' | 'invalid-data' | 'not-found' | 'aborted' | 'timeout';

export interface DataErrorOptions {
  /** Where in the payload the problem is, e.g. `shards[3].tablets[0].role`. */
  path?: string;
  /** HTTP status, for `http` errors. */
  status?: number;
  cause?: unknown;
}

/** A failure to get or understand data, with a kind and a message meant for a person. */
export class DataError extends Error {
  override readonly name = 'DataError';
  readonly kind: DataErrorKind;
  readonly path?: string;
  readonly status?: number;

  constructor(kind: DataErrorKind, message: string, options: DataErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.path = options.path;
    this.status = options.status;
  }

  static aborted(): DataError {
    return new DataError('aborted', 'The request was cancelled.');
  }
}

export function isDataError(value: unknown): value is DataError {
  return value instanceof DataError;
}

/** Any thrown value as a `DataError`; an `AbortError` becomes kind `aborted`. (A provider's failures get their words at the provider boundary, `error-words.ts`.) */
export function toDataError(value: unknown): DataError {
  if (value instanceof DataError) return value;
  if (value instanceof DOMException && value.name === 'AbortError') return DataError.aborted();
  if (value instanceof TypeError) return new DataError('network', `Network error: ${value.message}`, { cause: value });
  const message = value instanceof Error ? value.message : String(value);
  return new DataError('network', message, { cause: value });
}

/** Rejects with an `aborted` DataError when the signal has already fired. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw DataError.aborted();
}
