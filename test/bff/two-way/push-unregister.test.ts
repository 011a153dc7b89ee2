/**
 * Deleting a PSA integration removes the ticket push the product registered at the vendor (over
 * real HTTP, with the vendor's own documented delete call), after the delete is stored; a vendor
 * that fails the removal does not fail or undo the delete, and the audit log says what happened.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PSA_VENDORS, type PsaVendor } from '../../../bff/contracts/model.js';
import { control } from '../../helpers/serve.js';
import { setupPsa } from '../routing/routing-harness.js';
import { createTwoWayTestApp, until, type TwoWayTestApp } from './two-way-harness.js';
import { twoWayServers } from './two-way-servers.js';

const servers = twoWayServers();
let t: TwoWayTestApp;
afterEach(() => t.shutdown());

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
  // Stop registering: a deleted integration must not be registered again either way, but the test reads a settled state.
  await t.twoWay.stop();
  return psa;
}

async function deleteAudit(integrationId: string) {
  const entries = await t.deps.repos.audit.list('partner-a', { target: `integration:${integrationId}` });
  return entries.find((e) => e.action === 'integration.delete');
}

describe('deleting an integration removes its vendor push', () => {
  for (const vendor of PSA_VENDORS) {
    it(`${vendor}: the push is deleted at the vendor after the integration is deleted`, async () => {
      const psa = await integrationWithPush(vendor);
      expect((await t.call('DELETE', `/api/integrations/${psa.id}`)).status).toBe(204);
      expect(await hooksFor(vendor, psa.id)).toEqual([]);
      expect(await t.deps.repos.twoWay.getPush(psa.id)).toBeNull();
      expect((await deleteAudit(psa.id))?.after).toEqual({ vendorPush: 'removed' });
    });

    it(`${vendor}: a vendor failing the removal does not fail the delete; the audit log records it`, async () => {
      const psa = await integrationWithPush(vendor);
      await control(servers.sandbox.origin, vendor, 'faults', { kind: '5xx', status: 503, count: 50, method: 'DELETE', pathIncludes: HOOK_DELETE_PATH[vendor] });
      expect((await t.call('DELETE', `/api/integrations/${psa.id}`)).status).toBe(204);
      await fetch(`${servers.sandbox.origin}/sandbox/${vendor}/_control/faults`, { method: 'DELETE' });
      const list = await (await t.call('GET', '/api/integrations')).json() as { integrations: Array<{ id: string }> };
      expect(list.integrations.map((i) => i.id)).not.toContain(psa.id);
      expect(await hooksFor(vendor, psa.id)).toHaveLength(1);
      expect((await deleteAudit(psa.id))?.after).toEqual({ vendorPush: 'failed' });
      // The push the vendor still sends is no longer trusted.
      expect((await t.deps.repos.twoWay.getPush(psa.id))?.active).toBe(false);
    });
  }
});
