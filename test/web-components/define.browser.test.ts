/** Registration: importing the classes registers nothing; define.js registers every tag once and leaves tags defined by others alone. */
import { expect, fixture, html } from '@open-wc/testing';
import * as library from '../../web-components/index.js';

const TAGS = ['integration-hub', 'integration-list', 'ih-confirm-dialog', 'ih-toast-region'];

describe('define.js', () => {
  it('importing index.js registers nothing', () => {
    expect(TAGS.filter((tag) => customElements.get(tag))).to.deep.equal([]);
    expect(library.IntegrationList).to.be.a('function');
  });

  it('registers every tag, skips one defined elsewhere (with a warning), and is safe to run twice', async () => {
    class SomeoneElsesToasts extends HTMLElement {}
    customElements.define('ih-toast-region', SomeoneElsesToasts);
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => { warnings.push(args[0]); };
    try {
      const define = await import('../../web-components/define.js');
      for (const [tag, constructor] of define.ELEMENTS) {
        if (tag !== 'ih-toast-region') expect(customElements.get(tag), tag).to.equal(constructor);
      }
      expect(customElements.get('ih-toast-region')).to.equal(SomeoneElsesToasts);
      expect(warnings).to.deep.equal(['<ih-toast-region> is already defined by another script; keeping that definition.']);
      expect(define.IntegrationList).to.equal(library.IntegrationList);
    } finally {
      console.warn = warn;
    }
  });

  it('the registered elements render and are accessible', async () => {
    const hub = await fixture(html`<integration-hub><integration-list kind="rmm"></integration-list></integration-hub>`);
    await expect(hub).to.be.accessible();
    expect(document.createElement('integration-list')).to.be.instanceOf(library.IntegrationList);
  });
});
