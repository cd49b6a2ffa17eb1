/** The layout worker from wherever the page says (setLayoutWorker: a URL or a factory), and a clear error when it can't start. */
import { expect } from '@open-wc/testing';
import { buildGraph } from '../src/layout/graph.js';
import { STORAGE_KEY } from '../src/layout/layout-cache.js';
import { LayoutClient } from '../src/layout/layout-client.js';
import { createLayoutWorker, setLayoutWorker } from '../src/layout/worker-loader.js';
import { scenarioTopology } from './layout/support.js';

/** The worker's script as Vite's dev server serves it to these tests (what `ps-widgets/layout.worker.js` is in a build). */
const WORKER_SCRIPT = '/src/layout/layout.worker.ts?worker_file&type=module';

/** Lays out a graph with a fresh client, whose worker the current `setLayoutWorker` choice makes. */
async function layOut(client: LayoutClient) {
  // Not from the layouts kept across reloads: this must reach a worker.
  sessionStorage.removeItem(STORAGE_KEY);
  client.acquire();
  try {
    return await client.layout(buildGraph(await scenarioTopology('read-only-regions')));
  } finally {
    client.release();
  }
}

describe('setLayoutWorker', function () {
  // The first worker request makes the dev server compile elkjs's bundle.
  this.timeout(60_000);
  afterEach(() => setLayoutWorker(undefined));

  it('lays out with the default worker, next to the module', async () => {
    const scene = await layOut(new LayoutClient());
    expect(scene.nodes.length).to.be.greaterThan(4);
  });

  it('takes the worker script\'s URL, relative to the page or absolute', async () => {
    setLayoutWorker(WORKER_SCRIPT);
    expect((await layOut(new LayoutClient())).nodes.length).to.be.greaterThan(4);
    setLayoutWorker(new URL(WORKER_SCRIPT, location.href));
    expect((await layOut(new LayoutClient())).nodes.length).to.be.greaterThan(4);
  });

  it('takes a factory, and calls it once per worker started', async () => {
    let made = 0;
    setLayoutWorker(() => {
      made++;
      return new Worker(WORKER_SCRIPT, { type: 'module' });
    });
    const client = new LayoutClient();
    expect((await layOut(client)).nodes.length).to.be.greaterThan(4);
    expect(made).to.equal(1);
  });

  it('applies to workers started after it, and undefined restores the default', async () => {
    setLayoutWorker(() => {
      throw new Error('not this one');
    });
    setLayoutWorker(undefined);
    const worker = createLayoutWorker();
    worker.terminate();
    expect(worker).to.be.instanceOf(Worker);
  });

  it('a worker URL that does not load is a clear error, not a hang', async () => {
    setLayoutWorker('/no-such-dir/layout.worker.js');
    let error: unknown;
    try {
      await layOut(new LayoutClient());
    } catch (caught) {
      error = caught;
    }
    expect(String((error as Error)?.message)).to.match(/layout worker/i);
  });

  it('a factory that throws is a clear error too', async () => {
    setLayoutWorker(() => {
      throw new Error('no workers here');
    });
    let error: unknown;
    try {
      await layOut(new LayoutClient());
    } catch (caught) {
      error = caught;
    }
    expect(String((error as Error)?.message)).to.equal('The layout worker could not be started: no workers here');
  });
});
