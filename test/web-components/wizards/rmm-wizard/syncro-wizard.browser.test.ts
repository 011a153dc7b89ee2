/**
 * <rmm-wizard vendor="syncro"> in Chromium against the real BFF and the Syncro sandbox: the
 * permissions list, the duplicate warning, the User Activity Organization (required, then locked),
 * the ignore list, keyboard-only use, and a site list of thousands rendered windowed.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../../web-components/define.js';
import type { RmmWizard } from '../../../../web-components/index.js';
import type { IhRmmMappingStep } from '../../../../web-components/wizards/rmm-wizard/steps/rmm-mapping-step.js';
import { initialContext } from '../../../../web-components/wizards/rmm-wizard/rmm-wizard.logic.js';
import { SYNCRO_PERMISSIONS } from '../../../../web-components/wizards/rmm-wizard/rmm-wizard.copy.js';
import { deepActive } from '../../support/dom.js';
import { holdRequests } from '../../support/hold-requests.js';
import {
  api, choose, connectRmm, currentStep, field, ignoreResizeObserverLoop, navButton, next, openWizard, partnerWithOrganizations, settle, siteRow,
  sitesLoaded, type, waitFor,
} from './rmm-support.js';

ignoreResizeObserverLoop();

const text = (node: Element | ShadowRoot) => (node.textContent ?? '').replace(/\s+/g, ' ').trim();
const stepText = (el: RmmWizard) => text(currentStep(el).shadowRoot!);

describe('<rmm-wizard vendor="syncro">', function () {
  it('is accessible, shows the token’s permissions exactly as documented, and connects Syncro', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await openWizard('syncro', token);
    await expect(el).to.be.accessible();
    const listed = [...currentStep(el).shadowRoot!.querySelectorAll('[part~="permissions"] li')].map((li) => li.textContent);
    expect(listed).to.deep.equal([...SYNCRO_PERMISSIONS]);
    expect(listed).to.have.length(21);

    await type(el, 'credentials.subdomain', 'sandbox');
    await type(el, 'credentials.apiToken', 'sandbox-token');
    await next(el, 'account-mapping');
    await sitesLoaded(el);
    await expect(el).to.be.accessible();
    await next(el);
    expect(el.step).to.equal('account-mapping');
    expect(field(el, 'userActivityOrganizationId').error).to.equal('Select a User Activity Organization');
    expect(deepActive()).to.equal(field(el, 'userActivityOrganizationId').shadowRoot!.querySelector('select'));

    await choose(el, 'userActivityOrganizationId', 'org-internal');
    await next(el, 'finish');
    await expect(el).to.be.accessible();
    expect(stepText(el)).to.contain('Syncro appears as a connected application under MSP Tools in the Applications tab for Northwind MSP (Internal).');
    setTimeout(() => navButton(el, 'next-button').click());
    const complete = await oneEvent(el, 'wizard-complete');
    expect(complete.detail).to.include({ vendor: 'syncro', status: 'connected' });
  });

  it('Next pressed while the customers still load: once they arrive, the error shows and focus is on its field', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await openWizard('syncro', token);
    await type(el, 'credentials.subdomain', 'sandbox');
    await type(el, 'credentials.apiToken', 'sandbox-token');
    const sites = holdRequests('/rmm/sites');
    try {
      navButton(el, 'next-button').click();
      await waitFor(() => el.step === 'account-mapping' && sites.held > 0, 'the step did not ask for its customers');
      navButton(el, 'next-button').focus();
      navButton(el, 'next-button').click();
      await new Promise((resolve) => setTimeout(resolve, 50));
      sites.release();
      await waitFor(() => field(el, 'userActivityOrganizationId').error === 'Select a User Activity Organization', 'the remembered Next showed no error');
      await waitFor(() => deepActive() === field(el, 'userActivityOrganizationId').shadowRoot!.querySelector('select'),
        `focus did not move to the organization (it is on ${deepActive()?.outerHTML.slice(0, 60)})`);
      expect(el.step).to.equal('account-mapping');
    } finally {
      sites.restore();
    }
  });

  it('a well-formed subdomain with no Syncro account is refused next to the subdomain field, in Syncro’s words', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await openWizard('syncro', token);
    await type(el, 'credentials.subdomain', 'acme-it');
    await type(el, 'credentials.apiToken', 'sandbox-token');
    navButton(el, 'next-button').click();
    await waitFor(() => field(el, 'credentials.subdomain').error, 'no refusal on the subdomain');
    await settle(el);
    expect(el.step).to.equal('credentials');
    expect(field(el, 'credentials.subdomain').error).to.contain('Syncro has no account at acme-it.syncromsp.com');
    expect(field(el, 'credentials.subdomain').error).to.contain('No Syncro account uses the address acme-it.syncromsp.com');
    expect(field(el, 'credentials.apiToken').error).to.equal('');
    expect((await api(token, 'GET', '/integrations?kind=rmm')).body.integrations).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('says what is collected from Syncro and claims no user activity', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await openWizard('syncro', token);
    const collected = text(currentStep(el).shadowRoot!.querySelector('[part~="collected"]')!);
    expect(collected).to.contain('customers and their assets (devices)');
    expect(collected).to.contain('no Syncro user activity is collected');
    await type(el, 'credentials.subdomain', 'sandbox');
    await type(el, 'credentials.apiToken', 'sandbox-token');
    await next(el, 'account-mapping');
    const hint = (field(el, 'userActivityOrganizationId') as unknown as { hint: string }).hint;
    expect(hint).not.to.contain('All user activity and actions from Syncro are associated');
    expect(hint).to.contain('offers no user-activity feed');
  });

  it('the User Activity Organization says what it is for on Syncro: asked as seed 002 asks, never claimed to record user activity (axe)', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await openWizard('syncro', token);
    await type(el, 'credentials.subdomain', 'sandbox');
    await type(el, 'credentials.apiToken', 'sandbox-token');
    await next(el, 'account-mapping');
    await sitesLoaded(el);
    const organization = field(el, 'userActivityOrganizationId') as unknown as { hint: string; label: string; required: boolean };
    expect(organization.label).to.equal('User Activity Organization');
    expect(organization.required).to.equal(true);
    expect(organization.hint).to.contain('Syncro’s API offers no user-activity feed, so no Syncro user activity is recorded.');
    expect(organization.hint).to.contain('This organization is where the Syncro connection itself is filed: Syncro is listed under MSP Tools in its Applications tab.');
    expect(organization.hint).to.contain('It cannot be changed after the integration is configured.');
    expect(stepText(el)).not.to.contain('user activity is recorded here');
    await expect(el).to.be.accessible();

    await choose(el, 'userActivityOrganizationId', 'org-internal');
    await next(el, 'finish');
    const terms = [...currentStep(el).shadowRoot!.querySelectorAll('[part~="review"] dt')];
    const review = Object.fromEntries(terms.map((dt) => [text(dt), text(dt.nextElementSibling!)]));
    expect(review['User activity organization']).to.equal('Northwind MSP (Internal)');
    expect(review['User activity']).to.equal('None: Syncro’s API offers no user-activity feed');
    await expect(el).to.be.accessible();

    // Back on the mapping step once saved: the organization is fixed, and it still says what it is for.
    navButton(el, 'back-button').click();
    await sitesLoaded(el);
    expect(stepText(el)).to.contain('Northwind MSP (Internal). The user activity organization cannot be changed');
    expect(stepText(el)).to.contain('This organization is where the Syncro connection itself is filed');
    await expect(el).to.be.accessible();
  });

  it('Finish starts the first device sync: the finished card says "Syncing…", then its result, with no Sync now (axe)', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await openWizard('syncro', token);
    await type(el, 'credentials.subdomain', 'sandbox');
    await type(el, 'credentials.apiToken', 'sandbox-token');
    await next(el, 'account-mapping');
    await sitesLoaded(el);
    await choose(el, 'userActivityOrganizationId', 'org-internal');
    (field(el, 'autoMapExact').shadowRoot!.querySelector('button') as HTMLButtonElement).click();
    await settle(el);
    await next(el, 'finish');
    setTimeout(() => navButton(el, 'next-button').click());
    const complete = await oneEvent(el, 'wizard-complete');
    await settle(el);
    const firstSync = () => currentStep(el).shadowRoot!.querySelector('[part~="first-sync"]')!;
    // Finish answered with the sync running: the card says so at once, as a live region.
    expect(text(firstSync())).to.equal('Syncing devices from Syncro now…');
    expect(firstSync().getAttribute('role')).to.equal('status');
    expect(firstSync().getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();

    // The card reads the sync again by itself until it has ended.
    await waitFor(() => text(firstSync()).startsWith('First sync done'), 'the finished card did not show the first sync’s result');
    const status = (await api(token, 'GET', `/integrations/${complete.detail.integrationId}/rmm/sync`)).body;
    expect(status.state).to.equal('succeeded');
    expect(status.deviceCount).to.be.greaterThan(0);
    expect(text(firstSync())).to.equal(`First sync done: ${status.deviceCount} devices from Syncro in the mapped organizations.`);
    expect(firstSync().getAttribute('aria-busy')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('a wrong token is refused next to the token field', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await openWizard('syncro', token);
    await type(el, 'credentials.subdomain', 'sandbox');
    await type(el, 'credentials.apiToken', 'not-the-token');
    navButton(el, 'next-button').click();
    await waitFor(() => field(el, 'credentials.apiToken').error, 'no refusal');
    expect(el.step).to.equal('credentials');
  });

  it('a second Syncro connection (another account) needs the confirmation; the BFF’s own 409 is shown when the list was stale', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await openWizard('syncro', token);
    // Connected behind the wizard's back (another admin): the wizard learns it from the BFF's 409.
    await connectRmm(token, 'syncro', 'org-internal');
    // The sandbox's second account: the same one is never connected twice (next test).
    await type(el, 'credentials.subdomain', 'sandbox-2');
    await type(el, 'credentials.apiToken', 'sandbox-token');
    navButton(el, 'next-button').click();
    await waitFor(() => currentStep(el).shadowRoot!.querySelector('[name="confirmSeparateInstance"]'), 'no duplicate warning');
    await settle(el);
    expect(stepText(el)).to.contain('A Syncro integration already exists');
    expect(stepText(el)).to.contain('continue only if this is a separate Syncro instance');
    const box = currentStep(el).shadowRoot!.querySelector<HTMLInputElement>('[name="confirmSeparateInstance"]')!;
    box.click();
    await settle(el);
    await next(el, 'account-mapping');
  });

  it('the same Syncro account again, even confirmed: refused next to the subdomain, naming the existing connection', async () => {
    const { token } = await partnerWithOrganizations();
    await connectRmm(token, 'syncro', 'org-internal');
    const el = await openWizard('syncro', token);
    currentStep(el).shadowRoot!.querySelector<HTMLInputElement>('[name="confirmSeparateInstance"]')!.click();
    await type(el, 'credentials.subdomain', 'sandbox');
    await type(el, 'credentials.apiToken', 'sandbox-token');
    navButton(el, 'next-button').click();
    await waitFor(() => field(el, 'credentials.subdomain').error, 'no refusal next to the subdomain');
    await settle(el);
    expect(el.step).to.equal('credentials');
    expect(field(el, 'credentials.subdomain').error).to.equal('This Syncro account is already connected as “Syncro · sandbox.syncromsp.com” (connected). Edit that connection instead, or enter the subdomain of another Syncro account.');
    await expect(el).to.be.accessible();
    expect((await api(token, 'GET', '/integrations?kind=rmm')).body.integrations).to.have.length(1);
  });

  it('"Ignore from Automatic Mapping" keeps a site unmapped when the rest are auto-mapped; the user-activity organization then locks', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await openWizard('syncro', token);
    await type(el, 'credentials.subdomain', 'sandbox');
    await type(el, 'credentials.apiToken', 'sandbox-token');
    await next(el, 'account-mapping');
    await sitesLoaded(el);
    await choose(el, 'userActivityOrganizationId', 'org-internal');
    (field(el, 'autoMapExact').shadowRoot!.querySelector('button') as HTMLButtonElement).click();
    await settle(el);
    const bluebird = siteRow(el, 'Bluebird Logistics');
    expect(bluebird.textContent).to.contain('Exact name match');
    bluebird.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    await settle(el);
    expect(siteRow(el, 'Bluebird Logistics').textContent).not.to.contain('Exact name match');
    await next(el, 'finish');

    const id = (await api(token, 'GET', '/integrations?kind=rmm')).body.integrations[0].id;
    const mapping = (await api(token, 'GET', `/integrations/${id}/rmm/mapping`)).body;
    const row = (name: string) => mapping.mappings.find((m: { siteName: string }) => m.siteName === name);
    expect(row('Bluebird Logistics')).to.include({ organizationId: null, ignoreAutoMap: true });
    expect(row('Acme Dental Group').organizationId).to.equal('org-acme');

    navButton(el, 'back-button').click();
    await sitesLoaded(el);
    expect(stepText(el)).to.contain('Northwind MSP (Internal). The user activity organization cannot be changed');
    expect(currentStep(el).shadowRoot!.querySelector('[name="userActivityOrganizationId"]')).to.equal(null);
  });

  it('works with the keyboard alone: typing, Tab to Next, Enter', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await openWizard('syncro', token);
    (field(el, 'credentials.subdomain').shadowRoot!.querySelector('input') as HTMLInputElement).focus();
    await sendKeys({ type: 'sandbox' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'sandbox-token' });
    // Tab on to Next (past the permission list, which holds no focusable element) and press it.
    for (let i = 0; i < 6 && deepActive() !== navButton(el, 'next-button'); i++) await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(navButton(el, 'next-button'));
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.step === 'account-mapping', 'Enter on Next did not advance');
    // The new step's heading takes focus, so a screen reader announces it.
    await waitFor(() => (deepActive() as HTMLElement | null)?.getAttribute('part')?.includes('step-heading'), 'heading not focused');
  });
});

describe('<ih-rmm-mapping-step> with thousands of sites', () => {
  it('renders a window of rows, not all of them, and reaches the last by scrolling', async () => {
    const ctx = initialContext('syncro', null);
    ctx.organizations = [{ id: 'org-a', name: 'A' }];
    ctx.sites = Array.from({ length: 5000 }, (_, i) => ({ id: `s${i}`, name: `Site ${String(i).padStart(4, '0')}`, type: 'managed' as const, deviceCount: i % 7 }));
    ctx.sitesLoad = { status: 'loaded', problem: null };
    const step = await fixture<IhRmmMappingStep>(html`<ih-rmm-mapping-step .context=${ctx} .errors=${{}}></ih-rmm-mapping-step>`);
    const list = step.shadowRoot!.querySelector<HTMLElement>('[part~="site-list"]')!;
    list.scrollIntoView();
    await waitFor(() => list.querySelectorAll('.site-row').length > 5, 'no rows rendered');
    const rendered = list.querySelectorAll('.site-row').length;
    expect(rendered).to.be.below(200);
    expect(list.querySelector('.site-row')!.getAttribute('aria-setsize')).to.equal('5000');
    // Row heights are estimated until measured, so the end moves while scrolling: keep scrolling to it.
    await waitFor(() => { list.scrollTop = list.scrollHeight; return list.querySelector('[data-site="s4999"]'); }, 'last row not rendered after scrolling');
  });
});
