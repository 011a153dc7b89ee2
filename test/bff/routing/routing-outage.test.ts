/**
 * A PSA outage, on every PSA sandbox over real HTTP: 503s, then hangs past the time-out, then a 429
 * storm, with alerts arriving throughout. The circuit breaker opens, holds the queue and probes on
 * its schedule; after recovery every alert is delivered exactly once, grouped per seed 001 (one
 * ticket per group, the rest notes on it), the vendor saw only the probes' calls while it was down,
 * and no 429 came from going over the vendor's own budget. Short clocks (OUTAGE_CONFIG).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PSA_VENDORS } from '../../../bff/contracts/model.js';
import { startSandboxServer } from '../../helpers/sandbox-server.js';
import { control, type RunningServer } from '../../helpers/serve.js';
import { TEST_ENGINE } from '../../helpers/test-database.js';
import { alert, alertMentions, createRoutingTestApp, postAlert, settled, setupPsa, ticketWrites, TEST_ROUTING_CONFIG, type RoutingTestApp } from './routing-harness.js';
import { heldCallBound, OUTAGE_CONFIG, OUTAGE_PHASES, outageFigures, sandboxStats, setFaults, waitFor, type OutagePhase } from './outage-kit.js';

let sandbox: RunningServer;
let t: RoutingTestApp;
beforeAll(async () => { sandbox = await startSandboxServer(); });
afterAll(() => sandbox.close());
afterEach(() => t?.shutdown());

const PHASE_MS = 600;
const config = { ...TEST_ROUTING_CONFIG, ...OUTAGE_CONFIG };

for (const vendor of PSA_VENDORS) {
  describe(`a PSA outage: ${vendor}`, () => {
    it('holds the queue, probes on schedule, and after recovery delivers every alert once, grouped', async () => {
      await control(sandbox.origin, vendor, 'reset');
      t = await createRoutingTestApp(sandbox.origin, { config: OUTAGE_CONFIG, adapterContext: { timeoutMs: 250, maxAttempts: 1, maxRetryWaitMs: 1_500 } });
      const psa = await setupPsa(t, vendor, { subjectTemplate: '{user}' });
      const health = async () => (await (await t.call('GET', `/api/integrations/${psa.id}/health`)).json()).availability;
      const user = (name: string) => ({ email: `${name}@outage.example` });
      const before = [alert({ user: user('ann') }), alert({ user: user('bob') })];
      for (const a of before) await postAlert(t, a);
      await settled(t, before.map((a) => a.id));

      // The outage starts: alerts keep coming for a group with a ticket (ann) and for new ones (cy, dee).
      const during: ReturnType<typeof alert>[] = [];
      const arrive = async (names: string[]) => {
        for (const name of names) {
          const a = alert({ user: user(name) });
          during.push(a);
          await postAlert(t, a);
        }
      };
      await setFaults(sandbox.origin, vendor, OUTAGE_PHASES['503']);
      await arrive(['ann', 'cy', 'dee', 'cy']);
      const opened = await waitFor(health, (h) => h.state === 'unavailable', 10_000, 'breaker');
      expect(opened).toMatchObject({ lastStatus: 503, waiting: expect.any(Number) });
      expect(opened.lastError).toMatch(/unavailable|503/i);
      const openedAt = Date.now();
      const callsAtOpen = (await sandboxStats(sandbox.origin, vendor)).calls;
      for (const phase of ['hang', '429'] as OutagePhase[]) {
        await arrive(['ann', 'cy', 'dee']);
        await new Promise((r) => setTimeout(r, PHASE_MS));
        await setFaults(sandbox.origin, vendor, OUTAGE_PHASES[phase]);
      }
      await arrive(['cy', 'ann']);
      await new Promise((r) => setTimeout(r, PHASE_MS));
      const held = await health();
      const gauges = await (await t.call('GET', '/metrics', { token: null })).text();
      expect(gauges).toContain(`ih_integration_available{integration_id="${psa.id}"} 0`);
      expect(Number(new RegExp(`^ih_routing_oldest_waiting_seconds\\{integration_id="${psa.id}"\\} (\\S+)$`, 'm').exec(gauges)?.[1])).toBeGreaterThan(0);
      expect(held).toMatchObject({ state: 'unavailable', waiting: during.length });
      expect(Date.parse(held.nextTryAt)).toBeGreaterThan(Date.parse(held.since));

      // Recovery.
      const atRecovery = await sandboxStats(sandbox.origin, vendor);
      const heldMs = Date.now() - openedAt;
      await fetch(`${sandbox.origin}/sandbox/${vendor}/_control/faults`, { method: 'DELETE' });
      const recoveredAt = Date.now();
      const records = await settled(t, during.map((a) => a.id), 20_000);
      const drainMs = Date.now() - recoveredAt;

      expect(records.map((r) => r.state)).toEqual(during.map(() => 'delivered'));
      const mentions = await alertMentions(sandbox.origin, vendor, [...before, ...during].map((a) => a.id));
      const duplicates = [...mentions.values()].filter((n) => n > 1).length;
      expect([...mentions.entries()].filter(([, n]) => n !== 1)).toEqual([]);
      // Seed 001 grouping across the outage: one ticket per user, every later alert a note on it.
      const tickets = await ticketWrites(sandbox.origin, vendor);
      expect(tickets).toHaveLength(4);
      const outcome = (name: string) => records.filter((r, i) => during[i]!.user!.email === user(name).email).map((r) => r.outcome);
      expect(outcome('ann').every((o) => o === 'note_added')).toBe(true);
      for (const name of ['cy', 'dee']) expect(outcome(name)).toEqual(['ticket_created', ...outcome(name).slice(1).map(() => 'note_added')]);

      // While unavailable the vendor saw the probes (and the groups in flight when it opened), not a try per alert.
      const callsDuringOutage = atRecovery.calls - callsAtOpen;
      const callBound = heldCallBound(heldMs, config, 3);
      expect(callsDuringOutage).toBeLessThanOrEqual(callBound);
      expect(callsDuringOutage).toBeLessThan(during.length);
      // Budget held: every 429 the BFF saw was an injected one, none from going over the vendor's own limit.
      const metrics = await (await t.call('GET', '/metrics', { token: null })).text();
      const rateLimited = Number(new RegExp(`^ih_vendor_rate_limited_total\\{vendor="${vendor}"\\} (\\d+)$`, 'm').exec(metrics)?.[1] ?? 0);
      expect(metrics).toContain(`ih_integration_available{integration_id="${psa.id}"} 1`);
      expect(rateLimited).toBe((await sandboxStats(sandbox.origin, vendor)).faultsTaken['429'] ?? 0);

      const after = await waitFor(health, (h) => h.waiting === 0, 5_000, 'drain');
      expect(after).toMatchObject({ state: 'available', since: null, nextTryAt: null });
      expect(after.deliveredLate).toBeGreaterThanOrEqual(during.length);
      console.info(outageFigures({ vendor, engine: TEST_ENGINE, alerts: during.length, callsDuringOutage, callBound, drainMs, duplicates, lost: 0 }));
    });
  });
}

describe('a permanent failure: the mapped account was deleted in the PSA (kaseya-bms)', () => {
  it('fails the alert at once with the vendor’s words and the fix; the PSA stays available', async () => {
    await control(sandbox.origin, 'kaseya-bms', 'reset');
    t = await createRoutingTestApp(sandbox.origin, { config: { ...OUTAGE_CONFIG, breakerThreshold: 1 } });
    const psa = await setupPsa(t, 'kaseya-bms', { subjectTemplate: '{user}' });
    const res = await fetch(`${sandbox.origin}/sandbox/kaseya-bms/_control/accounts/${psa.accounts.get('Acme Dental Group')!.id}`, { method: 'DELETE' });
    expect(await res.json()).toMatchObject({ deleted: true });
    const a = alert();
    await postAlert(t, a);
    const [failed] = await settled(t, [a.id], 5_000);
    expect(failed).toMatchObject({ state: 'failed', attempts: 1, outcome: null });
    expect(failed.lastError).toMatch(/not found/i);
    expect(failed.reason).toMatch(/Review the mappings, then retry/);
    const health = await (await t.call('GET', `/api/integrations/${psa.id}/health`)).json();
    expect(health.availability).toMatchObject({ state: 'available', waiting: 0 });
    expect(await ticketWrites(sandbox.origin, 'kaseya-bms')).toHaveLength(0);
  });
});
