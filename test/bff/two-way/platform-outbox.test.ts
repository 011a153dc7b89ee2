/**
 * The platform-event outbox: with the platform's receiver down for "10 minutes" (the worker's clock
 * is moved on, not waited for), every queued event is delivered afterwards exactly once and in
 * order per ticket, each signed per Standard Webhooks; the delivery log shows the failed tries.
 * Also runs on PostgreSQL (test/vitest.pg.config.ts).
 */
import { afterEach, expect, it } from 'vitest';
import { platformEvent, ticketOrderKey } from '../../../bff/services/two-way/platform-events.js';
import { TwoWayWorker } from '../../../bff/services/two-way/two-way-worker.js';
import { createTestApp, type TestApp } from '../../helpers/create-test-app.js';
import { startPlatformReceiver, until, type PlatformReceiver } from './two-way-harness.js';

let t: TestApp;
let receiver: PlatformReceiver;
let worker: TwoWayWorker;
afterEach(async () => {
  await worker.stop();
  await receiver.close();
  await t.close();
});

it('delivers every event once, in order per ticket, after the platform was down for 10 minutes', async () => {
  t = await createTestApp();
  receiver = await startPlatformReceiver();
  let clock = Date.now();
  worker = new TwoWayWorker(t.deps, {
    now: () => clock,
    config: { tickMs: 10, dispatcher: { backoffBaseMs: 1_000, backoffMaxMs: 60_000, maxAttempts: 50, timeoutMs: 2_000, batch: 50 } },
  });
  expect((await t.call('PUT', '/api/platform-webhook', { body: { url: receiver.url, secret: receiver.secret } })).status).toBe(200);
  receiver.down = true;

  // Three tickets, three events each, queued interleaved (as status changes of several tickets arrive).
  const queued: Array<{ id: string; ticket: string }> = [];
  for (let step = 0; step < 3; step++) {
    for (const ticket of ['7801', '7802', '7803']) {
      const event = platformEvent('partner-a', 'ticket.status_changed', ticketOrderKey('int-1', ticket), { ticketId: ticket, step });
      await t.deps.repos.twoWay.enqueueEvent(event);
      queued.push({ id: event.id, ticket });
    }
  }
  worker.start();
  const stepMs = 15_000;
  for (let elapsed = 0; elapsed < 10 * 60_000; elapsed += stepMs) {
    clock += stepMs;
    await new Promise((r) => setTimeout(r, 15));
  }
  expect(receiver.events).toHaveLength(0);

  receiver.down = false;
  await until('every event delivered', async () => {
    clock += stepMs;
    return (await t.deps.repos.twoWay.listEvents('partner-a', 100)).every((e) => e.state === 'delivered');
  }, 15_000);

  const ids = receiver.events.map((e) => e.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual(queued.map((q) => q.id).sort());
  for (const ticket of ['7801', '7802', '7803']) {
    expect(receiver.events.filter((e) => e.data.ticketId === ticket).map((e) => e.data.step)).toEqual([0, 1, 2]);
  }
  const log = await t.call('GET', '/api/platform-webhook/events?limit=20');
  const first = ((await log.json()) as { events: Array<{ id: string; attempts: number; state: string }> }).events.find((e) => e.id === queued[0]!.id)!;
  expect(first.state).toBe('delivered');
  expect(first.attempts).toBeGreaterThan(1);
});
