import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import 'ps-widgets/elements/ps-infrastructure';
import type { PsEvent } from 'ps-widgets/elements/ps-infrastructure';
import { SimulatedProvider } from 'ps-widgets/providers/simulated';

@Component({
  selector: 'app-root',
  // <ps-…> tags are custom elements, not Angular components.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <ps-infrastructure [provider]="provider" database="shop" branch="main" (ps-select)="onSelect($event)"></ps-infrastructure>
    <p>Selected: {{ selected() || 'nothing' }}</p>
  `,
})
export class App {
  readonly provider = new SimulatedProvider({ scenario: 'production' });
  readonly selected = signal('');

  onSelect(e: PsEvent<'ps-select'>) {
    this.selected.set(e.detail.node?.id ?? '');
  }
}
