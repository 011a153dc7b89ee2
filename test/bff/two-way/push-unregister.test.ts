/**
 * Deleting a PSA integration removes the ticket push the product registered at the vendor (over
 * real HTTP, with the vendor's own documented delete call): the delete answers 204 with no vendor
 * call of its own, and the two-way worker removes the hook afterwards, retrying while the vendor
 * fails it, then erases the credentials it kept for that (sealed). A removal still failing at its
 * deadline is abandoned: the credentials are erased all the same. A removal the vendor is slow to answer
 * does not hold the worker's other jobs. The audit log says what happened.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PSA_VENDORS, type PsaVendor } from '../../../bff/contracts/model.js';
import { platformEvent } from '../../../bff/services/two-way/platform-events.js';
import { PUSH_REMOVAL_GIVE_UP_MS } from '../../../bff/services/two-way/push-unregister.js';
import { TwoWayWorker } from '../../../bff/services/two-way/two-way-worker.js';
import { control } from '../../helpers/serve.js';
import { setupPsa } from '../routing/routing-harness.js';
import { createTwoWayTestApp, TEST_TWO_WAY_CONFIG, until, type TwoWayTestApp } from './two-way-harness.js';
import { twoWayServers } from './two-way-servers.js';

const servers = twoWayServers();
let t: TwoWayTestApp;
const workers: TwoWayWorker[] = [];
afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop();
  await t.shutdown();
});

/** The path of the vendor's hook delete (a fault on it makes the removal fail). */
const HOOK_DELETE_PATH: Record<PsaVendor, string> = { autotask: 'TicketWebhooks', 'kaseya-bms': 'admin/webhooks', connectwise: 'system/callbacks', halopsa: 'Webhook' };

/** The hooks the sandbox has registered that post to this integration's receiver. */
async function hooksFor(vendor: PsaVendor, integrationId: string): Promise<unknown[]> {
  const { targets } = await control(servers.sandbox.origin, vendor, 'webhooks') as { targets: Array<{ url: string }> };
  return targets.filter((h) => h.url.includes(`/webhooks/psa/${integrationId}`));
}

async function integrationWithPush(vendor: PsaVendor) {
  await control(servers.sandbox.origin, vendor, 'reset');
  t = await createTwoWayTestApp(servers.sandbox.origin, servers.receiver);
  const psa = await setupPsa(t, vendor);
  await until('the push registration', () => t.deps.repos.twoWay.getPush(psa.id));
  expect(await hooksFor(vendor, psa.id)).toHaveLength(1);
  // Stop the app's worker: what happens at the vendor during the delete is the route's doing alone.
  await t.twoWay.stop();
  return psa;
}

/** A two-way worker of this app (another instance's, or this one's restarted), on its own clock when given. */
function startWorker(now?: () => number): TwoWayWorker {
  const w = new TwoWayWorker(t.deps, { config: TEST_TWO_WAY_CONFIG, now }).start();
  workers.push(w);
  return w;
}

const failHookDeletes = (vendor: PsaVendor) =>
  control(servers.sandbox.origin, vendor, 'faults', { kind: '5xx', status: 503, count: 1_000, method: 'DELETE', pathIncludes: HOOK_DELETE_PATH[vendor] });
const recover = (vendor: PsaVendor) => fetch(`${servers.sandbox.origin}/sandbox/${vendor}/_control/faults`, { method: 'DELETE' });
const hookDeletesFailed = async (vendor: PsaVendor): Promise<number> => (await control(servers.sandbox.origin, vendor, 'stats')).faultsTaken['5xx'] ?? 0;

/** The integration's audit trail as the admin reads it (`GET …/audit`, which answers for a deleted integration too). */
async function auditOf(integrationId: string, action: string) {
  const res = await t.call('GET', `/api/integrations/${integrationId}/audit?limit=100`);
  expect(res.status).toBe(200);
  const { entries } = await res.json() as { entries: Array<{ action: string; actor: string; after: unknown }> };
  return entries.filter((e) => e.action === action).map((e) => ({ actor: e.actor, after: e.after }));
}

/** The removal as stored (`hasCredentials`: whether its sealed credentials are still in the database). */
const storedRemoval = (integrationId: string) => t.deps.repos.pushRemovals.get('partner-a', integrationId);

describe('deleting an integration removes its vendor push', () => {
  for (const vendor of PSA_VENDORS) {
    it(`${vendor}: the push is deleted at the vendor after the integration is deleted, and the credentials kept for it are erased`, async () => {
      const psa = await integrationWithPush(vendor);
      expect((await t.call('DELETE', `/api/integrations/${psa.id}`)).status).toBe(204);
      expect(await auditOf(psa.id, 'integration.delete')).toEqual([{ actor: expect.any(String), after: { vendorPush: 'queued' } }]);
      startWorker();
      await until('the removal', async () => (await storedRemoval(psa.id))?.state === 'removed');
      expect(await hooksFor(vendor, psa.id)).toEqual([]);
      expect(await t.deps.repos.twoWay.getPush(psa.id)).toBeNull();
      expect(await storedRemoval(psa.id)).toMatchObject({ attempts: 1, hasCredentials: false });
      expect(await auditOf(psa.id, 'integration.push-removed')).toEqual([{ actor: 'system', after: { vendorPush: 'removed', attempts: 1 } }]);
    });

    it(`${vendor}: a vendor failing the removal does not hold or fail the delete; the worker retries until the vendor recovers`, async () => {
      const psa = await integrationWithPush(vendor);
      await failHookDeletes(vendor);
      expect((await t.call('DELETE', `/api/integrations/${psa.id}`)).status).toBe(204);
      // The delete answered without calling the vendor at all.
      expect(await hookDeletesFailed(vendor)).toBe(0);
      const list = await (await t.call('GET', '/api/integrations')).json() as { integrations: Array<{ id: string }> };
      expect(list.integrations.map((i) => i.id)).not.toContain(psa.id);
      expect(await auditOf(psa.id, 'integration.delete')).toEqual([{ actor: expect.any(String), after: { vendorPush: 'queued' } }]);
      // The push the vendor still sends is no longer trusted.
      expect((await t.deps.repos.twoWay.getPush(psa.id))?.active).toBe(false);

      startWorker();
      await until('two failed removals', async () => ((await storedRemoval(psa.id))?.attempts ?? 0) >= 2);
      expect(await storedRemoval(psa.id)).toMatchObject({ state: 'pending', hasCredentials: true, lastError: 'unavailable (503)' });
      expect(await hooksFor(vendor, psa.id)).toHaveLength(1);
      expect(await auditOf(psa.id, 'integration.push-removed')).toEqual([]);

      await recover(vendor);
      await until('the removal', async () => (await storedRemoval(psa.id))?.state === 'removed');
      expect(await hooksFor(vendor, psa.id)).toEqual([]);
      expect(await t.deps.repos.twoWay.getPush(psa.id)).toBeNull();
      expect(await storedRemoval(psa.id)).toMatchObject({ hasCredentials: false, lastError: null });
      const [removed] = await auditOf(psa.id, 'integration.push-removed');
      expect(removed).toMatchObject({ actor: 'system', after: { vendorPush: 'removed' } });
      expect((removed!.after as { attempts: number }).attempts).toBeGreaterThanOrEqual(3);
    });

    it(`${vendor}: a hook the vendor no longer has (404) counts as removed: the credentials kept for it are erased`, async () => {
      const psa = await integrationWithPush(vendor);
      expect((await t.call('DELETE', `/api/integrations/${psa.id}`)).status).toBe(204);
      await control(servers.sandbox.origin, vendor, 'reset'); // the vendor's hooks are gone (an admin removed it there)
      startWorker();
      await until('the removal', async () => (await storedRemoval(psa.id))?.state === 'removed');
      expect(await storedRemoval(psa.id)).toMatchObject({ attempts: 1, hasCredentials: false, lastError: null });
      expect(await t.deps.repos.twoWay.getPush(psa.id)).toBeNull();
      expect(await auditOf(psa.id, 'integration.push-removed')).toEqual([{ actor: 'system', after: { vendorPush: 'removed', attempts: 1 } }]);
    });
  }

  it('a vendor slow to remove the hook does not hold the platform events the worker delivers meanwhile', async () => {
    const vendor: PsaVendor = 'halopsa';
    const psa = await integrationWithPush(vendor);
    await control(servers.sandbox.origin, vendor, 'faults', { kind: 'latency', ms: 1_000, count: 1, method: 'DELETE', pathIncludes: HOOK_DELETE_PATH[vendor] });
    expect((await t.call('DELETE', `/api/integrations/${psa.id}`)).status).toBe(204);
    startWorker();
    await until('the held hook delete', async () => ((await control(servers.sandbox.origin, vendor, 'stats')).faultsTaken.latency ?? 0) > 0);
    const event = platformEvent('partner-a', 'ticket.status_changed', 'ticket:held-removal', { ticketId: '1' });
    await t.deps.repos.twoWay.enqueueEvent(event);
    await until('the event at the platform', () => servers.receiver.events.some((e) => e.id === event.id));
    expect((await storedRemoval(psa.id))?.state).toBe('pending'); // the vendor still holds the delete
    await until('the removal', async () => (await storedRemoval(psa.id))?.state === 'removed');
    expect(await hooksFor(vendor, psa.id)).toEqual([]);
  });

  it('a removal still failing at its deadline is abandoned: the credentials are erased, the hook stays at the vendor, ignored', async () => {
    const vendor: PsaVendor = 'halopsa';
    const psa = await integrationWithPush(vendor);
    await failHookDeletes(vendor);
    expect((await t.call('DELETE', `/api/integrations/${psa.id}`)).status).toBe(204);
    const first = startWorker();
    await until('a failed removal', async () => ((await storedRemoval(psa.id))?.attempts ?? 0) >= 1);
    await first.stop();
    const { attempts } = (await storedRemoval(psa.id))!;

    // The vendor stays down; a worker whose clock has passed the deadline gives up without calling it.
    const failedCalls = await hookDeletesFailed(vendor);
    startWorker(() => Date.now() + PUSH_REMOVAL_GIVE_UP_MS + 60_000);
    await until('the abandoned removal', async () => (await storedRemoval(psa.id))?.state === 'abandoned');
    expect(await hookDeletesFailed(vendor)).toBe(failedCalls);
    expect(await storedRemoval(psa.id)).toMatchObject({ hasCredentials: false, attempts, lastError: 'unavailable (503)' });
    await recover(vendor);
    expect(await hooksFor(vendor, psa.id)).toHaveLength(1);
    expect((await t.deps.repos.twoWay.getPush(psa.id))?.active).toBe(false);
    expect(await auditOf(psa.id, 'integration.push-abandoned')).toEqual([{ actor: 'system', after: { vendorPush: 'abandoned', attempts } }]);
  });
});
