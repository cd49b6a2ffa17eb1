/**
 * Benchmark of `<ps-topology>`: data-to-painted time, longest main-thread task and retained heap per diagram for the
 * production, read-only-regions and 1024-shard scenarios, beside (a) raw elkjs laying out the same graph in a worker and
 * (b) Cytoscape.js + cytoscape-elk drawing the same topology (ELK on the main thread, canvas rendering).
 */
import cytoscape from 'cytoscape';
import cytoscapeElk from 'cytoscape-elk';
import ELK from 'elkjs/lib/elk-api.js';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';
import '../src/elements/ps-topology/define.js';
import type { PsTopology } from '../src/elements/ps-topology/ps-topology.js';
import { toElkGraph } from '../src/layout/engine.js';
import { buildGraph } from '../src/layout/graph.js';
import type { TopologyGraph } from '../src/layout/scene.js';
import type { Topology } from '../src/model/types.js';
import type { DataProvider } from '../src/providers/provider.js';
import { SimulatedProvider, type SimulatedScenario } from '../src/providers/simulated/index.js';
import { heapRetainedBy, measureLongestTask, median, nextPaint, nextTask, stage } from './support.js';

cytoscape.use(cytoscapeElk);

const NOW = Date.UTC(2026, 10, 20, 12);
const CASES: { name: string; scenario: SimulatedScenario; shards?: number }[] = [
  { name: 'production', scenario: 'production' },
  { name: 'read-only regions', scenario: 'read-only-regions' },
  { name: 'sharded 1024', scenario: 'sharded', shards: 1024 },
];

function topologyOf(scenario: SimulatedScenario, shards?: number, seed = 1): Promise<Topology> {
  return new SimulatedProvider({ scenario, shards, seed, now: () => NOW })
    .getTopology({ database: 'shop', branch: 'main' }, { signal: new AbortController().signal });
}

/** A diagram on the page, waiting for data (the layout worker starts with the first layout, not before). */
function mountElement(): { element: PsTopology; box: HTMLElement } {
  const box = stage();
  const element = document.createElement('ps-topology');
  element.style.setProperty('--ps-topology-height', '800px');
  box.append(element);
  return { element, box };
}

/** A provider that answers at once with a given topology: the time measured is the element's, not a source's. */
function answering(topology: Topology): DataProvider {
  return {
    getTopology: async () => topology,
    getMetrics: () => Promise.reject(new Error('not used')),
  };
}

/**
 * Data in, diagram painted: laid out by the worker and rendered. From a provider by default (providers validate
 * what they return); as plain `.topology` data the element validates it too, on the main thread.
 */
async function drawElement(element: PsTopology, topology: Topology, via: 'provider' | 'plain data' = 'provider'): Promise<void> {
  if (via === 'plain data') {
    element.topology = topology;
  } else {
    element.database = topology.database;
    element.branch = topology.branch;
    element.provider = answering(topology);
  }
  await element.layoutComplete();
  if (!element.shadowRoot?.querySelector('.node')) throw new Error('ps-topology drew no node');
}

/** The peer: the same nodes, edges and region groups in Cytoscape, laid out by cytoscape-elk (layered, top to bottom). */
async function drawCytoscape(graph: TopologyGraph): Promise<{ cy: cytoscape.Core; box: HTMLElement }> {
  const box = stage();
  const elements: cytoscape.ElementDefinition[] = [
    ...graph.groups.map((group) => ({ data: { id: group.id, label: group.title } })),
    ...graph.nodes.map((node) => ({ data: { id: node.id, parent: node.group, label: `${node.label.title}\n${node.label.subtitle}`, w: node.width, h: node.height } })),
    ...graph.edges.map((edge) => ({ data: { id: edge.id, source: edge.from, target: edge.to } })),
  ];
  const cy = cytoscape({
    container: box,
    elements,
    style: [
      { selector: 'node[w]', style: { width: 'data(w)', height: 'data(h)' } },
      { selector: 'node', style: { shape: 'round-rectangle', label: 'data(label)', 'text-wrap': 'wrap', 'text-valign': 'center', 'font-size': 12, 'background-color': '#fff', 'border-width': 1, 'border-color': '#c9ced6' } },
      { selector: ':parent', style: { 'background-color': '#f7f8fa', 'text-valign': 'top' } },
      { selector: 'edge', style: { width: 1.25, 'line-color': '#aab1bd', 'curve-style': 'taxi' } },
    ],
  });
  await new Promise<void>((resolve) => {
    const layout = cy.layout({ name: 'elk', elk: { algorithm: 'layered', 'elk.direction': 'DOWN' }, fit: true } as cytoscape.LayoutOptions);
    layout.one('layoutstop', () => resolve());
    layout.run();
  });
  return { cy, box };
}

async function timeRawElk(elk: InstanceType<typeof ELK>, graph: TopologyGraph, runs = 5): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await elk.layout(toElkGraph(graph));
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** The first `shards` shards drawn one node each, as a diagram without a stack would: why the diagram draws one stack. */
function nodePerShardGraph(topology: Topology, shards: number): TopologyGraph {
  const graph: TopologyGraph = { nodes: [{ ...buildGraph(topology).nodes[0] }], edges: [], groups: [] };
  for (const shard of topology.shards.slice(0, shards)) {
    const id = `shard:${shard.name}`;
    graph.nodes.push({ id, kind: 'tablet', width: 232, height: 64, label: { title: shard.name, subtitle: '', name: id } });
    graph.edges.push({ id: `vtgates->${id}`, from: 'vtgates', to: id, replication: false });
  }
  return graph;
}

export const baselines: Record<string, string> = Object.fromEntries(CASES.flatMap(({ name }) => [
  [`${name}: ps-topology data → painted ms`, `${name}: cytoscape-elk data → painted ms`],
  [`${name}: ps-topology longest task ms`, `${name}: cytoscape-elk longest task ms`],
  [`${name}: ps-topology heap KB per diagram`, `${name}: cytoscape-elk heap KB per diagram`],
  [`${name}: ps-topology DOM heap KB per diagram`, `${name}: cytoscape-elk DOM heap KB per diagram`],
]));

/**
 * Diagrams measured together for heap, then divided: one diagram keeps tens of KB, the size of the noise in one reading
 * (garbage of the step before that a full GC cannot yet free, such as what a pending frame or timer still holds), so a
 * single diagram read 0.01 MB and its DOM −0.01 MB. Ten of them, each with its own data, are well above that.
 */
const HEAP_DIAGRAMS = 10;

/** Heap (KB) that each of `HEAP_DIAGRAMS` diagrams made by `make` keeps, its data included; `remove` takes one away. */
async function heapPerDiagram<T>(make: () => Promise<T>, remove: (made: T) => void): Promise<{ js: number; dom: number }> {
  const { js, dom, made } = await heapRetainedBy(async () => {
    const all: T[] = [];
    for (let i = 0; i < HEAP_DIAGRAMS; i++) all.push(await make());
    return all;
  });
  made.forEach(remove);
  await nextPaint();
  return { js: (js * 1024) / HEAP_DIAGRAMS, dom: (dom * 1024) / HEAP_DIAGRAMS };
}

export async function run(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const topologies = await Promise.all(CASES.map((c) => topologyOf(c.scenario, c.shards)));

  // Cold start: the first diagram on a page also pays for starting the worker and compiling ELK in it.
  // It stays connected, as a page's diagram would, so the worker stays up for the cases below.
  const first = mountElement();
  const development = await topologyOf('development');
  // The trace's phase starts where the measurement does: in a task of its own (see measureLongestTask).
  await nextTask();
  performance.mark('cold start start');
  const cold = await measureLongestTask(() => drawElement(first.element, development));
  performance.mark('cold start end');
  figures['cold start (worker + ELK boot) data → painted ms'] = cold.wallMs;
  figures['cold start longest task ms'] = cold.longestTaskMs;
  // The peer's first run compiles its ELK on the main thread; warm it the same way so both are compared warm.
  (await drawCytoscape(buildGraph(development))).box.remove();

  for (const [i, { name }] of CASES.entries()) {
    const topology = topologies[i];
    const { element, box } = mountElement();
    // The diagram already shows something (the cached development layout); then the case's data arrives and the
    // worker lays out a shape it has not seen.
    await drawElement(element, development);
    const drawn = await measureLongestTask(() => drawElement(element, topology));
    figures[`${name}: ps-topology data → painted ms`] = drawn.wallMs;
    figures[`${name}: ps-topology longest task ms`] = drawn.longestTaskMs;
    box.remove();
    await nextPaint();

    let peer: { cy: cytoscape.Core; box: HTMLElement } | undefined;
    const cy = await measureLongestTask(async () => {
      peer = await drawCytoscape(buildGraph(topology));
    });
    figures[`${name}: cytoscape-elk data → painted ms`] = cy.wallMs;
    figures[`${name}: cytoscape-elk longest task ms`] = cy.longestTaskMs;
    peer!.cy.destroy();
    peer!.box.remove();
    await nextPaint();

    // Retained heap after a full GC, per diagram (see HEAP_DIAGRAMS), each with its own copy of the data made inside
    // the measurement. Every ps-topology here lays out the same shape: the first asks the worker, the others find the
    // scene in the layout cache, as diagrams of one cluster on a page do.
    const ours = await heapPerDiagram(async () => {
      const mounted = mountElement();
      await drawElement(mounted.element, structuredClone(topology));
      return mounted.box;
    }, (box) => box.remove());
    figures[`${name}: ps-topology heap KB per diagram`] = ours.js;
    figures[`${name}: ps-topology DOM heap KB per diagram`] = ours.dom;
    const theirs = await heapPerDiagram(() => drawCytoscape(buildGraph(structuredClone(topology))), (made) => {
      made.cy.destroy();
      made.box.remove();
    });
    figures[`${name}: cytoscape-elk heap KB per diagram`] = theirs.js;
    figures[`${name}: cytoscape-elk DOM heap KB per diagram`] = theirs.dom;
  }

  // The same 1024 shards handed over as plain data: the element validates 3 072 tablets before drawing.
  {
    const { element, box } = mountElement();
    await drawElement(element, development, 'plain data');
    const plain = await measureLongestTask(() => drawElement(element, JSON.parse(JSON.stringify(topologies[2])) as Topology, 'plain data'));
    figures['sharded 1024 as plain .topology (validated on the main thread): data → painted ms'] = plain.wallMs;
    figures['sharded 1024 as plain .topology: longest task ms'] = plain.longestTaskMs;
    box.remove();
  }

  const elk = new ELK({ workerUrl: elkWorkerUrl });
  try {
    await elk.layout(toElkGraph(buildGraph(development)));
    for (const [i, { name }] of CASES.entries()) figures[`${name}: raw elkjs layout in a worker ms`] = await timeRawElk(elk, buildGraph(topologies[i]));
    // Even 64 of 1024 shards drawn one node each cost ELK far more than the whole stacked diagram.
    figures['64 shards, a node per shard: raw elkjs layout ms'] = await timeRawElk(elk, nodePerShardGraph(topologies[2], 64), 3);
  } finally {
    elk.terminateWorker();
    first.box.remove();
  }
  return figures;
}
