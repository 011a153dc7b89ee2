/**
 * <psa-wizard vendor="halopsa"> end to end, keyboard only: on the demo host page (`npm start`'s
 * server, sandboxes, built elements) an admin connects HaloPSA: a wrong tenant is refused next to
 * its field, the catch-all and exact matches are chosen, a ticket type whose mandatory fields have
 * no default is refused, a test ticket is sent, and the integration completes Active; the BFF's API
 * and the Halo sandbox are then asked what was stored and sent. Only Tab, Shift+Tab, Enter, arrows
 * and typing are used. Needs the built elements: `npx vite build` first (npm test does).
 */
import { describe, expect, it } from 'vitest';
import { useDemoPage } from '../helpers/demo-page.js';
import { axeViolations } from '../helpers/e2e-server.js';
import {
  acceptAllSuggestions, answerRefusals, chooseAlertPriorities, focused, openWizard, pressNext, step, tabTo, typeInto, waitFor, waitStep, waitText, wizardText,
} from '../helpers/psa-wizard-keyboard.js';

const demo = useDemoPage();
const { api } = demo;

describe('<psa-wizard vendor="halopsa"> end to end, keyboard only', () => {
  it('connects HaloPSA through its refusals, sends a test ticket and completes Active', async () => {
    const { page } = demo.ctx;
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.stack ?? e.message));

    await openWizard(page, 'HaloPSA');
    expect(await wizardText(page)).toContain('all:teams');
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, 'Halo URL');
    await page.keyboard.type('sandbox.halopsa.com');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Tenant');
    await page.keyboard.type('wrong-tenant');
    await page.keyboard.press('Tab');
    await page.keyboard.type('sandbox-client');
    await page.keyboard.press('Tab');
    await page.keyboard.type('sandbox-secret');
    // A wrong tenant keeps the step and says why next to the field.
    await pressNext(page);
    await waitText(page, "The tenant 'wrong-tenant' is not known");
    expect(await step(page)).toBe('credentials');
    await tabTo(page, 'Tenant', { back: true });
    await typeInto(page, 'sandbox');
    await pressNext(page);
    await waitStep(page, 'account-mapping');

    await waitText(page, 'Showing');
    await tabTo(page, 'Catch-All PSA Account');
    await page.keyboard.type('Default Customer');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Catch-All PSA Ticket Contact');
    await waitFor(page, 'catch-all contacts', async () => !(await wizardText(page)).includes('Loading the contacts'));
    await page.keyboard.press('ArrowDown');
    await acceptAllSuggestions(page);
    await pressNext(page);
    await waitStep(page, 'service-parameters');

    // Halo's "Problem" type demands Impact, Urgency and Category without defaults: refused next to the field.
    await tabTo(page, 'Ticket Type');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await chooseAlertPriorities(page);
    await pressNext(page);
    await waitText(page, 'requires Impact, Urgency, Category, which have no default in Halo');
    expect(await step(page)).toBe('service-parameters');
    await tabTo(page, 'Ticket Type', { back: true });
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp'); // "Incident": Impact is mandatory but has a default
    await answerRefusals(page, 'service-parameters');
    await waitStep(page, 'contract-mapping');
    expect(await axeViolations(page)).toEqual([]);
    await pressNext(page);
    await waitStep(page, 'finish');
    await tabTo(page, 'Send test ticket');
    await page.keyboard.press('Enter');
    await waitText(page, 'was created in HaloPSA');
    await pressNext(page, 'Finish');
    await waitFor(page, 'the HaloPSA toast', async () => page.evaluate(() => document.querySelector('integration-hub')?.shadowRoot?.querySelector('ih-page-toasts')?.messages.some((m) => m.includes('HaloPSA is connected and Active')) ?? false));

    const psa = (await api('/integrations?kind=psa')).integrations;
    expect(psa).toHaveLength(1);
    expect(psa[0]).toMatchObject({ vendor: 'halopsa', status: 'active' });
    const mapping = await api(`/integrations/${psa[0].id}/psa/account-mapping`);
    expect(mapping).toMatchObject({ attachContacts: true, catchAllAccountName: 'Default Customer' });
    expect(mapping.mappings.find((m: { psaAccountName: string }) => m.psaAccountName === 'Acme Dental Group')).toMatchObject({ organizationId: 'org-acme' });
    const ticket = (await api(`/integrations/${psa[0].id}/psa/ticket-settings`)).ticket;
    expect(ticket).toMatchObject({ typeId: '1', categoryId: null, sourceId: null });
    const writes = (await (await fetch(`${demo.ctx.origin}/sandbox/halopsa/_control/writes?kind=ticket`)).json()).writes as Array<{ data: Record<string, unknown> }>;
    expect(writes).toHaveLength(1);
    expect(writes[0]!.data).toMatchObject({ tickettype_id: 1, summary: expect.stringContaining('[TEST]') });
    expect(pageErrors).toEqual([]);
  });
});
