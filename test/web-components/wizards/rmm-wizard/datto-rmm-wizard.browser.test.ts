/**
 * <rmm-wizard vendor="datto-rmm"> in Chromium against the real BFF and the Datto RMM sandbox:
 * every step accessible, every refusal shown next to its field with focus moved there, the
 * duplicate-connection confirmation, auto-mapping previewed before saving, events, edit mode and
 * a draft resumed after a reload.
 */
import { expect, oneEvent } from '@open-wc/testing';
import '../../../../web-components/define.js';
import type { RmmWizard } from '../../../../web-components/index.js';
import { deepActive } from '../../support/dom.js';
import { DATTO,
  api, choose, connectRmm, currentStep, field, ignoreResizeObserverLoop, navButton, next, openWizard, partnerWithOrganizations, settle, siteRow,
  sitesLoaded, stepHeading, type, waitFor,
} from './rmm-support.js';

ignoreResizeObserverLoop();

const text = (node: Element | ShadowRoot) => (node.textContent ?? '').replace(/\s+/g, ' ').trim();
const stepText = (el: RmmWizard) => text(currentStep(el).shadowRoot!);

async function credentials(el: RmmWizard, apiSecret = 'sandbox-secret', apiKey = 'sandbox-key') {
  await choose(el, 'credentials.platform', 'merlot');
  await type(el, 'credentials.apiKey', apiKey);
  await type(el, 'credentials.apiSecret', apiSecret);
}

/** The sandbox's second Datto RMM account: what "separate instance" connects (the same account is refused). */
const secondAccount = (el: RmmWizard) => credentials(el, 'sandbox-secret-2', 'sandbox-key-2');

describe('<rmm-wizard vendor="datto-rmm">', function () {
  it('is accessible on every step, connects Datto RMM and reports each step and the completion', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await openWizard('datto-rmm', token);
    const steps: string[] = [];
    el.addEventListener('wizard-step-change', (e) => steps.push(e.detail.step));
    await expect(el).to.be.accessible();
    expect(stepHeading(el)).to.equal('Step 1 of 5: Organization');
    expect((field(el, 'userActivityOrganizationId') as unknown as { hint: string }).hint).to.contain('internal or MSP-level organization');

    await choose(el, 'userActivityOrganizationId', 'org-internal');
    await next(el, 'credentials');
    expect((field(el, 'credentials.apiSecret') as unknown as { hint: string }).hint).to.contain('The API Secret Key is displayed only once in Datto RMM and cannot be recovered later');
    await expect(el).to.be.accessible();
    await credentials(el);
    await next(el, 'organization-mapping');
    await sitesLoaded(el);
    await expect(el).to.be.accessible();
    expect(stepText(el)).to.contain('unmapped Datto RMM organizations do not provide device data');

    await next(el, 'parameters');
    await waitFor(() => (field(el, 'entraDeviceIdField') as unknown as { options: unknown[] }).options.length > 0, 'custom fields did not load');
    await expect(el).to.be.accessible();
    expect((field(el, 'entraDeviceIdField') as unknown as { hint: string }).hint).to.contain('improves correlation accuracy');
    await next(el, 'finish');
    await expect(el).to.be.accessible();
    expect(stepText(el)).to.contain('Allow up to 10–30 minutes for devices to appear');
    expect(navButton(el, 'next-button').textContent!.trim()).to.equal('Finish');

    setTimeout(() => navButton(el, 'next-button').click());
    const complete = await oneEvent(el, 'wizard-complete');
    expect(complete.detail).to.include({ vendor: 'datto-rmm', status: 'connected' });
    await settle(el);
    expect(stepText(el)).to.contain('Status: Connected');
    await expect(el).to.be.accessible();
    expect(steps).to.deep.equal(['credentials', 'organization-mapping', 'parameters', 'finish']);
    const stored = await api(token, 'GET', `/integrations/${complete.detail.integrationId}`);
    expect(stored.body).to.include({ status: 'connected', userActivityOrganizationId: 'org-internal' });
  });

  it('Next without an organization shows why and moves focus to the organization field', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await openWizard('datto-rmm', token);
    expect(field(el, 'userActivityOrganizationId').error).to.equal('');
    await next(el);
    expect(el.step).to.equal('organization');
    expect(field(el, 'userActivityOrganizationId').error).to.equal('Select an organization for this integration');
    expect(deepActive()).to.equal(control(el, 'userActivityOrganizationId'));
    expect(control(el, 'userActivityOrganizationId').getAttribute('aria-invalid')).to.equal('true');
  });

  it('wrong credentials: the vendor’s refusal next to the field; nothing is created', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await openWizard('datto-rmm', token);
    await choose(el, 'userActivityOrganizationId', 'org-internal');
    await next(el, 'credentials');
    await next(el);
    expect(field(el, 'credentials.platform').error).to.equal('Choose your Datto RMM platform');
    expect(field(el, 'credentials.apiKey').error).to.equal('API key is required');
    expect(deepActive()).to.equal(control(el, 'credentials.platform'));
    await credentials(el, 'wrong-secret');
    navButton(el, 'next-button').click();
    await waitFor(() => Object.values({ k: field(el, 'credentials.apiKey').error, s: field(el, 'credentials.apiSecret').error }).some(Boolean) || el.shadowRoot!.querySelector('[part~="problem"]'), 'no refusal shown');
    await settle(el);
    expect(el.step).to.equal('credentials');
    const shown = [field(el, 'credentials.apiKey').error, field(el, 'credentials.apiSecret').error].join(' ');
    expect(shown).to.match(/\S/);
    expect((await api(token, 'GET', '/integrations?kind=rmm')).body.integrations).to.deep.equal([]);
  });

  it('with Datto RMM already connected: warns of duplicate data and continues with another account only once confirmed (confirmSeparateInstance sent)', async () => {
    const { token } = await partnerWithOrganizations();
    await connectRmm(token, 'datto-rmm', 'org-internal');
    const el = await openWizard('datto-rmm', token);
    expect(stepText(el)).to.contain('A Datto RMM integration already exists');
    expect(stepText(el)).to.contain('can result in duplicate data');
    await choose(el, 'userActivityOrganizationId', 'org-internal');
    await next(el);
    expect(el.step).to.equal('organization');
    const box = currentStep(el).shadowRoot!.querySelector<HTMLInputElement>('[name="confirmSeparateInstance"]')!;
    expect(deepActive()).to.equal(box);
    expect(box.getAttribute('aria-invalid')).to.equal('true');
    box.click();
    await settle(el);
    await next(el, 'credentials');
    await secondAccount(el);
    await next(el, 'organization-mapping');
    expect((await api(token, 'GET', '/integrations?kind=rmm')).body.integrations).to.have.length(2);
  });

  it('the same Datto RMM account again, even confirmed as a separate instance: refused next to the API key, naming the existing connection', async () => {
    const { token } = await partnerWithOrganizations();
    await connectRmm(token, 'datto-rmm', 'org-internal');
    const el = await openWizard('datto-rmm', token);
    await choose(el, 'userActivityOrganizationId', 'org-internal');
    currentStep(el).shadowRoot!.querySelector<HTMLInputElement>('[name="confirmSeparateInstance"]')!.click();
    await settle(el);
    await next(el, 'credentials');
    await credentials(el);
    navButton(el, 'next-button').click();
    await waitFor(() => field(el, 'credentials.apiKey').error, 'no refusal next to the API key');
    await settle(el);
    expect(el.step).to.equal('credentials');
    const message = 'This Datto RMM account is already connected as “Datto RMM · Merlot platform · Northwind MSP” (connected). Edit that connection instead, or enter the API key of another Datto RMM account.';
    expect(field(el, 'credentials.apiKey').error).to.equal(message);
    // A screen reader hears it with the field: invalid, and described by the message.
    const input = control(el, 'credentials.apiKey');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    const root = input.getRootNode() as ShadowRoot;
    const described = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).map((id) => root.getElementById(id)?.textContent ?? '');
    expect(described.join(' ')).to.contain(message);
    expect(el.shadowRoot!.querySelector('[part~="problem"]'), 'shown once, at the field').to.equal(null);
    await expect(el).to.be.accessible();
    expect((await api(token, 'GET', '/integrations?kind=rmm')).body.integrations).to.have.length(1);

    // Another account's key clears it and connects.
    await secondAccount(el);
    expect(field(el, 'credentials.apiKey').error).to.equal('');
    await next(el, 'organization-mapping');
    expect((await api(token, 'GET', '/integrations?kind=rmm')).body.integrations).to.have.length(2);
  });

  it('previews exact-name auto-mapping before saving, lists the site types, and saves what it showed', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await openWizard('datto-rmm', token);
    await choose(el, 'userActivityOrganizationId', 'org-internal');
    await next(el, 'credentials');
    await credentials(el);
    await next(el, 'organization-mapping');
    await sitesLoaded(el);
    expect(stepText(el)).to.contain('Deleted Devices (Not recommended)');
    expect(stepText(el)).to.contain('Managed (Typical customer devices (recommended))');
    const types = [...currentStep(el).shadowRoot!.querySelectorAll<HTMLInputElement>('[name="siteTypes"]')].map((b) => [b.value, b.checked]);
    expect(types).to.deep.equal([['managed', true], ['ondemand', false], ['deleted', false]]);

    (control(el, 'autoMapExact') as HTMLButtonElement).click();
    await settle(el);
    expect(siteRow(el, 'Acme Dental Group').textContent).to.contain('Exact name match');
    expect((siteRow(el, 'Acme Dental Group').querySelector('ih-select-field') as unknown as { value: string }).value).to.equal('org-acme');
    expect(siteRow(el, 'EVERGREEN ACCOUNTING').textContent).not.to.contain('Exact name match');
    expect(text(currentStep(el).shadowRoot!.querySelector('[part~="mapping-summary"]')!)).to.match(/\d+ mapped \(\d+ by exact name, applied when you save\)/);

    await next(el, 'parameters');
    const integrationId = (await api(token, 'GET', '/integrations?kind=rmm')).body.integrations[0].id;
    const mapping = (await api(token, 'GET', `/integrations/${integrationId}/rmm/mapping`)).body;
    const byName = new Map(mapping.mappings.map((m: { siteName: string; organizationId: string | null }) => [m.siteName, m.organizationId]));
    expect(byName.get('Acme Dental Group')).to.equal('org-acme');
    expect(byName.get('EVERGREEN ACCOUNTING')).to.equal(null);
  });

  it('ticking Deleted Devices shows why it is not recommended, tied to the checkbox and announced', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await openWizard('datto-rmm', token);
    await choose(el, 'userActivityOrganizationId', 'org-internal');
    await next(el, 'credentials');
    await credentials(el);
    await next(el, 'organization-mapping');
    await sitesLoaded(el);
    const root = currentStep(el).shadowRoot!;
    const box = root.querySelector<HTMLInputElement>('[name="siteTypes"][value="deleted"]')!;
    expect(box.hasAttribute('aria-describedby')).to.equal(false);
    expect(stepText(el)).not.to.contain('devices that were deleted from Datto RMM');

    box.click();
    await settle(el);
    const warningId = box.getAttribute('aria-describedby')!;
    const warning = root.getElementById(warningId)!;
    expect(warning.getAttribute('role')).to.equal('status');
    expect(text(warning)).to.contain('Deleted Devices is not recommended.');
    expect(text(warning)).to.contain('devices that were deleted from Datto RMM');
    expect(warning.getBoundingClientRect().height).to.be.greaterThan(0);
    await expect(el).to.be.accessible();

    box.click();
    await settle(el);
    expect(box.hasAttribute('aria-describedby')).to.equal(false);
    expect(text(root.querySelector('[role="status"][part~="deleted-devices-warning"]')!)).to.equal('');
  });

  it('Parameters: each UDF with its label and sample values, the device-id one suggested, a non-id pick warned next to the field', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await openWizard('datto-rmm', token);
    await choose(el, 'userActivityOrganizationId', 'org-internal');
    await next(el, 'credentials');
    await credentials(el);
    await next(el, 'organization-mapping');
    await sitesLoaded(el);
    await next(el, 'parameters');
    await waitFor(() => (field(el, 'entraDeviceIdField') as unknown as { options: unknown[] }).options.length > 0, 'custom fields did not load');
    await settle(el);
    const select = control(el, 'entraDeviceIdField') as HTMLSelectElement;
    const optionText = (value: string) => [...select.options].find((o) => o.value === value)!.textContent!;
    expect(optionText('udf5')).to.match(/^User-defined field 5 — \d+ of \d+ devices, e\.g\. [0-9a-f]{8}-[0-9a-f]{4}-/i);
    expect(optionText('udf2')).to.match(/^User-defined field 2 — \d+ of \d+ devices, e\.g\. AT-\d…/);
    expect(optionText('udf30')).to.match(/^User-defined field 30 — no values on the first \d+ devices$/);

    const suggestion = () => currentStep(el).shadowRoot!.querySelector('[part~="entra-suggestion"]');
    expect(text(suggestion()!)).to.contain('Suggested: User-defined field 5. Its values look like Microsoft Entra device IDs (GUIDs)');
    await expect(el).to.be.accessible();
    suggestion()!.querySelector('button')!.click();
    await settle(el);
    expect(field(el, 'entraDeviceIdField').value).to.equal('udf5');
    expect(suggestion()).to.equal(null);
    const warning = () => field(el, 'entraDeviceIdField').shadowRoot!.querySelector('[part~="warning"]');
    expect(warning()).to.equal(null);

    await choose(el, 'entraDeviceIdField', 'udf2');
    expect(text(warning()!)).to.contain('The values in User-defined field 2 do not look like Microsoft Entra device IDs');
    expect(warning()!.closest('[role="status"]')).to.exist;
    expect(select.getAttribute('aria-describedby')).to.contain(warning()!.id);
    expect(field(el, 'entraDeviceIdField').error).to.equal('');
    await expect(el).to.be.accessible();
    // A caution, not a refusal: the admin may keep the pick.
    await next(el, 'finish');
    expect(stepText(el)).to.contain('User-defined field 2');
  });

  it('edit mode: saved values loaded, the user-activity organization read-only, credentials never shown and kept when left empty', async () => {
    const { token } = await partnerWithOrganizations();
    const { id } = await connectRmm(token, 'datto-rmm', 'org-internal');
    const el = await openWizard('datto-rmm', token, id);
    expect(el.step).to.equal('summary');
    const summary = (currentStep(el).textContent ?? '').replace(/\s+/g, ' ');
    expect(summary).to.contain('Northwind MSP (Internal). Set when the integration was created; it cannot be changed.');
    expect(summary).to.contain('Stored (never shown; replace them to change them)');
    expect(summary).not.to.contain(DATTO.apiKey);
    expect(el.shadowRoot!.querySelector('[name="userActivityOrganizationId"]')).to.equal(null);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[aria-label="Edit Organization Mapping"]')!.click();
    await waitFor(() => el.step === 'organization-mapping' && currentStep(el), 'the mapping section did not open');
    await sitesLoaded(el);
    expect((siteRow(el, 'Acme Dental Group').querySelector('ih-select-field') as unknown as { value: string }).value).to.equal('org-acme');
    // And the BFF refuses a change however it is asked.
    const refused = await api(token, 'PUT', `/integrations/${id}/rmm/mapping`, { userActivityOrganizationId: 'org-acme', autoMapExact: true, siteTypes: ['managed'], mappings: [] });
    expect(refused.status).to.equal(409);
  });

  it('resumes a draft after a reload, on its step with its values (and no secrets stored)', async () => {
    const { token } = await partnerWithOrganizations();
    const first = await openWizard('datto-rmm', token);
    await choose(first, 'userActivityOrganizationId', 'org-bluebird');
    await next(first, 'credentials');
    await choose(first, 'credentials.platform', 'vidal');
    await type(first, 'credentials.apiKey', 'typed-key');
    let draft: { status: number; body: { snapshot: { step: string } } } | undefined;
    await waitFor(async () => (draft = await api(token, 'GET', '/wizard-drafts/rmm:datto-rmm')).status === 200 && draft.body?.snapshot.step === 'credentials', 'no draft saved');
    expect(JSON.stringify(draft!.body)).not.to.contain('typed-key');
    first.remove();

    const again = await openWizard('datto-rmm', token);
    await waitFor(() => again.step === 'credentials', 'did not resume on credentials');
    await settle(again);
    expect((field(again, 'credentials.platform') as unknown as { value: string }).value).to.equal('vidal');
    expect((control(again, 'credentials.apiKey') as HTMLInputElement).value).to.equal('');
    navButton(again, 'back-button').click();
    await settle(again);
    expect((field(again, 'userActivityOrganizationId') as unknown as { value: string }).value).to.equal('org-bluebird');
  });

  it('a reload right after a change saves that change at once, with a request that outlives the page', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await openWizard('datto-rmm', token);
    await choose(el, 'userActivityOrganizationId', 'org-bluebird');
    await next(el, 'credentials');
    const sent: Array<{ url: string; keepalive: boolean; body: string }> = [];
    const realFetch = window.fetch;
    // Watches the requests (they still go out): the debounced save would never leave a page that is going away.
    window.fetch = (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url.includes('/wizard-drafts/') && init?.method === 'PUT') sent.push({ url, keepalive: Boolean(init.keepalive), body: String(init.body) });
      return realFetch(input, init);
    };
    try {
      await choose(el, 'credentials.platform', 'vidal');
      window.dispatchEvent(new PageTransitionEvent('pagehide'));
      await waitFor(() => sent.some((r) => r.keepalive), 'no keepalive draft save on pagehide');
      expect(sent.find((r) => r.keepalive)!.body).to.contain('vidal');
    } finally {
      window.fetch = realFetch;
    }
  });

  it('takes the host’s --ih-* properties and ::part() rules', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await openWizard('datto-rmm', token);
    el.style.setProperty('--ih-color-accent', 'rgb(1, 2, 3)');
    const style = Object.assign(document.createElement('style'), { textContent: 'rmm-wizard::part(next-button) { border-color: rgb(4, 5, 6); } rmm-wizard::part(step) { outline: 1px solid rgb(7, 8, 9); }' });
    document.head.append(style);
    try {
      expect(getComputedStyle(navButton(el, 'next-button')).backgroundColor).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(navButton(el, 'next-button')).borderTopColor).to.equal('rgb(4, 5, 6)');
      expect(getComputedStyle(currentStep(el)).outlineColor).to.equal('rgb(7, 8, 9)');
    } finally {
      style.remove();
    }
  });

  it('Cancel fires wizard-cancel and discards the draft', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await openWizard('datto-rmm', token);
    await choose(el, 'userActivityOrganizationId', 'org-internal');
    setTimeout(() => navButton(el, 'cancel-button').click());
    const cancel = await oneEvent(el, 'wizard-cancel');
    expect(cancel.detail).to.deep.equal({ integrationId: null });
    await waitFor(async () => (await api(token, 'GET', '/wizard-drafts/rmm:datto-rmm')).body === null, 'draft kept');
  });
});

function control(el: RmmWizard, name: string): HTMLElement {
  const f = field(el, name);
  return (f.shadowRoot?.querySelector('input, select, button[role="switch"]') ?? f) as HTMLElement;
}
