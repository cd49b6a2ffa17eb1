import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/model/errors.js';
import { keyRangeCoverage } from '../../src/model/key-range.js';
import { checkMetricFrame, parseMetricFrame, parseTopology } from '../../src/model/parse.js';
import { arbTopology, metricFrame, topology } from './fixtures.js';

type Key = string | number;
type Payload = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every path to a value inside a plain payload (objects, arrays, typed arrays' items). */
function pathsOf(value: unknown, prefix: Key[] = []): Key[][] {
  const paths: Key[][] = [prefix];
  if (Array.isArray(value) || value instanceof Float64Array) {
    for (let i = 0; i < value.length; i++) paths.push(...pathsOf(value[i], [...prefix, i]));
  } else if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) paths.push(...pathsOf((value as Payload)[key], [...prefix, key]));
  }
  return paths;
}

const throwing = () => {
  throw new Error('hostile');
};
/** Values fast-check must not hold (it inspects what it generates), built only when a mutation applies them. */
const HOSTILE: Record<string, () => unknown> = {
  proxy: () => new Proxy({}, { get: throwing, has: throwing, ownKeys: throwing, getOwnPropertyDescriptor: throwing, getPrototypeOf: throwing }),
  revoked: () => {
    const { proxy, revoke } = Proxy.revocable([], {});
    revoke();
    return proxy;
  },
  hugeArray: () => new Array(2 ** 32 - 1),
  symbol: () => Symbol('s'),
  func: () => () => 1,
  nullPrototype: () => Object.create(null),
  inherited: () => Object.create({ role: 'primary', id: 'x', name: '-80' }),
};

const replacement = fc.oneof(
  fc.constantFrom<unknown>(
    undefined, null, '', 'PRIMARYY', '-80', 'zone1-100', NaN, Infinity, -Infinity, -1, 0, 0.5, 1e308, -0, true, false,
    {}, [], 10n, 'x'.repeat(200_000), new Float64Array([1, NaN]),
  ),
  fc.string(),
  fc.double(),
  fc.integer(),
);

type Mutation =
  | { kind: 'delete' }
  | { kind: 'replace'; value: unknown }
  | { kind: 'hostile'; which: string }
  | { kind: 'duplicate' }
  | { kind: 'proto' }
  | { kind: 'getter' }
  | { kind: 'cycle' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant<Mutation>({ kind: 'delete' }),
  replacement.map((value): Mutation => ({ kind: 'replace', value })),
  fc.constantFrom(...Object.keys(HOSTILE)).map((which): Mutation => ({ kind: 'hostile', which })),
  fc.constant<Mutation>({ kind: 'duplicate' }),
  fc.constant<Mutation>({ kind: 'proto' }),
  fc.constant<Mutation>({ kind: 'getter' }),
  fc.constant<Mutation>({ kind: 'cycle' }),
);

/** Sets a field even where an earlier mutation left a getter. */
function put(parent: Payload, key: Key, value: unknown): void {
  Object.defineProperty(parent, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Applies `m` at `path` inside `root` (mutating it); an empty path mutates or replaces the root. */
function mutate(root: Payload, path: Key[], mutation: Mutation): Payload {
  const m: Mutation = mutation.kind === 'hostile' ? { kind: 'replace', value: HOSTILE[mutation.which]() } : mutation;
  if (path.length === 0) {
    if (m.kind === 'replace') return m.value;
    if (m.kind === 'proto') return JSON.parse(`{"__proto__":${JSON.stringify({ database: 'x' })}}`);
    return m.kind === 'delete' ? undefined : root;
  }
  const parent = path.slice(0, -1).reduce((node: Payload, key) => node[key], root);
  const key = path[path.length - 1];
  // Read without running a getter an earlier mutation may have installed.
  const target = ArrayBuffer.isView(parent) ? undefined : Object.getOwnPropertyDescriptor(parent, key)?.value;
  switch (m.kind) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else if (!(parent instanceof Float64Array)) delete parent[key];
      break;
    case 'replace':
      if (parent instanceof Float64Array) parent[key as number] = typeof m.value === 'number' ? m.value : NaN;
      else put(parent, key, m.value);
      break;
    case 'duplicate':
      // By reference: the value may be hostile and uncloneable; a parse must not care.
      if (Array.isArray(target) && target.length > 0) target.push(Object.getOwnPropertyDescriptor(target, 0)?.value);
      else if (Array.isArray(parent)) parent.push(target);
      break;
    case 'proto':
      if (typeof target === 'object' && target !== null && !ArrayBuffer.isView(target)) {
        Object.defineProperty(target, '__proto__', { value: { role: 'primary', id: 'x' }, enumerable: true, configurable: true, writable: true });
      }
      break;
    case 'getter':
      if (!(parent instanceof Float64Array)) Object.defineProperty(parent, key, { get: throwing, enumerable: true, configurable: true });
      break;
    case 'cycle':
      if (!(parent instanceof Float64Array)) put(parent, key, root);
      break;
  }
  return root;
}

/** The contract: a parse either yields a model that re-parses to itself, or throws an invalid-data DataError with a path. */
function expectParsesOrFailsWell<T>(parse: (input: unknown) => T, input: unknown): void {
  let model: T;
  try {
    model = parse(input);
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).kind).toBe('invalid-data');
    expect((error as DataError).path).toBeTruthy();
    expect((error as DataError).message.startsWith(`${(error as DataError).path}: `)).toBe(true);
    return;
  }
  expect(parse(model)).toEqual(model);
}

function mutationProperty<T>(valid: fc.Arbitrary<Payload>, parse: (input: unknown) => T) {
  return fc.property(
    valid.chain((payload) => fc.tuple(fc.constant(payload), fc.constantFrom(...pathsOf(payload)), fc.array(mutation, { minLength: 1, maxLength: 3 }))),
    ([payload, path, mutations]) => {
      let input = structuredClone(payload);
      try {
        for (const m of mutations) input = mutate(input, path, m);
      } catch {
        fc.pre(false); // The mutation itself tripped over an earlier hostile getter: not a case to judge.
      }
      expectParsesOrFailsWell(parse, input);
    },
  );
}

describe('parsers under mutation', () => {
  it('valid generated topologies (0…64 shards) parse, sorted by key range, and re-parse to themselves', () => {
    fc.assert(
      fc.property(arbTopology, (input) => {
        const model = parseTopology(input);
        expect(model.shards).toHaveLength(input.shards.length);
        if (model.shards.length > 0) expect(keyRangeCoverage(model.shards)).toEqual([]);
        expect(parseTopology(model)).toEqual(model);
      }),
      { numRuns: 150 },
    );
  });

  it('a mutated topology parses to a valid model or fails with a DataError and a path', () => {
    fc.assert(mutationProperty(fc.constantFrom(topology(2), topology(4)), parseTopology), { numRuns: 1500 });
  });

  it('a mutated generated topology parses to a valid model or fails with a DataError and a path', () => {
    fc.assert(mutationProperty(arbTopology, parseTopology), { numRuns: 200 });
  });

  it('a mutated metric frame parses to a valid frame or fails with a DataError and a path', () => {
    fc.assert(mutationProperty(fc.constant(metricFrame()), parseMetricFrame), { numRuns: 1000 });
  });

  it('a mutated metric frame checked as a card keeps it parses to a valid frame or fails with a DataError and a path', () => {
    fc.assert(mutationProperty(fc.constant(metricFrame()), checkMetricFrame), { numRuns: 1000 });
  });
});
