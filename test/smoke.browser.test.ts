import { expect } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';

@customElement('x-smoke')
class XSmoke extends LitElement {
  @property() name = 'a';
  override render() { return html`<p>${this.name}</p>`; }
}

it('renders a decorated Lit element', async () => {
  const el = document.createElement('x-smoke') as XSmoke;
  el.name = 'b';
  document.body.append(el);
  await el.updateComplete;
  expect(el.shadowRoot!.querySelector('p')!.textContent).to.equal('b');
});
