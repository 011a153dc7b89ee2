/**
 * A forged, replayed or other-integration push changes nothing: it answers as the vendor expects
 * (401 for a bad signature, 200 for a signed but stale one, so the vendor neither retries nor
 * deactivates) and the group keeps taking notes; the platform hears nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUTOTASK_WEBHOOK, type AutotaskCallout } from '../../../bff/vendors/webhooks/webhook-facts.js';
import { PSA_VENDORS } from '../../../bff/contracts/model.js';
import { control } from '../../helpers/serve.js';
import { alert, deliverAll, setupPsa } from '../routing/routing-harness.js';
import { createTwoWayTestApp, until, type TwoWayTestApp } from './two-way-harness.js';
import { twoWayServers } from './two-way-servers.js';

const servers = twoWayServers();
let t: TwoWayTestApp;
afterEach(() => t.shutdown());
beforeEach(() => {
  servers.receiver.events.length = 0;
});

async function openTicket(vendor: (typeof PSA_VENDORS)[number], app = t) {
  const psa = await setupPsa(app, vendor, { subjectTemplate: '{user}' });
  const [first] = await deliverAll(app, [alert()]);
  await until('the push registration', () => app.deps.repos.twoWay.getPush(psa.id));
  return { psa, ticketId: first.vendorTicketId as string };
}

// The ticket's own creation is announced too (ticket.created); a forged push must add no status change.
const statusChanges = () => servers.receiver.events.filter((e) => e.type === 'ticket.status_changed');

const groupOpen = async (integrationId: string, ticketId: string) => (await t.deps.repos.twoWay.findTicket(integrationId, ticketId))?.isOpen;

describe('forged and replayed pushes', () => {
  for (const vendor of PSA_VENDORS) {
    it(`${vendor}: an unsigned or wrongly signed push is refused and changes nothing`, async () => {
      await control(servers.sandbox.origin, vendor, 'reset');
      t = await createTwoWayTestApp(servers.sandbox.origin, servers.receiver);
      const { psa, ticketId } = await openTicket(vendor);
      // Close it in the PSA without the vendor's push, then forge one: only a verified push may make the BFF look.
      await control(servers.sandbox.origin, vendor, 'webhooks/drop', { count: 1 });
      const { closeTicket } = (await import('../../../bff/sandboxes/index.js')).PSA_SANDBOX_KITS[vendor];
      await closeTicket(`${servers.sandbox.origin}/sandbox/${vendor}`, ticketId);
      const forged = JSON.stringify({ Action: 'Update', Id: Number(ticketId), ID: Number(ticketId), object_id: Number(ticketId), Data: { TicketId: Number(ticketId) }, EntityType: 'Ticket', Type: 'ticket', Metadata: { key_url: 'https://attacker.example/key' } });
      const res = await fetch(`${t.bff.origin}/webhooks/psa/${psa.id}`, {
        method: 'POST', body: forged,
        headers: { 'Content-Type': 'application/json', 'X-Hook-Signature': 'sha1=AAAA', 'X-BMS-Signature': 'sha256=00', 'x-content-signature': 'AAAA', Authorization: 'Basic Zm9yZ2VkOmZvcmdlZA==' },
      });
      expect(res.status).toBe(401);
      expect(await groupOpen(psa.id, ticketId)).toBe(true);
      await new Promise((r) => setTimeout(r, 200));
      expect(statusChanges()).toHaveLength(0);
    });
  }

  it('autotask: a replayed (stale) signed push answers 200 and changes nothing; one signed for another integration is refused', async () => {
    await control(servers.sandbox.origin, 'autotask', 'reset');
    t = await createTwoWayTestApp(servers.sandbox.origin, servers.receiver);
    const a = await openTicket('autotask');
    // Another integration (another partner's BFF database here: one PSA per partner) with its own push secret.
    const other = await createTwoWayTestApp(servers.sandbox.origin, servers.receiver);
    const b = await openTicket('autotask', other);
    await control(servers.sandbox.origin, 'autotask', 'webhooks/drop', { count: 1 });
    const { closeTicket } = (await import('../../../bff/sandboxes/index.js')).PSA_SANDBOX_KITS.autotask;
    await closeTicket(`${servers.sandbox.origin}/sandbox/autotask`, a.ticketId);

    const secretOf = async (integrationId: string, app = t) => {
      const push = (await app.deps.repos.twoWay.getPush(integrationId))!;
      return app.deps.vault.open<string>({ sealed: push.secretSealed, keyId: push.secretKeyId });
    };
    const callout = (at: Date): string => JSON.stringify({
      Action: 'Update', Guid: 'g', EntityType: 'Ticket', Id: Number(a.ticketId), Fields: { status: 5 }, EventTime: at.toISOString(), SequenceNumber: 1, PersonID: 1,
    } satisfies AutotaskCallout);
    const post = (integrationId: string, body: string, secret: string) => fetch(`${t.bff.origin}/webhooks/psa/${integrationId}`, {
      method: 'POST', body, headers: { 'Content-Type': 'application/json', [AUTOTASK_WEBHOOK.signatureHeader]: AUTOTASK_WEBHOOK.sign(secret, body) },
    });

    const stale = callout(new Date(Date.now() - 10 * 60_000));
    expect((await post(a.psa.id, stale, await secretOf(a.psa.id))).status).toBe(200);
    const otherIntegrations = callout(new Date());
    expect((await post(a.psa.id, otherIntegrations, await secretOf(b.psa.id, other))).status).toBe(401);
    await other.shutdown();
    expect(await groupOpen(a.psa.id, a.ticketId)).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(statusChanges()).toHaveLength(0);
  });
});
