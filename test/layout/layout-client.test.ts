import ELK from 'elkjs/lib/elk.bundled.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildGraph } from '../../src/layout/graph.js';
import { layoutGraph } from '../../src/layout/engine.js';
import { LayoutClient, type LayoutRequest, type LayoutResponse, type LayoutWorker } from '../../src/layout/layout-client.js';
import { STORAGE_KEY } from '../../src/layout/layout-cache.js';
import { WARM_UP_GRAPH, WARM_UP_ROUNDS } from '../../src/layout/prewarm.js';
import { DataError } from '../../src/model/errors.js';
import { scenarioTopology, withOtherLiveValues } from './support.js';

/** The worker's protocol, run in-process with elkjs's bundled build. */
class InProcessWorker implements LayoutWorker {
  onmessage: ((event: MessageEvent<LayoutResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  received: LayoutRequest[] = [];
  private readonly elk = new ELK();
  constructor(private readonly fail = false) {}
  postMessage(message: LayoutRequest): void {
    this.received.push(message);
    void (this.fail ? Promise.reject(new Error('boom')) : layoutGraph(this.elk, message.graph)).then(
      (scene) => !this.terminated && this.onmessage?.({ data: { id: message.id, scene } } as MessageEvent<LayoutResponse>),
      (error: Error) => !this.terminated && this.onmessage?.({ data: { id: message.id, error: error.message } } as MessageEvent<LayoutResponse>),
    );
  }
  terminate(): void {
    this.terminated = true;
  }
}

describe('LayoutClient', () => {
  it('creates the worker only when a layout is needed, and reuses scenes of the same graph shape', async () => {
    const workers: InProcessWorker[] = [];
    const client = new LayoutClient(() => (workers.push(new InProcessWorker()), workers.at(-1)!));
    client.acquire();
    expect(client.active).toBe(false);
    const topology = await scenarioTopology('production');
    const first = await client.layout(buildGraph(topology));
    expect(client.active).toBe(true);
    expect(first.nodes).toHaveLength(4);
    // A lag-only change is the same graph: the cached scene, no worker round trip.
    const again = await client.layout(buildGraph(withOtherLiveValues(topology)));
    expect(again).toBe(first);
    expect(client.runs).toBe(1);
    expect(workers[0].received).toHaveLength(1);
    await client.layout(buildGraph(await scenarioTopology('read-only-regions')));
    expect(client.runs).toBe(2);
  });

  it('terminates the worker when the last user releases it, rejecting what was pending', async () => {
    const workers: InProcessWorker[] = [];
    const client = new LayoutClient(() => (workers.push(new InProcessWorker()), workers.at(-1)!));
    client.acquire();
    client.acquire();
    const pending = client.layout(buildGraph(await scenarioTopology('development')));
    client.release();
    expect(workers[0].terminated).toBe(false);
    client.release();
    expect(workers[0].terminated).toBe(true);
    expect(client.active).toBe(false);
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
    // The failed request is not cached: the next diagram gets a fresh worker and a real layout.
    client.acquire();
    const scene = await client.layout(buildGraph(await scenarioTopology('development')));
    expect(scene.nodes).toHaveLength(2);
    expect(workers).toHaveLength(2);
  });

  it('turns a layout failure and a crashed worker into DataErrors, and recovers', async () => {
    let fail = true;
    const workers: InProcessWorker[] = [];
    const client = new LayoutClient(() => (workers.push(new InProcessWorker(fail)), workers.at(-1)!));
    client.acquire();
    const graph = buildGraph(await scenarioTopology('production'));
    const failed = client.layout(graph);
    await expect(failed).rejects.toBeInstanceOf(DataError);
    await expect(failed).rejects.toThrow(/could not be laid out: boom/);

    const crash = client.layout(buildGraph(await scenarioTopology('development')));
    workers[0].onerror!({ message: 'script error', preventDefault() {} } as ErrorEvent);
    await expect(crash).rejects.toMatchObject({ kind: 'network' });
    expect(workers[0].terminated).toBe(true);

    fail = false;
    await expect(client.layout(graph)).resolves.toMatchObject({ nodes: expect.any(Array) });
    expect(workers).toHaveLength(2);
  });

  it('prewarms: starts the worker at idle and warms ELK with a small graph, counted as no layout', async () => {
    const workers: InProcessWorker[] = [];
    const client = new LayoutClient(() => (workers.push(new InProcessWorker()), workers.at(-1)!));
    client.acquire();
    const warm = client.prewarm();
    expect(client.prewarm()).toBe(warm);
    expect(client.active).toBe(false); // not in the connecting task: at the next idle moment
    await expect(warm).resolves.toBe(true);
    expect(workers).toHaveLength(1);
    expect(workers[0].received.map((r) => r.graph)).toEqual(Array(WARM_UP_ROUNDS).fill(WARM_UP_GRAPH));
    expect(client.runs).toBe(0);
    // The real layout goes to the warm worker.
    const scene = await client.layout(buildGraph(await scenarioTopology('production')));
    expect(scene.nodes).toHaveLength(4);
    expect(workers).toHaveLength(1);
    expect(client.runs).toBe(1);
    await expect(client.prewarm()).resolves.toBe(true);
  });

  it('stops warming up when a real layout is asked for, so it waits for one warm-up round at most', async () => {
    // Answers only when the test says so.
    const worker = new InProcessWorker();
    const held: LayoutRequest[] = [];
    const answer = InProcessWorker.prototype.postMessage.bind(worker);
    worker.postMessage = (message) => void held.push(message);
    const client = new LayoutClient(() => worker);
    client.acquire();
    const warm = client.prewarm();
    await vi.waitUntil(() => held.length === 1);
    const graph = buildGraph(await scenarioTopology('production'));
    const scene = client.layout(graph);
    expect(held.map((r) => r.graph === WARM_UP_GRAPH)).toEqual([true, false]);
    for (const message of held.splice(0)) answer(message);
    await expect(warm).resolves.toBe(true);
    expect((await scene).nodes).toHaveLength(4);
    expect(held).toHaveLength(0); // no further warm-up rounds
  });

  it('does not prewarm for a diagram that left before the page was idle, and stops a warm-up cut short', async () => {
    const workers: InProcessWorker[] = [];
    const client = new LayoutClient(() => (workers.push(new InProcessWorker()), workers.at(-1)!));
    client.acquire();
    const gone = client.prewarm();
    client.release();
    await expect(gone).resolves.toBe(false);
    expect(workers).toHaveLength(0);

    const slow = new LayoutClient(() => {
      const worker = new InProcessWorker();
      worker.postMessage = (message) => void worker.received.push(message); // never answers
      workers.push(worker);
      return worker;
    });
    slow.acquire();
    const cut = slow.prewarm();
    await vi.waitUntil(() => slow.active);
    slow.release();
    await expect(cut).resolves.toBe(false);
    expect(workers.at(-1)!.terminated).toBe(true);
  });

  it('a refused worker is no prewarm failure: the first real layout reports it', async () => {
    const client = new LayoutClient(() => { throw new Error('worker-src refused'); });
    client.acquire();
    await expect(client.prewarm()).resolves.toBe(false);
    await expect(client.layout(buildGraph(await scenarioTopology('production')))).rejects.toThrow(/could not be started: worker-src refused/);
  });

  it('after a reload (a new client in the same tab), a stored layout is drawn without a worker', async () => {
    const items = new Map<string, string>();
    vi.stubGlobal('sessionStorage', {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
    });
    const graph = buildGraph(await scenarioTopology('read-only-regions'));
    const before = new LayoutClient(() => new InProcessWorker());
    before.acquire();
    const scene = await before.layout(graph);
    expect(items.has(STORAGE_KEY)).toBe(true);

    const after = new LayoutClient(() => { throw new Error('no worker needed'); });
    after.acquire();
    expect(await after.layout(graph)).toEqual(structuredClone(scene));
    expect(after.runs).toBe(0);
    expect(after.active).toBe(false);
  });

  it('two diagrams asking for the same new shape at once share one layout', async () => {
    const workers: InProcessWorker[] = [];
    const client = new LayoutClient(() => (workers.push(new InProcessWorker()), workers.at(-1)!));
    client.acquire();
    const graph = buildGraph(await scenarioTopology('production'));
    const [a, b] = await Promise.all([client.layout(graph), client.layout(buildGraph(await scenarioTopology('production')))]);
    expect(a).toBe(b);
    expect(client.runs).toBe(1);
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});
