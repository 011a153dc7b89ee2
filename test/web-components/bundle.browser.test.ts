/**
 * The built library (dist/elements/integration-elements.js, from `npx vite build`) as a host page
 * loads it: it registers the tags, renders a list from the real BFF, and carries no BFF runtime code.
 * Skipped when the bundle has not been built (npm test builds it before this step).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { seedPartner } from './support/test-bff.js';

const BUNDLE = '/dist/elements/integration-elements.js';

describe('the built bundle', function () {
  let source = '';

  before(async function () {
    const res = await fetch(BUNDLE, { cache: 'no-store' });
    if (!res.ok) this.skip();
    source = await res.text();
    await import(/* @vite-ignore */ BUNDLE);
  });

  it('is accessible once registered', async () => {
    const { token } = await seedPartner([{ vendor: 'kaseya-bms', status: 'active' }]);
    const el = await fixture(html`<integration-hub .token=${token}><integration-list kind="psa"></integration-list></integration-hub>`);
    const list = el.querySelector('integration-list')!;
    await waitUntil(() => list.shadowRoot?.querySelector('[part~="row"]'), 'no row from the bundle');
    await expect(el).to.be.accessible();
  });

  it('registers every public and internal tag', () => {
    for (const tag of ['integration-hub', 'integration-list', 'ih-confirm-dialog', 'ih-toast-region']) expect(customElements.get(tag), tag).to.be.a('function');
  });

  it('renders a list with its switch from the real BFF', async () => {
    const { token } = await seedPartner([{ vendor: 'kaseya-bms', status: 'active' }]);
    const list = await fixture(html`<integration-list kind="psa" .token=${token}></integration-list>`);
    await waitUntil(() => list.shadowRoot?.querySelector('[role="switch"]'), 'no switch from the bundle');
    expect(list.shadowRoot!.querySelector('[part~="status"]')!.textContent).to.equal('Active');
  });

  it('contains no BFF runtime code', () => {
    for (const marker of ['better-sqlite3', 'drizzle', 'node:crypto', 'CredentialVault']) expect(source, marker).not.to.contain(marker);
  });
});
