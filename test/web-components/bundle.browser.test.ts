/**
 * The built library (dist/elements/integration-elements.js, from `npx vite build`) as a host page
 * loads it: it registers the tags, renders a list from the real BFF, and carries no BFF runtime code.
 * Skipped when the bundle has not been built (npm test builds it before this step).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import { seedPartner } from './support/test-bff.js';

const BUNDLE = '/dist/elements/integration-elements.js';

describe('the built bundle', function () {
  let source = '';
  let bundle: { ELEMENTS: ReadonlyArray<readonly [string, CustomElementConstructor]>; IntegrationList: unknown; PsaWizard: unknown; RmmWizard: unknown };

  before(async function () {
    const res = await fetch(BUNDLE, { cache: 'no-store' });
    if (!res.ok) this.skip();
    source = await res.text();
    bundle = await import(/* @vite-ignore */ BUNDLE);
  });

  it('is accessible once registered', async () => {
    const { token } = await seedPartner([{ vendor: 'kaseya-bms', status: 'active' }]);
    const el = await fixture(html`<integration-hub .token=${token}><integration-list kind="psa"></integration-list></integration-hub>`);
    const list = el.querySelector('integration-list')!;
    await waitUntil(() => list.shadowRoot?.querySelector('[part~="row"]'), 'no row from the bundle');
    await expect(el).to.be.accessible();
  });

  it('registers every public and internal tag at once, with the classes it exports, in one file', () => {
    for (const tag of ['integration-hub', 'integration-list', 'ih-confirm-dialog', 'ih-toast-region', 'psa-wizard', 'rmm-wizard', 'ih-psa-finish-step', 'ih-rmm-finish-step']) {
      expect(customElements.get(tag), tag).to.be.a('function');
    }
    expect(bundle.ELEMENTS.map(([tag]) => tag)).to.include.members(['integration-hub', 'integration-list', 'psa-wizard', 'rmm-wizard', 'ih-psa-credentials-step', 'ih-rmm-mapping-step']);
    for (const [tag, constructor] of bundle.ELEMENTS) expect(customElements.get(tag), tag).to.equal(constructor);
    expect(customElements.get('integration-list')).to.equal(bundle.IntegrationList);
    expect(customElements.get('psa-wizard')).to.equal(bundle.PsaWizard);
    expect(customElements.get('rmm-wizard')).to.equal(bundle.RmmWizard);
    // The full entry is one module, as hosts always loaded it: no chunk to fetch before or after.
    expect(source).not.to.match(/\bimport\s*\(|\bfrom\s*["'`]\.\//);
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
