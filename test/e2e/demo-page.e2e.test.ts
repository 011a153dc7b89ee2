/**
 * The product as a new user meets it: `npm start`'s server, the demo host page in Chromium, the
 * lists rendered by the real elements against the real BFF, and no accessibility violations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, startProduct, type E2eContext } from '../helpers/e2e-server.js';

let ctx: E2eContext;
beforeAll(async () => { ctx = await startProduct(); });
afterAll(() => ctx?.stop());

describe('demo host page', () => {
  it('serves the portal settings page with both integration lists and the organizations', async () => {
    const { page, origin } = ctx;
    await page.goto(`${origin}/`);
    await expect.poll(() => page.locator('integration-list[kind="psa"]').evaluate((el) => customElements.get(el.localName) !== undefined)).toBe(true);
    await page.getByRole('button', { name: /add psa/i }).waitFor();
    await page.getByRole('button', { name: /add rmm/i }).waitFor();
    await page.getByRole('cell', { name: 'Acme Dental Group' }).waitFor();
    expect(await page.getByRole('row').count()).toBe(13);
    expect(await page.textContent('body')).toContain('Sandbox MSP');
  });

  it('is axe-clean', async () => {
    expect(await axeViolations(ctx.page)).toEqual([]);
  });

  it('answers the health check and serves the sandboxes on the same port', async () => {
    const health = await (await fetch(`${ctx.origin}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', database: 'ok' });
    const zone = await fetch(`${ctx.origin}/sandbox/autotask/atservicesrest/v1.0/zoneInformation?user=api-user@sandbox.example`);
    expect(zone.status).toBe(200);
    expect((await zone.json()).url).toContain(`${ctx.origin}/sandbox/autotask/`);
  });
});
