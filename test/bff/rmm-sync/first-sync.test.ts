/**
 * Issue 17 item 10: a newly connected RMM's first device sync starts on Finish, in the background
 * (Finish answers with the sync "running", the list shows it, then the result, with no "Sync now"
 * and no wait for the scheduler), and an organization's device count is its own per connection,
 * not the connection's. Real sandboxes over HTTP; SQLite, and PostgreSQL with vitest.pg.config.ts.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/create-test-app.js';
import { startSandboxServer } from '../../helpers/sandbox-server.js';
import { connectRmm, createSyncTestApp, ctl, firstSync, getJson, prepareRmm, syncNow, type SandboxServer } from './rmm-sync.helpers.js';

let sandbox: SandboxServer;
let t: TestApp;
beforeAll(async () => { sandbox = await startSandboxServer(); });
afterAll(() => sandbox.close());
beforeEach(async () => {
  await ctl(sandbox, 'datto-rmm', 'POST', 'seed', { scale: 300 });
  await ctl(sandbox, 'syncro', 'POST', 'seed', { scale: 120 });
  t = await createSyncTestApp(sandbox);
});
afterEach(() => t.close());

const rmmRow = async (id: string) => (await getJson(t, '/api/integrations?kind=rmm')).body.integrations.find((i: { id: string }) => i.id === id);

describe('First device sync on Finish', () => {
  it('starts when Finish makes the RMM Connected without holding Finish up: running, then the result, no Sync now', async () => {
    const { id } = await prepareRmm(t, 'datto-rmm');
    // A draft does not sync: nothing has started after the credentials and mapping steps.
    expect(await t.deps.repos.devices.syncState(id)).toBeUndefined();
    expect((await rmmRow(id)).sync.state).toBe('never');
    // Every device page answers late, so the walk is still going once Finish has answered.
    await ctl(sandbox, 'datto-rmm', 'POST', 'faults', { kind: 'latency', ms: 300, count: 20, pathIncludes: '/devices' });

    const finished = await t.call('POST', `/api/integrations/${id}/rmm/complete`);
    expect(finished.status).toBe(200);
    const view = await finished.json();
    expect(view).toMatchObject({ status: 'connected', sync: { state: 'running', lastSyncAt: null } });
    expect((await rmmRow(id)).sync.state).toBe('running');
    // Sync now meanwhile is refused rather than run twice.
    const second = await syncNow(t, id);
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('sync_running');

    const first = await firstSync(t, id);
    expect(first).toMatchObject({ outcome: 'succeeded', error: null });
    expect(first.devices.added).toBeGreaterThan(0);
    const after = (await rmmRow(id)).sync;
    expect(after).toMatchObject({ state: 'succeeded', deviceCount: first.devices.added, lastError: null });
    expect(after.lastSyncAt).not.toBeNull();
    expect((await getJson(t, `/api/integrations/${id}/rmm/sync`)).body).toMatchObject({ state: 'succeeded', deviceCount: first.devices.added });
  });

  it('starts once: Finish again on a Connected integration (an edit) starts no second sync', async () => {
    const { id } = await connectRmm(t, 'syncro');
    const before = await t.deps.repos.devices.syncState(id);
    const first = t.backgroundSync(id);
    const again = await t.call('POST', `/api/integrations/${id}/rmm/complete`);
    expect(again.status).toBe(200);
    expect((await again.json()).sync.state).toBe('succeeded');
    expect(t.backgroundSync(id)).toBe(first);
    expect((await t.deps.repos.devices.syncState(id))!.lastStartedAt).toBe(before!.lastStartedAt);
  });

  it('records a first sync the vendor refuses as failed, with the reason, for the list to show', async () => {
    const { id, first } = await connectRmm(t, 'syncro', {
      beforeComplete: () => ctl(sandbox, 'syncro', 'POST', 'faults', { kind: '5xx', status: 503, count: 20, pathIncludes: 'customer_assets' }),
    });
    await ctl(sandbox, 'syncro', 'DELETE', 'faults');
    expect(first).toMatchObject({ outcome: 'failed', error: { part: 'devices', code: 'vendor_unavailable' } });
    expect((await rmmRow(id)).sync).toMatchObject({ state: 'failed', lastSuccessAt: null });
  });
});

describe('An organization’s devices per RMM connection (the Applications tab)', () => {
  it('counts only the devices mapped to that organization, per connection', async () => {
    const datto = await connectRmm(t, 'datto-rmm');
    const syncro = await connectRmm(t, 'syncro');
    const siteOf = (vendor: 'datto-rmm' | 'syncro', name: string) => (vendor === 'datto-rmm' ? datto : syncro).sites.find((s) => s.name === name)!.id;
    const own = async (id: string, siteId: string) => (await t.deps.repos.devices.allDevices(id)).filter((d) => d.siteId === siteId && d.organizationId && !d.removedAt).length;
    const acmeDatto = await own(datto.id, siteOf('datto-rmm', 'Acme Dental Group'));
    const acmeSyncro = await own(syncro.id, siteOf('syncro', 'Acme Dental Group'));
    expect(acmeDatto).toBeGreaterThan(0);
    expect(acmeSyncro).toBeGreaterThan(0);

    const acme = (await getJson(t, '/api/organizations/org-acme/devices?limit=1')).body;
    expect(acme.byIntegration).toEqual({ [datto.id]: acmeDatto, [syncro.id]: acmeSyncro });
    expect(acme.total).toBe(acmeDatto + acmeSyncro);
    // The connection's own count (the list's) is larger: it spans every mapped organization.
    const list = (await getJson(t, '/api/integrations?kind=rmm')).body.integrations;
    expect(list.find((i: { id: string }) => i.id === datto.id).sync.deviceCount).toBeGreaterThan(acmeDatto);
    expect(list.find((i: { id: string }) => i.id === syncro.id).sync.deviceCount).toBeGreaterThan(acmeSyncro);
    // An organization no site maps to has none from either connection.
    expect((await getJson(t, '/api/organizations/org-internal/devices?limit=1')).body.byIntegration[datto.id] ?? 0)
      .toBe(await own(datto.id, siteOf('datto-rmm', 'Northwind MSP (Internal)')));
  });
});
