/** Calls back every `interval()` ms while the host is connected and the page visible: polling and live refresh. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class IntervalController implements ReactiveController {
  private timer: ReturnType<typeof setInterval> | undefined;
  private activeInterval = 0;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Milliseconds between ticks; 0 turns polling off. Read after each host update. */
    private readonly interval: () => number,
    private readonly tick: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  hostUpdated(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.sync();
  }

  /** Number of live timers this controller holds (0 or 1): leak tests assert it drops to 0. */
  get activeTimers(): number {
    return this.timer === undefined ? 0 : 1;
  }

  private sync(): void {
    const wanted = this.connected ? Math.max(0, this.interval()) : 0;
    if (wanted === this.activeInterval) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.activeInterval = wanted;
    if (wanted > 0) {
      this.timer = setInterval(() => {
        // A hidden tab needs no fresh data; the next visible tick catches up.
        if (typeof document === 'undefined' || !document.hidden) this.tick();
      }, wanted);
    }
  }
}
