/** Measuring helpers shared by the benchmark modules (they run in headless Chromium). */

/** Median of a non-empty list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Resolves after the next frame has been painted (two rAFs: the first runs before paint). */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

/** Resolves in a task of its own: whatever the current task still has to do is done by then. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Runs `work` and reports its wall time and the longest main-thread task seen meanwhile.
 * Long tasks (> 50 ms) come from the browser's PerformanceObserver; shorter ones are measured by a frame probe,
 * so a result under 50 ms is still a real figure rather than zero. `work` starts in a task of its own: the observer
 * reports a long task whole, so the caller's task (making test data, mounting) would otherwise count as the work's —
 * the topology cold start read 75 ms that way, a task that began 87 ms before the measurement (trace).
 */
export async function measureLongestTask(work: () => Promise<void> | void): Promise<{ wallMs: number; longestTaskMs: number }> {
  await nextTask();
  let longest = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  let probing = true;
  let last = performance.now();
  const probe = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last - 1000 / 60);
    last = now;
    if (probing) requestAnimationFrame(probe);
  };
  requestAnimationFrame(probe);
  const start = performance.now();
  await work();
  await nextPaint();
  const wallMs = performance.now() - start;
  probing = false;
  await nextPaint();
  observer.disconnect();
  return { wallMs, longestTaskMs: Math.max(0, longest) };
}

/** Used JS heap in MB after a forced GC (Chromium started with --js-flags=--expose-gc --enable-precise-memory-info). */
export async function heapMB(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 0));
  gc?.();
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  return memory ? memory.usedJSHeapSize / 2 ** 20 : Number.NaN;
}

declare global {
  interface Window {
    /** Set by bench/run.mjs: a full GC, then the heap through the DevTools protocol (bytes). */
    __benchHeap?: () => Promise<{ js: number; dom: number }>;
    /** Set by bench/run.mjs: with `--snapshots=dir`, writes a heap snapshot labelled `label` there; else does nothing. */
    __benchHeapSnapshot?: (label: string) => Promise<void>;
  }
}

/**
 * The page's retained heap in MB after a full GC, read through the DevTools protocol. `js`: V8's heap plus ArrayBuffer
 * backing stores, where typed-array samples live (performance.memory leaves those out: 3 × 60 480 float64 samples held
 * by uPlot read as 0.1 MB). `dom`: Blink's own heap (DOM and SVG nodes, canvases' objects, not their pixels).
 * Outside `bench/run.mjs`, performance.memory after `gc()`, and no `dom`.
 */
export async function retainedHeapMB(): Promise<{ js: number; dom: number }> {
  // Let the frame's rendering and any pending tasks finish, so what is measured is what stays.
  await nextPaint();
  if (!window.__benchHeap) return { js: await heapMB(), dom: Number.NaN };
  const { js, dom } = await window.__benchHeap();
  return { js: js / 2 ** 20, dom: dom / 2 ** 20 };
}

/** A heap snapshot of the page now, labelled (bench/run.mjs `--snapshots=dir`; nothing otherwise). */
export async function heapSnapshot(label: string): Promise<void> {
  await nextPaint();
  await window.__benchHeapSnapshot?.(label);
}

/**
 * Heap (MB) retained by what `make` builds, its data included: `make` must create the data itself, so what the element
 * keeps is counted and what the benchmark keeps is not. Measured the same way for an element and its baseline.
 */
export async function heapRetainedBy<T>(make: () => Promise<T> | T): Promise<{ js: number; dom: number; made: T }> {
  const before = await retainedHeapMB();
  const made = await make();
  const after = await retainedHeapMB();
  return { js: after.js - before.js, dom: after.dom - before.dom, made };
}

/** A fresh, visible container of a given size for one measurement; removed by the caller. */
export function stage(width = 1200, height = 800): HTMLElement {
  const element = document.createElement('div');
  element.style.cssText = `width:${width}px;height:${height}px;position:relative;overflow:hidden`;
  document.body.append(element);
  return element;
}

/**
 * Runs `work` and reports what it cost the main thread, rendering included (NaN under `--trace`, which reports it): `busyMs` is all main-thread time that was
 * not idle (script, style, layout, paint, and the canvas rasterisation a software compositor does at commit), and
 * `longestTaskMs` the longest such stretch. A zero-delay message loop measures it: whenever one of its hops arrives
 * late, something else held the main thread for that long. (JS-only timers miss rendering; long-task and
 * long-animation-frame entries only report stretches over 50 ms.)
 */
export async function measureMainThread(work: () => Promise<void> | void): Promise<{ wallMs: number; busyMs: number; longestTaskMs: number }> {
  if (new URLSearchParams(location.search).has('trace')) {
    // Under `bench/run.mjs --trace` the trace measures the main thread; thousands of probe tasks would crowd it.
    const start = performance.now();
    await work();
    await nextPaint();
    return { wallMs: performance.now() - start, busyMs: Number.NaN, longestTaskMs: Number.NaN };
  }
  // A hop on an idle main thread takes a few µs, and performance.now() ticks in 0.1 ms steps: a later hop means other work ran.
  const HOP_MS = 0.25;
  const channel = new MessageChannel();
  let busy = 0;
  let longest = 0;
  let running = true;
  let last = performance.now();
  channel.port1.onmessage = () => {
    const now = performance.now();
    const gap = now - last;
    if (gap > HOP_MS) {
      busy += gap;
      longest = Math.max(longest, gap);
    }
    last = now;
    if (running) channel.port2.postMessage(0);
  };
  channel.port2.postMessage(0);
  const start = performance.now();
  await work();
  await nextPaint();
  const wallMs = performance.now() - start;
  running = false;
  await new Promise((resolve) => setTimeout(resolve, 0));
  channel.port1.close();
  return { wallMs, busyMs: busy, longestTaskMs: longest };
}
