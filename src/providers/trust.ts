/**
 * Which provider methods answer with data the library already validated: the built-in providers check their wire
 * format where they decode it, so elements need not check their answers again; every other method is checked.
 */

/** The methods (function objects, not names) whose answers are validated where they are made. */
const validatingMethods = new WeakSet<object>();

/**
 * Marks a built-in provider's methods as returning validated data. Trust goes with the function, not the object:
 * a subclass or an instance that overrides a method, or a wrapper that passes answers on, is checked as any user code.
 */
export function markValidatedAnswers<T extends object>(prototype: T, methods: readonly (keyof T & string)[]): void {
  for (const name of methods) {
    const method = prototype[name];
    if (typeof method === 'function') validatingMethods.add(method);
  }
}

/** True when `method` is a built-in provider method whose answers need no second check. */
export function answersValidated(method: unknown): boolean {
  return typeof method === 'function' && validatingMethods.has(method);
}
