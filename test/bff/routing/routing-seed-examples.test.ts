/**
 * Seed 001's two worked examples, exactly, against both PSA sandboxes over real HTTP: grouping by
 * User, and by User + Alert, with a technician closing a ticket in the PSA itself.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SUBJECT_PRESETS } from '../../../bff/contracts/psa-settings.js';
import { PSA_VENDORS, type PsaVendor } from '../../../bff/contracts/model.js';
import { startSandboxServer } from '../../helpers/sandbox-server.js';
import { control, type RunningServer } from '../../helpers/serve.js';
import {
  alert, closeAsTechnician, createRoutingTestApp, deliverAll, noteWrites, setupPsa, ticketWrites, type RoutingTestApp,
} from './routing-harness.js';

let sandbox: RunningServer;
let t: RoutingTestApp;
beforeAll(async () => { sandbox = await startSandboxServer(); });
afterAll(() => sandbox.close());
afterEach(() => t.shutdown());

const USER = { email: 'user@domain.com', name: 'Pat User' };
const downloads = () => alert({ alertType: 'at-too-many-downloads', title: 'Too Many Downloads', user: USER });
const uploads = () => alert({ alertType: 'at-too-many-uploads', title: 'Too Many Uploads', user: USER });
const mfa = () => alert({ alertType: 'at-mfa-failures', title: 'Multiple MFA Failures', user: USER });

for (const vendor of PSA_VENDORS) {
  describe(`seed 001 worked examples: ${vendor}`, () => {
    beforeEach(async () => {
      await control(sandbox.origin, vendor, 'reset');
      t = await createRoutingTestApp(sandbox.origin);
    });

    it('User: downloads opens a ticket, uploads is a note on it, after the technician closes it MFA failures opens a new one', async () => {
      await setupPsa(t, vendor, { subjectTemplate: SUBJECT_PRESETS.user.template });
      const [first] = await deliverAll(t, [downloads()]);
      expect(first).toMatchObject({ state: 'delivered', outcome: 'ticket_created' });
      expect((await ticketWrites(sandbox.origin, vendor)).map((w) => w.title)).toEqual(['user@domain.com']);

      const [second] = await deliverAll(t, [uploads()]);
      expect(second).toMatchObject({ state: 'delivered', outcome: 'note_added', vendorTicketId: first.vendorTicketId });
      const notes = await noteWrites(sandbox.origin, vendor);
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({ ticketId: first.vendorTicketId });
      expect(notes[0]!.text).toContain('Too Many Uploads');

      await closeAsTechnician(sandbox.origin, vendor, first.vendorTicketId);
      const [third] = await deliverAll(t, [mfa()]);
      expect(third).toMatchObject({ state: 'delivered', outcome: 'ticket_created' });
      expect(third.vendorTicketId).not.toBe(first.vendorTicketId);
      const tickets = await ticketWrites(sandbox.origin, vendor);
      expect(tickets).toHaveLength(2);
      expect(tickets[1]!.text).toContain('Multiple MFA Failures');
      expect(await noteWrites(sandbox.origin, vendor)).toHaveLength(1);
    });

    it('User + Alert: downloads and uploads open two tickets; after downloads is closed, uploads again is a note on the uploads ticket', async () => {
      await setupPsa(t, vendor, { subjectTemplate: SUBJECT_PRESETS['user-alert'].template });
      const [down] = await deliverAll(t, [downloads()]);
      const [up] = await deliverAll(t, [uploads()]);
      expect(down).toMatchObject({ outcome: 'ticket_created' });
      expect(up).toMatchObject({ outcome: 'ticket_created' });
      expect(up.vendorTicketId).not.toBe(down.vendorTicketId);
      expect((await ticketWrites(sandbox.origin, vendor)).map((w) => w.title)).toEqual(['user@domain.com – Too Many Downloads', 'user@domain.com – Too Many Uploads']);

      await closeAsTechnician(sandbox.origin, vendor, down.vendorTicketId);
      const [again] = await deliverAll(t, [uploads()]);
      expect(again).toMatchObject({ state: 'delivered', outcome: 'note_added', vendorTicketId: up.vendorTicketId });
      expect(await ticketWrites(sandbox.origin, vendor)).toHaveLength(2);
      expect((await noteWrites(sandbox.origin, vendor)).map((n) => n.ticketId)).toEqual([up.vendorTicketId]);
    });
  });
}
