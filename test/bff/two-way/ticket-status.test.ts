/**
 * PSA → platform, per PSA over real HTTP: a technician closes the ticket in the sandbox, the
 * sandbox pushes as its vendor does, the BFF verifies it and the platform's test receiver gets one
 * signed `ticket.status_changed`; the group's next alert opens a new ticket at once (the routing
 * worker keeps its default 5-second trust window). A lost push is caught by polling.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PSA_VENDORS } from '../../../bff/contracts/model.js';
import { control } from '../../helpers/serve.js';
import { alert, closeAsTechnician, deliverAll, setupPsa } from '../routing/routing-harness.js';
import { createTwoWayTestApp, until, type TwoWayTestApp } from './two-way-harness.js';
import { twoWayServers } from './two-way-servers.js';

const servers = twoWayServers();
let t: TwoWayTestApp;
afterEach(() => t.shutdown());

for (const vendor of PSA_VENDORS) {
  describe(`ticket status back to the platform: ${vendor}`, () => {
    beforeEach(async () => {
      await control(servers.sandbox.origin, vendor, 'reset');
      servers.receiver.events.length = 0;
      servers.receiver.refused = 0;
    });

    it('a close in the PSA reaches the platform once, signed, and the next alert of the group opens a new ticket at once', async () => {
      t = await createTwoWayTestApp(servers.sandbox.origin, servers.receiver, { routing: { openTtlMs: 5_000 } });
      const psa = await setupPsa(t, vendor, { subjectTemplate: '{user}' });
      const [first] = await deliverAll(t, [alert()]);
      expect(first.outcome).toBe('ticket_created');
      await until('the push registration', () => t.deps.repos.twoWay.getPush(psa.id));

      await closeAsTechnician(servers.sandbox.origin, vendor, first.vendorTicketId);
      const event = await until('ticket.status_changed', () => servers.receiver.events.find((e) => e.type === 'ticket.status_changed'));
      expect(event.data).toMatchObject({ integrationId: psa.id, ticketId: first.vendorTicketId, state: 'closed', detectedBy: 'webhook' });
      expect(Date.parse(event.data.changedAt)).not.toBeNaN();
      expect(servers.receiver.refused).toBe(0);

      const [next] = await deliverAll(t, [alert()]);
      expect(next.outcome).toBe('ticket_created');
      expect(next.vendorTicketId).not.toBe(first.vendorTicketId);
      expect(servers.receiver.events.filter((e) => e.type === 'ticket.status_changed')).toHaveLength(1);
    });

    it('a push the PSA lost is made up for by polling within its interval', async () => {
      t = await createTwoWayTestApp(servers.sandbox.origin, servers.receiver, { twoWay: { pollIntervalMs: 400 } });
      const psa = await setupPsa(t, vendor);
      const [first] = await deliverAll(t, [alert()]);
      await until('the push registration', () => t.deps.repos.twoWay.getPush(psa.id));
      await control(servers.sandbox.origin, vendor, 'webhooks/drop', { count: 1 });

      await closeAsTechnician(servers.sandbox.origin, vendor, first.vendorTicketId);
      const event = await until('ticket.status_changed', () => servers.receiver.events.find((e) => e.type === 'ticket.status_changed'));
      expect(event.data).toMatchObject({ ticketId: first.vendorTicketId, state: 'closed', detectedBy: 'polling' });
      expect((await control(servers.sandbox.origin, vendor, 'webhooks')).log.map((l: { outcome: unknown }) => l.outcome)).toContain('dropped');
    });
  });
}
