/**
 * Counts what an element can leave behind — intervals, timeouts, workers, ResizeObserver targets, and listeners on
 * window, document and media queries — by wrapping the globals. Import it before anything that creates them.
 */

export interface LiveCounts {
  intervals: number;
  timeouts: number;
  workers: number;
  observedTargets: number;
  globalListeners: number;
}

const liveIntervals = new Set<number>();
/** Pending timeouts the library set (its code is on the stack), with where they were set: the test runner's own are not counted. */
const pendingTimeouts = new Map<number, string>();
const LIBRARY_CODE = /\/src\/|uplot|@lit|lit-html|lit-element/;
const liveWorkers = new Set<Worker>();
const observed = new Map<ResizeObserver, Set<Element>>();
const globalListeners = new Map<string, number>();
/** Interval callbacks that ran (proves live refresh really ticked). */
export const intervalTicks = { count: 0 };

const realSetInterval = window.setInterval.bind(window);
const realClearInterval = window.clearInterval.bind(window);
const realSetTimeout = window.setTimeout.bind(window);
const realClearTimeout = window.clearTimeout.bind(window);

window.setInterval = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
  const id = realSetInterval(() => {
    intervalTicks.count++;
    if (typeof handler === 'function') handler(...args);
  }, ms);
  liveIntervals.add(id);
  return id;
}) as typeof window.setInterval;
window.clearInterval = ((id?: number) => {
  if (id !== undefined) liveIntervals.delete(id);
  realClearInterval(id);
}) as typeof window.clearInterval;
window.setTimeout = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
  const id = realSetTimeout(() => {
    pendingTimeouts.delete(id);
    if (typeof handler === 'function') handler(...args);
  }, ms);
  const stack = new Error().stack?.split('\n').slice(2).filter((line) => LIBRARY_CODE.test(line)) ?? [];
  if (stack.length > 0) pendingTimeouts.set(id, `${ms ?? 0} ms from ${stack.slice(0, 3).map((line) => line.trim()).join(' < ')}`);
  return id;
}) as typeof window.setTimeout;
window.clearTimeout = ((id?: number) => {
  if (id !== undefined) pendingTimeouts.delete(id);
  realClearTimeout(id);
}) as typeof window.clearTimeout;

const RealWorker = window.Worker;
window.Worker = class CountedWorker extends RealWorker {
  constructor(url: string | URL, options?: WorkerOptions) {
    super(url, options);
    liveWorkers.add(this);
  }

  override terminate(): void {
    liveWorkers.delete(this);
    super.terminate();
  }
};

const RealResizeObserver = window.ResizeObserver;
window.ResizeObserver = class CountedResizeObserver extends RealResizeObserver {
  override observe(target: Element, options?: ResizeObserverOptions): void {
    if (!observed.has(this)) observed.set(this, new Set());
    observed.get(this)!.add(target);
    super.observe(target, options);
  }

  override unobserve(target: Element): void {
    observed.get(this)?.delete(target);
    super.unobserve(target);
  }

  override disconnect(): void {
    observed.delete(this);
    super.disconnect();
  }
};

/** Listeners on window, document and MediaQueryLists: the page-wide targets an element must let go of. */
function isGlobalTarget(target: EventTarget): boolean {
  return target === window || target === document || target instanceof MediaQueryList;
}
const targetIds = new WeakMap<object, number>();
const listenerIds = new WeakMap<object, number>();
let nextId = 1;
const idOf = (map: WeakMap<object, number>, value: object) => map.get(value) ?? (map.set(value, nextId++), nextId - 1);
function listenerKey(target: EventTarget, type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): string {
  const capture = typeof options === 'boolean' ? options : Boolean(options?.capture);
  return `${idOf(targetIds, target)}:${type}:${idOf(listenerIds, listener)}:${capture}`;
}
const realAdd = EventTarget.prototype.addEventListener;
const realRemove = EventTarget.prototype.removeEventListener;
EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) {
  if (listener && isGlobalTarget(this)) {
    const key = listenerKey(this, type, listener, options);
    // `once` and `signal` listeners remove themselves; count only the ones something must remove.
    if (!(typeof options === 'object' && (options.once || options.signal))) globalListeners.set(key, 1);
  }
  realAdd.call(this, type, listener, options);
};
EventTarget.prototype.removeEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) {
  if (listener && isGlobalTarget(this)) globalListeners.delete(listenerKey(this, type, listener, options));
  realRemove.call(this, type, listener, options);
};

/** Where each pending library timeout was set (for a failure message). */
export function pendingTimeoutSources(): string[] {
  return [...pendingTimeouts.values()];
}

export function liveCounts(): LiveCounts {
  let observedTargets = 0;
  for (const targets of observed.values()) observedTargets += targets.size;
  return {
    intervals: liveIntervals.size,
    timeouts: pendingTimeouts.size,
    workers: liveWorkers.size,
    observedTargets,
    globalListeners: globalListeners.size,
  };
}
