/**
 * Fixed-row-height virtualization: follows a scroll container's position and height and says which rows to render,
 * so a list of thousands keeps a few dozen row elements in the DOM. The host re-renders only when that range changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface VirtualRange {
  /** First row to render. */
  start: number;
  /** One past the last row to render. */
  end: number;
}

/** The rows that intersect a viewport, widened by `overscan` rows on each side and clamped to `count`. */
export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan = 6): VirtualRange {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const top = Math.max(0, scrollTop);
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight);
  const start = Math.max(0, Math.min(count - 1, first - overscan));
  const end = Math.min(count, Math.max(start + 1, last + overscan));
  return { start, end };
}

/**
 * The scrollTop that brings row `index` fully into view below a sticky header of `inset` px, moving as little as
 * possible; undefined when it is in view already.
 */
export function scrollTopFor(index: number, scrollTop: number, viewportHeight: number, rowHeight: number, inset = 0): number | undefined {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  const visibleHeight = Math.max(rowHeight, viewportHeight - inset);
  if (top < scrollTop) return top;
  if (bottom > scrollTop + visibleHeight) return Math.max(0, bottom - visibleHeight);
  return undefined;
}

export interface VirtualListOptions {
  rowHeight: number;
  /** Rows rendered beyond each edge of the viewport. */
  overscan?: number;
  /** Number of rows now; read on every host update. */
  count: () => number;
  /** The scrolling element (may appear after the first render, or change). */
  scroller: () => HTMLElement | null | undefined;
  /** Height (px) of anything sticky at the top of the scroller that covers rows (a column header). */
  inset?: number;
  /** Offset (px) of the first row from the top of the scroller's content. */
  offset?: number;
}

/** Before the scroller has been measured, assume a viewport this tall so the first render already shows rows. */
const DEFAULT_VIEWPORT = 720;

export class VirtualListController implements ReactiveController {
  private element: HTMLElement | undefined;
  private observer: ResizeObserver | undefined;
  private scrollTop = 0;
  private viewportHeight = DEFAULT_VIEWPORT;
  private current: VirtualRange = { start: 0, end: 0 };

  constructor(private readonly host: ReactiveControllerHost, private readonly options: VirtualListOptions) {
    host.addController(this);
  }

  /** The rows to render now. */
  get range(): VirtualRange {
    this.current = this.compute();
    return this.current;
  }

  /** How many rows fit in the viewport (PageUp/PageDown step). */
  get pageSize(): number {
    return Math.max(1, Math.floor((this.viewportHeight - (this.options.inset ?? 0)) / this.options.rowHeight) - 1);
  }

  /** Total height of the rows, for the spacer that gives the scroller its scroll range. */
  get totalHeight(): number {
    return this.options.count() * this.options.rowHeight;
  }

  /** Scrolls the least needed for row `index` to be fully visible (keyboard navigation). */
  scrollToIndex(index: number): void {
    const element = this.element ?? this.options.scroller() ?? undefined;
    if (!element) return;
    const offset = this.options.offset ?? 0;
    const wanted = scrollTopFor(index, element.scrollTop - offset, element.clientHeight || this.viewportHeight, this.options.rowHeight, this.options.inset ?? 0);
    if (wanted !== undefined) {
      element.scrollTop = wanted + offset;
      this.onScroll();
    }
  }

  hostConnected(): void {
    this.attach();
  }

  hostUpdated(): void {
    this.attach();
  }

  hostDisconnected(): void {
    this.detach();
  }

  private compute(): VirtualRange {
    const offset = this.options.offset ?? 0;
    return visibleRange(this.scrollTop - offset, this.viewportHeight, this.options.rowHeight, this.options.count(), this.options.overscan);
  }

  private readonly onScroll = (): void => {
    const element = this.element;
    if (!element) return;
    this.scrollTop = element.scrollTop;
    const next = this.compute();
    // Rendering within the scroll event (Lit batches to a microtask) puts the new rows on screen in the same frame.
    if (next.start !== this.current.start || next.end !== this.current.end) this.host.requestUpdate();
  };

  private attach(): void {
    const element = this.options.scroller() ?? undefined;
    if (element === this.element) return;
    this.detach();
    if (!element) return;
    this.element = element;
    element.addEventListener('scroll', this.onScroll, { passive: true });
    // Not read from the element here: this runs right after the render that made it, and reading its scrollTop or
    // height would force a layout inside that task (25 ms for a freshly drawn 1024-shard list). A new scroller is at
    // the top; the ResizeObserver reports its height once it is laid out.
    this.scrollTop = 0;
    if (typeof ResizeObserver !== 'undefined') {
      this.observer = new ResizeObserver(() => {
        const height = element.clientHeight;
        if (height > 0 && height !== this.viewportHeight) {
          this.viewportHeight = height;
          this.onScroll();
          this.host.requestUpdate();
        }
      });
      this.observer.observe(element);
    }
  }

  private detach(): void {
    this.element?.removeEventListener('scroll', this.onScroll);
    this.observer?.disconnect();
    this.observer = undefined;
    this.element = undefined;
  }
}
