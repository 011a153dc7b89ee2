/**
 * What an admin sees of the ticket push: a PSA that refuses to create the webhook (its API user
 * lacks the permission, answered with the vendor's own 403 by the sandbox) shows in the
 * integration's health answer as `failing`, with the reason, the vendor's own setting to change and
 * the next try, and none of the vendor's words; "Try again now" makes the worker try at once, and
 * the success clears it. Plus the repository's record of failures, on either engine.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PSA_VENDORS, type PsaVendor } from '../../../bff/contracts/model.js';
import { ticketPushSchema } from '../../../bff/contracts/ticket-push.js';
import { REGISTER_RETRY_MS } from '../../../bff/services/two-way/push-register.js';
import { createTestApp } from '../../helpers/create-test-app.js';
import { control } from '../../helpers/serve.js';
import { PSA_CREDENTIALS, setupPsa } from '../routing/routing-harness.js';
import { createTwoWayTestApp, until, type TwoWayTestApp } from './two-way-harness.js';
import { twoWayServers } from './two-way-servers.js';

const servers = twoWayServers();
let t: TwoWayTestApp;
afterEach(async () => {
  await t.shutdown();
});

/** The vendor call that creates the hook (its orphan searches beside it, `…/query`, `…/search`, are left alone). */
const HOOK_CREATE: Record<PsaVendor, { method: 'POST'; pathEndsWith: string }> = {
  autotask: { method: 'POST', pathEndsWith: '/TicketWebhooks' },
  'kaseya-bms': { method: 'POST', pathEndsWith: '/admin/webhooks' },
  connectwise: { method: 'POST', pathEndsWith: '/system/callbacks' },
  halopsa: { method: 'POST', pathEndsWith: '/Webhook' },
};

/** Words of each vendor's own setting that the advice names (push-status.ts PERMISSION_FIX). */
const FIX_NAMES: Record<PsaVendor, string> = {
  autotask: 'security level',
  'kaseya-bms': 'Admin > Security > Roles',
  connectwise: 'System > Security Roles',
  halopsa: 'Configuration > Integrations > HaloPSA API',
};

async function health(id: string, partner = 'partner-a') {
  const res = await t.call('GET', `/api/integrations/${id}/health`, { token: await t.token(partner) });
  return { status: res.status, text: await res.text() };
}

async function ticketPush(id: string) {
  const { status, text } = await health(id);
  expect(status).toBe(200);
  // Parsed with the contract's own schema: the answer is what the route documents.
  return { ...ticketPushSchema.parse(JSON.parse(text).ticketPush), text };
}

describe('a PSA that refuses to create the webhook', () => {
  for (const vendor of PSA_VENDORS) {
    it(`${vendor}: the health answer says status is polled, why, what to change in ${vendor} and when it is tried again; "Try again now" and a success clear it`, async () => {
      await control(servers.sandbox.origin, vendor, 'reset');
      // The API user may not create webhooks: the vendor refuses the create once (the worker's first try).
      await control(servers.sandbox.origin, vendor, 'faults', { kind: '403', count: 1, ...HOOK_CREATE[vendor] });
      t = await createTwoWayTestApp(servers.sandbox.origin, servers.receiver);
      const psa = await setupPsa(t, vendor);

      const failing = await until('the refused registration in the health answer', async () => {
        const push = await ticketPush(psa.id);
        return push.state === 'failing' ? push : null;
      });
      expect(failing.pollMinutes).toBe(15);
      expect(failing.registeredAt).toBeNull();
      expect(failing.failure).toMatchObject({ code: 'missing_permission', reason: 'permission', refused: true, status: 403, attempts: 1 });
      expect(failing.failure!.advice).toContain(FIX_NAMES[vendor]);
      expect(Date.parse(failing.failure!.nextTryAt) - Date.parse(failing.failure!.lastAt)).toBe(REGISTER_RETRY_MS);
      // Only the class reaches the admin: not the vendor's refusal, not the credentials.
      expect(failing.text).not.toMatch(/permissions to perform|permission to access|do not have access|does not have permission/i);
      expect(failing.text).not.toMatch(/sandbox-secret|sandbox-password|client_secret/i);
      // Another partner learns nothing of it.
      expect((await health(psa.id, 'partner-b')).status).toBe(404);
      expect((await t.call('POST', `/api/integrations/${psa.id}/psa/push-retry`, { token: await t.token('partner-b') })).status).toBe(404);

      // "Try again now": the worker tries at its next pass instead of in 5 minutes; the vendor now accepts.
      const retry = await t.call('POST', `/api/integrations/${psa.id}/psa/push-retry`);
      expect(retry.status).toBe(200);
      expect((await retry.json()).retried).toBe(true);
      const registered = await until('the push registered after "Try again now"', async () => {
        const push = await ticketPush(psa.id);
        return push.state === 'registered' ? push : null;
      });
      expect(registered.failure).toBeNull();
      expect(registered.registeredAt).not.toBeNull();
      // Nothing left to bring forward.
      expect((await (await t.call('POST', `/api/integrations/${psa.id}/psa/push-retry`)).json()).retried).toBe(false);
    });
  }

  it('an outage is told apart from a refusal, and each failed attempt counts', async () => {
    const vendor = 'halopsa';
    await control(servers.sandbox.origin, vendor, 'reset');
    await control(servers.sandbox.origin, vendor, 'faults', { kind: '5xx', status: 503, count: 50, ...HOOK_CREATE[vendor] });
    t = await createTwoWayTestApp(servers.sandbox.origin, servers.receiver);
    const psa = await setupPsa(t, vendor);
    const first = await until('the failed registration', async () => {
      const push = await ticketPush(psa.id);
      return push.state === 'failing' ? push : null;
    });
    expect(first.failure).toMatchObject({ code: 'unavailable', reason: 'no answer', refused: false, status: 503, attempts: 1 });
    expect(first.failure!.advice).toMatch(/did not answer/);
    await t.call('POST', `/api/integrations/${psa.id}/psa/push-retry`);
    const second = await until('the second failed attempt', async () => {
      const push = await ticketPush(psa.id);
      return push.failure?.attempts === 2 ? push : null;
    });
    expect(second.failure!.since).toBe(first.failure!.since);
    expect(Date.parse(second.failure!.lastAt)).toBeGreaterThanOrEqual(Date.parse(first.failure!.lastAt));
  });
});

describe('a hub that registers no webhooks (no public address)', () => {
  it('says status is polled because webhooks are not set up, not that one is "not registered yet"', async () => {
    const read = async (pushEnabled: boolean) => {
      const app = await createTestApp({ sandboxOrigin: servers.sandbox.origin, deps: { twoWay: { pollIntervalMs: 5 * 60_000, pushEnabled } } });
      try {
        const created = await app.call('POST', '/api/integrations', { body: { vendor: 'autotask', credentials: PSA_CREDENTIALS.autotask } });
        expect(created.status).toBe(201);
        const res = await app.call('GET', `/api/integrations/${(await created.json()).id}/health`);
        expect(res.status).toBe(200);
        return ticketPushSchema.parse((await res.json()).ticketPush);
      } finally {
        await app.close();
      }
    };
    expect(await read(true)).toEqual({ state: 'pending', pollMinutes: 5, registeredAt: null, replacementAt: null, failure: null });
    expect(await read(false)).toEqual({ state: 'off', pollMinutes: 5, registeredAt: null, replacementAt: null, failure: null });
  });
});

describe('the push status in the database', () => {
  it('records a failure only for the lease holder, keeps it across retries, brings the retry forward only while it waits, and clears it when a push is saved', async () => {
    await control(servers.sandbox.origin, 'halopsa', 'reset');
    t = await createTwoWayTestApp(servers.sandbox.origin, servers.receiver, { register: false });
    const psa = await setupPsa(t, 'halopsa');
    const repo = t.deps.repos.twoWay;
    expect(await repo.pushStatus('partner-a', psa.id)).toEqual({ integrationId: psa.id, registered: null, failure: null });
    expect(await repo.pushStatus('partner-b', psa.id)).toBeNull();

    expect(await repo.claimPushLease(psa.id, 'a', 1_000, 2_000)).toBe(true);
    expect(await repo.recordPushFailure(psa.id, 'b', { code: 'missing_permission', status: 403, at: 1_500, retryAt: 301_500 })).toBe(false);
    expect(await repo.recordPushFailure(psa.id, 'a', { code: 'missing_permission', status: 403, at: 1_500, retryAt: 301_500 })).toBe(true);
    expect((await repo.pushStatus('partner-a', psa.id))?.failure).toEqual({ code: 'missing_permission', status: 403, failures: 1, failingSince: 1_500, lastFailureAt: 1_500, nextTryAt: 301_500 });
    // The failure holds the lease until the retry time, for every instance.
    expect((await repo.needingPush(2_000, 20)).map((i) => i.id)).not.toContain(psa.id);

    // "Try again now" is the partner's alone, and brings the retry forward once.
    expect(await repo.retryPushNow('partner-b', psa.id, 3_000)).toBe(false);
    expect(await repo.retryPushNow('partner-a', psa.id, 3_000)).toBe(true);
    expect((await repo.needingPush(3_000, 20)).map((i) => i.id)).toContain(psa.id);
    expect(await repo.retryPushNow('partner-a', psa.id, 3_000)).toBe(false);

    // A new attempt keeps the failure on show while it runs; its own failure counts on.
    expect(await repo.claimPushLease(psa.id, 'c', 3_000, 63_000)).toBe(true);
    expect((await repo.pushStatus('partner-a', psa.id))?.failure?.failures).toBe(1);
    expect(await repo.retryPushNow('partner-a', psa.id, 4_000)).toBe(false); // an attempt is under way, not waiting
    expect(await repo.recordPushFailure(psa.id, 'c', { code: 'unavailable', status: 503, at: 4_000, retryAt: 304_000 })).toBe(true);
    expect((await repo.pushStatus('partner-a', psa.id))?.failure).toEqual({ code: 'unavailable', status: 503, failures: 2, failingSince: 1_500, lastFailureAt: 4_000, nextTryAt: 304_000 });

    // Saved: registered, the failures cleared.
    expect(await repo.claimPushLease(psa.id, 'd', 304_000, 364_000)).toBe(true);
    expect(await repo.savePush({ integrationId: psa.id, partnerId: 'partner-a', vendor: 'halopsa', hookId: 'h1', keyOrigin: null, secretSealed: 's', secretKeyId: 'k1' })).toBe(true);
    const saved = await repo.pushStatus('partner-a', psa.id);
    expect(saved?.failure).toBeNull();
    expect(saved?.registered?.active).toBe(true);
    await repo.setPushActive(psa.id, false);
    expect((await repo.pushStatus('partner-a', psa.id))?.registered?.active).toBe(false);
  });
});
