/** <psa-wizard> step 1, Credentials: against the real BFF and vendor sandboxes. */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../support/wait.js';
import type { IntegrationEditEvent, PsaWizard, WizardCancelEvent, WizardStepChangeEvent } from '../../../../web-components/index.js';
import { deepActive } from '../../support/dom.js';
import { CREDENTIALS, errorOf, expectStep, field, fill, mountWizard, next, partnerWithOrganizations, q, stepElement } from './psa-wizard.harness.js';

describe('<psa-wizard> credentials step', () => {
  it('is accessible (Kaseya BMS and Autotask)', async () => {
    const { token } = await partnerWithOrganizations();
    const bms = await mountWizard('kaseya-bms', token);
    await expect(bms).to.be.accessible();
    const autotask = await mountWizard('autotask', token);
    await expect(autotask).to.be.accessible();
  });

  it('asks Kaseya BMS for URL, tenant (with where to find it), username and password', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await mountWizard('kaseya-bms', token);
    const labels = ['credentials.server', 'credentials.tenant', 'credentials.username', 'credentials.password'].map((n) => (field(el, n) as HTMLElement & { label: string }).label);
    expect(labels).to.deep.equal(['Kaseya BMS URL', 'BMS tenant', 'BMS username', 'BMS password']);
    expect((field(el, 'credentials.tenant') as HTMLElement & { hint: string }).hint).to.contain('My Profile > My Settings > Company Name');
    expect(field(el, 'credentials.password').shadowRoot!.querySelector('input')!.type).to.equal('password');
  });

  it('asks Autotask only for API username and password (never the integration code)', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await mountWizard('autotask', token);
    const names = [...stepElement(el).shadowRoot!.querySelectorAll('[name]')].map((f) => f.getAttribute('name'));
    expect(names).to.deep.equal(['credentials.username', 'credentials.secret']);
  });

  it('on an empty Next shows every error and moves focus to the first invalid field', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await mountWizard('kaseya-bms', token);
    expect(errorOf(el, 'credentials.tenant')).to.equal('');
    await next(el);
    await waitUntil(() => (deepActive() as HTMLElement | null)?.closest?.('ih-select-field, ih-text-field') !== null || deepActive()?.id === 'control', 'focus did not move');
    expect(errorOf(el, 'credentials.tenant')).to.contain('BMS tenant is required');
    expect(field(el, 'credentials.server').hasAttribute('invalid')).to.equal(true);
    expect(deepActive()?.getRootNode()).to.equal(field(el, 'credentials.server').shadowRoot);
  });

  it('keeps the step with the vendor’s reason next to the field when Autotask refuses', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await mountWizard('autotask', token);
    await fill(el, 'credentials.username', CREDENTIALS.autotask.username);
    await fill(el, 'credentials.secret', 'wrong-secret');
    await next(el);
    expect(el.step).to.equal('credentials');
    expect(errorOf(el, 'credentials.secret')).to.contain('Autotask rejected');
    await expect(el).to.be.accessible();
  });

  it('refuses a control character in a credential next to that field (it would break the vendor’s headers)', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await mountWizard('autotask', token);
    await fill(el, 'credentials.username', CREDENTIALS.autotask.username);
    await fill(el, 'credentials.secret', `${CREDENTIALS.autotask.secret}\t\u0007`);
    await next(el);
    expect(el.step).to.equal('credentials');
    expect(errorOf(el, 'credentials.secret')).to.contain('must not contain line breaks, tabs or other control characters');
    expect(errorOf(el, 'credentials.username')).to.equal('');
  });

  it('accepts the sandbox credentials, fires wizard-step-change and never shows them again', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await mountWizard('kaseya-bms', token);
    for (const [key, value] of Object.entries(CREDENTIALS['kaseya-bms'])) await fill(el, `credentials.${key}`, value);
    const change = oneEvent(el, 'wizard-step-change') as Promise<WizardStepChangeEvent>;
    await next(el);
    expect((await change).detail.step).to.equal('account-mapping');
    await expectStep(el, 'account-mapping');
    expect(JSON.stringify(el.snapshot!.context.credentials)).not.to.contain('sandbox-password');
    expect(el.snapshot!.context.integrationId).to.be.a('string');
  });

  it('opened to add a second PSA, shows the existing one and offers to edit it before any credential is asked', async function () {
    const { token } = await partnerWithOrganizations();
    const first = await mountWizard('autotask', token);
    await fill(first, 'credentials.username', CREDENTIALS.autotask.username);
    await fill(first, 'credentials.secret', CREDENTIALS.autotask.secret);
    await next(first);
    await expectStep(first, 'account-mapping');
    const firstId = first.snapshot!.context.integrationId;
    first.remove();

    const second = await fixture<PsaWizard>(html`<psa-wizard vendor="kaseya-bms" no-toast .token=${token}></psa-wizard>`);
    await second.ready;
    await second.updateComplete;
    expect(second.step).to.equal(null);
    expect(second.shadowRoot!.querySelector('ih-psa-credentials-step, ih-wizard-shell')).to.equal(null);
    expect(second.shadowRoot!.querySelectorAll('input, ih-text-field, ih-select-field')).to.have.length(0);
    const existing = second.shadowRoot!.querySelector('[part~="existing"]')!;
    expect(existing.textContent).to.contain('Autotask').and.to.contain('One PSA per account');
    await expect(second).to.be.accessible();
    const edit = oneEvent(second, 'integration-edit') as Promise<IntegrationEditEvent>;
    q<HTMLButtonElement>(second, '[part~="edit-existing-button"]')!.click();
    expect((await edit).detail).to.deep.equal({ integrationId: firstId, vendor: 'autotask', kind: 'psa' });
    const cancel = oneEvent(second, 'wizard-cancel') as Promise<WizardCancelEvent>;
    q<HTMLButtonElement>(second, '[part~="cancel-button"]')!.click();
    expect((await cancel).detail).to.deep.equal({ integrationId: null });
  });
});
