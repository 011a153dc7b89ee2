/**
 * Both RMMs connected on the demo page with the keyboard alone (Tab, Enter, Space, typing), against
 * `npm start`'s server and sandboxes, walking every refusal on the way: no organization, wrong
 * credentials, a duplicate without confirmation, and the user-activity organization on edit
 * (read-only in the wizard, refused by the BFF). Ends on the Applications view, axe-clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { axeViolations, startProduct, type E2eContext } from '../helpers/e2e-server.js';

let ctx: E2eContext;
let token: string;
beforeAll(async () => {
  ctx = await startProduct();
  // A step that does not come fails in seconds, not after Playwright's default 30 s.
  ctx.page.setDefaultTimeout(8_000);
  await ctx.page.goto(`${ctx.origin}/`);
  await ctx.page.getByRole('button', { name: 'Add RMM' }).waitFor();
  token = (await (await fetch(`${ctx.origin}/demo/session`)).json()).token;
});
afterAll(() => ctx?.stop());

/** Whether `locator` holds the focus (looking through shadow roots). */
function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active === el;
  });
}

/** Presses Tab (or Shift+Tab) until `locator` has the focus, as a keyboard user would. */
async function tabTo(page: Page, locator: Locator, { back = false, max = 60 } = {}): Promise<void> {
  await locator.waitFor();
  for (let i = 0; i < max; i++) {
    if (await isFocused(locator)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${locator}`);
}

async function press(page: Page, locator: Locator, key = 'Enter', options?: { back?: boolean }) {
  await tabTo(page, locator, options);
  await page.keyboard.press(key);
}

/** Types into the focused field after selecting what it holds. */
async function retype(page: Page, locator: Locator, text: string, options?: { back?: boolean }) {
  await tabTo(page, locator, options);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** The demo host's Close button, reached with Tab after the wizard. */
async function closeWizard(page: Page, wizard: Locator): Promise<void> {
  await press(page, page.getByRole('button', { name: 'Close', exact: true }));
  await wizard.waitFor({ state: 'detached' });
}

const api = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${ctx.origin}/api${path}`, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
};

describe('RMM wizards on the demo page, keyboard only', () => {
  it('connects Datto RMM through every refusal', async () => {
    const { page } = ctx;
    const wizard = page.locator('rmm-wizard');
    await press(page, page.getByRole('button', { name: 'Add RMM' }));
    await press(page, page.getByRole('button', { name: 'Datto RMM', exact: true }));
    await page.getByRole('heading', { name: 'Step 1 of 5: Organization' }).waitFor();

    // No organization: Next refuses, says why, and puts the focus on the field.
    await press(page, wizard.getByRole('button', { name: 'Next' }));
    await wizard.getByText('Select an organization for this integration').waitFor();
    const organization = wizard.getByLabel('Organization for this integration');
    // Focus moves once the refused step has re-rendered (a moment after its message appears): wait for it, then type.
    await expect.poll(() => isFocused(organization)).toBe(true);
    await page.keyboard.type('Northwind');
    await press(page, wizard.getByRole('button', { name: 'Next' }));
    await page.getByRole('heading', { name: 'Step 2 of 5: Set Credentials' }).waitFor();

    // Wrong credentials: the vendor's refusal next to the field, still on this step.
    await tabTo(page, wizard.getByLabel('Datto RMM platform (region)'));
    await page.keyboard.type('Merlot');
    await retype(page, wizard.getByLabel('API Key', { exact: true }), 'sandbox-key');
    await retype(page, wizard.getByLabel('API Secret Key'), 'not-the-secret');
    await press(page, wizard.getByRole('button', { name: 'Next' }));
    await wizard.locator('ih-text-field[invalid]').first().waitFor();
    expect(await page.getByRole('heading', { name: 'Step 2 of 5: Set Credentials' }).isVisible()).toBe(true);
    await retype(page, wizard.getByLabel('API Secret Key'), 'sandbox-secret', { back: true });
    await press(page, wizard.getByRole('button', { name: 'Next' }));
    await page.getByRole('heading', { name: 'Step 3 of 5: Organization Mapping' }).waitFor();

    await wizard.getByText(/\d+ mapped, \d+ not mapped/).waitFor();
    await press(page, wizard.getByRole('switch', { name: 'Automatically map organizations with 100% match' }), 'Space');
    await wizard.getByText(/by exact name, applied when you save/).waitFor();
    await press(page, wizard.getByRole('button', { name: 'Next' }));
    await page.getByRole('heading', { name: 'Step 4 of 5: Parameters' }).waitFor();
    await press(page, wizard.getByRole('button', { name: 'Next' }));
    await page.getByRole('heading', { name: 'Step 5 of 5: Finish' }).waitFor();
    await wizard.getByText('Allow up to 10–30 minutes for devices to appear').first().waitFor();
    await press(page, wizard.getByRole('button', { name: 'Finish' }));

    // The host refreshes its lists on wizard-complete and keeps the finish view until Close.
    const rmmList = page.locator('integration-list[kind="rmm"]');
    await rmmList.getByText('Connected').first().waitFor();
    await closeWizard(page, wizard);
    const rows = (await api('GET', '/integrations?kind=rmm')).body.integrations;
    expect(rows).toMatchObject([{ vendor: 'datto-rmm', status: 'connected', userActivityOrganizationId: 'org-internal' }]);
  });

  it('refuses a second Datto RMM connection without the separate-instance confirmation (in the wizard and in the BFF)', async () => {
    const { page } = ctx;
    const wizard = page.locator('rmm-wizard');
    await press(page, page.getByRole('button', { name: 'Add RMM' }), 'Enter', { back: true });
    await press(page, page.getByRole('button', { name: 'Datto RMM', exact: true }));
    await wizard.getByText('A Datto RMM integration already exists').waitFor();
    await tabTo(page, wizard.getByLabel('Organization for this integration'));
    await page.keyboard.type('Northwind');
    await press(page, wizard.getByRole('button', { name: 'Next' }));
    const confirm = wizard.getByRole('checkbox', { name: /separate Datto RMM instance/ });
    await wizard.getByText('Confirm that this is a separate instance to continue').waitFor();
    await expect.poll(() => isFocused(confirm)).toBe(true);
    expect(await page.getByRole('heading', { name: 'Step 1 of 5: Organization' }).isVisible()).toBe(true);

    // Another Datto RMM account (the sandbox's second key); the same account would be refused outright.
    const direct = await api('POST', '/integrations', { vendor: 'datto-rmm', credentials: { platform: 'merlot', apiKey: 'sandbox-key-2', apiSecret: 'sandbox-secret-2' }, userActivityOrganizationId: 'org-internal' });
    expect(direct.status).toBe(409);
    expect(direct.body.code).toBe('duplicate_connection');
    const same = await api('POST', '/integrations', { vendor: 'datto-rmm', credentials: { platform: 'merlot', apiKey: 'sandbox-key', apiSecret: 'sandbox-secret' }, userActivityOrganizationId: 'org-internal', confirmSeparateInstance: true });
    expect(same.status).toBe(409);
    expect(same.body.code).toBe('account_already_connected');

    await press(page, wizard.getByRole('button', { name: 'Cancel' }), 'Enter', { back: true });
    await wizard.waitFor({ state: 'detached' });
    expect((await api('GET', '/integrations?kind=rmm')).body.integrations).toHaveLength(1);
  });

  it('connects Syncro: no user-activity organization is refused, then Connected', async () => {
    const { page } = ctx;
    const wizard = page.locator('rmm-wizard');
    await press(page, page.getByRole('button', { name: 'Add RMM' }), 'Enter', { back: true });
    await press(page, page.getByRole('button', { name: 'Syncro', exact: true }));
    await page.getByRole('heading', { name: 'Step 1 of 3: Credentials' }).waitFor();
    await wizard.getByText('RMM Alerts - Clear/Manage').waitFor();
    // A well-formed subdomain without a Syncro account: Syncro's refusal next to the subdomain.
    await retype(page, wizard.getByLabel('Syncro subdomain'), 'acme-it');
    await retype(page, wizard.getByLabel('API token', { exact: true }), 'sandbox-token');
    await press(page, wizard.getByRole('button', { name: 'Next' }));
    await wizard.getByText(/Syncro has no account at acme-it\.syncromsp\.com/).waitFor();
    expect(await page.getByRole('heading', { name: 'Step 1 of 3: Credentials' }).isVisible()).toBe(true);
    await retype(page, wizard.getByLabel('Syncro subdomain'), 'sandbox', { back: true });
    await retype(page, wizard.getByLabel('API token', { exact: true }), 'sandbox-token');
    // Syncro is not connected yet, so no confirmation is asked.
    await press(page, wizard.getByRole('button', { name: 'Next' }));
    await page.getByRole('heading', { name: 'Step 2 of 3: Account Mapping' }).waitFor();
    await wizard.getByText(/\d+ mapped, \d+ not mapped/).waitFor();

    await press(page, wizard.getByRole('button', { name: 'Next' }));
    await wizard.getByText('Select a User Activity Organization').waitFor();
    await expect.poll(() => isFocused(wizard.getByLabel('User Activity Organization'))).toBe(true);
    await page.keyboard.type('Northwind');
    await press(page, wizard.getByRole('switch', { name: 'Automatically map organizations with a 100% match' }), 'Space');
    await press(page, wizard.getByRole('button', { name: 'Next' }));
    await page.getByRole('heading', { name: 'Step 3 of 3: Finish' }).waitFor();
    await wizard.getByText('Syncro appears as a connected application under MSP Tools in the Applications tab for Northwind MSP (Internal).').waitFor();
    await press(page, wizard.getByRole('button', { name: 'Finish' }));
    await page.locator('integration-list[kind="rmm"]').getByText('Syncro').first().waitFor();
    await closeWizard(page, wizard);
    const rows = (await api('GET', '/integrations?kind=rmm')).body.integrations;
    expect(rows.map((r: { vendor: string; status: string }) => [r.vendor, r.status])).toEqual([['datto-rmm', 'connected'], ['syncro', 'connected']]);
    // Each row names its account: the Datto RMM platform, the Syncro address.
    await page.locator('integration-list[kind="rmm"]').getByText('Merlot platform · Northwind MSP').waitFor();
    await page.locator('integration-list[kind="rmm"]').getByText('sandbox.syncromsp.com').waitFor();
  });

  it('on edit, the user-activity organization is read-only, and the BFF refuses to change it', async () => {
    const { page } = ctx;
    const wizard = page.locator('rmm-wizard');
    await press(page, page.locator('integration-list[kind="rmm"]').getByRole('button', { name: 'Edit Syncro' }), 'Enter', { back: true });
    // A connected RMM opens at the summary of its sections (issue 17, item 1), the organization shown read-only.
    await page.getByRole('heading', { name: 'Settings of this integration' }).waitFor();
    await wizard.getByText('Northwind MSP (Internal). Set when the integration was created; it cannot be changed.').waitFor();
    await wizard.getByText('Stored (never shown; replace them to change them)').waitFor();
    await press(page, wizard.getByRole('button', { name: 'Edit Account Mapping' }));
    await page.getByRole('heading', { name: 'Account Mapping', exact: true }).waitFor();
    await wizard.getByText('Northwind MSP (Internal). The user activity organization cannot be changed after the integration is created.').waitFor();
    expect(await wizard.getByRole('combobox', { name: 'User Activity Organization' }).count()).toBe(0);

    const syncro = (await api('GET', '/integrations?kind=rmm')).body.integrations.find((r: { vendor: string }) => r.vendor === 'syncro');
    const refused = await api('PUT', `/integrations/${syncro.id}/rmm/mapping`, { userActivityOrganizationId: 'org-acme', autoMapExact: true, siteTypes: ['managed'], mappings: [] });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('immutable_user_activity_organization');

    // Cancel leaves the section unsaved and returns to the summary; Close leaves the wizard.
    await press(page, wizard.getByRole('button', { name: 'Cancel' }), 'Enter', { back: true });
    await page.getByRole('heading', { name: 'Settings of this integration' }).waitFor();
    await press(page, wizard.getByRole('button', { name: 'Close' }));
    await wizard.waitFor({ state: 'detached' });
  });

  it('the Applications view lists both RMMs for a mapped organization, and the page is axe-clean', async () => {
    const { page } = ctx;
    const picker = page.getByLabel('Organization', { exact: true });
    await tabTo(page, picker, { back: true, max: 120 });
    await page.keyboard.type('Acme');
    const apps = page.locator('organization-applications');
    await apps.getByText('Devices from 1 mapped site: Acme Dental Group').first().waitFor();
    expect(await apps.locator('[part~="vendor"]').allTextContents()).toEqual(['Datto RMM', 'Syncro']);
    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations)).toEqual([]);
  });
});
