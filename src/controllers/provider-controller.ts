/** Resolves an element's data provider: its own `.provider`, else the page-wide default, and follows changes to the default. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getDefaultProvider, onDefaultProviderChange, type DataProvider } from '../providers/provider.js';

export class ProviderController implements ReactiveController {
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly own: () => DataProvider | undefined,
  ) {
    host.addController(this);
  }

  /** The provider to use now, or undefined when neither the element nor the page set one. */
  get provider(): DataProvider | undefined {
    return this.own() ?? getDefaultProvider();
  }

  hostConnected(): void {
    this.unsubscribe = onDefaultProviderChange(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
