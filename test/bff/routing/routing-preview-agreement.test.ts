/**
 * Preview and delivery agree on "note on ticket X or a new ticket", with the production trust
 * window for a ticket's cached open state, after a technician closes the group's ticket in the PSA.
 * The worker and preview share one clock, which the tests move forward instead of sleeping.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ROUTING_CONFIG } from '../../../bff/services/routing/routing-config.js';
import { PSA_VENDORS } from '../../../bff/contracts/model.js';
import { startSandboxServer } from '../../helpers/sandbox-server.js';
import { control, type RunningServer } from '../../helpers/serve.js';
import { alert, closeAsTechnician, createRoutingTestApp, deliverAll, setupPsa, ticketWrites, type RoutingTestApp } from './routing-harness.js';

let sandbox: RunningServer;
let t: RoutingTestApp;
beforeAll(async () => { sandbox = await startSandboxServer(); });
afterAll(() => sandbox.close());
afterEach(() => t?.shutdown());

let shift = 0;
const now = () => Date.now() + shift;

async function preview(a: ReturnType<typeof alert>) {
  const res = await t.call('POST', '/api/routing/preview', { token: t.router, body: a });
  expect(res.status).toBe(200);
  return (await res.json()) as { action: string; why: string; ticket: { vendorTicketId: string; isOpen: boolean } | null };
}

for (const vendor of PSA_VENDORS) {
  describe(`preview and delivery agree after the ticket is closed in the PSA: ${vendor}`, () => {
    let first: { vendorTicketId: string };
    beforeEach(async () => {
      shift = 0;
      await control(sandbox.origin, vendor, 'reset');
      // The production trust window, not the tests' 0 (which asks the PSA every time).
      t = await createRoutingTestApp(sandbox.origin, { config: { openTtlMs: DEFAULT_ROUTING_CONFIG.openTtlMs }, now });
      await setupPsa(t, vendor, { subjectTemplate: '{user}' });
      [first] = await deliverAll(t, [alert({ user: { email: 'closed@domain.com' } })]);
      await closeAsTechnician(sandbox.origin, vendor, first.vendorTicketId);
    });

    it('ten seconds later: preview says "new ticket" and delivery opens a new ticket, no note on the closed one', async () => {
      shift += 10_000;
      const next = alert({ user: { email: 'closed@domain.com' } });
      const said = await preview(next);
      expect(said).toMatchObject({ action: 'create_ticket', ticket: { vendorTicketId: first.vendorTicketId, isOpen: false } });
      expect(said.why).toMatch(/closed/);
      const [record] = await deliverAll(t, [next]);
      expect(record).toMatchObject({ state: 'delivered', outcome: 'ticket_created' });
      expect(record.vendorTicketId).not.toBe(first.vendorTicketId);
      expect(await ticketWrites(sandbox.origin, vendor)).toHaveLength(2);
      expect((await control(sandbox.origin, vendor, 'writes?kind=note')).writes).toEqual([]);
    });

    it('within the trust window: preview says what delivery does (a note on the ticket it last saw open)', async () => {
      shift += 1_000;
      const next = alert({ user: { email: 'closed@domain.com' } });
      const said = await preview(next);
      const [record] = await deliverAll(t, [next]);
      expect(said).toMatchObject({ action: 'add_note', ticket: { vendorTicketId: first.vendorTicketId } });
      expect(said.why).toMatch(/trusted for 5 s/);
      expect(record).toMatchObject({ outcome: 'note_added', vendorTicketId: first.vendorTicketId });
    });
  });
}
