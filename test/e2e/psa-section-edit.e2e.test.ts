/**
 * Edit one section, not the whole wizard (issue 17, items 1, 2, 3 and 6), on the demo host page for
 * each of the four PSAs at each of three widths (1400, 1024 and 390 px): a finished integration (set
 * up once per PSA through the BFF's API, then walked at every width) opens from the list at its
 * summary (what is connected, secrets only "stored"); Service Parameters opens alone; one priority
 * changes and Save stores that section and nothing else; the list's switch pauses delivery and
 * resumes it, and the summary and the Applications tab follow without a reload. Once per PSA, at one
 * width each (every width has at least one), the admin opens Account Mapping alone, accepts the
 * suggested matches in bulk (review, then accept) and sees the mapped count, the summary, the
 * Applications tab and, through its switch, the page's Ticket delivery column follow. axe finds
 * nothing at any width, and no page scrolls sideways. Needs `npx vite build` first.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page, Request } from 'playwright-core';
import { SEVERITIES } from '../../bff/contracts/psa-settings.js';
import type { PsaVendor } from '../../bff/contracts/vendor-catalog.js';
import { setupPsa, type PsaSetup } from '../bff/routing/routing-harness.js';
import { useDemoPage } from '../helpers/demo-page.js';
import { axeViolations } from '../helpers/e2e-server.js';
import { inViewport, sidewaysScroll } from '../helpers/viewport.js';

const demo = useDemoPage();

/** Vendor, its label, a connection fact the summary shows, and the width it accepts suggestions in bulk at. */
const VENDORS: Array<[PsaVendor, string, string, number]> = [
  ['kaseya-bms', 'Kaseya BMS', 'Tenant', 1400], ['autotask', 'Autotask', 'API username', 1024],
  ['connectwise', 'ConnectWise PSA', 'Company ID', 390], ['halopsa', 'HaloPSA', 'Client ID', 390],
];
const WIDTHS = [1400, 1024, 390];

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
type AdminApi = Awaited<ReturnType<typeof adminApi>>;

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
/** The Applications tab's PSA entry: its status and its details ("Tickets go to …"). */
const applicationsPsa = (page: Page) => page.evaluate(() => {
  const psa = document.querySelector('organization-applications')?.shadowRoot?.querySelector('[part~="application-psa"]');
  return { status: psa?.querySelector('[part~="status"]')?.textContent?.trim() ?? '', details: psa?.querySelector('[part~="details"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '' };
});
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.each(VENDORS)('editing one section of %s', (vendor, label, fact, bulkWidth) => {
  let api: AdminApi;
  let setup: PsaSetup;
  const ticketPath = () => `/api/integrations/${setup.id}/psa/ticket-settings`;

  beforeAll(async () => {
    api = await adminApi();
    // One PSA per partner: the previous vendor's goes first. Nothing is mapped, so every near match is the admin's to accept.
    for (const row of (await (await api.call('GET', '/api/integrations?kind=psa')).json()).integrations) await api.call('DELETE', `/api/integrations/${row.id}`);
    setup = await setupPsa(api as never, vendor, { mappings: {} });
  });

  const walks = WIDTHS.map((width): [number, string] => [width, width === bulkWidth ? ', suggestions accepted in bulk' : '']);
  it.each(walks)('at %i px: one priority changes, nothing else is asked or saved, and the page follows%s', async (width, bulk) => {
    const { page } = demo.ctx;
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${demo.ctx.origin}/`);
    const psaList = page.locator('integration-list[kind="psa"]');
    // From here on nothing reloads the page: every update below comes from the elements themselves.
    const listReloads: string[] = [];
    let pageLoads = 0;
    const onRequest = (r: Request) => { if (new URL(r.url()).pathname === '/api/integrations') listReloads.push(r.url()); };
    const onLoad = () => { pageLoads++; };
    page.on('request', onRequest);
    page.on('load', onLoad);

    await psaList.getByRole('button', { name: `Edit ${label}` }).click();
    await expect.poll(() => step(page), { timeout: 15_000 }).toBe('summary');
    const summary = await wizardText(page);
    expect(summary).toContain(fact);
    expect(summary).toContain('Stored (never shown');
    expect(await sidewaysScroll(page)).toBe(0);
    expect(await page.getByRole('button', { name: 'Close' }).count()).toBe(1);

    if (bulk) await acceptSuggestionsInBulk(page, api, setup);

    await page.getByRole('button', { name: 'Edit Service Parameters' }).click();
    await expect.poll(() => step(page)).toBe('service-parameters');
    await page.getByRole('heading', { name: 'Edit Service Parameters' }).waitFor();
    expect(await page.getByRole('button', { name: 'Back' }).count()).toBe(0);
    expect(await sidewaysScroll(page)).toBe(0);
    // The High priority becomes another of the PSA's priorities: the only change.
    const before = await (await api.call('GET', ticketPath())).json();
    const other = setup.lists.priority.find((p) => p.id !== before.ticket.priorityMap.high)!;
    // Chosen as a person does: the select must be in view and take the tap (no toast or button bar over it).
    const priority = page.getByLabel('Priority for High alerts');
    await priority.click({ trial: true });
    await priority.selectOption(other.id);
    // The sticky button bar: Save is on screen where the admin is, without scrolling to the end of the step.
    expect(await inViewport(page.getByRole('button', { name: 'Save' }))).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    listReloads.length = 0;
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => step(page), { timeout: 15_000 }).toBe('summary');
    expect(await wizardText(page)).toContain(`High: ${other.label}`);

    const after = await (await api.call('GET', ticketPath())).json();
    expect(after.ticket.priorityMap.high).toBe(other.id);
    // An absent close-on-resolve status and null both mean "leave the ticket open" (the wizard sends null).
    const unset = { closeOnResolveStatusId: null };
    expect({ ...unset, ...after.ticket, priorityMap: { ...after.ticket.priorityMap, high: before.ticket.priorityMap.high } }).toEqual({ ...unset, ...before.ticket });
    for (const s of SEVERITIES.filter((x) => x !== 'high')) expect(after.ticket.priorityMap[s]).toBe(before.ticket.priorityMap[s]);
    // The section's Save told the hub: its lists fetched again, with no reload and no host wiring.
    await expect.poll(() => listReloads.length).toBeGreaterThan(0);

    // Paused in the list, then resumed: the open summary and the Applications tab follow without a reload.
    const deliverySwitch = psaList.getByRole('switch', { name: `Deliver tickets to ${label}` });
    await deliverySwitch.click();
    await expect.poll(async () => (await wizardText(page)).includes('Paused'), { timeout: 10_000 }).toBe(true);
    await expect.poll(async () => (await applicationsPsa(page)).status, { timeout: 10_000 }).toBe('Paused');
    expect(await psaList.locator('[part~="status"]').textContent()).toBe('Paused');
    // The whole page while paused (the summary, the list's and the Applications tab's paused states), once per width and PSA.
    if (bulk) expect(await axeViolations(page)).toEqual([]);
    await deliverySwitch.click();
    await expect.poll(async () => (await wizardText(page)).includes('Paused'), { timeout: 10_000 }).toBe(false);
    await expect.poll(async () => (await applicationsPsa(page)).status, { timeout: 10_000 }).toBe('Active');
    expect(await sidewaysScroll(page)).toBe(0);

    // One Close: the summary's own (the demo page hides its Close while the wizard shows one).
    expect(await page.getByRole('button', { name: 'Close' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => step(page)).toBe(null);
    page.off('request', onRequest);
    page.off('load', onLoad);
    expect(pageLoads).toBe(0);
  });
});

/**
 * From the summary: Account Mapping alone, "Accept all N suggestions", the review, "Accept N
 * matches", Save. The table's mapped count, the summary, the stored mappings and the Applications
 * tab follow; then the organization's own switch there turns the page's Ticket delivery column off
 * and on again. Nothing was mapped before (the PSA was set up with no mappings).
 */
async function acceptSuggestionsInBulk(page: Page, api: AdminApi, setup: PsaSetup): Promise<void> {
  const org = await page.locator('#apps-org').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? '');
  expect((await applicationsPsa(page)).details).toContain(`catch-all account`);

  await page.getByRole('button', { name: 'Edit Account Mapping' }).click();
  await expect.poll(() => step(page)).toBe('account-mapping');
  const acceptAll = page.getByRole('button', { name: /^Accept all \d+ suggestions$/ });
  await acceptAll.waitFor({ timeout: 15_000 });
  const suggested = Number(/\d+/.exec((await acceptAll.textContent())!)![0]);
  expect(suggested).toBeGreaterThan(1);
  await page.getByText(/PSA accounts · 0 mapped$/).waitFor();
  await acceptAll.click();
  await page.getByRole('heading', { name: `Review ${suggested} suggested matches` }).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  expect(await sidewaysScroll(page)).toBe(0);
  await page.getByRole('button', { name: `Accept ${suggested} matches` }).click();
  await page.getByText(new RegExp(`PSA accounts · ${suggested} mapped$`)).waitFor();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => step(page), { timeout: 15_000 }).toBe('summary');
  expect(await wizardText(page)).toContain(`Mapped organizations ${suggested}; ignored PSA accounts: 0`);

  const stored = await (await api.call('GET', `/api/integrations/${setup.id}/psa/account-mapping`)).json();
  expect(stored.mappings.filter((m: { organizationId: string | null }) => m.organizationId)).toHaveLength(suggested);
  // The shown organization has its own PSA account now, not the catch-all: the Applications tab says so without a reload.
  await expect.poll(async () => (await applicationsPsa(page)).details, { timeout: 10_000 }).toMatch(/^Tickets go to the PSA account /);

  // The organization's own delivery switch: the page's Organizations table follows (its Ticket delivery column).
  const deliveryCell = page.getByRole('row', { name: new RegExp(`^${escapeRegExp(org)}`) }).getByRole('cell').nth(3);
  await expect.poll(() => deliveryCell.textContent()).toBe('On');
  const orgSwitch = page.locator('organization-applications').getByRole('switch', { name: new RegExp(`for ${escapeRegExp(org)}$`) });
  await orgSwitch.click();
  await expect.poll(() => deliveryCell.textContent(), { timeout: 10_000 }).toBe('Off');
  await orgSwitch.click();
  await expect.poll(() => deliveryCell.textContent(), { timeout: 10_000 }).toBe('On');
}
