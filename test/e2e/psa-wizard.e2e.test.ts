/**
 * <psa-wizard> end to end, keyboard only: on the demo host page (`npm start`'s server, sandboxes,
 * built elements) an admin connects Kaseya BMS, meets every refusal the seeds require (wrong
 * credentials, no catch-all, a contact-less catch-all, a missing priority, sync without a default
 * service, a second PSA before any vendor is asked), reloads the page on Contract Mapping and
 * resumes it with "Finish setup", sends a test ticket, deletes it through <integration-list>, then connects Autotask; the BFF's API is then asked what was stored. Only Tab, Shift+Tab, Enter, Space, arrows and typing are used.
 * Needs the built elements: `npx vite build` first (npm test does).
 */
import { describe, expect, it } from 'vitest';
import { NO_CONTACT_MESSAGE } from '../../bff/contracts/psa-settings.js';
import { useDemoPage } from '../helpers/demo-page.js';
import { axeViolations } from '../helpers/e2e-server.js';
import { acceptAllSuggestions, answerRefusals, autotaskToMapping, chooseAlertPriorities, focused, openWizard, pressNext, step, tabTo, typeInto, waitFor, waitStep, waitText, wizardText } from '../helpers/psa-wizard-keyboard.js';

const demo = useDemoPage();
const { api } = demo;

describe('<psa-wizard> end to end, keyboard only', () => {
  it('connects Kaseya BMS through every refusal, then Autotask after deleting it, and the BFF stores both as chosen', async () => {
    const { page } = demo.ctx;
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.stack ?? e.message));

    // ---- Kaseya BMS --------------------------------------------------------------------------
    await openWizard(page, 'Kaseya BMS');
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, 'Kaseya BMS URL');
    await page.keyboard.press('ArrowDown'); // the first region
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('BMS tenant');
    await page.keyboard.type('Sandbox MSP');
    await page.keyboard.press('Tab');
    await page.keyboard.type('api-user');
    await page.keyboard.press('Tab');
    await page.keyboard.type('wrong-password');
    // Refusal 1: wrong credentials keep the step and say why next to the field.
    await pressNext(page);
    await waitText(page, 'Kaseya BMS did not accept the sign-in');
    expect(await step(page)).toBe('credentials');
    await tabTo(page, 'BMS password', { back: true });
    await typeInto(page, 'sandbox-password');
    await pressNext(page);
    await waitStep(page, 'account-mapping');

    // Refusal 2: no catch-all account. Focus lands on it.
    await waitText(page, 'Showing');
    await pressNext(page);
    await waitText(page, 'Select a Catch-All PSA Account');
    await waitFor(page, 'focus on the catch-all account', async () => (await focused(page)) === 'Catch-All PSA Account');
    // Refusal 3: an account without contacts while Attach Contacts is on.
    await page.keyboard.type('Quarry Lane');
    await page.keyboard.press('Enter');
    await waitText(page, NO_CONTACT_MESSAGE);
    await pressNext(page);
    expect(await step(page)).toBe('account-mapping');
    await waitFor(page, 'focus back on the catch-all account', async () => (await focused(page)) === 'Catch-All PSA Account');
    await typeInto(page, 'Default Customer');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Catch-All PSA Ticket Contact');
    await waitFor(page, 'catch-all contacts', async () => !(await wizardText(page)).includes('Loading the contacts'));
    await page.keyboard.press('ArrowDown');
    await acceptAllSuggestions(page);
    expect(await axeViolations(page)).toEqual([]);
    await pressNext(page);
    await waitStep(page, 'service-parameters');

    // Refusal 4: a severity without a priority (Kaseya BMS has no default status or queue either: focus goes to the first gap).
    await pressNext(page);
    await waitText(page, 'Choose a priority for critical alerts');
    expect(await step(page)).toBe('service-parameters');
    await waitFor(page, 'focus on the first invalid field', async () => (await focused(page)) === 'Ticket Status');
    await chooseAlertPriorities(page);
    await tabTo(page, 'Group alerts by', { back: true });
    await page.keyboard.press('ArrowUp'); // "User"
    await answerRefusals(page, 'service-parameters');
    await waitStep(page, 'contract-mapping');

    // Refusal 5: Sync Billable Users on without a Default Contract Service.
    await tabTo(page, 'Sync Billable Users to Contracts / Agreements');
    await page.keyboard.press('Space');
    await pressNext(page);
    await waitText(page, 'A Default Contract Service is required');
    await tabTo(page, 'Create Service');
    await page.keyboard.press('Enter');
    await waitFor(page, 'the created service', async () => page.evaluate(() => Boolean(document.querySelector('psa-wizard')?.snapshot?.context.contract.defaultServiceId)));

    // ---- A reload, then "Finish setup": the wizard reopens at Contract Mapping with every value ----
    await tabTo(page, 'User Sync Day', { back: true });
    await typeInto(page, '9');
    // Reloaded at once: the change is still in the draft's save debounce, and is saved on the way out.
    const failedDraftReads: string[] = [];
    page.on('response', (r) => { if (r.url().includes('/wizard-drafts/') && r.status() >= 400) failedDraftReads.push(`${r.status()} ${r.url()}`); });
    const consoleErrors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(`${m.text()} ${m.location().url}`); });
    await page.reload();
    await page.locator('integration-list[kind="psa"]').waitFor();
    await tabTo(page, 'Finish setup Kaseya BMS');
    await page.keyboard.press('Enter');
    await waitStep(page, 'contract-mapping');
    expect(await wizardText(page)).not.toContain('BMS password');
    expect(await page.evaluate(() => document.querySelector('psa-wizard')!.snapshot!.context.contract))
      .toMatchObject({ syncBillableUsers: true, userSyncDay: 9, defaultServiceName: 'Security Monitoring per User' });
    await tabTo(page, 'User Sync Day');
    expect(await page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return (el as HTMLInputElement).value;
    })).toBe('9');
    expect(failedDraftReads).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await pressNext(page);
    await waitStep(page, 'finish');
    await tabTo(page, 'Send test ticket');
    await page.keyboard.press('Enter');
    await waitText(page, 'was created in Kaseya BMS');
    const tickets = await (await fetch(`${demo.ctx.origin}/sandbox/kaseya-bms/_control/writes?kind=ticket`)).json();
    expect(JSON.stringify(tickets.writes)).toContain('[TEST]');
    await pressNext(page, 'Finish');
    await waitFor(page, 'the confirmation toast', async () => page.evaluate(() => document.querySelector('integration-hub')?.shadowRoot?.querySelector('ih-page-toasts')?.messages.some((m) => m.includes('Kaseya BMS is connected and Active')) ?? false));
    const [bms] = (await api('/integrations?kind=psa')).integrations;
    expect(bms).toMatchObject({ vendor: 'kaseya-bms', status: 'active' });
    const bmsMapping = await api(`/integrations/${bms.id}/psa/account-mapping`);
    expect(bmsMapping).toMatchObject({ attachContacts: true, catchAllAccountName: 'Default Customer' });
    expect(bmsMapping.catchAllContactId).toBeTruthy();
    expect(bmsMapping.mappings.find((m: { psaAccountName: string }) => m.psaAccountName === 'Acme Dental Group')).toMatchObject({ organizationId: 'org-acme' });
    // Near matches are suggested too (issue 17): accepted in bulk with the exact ones.
    expect(bmsMapping.mappings.find((m: { psaAccountName: string }) => m.psaAccountName === 'EVERGREEN ACCOUNTING')).toMatchObject({ organizationId: 'org-evergreen' });
    const bmsTicket = (await api(`/integrations/${bms.id}/psa/ticket-settings`)).ticket;
    expect(bmsTicket.subjectTemplate).toBe('{user}');
    expect(bmsTicket.categoryId).toBeNull();
    expect(Object.values(bmsTicket.priorityMap).every(Boolean)).toBe(true);
    expect(await api(`/integrations/${bms.id}/psa/contract-settings`)).toMatchObject({ syncBillableUsers: true, defaultServiceName: 'Security Monitoring per User' });

    // ---- Refusal 6: a second PSA is refused before any vendor or credential is asked, with the offer to edit the first
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo(page, 'Add PSA');
    await page.keyboard.press('Enter');
    await waitText(page, 'A PSA is already connected');
    expect(await page.evaluate(() => document.querySelectorAll('#vendor-choice button').length)).toBe(0);
    expect(await page.evaluate(() => document.querySelector('psa-wizard')!.shadowRoot!.querySelectorAll('input, ih-text-field, ih-select-field').length)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, 'Edit the existing integration');
    await page.keyboard.press('Enter');
    await waitFor(page, 'the edit wizard', async () => page.evaluate((id) => document.querySelector('psa-wizard')?.getAttribute('integration-id') === id, bms.id));
    // A finished integration opens at its summary (edit mode), where Close leaves it.
    await waitStep(page, 'summary');
    expect(await wizardText(page)).toContain('Edit Kaseya BMS');
    await tabTo(page, 'Close');
    await page.keyboard.press('Enter');

    // ---- Delete Kaseya BMS through <integration-list> ----------------------------------------
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo(page, 'Delete Kaseya BMS');
    await page.keyboard.press('Enter');
    // The confirmation's code arrives with the first question (the lazy loader): it opens with Cancel focused.
    await waitFor(page, 'the confirmation', async () => (await focused(page)) === 'Cancel');
    await page.keyboard.press('Tab'); // from Cancel (focused first) to Delete
    await page.keyboard.press('Enter');
    await waitFor(page, 'the row to go', async () => (await api('/integrations?kind=psa')).integrations.length === 0);

    // ---- Autotask ------------------------------------------------------------------------------
    await openWizard(page, 'Autotask');
    await autotaskToMapping(page);
    // One row mapped by hand: search, then Tab into the row's organization select.
    await tabTo(page, 'Search PSA accounts');
    await page.keyboard.type('Cedar Ridge');
    await tabTo(page, 'Platform organization for Cedar Ridge Law');
    await page.keyboard.type('Cedar Ridge Law');
    await pressNext(page);
    await waitStep(page, 'service-parameters');
    await chooseAlertPriorities(page);
    await answerRefusals(page, 'service-parameters');
    await waitStep(page, 'contract-mapping');
    expect(await axeViolations(page)).toEqual([]);
    await pressNext(page);
    await waitStep(page, 'finish');
    await pressNext(page, 'Finish');
    await waitFor(page, 'the Autotask toast', async () => page.evaluate(() => document.querySelector('integration-hub')?.shadowRoot?.querySelector('ih-page-toasts')?.messages.some((m) => m.includes('Autotask is connected and Active')) ?? false));

    const psa = (await api('/integrations?kind=psa')).integrations;
    expect(psa).toHaveLength(1);
    expect(psa[0]).toMatchObject({ vendor: 'autotask', status: 'active' });
    const mapping = await api(`/integrations/${psa[0].id}/psa/account-mapping`);
    expect(mapping.catchAllAccountName).toBe('Northwind MSP (Internal)');
    expect(mapping.mappings).toEqual([expect.objectContaining({ psaAccountName: 'Cedar Ridge Law', organizationId: 'org-cedar' })]);
    const ticket = (await api(`/integrations/${psa[0].id}/psa/ticket-settings`)).ticket;
    expect(ticket.categoryId).toBeTruthy();
    expect(ticket.subjectTemplate).toBe('{user} – {alert}');
    expect(await api(`/integrations/${psa[0].id}/psa/contract-settings`)).toMatchObject({ addContractsToTickets: false, syncBillableUsers: false });
    expect(await api('/wizard-drafts/psa:autotask?version=1')).toBeNull();
    expect(await api(`/wizard-drafts/psa:kaseya-bms?version=1&integrationId=${bms.id}`)).toBeNull();
    expect(pageErrors).toEqual([]);
  });
});
