/**
 * Platform → PSA, per PSA over real HTTP: resolving an alert adds its resolution as a note, once
 * however often it is resolved; when every alert on the ticket is resolved and the integration
 * closes on resolve, the ticket is closed with the chosen status, `GET /api/routing/alerts/{id}`
 * shows it closed, and the platform hears one `ticket.status_changed`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PSA_VENDORS } from '../../../bff/contracts/model.js';
import { control } from '../../helpers/serve.js';
import { alert, deliverAll, getDelivery, noteWrites, setupPsa } from '../routing/routing-harness.js';
import { createTwoWayTestApp, until, type TwoWayTestApp } from './two-way-harness.js';
import { twoWayServers } from './two-way-servers.js';

const servers = twoWayServers();
let t: TwoWayTestApp;
afterEach(() => t.shutdown());

for (const vendor of PSA_VENDORS) {
  describe(`resolving alerts in the platform: ${vendor}`, () => {
    it('adds one resolution note per alert and closes the ticket once every alert on it is resolved', async () => {
      await control(servers.sandbox.origin, vendor, 'reset');
      servers.receiver.events.length = 0;
      t = await createTwoWayTestApp(servers.sandbox.origin, servers.receiver);
      const psa = await setupPsa(t, vendor, { subjectTemplate: '{user}' });
      const { ticket } = (await (await t.call('GET', `/api/integrations/${psa.id}/psa/ticket-settings`)).json()) as { ticket: Record<string, unknown> };
      // The last closed status of the chosen queue: not the one a PSA would pick by default.
      const closed = psa.lists.ticketStatus.filter((s) => psa.lists.closedStatusIds.includes(s.id))
        .filter((s) => !(s as { parentId?: string }).parentId || (s as { parentId?: string }).parentId === ticket.queueId).at(-1)!;
      const open = psa.lists.ticketStatus.find((s) => !psa.lists.closedStatusIds.includes(s.id))!;
      const refused = await t.call('PUT', `/api/integrations/${psa.id}/psa/ticket-settings`, { body: { ...ticket, closeOnResolveStatusId: open.id } });
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(await refused.json())).toMatch(/closeOnResolveStatusId.*closed statuses/);
      expect((await t.call('PUT', `/api/integrations/${psa.id}/psa/ticket-settings`, { body: { ...ticket, closeOnResolveStatusId: closed.id } })).status).toBe(200);

      const [first, second] = await deliverAll(t, [alert(), alert()]);
      expect(second.vendorTicketId).toBe(first.vendorTicketId);
      const notesBefore = (await noteWrites(servers.sandbox.origin, vendor)).length;
      const resolve = async (id: string, resolution: string) => {
        const res = await t.call('POST', `/api/routing/alerts/${id}/resolve`, { token: t.router, body: { resolution } });
        expect(res.status).toBe(200);
        return res.json() as Promise<{ noteAdded: boolean; ticketClosed: boolean; alreadyResolved: boolean }>;
      };

      expect(await resolve(first.id, 'False positive: the user was migrating files.')).toMatchObject({ noteAdded: true, ticketClosed: false });
      expect(await resolve(first.id, 'False positive: the user was migrating files.')).toMatchObject({ noteAdded: false, alreadyResolved: true });
      expect((await getDelivery(t, first.id)).psaTicket).toMatchObject({ state: 'open', resolved: true });

      expect(await resolve(second.id, 'Same migration.')).toMatchObject({ noteAdded: true, ticketClosed: true });
      const notes = (await noteWrites(servers.sandbox.origin, vendor)).slice(notesBefore);
      expect(notes.filter((n) => n.text.includes('False positive: the user was migrating files.'))).toHaveLength(1);
      expect(notes.filter((n) => n.text.includes('Same migration.'))).toHaveLength(1);
      expect((await getDelivery(t, second.id)).psaTicket).toMatchObject({ vendorTicketId: first.vendorTicketId, state: 'closed', statusName: closed.label });
      const changed = await until('ticket.status_changed', () => servers.receiver.events.find((e) => e.type === 'ticket.status_changed'));
      expect(changed.data).toMatchObject({ ticketId: first.vendorTicketId, state: 'closed' });

      const [next] = await deliverAll(t, [alert()]);
      expect(next.outcome).toBe('ticket_created');
      expect(servers.receiver.events.filter((e) => e.type === 'ticket.status_changed')).toHaveLength(1);
    });
  });
}
