/**
 * A process that dies right after a delivery's write-back committed (the ticket, the note or the
 * failure is recorded; nothing after it runs), or right after the circuit breaker recorded that it
 * opened, has still queued the platform's event: after a restart on the same database the platform
 * receives it, once, over real HTTP. The crash is the write's promise never settling and the
 * worker killed as it commits, the two-way worker (the dispatcher) having stopped before. Also runs
 * on PostgreSQL (test/vitest.pg.config.ts).
 */
import { afterEach, expect, it } from 'vitest';
import type { PsaVendor } from '../../../bff/contracts/model.js';
import { RoutingWorker } from '../../../bff/services/routing/routing-worker.js';
import { TwoWayWorker } from '../../../bff/services/two-way/two-way-worker.js';
import { control } from '../../helpers/serve.js';
import { alert, postAlert, settled, setupPsa, TEST_ROUTING_CONFIG, ticketWrites } from '../routing/routing-harness.js';
import { OUTAGE_CONFIG, OUTAGE_PHASES, setFaults } from '../routing/outage-kit.js';
import { createTwoWayTestApp, TEST_TWO_WAY_CONFIG, until, type TwoWayTestApp } from './two-way-harness.js';
import { twoWayServers } from './two-way-servers.js';

const servers = twoWayServers();
let t: TwoWayTestApp;
let restarted: { routing: RoutingWorker; twoWay: TwoWayWorker } | null = null;
afterEach(async () => {
  await restarted?.twoWay.stop();
  await restarted?.routing.stop(1_000);
  restarted = null;
  await t.shutdown();
});

type WriteBack = 'recordTicketCreated' | 'recordNoteAdded' | 'recordFailed';
const CASES: Array<{ kind: string; vendor: PsaVendor; writeBack: WriteBack; event: string }> = [
  { kind: 'a ticket created', vendor: 'autotask', writeBack: 'recordTicketCreated', event: 'ticket.created' },
  { kind: 'a note added', vendor: 'autotask', writeBack: 'recordNoteAdded', event: 'ticket.note_added' },
  { kind: 'an alert failed for good', vendor: 'kaseya-bms', writeBack: 'recordFailed', event: 'delivery.failed' },
];

it.each(CASES)('$kind, recorded as the process died: the platform gets $event after the restart', async ({ vendor, writeBack, event }) => {
  await control(servers.sandbox.origin, vendor, 'reset');
  servers.receiver.events.length = 0;
  t = await createTwoWayTestApp(servers.sandbox.origin, servers.receiver, { register: false });
  const psa = await setupPsa(t, vendor, { subjectTemplate: '{user}' });
  const ofVictim = (id: string) => servers.receiver.events.filter((e) => e.type === event && (e.data.alertId === id || e.data.alertIds?.includes(id)));
  if (writeBack === 'recordNoteAdded') {
    const first = alert({ user: { email: 'crash@domain.com' } });
    await postAlert(t, first);
    await settled(t, [first.id]);
    await until('the first ticket.created', () => servers.receiver.events.some((e) => e.type === 'ticket.created'));
  }
  if (writeBack === 'recordFailed') {
    await fetch(`${servers.sandbox.origin}/sandbox/kaseya-bms/_control/accounts/${psa.accounts.get('Acme Dental Group')!.id}`, { method: 'DELETE' });
  }

  // The process dies as the write-back commits: the worker is killed and nothing after the write runs.
  await t.twoWay.stop();
  const routing = t.deps.repos.routing;
  const write = routing[writeBack] as (...args: unknown[]) => Promise<void>;
  let crashed!: () => void;
  const died = new Promise<void>((resolve) => { crashed = resolve; });
  routing[writeBack] = (async (...args: unknown[]) => {
    await write.apply(routing, args);
    routing[writeBack] = write as never;
    t.worker.kill();
    crashed();
    return new Promise<never>(() => {});
  }) as never;
  const victim = alert({ user: { email: 'crash@domain.com' } });
  await postAlert(t, victim);
  await died;
  const record = (await routing.get('partner-a', victim.id))!;
  expect(record.state).toBe(writeBack === 'recordFailed' ? 'failed' : 'delivered');
  expect(ofVictim(victim.id)).toHaveLength(0);

  // Restart: new workers on the same database.
  restarted = {
    routing: new RoutingWorker(t.deps, { config: TEST_ROUTING_CONFIG }).start(),
    twoWay: new TwoWayWorker(t.deps, { config: TEST_TWO_WAY_CONFIG }).start(),
  };
  await until(`${event} for the alert recorded before the crash`, () => ofVictim(victim.id).length > 0, 5_000);
  // Nothing twice: the delivery is not repeated, and the event arrives once.
  await new Promise((r) => setTimeout(r, 200));
  expect(ofVictim(victim.id)).toHaveLength(1);
  if (writeBack !== 'recordFailed') {
    const tickets = await ticketWrites(servers.sandbox.origin, vendor);
    expect(tickets).toHaveLength(1);
    expect(ofVictim(victim.id)[0]!.data).toMatchObject({ integrationId: psa.id, ticketId: tickets[0]!.id });
  }
  expect(servers.receiver.refused).toBe(0);
});

it('the breaker opened as the process died: the platform gets integration.unavailable after the restart, then integration.recovered', async () => {
  await control(servers.sandbox.origin, 'halopsa', 'reset');
  servers.receiver.events.length = 0;
  t = await createTwoWayTestApp(servers.sandbox.origin, servers.receiver, { register: false, routing: OUTAGE_CONFIG });
  const psa = await setupPsa(t, 'halopsa', { subjectTemplate: '{user}' });
  const transitions = () => servers.receiver.events.filter((e) => e.type.startsWith('integration.') && e.data.integrationId === psa.id);

  await t.twoWay.stop();
  const health = t.deps.repos.integrationHealth;
  const recordFailure = health.recordFailure;
  let crashed!: () => void;
  const died = new Promise<void>((resolve) => { crashed = resolve; });
  health.recordFailure = async (...args) => {
    const row = await recordFailure.apply(health, args);
    if (row.state !== 'unavailable') return row;
    health.recordFailure = recordFailure;
    t.worker.kill();
    crashed();
    return new Promise<never>(() => {});
  };
  await setFaults(servers.sandbox.origin, 'halopsa', OUTAGE_PHASES['503']);
  const during = ['ann', 'bob', 'cy', 'dee'].map((name) => alert({ user: { email: `${name}@crash.example` } }));
  for (const a of during) await postAlert(t, a);
  await died;
  expect((await health.get(psa.id))?.state).toBe('unavailable');
  expect(transitions()).toEqual([]);

  // Restart once the PSA answers again: the opening is announced first, then the recovery.
  await fetch(`${servers.sandbox.origin}/sandbox/halopsa/_control/faults`, { method: 'DELETE' });
  restarted = {
    routing: new RoutingWorker(t.deps, { config: { ...TEST_ROUTING_CONFIG, ...OUTAGE_CONFIG } }).start(),
    twoWay: new TwoWayWorker(t.deps, { config: TEST_TWO_WAY_CONFIG }).start(),
  };
  await settled(t, during.map((a) => a.id), 20_000);
  await until('integration.recovered', () => transitions().some((e) => e.type === 'integration.recovered'));
  await new Promise((r) => setTimeout(r, 200));
  expect(transitions().map((e) => e.type)).toEqual(['integration.unavailable', 'integration.recovered']);
  expect(transitions()[0]!.data).toMatchObject({ lastStatus: 503 });
});
