/** A small toolkit for checking untrusted `unknown` input while tracking where we are in it, so every problem becomes a `DataError` naming its path. */
import { DataError } from './errors.js';

/**
 * Checks one value found at `path` and returns it typed, or throws an `invalid-data` DataError.
 * Checks compose: `expectArrayOf(expectRecord(readTablet))`.
 */
export type Check<T> = (value: unknown, path: string) => T;

/** Longest array read from a payload: a hostile `length` must not freeze the main thread. */
export const MAX_ARRAY_LENGTH = 1_000_000;
const MAX_STRING_LENGTH = 100_000;

/** The path of a field or an item below `path`: `shards` + 3 → `shards[3]`, `shards[3]` + `role` → `shards[3].role`. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/** The error every check throws: `shards[3].tablets[0].role: expected primary|replica|rdonly, got "PRIMARYY"`. */
export function invalidData(path: string, message: string): DataError {
  const where = path || '(root)';
  return new DataError('invalid-data', `${where}: ${message}`, { path: where });
}

/** A short description of any value for an error message; never runs code the value carries (no toString, no getters). */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value.length > 60 ? `${JSON.stringify(value.slice(0, 60))}…` : JSON.stringify(value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'bigint':
      return 'a bigint';
    case 'undefined':
      return 'nothing';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
  }
  if (value === null) return 'null';
  try {
    if (Array.isArray(value)) return 'an array';
    if (ArrayBuffer.isView(value)) return 'a typed array';
  } catch {
    // A revoked Proxy throws even on Array.isArray.
  }
  return 'an object';
}

/** Runs `read`, turning anything it throws that is not already a DataError into one at `path` (throwing getters, Proxies, stack overflows). */
export function readSafely<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw invalidData(path, 'could not be read');
  }
}

/** `path: expected <what>, got <value>`. */
export function expected(path: string, what: string, value: unknown): DataError {
  return invalidData(path, `expected ${what}, got ${describeValue(value)}`);
}

export interface StringOptions {
  /** Reject `''` (ids, names, slugs). */
  nonEmpty?: boolean;
}

export function expectString(options: StringOptions = {}): Check<string> {
  return (value, path) => {
    if (typeof value !== 'string') throw expected(path, options.nonEmpty ? 'a non-empty string' : 'a string', value);
    if (options.nonEmpty && value.length === 0) throw expected(path, 'a non-empty string', value);
    if (value.length > MAX_STRING_LENGTH) throw invalidData(path, `expected at most ${MAX_STRING_LENGTH} characters, got ${value.length}`);
    return value;
  };
}

export interface NumberOptions {
  min?: number;
  max?: number;
  integer?: boolean;
}

/** A finite number (NaN and ±Infinity are rejected), optionally bounded and whole. */
export function expectNumber(options: NumberOptions = {}): Check<number> {
  const { min, max, integer } = options;
  return (value, path) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw expected(path, 'a finite number', value);
    if (integer && !Number.isInteger(value)) throw expected(path, 'an integer', value);
    if (min !== undefined && value < min) throw expected(path, `a number ≥ ${min}`, value);
    if (max !== undefined && value > max) throw expected(path, `a number ≤ ${max}`, value);
    return value;
  };
}

export function expectBoolean(): Check<boolean> {
  return (value, path) => {
    if (typeof value !== 'boolean') throw expected(path, 'true or false', value);
    return value;
  };
}

/** One of a fixed list of strings, e.g. `expectOneOf(TABLET_ROLES)` → `expected primary|replica|rdonly, got "PRIMARYY"`. */
export function expectOneOf<T extends string>(allowed: readonly T[]): Check<T> {
  return (value, path) => {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      throw expected(path, allowed.join('|'), value);
    }
    return value as T;
  };
}

/** `null` passes through; anything else goes to `check`. */
export function expectNullable<T>(check: Check<T>): Check<T | null> {
  return (value, path) => (value === null ? null : check(value, path));
}

/** Reads the items of an array-like payload safely and without holes; returns a fresh array. */
export function readArrayItems(value: unknown, path: string, maxLength = MAX_ARRAY_LENGTH): unknown[] {
  return readSafely(path, () => {
    if (!Array.isArray(value)) throw expected(path, 'an array', value);
    const length = value.length;
    if (length > maxLength) throw invalidData(path, `expected at most ${maxLength} items, got ${length}`);
    const items = new Array<unknown>(length);
    for (let i = 0; i < length; i++) items[i] = readSafely(childPath(path, i), () => value[i]);
    return items;
  });
}

/** An array whose every item passes `check`; the result is a fresh array (never the caller's). */
export function expectArrayOf<T>(check: Check<T>, maxLength = MAX_ARRAY_LENGTH): Check<T[]> {
  return (value, path) => readArrayItems(value, path, maxLength).map((item, i) => check(item, childPath(path, i)));
}

/**
 * Fields of one object of the payload. Only own properties are read, so `__proto__` tricks and
 * inherited values never leak in; unknown fields are ignored (wire formats grow).
 */
export class RecordReader {
  constructor(
    private readonly record: object,
    readonly path: string,
  ) {}

  /** The raw value of a field, `undefined` when absent. */
  get(key: string): unknown {
    const record = this.record as Record<string, unknown>;
    return readSafely(childPath(this.path, key), () =>
      Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined,
    );
  }

  required<T>(key: string, check: Check<T>): T {
    return check(this.get(key), childPath(this.path, key));
  }

  /** `undefined` when the field is absent or `undefined`; otherwise it must pass `check`. */
  optional<T>(key: string, check: Check<T>): T | undefined {
    const value = this.get(key);
    return value === undefined ? undefined : check(value, childPath(this.path, key));
  }
}

/** A plain object (not null, not an array, not a typed array) wrapped for reading its fields. */
export function readRecord(value: unknown, path: string): RecordReader {
  const isRecord = readSafely(path, () => typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value));
  if (!isRecord) throw expected(path, 'an object', value);
  return new RecordReader(value as object, path);
}

/** A check for an object, built from a function that reads its fields: `expectRecord((r) => ({ slug: r.required('slug', …) }))`. */
export function expectRecord<T>(read: (record: RecordReader) => T): Check<T> {
  return (value, path) => read(readRecord(value, path));
}

/** Throws at the second item whose `key` was already seen: `shards[4].name: duplicate "-80" (also shards[1])`. */
export function assertUnique<T>(items: readonly T[], key: (item: T) => string, path: string, field?: string): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const value = key(item);
    const first = seen.get(value);
    if (first !== undefined) {
      const itemPath = childPath(path, i);
      throw invalidData(field ? childPath(itemPath, field) : itemPath, `duplicate ${JSON.stringify(value)} (also ${childPath(path, first)})`);
    }
    seen.set(value, i);
  });
}

/** Sets `key` on `target` only when `value` is defined, so optional fields stay absent rather than `undefined`. */
export function setIfDefined<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
