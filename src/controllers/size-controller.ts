/** Tracks an element's content box with one ResizeObserver, batched to animation frames, released on disconnect. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface Size {
  width: number;
  height: number;
}

export class SizeController implements ReactiveController {
  size: Size = { width: 0, height: 0 };
  private observer: ResizeObserver | undefined;
  private frame = 0;

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    /** Called once per frame at most, after `size` changed. Defaults to a host update. */
    private readonly onResize: (size: Size) => void = () => host.requestUpdate(),
    /** The element to observe; defaults to the host. */
    private readonly target: () => Element | null = () => host,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (typeof ResizeObserver === 'undefined') return;
    this.observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1].contentRect;
      const next = { width: Math.round(box.width), height: Math.round(box.height) };
      if (next.width === this.size.width && next.height === this.size.height) return;
      this.size = next;
      cancelAnimationFrame(this.frame);
      this.frame = requestAnimationFrame(() => this.onResize(this.size));
    });
    // The target may live in the shadow root, which exists only after the first render.
    this.host.updateComplete.then(() => {
      const target = this.target();
      if (target && this.observer) this.observer.observe(target);
    });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    cancelAnimationFrame(this.frame);
  }
}
