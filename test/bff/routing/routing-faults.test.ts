/**
 * Durability under faults, against the sandboxes over real HTTP: a vendor answering 5xx, 429 or
 * hanging for a while and then recovering (every alert delivered exactly once), 200 alerts of one
 * group posted at once (one ticket, the rest as coalesced notes), and a worker that dies between a
 * vendor write and its record (the restarted worker finds the ticket or note instead of repeating it).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PSA_VENDORS, type PsaVendor } from '../../../bff/contracts/model.js';
import { RoutingWorker } from '../../../bff/services/routing/routing-worker.js';
import { PSA_SANDBOX_KITS } from '../../../bff/sandboxes/index.js';
import { startSandboxServer } from '../../helpers/sandbox-server.js';
import { control, type RunningServer } from '../../helpers/serve.js';
import {
  alert, alertMentions, createRoutingTestApp, noteWrites, postAlert, settled, setupPsa, ticketWrites, TEST_ROUTING_CONFIG, type RoutingTestApp,
} from './routing-harness.js';

let sandbox: RunningServer;
let t: RoutingTestApp;
beforeAll(async () => { sandbox = await startSandboxServer(); });
afterAll(() => sandbox.close());
afterEach(() => t?.shutdown());

async function expectEachOnce(vendor: PsaVendor, ids: string[]) {
  const mentions = await alertMentions(sandbox.origin, vendor, ids);
  expect([...mentions.entries()].filter(([, n]) => n !== 1)).toEqual([]);
}

for (const vendor of PSA_VENDORS) {
  const ticketPath = PSA_SANDBOX_KITS[vendor].ticketPath;

  describe(`vendor faults then recovery: ${vendor}`, () => {
    beforeEach(async () => {
      await control(sandbox.origin, vendor, 'reset');
    });

    it.each([
      ['5xx', { kind: '5xx', count: 4, status: 503 }],
      ['429 with Retry-After', { kind: '429', count: 3, retryAfterSeconds: 1 }],
      ['a hang past the time-out', { kind: 'hang', count: 3, ms: 5_000 }],
    ] as const)('%s: every alert is delivered once', async (_name, fault) => {
      // Only the hang needs a short time-out. The 5xx and 429 answers come at once and are counted per
      // vendor below; with 250 ms there, a test worker starved of CPU could time out before reading them.
      const timeoutMs = fault.kind === 'hang' ? 250 : 2_000;
      t = await createRoutingTestApp(sandbox.origin, { adapterContext: { timeoutMs, maxAttempts: 2, maxRetryWaitMs: 1_500 } });
      await setupPsa(t, vendor, { subjectTemplate: '{user}' });
      await control(sandbox.origin, vendor, 'faults', { ...fault, pathIncludes: ticketPath });
      const alerts = [alert({ user: { email: 'a@x.example' } }), alert({ user: { email: 'a@x.example' } }), alert({ user: { email: 'b@x.example' } })];
      for (const a of alerts) await postAlert(t, a);
      const records = await settled(t, alerts.map((a) => a.id), 15_000);
      expect(records.map((r) => r.state)).toEqual(['delivered', 'delivered', 'delivered']);
      expect(records.map((r) => r.outcome).sort()).toEqual(['note_added', 'ticket_created', 'ticket_created']);
      expect(await ticketWrites(sandbox.origin, vendor)).toHaveLength(2);
      await expectEachOnce(vendor, alerts.map((a) => a.id));
      expect((await control(sandbox.origin, vendor, 'stats')).faultsQueued).toBe(0);
      // The vendor's answers are counted per vendor (a 429 is a rate-limit answer, each 5xx a server error).
      const metrics = await (await t.call('GET', '/metrics', { token: null })).text();
      const counted = (re: RegExp) => Number(re.exec(metrics)?.[1] ?? 0);
      if (fault.kind === '429') expect(counted(new RegExp(`^ih_vendor_rate_limited_total\\{vendor="${vendor}"\\} (\\d+)$`, 'm'))).toBeGreaterThanOrEqual(fault.count);
      if (fault.kind === '5xx') expect(counted(new RegExp(`^ih_vendor_calls_total\\{vendor="${vendor}",status="5xx"\\} (\\d+)$`, 'm'))).toBeGreaterThanOrEqual(fault.count);
      expect(counted(/^ih_routing_claim_lag_seconds_count (\d+)$/m)).toBeGreaterThan(0);
    });
  });

  describe(`one group, 200 alerts at once: ${vendor}`, () => {
    beforeEach(async () => {
      await control(sandbox.origin, vendor, 'reset');
      t = await createRoutingTestApp(sandbox.origin, { config: { openTtlMs: 60_000 } });
    });

    it('opens exactly one ticket; the rest become a few notes listing them in order', async () => {
      await setupPsa(t, vendor, { subjectTemplate: '{user}' });
      const alerts = Array.from({ length: 200 }, (_, i) => alert({ id: `burst-${vendor}-${i}`, user: { email: 'storm@domain.com' }, title: `burst ${i}` }));
      const answers = await Promise.all(alerts.map((a) => t.call('POST', '/api/routing/alerts', { token: t.router, body: a })));
      expect(answers.every((r) => r.status === 202)).toBe(true);
      const records = await settled(t, alerts.map((a) => a.id), 20_000);
      expect(records.every((r) => r.state === 'delivered')).toBe(true);
      const tickets = await ticketWrites(sandbox.origin, vendor);
      expect(tickets).toHaveLength(1);
      // Arrival order is the order the BFF accepted them (concurrent posts land in any order).
      const seq = new Map(await Promise.all(alerts.map(async (a) => [a.id, (await t.deps.repos.routing.get('partner-a', a.id))!.seq] as const)));
      const firstArrived = [...seq.entries()].sort((x, y) => x[1] - y[1])[0]![0];
      expect(records.filter((r) => r.outcome === 'ticket_created').map((r) => r.id)).toEqual([firstArrived]);
      const notes = await noteWrites(sandbox.origin, vendor);
      expect(notes.every((n) => n.ticketId === tickets[0]!.id)).toBe(true);
      expect(notes.length).toBeLessThan(40); // coalesced: 199 alerts in far fewer notes
      await expectEachOnce(vendor, alerts.map((a) => a.id));
      // Arrival order inside and across notes.
      const order = notes.flatMap((n) => [...n.text.matchAll(/alert id: (burst-\S+?-\d+)/gi)].map((m) => seq.get(m[1]!)!));
      expect(order).toHaveLength(199);
      expect(order).toEqual([...order].sort((x, y) => x - y));
      // Every alert of one note carries that note's id.
      const byNote = new Map<string, number>();
      for (const r of records.filter((r) => r.outcome === 'note_added')) byNote.set(r.vendorNoteId, (byNote.get(r.vendorNoteId) ?? 0) + 1);
      expect([...byNote.keys()].sort()).toEqual(notes.map((n) => n.id).sort());
    });
  });

  describe(`a worker killed between the vendor write and its record: ${vendor}`, () => {
    beforeEach(async () => {
      await control(sandbox.origin, vendor, 'reset');
    });

    it.each(['ticket', 'note'] as const)('after a %s: the restarted worker finds it and sends nothing twice', async (kind) => {
      let killNow: (() => void) | null = null;
      t = await createRoutingTestApp(sandbox.origin, {
        config: { leaseMs: 300 },
        hooks: {
          // The "crash": the vendor has the write, the database never hears of it.
          afterVendorWrite: (event) => (event.kind === kind && killNow ? (killNow(), new Promise<void>(() => {})) : undefined),
        },
      });
      await setupPsa(t, vendor, { subjectTemplate: '{user}' });
      const first = alert({ user: { email: 'crash@domain.com' } });
      if (kind === 'note') {
        await postAlert(t, first);
        await settled(t, [first.id]);
      }
      // Both victims are queued before the worker sees them, so they go out as one note.
      await t.worker.stop();
      const victims = kind === 'ticket' ? [first] : [alert({ user: { email: 'crash@domain.com' } }), alert({ user: { email: 'crash@domain.com' } })];
      let killed!: Promise<void>;
      killed = new Promise<void>((resolve) => { killNow = () => { killNow = null; t.worker.kill(); resolve(); }; });
      for (const a of victims) await postAlert(t, a);
      t.worker.start();
      await killed;
      expect(await Promise.all(victims.map(async (a) => (await t.deps.repos.routing.get('partner-a', a.id))!.state))).toEqual(victims.map(() => 'queued'));
      expect(kind === 'ticket' ? await ticketWrites(sandbox.origin, vendor) : await noteWrites(sandbox.origin, vendor)).toHaveLength(1);

      // Restart: a new worker on the same database, after the dead worker's lease has lapsed.
      const restarted = new RoutingWorker(t.deps, { config: { ...TEST_ROUTING_CONFIG, leaseMs: 300 } }).start();
      t.worker = restarted;
      const records = await settled(t, [...(kind === 'note' ? [first] : []), ...victims].map((a) => a.id), 10_000);
      expect(records.map((r) => r.state).every((s) => s === 'delivered')).toBe(true);
      expect(await ticketWrites(sandbox.origin, vendor)).toHaveLength(1);
      expect(await noteWrites(sandbox.origin, vendor)).toHaveLength(kind === 'note' ? 1 : 0);
      await expectEachOnce(vendor, records.map((r) => r.id));
      if (kind === 'ticket') expect(records[0]).toMatchObject({ outcome: 'ticket_created', vendorTicketId: (await ticketWrites(sandbox.origin, vendor))[0]!.id });
    });
  });
}
