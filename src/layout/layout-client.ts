/**
 * The main thread's handle on the layout worker: creates it lazily, caches scenes by graph signature, and terminates
 * it when the last diagram lets go, so a page without diagrams holds no worker and no ELK.
 */
import { DataError } from '../model/errors.js';
import { graphSignature } from './graph.js';
import type { Scene, TopologyGraph } from './scene.js';
import { createLayoutWorker } from './worker-loader.js';

export interface LayoutRequest {
  id: number;
  graph: TopologyGraph;
}

export type LayoutResponse = { id: number; scene: Scene } | { id: number; error: string };

/** What the client needs of a Worker; tests hand in an in-process one. */
export interface LayoutWorker {
  postMessage(message: LayoutRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<LayoutResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** Scenes kept for reuse: going back to an earlier shape (a failover and back, a keyspace switch) costs nothing. */
const CACHE_SIZE = 32;

export class LayoutClient {
  /** Layouts actually computed by a worker (cache misses), for tests and benchmarks. */
  runs = 0;
  private worker: LayoutWorker | undefined;
  private users = 0;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (scene: Scene) => void; reject: (error: DataError) => void }>();
  private readonly cache = new Map<string, Promise<Scene>>();

  constructor(private readonly createWorker: () => LayoutWorker = createLayoutWorker) {}

  /** True while a worker exists. */
  get active(): boolean {
    return this.worker !== undefined;
  }

  /** A diagram connected: the worker may be kept alive. */
  acquire(): void {
    this.users++;
  }

  /** A diagram disconnected: the last one out terminates the worker (cached scenes stay). */
  release(): void {
    this.users = Math.max(0, this.users - 1);
    if (this.users === 0) this.stop(DataError.aborted());
  }

  /** The scene of a graph: from the cache, or laid out by the worker. */
  layout(graph: TopologyGraph): Promise<Scene> {
    const signature = graphSignature(graph);
    const cached = this.cache.get(signature);
    if (cached) {
      this.cache.delete(signature);
      this.cache.set(signature, cached);
      return cached;
    }
    const scene = this.run(graph);
    this.cache.set(signature, scene);
    scene.catch(() => this.cache.delete(signature));
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return scene;
  }

  private run(graph: TopologyGraph): Promise<Scene> {
    let worker: LayoutWorker;
    try {
      worker = this.worker ??= this.start();
    } catch (error) {
      // A page policy (CSP `worker-src`, Trusted Types) can refuse the worker: an error to show, not an exception.
      return Promise.reject(new DataError('network', `The layout worker could not be started: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
    }
    const id = this.nextId++;
    this.runs++;
    return new Promise<Scene>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, graph });
    });
  }

  private start(): LayoutWorker {
    const worker = this.createWorker();
    worker.onmessage = (event) => {
      const answer = event.data;
      const waiting = this.pending.get(answer.id);
      if (!waiting) return;
      this.pending.delete(answer.id);
      if ('scene' in answer) waiting.resolve(answer.scene);
      else waiting.reject(new DataError('invalid-data', `The diagram could not be laid out: ${answer.error}`));
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      // A worker that failed to load or crashed is replaced on the next request.
      this.stop(new DataError('network', `The layout worker failed: ${event.message || 'it could not be loaded'}`));
    };
    return worker;
  }

  private stop(reason: DataError): void {
    this.worker?.terminate();
    this.worker = undefined;
    for (const waiting of this.pending.values()) waiting.reject(reason);
    this.pending.clear();
  }
}

let shared: LayoutClient | undefined;

/** The one client every diagram on the page shares (one worker, one cache). */
export function getLayoutClient(): LayoutClient {
  return (shared ??= new LayoutClient());
}
