/**
 * The platform hears what ticket delivery does, over real HTTP, each event verified by the test
 * receiver with the `standardwebhooks` library: a group's first alert gives `ticket.created` and the
 * next `ticket.note_added`; a PSA outage that opens the circuit breaker gives one
 * `integration.unavailable` then one `integration.recovered`; a permanent failure gives
 * `delivery.failed`. Also runs on PostgreSQL (test/vitest.pg.config.ts).
 */
import { afterEach, expect, it } from 'vitest';
import { control } from '../../helpers/serve.js';
import { alert, deliverAll, postAlert, settled, setupPsa } from '../routing/routing-harness.js';
import { OUTAGE_CONFIG, OUTAGE_PHASES, setFaults, waitFor } from '../routing/outage-kit.js';
import { createTwoWayTestApp, until, type TwoWayTestApp } from './two-way-harness.js';
import { twoWayServers } from './two-way-servers.js';

const servers = twoWayServers();
let t: TwoWayTestApp;
afterEach(() => t.shutdown());

const ofTypes = (...types: string[]) => servers.receiver.events.filter((e) => types.includes(e.type));

it('sends ticket.created for a group’s first alert, then ticket.note_added for the next', async () => {
  await control(servers.sandbox.origin, 'autotask', 'reset');
  servers.receiver.events.length = 0;
  t = await createTwoWayTestApp(servers.sandbox.origin, servers.receiver);
  const psa = await setupPsa(t, 'autotask', { subjectTemplate: '{user}' });
  const [first, second] = await deliverAll(t, [alert(), alert()]);
  expect(second.vendorTicketId).toBe(first.vendorTicketId);

  await until('both events', () => ofTypes('ticket.created', 'ticket.note_added').length >= 2);
  const events = ofTypes('ticket.created', 'ticket.note_added');
  expect(events.map((e) => e.type)).toEqual(['ticket.created', 'ticket.note_added']);
  expect(events[0]!.data).toMatchObject({ integrationId: psa.id, ticketId: first.vendorTicketId, alertId: first.id });
  expect(events[1]!.data).toMatchObject({ integrationId: psa.id, ticketId: first.vendorTicketId, alertIds: [second.id] });
  expect(servers.receiver.refused).toBe(0);
});

it('sends integration.unavailable once when an outage opens the breaker, and integration.recovered once after', async () => {
  await control(servers.sandbox.origin, 'halopsa', 'reset');
  servers.receiver.events.length = 0;
  t = await createTwoWayTestApp(servers.sandbox.origin, servers.receiver, { routing: OUTAGE_CONFIG });
  const psa = await setupPsa(t, 'halopsa', { subjectTemplate: '{user}' });
  const health = async () => (await (await t.call('GET', `/api/integrations/${psa.id}/health`)).json()).availability;
  await setFaults(servers.sandbox.origin, 'halopsa', OUTAGE_PHASES['503']);
  const during = ['ann', 'bob', 'cy', 'dee'].map((name) => alert({ user: { email: `${name}@outage.example` } }));
  for (const a of during) await postAlert(t, a);
  await waitFor(health, (h) => h.state === 'unavailable', 10_000, 'breaker');
  // A few probes fail while it is open: they are no new transition.
  await new Promise((r) => setTimeout(r, 700));
  await fetch(`${servers.sandbox.origin}/sandbox/halopsa/_control/faults`, { method: 'DELETE' });
  await settled(t, during.map((a) => a.id), 20_000);
  await until('recovered', () => ofTypes('integration.recovered').length > 0);
  await new Promise((r) => setTimeout(r, 300));

  const transitions = ofTypes('integration.unavailable', 'integration.recovered');
  expect(transitions.map((e) => e.type)).toEqual(['integration.unavailable', 'integration.recovered']);
  expect(transitions[0]!.data).toMatchObject({ integrationId: psa.id, lastStatus: 503 });
  expect(transitions[1]!.data).toMatchObject({ integrationId: psa.id });
});

it('sends delivery.failed when an alert fails for good', async () => {
  await control(servers.sandbox.origin, 'kaseya-bms', 'reset');
  servers.receiver.events.length = 0;
  t = await createTwoWayTestApp(servers.sandbox.origin, servers.receiver);
  const psa = await setupPsa(t, 'kaseya-bms', { subjectTemplate: '{user}' });
  await fetch(`${servers.sandbox.origin}/sandbox/kaseya-bms/_control/accounts/${psa.accounts.get('Acme Dental Group')!.id}`, { method: 'DELETE' });
  const a = alert();
  await postAlert(t, a);
  const [failed] = await settled(t, [a.id], 5_000);
  expect(failed.state).toBe('failed');

  const event = await until('delivery.failed', () => ofTypes('delivery.failed')[0]);
  expect(event.data).toMatchObject({ integrationId: psa.id, alertId: a.id, advice: expect.stringMatching(/Review the mappings/) });
  expect(event.data.error).toMatch(/not found/i);
  expect(ofTypes('ticket.created')).toHaveLength(0);
});
