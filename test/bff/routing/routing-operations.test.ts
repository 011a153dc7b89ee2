/**
 * Preview without side effects, the billable-user sync (on demand and on the sync day), "Send test
 * ticket", the health view and an admin's retry of a failed delivery, against the sandboxes.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ORGANIZATIONS } from '../../../bff/demo/demo-organizations.js';
import { PSA_VENDORS, type PsaVendor } from '../../../bff/contracts/model.js';
import { PSA_SANDBOX_KITS } from '../../../bff/sandboxes/index.js';
import { VENDOR_LABELS } from '../../../bff/contracts/vendor-catalog.js';
import { startSandboxServer } from '../../helpers/sandbox-server.js';
import { control, type RunningServer } from '../../helpers/serve.js';
import {
  alert, closeAsTechnician, createRoutingTestApp, deliverAll, postAlert, settled, setupPsa, ticketWrites, writes, type RoutingTestApp,
} from './routing-harness.js';

let sandbox: RunningServer;
let t: RoutingTestApp;
beforeAll(async () => { sandbox = await startSandboxServer(); });
afterAll(() => sandbox.close());
afterEach(() => t?.shutdown());

const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });
const usersOf = (id: string) => DEMO_ORGANIZATIONS.find((o) => o.id === id)!.billableUsers;

for (const vendor of PSA_VENDORS) {
  describe(`preview: ${vendor}`, () => {
    beforeEach(async () => {
      await control(sandbox.origin, vendor, 'reset');
      t = await createRoutingTestApp(sandbox.origin);
    });

    it('says what would happen and why, and changes nothing', async () => {
      const psa = await setupPsa(t, vendor, { subjectTemplate: '{user} – {alert}' });
      const probe = alert({ user: { email: 'probe@domain.com' } });
      const before = (await control(sandbox.origin, vendor, 'writes')).writes.length;
      const first = await json(await t.call('POST', '/api/routing/preview', { token: t.router, body: { ...probe, id: undefined } }));
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        action: 'create_ticket', ticket: null,
        decision: { account: { id: psa.accounts.get('Acme Dental Group')!.id, source: 'mapping' }, subject: 'probe@domain.com – Too Many Downloads', priorityId: psa.priorityFor.high },
        contact: { source: 'primary' },
      });
      expect(first.body.why).toMatch(/No ticket exists yet/);
      expect((await control(sandbox.origin, vendor, 'writes')).writes.length).toBe(before);
      expect(await t.deps.repos.routing.get('partner-a', 'preview')).toBeUndefined();

      const [delivered] = await deliverAll(t, [probe]);
      const second = await json(await t.call('POST', '/api/routing/preview', { body: { ...probe, id: 'p-2' } }));
      expect(second.body).toMatchObject({ action: 'add_note', ticket: { vendorTicketId: delivered.vendorTicketId, isOpen: true } });
      await closeAsTechnician(sandbox.origin, vendor, delivered.vendorTicketId);
      const afterClose = (await control(sandbox.origin, vendor, 'writes')).writes.length;
      const third = await json(await t.call('POST', '/api/routing/preview', { token: t.router, body: probe }));
      expect(third.body).toMatchObject({ action: 'create_ticket', ticket: { isOpen: false } });
      expect(third.body.why).toMatch(/closed/);
      expect((await control(sandbox.origin, vendor, 'writes')).writes.length).toBe(afterClose);
      expect((await t.deps.repos.routing.getGroup(psa.id, delivered.decision.groupKey))?.isOpen).toBe(true);
    });

    it('explains a skip and refuses an invalid alert with fields', async () => {
      const skip = await json(await t.call('POST', '/api/routing/preview', { token: t.router, body: alert() }));
      expect(skip.body).toMatchObject({ action: 'skip', decision: { code: 'no_psa_integration' } });
      const bad = await json(await t.call('POST', '/api/routing/preview', { token: t.router, body: { organizationId: 'x' } }));
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['severity', 'alertType', 'title']));
    });
  });
}

for (const vendor of PSA_VENDORS) {
  describe(`billable-user sync and test ticket: ${vendor}`, () => {
    beforeEach(async () => {
      await control(sandbox.origin, vendor, 'reset');
    });

    it('sets each mapped contract’s service units to the billable users, on demand', async () => {
      t = await createRoutingTestApp(sandbox.origin);
      const psa = await setupPsa(t, vendor, {
        mappings: { 'org-acme': { account: 'Acme Dental Group' }, 'org-cedar': { account: 'Cedar Ridge Law' } },
        contract: { addContractsToTickets: false, syncBillableUsers: true, userSyncDay: 28, organizations: ['org-acme', 'org-cedar'], serviceOverride: { 'org-cedar': { unitCost: 1.25, unitPrice: 3.5 } } },
      });
      const { status, body } = await json(await t.call('POST', `/api/integrations/${psa.id}/psa/billable-sync`));
      expect(status).toBe(200);
      expect(body.results.map((r: any) => [r.organizationId, r.units, r.status, r.unitPrice])).toEqual([['org-acme', usersOf('org-acme'), 'sent', null], ['org-cedar', usersOf('org-cedar'), 'sent', 3.5]]);
      const units = JSON.stringify(await writes(sandbox.origin, vendor, 'contract-service.units'));
      expect(units).toContain(String(usersOf('org-acme')));
      expect(units).toContain(String(usersOf('org-cedar')));
      const health = await json(await t.call('GET', `/api/integrations/${psa.id}/health`));
      expect(health.body.billableSync).toMatchObject({ enabled: true, userSyncDay: 28 });
      expect(health.body.billableSync.lastResults.map((r: any) => [r.organizationId, r.units, r.status, r.period])).toEqual(expect.arrayContaining([['org-acme', usersOf('org-acme'), 'sent', 'manual'], ['org-cedar', usersOf('org-cedar'), 'sent', 'manual']]));
      expect(health.body.billableSync.nextSyncDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });

    it('runs by itself once on the user sync day, and not again that month', async () => {
      const day = new Date().getUTCDate();
      t = await createRoutingTestApp(sandbox.origin, { config: { billableCheckMs: 50 }, startWorker: false });
      const psa = await setupPsa(t, vendor, { contract: { addContractsToTickets: false, syncBillableUsers: true, userSyncDay: Math.min(day, 28), organizations: ['org-acme'] } });
      t.worker.start();
      const deadline = Date.now() + 5_000;
      while ((await writes(sandbox.origin, vendor, 'contract-service.units')).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200)); // a few more checks: nothing is sent twice
      const sent = await t.deps.repos.routing.billableSyncs(psa.id);
      expect(sent.map((r) => [r.organizationId, r.units, r.status, r.period])).toEqual([['org-acme', usersOf('org-acme'), 'sent', new Date().toISOString().slice(0, 7)]]);
      const health = await json(await t.call('GET', `/api/integrations/${psa.id}/health`));
      expect(health.body.billableSync.nextSyncDate > new Date().toISOString().slice(0, 10)).toBe(true);
    });

    it('sends a clearly marked test ticket to the catch-all account', async () => {
      t = await createRoutingTestApp(sandbox.origin);
      const psa = await setupPsa(t, vendor, { complete: false });
      const { status, body } = await json(await t.call('POST', `/api/integrations/${psa.id}/psa/test-ticket`));
      expect(status).toBe(201);
      const [ticket] = await ticketWrites(sandbox.origin, vendor);
      expect(ticket).toMatchObject({ id: body.vendorTicketId, accountId: psa.accounts.get('Northwind MSP (Internal)')!.id, priorityId: psa.priorityFor.informational });
      expect(ticket!.title).toMatch(/^\[TEST\] /);
      expect(body.title).toBe(ticket!.title);
      const router = await t.call('POST', `/api/integrations/${psa.id}/psa/test-ticket`, { token: t.router });
      expect(router.status).toBe(403);
    });
  });
}

for (const vendor of PSA_VENDORS) {
  describe(`health and retry: ${vendor}`, () => {
    beforeEach(async () => {
      await control(sandbox.origin, vendor, 'reset');
      // A retry horizon of 0.4 s instead of 72 h: the outage outlasts it.
      t = await createRoutingTestApp(sandbox.origin, { config: { retryHorizonHours: 0.4 / 3_600 }, adapterContext: { maxAttempts: 1 } });
    });

    it('fails past the retry horizon with the vendor’s message and advice; an admin retry delivers it once', async () => {
      const psa = await setupPsa(t, vendor);
      await control(sandbox.origin, vendor, 'faults', { kind: '5xx', count: 50, status: 503, pathIncludes: PSA_SANDBOX_KITS[vendor].ticketPath });
      const a = alert();
      await postAlert(t, a);
      const [failed] = await settled(t, [a.id]);
      expect(failed).toMatchObject({ state: 'failed', outcome: null });
      expect(failed.attempts).toBeGreaterThan(1);
      expect(failed.lastError).toContain(`${VENDOR_LABELS[vendor]} did not answer (HTTP 503). Try again in a few minutes`);
      expect(failed.reason).toMatch(/did not answer/);

      const health = await json(await t.call('GET', `/api/integrations/${psa.id}/health`));
      expect(health.body).toMatchObject({ status: 'active', totals: { failed: 1 }, failures: { total: 1, advice: [{ code: 'unavailable', count: 1 }] }, queue: { depth: 0 } });
      expect(health.body.failures.recent[0]).toMatchObject({ alertId: a.id, code: 'unavailable' });

      expect((await t.call('POST', `/api/routing/alerts/${a.id}/retry`, { token: t.router })).status).toBe(403);
      await fetch(`${sandbox.origin}/sandbox/${vendor}/_control/faults`, { method: 'DELETE' });
      const retried = await json(await t.call('POST', `/api/routing/alerts/${a.id}/retry`));
      expect(retried.body).toMatchObject({ state: 'queued', attempts: 0 });
      const [delivered] = await settled(t, [a.id]);
      expect(delivered).toMatchObject({ state: 'delivered', outcome: 'ticket_created' });
      expect(await ticketWrites(sandbox.origin, vendor)).toHaveLength(1);
      expect((await t.call('POST', `/api/routing/alerts/${a.id}/retry`)).status).toBe(409);
      const after = await json(await t.call('GET', `/api/integrations/${psa.id}/health`));
      expect(after.body).toMatchObject({ lastDelivery: { alertId: a.id, outcome: 'ticket_created' }, totals: { delivered: 1, failed: 0 } });
    });
  });
}
