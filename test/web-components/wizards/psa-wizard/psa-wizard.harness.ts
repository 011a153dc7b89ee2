/**
 * @module Harness for `<psa-wizard>` browser tests (Material's harness idea): a partner with the demo
 * organizations and catalog, a mounted wizard against the real BFF and sandboxes, and `fill`,
 * `next`, `back`, `expectStep` that act as a person would (through the fields' own controls).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../support/wait.js';
import '../../../../web-components/define.js';
import { psaBusyLabel, type PsaWizard, type PsaStep } from '../../../../web-components/index.js';
import { deepQuery } from '../../../../web-components/wizards/shared/focus.js';
import { DEMO_CATALOG, DEMO_ORGANIZATIONS } from '../../../../bff/demo/demo-organizations.js';
import { seedPartner } from '../../support/test-bff.js';
import type { PsaVendor } from '../../../../bff/contracts/vendor-catalog.js';

export const CREDENTIALS = {
  autotask: { username: 'api-user@sandbox.example', secret: 'sandbox-secret' },
  'kaseya-bms': { server: 'na', tenant: 'Sandbox MSP', username: 'api-user', password: 'sandbox-password' },
  connectwise: { site: 'na', companyId: 'sandboxmsp', publicKey: 'sandbox-public', privateKey: 'sandbox-private' },
  halopsa: { url: 'https://sandbox.halopsa.com', tenant: 'sandbox', clientId: 'sandbox-client', clientSecret: 'sandbox-secret' },
} as const;

/** Catch-all accounts of the sandboxes: one with contacts, one without. */
export const CATCH_ALL = {
  autotask: { withContacts: 'Northwind MSP (Internal)', noContacts: 'Unassigned Alerts (No Contacts)' },
  'kaseya-bms': { withContacts: 'Default Customer', noContacts: 'Quarry Lane Clinic (No Contacts)' },
  connectwise: { withContacts: 'Catch-All Alerts', noContacts: 'Quarry Lane Clinic (No Contacts)' },
  halopsa: { withContacts: 'Default Customer', noContacts: 'Quarry Lane Clinic (No Contacts)' },
} as const;

/** A partner whose platform knows the demo organizations and catalog (as the host's backend would push them). */
export async function partnerWithOrganizations() {
  const seeded = await seedPartner();
  const res = await fetch('/api/organizations', {
    method: 'PUT', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${seeded.token}` },
    body: JSON.stringify({ organizations: DEMO_ORGANIZATIONS.map((o) => ({ id: o.id, name: o.name, billableUsers: o.billableUsers })), catalog: DEMO_CATALOG }),
  });
  expect(res.status).to.equal(200);
  return seeded;
}

export async function mountWizard(vendor: PsaVendor, token: string, integrationId?: string): Promise<PsaWizard> {
  const el = await fixture<PsaWizard>(integrationId
    ? html`<psa-wizard vendor=${vendor} integration-id=${integrationId} no-toast .token=${token}></psa-wizard>`
    : html`<psa-wizard vendor=${vendor} no-toast .token=${token}></psa-wizard>`);
  await el.ready;
  await settled(el);
  return el;
}

/** The element (through shadow roots) with this `name` (a field's context path) or matching a selector. */
export function field<T extends HTMLElement = HTMLElement>(el: PsaWizard, name: string): T {
  const found = deepQuery(el.shadowRoot!, `[name="${name}"]`);
  if (!found) throw new Error(`no field named ${name}`);
  return found as T;
}

export function q<T extends HTMLElement = HTMLElement>(el: PsaWizard, selector: string): T | undefined {
  return deepQuery(el.shadowRoot!, selector) as T | undefined;
}

export const stepElement = (el: PsaWizard) => el.shadowRoot!.querySelector<HTMLElement>('[part~="step"]')!;

/** Sets a field through its own control, as typing or choosing would. */
export async function fill(el: PsaWizard, name: string, value: string | boolean | null): Promise<void> {
  const host = field(el, name) as HTMLElement & { updateComplete?: Promise<unknown> };
  const root = host.shadowRoot!;
  const tag = host.localName;
  if (tag === 'ih-switch-field') {
    const button = root.querySelector<HTMLButtonElement>('[role="switch"]')!;
    if ((button.getAttribute('aria-checked') === 'true') !== value) button.click();
  } else if (tag === 'ih-select-field') {
    const select = root.querySelector('select')!;
    await waitUntil(() => value === null || [...select.options].some((o) => o.value === value), `${name}: no option ${value}`);
    select.value = (value as string | null) ?? '';
    select.dispatchEvent(new Event('change'));
  } else if (tag === 'ih-combobox-field') {
    const input = root.querySelector('input')!;
    input.focus();
    input.value = String(value);
    input.dispatchEvent(new Event('input'));
    await (host.updateComplete);
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    input.blur();
  } else {
    const input = root.querySelector('input')!;
    input.value = String(value);
    input.dispatchEvent(new Event('input'));
  }
  await settled(el);
}

/** Chooses the catch-all account by name (the combobox filters 10,000 names; Enter takes the first match). */
export async function chooseCatchAll(el: PsaWizard, name: string): Promise<void> {
  const combo = field(el, 'accountMapping.catchAllAccountId') as HTMLElement & { options: unknown[] };
  await waitUntil(() => combo.options.length > 0, 'accounts never loaded');
  await fill(el, 'accountMapping.catchAllAccountId', name);
}

export const nextButton = (el: PsaWizard) => deepQuery(el.shadowRoot!, '[part~="next-button"]') as HTMLButtonElement;
export const backButton = (el: PsaWizard) => deepQuery(el.shadowRoot!, '[part~="back-button"]') as HTMLButtonElement;

/** Waits until no request the machine waits for is running and the DOM shows it. */
export async function settled(el: PsaWizard): Promise<void> {
  await waitUntil(() => {
    const s = el.snapshot;
    if (!s) return false;
    const busy = psaBusyLabel(s) !== null || s.matches({ accountMapping: { editing: 'checkingContacts' } })
      || s.matches({ serviceParameters: 'loading' }) || s.matches({ contractMapping: 'loading' }) || s.matches('loadingSaved');
    return !busy;
  }, 'the wizard stayed busy');
  await el.updateComplete;
  const step = stepElement(el) as (HTMLElement & { updateComplete?: Promise<unknown> }) | null;
  await step?.updateComplete;
}

export async function next(el: PsaWizard): Promise<void> {
  nextButton(el).click();
  await settled(el);
}

export async function expectStep(el: PsaWizard, step: PsaStep | 'summary'): Promise<void> {
  await waitUntil(() => el.step === step, `expected step ${step}, wizard is on ${el.step}`);
  await settled(el);
}

/** The visible error text of a field (its own error line). */
export function errorOf(el: PsaWizard, name: string): string {
  return field(el, name).shadowRoot?.querySelector('.error')?.textContent?.trim() ?? '';
}

/** Drives a new wizard through Credentials with the sandbox's credentials. */
export async function passCredentials(el: PsaWizard, vendor: PsaVendor): Promise<void> {
  for (const [key, value] of Object.entries(CREDENTIALS[vendor])) await fill(el, `credentials.${key}`, value);
  await next(el);
  await expectStep(el, 'account-mapping');
}

/** Fills Account Mapping with the catch-all account that has contacts and its first contact. */
export async function fillAccountMapping(el: PsaWizard, vendor: PsaVendor): Promise<void> {
  await chooseCatchAll(el, CATCH_ALL[vendor].withContacts);
  const contact = field(el, 'accountMapping.catchAllContactId').shadowRoot!.querySelector('select')!;
  await waitUntil(() => contact.options.length > 1, 'no catch-all contacts');
  await fill(el, 'accountMapping.catchAllContactId', contact.options[1]!.value);
}

/** Through Account Mapping with the catch-all account that has contacts and its first contact. */
export async function passAccountMapping(el: PsaWizard, vendor: PsaVendor): Promise<void> {
  await fillAccountMapping(el, vendor);
  await next(el);
  await expectStep(el, 'service-parameters');
}

/** Through Service Parameters, choosing the first value for every required list that is still empty. */
export async function passServiceParameters(el: PsaWizard): Promise<void> {
  // The queue first: a ConnectWise board's statuses and items are offered only once it is chosen.
  for (const name of ['ticket.queueId', 'ticket.categoryId', 'ticket.statusId', 'ticket.typeId', 'ticket.sourceId', 'ticket.note.typeId', 'ticket.note.visibilityId',
    ...['critical', 'high', 'medium', 'low', 'informational'].map((s) => `ticket.priorityMap.${s}`)]) {
    const host = deepQuery(el.shadowRoot!, `[name="${name}"]`);
    const select = host?.shadowRoot?.querySelector('select');
    if (select && !select.value) await fill(el, name, select.options[1]!.value);
  }
  await next(el);
  await expectStep(el, 'contract-mapping');
}
