/** <psa-wizard> step 2, Account Mapping: catch-all rules, the mapping table, suggestions, "+ Add to platform", saving. */
import { expect } from '@open-wc/testing';
import { waitUntil } from '../../support/wait.js';
import { NO_CONTACT_MESSAGE } from '../../../../bff/contracts/psa-settings.js';
import type { IhPsaAccountTable, PsaWizard } from '../../../../web-components/index.js';
import { deepActive } from '../../support/dom.js';
import { injectFault } from '../../support/test-bff.js';
import { CATCH_ALL, chooseCatchAll, errorOf, expectStep, field, fill, mountWizard, next, partnerWithOrganizations, passCredentials, q, settled } from './psa-wizard.harness.js';

async function atMapping(vendor: 'autotask' | 'kaseya-bms' = 'autotask') {
  const seeded = await partnerWithOrganizations();
  const el = await mountWizard(vendor, seeded.token);
  await passCredentials(el, vendor);
  const table = q<IhPsaAccountTable>(el, 'ih-psa-account-table')!;
  await waitUntil(() => table.accounts.length > 10 && (table as unknown as { organizations: unknown[] }).organizations.length > 0, 'accounts not loaded');
  await table.updateComplete;
  return { ...seeded, el, table };
}

const rowOf = (table: IhPsaAccountTable, name: string) =>
  [...table.shadowRoot!.querySelectorAll<HTMLElement>('[part~="row"]')].find((r) => r.querySelector('.name')?.textContent === name);

async function search(table: IhPsaAccountTable, text: string) {
  const input = table.shadowRoot!.querySelector<HTMLInputElement>('input[type="search"]')!;
  input.value = text;
  input.dispatchEvent(new Event('input'));
  await table.updateComplete;
  // The virtualizer renders rows only while the table is in the page's view.
  table.shadowRoot!.querySelector('.viewport')!.scrollIntoView();
  await waitUntil(() => table.visibleAccounts.length === 0 || rowOf(table, table.visibleAccounts[0]!.name), 'rows not rendered');
}

const stored = async (token: string, el: PsaWizard) =>
  (await fetch(`/api/integrations/${el.snapshot!.context.integrationId}/psa/account-mapping`, { headers: { Authorization: `Bearer ${token}` } })).json();

describe('<psa-wizard> account mapping step', function () {
  window.addEventListener('error', (e) => { if (e.message?.startsWith('ResizeObserver loop')) e.stopImmediatePropagation(); }, true);

  it('is accessible once the PSA accounts are loaded, with the table rows in view', async () => {
    const { el, table } = await atMapping();
    await expect(el).to.be.accessible();
    await search(table, '');
    await expect(el).to.be.accessible();
  });

  it('refuses Next without a Catch-All PSA Account and focuses it', async () => {
    const { el } = await atMapping();
    await next(el);
    expect(el.step).to.equal('account-mapping');
    expect(errorOf(el, 'accountMapping.catchAllAccountId')).to.contain('Select a Catch-All PSA Account');
    await waitUntil(() => deepActive()?.getRootNode() === field(el, 'accountMapping.catchAllAccountId').shadowRoot, 'focus did not move to the catch-all account');
  });

  it('blocks a catch-all account without contacts while Attach Contacts is on, and allows it once off', async () => {
    const { el } = await atMapping();
    await chooseCatchAll(el, CATCH_ALL.autotask.noContacts);
    await waitUntil(() => errorOf(el, 'accountMapping.catchAllAccountId') === NO_CONTACT_MESSAGE, 'no "no contact" message');
    await next(el);
    expect(el.step).to.equal('account-mapping');
    await fill(el, 'accountMapping.attachContacts', false);
    expect(errorOf(el, 'accountMapping.catchAllAccountId')).to.equal('');
    expect(q(el, '[name="accountMapping.catchAllContactId"]')).to.equal(undefined);
    await next(el);
    await expectStep(el, 'service-parameters');
  });

  it('loads the catch-all contact choices for the chosen account and requires one', async () => {
    const { el } = await atMapping('kaseya-bms');
    await chooseCatchAll(el, CATCH_ALL['kaseya-bms'].withContacts);
    const select = field(el, 'accountMapping.catchAllContactId').shadowRoot!.querySelector('select')!;
    await waitUntil(() => select.options.length > 1, 'no contacts offered');
    await next(el);
    expect(errorOf(el, 'accountMapping.catchAllContactId')).to.contain('Select a Catch-All PSA Ticket Contact');
    await expect(el).to.be.accessible();
  });

  it('filters 60+ accounts by search and account type; offers Parent/Child for Kaseya BMS only', async () => {
    const { table } = await atMapping('autotask');
    expect(table.shadowRoot!.textContent).not.to.contain('Parent/Child');
    const total = table.visibleAccounts.length;
    await search(table, 'harbor view');
    expect(table.visibleAccounts.map((a) => a.name)).to.include('Harbor View Hotels');
    expect(table.visibleAccounts.length).to.be.lessThan(total);
    await search(table, '');
    const type = [...table.shadowRoot!.querySelectorAll('select')][0]!;
    type.value = [...type.options].find((o) => o.value === 'Prospect' || o.textContent === 'Prospect')?.value ?? type.options[1]!.value;
    type.dispatchEvent(new Event('change'));
    await table.updateComplete;
    expect(table.visibleAccounts.every((a) => a.type === type.value)).to.equal(true);
    const bms = await atMapping('kaseya-bms');
    expect(bms.table.shadowRoot!.textContent).to.contain('Parent/Child');
  });

  it('suggests the seeds\' near matches with their reasons, and "Accept all" maps the reviewed pairs in one go', async () => {
    const { el, table } = await atMapping();
    await search(table, 'Fjord');
    expect(rowOf(table, 'Fjord Marine Supply Ltd')!.querySelector('[part~="suggestion"]')!.textContent).to.equal('Suggested “Fjord Marine Supply”: same name but for ‘Ltd’');
    await search(table, '');
    const accept = table.shadowRoot!.querySelector<HTMLButtonElement>('[part~="accept-all-button"]')!;
    expect(accept.textContent).to.equal('Accept all 10 suggestions');
    accept.click();
    await table.updateComplete;
    table.shadowRoot!.querySelector<HTMLButtonElement>('[part~="accept-reviewed-button"]')!.click();
    await settled(el);
    const rows = el.snapshot!.context.accountMapping.mappings;
    expect(rows.find((r) => r.psaAccountName === 'Acme Dental Group')!.organizationId).to.equal('org-acme');
    expect(rows.find((r) => r.psaAccountName === 'EVERGREEN ACCOUNTING')!.organizationId).to.equal('org-evergreen');
    expect(rows.find((r) => r.psaAccountName === 'Granite and Co. Builders')!.organizationId).to.equal('org-granite');
    expect(rows.map((r) => r.psaAccountName)).not.to.include('Harbor View Hotels - Downtown');
    expect(rows).to.have.length(10);
  });

  it('"+ Add to platform" creates a pending organization and maps the account to it', async () => {
    const { el, table, token } = await atMapping();
    await search(table, 'Cascade Orthopedics Surgery');
    const row = rowOf(table, table.visibleAccounts[0]!.name)!;
    [...row.querySelectorAll('button')].find((b) => b.textContent!.includes('Add to platform'))!.click();
    await waitUntil(() => el.snapshot!.context.accountMapping.mappings.some((m) => m.organizationId?.startsWith('pending-')), 'not mapped to a pending organization');
    const orgs = await (await fetch('/api/organizations', { headers: { Authorization: `Bearer ${token}` } })).json();
    expect(orgs.organizations.find((o: { name: string }) => o.name === table.visibleAccounts[0]!.name).status).to.equal('pending');
  });

  it('maps a row with its own contact, ignores another, and the BFF stores exactly that', async () => {
    const { el, table, token } = await atMapping();
    await search(table, 'Bluebird Logistics');
    let row = rowOf(table, 'Bluebird Logistics')!;
    const org = row.querySelector<HTMLSelectElement>('select')!;
    org.value = 'org-bluebird';
    org.dispatchEvent(new Event('change'));
    await settled(el);
    await table.updateComplete;
    row = rowOf(table, 'Bluebird Logistics')!;
    const contact = row.querySelectorAll('select')[1]!;
    await waitUntil(() => contact.options.length > 1, 'row contacts not loaded');
    contact.value = contact.options[1]!.value;
    contact.dispatchEvent(new Event('change'));
    await search(table, 'Fabrikam');
    rowOf(table, 'Fabrikam Telecom')!.querySelector<HTMLInputElement>('input[aria-label^="Ignore"]')!.click();
    await chooseCatchAll(el, CATCH_ALL.autotask.withContacts);
    const catchAllContact = field(el, 'accountMapping.catchAllContactId').shadowRoot!.querySelector('select')!;
    await waitUntil(() => catchAllContact.options.length > 1, 'no catch-all contacts');
    await fill(el, 'accountMapping.catchAllContactId', catchAllContact.options[1]!.value);
    await next(el);
    await expectStep(el, 'service-parameters');
    const saved = await stored(token, el);
    expect(saved.catchAllAccountName).to.equal(CATCH_ALL.autotask.withContacts);
    expect(saved.mappings.find((m: { psaAccountName: string }) => m.psaAccountName === 'Bluebird Logistics')).to.include({ organizationId: 'org-bluebird', contactId: contact.options[1]!.value });
    expect(saved.mappings.find((m: { psaAccountName: string }) => m.psaAccountName === 'Fabrikam Telecom')).to.include({ ignored: true, organizationId: null });
  });

  it('offers Retry when the catch-all account’s contacts could not be loaded', async () => {
    const { el, partner } = await atMapping();
    // Only the contacts load fails: the step's other requests meanwhile (a page of accounts, the draft) must not take the fault.
    await injectFault({ partner, status: 503, count: 1, pathEndsWith: '/contacts' });
    await chooseCatchAll(el, CATCH_ALL.autotask.withContacts);
    await waitUntil(() => el.snapshot!.matches({ accountMapping: { editing: 'contactsFailed' } }), 'the contacts load did not fail');
    await el.updateComplete;
    expect(errorOf(el, 'accountMapping.catchAllAccountId')).to.contain('could not be loaded');
    await expect(el).to.be.accessible();
    const retry = [...q(el, 'ih-psa-account-mapping-step')!.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Retry'))!;
    expect(retry.getAttribute('aria-label')).to.equal(`Retry loading contacts for ${CATCH_ALL.autotask.withContacts}`);
    retry.click();
    await settled(el);
    expect(errorOf(el, 'accountMapping.catchAllAccountId')).to.equal('');
  });

  it('offers a keyboard Retry in a mapped row whose contacts could not be loaded, and reloads just that row', async () => {
    const { sendKeys } = await import('@web/test-runner-commands');
    const { el, table, partner } = await atMapping();
    await search(table, 'Bluebird Logistics');
    await injectFault({ partner, status: 503, count: 1, pathEndsWith: '/contacts' });
    const org = rowOf(table, 'Bluebird Logistics')!.querySelector<HTMLSelectElement>('select')!;
    org.value = 'org-bluebird';
    org.dispatchEvent(new Event('change'));
    await settled(el);
    const retry = () => rowOf(table, 'Bluebird Logistics')?.querySelector<HTMLButtonElement>('[part~="retry-button"]') ?? null;
    await waitUntil(() => retry(), 'no Retry for the row’s contacts');
    expect(retry()!.getAttribute('aria-label')).to.equal('Retry loading contacts for Bluebird Logistics');
    const contact = () => rowOf(table, 'Bluebird Logistics')!.querySelectorAll('select')[1]!;
    expect(contact().options[0]!.textContent).to.equal('Contacts could not be loaded');
    await expect(el).to.be.accessible();
    // By keyboard: from the row's contact choice, Tab reaches Retry and Enter presses it.
    contact().focus();
    await sendKeys({ press: 'Tab' });
    expect(table.shadowRoot!.activeElement).to.equal(retry());
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => contact().options.length > 1, 'the row’s contacts did not load on Retry');
    expect(retry()).to.equal(null);
    expect(contact().options[0]!.textContent).to.equal('Default (matched by e-mail)');
    expect(table.shadowRoot!.activeElement).to.equal(contact());
  });
  it('warns on a mapped row whose PSA account has no contacts while Attach Contacts is on, and not once it is off', async () => {
    const { el, table } = await atMapping();
    const name = CATCH_ALL.autotask.noContacts;
    await search(table, name);
    const org = rowOf(table, name)!.querySelector<HTMLSelectElement>('select')!;
    org.value = 'org-bluebird';
    org.dispatchEvent(new Event('change'));
    await settled(el);
    const warning = () => rowOf(table, name)?.querySelector<HTMLElement>('[part~="contact-warning"]') ?? null;
    await waitUntil(() => warning(), 'no warning on the row of an account without contacts');
    expect(warning()!.textContent).to.contain('has no contacts');
    const contact = rowOf(table, name)!.querySelectorAll('select')[1]!;
    expect(contact.getAttribute('aria-describedby')).to.contain(warning()!.id);
    await expect(el).to.be.accessible();
    // A mapped account with contacts gets no warning.
    await search(table, 'Bluebird Logistics');
    const other = rowOf(table, 'Bluebird Logistics')!.querySelector<HTMLSelectElement>('select')!;
    other.value = 'org-bluebird';
    other.dispatchEvent(new Event('change'));
    await settled(el);
    await waitUntil(() => rowOf(table, 'Bluebird Logistics')!.querySelectorAll('select')[1]!.options.length > 1, 'row contacts not loaded');
    expect(rowOf(table, 'Bluebird Logistics')!.querySelector('[part~="contact-warning"]')).to.equal(null);
    await search(table, name);
    await fill(el, 'accountMapping.attachContacts', false);
    await table.updateComplete;
    expect(warning()).to.equal(null);
  });
});
