// The provider boundary (issue 15, cases 1, 2, 4 and 7): whatever a provider method does, the element gets checked
// data or a DataError with words a person can read, within its timeout.
import { describe, expect, it } from 'vitest';
import { askProvider, formatWait, timeoutOr } from '../src/controllers/provider-call.js';
import { messageOf, shortenUrls } from '../src/model/error-words.js';
import { DataError } from '../src/model/errors.js';
import { parseTopology } from '../src/model/parse.js';
import type { Topology } from '../src/model/types.js';
import { combineProviders } from '../src/providers/combine.js';
import type { DataProvider } from '../src/providers/provider.js';
import { SimulatedProvider } from '../src/providers/simulated/simulated-provider.js';
import { topology as validTopology } from './model/fixtures.js';
import { FakeTimers } from './support/fake-timers.js';

const REF = { database: 'commerce', branch: 'main', keyspace: 'commerce' };

/** Asks `getTopology` of a provider whose method is `method`, as the elements do. */
function askTopology(method: (...args: unknown[]) => unknown, options: { signal?: AbortSignal; timeoutMs?: number; timers?: FakeTimers } = {}) {
  return askProvider({ getTopology: method }, 'getTopology', [REF], {
    signal: options.signal ?? new AbortController().signal,
    timeoutMs: options.timeoutMs ?? 0,
    timers: options.timers,
    what: 'the topology',
    check: parseTopology,
  });
}

async function failureOf(promise: Promise<unknown>): Promise<DataError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return error as DataError;
  }
  throw new Error('expected a failure');
}

describe('askProvider: what a provider answers', () => {
  it('takes a value, a promise, a thenable or a plain (non-promise) return alike', async () => {
    const good = validTopology(2);
    for (const method of [
      async () => good,
      () => good,
      () => ({ then: (resolve: (v: unknown) => void) => resolve(good) }),
      () => Promise.resolve({ then: (resolve: (v: unknown) => void) => setTimeout(() => resolve(good), 0) }),
    ]) {
      const topology = await askTopology(method);
      expect(topology.shards.map((s) => s.name)).toEqual(['-80', '80-']);
    }
  });

  it('turns a wrong shape, null or a string into an invalid-data DataError naming the field (case 1)', async () => {
    const good = validTopology(2);
    const shardsNull = await failureOf(askTopology(async () => ({ ...good, shards: null })));
    expect([shardsNull.kind, shardsNull.message]).toEqual(['invalid-data', 'shards: expected an array, got null']);
    expect((await failureOf(askTopology(async () => null))).message).toBe('(root): expected an object, got null');
    expect((await failureOf(askTopology(async () => 'topology'))).kind).toBe('invalid-data');
    // What `.topology` rejects, a provider's answer is rejected for, with the same words.
    const threePrimaries = { ...good, shards: [{ ...good.shards[0], tablets: good.shards[0].tablets.map((t) => ({ ...t, role: 'primary', lagSeconds: undefined, readOnlyRegion: false })) }, good.shards[1]] };
    const expected = await failureOf(Promise.resolve().then(() => parseTopology(threePrimaries)));
    expect((await failureOf(askTopology(async () => threePrimaries))).message).toBe(expected.message);
    const duplicate = { ...good, shards: [good.shards[0], { ...good.shards[1], tablets: [good.shards[0].tablets[0]] }] };
    expect((await failureOf(askTopology(async () => duplicate))).message).toMatch(/duplicate "zone1-100"/);
  });

  it('turns a synchronous throw, a missing method and a throwing getter into a rejection (case 2)', async () => {
    expect((await failureOf(askTopology(() => { throw new Error('not today'); }))).message).toBe('not today');
    expect((await failureOf(askProvider({}, 'getTopology', [REF], { signal: new AbortController().signal, timeoutMs: 0, what: 'x', check: (v) => v })))
      .message).toBe('The data source has no getTopology() method.');
    const hostile = Object.defineProperty({}, 'getTopology', { get() { throw new Error('getter says no'); } });
    expect((await failureOf(askProvider(hostile, 'getTopology', [REF], { signal: new AbortController().signal, timeoutMs: 0, what: 'x', check: (v) => v })))
      .message).toBe('getter says no');
    const thenThrows = { get then() { throw new Error('then getter'); } };
    expect((await failureOf(askTopology(() => thenThrows))).message).toBe('then getter');
  });

  it('does not follow a thenable that resolves to itself forever', async () => {
    const loop: { then: (resolve: (v: unknown) => void) => void } = { then: (resolve) => resolve(loop) };
    expect((await failureOf(askTopology(() => loop))).message).toMatch(/promise of a promise/);
  });

  it('keeps the words of rejections that are not Errors; never "undefined" or "[object Object]" (case 7)', async () => {
    const cases: [unknown, string][] = [
      ['the cluster is on fire', 'the cluster is on fire'],
      [undefined, 'The data source failed without saying why.'],
      [{ message: 'quota exceeded', code: 429 }, 'quota exceeded'],
      [{ code: 429 }, 'The data source failed without saying why.'],
      [42, 'The data source failed with the value 42.'],
      [Object.defineProperty({}, 'message', { get() { throw new Error('no'); } }), 'The data source failed without saying why.'],
    ];
    for (const [reason, message] of cases) {
      expect((await failureOf(askTopology(() => Promise.reject(reason)))).message).toBe(message);
    }
  });

  it('times out a request that never answers, cancelling it, and says so (case 4)', async () => {
    const timers = new FakeTimers();
    let signal: AbortSignal | undefined;
    const asked = askTopology((_ref, opts) => {
      signal = (opts as { signal: AbortSignal }).signal;
      return new Promise(() => {});
    }, { timeoutMs: 30_000, timers });
    timers.advance(29_999);
    expect(signal!.aborted).toBe(false);
    timers.advance(1);
    const error = await failureOf(asked);
    expect([error.kind, error.message]).toEqual(['timeout', 'No answer for the topology within 30 s.']);
    expect(signal!.aborted).toBe(true);
    expect(signal!.reason).toBe(error);
    expect(timers.pending).toBe(0);
  });

  it('an abort the element asked for is `aborted`; one it did not ask for is a failure (case 4)', async () => {
    const abort = new AbortController();
    const hanging = askTopology(() => new Promise(() => {}), { signal: abort.signal });
    abort.abort();
    expect((await failureOf(hanging)).kind).toBe('aborted');

    const unasked = await failureOf(askTopology(() => Promise.reject(new DOMException('The operation was aborted.', 'AbortError'))));
    expect([unasked.kind, unasked.message]).toEqual(['network', 'The data source cancelled the request for the topology.']);
    const unaskedData = await failureOf(askTopology(() => Promise.reject(DataError.aborted())));
    expect(unaskedData.kind).toBe('network');
  });

  it('skips the check only for a built-in provider\'s own method; overrides, wrappers and combinations with user code are checked', async () => {
    let checks = 0;
    const counting = (answer: unknown) => {
      checks++;
      return parseTopology(answer);
    };
    const ask = (provider: unknown) => askProvider(provider, 'getTopology', [REF], { signal: new AbortController().signal, timeoutMs: 0, what: 'the topology', check: counting });
    const simulated = new SimulatedProvider({ scenario: 'production' });
    await ask(simulated);
    expect(checks).toBe(0);
    await ask(combineProviders({ topology: simulated, metrics: simulated }));
    expect(checks).toBe(0);

    class Broken extends SimulatedProvider {
      override async getTopology(ref: Parameters<SimulatedProvider['getTopology']>[0], opts: Parameters<SimulatedProvider['getTopology']>[1]): Promise<Topology> {
        return { ...(await super.getTopology(ref, opts)), shards: null } as unknown as Topology;
      }
    }
    expect((await failureOf(ask(new Broken({ scenario: 'production' })))).message).toBe('shards: expected an array, got null');
    const wrapper: DataProvider = {
      getTopology: async (ref, opts) => ({ ...(await simulated.getTopology(ref, opts)), shards: null } as unknown as Topology),
      getMetrics: (query, opts) => simulated.getMetrics(query, opts),
    };
    expect((await failureOf(ask(wrapper))).kind).toBe('invalid-data');
    expect((await failureOf(ask(combineProviders({ topology: wrapper, metrics: simulated })))).kind).toBe('invalid-data');
    const patched = new SimulatedProvider({ scenario: 'production' });
    patched.getTopology = async () => null as unknown as Topology;
    expect((await failureOf(ask(patched))).kind).toBe('invalid-data');
  });
});

describe('words', () => {
  it('shortens long URLs in messages, keeping their path (case 7)', () => {
    const url = `http://prometheus.monitoring.svc:9090/api/v1/query_range?query=${encodeURIComponent('sum(rate(vttablet_query_counts{keyspace="commerce",shard="-80"}[1m]))'.repeat(2))}&start=1&end=2&step=15`;
    expect(url.length).toBeGreaterThan(200);
    expect(shortenUrls(`Could not reach Prometheus at ${url}: Failed to fetch`))
      .toBe('Could not reach Prometheus at http://prometheus.monitoring.svc:9090/api/v1/query_range?…: Failed to fetch');
    const relative = `/prometheus/api/v1/query_range?query=${'x'.repeat(100)}`;
    expect(shortenUrls(`GET ${relative} failed`)).toBe('GET /prometheus/api/v1/query_range?… failed');
    expect(shortenUrls('shards[3].tablets[0].role: expected primary|replica|rdonly')).toBe('shards[3].tablets[0].role: expected primary|replica|rdonly');
    expect(shortenUrls('see http://a.example/x?y=1')).toBe('see http://a.example/x?y=1');
  });

  it('caps a rejection that carries a whole page', () => {
    expect(messageOf('x'.repeat(5000)).length).toBe(300);
  });

  it('reads timeouts like refresh periods: default when empty or unreadable, 0 for never', () => {
    expect([timeoutOr(undefined), timeoutOr(''), timeoutOr('10s'), timeoutOr('2m'), timeoutOr('0'), timeoutOr('off'), timeoutOr('soon')])
      .toEqual([30_000, 30_000, 10_000, 120_000, 0, 0, 30_000]);
    expect([formatWait(30_000), formatWait(90_000), formatWait(120_000), formatWait(200)]).toEqual(['30 s', '90 s', '2 min', '1 s']);
  });
});
