/**
 * Exactly once when a vendor write lands after the client gave up: the sandbox holds a ticket
 * create (or a note) past the BFF's vendor time-out and then commits it, as a slow vendor does.
 * The BFF must find that late write by its marker before writing again, so five alerts of one
 * group still make one ticket and each alert appears once. Time-outs are short here (300 ms
 * against a 700 ms delay), the same shape as the 15 s client time-out and a 17 s vendor commit.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PSA_VENDORS } from '../../../bff/contracts/model.js';
import { PSA_SANDBOX_KITS } from '../../../bff/sandboxes/index.js';
import { startSandboxServer } from '../../helpers/sandbox-server.js';
import { control, type RunningServer } from '../../helpers/serve.js';
import {
  alert, alertMentions, createRoutingTestApp, noteWrites, postAlert, sandboxQuiet, settled, setupPsa, ticketWrites, type RoutingTestApp,
} from './routing-harness.js';

let sandbox: RunningServer;
let t: RoutingTestApp;
beforeAll(async () => { sandbox = await startSandboxServer(); });
afterAll(() => sandbox.close());
afterEach(() => t?.shutdown());

const VENDOR_TIMEOUT_MS = 300;
const COMMIT_DELAY_MS = 1_500;

for (const vendor of PSA_VENDORS) {
  const paths = { ticket: PSA_SANDBOX_KITS[vendor].ticketPath, note: PSA_SANDBOX_KITS[vendor].notePath };

  describe(`a write that lands after the client's time-out: ${vendor}`, () => {
    beforeEach(async () => {
      await control(sandbox.origin, vendor, 'reset');
      t = await createRoutingTestApp(sandbox.origin, {
        config: { openTtlMs: 60_000, lateWriteWaitMs: 3_000 },
        adapterContext: { timeoutMs: VENDOR_TIMEOUT_MS, maxAttempts: 2 },
      });
      await setupPsa(t, vendor, { subjectTemplate: '{user}' });
    });

    async function expectEachOnce(ids: string[]) {
      const mentions = await alertMentions(sandbox.origin, vendor, ids);
      expect([...mentions.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    }

    it('a ticket create committed late: 5 alerts of one group make one ticket', async () => {
      await control(sandbox.origin, vendor, 'faults', { kind: 'latency', ms: COMMIT_DELAY_MS, method: 'POST', pathIncludes: paths.ticket });
      const alerts = Array.from({ length: 5 }, (_, i) => alert({ user: { email: 'late@domain.com' }, title: `late ${i}` }));
      for (const a of alerts) await postAlert(t, a);
      const records = await settled(t, alerts.map((a) => a.id), 15_000);
      expect(records.map((r) => r.state)).toEqual(alerts.map(() => 'delivered'));
      await sandboxQuiet(sandbox.origin, vendor);
      const tickets = await ticketWrites(sandbox.origin, vendor);
      expect(tickets).toHaveLength(1);
      expect(records.map((r) => r.outcome)).toEqual(['ticket_created', 'note_added', 'note_added', 'note_added', 'note_added']);
      expect(records.every((r) => r.vendorTicketId === tickets[0]!.id)).toBe(true);
      await expectEachOnce(alerts.map((a) => a.id));
      expect((await control(sandbox.origin, vendor, 'stats')).faultsQueued).toBe(0);
    });

    it('a note committed late: no alert is noted twice', async () => {
      const first = alert({ user: { email: 'late@domain.com' } });
      await postAlert(t, first);
      await settled(t, [first.id]);
      await control(sandbox.origin, vendor, 'faults', { kind: 'latency', ms: COMMIT_DELAY_MS, method: 'POST', pathIncludes: paths.note });
      const rest = Array.from({ length: 4 }, (_, i) => alert({ user: { email: 'late@domain.com' }, title: `late note ${i}` }));
      for (const a of rest) await postAlert(t, a);
      const records = await settled(t, rest.map((a) => a.id), 15_000);
      await sandboxQuiet(sandbox.origin, vendor);
      expect(records.map((r) => [r.state, r.outcome])).toEqual(rest.map(() => ['delivered', 'note_added']));
      expect(await ticketWrites(sandbox.origin, vendor)).toHaveLength(1);
      const notes = await noteWrites(sandbox.origin, vendor);
      // A note found by its marker is recorded without its id (the marker search answers yes or no).
      const noteIds = new Set(notes.map((n) => n.id));
      expect(records.filter((r) => r.vendorNoteId !== null && !noteIds.has(r.vendorNoteId))).toEqual([]);
      await expectEachOnce([first, ...rest].map((a) => a.id));
    });
  });
}
