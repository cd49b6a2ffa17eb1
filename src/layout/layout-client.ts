/**
 * The main thread's handle on the layout worker: starts it when a diagram connects (at the next idle moment, so ELK
 * boots while the topology is fetched), keeps scenes by graph signature (`SceneCache`: memory, and sessionStorage
 * across reloads), and terminates the worker when the last diagram lets go, so a page without diagrams holds no ELK.
 */
import { DataError } from '../model/errors.js';
import { graphSignature } from './graph.js';
import { SceneCache } from './layout-cache.js';
import { WARM_UP_GRAPH, WARM_UP_ROUNDS, whenIdle } from './prewarm.js';
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

export class LayoutClient {
  /** Layouts actually computed by a worker (cache misses), for tests and benchmarks. */
  runs = 0;
  private worker: LayoutWorker | undefined;
  private users = 0;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (scene: Scene) => void; reject: (error: DataError) => void }>();
  /** Layouts asked of the worker and not answered yet: a second diagram of the same shape waits for the same one. */
  private readonly running = new Map<string, Promise<Scene>>();
  /** Scenes laid out before, by signature. */
  readonly scenes = new SceneCache();
  private warming?: Promise<boolean>;

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

  /** The scene of a graph: laid out before (this page, or this tab before a reload), or laid out by the worker. */
  layout(graph: TopologyGraph): Promise<Scene> {
    const signature = graphSignature(graph);
    const known = this.scenes.get(graph, signature);
    if (known) return Promise.resolve(known);
    let scene = this.running.get(signature);
    if (!scene) {
      scene = this.run(graph).then((laid) => {
        this.scenes.set(laid);
        return laid;
      });
      this.running.set(signature, scene);
      const done = () => this.running.delete(signature);
      scene.then(done, done);
    }
    return scene;
  }

  /**
   * Starts the worker at the next idle moment, while a diagram is connected, and has it lay out a small graph so ELK
   * is loaded, compiled and warm when the first real layout comes. Resolves true once the worker answered that (or
   * at once when a layout already started it); false when none started (no diagram left, or the page refused it:
   * the first real layout reports why).
   */
  prewarm(): Promise<boolean> {
    if (this.worker) return this.warming ?? Promise.resolve(true);
    return (this.warming ??= new Promise<boolean>((resolve) => whenIdle(() => {
      if (this.worker || this.users === 0) {
        this.warming = undefined;
        resolve(this.worker !== undefined);
        return;
      }
      let worker: LayoutWorker;
      try {
        worker = this.worker = this.start();
      } catch {
        this.warming = undefined;
        resolve(false);
        return;
      }
      // A few rounds, one after another (one round compiles ELK; the next ones let the JIT optimise it, so the first
      // real layout takes ≈15 ms rather than ≈35), and none while a real layout waits.
      const round = (left: number) => {
        const id = this.nextId++;
        this.pending.set(id, {
          resolve: () => {
            if (left > 1 && this.pending.size === 0 && this.worker === worker) round(left - 1);
            else resolve(true);
          },
          reject: () => {
            this.warming = undefined;
            resolve(false);
          },
        });
        worker.postMessage({ id, graph: WARM_UP_GRAPH });
      };
      round(WARM_UP_ROUNDS);
    })));
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
