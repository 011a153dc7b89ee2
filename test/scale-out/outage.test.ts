/**
 * A PSA outage with three BFF processes on one PostgreSQL database, one of them killed (SIGKILL)
 * while the PSA is down: the circuit breaker's state is shared, so the survivors hold the queue and
 * probe one at a time on its schedule; after recovery every alert is delivered exactly once, one
 * ticket per group. The sandbox runs in its own process and counts every call.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { postgresUnavailable } from '../helpers/test-database.js';
import { alert, alertMentions, setupPsa, ticketWrites } from '../bff/routing/routing-harness.js';
import { heldCallBound, OUTAGE_PHASES, outageFigures, sandboxStats, setFaults, waitFor } from '../bff/routing/outage-kit.js';
import { killStarted, postAlert, startCluster, waitDelivered, type Cluster, type Proc } from './cluster.js';

const unavailable = await postgresUnavailable();
if (unavailable) console.warn(`Scale-out outage test skipped: ${unavailable}`);

let cluster: Cluster | null = null;
afterEach(async () => {
  await cluster?.close();
  cluster = null;
  await killStarted();
});

const BREAKER = { probeBaseMs: 200, probeMaxMs: 800 };
const PHASE_MS = 1_500;

describe.skipIf(unavailable)('a PSA outage across three instances', () => {
  it('one instance killed during the outage: the queue is held, probed on schedule, and drains once', async () => {
    cluster = await startCluster(3, { ROUTING_BREAKER_THRESHOLD: '3', ROUTING_PROBE_BASE_MS: String(BREAKER.probeBaseMs), ROUTING_PROBE_MAX_MS: String(BREAKER.probeMaxMs) });
    const c = cluster;
    const [first, victim, third] = c.instances as Proc[];
    const api = c.api(third!);
    const psa = await setupPsa(c.api(first!), 'autotask', { subjectTemplate: '{user}' });
    const health = async () => (await (await api.call('GET', `/api/integrations/${psa.id}/health`)).json());
    const user = (name: string) => ({ email: `${name}@outage.example` });
    const all: ReturnType<typeof alert>[] = [];
    let live = [first!, victim!, third!];
    let turn = 0;
    const arrive = async (names: string[]) => {
      for (const name of names) {
        const a = alert({ user: user(name) });
        all.push(a);
        expect(await postAlert(live[turn++ % live.length]!, c.router, a)).toBe(true);
      }
    };
    await arrive(['ann', 'bob']);
    await waitDelivered(api, psa.id, 2, 15_000);

    await setFaults(c.sandbox.origin, 'autotask', OUTAGE_PHASES['503']);
    await arrive(['ann', 'cy', 'dee', 'cy', 'ann', 'dee']);
    await waitFor(health, (h) => h.availability.state === 'unavailable', 20_000, 'breaker');
    const openedAt = Date.now();
    const callsAtOpen = (await sandboxStats(c.sandbox.origin, 'autotask')).calls;
    await victim!.kill();
    live = [first!, third!];
    for (const phase of [[{ ...OUTAGE_PHASES.hang[0], ms: 400 }], OUTAGE_PHASES['429']]) {
      await arrive(['cy', 'ann', 'dee', 'bob']);
      await new Promise((r) => setTimeout(r, PHASE_MS));
      await setFaults(c.sandbox.origin, 'autotask', phase);
    }
    await arrive(['dee', 'cy']);
    await new Promise((r) => setTimeout(r, PHASE_MS));
    const held = await health();
    expect(held.availability).toMatchObject({ state: 'unavailable', waiting: all.length - 2 });

    const callsDuringOutage = (await sandboxStats(c.sandbox.origin, 'autotask')).calls - callsAtOpen;
    const heldMs = Date.now() - openedAt;
    await fetch(`${c.sandbox.origin}/sandbox/autotask/_control/faults`, { method: 'DELETE' });
    const recoveredAt = Date.now();
    const done = await waitDelivered(api, psa.id, all.length, 30_000);
    const drainMs = Date.now() - recoveredAt;
    expect(done).toMatchObject({ totals: { delivered: all.length, failed: 0, skipped: 0 }, queue: { depth: 0 } });
    expect(done.availability).toMatchObject({ state: 'available', waiting: 0 });
    const tickets = await ticketWrites(c.sandbox.origin, 'autotask');
    expect(tickets).toHaveLength(4);
    const mentions = await alertMentions(c.sandbox.origin, 'autotask', all.map((a) => a.id));
    expect([...mentions.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    // Each probe is one delivery try: up to 4 transport attempts (the default) of at most 2 calls.
    const callBound = heldCallBound(heldMs, BREAKER, 3, 8);
    expect(callsDuringOutage).toBeLessThanOrEqual(callBound);
    console.info(outageFigures({ vendor: 'autotask (3 instances, 1 killed)', engine: 'postgres', alerts: all.length - 2, callsDuringOutage, callBound, drainMs, duplicates: 0, lost: 0 }));
  }, 90_000);
});
