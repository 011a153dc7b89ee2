/** <psa-wizard vendor="halopsa">: Halo's credentials, the scopes to grant, and a ticket type it cannot use, against the real BFF and sandbox. */
import { expect } from '@open-wc/testing';
import { waitUntil } from '../../support/wait.js';
import { CREDENTIALS, errorOf, expectStep, field, fill, mountWizard, next, passAccountMapping, passCredentials, partnerWithOrganizations, q, stepElement } from './psa-wizard.harness.js';

describe('<psa-wizard vendor="halopsa">', () => {
  it('asks for Halo URL, tenant, client ID and secret, names the scopes including all:teams, and is accessible', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await mountWizard('halopsa', token);
    const names = [...stepElement(el).shadowRoot!.querySelectorAll('[name]')].map((f) => f.getAttribute('name'));
    expect(names).to.deep.equal(['credentials.url', 'credentials.tenant', 'credentials.clientId', 'credentials.clientSecret']);
    expect((field(el, 'credentials.url') as HTMLElement & { label: string }).label).to.equal('Halo URL');
    expect(field(el, 'credentials.clientSecret').shadowRoot!.querySelector('input')!.type).to.equal('password');
    const scopes = q(el, '[part~="permissions"]')!.textContent!;
    expect(scopes).to.contain('all:teams');
    expect((el.shadowRoot!.querySelector('ih-wizard-shell') as HTMLElement & { heading: string }).heading).to.equal('Connect HaloPSA');
    await expect(el).to.be.accessible();
  });

  it('keeps the step with Halo’s reason next to the tenant when the tenant is wrong', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await mountWizard('halopsa', token);
    for (const [key, value] of Object.entries({ ...CREDENTIALS.halopsa, tenant: 'someone-else' })) await fill(el, `credentials.${key}`, value);
    await next(el);
    await waitUntil(() => errorOf(el, 'credentials.tenant') !== '', 'no tenant error');
    expect(el.step).to.equal('credentials');
    expect(errorOf(el, 'credentials.tenant')).to.contain("The tenant 'someone-else' is not known");
    await expect(el).to.be.accessible();
  });

  it('refuses a ticket type whose mandatory fields have no default, next to the field', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await mountWizard('halopsa', token);
    await passCredentials(el, 'halopsa');
    await passAccountMapping(el, 'halopsa');
    const select = field(el, 'ticket.typeId').shadowRoot!.querySelector('select')!;
    await waitUntil(() => select.options.length > 1, 'no ticket types');
    const problem = [...select.options].find((o) => o.textContent?.trim() === 'Problem')!;
    await fill(el, 'ticket.typeId', problem.value);
    await next(el);
    expect(el.step).to.equal('service-parameters');
    await waitUntil(() => errorOf(el, 'ticket.typeId') !== '', 'no type error');
    expect(errorOf(el, 'ticket.typeId')).to.contain('requires Impact, Urgency, Category, which have no default in Halo');
    await expectStep(el, 'service-parameters');
  });
});
