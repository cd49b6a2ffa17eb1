/** A small toolkit for checking untrusted `unknown` input while tracking where we are in it, so every problem becomes a `DataError` naming its path. */
import { DataError } from './errors.js';
import { describeValue, invalidData } from './invalid-data.js';

export { describeValue, invalidData };

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

/** Runs `read`, turning anything it throws that is not already a DataError into one at `path` (throwing getters, Proxies, stack overflows). */
export function readSafely<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw unreadable(error, path);
  }
}

/** What to throw when reading the input threw `error` at `path`: DataErrors pass through, anything else becomes one. */
function unreadable(error: unknown, path: string): DataError {
  return error instanceof DataError ? error : invalidData(path, 'could not be read');
}

/** `path: expected <what>, got <value>`. */
export function expected(path: string, what: string, value: unknown): DataError {
  return invalidData(path, `expected ${what}, got ${describeValue(value)}`);
}

/** Where a value sits in the input: a `RecordReader` or an array's `ItemsPlace`, whose path is joined only when an error names it. */
export interface Place {
  readonly path: string;
}

/** The path of `key` below `parent`, or `parent`'s own when there is no key. */
function joinPath(parent: Place | string, key: string | number | undefined): string {
  const path = typeof parent === 'string' ? parent : parent.path;
  return key === undefined ? path : childPath(path, key);
}

/** The place of an array's items: the array's parent and key, joined on demand. */
class ItemsPlace implements Place {
  private joined?: string;

  constructor(
    private readonly parent: Place | string,
    private readonly key: string | number,
  ) {}

  get path(): string {
    return (this.joined ??= joinPath(this.parent, this.key));
  }
}

/** A check that is handed its value's parent place and key instead of a path string, and joins them only to report an error. */
type PlacedCheck<T> = (value: unknown, parent: Place | string, key?: string | number) => T;
const PLACED = Symbol('placed check');
type WithPlaced<T> = Check<T> & { [PLACED]?: PlacedCheck<T> };

/** The `Check` of a placed check, remembering the placed form so the readers here can call it without a path. */
function placedCheck<T>(placed: PlacedCheck<T>): Check<T> {
  const check: WithPlaced<T> = (value, path) => placed(value, path);
  check[PLACED] = placed;
  return check;
}

/** Runs any check at `parent` + `key`: placed checks directly, others with the joined path. */
function checkAt<T>(check: Check<T>, value: unknown, parent: Place | string, key?: string | number): T {
  const placed = (check as WithPlaced<T>)[PLACED];
  return placed ? placed(value, parent, key) : check(value, joinPath(parent, key));
}

export interface StringOptions {
  /** Reject `''` (ids, names, slugs). */
  nonEmpty?: boolean;
  /** Reject strings `pattern` does not match: `expected <what>, got "…"`. */
  matches?: { pattern: RegExp; what: string };
}

export function expectString(options: StringOptions = {}): Check<string> {
  const nonEmpty = options.nonEmpty === true;
  const matches = options.matches;
  return placedCheck((value, parent, key) => {
    if (typeof value !== 'string' || (nonEmpty && value.length === 0)) {
      throw expected(joinPath(parent, key), nonEmpty ? 'a non-empty string' : 'a string', value);
    }
    if (value.length > MAX_STRING_LENGTH) throw invalidData(joinPath(parent, key), `expected at most ${MAX_STRING_LENGTH} characters, got ${value.length}`);
    if (matches && !matches.pattern.test(value)) throw expected(joinPath(parent, key), matches.what, value);
    return value;
  });
}

export interface NumberOptions {
  min?: number;
  max?: number;
  integer?: boolean;
}

/** A finite number (NaN and ±Infinity are rejected), optionally bounded and whole. */
export function expectNumber(options: NumberOptions = {}): Check<number> {
  const { min, max, integer } = options;
  return placedCheck((value, parent, key) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw expected(joinPath(parent, key), 'a finite number', value);
    if (integer && !Number.isInteger(value)) throw expected(joinPath(parent, key), 'an integer', value);
    if (min !== undefined && value < min) throw expected(joinPath(parent, key), `a number ≥ ${min}`, value);
    if (max !== undefined && value > max) throw expected(joinPath(parent, key), `a number ≤ ${max}`, value);
    return value;
  });
}

export function expectBoolean(): Check<boolean> {
  return placedCheck((value, parent, key) => {
    if (typeof value !== 'boolean') throw expected(joinPath(parent, key), 'true or false', value);
    return value;
  });
}

/** One of a fixed list of strings, e.g. `expectOneOf(TABLET_ROLES)` → `expected primary|replica|rdonly, got "PRIMARYY"`. */
export function expectOneOf<T extends string>(allowed: readonly T[]): Check<T> {
  return placedCheck((value, parent, key) => {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      throw expected(joinPath(parent, key), allowed.join('|'), value);
    }
    return value as T;
  });
}

/** `null` passes through; anything else goes to `check`. */
export function expectNullable<T>(check: Check<T>): Check<T | null> {
  return placedCheck((value, parent, key) => (value === null ? null : checkAt(check, value, parent, key)));
}

/** Reads the items of an array-like payload safely and without holes; returns a fresh array. */
export function readArrayItems(value: unknown, path: string, maxLength = MAX_ARRAY_LENGTH): unknown[] {
  return readItemsAt(value, path, undefined, maxLength);
}

function readItemsAt(value: unknown, parent: Place | string, key: string | number | undefined, maxLength: number): unknown[] {
  let isArray: boolean;
  try {
    isArray = Array.isArray(value);
  } catch (error) {
    throw unreadable(error, joinPath(parent, key));
  }
  if (!isArray) throw expected(joinPath(parent, key), 'an array', value);
  const array = value as unknown[];
  let length = 0;
  let i = -1;
  try {
    length = array.length;
    if (length > maxLength) throw invalidData(joinPath(parent, key), `expected at most ${maxLength} items, got ${length}`);
    const items = new Array<unknown>(length);
    for (i = 0; i < length; i++) items[i] = array[i];
    return items;
  } catch (error) {
    throw unreadable(error, i < 0 ? joinPath(parent, key) : childPath(joinPath(parent, key), i));
  }
}

/** An array whose every item passes `check`; the result is a fresh array (never the caller's). */
export function expectArrayOf<T>(check: Check<T>, maxLength = MAX_ARRAY_LENGTH): Check<T[]> {
  return placedCheck((value, parent, key) => {
    const items = readItemsAt(value, parent, key, maxLength);
    const place = key === undefined ? parent : new ItemsPlace(parent, key);
    const result = new Array<T>(items.length);
    for (let i = 0; i < items.length; i++) result[i] = checkAt(check, items[i], place, i);
    return result;
  });
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Fields of one object of the payload. Only own properties are read, so `__proto__` tricks and
 * inherited values never leak in; unknown fields are ignored (wire formats grow).
 */
export class RecordReader implements Place {
  private joined?: string;

  constructor(
    private readonly record: object,
    private readonly parent: Place | string,
    private readonly key?: string | number,
  ) {}

  /** `shards[3].tablets[0]`; `''` is the root. */
  get path(): string {
    return (this.joined ??= joinPath(this.parent, this.key));
  }

  /** The raw value of a field, `undefined` when absent. */
  get(key: string): unknown {
    const record = this.record as Record<string, unknown>;
    try {
      return hasOwn.call(record, key) ? record[key] : undefined;
    } catch (error) {
      throw unreadable(error, childPath(this.path, key));
    }
  }

  required<T>(key: string, check: Check<T>): T {
    return checkAt(check, this.get(key), this, key);
  }

  /** `undefined` when the field is absent or `undefined`; otherwise it must pass `check`. */
  optional<T>(key: string, check: Check<T>): T | undefined {
    const value = this.get(key);
    return value === undefined ? undefined : checkAt(check, value, this, key);
  }
}

/** A plain object (not null, not an array, not a typed array) wrapped for reading its fields. */
export function readRecord(value: unknown, path: string): RecordReader {
  return readRecordAt(value, path, undefined);
}

function readRecordAt(value: unknown, parent: Place | string, key: string | number | undefined): RecordReader {
  let isRecord: boolean;
  try {
    isRecord = typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
  } catch (error) {
    throw unreadable(error, joinPath(parent, key));
  }
  if (!isRecord) throw expected(joinPath(parent, key), 'an object', value);
  return new RecordReader(value as object, parent, key);
}

/** A check for an object, built from a function that reads its fields: `expectRecord((r) => ({ slug: r.required('slug', …) }))`. */
export function expectRecord<T>(read: (record: RecordReader) => T): Check<T> {
  return placedCheck((value, parent, key) => read(readRecordAt(value, parent, key)));
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
