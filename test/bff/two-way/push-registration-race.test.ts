/**
 * Registering the vendor's ticket push with several BFF instances on one database, each with its
 * own connection and two-way worker, against the sandboxes over real HTTP (they list the hooks
 * registered): instances starting together register one hook, not one each; an instance that died
 * holding the registration is taken over once its lease lapses, and a hook it made but never saved
 * is removed by the next registration; and a delete racing a registration leaves no hook at the
 * vendor, whichever of the two stores first (the hook a delete finds is removed by the next worker pass);
 * and instances working a deleted integration's hook removal together delete it at the vendor once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PSA_VENDORS, type PsaVendor } from '../../../bff/contracts/model.js';
import { TwoWayWorker, type TwoWayConfig } from '../../../bff/services/two-way/two-way-worker.js';
import { deleteIntegration } from '../../../bff/services/two-way/push-unregister.js';
import { REGISTER_RETRY_MS } from '../../../bff/services/two-way/push-register.js';
import { VendorGateway } from '../../../bff/services/vendor-gateway.js';
import { openPostgres, openSqlite, type Database } from '../../../db/database.js';
import type { AppDeps } from '../../../bff/app-deps.js';
import { control } from '../../helpers/serve.js';
import { sandboxQuiet, setupPsa } from '../routing/routing-harness.js';
import { createTwoWayTestApp, TEST_TWO_WAY_CONFIG, until, type TwoWayTestApp } from './two-way-harness.js';
import { twoWayServers } from './two-way-servers.js';

const servers = twoWayServers();
let t: TwoWayTestApp;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await t.shutdown();
});

/**
 * How the path of the vendor call that creates the hook ends (a latency fault on it holds a
 * registration mid-way; the searches for orphans beside it, `…/query`, `…/search`, are not held).
 */
const HOOK_CREATE_PATH: Record<PsaVendor, string> = { autotask: '/TicketWebhooks', 'kaseya-bms': '/admin/webhooks', connectwise: '/system/callbacks', halopsa: '/Webhook' };

/** The hooks the sandbox has registered that post to this integration's receiver (HaloPSA names its hooks by guid). */
async function hooksFor(vendor: PsaVendor, integrationId: string): Promise<Array<{ id: number; guid?: string; url: string }>> {
  const { targets } = await control(servers.sandbox.origin, vendor, 'webhooks') as { targets: Array<{ id: number; guid?: string; url: string }> };
  return targets.filter((h) => h.url.includes(`/webhooks/psa/${integrationId}`));
}

/** An app whose own worker registers nothing, with one completed PSA integration that has no push yet. */
async function integrationWithoutPush(vendor: PsaVendor) {
  await control(servers.sandbox.origin, vendor, 'reset');
  t = await createTwoWayTestApp(servers.sandbox.origin, servers.receiver, { register: false });
  return setupPsa(t, vendor);
}

/** Another BFF instance on the same database: its own connection (`database.close()` is its death), repositories and vendor gateway. */
async function secondInstance(): Promise<AppDeps & { database: Database }> {
  const first = t.deps.database;
  const database: Database = first.dialect === 'sqlite' ? openSqlite(first.path) : await openPostgres(first.url, first.schema, 2);
  cleanups.push(() => database.close());
  return { ...t.deps, database, repos: database.repos, vendors: new VendorGateway(t.deps.vendors.context, database.repos, t.deps.vault, 60_000) };
}

/** A two-way worker that registers pushes (started by the caller, stopped after the test). */
function worker(deps: AppDeps, config: Partial<TwoWayConfig> = {}, now?: () => number): TwoWayWorker {
  const w = new TwoWayWorker(deps, { publicOrigin: t.bff.origin, config: { ...TEST_TWO_WAY_CONFIG, ...config }, now });
  cleanups.push(() => w.stop());
  return w;
}

/**
 * A worker of this app registers the integration's push; once it is stored and the vendor is quiet,
 * the vendor holds exactly one hook for the integration: the one stored.
 */
async function registersTheOnlyHook(vendor: PsaVendor, integrationId: string, config: Partial<TwoWayConfig> = {}): Promise<void> {
  const live = worker(t.deps, config).start();
  const push = await until('the push registration', () => t.deps.repos.twoWay.getPush(integrationId));
  await live.stop();
  await sandboxQuiet(servers.sandbox.origin, vendor);
  expect((await hooksFor(vendor, integrationId)).map((h) => h.guid ?? String(h.id))).toEqual([push.hookId]);
}

/** Whether the app logged `text` about the integration. */
const logged = (text: string, integrationId: string) => t.logLines.some((line) => line.includes(text) && line.includes(integrationId));

describe('two instances on one database register one push', () => {
  for (const vendor of PSA_VENDORS) {
    it(`${vendor}: two workers starting together leave exactly one hook at the vendor, the one stored`, async () => {
      const psa = await integrationWithoutPush(vendor);
      // Each hook create takes 300 ms at the vendor, so both workers have read "needs a push" before either stores one.
      await control(servers.sandbox.origin, vendor, 'faults', { kind: 'latency', ms: 300, count: 2, method: 'POST', pathEndsWith: HOOK_CREATE_PATH[vendor] });
      const a = worker(t.deps);
      const b = worker(await secondInstance());
      a.start();
      b.start();
      await until('the push registration', () => t.deps.repos.twoWay.getPush(psa.id));
      // Several more passes of both workers, then nothing may be under way at the vendor.
      await new Promise((r) => setTimeout(r, 10 * TEST_TWO_WAY_CONFIG.tickMs!));
      await a.stop();
      await b.stop();
      await sandboxQuiet(servers.sandbox.origin, vendor);
      const hooks = await hooksFor(vendor, psa.id);
      expect(hooks).toHaveLength(1);
      expect(hooks[0]!.guid ?? String(hooks[0]!.id)).toBe((await t.deps.repos.twoWay.getPush(psa.id))?.hookId);
    });
  }

  it('an instance that died holding the registration is taken over once its lease lapses', async () => {
    const psa = await integrationWithoutPush('halopsa');
    const other = await secondInstance();
    // The dead instance's claim, as its worker made it just before the vendor call; it never renews it.
    expect(await other.repos.twoWay.claimPushLease(psa.id, 'dead-instance', Date.now(), Date.now() + 300)).toBe(true);
    worker(t.deps).start();
    await until('the push registration', () => t.deps.repos.twoWay.getPush(psa.id));
    expect(await hooksFor('halopsa', psa.id)).toHaveLength(1);
  });
});

describe('a hook made by an instance that died before saving it', () => {
  // A dead instance's lease lapses this soon: its heartbeat stops with its database connection.
  const lease = { registerLeaseMs: 300 };
  for (const vendor of PSA_VENDORS) {
    it(`${vendor}: is removed by the next registration, which leaves exactly one hook at the vendor, the one stored`, async () => {
      const psa = await integrationWithoutPush(vendor);
      // The vendor has answered the dying instance's registration; as it goes to save the push, its process ends.
      const dying = await secondInstance();
      let died!: () => void;
      const dead = new Promise<void>((resolve) => { died = resolve; });
      dying.repos.twoWay.savePush = async () => {
        await dying.database.close();
        died();
        return new Promise<never>(() => {});
      };
      void new TwoWayWorker(dying, { publicOrigin: t.bff.origin, config: { ...TEST_TWO_WAY_CONFIG, ...lease } }).tick();
      await dead;
      expect(await hooksFor(vendor, psa.id)).toHaveLength(1);
      expect(await t.deps.repos.twoWay.getPush(psa.id)).toBeNull();

      await registersTheOnlyHook(vendor, psa.id, lease);
      expect(logged('left by a registration that was never saved', psa.id)).toBe(true);
    });
  }
});

describe('a vendor that fails the list of hooks', () => {
  /** The documented list call each PSA's orphan search makes (ticket-push.ts findTicketPushes). */
  const HOOK_LIST: Record<PsaVendor, { method: 'GET' | 'POST'; pathEndsWith: string }> = {
    autotask: { method: 'POST', pathEndsWith: '/TicketWebhooks/query' },
    'kaseya-bms': { method: 'POST', pathEndsWith: '/webhooks/search' },
    connectwise: { method: 'GET', pathEndsWith: '/system/callbacks' },
    halopsa: { method: 'GET', pathEndsWith: '/Webhook' },
  };
  for (const vendor of PSA_VENDORS) {
    it(`${vendor}: still gets its push (the search for orphans is a cleanup, not a condition), and the failure is logged`, async () => {
      const psa = await integrationWithoutPush(vendor);
      await control(servers.sandbox.origin, vendor, 'faults', { kind: '5xx', status: 500, count: 50, ...HOOK_LIST[vendor] });
      await registersTheOnlyHook(vendor, psa.id);
      expect(logged('could not look for ticket pushes', psa.id)).toBe(true);
    });
  }
});

describe('the lease in the database', () => {
  it('is held by one claimant until it lapses, only its holder moves it, and a stored push or a deleted integration is never claimed', async () => {
    const psa = await integrationWithoutPush('halopsa');
    const first = t.deps.repos.twoWay;
    const second = (await secondInstance()).repos.twoWay;
    const [a, b] = await Promise.all([first.claimPushLease(psa.id, 'a', 1_000, 2_000), second.claimPushLease(psa.id, 'b', 1_000, 2_000)]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    const [winner, loser] = a ? ['a', 'b'] : ['b', 'a'];
    expect((await first.needingPush(1_500, 20)).map((i) => i.id)).not.toContain(psa.id);
    expect(await second.setPushLease(psa.id, loser!, 9_000)).toBe(false);
    expect(await second.claimPushLease(psa.id, loser!, 1_999, 3_000)).toBe(false);
    // Lapsed: listed as needing a push again, and the other claimant takes it over; the old holder can no longer move it.
    expect((await first.needingPush(2_000, 20)).map((i) => i.id)).toContain(psa.id);
    expect(await second.claimPushLease(psa.id, loser!, 2_000, 3_000)).toBe(true);
    expect(await first.setPushLease(psa.id, winner!, 9_000)).toBe(false);
    expect(await first.setPushLease(psa.id, loser!, 0)).toBe(true);

    expect(await first.savePush({ integrationId: psa.id, partnerId: 'partner-a', vendor: 'halopsa', hookId: 'h1', keyOrigin: null, secretSealed: 's', secretKeyId: 'k1' })).toBe(true);
    expect(await first.claimPushLease(psa.id, 'c', 5_000, 6_000)).toBe(false);
    // A second push for the same integration is refused, not written over the first.
    expect(await second.savePush({ integrationId: psa.id, partnerId: 'partner-a', vendor: 'halopsa', hookId: 'h2', keyOrigin: null, secretSealed: 's', secretKeyId: 'k1' })).toBe(false);
    expect((await first.getPush(psa.id))?.hookId).toBe('h1');

    // Without its push it needs one again; once deleted, never (its lease lapsed or not).
    await first.deletePush(psa.id);
    expect(await first.claimPushLease(psa.id, 'c', 5_000, 6_000)).toBe(true);
    expect(await t.deps.repos.integrations.softDelete('partner-a', psa.id)).toBe(true);
    expect(await second.claimPushLease(psa.id, 'd', 7_000, 8_000)).toBe(false);
    expect((await first.needingPush(7_000, 20)).map((i) => i.id)).not.toContain(psa.id);
    expect(await second.savePush({ integrationId: psa.id, partnerId: 'partner-a', vendor: 'halopsa', hookId: 'h3', keyOrigin: null, secretSealed: 's', secretKeyId: 'k1' })).toBe(false);
  });
});

describe('a delete racing a registration leaves no hook at the vendor', () => {
  for (const vendor of PSA_VENDORS) {
    it(`${vendor}: deleted while the vendor creates the hook: the worker removes the hook it made and stores no push`, async () => {
      const psa = await integrationWithoutPush(vendor);
      await control(servers.sandbox.origin, vendor, 'faults', { kind: 'latency', ms: 400, count: 1, method: 'POST', pathEndsWith: HOOK_CREATE_PATH[vendor] });
      const w = worker(t.deps);
      const pass = w.tick();
      // The worker has read "needs a push" and its hook create is at the vendor now.
      await until('the hook create at the vendor', async () => ((await control(servers.sandbox.origin, vendor, 'stats')).faultsTaken.latency ?? 0) > 0);
      expect((await t.call('DELETE', `/api/integrations/${psa.id}`)).status).toBe(204);
      await pass;
      await sandboxQuiet(servers.sandbox.origin, vendor);
      expect(await hooksFor(vendor, psa.id)).toEqual([]);
      expect(await t.deps.repos.twoWay.getPush(psa.id)).toBeNull();
    });

    it(`${vendor}: deleted while the vendor creates the hook, then the vendor fails its removal: the removal is queued and the worker removes the hook`, async () => {
      const psa = await integrationWithoutPush(vendor);
      await control(servers.sandbox.origin, vendor, 'faults', { kind: 'latency', ms: 400, count: 1, method: 'POST', pathEndsWith: HOOK_CREATE_PATH[vendor] });
      // Every try of the registering worker's removal fails (the vendor client tries 4 times); the vendor answers again after.
      await control(servers.sandbox.origin, vendor, 'faults', { kind: '5xx', status: 503, count: 4, method: 'DELETE', pathIncludes: HOOK_CREATE_PATH[vendor].slice(1) });
      const w = worker(t.deps);
      const pass = w.tick();
      await until('the hook create at the vendor', async () => ((await control(servers.sandbox.origin, vendor, 'stats')).faultsTaken.latency ?? 0) > 0);
      expect((await t.call('DELETE', `/api/integrations/${psa.id}`)).status).toBe(204);
      await pass;
      expect(logged('queued the removal of the hook made for a deleted integration', psa.id)).toBe(true);
      // The app's own two-way worker (it registers nothing here) removes it once the vendor answers.
      await until('the hook removal', async () => (await t.deps.repos.pushRemovals.get('partner-a', psa.id))?.state === 'removed');
      await sandboxQuiet(servers.sandbox.origin, vendor);
      expect(await hooksFor(vendor, psa.id)).toEqual([]);
      expect(await t.deps.repos.twoWay.getPush(psa.id)).toBeNull();
      expect(await t.deps.repos.pushRemovals.get('partner-a', psa.id)).toMatchObject({ hasCredentials: false });
    });

    it(`${vendor}: a push stored after the delete began but before it was stored is removed after the delete`, async () => {
      const psa = await integrationWithoutPush(vendor);
      // The delete route's steps, with a registration finishing between its read of the integration and the delete being stored.
      const row = (await t.deps.repos.integrations.get('partner-a', psa.id))!;
      await worker(t.deps).tick();
      expect(await hooksFor(vendor, psa.id)).toHaveLength(1);
      expect(await deleteIntegration(t.deps, 'partner-a', row)).toEqual({ vendorPush: 'queued' });
      // The app's own two-way worker (it registers nothing here) removes it.
      await until('the hook removal', async () => (await t.deps.repos.pushRemovals.get('partner-a', psa.id))?.state === 'removed');
      expect(await hooksFor(vendor, psa.id)).toEqual([]);
      expect(await t.deps.repos.twoWay.getPush(psa.id)).toBeNull();
      expect(await t.deps.repos.pushRemovals.get('partner-a', psa.id)).toMatchObject({ hasCredentials: false });
    });
  }
});

describe('instances sharing the database remove a deleted integration’s hook once', () => {
  for (const vendor of PSA_VENDORS) {
    it(`${vendor}: two workers running while the hook is deleted: one vendor delete, then the removal ends`, async () => {
      const psa = await integrationWithoutPush(vendor);
      await registersTheOnlyHook(vendor, psa.id);
      await t.twoWay.stop(); // the app's own worker would be a third instance: the two below are the test's
      // Each vendor delete of the hook is held a while, so the other instance ticks many times meanwhile.
      await control(servers.sandbox.origin, vendor, 'faults', { kind: 'latency', ms: 300, count: 5, method: 'DELETE', pathIncludes: HOOK_CREATE_PATH[vendor].slice(1) });
      expect((await t.call('DELETE', `/api/integrations/${psa.id}`)).status).toBe(204);
      worker(t.deps).start();
      worker(await secondInstance()).start();
      await until('the hook removal', async () => (await t.deps.repos.pushRemovals.get('partner-a', psa.id))?.state === 'removed');
      await sandboxQuiet(servers.sandbox.origin, vendor);
      expect((await control(servers.sandbox.origin, vendor, 'stats')).faultsTaken.latency).toBe(1);
      expect(await hooksFor(vendor, psa.id)).toEqual([]);
      expect(await t.deps.repos.pushRemovals.get('partner-a', psa.id)).toMatchObject({ attempts: 1, hasCredentials: false });
    });
  }
});

describe('a webhook the PSA turned off', () => {
  for (const vendor of PSA_VENDORS) {
    it(`${vendor}: is replaced once the retry time has passed, and the vendor then holds only the new hook`, async () => {
      const psa = await integrationWithoutPush(vendor);
      await registersTheOnlyHook(vendor, psa.id);
      const first = (await t.deps.repos.twoWay.getPush(psa.id))!;
      // The PSA's deactivation notice, at the address the hook was given (Autotask's deactivationUrl).
      const noticed = Date.now();
      expect((await fetch(`${t.bff.origin}/webhooks/psa/${psa.id}/deactivated`, { method: 'POST' })).status).toBe(200);
      expect(await t.deps.repos.twoWay.getPush(psa.id)).toMatchObject({ active: false, hookId: first.hookId });
      // The admin is told status is polled meanwhile, and when the new hook comes: once the retry time has passed.
      const { ticketPush } = await (await t.call('GET', `/api/integrations/${psa.id}/health`)).json();
      expect(ticketPush).toMatchObject({ state: 'deactivated', failure: null });
      expect(Date.parse(ticketPush.replacementAt) - noticed).toBeGreaterThanOrEqual(REGISTER_RETRY_MS - 1_000);
      expect(Date.parse(ticketPush.replacementAt) - Date.now()).toBeLessThanOrEqual(REGISTER_RETRY_MS);
      // Within the retry time nothing changes: a notice cannot make the hub churn hooks at the vendor.
      await worker(t.deps).tick();
      expect(await t.deps.repos.twoWay.getPush(psa.id)).toMatchObject({ active: false, hookId: first.hookId });

      const later = Date.now() + REGISTER_RETRY_MS + 60_000;
      await worker(t.deps, {}, () => later).tick();
      const second = await t.deps.repos.twoWay.getPush(psa.id);
      expect(second).toMatchObject({ active: true });
      expect(second!.hookId).not.toBe(first.hookId);
      expect(logged('registering a new one', psa.id)).toBe(true);
      await sandboxQuiet(servers.sandbox.origin, vendor);
      expect((await hooksFor(vendor, psa.id)).map((h) => h.guid ?? String(h.id))).toEqual([second!.hookId]);
      // Removing the old hook makes Autotask tell the old hook's deactivation URL (a moment later): that
      // notice is about the old hook, and must not turn the new one off.
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(await t.deps.repos.twoWay.getPush(psa.id)).toMatchObject({ active: true, hookId: second!.hookId });
    });
  }

  it('autotask: a notice at the deactivation URL the current hook was given turns it off; a replaced hook’s notice does not', async () => {
    const psa = await integrationWithoutPush('autotask');
    await registersTheOnlyHook('autotask', psa.id);
    const [hook] = (await hooksFor('autotask', psa.id)) as unknown as Array<{ deactivationUrl: string }>;
    expect(hook!.deactivationUrl).toMatch(new RegExp(`^${t.bff.origin}/webhooks/psa/${psa.id}/deactivated/[\\w-]{22}$`));
    const other = hook!.deactivationUrl.replace(/[\w-]{22}$/, 'A'.repeat(22));
    expect((await fetch(other, { method: 'POST' })).status).toBe(200);
    expect(await t.deps.repos.twoWay.getPush(psa.id)).toMatchObject({ active: true });
    expect((await fetch(hook!.deactivationUrl, { method: 'POST' })).status).toBe(200);
    expect(await t.deps.repos.twoWay.getPush(psa.id)).toMatchObject({ active: false });
  });

  it('of a deleted integration is left to its removal, never replaced', async () => {
    const psa = await integrationWithoutPush('autotask');
    await registersTheOnlyHook('autotask', psa.id);
    await t.twoWay.stop(); // the removal is not what this test watches
    expect((await fetch(`${t.bff.origin}/webhooks/psa/${psa.id}/deactivated`, { method: 'POST' })).status).toBe(200);
    expect((await t.call('DELETE', `/api/integrations/${psa.id}`)).status).toBe(204);
    expect(await t.deps.repos.twoWay.forgetDeactivatedPushes(new Date(Date.now() + 60_000).toISOString(), 20)).toEqual([]);
    expect(await t.deps.repos.twoWay.getPush(psa.id)).toMatchObject({ active: false });
  });
});
