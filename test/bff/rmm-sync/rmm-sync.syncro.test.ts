/**
 * The RMM sync against the Syncro sandbox over real HTTP: customer assets over several pages, the
 * Entra property, no user activity (Syncro's API has none, and the status says so), moved and
 * removed assets, and the sync summary on the integration list.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/create-test-app.js';
import { startSandboxServer } from '../../helpers/sandbox-server.js';
import { connectRmm, createSyncTestApp, ctl, getJson, syncNow, type SandboxServer } from './rmm-sync.helpers.js';

let sandbox: SandboxServer;
let t: TestApp;
beforeAll(async () => { sandbox = await startSandboxServer(); });
afterAll(() => sandbox.close());
beforeEach(async () => {
  await ctl(sandbox, 'syncro', 'POST', 'seed', { scale: 180 });
  t = await createSyncTestApp(sandbox);
});
afterEach(() => t.close());

const data = () => sandbox.sandboxes.syncro.state.data;
const customerId = (name: string) => data().customers.find((c) => c.businessName === name)!.id;
const assetsOf = (name: string) => data().assets.filter((a) => a.customerId === customerId(name));

describe('Syncro device sync', () => {
  it('stores the mapped customers’ assets over several pages with their Entra ids, and records no user activity', async () => {
    const { id, first: result } = await connectRmm(t, 'syncro');
    expect(result).toMatchObject({ outcome: 'succeeded', devices: { mode: 'account', listed: data().assets.length }, userActivity: { state: 'not_offered', added: 0 } });
    expect(result.devices.pages).toBeGreaterThanOrEqual(3);
    const rows = await t.deps.repos.devices.allDevices(id);
    const acme = assetsOf('Acme Dental Group');
    expect(acme.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.organizationId === 'org-acme')).toHaveLength(acme.length);
    const withEntra = rows.filter((r) => r.entraDeviceId);
    expect(withEntra.length).toBeGreaterThan(0);
    const source = data().assets.find((a) => String(a.id) === withEntra[0]!.deviceId)!;
    expect(withEntra[0]!.entraDeviceId).toBe(String(source.properties.msftEntraDeviceId).toLowerCase());
    expect(await t.deps.repos.devices.listActivity(id)).toEqual([]);

    const status = await getJson(t, `/api/integrations/${id}/rmm/sync`);
    expect(status.body).toMatchObject({ state: 'succeeded', userActivity: 'not_offered', activityCount: 0, userActivityOrganizationId: 'org-internal' });
    expect(status.body.userActivityNote).toMatch(/Syncro’s API offers no user-activity feed/);
    const list = (await getJson(t, '/api/integrations?kind=rmm')).body.integrations;
    expect(list[0].sync).toMatchObject({ state: 'succeeded', deviceCount: rows.filter((r) => r.organizationId).length, userActivity: 'not_offered' });
  });

  it('follows an asset moved to another mapped customer and marks a deleted one removed', async () => {
    const { id } = await connectRmm(t, 'syncro');
    const [moving, deleted] = assetsOf('Acme Dental Group');
    await ctl(sandbox, 'syncro', 'POST', `assets/${moving!.id}/move`, { customerId: customerId('Bluebird Logistics') });
    await ctl(sandbox, 'syncro', 'DELETE', `assets/${deleted!.id}`);
    const result = await syncNow(t, id);
    expect(result.body.devices).toMatchObject({ changed: 1, removed: 1 });
    const rows = await t.deps.repos.devices.allDevices(id);
    expect(rows.find((r) => r.deviceId === String(moving!.id))).toMatchObject({ organizationId: 'org-bluebird', removedAt: null });
    expect(rows.find((r) => r.deviceId === String(deleted!.id))!.removedAt).not.toBeNull();
  });

  it('says why when there is nothing mapped, and stores nothing', async () => {
    const { id, first: result } = await connectRmm(t, 'syncro', { autoMap: false });
    expect(result).toMatchObject({ outcome: 'succeeded', devices: { sitesSynced: 0, pages: 0 } });
    expect(await t.deps.repos.devices.allDevices(id)).toEqual([]);
  });
});
