/** The layout worker: runs ELK off the main thread and answers each request with a Scene. */
import ELK from 'elkjs/lib/elk.bundled.js';
import { layoutGraph } from './engine.js';
import type { LayoutRequest, LayoutResponse } from './layout-client.js';

const elk = new ELK();
const scope = globalThis as unknown as { postMessage(message: LayoutResponse): void; addEventListener(type: 'message', listener: (event: MessageEvent<LayoutRequest>) => void): void };

scope.addEventListener('message', async (event) => {
  const { id, graph } = event.data;
  try {
    scope.postMessage({ id, scene: await layoutGraph(elk, graph) });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
