/**
 * The sync scheduler: due integrations only, the next run an interval later, and the row claim
 * that lets two processes on one database never sync one integration at once (a second
 * connection to the same SQLite file stands in for the second process), a crashed claim lapsing.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPostgres, openSqlite, type Database } from '../../../db/database.js';
import type { Repositories } from '../../../db/repositories/index.js';
import { RmmSyncScheduler } from '../../../bff/services/rmm-sync/rmm-sync.scheduler.js';
import { RmmSyncService } from '../../../bff/services/rmm-sync/rmm-sync.service.js';
import { VendorGateway } from '../../../bff/services/vendor-gateway.js';
import { createAdapterContext, sandboxEndpoints } from '../../../bff/vendors/adapter-context.js';
import { SANDBOX_INTEGRATION_CODE, type TestApp } from '../../helpers/create-test-app.js';
import { startSandboxServer } from '../../helpers/sandbox-server.js';
import { connectRmm, createSyncTestApp, ctl, syncNow, type SandboxServer } from './rmm-sync.helpers.js';

const INTERVAL = 15 * 60_000;
let sandbox: SandboxServer;
let t: TestApp;
let second: Database | null = null;
beforeAll(async () => { sandbox = await startSandboxServer(); });
afterAll(() => sandbox.close());
beforeEach(async () => {
  await ctl(sandbox, 'datto-rmm', 'POST', 'reset');
  t = await createSyncTestApp(sandbox);
});
afterEach(async () => {
  await second?.close();
  second = null;
  await t.close();
});

/** Another process's own connection to the same database (file or PostgreSQL schema). */
async function secondConnection(): Promise<Database> {
  const d = t.deps.database;
  return d.dialect === 'sqlite' ? openSqlite(d.path) : openPostgres(d.url, d.schema, 2);
}

/** A scheduler as one BFF process builds it, on its own connection to the test database. */
function processOn(repos: Repositories, now: () => number) {
  const vendors = new VendorGateway(createAdapterContext(sandboxEndpoints(sandbox.origin, SANDBOX_INTEGRATION_CODE), { backoffBaseMs: 5 }), repos, t.deps.vault, 60_000);
  const service = new RmmSyncService({ repos, vendors, logger: t.deps.logger }, { intervalMs: INTERVAL, now });
  return { repos, scheduler: new RmmSyncScheduler(service, repos, t.deps.logger, { now }) };
}

describe('RMM sync scheduler', () => {
  it('syncs each connected integration when due and schedules the next run an interval later', async () => {
    // Finish ran each one's first sync (connectRmm waits for it), so the next is an interval away.
    const datto = await connectRmm(t, 'datto-rmm');
    const syncro = await connectRmm(t, 'syncro');
    // A draft of another Syncro account (the same account is never connected twice): the scheduler leaves it alone.
    const created = await t.call('POST', '/api/integrations', { body: { vendor: 'syncro', credentials: { subdomain: 'sandbox-2', apiToken: 'sandbox-token' }, confirmSeparateInstance: true } });
    expect(created.status).toBe(201);
    const draft = (await created.json()).id as string;
    let clock = Date.now();
    const { repos, scheduler } = processOn(t.deps.repos, () => clock);
    expect([datto.first.outcome, syncro.first.outcome]).toEqual(['succeeded', 'succeeded']);
    expect((await repos.devices.syncState(datto.id))!.nextSyncAt).toBeGreaterThanOrEqual(Date.parse(datto.first.finishedAt) + INTERVAL);
    expect(await scheduler.tick()).toEqual([]);

    clock += INTERVAL + 1_000;
    const runs = (await scheduler.tick()).filter(Boolean);
    expect(runs.map((r) => r!.integrationId).sort()).toEqual([datto.id, syncro.id].sort());
    expect(runs.every((r) => r!.outcome === 'succeeded')).toBe(true);
    expect(await repos.devices.syncState(draft)).toBeUndefined();
    expect((await repos.devices.syncState(datto.id))!.nextSyncAt).toBeGreaterThanOrEqual(clock + INTERVAL);
    expect(await scheduler.tick()).toEqual([]);
    clock += INTERVAL + 1_000;
    expect((await scheduler.tick()).length).toBe(2);
    await scheduler.stop();
  });

  it('lets only one of two processes sync an integration at once', async () => {
    const { id } = await connectRmm(t, 'datto-rmm');
    second = await secondConnection();
    // Past the next run that the first sync (on Finish) scheduled.
    const later = () => Date.now() + INTERVAL + 1_000;
    const a = processOn(t.deps.repos, later);
    const b = processOn(second.repos, later);
    const callsBefore = sandbox.sandboxes['datto-rmm'].state.callCount;
    const [fromA, fromB] = await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
    const ran = [...fromA, ...fromB].filter(Boolean);
    expect(ran).toHaveLength(1);
    expect(ran[0]!.integrationId).toBe(id);
    // One walk's worth of vendor calls (a token, the site list, the device and activity pages), not two.
    const calls = sandbox.sandboxes['datto-rmm'].state.callCount - callsBefore;
    expect(calls).toBe(ran[0]!.devices.pages + ran[0]!.userActivity.pages + 2);
    // Sync now while another process holds the claim is refused, not doubled.
    const until = later() + 60_000;
    expect(await b.repos.devices.claim(id, later() + INTERVAL, until)).not.toBeNull();
    const refused = await syncNow(t, id);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('sync_running');
    expect((await a.scheduler.tick()).filter(Boolean)).toHaveLength(0);
  });

  it('takes over a claim that lapsed (its process crashed) and stops a sync whose claim was taken', async () => {
    const { id } = await connectRmm(t, 'datto-rmm');
    // Past the next run that the first sync (on Finish) scheduled.
    const now = Date.now() + INTERVAL + 1_000;
    const crashed = (await t.deps.repos.devices.claim(id, now, now + 1_000))!;
    const { scheduler } = processOn(t.deps.repos, () => now + 2_000);
    const [run] = await scheduler.tick();
    expect(run).toMatchObject({ integrationId: id, outcome: 'succeeded' });
    // The crashed run's writes are refused: its token no longer holds the row.
    await expect(t.deps.repos.devices.markRemoved(crashed, now + 5_000, ['x'])).rejects.toThrow(/lapsed/);
    expect(await t.deps.repos.devices.finish(crashed, { finishedAt: new Date().toISOString(), succeeded: true, lastError: null, nextSyncAt: 0 })).toBe(false);
  });
});
