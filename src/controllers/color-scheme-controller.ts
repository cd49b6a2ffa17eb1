/**
 * Calls back when the system's light/dark preference changes while the host is connected: with `theme="auto"`, what
 * an element drew on a canvas or read from computed styles must follow it, though no property changed.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class ColorSchemeController implements ReactiveController {
  private query?: MediaQueryList;

  constructor(host: ReactiveControllerHost, private readonly changed: () => void) {
    host.addController(this);
  }

  /** Whether the system prefers dark now (false while the host is not connected). */
  get dark(): boolean {
    return this.query?.matches ?? false;
  }

  hostConnected(): void {
    this.query = matchMedia('(prefers-color-scheme: dark)');
    this.query.addEventListener('change', this.changed);
  }

  hostDisconnected(): void {
    this.query?.removeEventListener('change', this.changed);
  }
}
