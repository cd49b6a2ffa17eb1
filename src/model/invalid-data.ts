/** The one shape of a validation error and a safe way to describe the offending value; small on purpose, so modules that only report bad input (time ranges) need not load the whole validation toolkit. */
import { DataError } from './errors.js';

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
