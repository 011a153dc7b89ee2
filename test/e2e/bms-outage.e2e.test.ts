/**
 * End-to-end walk in Chromium on the real product (demo mode, inline routing worker, the Kaseya
 * BMS sandbox on the same origin): a Kaseya BMS outage (503 on every call) during a storm of
 * alerts. The admin opens the integration's delivery log and sees every alert waiting, with why;
 * the outage ends; the log shows every alert delivered, and the sandbox got each exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { PSA_SANDBOX_KITS } from '../../bff/sandboxes/index.js';
import { alert, alertMentions, setupPsa } from '../bff/routing/routing-harness.js';
import { axeViolations, startProduct, type E2eContext } from '../helpers/e2e-server.js';
import { httpTestApp } from '../helpers/http-test-app.js';
import { control } from '../helpers/serve.js';

const STORM = 24;
let ctx: E2eContext;
let session: { token: string; routerToken: string };

beforeAll(async () => {
  if (!existsSync('dist/elements/integration-elements.js')) throw new Error('Build the elements first: npx vite build');
  // Short clocks: the worker tries again within half a second; after 3 failures in a row the circuit
  // breaker holds the queue and probes every 0.3–1 s, so the end of the outage is seen at once.
  ctx = await startProduct({
    ROUTING_BACKOFF_BASE_MS: '100', ROUTING_BACKOFF_MAX_MS: '500', ROUTING_POLL_MS: '20',
    ROUTING_BREAKER_THRESHOLD: '3', ROUTING_PROBE_BASE_MS: '300', ROUTING_PROBE_MAX_MS: '1000',
  });
  session = await (await fetch(`${ctx.origin}/demo/session`)).json();
});
afterAll(() => ctx?.stop());

async function counts(integrationId: string): Promise<{ waiting: number; delivered: number; failed: number; skipped: number }> {
  const res = await fetch(`${ctx.origin}/api/integrations/${integrationId}/deliveries?limit=1`, { headers: { Authorization: `Bearer ${session.token}` } });
  return ((await res.json()) as { counts: { waiting: number; delivered: number; failed: number; skipped: number } }).counts;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a Kaseya BMS outage during a storm of alerts', () => {
  it('keeps every alert waiting while BMS is down, and the delivery log shows each delivered once it answers', async () => {
    const { page, origin } = ctx;
    await control(origin, 'kaseya-bms', 'reset');
    const psa = await setupPsa(httpTestApp(origin, session.token), 'kaseya-bms', {
      subjectTemplate: '{user}', mappings: { 'org-acme': { account: 'Acme Dental Group' }, 'org-bluebird': { account: 'Bluebird Logistics' } },
    });
    await page.goto(`${origin}/`);
    const row = page.locator('integration-list[kind="psa"] [part~="row"]', { hasText: 'Kaseya BMS' });
    await row.waitFor();

    // The outage: every BMS call answers 503 until it ends.
    await control(origin, 'kaseya-bms', 'faults', { kind: '5xx', status: 503, count: 10_000 });
    const users = ['ana', 'ben', 'cy', 'dee', 'eli', 'fay'];
    const storm = Array.from({ length: STORM }, (_, i) => alert({
      id: `storm-${i}`, organizationId: i % 2 ? 'org-bluebird' : 'org-acme', user: { email: `${users[i % users.length]}@example.com` }, title: `Storm alert ${i + 1}`,
    }));
    for (const a of storm) {
      const res = await fetch(`${origin}/api/routing/alerts`, { method: 'POST', headers: { Authorization: `Bearer ${session.routerToken}`, 'Content-Type': 'application/json' }, body: JSON.stringify(a) });
      expect(res.status).toBe(202);
    }
    await until('the storm to be tried against the outage', async () => (await control(origin, 'kaseya-bms', 'stats')).calls >= 3);
    // Intake resolves alerts in the background: wait until every one is counted, then none may be delivered or failed.
    await until('every alert accepted and waiting', async () => (await counts(psa.id)).waiting === STORM);
    expect(await counts(psa.id)).toEqual({ waiting: STORM, delivered: 0, failed: 0, skipped: 0 });

    // The admin opens the page during the outage (an open page notices within a minute): the row
    // shows the outage banner, BMS is not answering and the alerts wait for it.
    await page.reload();
    await row.waitFor();
    const banner = row.locator('[part~="availability"]');
    await expect.poll(async () => (await banner.textContent({ timeout: 1_000 }).catch(() => '')) ?? '', { timeout: 30_000 })
      .toMatch(new RegExp(`Kaseya BMS has not answered since .+ \\(HTTP 503\\)\\. ${STORM} alerts are waiting and will be delivered when it answers`));

    // The admin opens the delivery log from the row: every alert is waiting, and the tried ones say why.
    await row.getByRole('button', { name: 'Delivery log Kaseya BMS' }).click();
    const dialog = page.getByRole('dialog', { name: 'Deliveries to Kaseya BMS' });
    await dialog.waitFor();
    const log = dialog.locator('delivery-log');
    await expect.poll(() => log.locator('[part~="counts"]').textContent()).toBe(`0 failed · ${STORM} waiting · 0 delivered · 0 skipped`);
    const first = log.locator('[part~="entry"]').first();
    await expect.poll(() => first.locator('.title').textContent()).toBe(`Storm alert ${STORM}`);
    expect(await first.locator('[part~="outcome"]').textContent()).toBe('Waiting');
    await expect.poll(async () => (await log.locator('[part~="entry-waiting"] [part~="reason"]').first().textContent()) ?? '')
      .toMatch(/^The PSA did not take it yet \(\d+ tr(y|ies)\); it is tried again by itself\.$/);
    expect(await log.getByRole('button', { name: 'Retry all failed (0)' }).getAttribute('aria-disabled')).toBe('true');

    // The outage ends.
    const callsDuringOutage = (await control(origin, 'kaseya-bms', 'stats')).calls;
    await fetch(`${origin}/sandbox/kaseya-bms/_control/faults`, { method: 'DELETE' });
    await until('every alert delivered', async () => (await counts(psa.id)).delivered === STORM);
    // The banner is gone once BMS answers and the waiting alerts are out.
    await expect.poll(() => banner.count(), { timeout: 30_000 }).toBe(0);

    // The log, loaded again, shows every alert delivered and none waiting or failed.
    await log.getByRole('combobox', { name: 'State' }).selectOption('waiting');
    await expect.poll(() => log.locator('[part~="message"]').textContent()).toBe('No deliveries match these filters.');
    await log.getByRole('combobox', { name: 'State' }).selectOption('');
    await expect.poll(() => log.locator('[part~="counts"]').textContent()).toBe(`0 failed · 0 waiting · ${STORM} delivered · 0 skipped`);
    await expect.poll(() => first.locator('[part~="outcome"]').textContent()).toMatch(/^(Ticket created|Note added)$/);
    const link = first.locator('[part~="ticket-link"]');
    expect(await link.getAttribute('href')).toMatch(/^https:\/\/bms\.kaseya\.com\/MSP\/TicketEdit\.aspx\?ID=\d+$/);
    expect(await axeViolations(page)).toEqual([]);

    // Each alert reached BMS exactly once: one ticket per user, the rest as notes.
    const mentions = await alertMentions(origin, 'kaseya-bms', storm.map((a) => a.id));
    expect([...mentions.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    const tickets = (await control(origin, 'kaseya-bms', `writes?kind=ticket`)).writes.map((w: any) => PSA_SANDBOX_KITS['kaseya-bms'].ticketWrite({ ...w, seq: 0, at: '', kind: 'ticket' }));
    expect(tickets.length).toBe(users.length);
    expect(callsDuringOutage).toBeGreaterThan(STORM);

    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  });
});
