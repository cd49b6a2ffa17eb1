/** ColorSchemeController in Chromium: the system's light/dark preference, emulated, reaches a connected host only. */
import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { LitElement } from 'lit';
import { ColorSchemeController } from '../src/controllers/color-scheme-controller.js';

class SchemeHost extends LitElement {
  changes = 0;
  readonly scheme = new ColorSchemeController(this, () => this.changes++);
}
customElements.define('scheme-host', SchemeHost);

/** Lets the media query's change event arrive. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('ColorSchemeController', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('calls back on each change of the preference while connected, and says which one is current', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const host = document.createElement('scheme-host') as SchemeHost;
    expect(host.scheme.dark).to.equal(false); // not connected yet
    document.body.append(host);
    await emulateMedia({ colorScheme: 'dark' });
    await settle();
    expect(host.changes).to.equal(1);
    expect(host.scheme.dark).to.equal(true);
    await emulateMedia({ colorScheme: 'light' });
    await settle();
    expect(host.changes).to.equal(2);
    expect(host.scheme.dark).to.equal(false);
    host.remove();
  });

  it('stops listening when the host leaves the page, and listens again when it comes back', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const host = document.createElement('scheme-host') as SchemeHost;
    document.body.append(host);
    host.remove();
    await emulateMedia({ colorScheme: 'dark' });
    await settle();
    expect(host.changes).to.equal(0);
    document.body.append(host);
    expect(host.scheme.dark).to.equal(true);
    await emulateMedia({ colorScheme: 'light' });
    await settle();
    expect(host.changes).to.equal(1);
    host.remove();
  });
});
