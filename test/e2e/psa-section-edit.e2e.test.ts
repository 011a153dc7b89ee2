/**
 * Edit one section, not the whole wizard (issue 17, items 1 and 2), on the demo host page for each
 * of the four PSAs: a finished integration (set up through the BFF's API) opens from the list at its
 * summary (what is connected, secrets only "stored"); Service Parameters opens alone; one priority
 * changes and Save stores that section and nothing else; then the list's switch pauses delivery and
 * the summary and the Applications tab follow without a reload. axe finds nothing on the summary.
 * One width (1400 px): the width variations live with the layout work. Needs `npx vite build` first.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SEVERITIES } from '../../bff/contracts/psa-settings.js';
import type { PsaVendor } from '../../bff/vendors/vendor-catalog.js';
import { setupPsa } from '../bff/routing/routing-harness.js';
import { useDemoPage } from '../helpers/demo-page.js';
import { axeViolations } from '../helpers/e2e-server.js';

const demo = useDemoPage();

const VENDORS: Array<[PsaVendor, string, string]> = [
  ['kaseya-bms', 'Kaseya BMS', 'Tenant'], ['autotask', 'Autotask', 'API username'],
  ['connectwise', 'ConnectWise PSA', 'Company ID'], ['halopsa', 'HaloPSA', 'Client ID'],
];

/** The BFF's API as the demo admin, shaped as the routing harness's TestApp.call. */
async function adminApi() {
  const { origin } = demo.ctx;
  const { token } = await (await fetch(`${origin}/demo/token`)).json() as { token: string };
  return {
    call: (method: string, path: string, options: { body?: unknown } = {}) => fetch(`${origin}${path}`, {
      method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    }),
  };
}

/** The step on screen: null while the step's code is still arriving (the lazy loader's `step-loading`). */
const step = (page: Page) => page.evaluate(() => {
  const wizard = document.querySelector('psa-wizard');
  return wizard?.shadowRoot?.querySelector('.step-loading') ? null : wizard?.step ?? null;
});
const wizardText = (page: Page) => page.evaluate(() => {
  const w = document.querySelector('psa-wizard');
  const collect = (root: ShadowRoot | Element): string => [...root.querySelectorAll('*')].map((el) => (el.shadowRoot ? collect(el.shadowRoot) : '') + (el.childElementCount ? '' : el.textContent ?? '')).join(' ');
  return w?.shadowRoot ? collect(w.shadowRoot) : '';
});

describe('editing one section of each PSA', () => {
  it.each(VENDORS)('%s: one priority changes, nothing else is asked or saved, and the page follows', async (vendor, label, fact) => {
    const { page } = demo.ctx;
    const api = await adminApi();
    // One PSA per partner: a walk that stopped half-way must not block the next vendor's.
    for (const row of (await (await api.call('GET', '/api/integrations?kind=psa')).json()).integrations) await api.call('DELETE', `/api/integrations/${row.id}`);
    const setup = await setupPsa(api as never, vendor, { mappings: {} });
    const ticketPath = `/api/integrations/${setup.id}/psa/ticket-settings`;
    const before = await (await api.call('GET', ticketPath)).json();
    await page.goto(`${demo.ctx.origin}/`);

    await page.locator('integration-list[kind="psa"]').getByRole('button', { name: `Edit ${label}` }).click();
    await expect.poll(() => step(page), { timeout: 15_000 }).toBe('summary');
    const summary = await wizardText(page);
    expect(summary).toContain(fact);
    expect(summary).toContain('Stored (never shown');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Edit Service Parameters' }).click();
    await expect.poll(() => step(page)).toBe('service-parameters');
    await page.getByRole('heading', { name: 'Edit Service Parameters' }).waitFor();
    expect(await page.getByRole('button', { name: 'Back' }).count()).toBe(0);
    // The High priority becomes another of the PSA's priorities: the only change.
    const other = setup.lists.priority.find((p) => p.id !== setup.priorityFor.high)!;
    await page.getByLabel('Priority for High alerts').selectOption(other.id);
    const listReloads: string[] = [];
    page.on('request', (r) => { if (new URL(r.url()).pathname === '/api/integrations') listReloads.push(r.url()); });
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => step(page), { timeout: 15_000 }).toBe('summary');
    expect(await wizardText(page)).toContain(`High: ${other.label}`);

    const after = await (await api.call('GET', ticketPath)).json();
    expect(after.ticket.priorityMap.high).toBe(other.id);
    // An absent close-on-resolve status and null both mean "leave the ticket open" (the wizard sends null).
    const unset = { closeOnResolveStatusId: null };
    expect({ ...unset, ...after.ticket, priorityMap: { ...after.ticket.priorityMap, high: before.ticket.priorityMap.high } }).toEqual({ ...unset, ...before.ticket });
    for (const s of SEVERITIES.filter((x) => x !== 'high')) expect(after.ticket.priorityMap[s]).toBe(before.ticket.priorityMap[s]);
    // The section's Save told the hub: its lists fetched again, with no reload and no host wiring.
    await expect.poll(() => listReloads.length).toBeGreaterThan(0);

    // Paused in the list: the open summary and the Applications tab follow without a reload.
    await page.locator('integration-list[kind="psa"]').getByRole('switch', { name: `Deliver tickets to ${label}` }).click();
    await expect.poll(async () => (await wizardText(page)).includes('Paused'), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.evaluate(() => {
      const apps = document.querySelector('organization-applications');
      return apps?.shadowRoot?.querySelector('[part~="application-psa"] [part~="status"]')?.textContent?.trim() ?? '';
    }), { timeout: 10_000 }).toBe('Paused');

    await page.getByRole('button', { name: 'Close' }).first().click();
    await api.call('DELETE', `/api/integrations/${setup.id}`);
  });
});
