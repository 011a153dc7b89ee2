/**
 * <psa-wizard vendor="connectwise"> end to end, keyboard only: on the demo host page (`npm start`'s
 * server, sandboxes, built elements) an admin connects ConnectWise PSA: wrong keys are refused next
 * to the private key, the wizard speaks ConnectWise's words (Service Board, Status, Item, Type,
 * Subtype, Agreement, Addition), a product is created for the billable-user sync, a test ticket
 * reaches the sandbox, and Finish makes it Active; the BFF's API is then asked what was stored.
 * Needs the built elements: `npx vite build` first (npm test does).
 */
import { describe, expect, it } from 'vitest';
import { useDemoPage } from '../helpers/demo-page.js';
import { axeViolations } from '../helpers/e2e-server.js';
import {
  acceptAllSuggestions, answerRefusals, chooseAlertPriorities, focused, openWizard, pressNext, step, tabTo, typeInto, waitFor, waitStep, waitText, wizardText,
} from '../helpers/psa-wizard-keyboard.js';

const demo = useDemoPage();
const { api } = demo;

describe('<psa-wizard vendor="connectwise"> end to end, keyboard only', () => {
  it('connects ConnectWise PSA in its own words and the BFF stores it as chosen', async () => {
    const { page } = demo.ctx;
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.stack ?? e.message));

    await openWizard(page, 'ConnectWise PSA');
    expect(await axeViolations(page)).toEqual([]);
    // Four fields: the clientId is the platform's, and the on-premises host only shows for that site.
    expect(await wizardText(page)).not.toContain('Server host name');
    await tabTo(page, 'ConnectWise site');
    await page.keyboard.press('ArrowDown'); // North America
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Company ID');
    await page.keyboard.type('sandboxmsp');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Public key');
    await page.keyboard.type('sandbox-public');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Private key');
    await page.keyboard.type('wrong-private-key');
    await pressNext(page);
    await waitText(page, 'ConnectWise did not accept the API keys');
    expect(await step(page)).toBe('credentials');
    await tabTo(page, 'Private key', { back: true });
    await typeInto(page, 'sandbox-private');
    await pressNext(page);
    await waitStep(page, 'account-mapping');

    await waitText(page, 'Showing');
    await tabTo(page, 'Catch-All PSA Account');
    await page.keyboard.type('Catch-All Alerts');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Catch-All PSA Ticket Contact');
    await waitFor(page, 'catch-all contacts', async () => !(await wizardText(page)).includes('Loading the contacts'));
    await page.keyboard.press('ArrowDown');
    await acceptAllSuggestions(page);
    await pressNext(page);
    await waitStep(page, 'service-parameters');
    // The step's ticket values load from the PSA after the step opens.
    await waitFor(page, 'ticket values', async () => !(await wizardText(page)).includes('Loading ticket values'));

    const words = await wizardText(page);
    for (const label of ['Service Board', 'Status', 'Item', 'Default Type', 'Default Subtype']) expect(words).toContain(label);
    expect(words).not.toContain('Ticket Queue');
    await chooseAlertPriorities(page);
    await answerRefusals(page, 'service-parameters');
    await waitStep(page, 'contract-mapping');
    expect(await axeViolations(page)).toEqual([]);

    await tabTo(page, 'Sync Billable Users to Agreement Additions');
    await page.keyboard.press('Space');
    await pressNext(page);
    await waitText(page, 'is required');
    await tabTo(page, 'Create Product');
    await page.keyboard.press('Enter');
    await waitFor(page, 'the created product', async () => page.evaluate(() => Boolean(document.querySelector('psa-wizard')?.snapshot?.context.contract.defaultServiceId)));
    await pressNext(page);
    await waitStep(page, 'finish');
    await tabTo(page, 'Send test ticket');
    await page.keyboard.press('Enter');
    await waitText(page, 'was created in ConnectWise PSA');
    const tickets = (await (await fetch(`${demo.ctx.origin}/sandbox/connectwise/_control/writes?kind=ticket`)).json()).writes as Array<{ data: { summary: string; company: { name: string } } }>;
    expect(tickets.at(-1)!.data).toMatchObject({ summary: expect.stringMatching(/^\[TEST\] /), company: { name: 'Catch-All Alerts' } });
    await pressNext(page, 'Finish');
    await waitFor(page, 'the confirmation toast', async () => page.evaluate(() => document.querySelector('integration-hub')?.shadowRoot?.querySelector('ih-page-toasts')?.messages.some((m) => m.includes('ConnectWise PSA is connected and Active')) ?? false));

    const [cw] = (await api('/integrations?kind=psa')).integrations;
    expect(cw).toMatchObject({ vendor: 'connectwise', status: 'active', accountLabel: 'Sandbox MSP' });
    const mapping = await api(`/integrations/${cw.id}/psa/account-mapping`);
    expect(mapping).toMatchObject({ attachContacts: true, catchAllAccountName: 'Catch-All Alerts' });
    expect(mapping.mappings.find((m: { psaAccountName: string }) => m.psaAccountName === 'Acme Dental Group')).toMatchObject({ organizationId: 'org-acme' });
    const ticket = (await api(`/integrations/${cw.id}/psa/ticket-settings`)).ticket;
    const lists = await api(`/integrations/${cw.id}/psa/picklists`);
    const board = (list: Array<{ id: string; parentId?: string }>, id: string) => list.find((v) => v.id === id)?.parentId;
    expect(board(lists.ticketStatus, ticket.statusId)).toBe(ticket.queueId);
    expect(board(lists.ticketType, ticket.typeId)).toBe(ticket.queueId);
    expect(await api(`/integrations/${cw.id}/psa/contract-settings`)).toMatchObject({ syncBillableUsers: true, defaultServiceName: 'Security Monitoring per User' });
    expect(pageErrors).toEqual([]);
  });
});
