/**
 * The RMM sync against the Datto RMM sandbox over real HTTP with a real SQLite file: paging,
 * Entra ids, a 429 and a 5xx mid-sync finished later without duplicates, unmapping, moved and
 * removed devices, disconnect/reconnect, site types, the per-site walk, and user activity.
 */
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rmmSyncState } from '../../../db/schema/index.js';
import type { TestApp } from '../../helpers/create-test-app.js';
import { startSandboxServer } from '../../helpers/sandbox-server.js';
import { connectRmm, createSyncTestApp, ctl, getJson, saveMapping, syncNow, type SandboxServer } from './rmm-sync.helpers.js';

let sandbox: SandboxServer;
let t: TestApp;
beforeAll(async () => { sandbox = await startSandboxServer(); });
afterAll(() => sandbox.close());
beforeEach(async () => {
  await ctl(sandbox, 'datto-rmm', 'POST', 'seed', { scale: 700 });
  t = await createSyncTestApp(sandbox);
});
afterEach(() => t.close());

const data = () => sandbox.sandboxes['datto-rmm'].state.data;
const siteUid = (name: string) => data().sites.find((s) => s.name === name)!.uid;
/** Devices the sandbox holds in the sites auto-mapping maps (exact names of demo organizations). */
const AUTO_MAPPED = ['Northwind MSP (Internal)', 'Acme Dental Group', 'Bluebird Logistics', 'Cedar Ridge Law', 'Delta Veterinary Clinics', 'Harbor View Hotels', 'Kestrel Aviation Services'];
const mappedDevices = () => data().devices.filter((d) => AUTO_MAPPED.map(siteUid).includes(d.siteUid));
const stored = async (id: string) => await t.deps.repos.devices.allDevices(id);

describe('Datto RMM device sync', () => {
  it('stores the mapped sites’ devices over several pages with their Entra ids on Finish, and a second run adds nothing', async () => {
    // Finish starts the first sync; connectRmm waits for it.
    const { id, first } = await connectRmm(t, 'datto-rmm');
    expect(first).toMatchObject({ outcome: 'succeeded', error: null, devices: { mode: 'account', sitesSynced: AUTO_MAPPED.length, listed: 700, removed: 0 } });
    expect(first.devices.pages).toBeGreaterThanOrEqual(3);
    const expected = mappedDevices();
    expect(first.devices.added).toBe(expected.length);
    const rows = (await stored(id));
    expect(rows).toHaveLength(expected.length);
    const withEntra = expected.filter((d) => d.udf.udf5);
    expect(withEntra.length).toBeGreaterThan(0);
    const sample = withEntra[0]!;
    const row = rows.find((r) => r.deviceId === sample.uid)!;
    expect(row).toMatchObject({ hostname: sample.hostname, entraDeviceId: sample.udf.udf5!.toLowerCase(), removedAt: null, organizationId: expect.stringMatching(/^org-/) });
    expect(rows.filter((r) => r.entraDeviceId).length).toBe(withEntra.length);

    const second = await syncNow(t, id);
    expect(second.body.devices).toMatchObject({ added: 0, changed: 0, removed: 0 });
    expect((await stored(id))).toHaveLength(expected.length);
    const status = await getJson(t, `/api/integrations/${id}/rmm/sync`);
    expect(status.body).toMatchObject({ state: 'succeeded', deviceCount: expected.length, lastError: null, userActivity: 'recorded', syncing: true });
  });

  it('records a 429 with Retry-After mid-sync, keeps the pages it wrote, and a later run finishes without duplicates', async () => {
    // The first sync's first device page passes, the second is refused.
    const { id, first: cut } = await connectRmm(t, 'datto-rmm', { beforeComplete: async () => {
      await ctl(sandbox, 'datto-rmm', 'POST', 'faults', { kind: 'latency', ms: 0, count: 1, pathIncludes: '/devices' });
      await ctl(sandbox, 'datto-rmm', 'POST', 'faults', { kind: '429', retryAfterSeconds: 1, count: 1, pathIncludes: '/devices' });
    } });
    expect(cut).toMatchObject({ outcome: 'failed', devices: { pages: 1, removed: 0 }, error: { part: 'devices', code: 'vendor_rate_limited', retryAfterSeconds: 1 } });
    const partial = (await stored(id)).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(mappedDevices().length);
    const status = await getJson(t, `/api/integrations/${id}/rmm/sync`);
    expect(status.body).toMatchObject({ state: 'failed', lastSuccessAt: null, deviceCount: partial });
    expect(status.body.lastError).toMatch(/^Devices: Datto RMM is limiting requests/);
    // The scheduler would wait out Retry-After (the next run is at least that far off).
    expect(Date.parse(status.body.nextSyncAt)).toBeGreaterThanOrEqual(Date.parse(cut.finishedAt) + 1_000);

    const later = await syncNow(t, id);
    expect(later.body).toMatchObject({ outcome: 'succeeded', error: null });
    expect(later.body.devices.added).toBe(mappedDevices().length - partial);
    const rows = (await stored(id));
    expect(rows).toHaveLength(mappedDevices().length);
    expect(new Set(rows.map((r) => r.deviceId)).size).toBe(rows.length);
    expect((await getJson(t, `/api/integrations/${id}/rmm/sync`)).body).toMatchObject({ state: 'succeeded', lastError: null });
  });

  it('records a 5xx mid-sync after the retries, and a later run finishes it', async () => {
    const { id, first: cut } = await connectRmm(t, 'datto-rmm', { beforeComplete: async () => {
      await ctl(sandbox, 'datto-rmm', 'POST', 'faults', { kind: 'latency', ms: 0, count: 2, pathIncludes: '/devices' });
      await ctl(sandbox, 'datto-rmm', 'POST', 'faults', { kind: '5xx', status: 503, count: 10, pathIncludes: '/devices' });
    } });
    expect(cut).toMatchObject({ outcome: 'failed', devices: { pages: 2 }, error: { part: 'devices', code: 'vendor_unavailable' } });
    await ctl(sandbox, 'datto-rmm', 'DELETE', 'faults');
    const later = await syncNow(t, id);
    expect(later.body.outcome).toBe('succeeded');
    expect((await stored(id))).toHaveLength(mappedDevices().length);
  });

  it('takes an unmapped site’s devices out of view at once, and out of the organization at the next sync', async () => {
    const { id, sites } = await connectRmm(t, 'datto-rmm');
    const acme = data().devices.find((d) => d.siteUid === siteUid('Acme Dental Group'))!;
    const before = await getJson(t, `/api/devices/lookup?hostname=${acme.hostname}`);
    expect(before.body.organization).toEqual({ id: 'org-acme', name: 'Acme Dental Group' });
    expect((await getJson(t, '/api/organizations/org-acme/devices')).body.total).toBeGreaterThan(0);

    await saveMapping(t, id, sites, { map: { 'Acme Dental Group': null } });
    expect((await getJson(t, `/api/devices/lookup?hostname=${acme.hostname}`)).status).toBe(404);
    expect((await getJson(t, '/api/organizations/org-acme/devices')).body.total).toBe(0);

    const after = await syncNow(t, id);
    expect(after.body.devices.detached).toBe(data().devices.filter((d) => d.siteUid === acme.siteUid).length);
    expect((await stored(id)).find((r) => r.deviceId === acme.uid)).toMatchObject({ organizationId: null, removedAt: null });
  });

  it('follows a device moved between mapped sites, and marks a deleted one removed', async () => {
    const { id } = await connectRmm(t, 'datto-rmm');
    const [moving, purged, queued] = data().devices.filter((d) => d.siteUid === siteUid('Acme Dental Group'));
    await ctl(sandbox, 'datto-rmm', 'POST', `devices/${moving!.uid}/move`, { siteUid: siteUid('Bluebird Logistics') });
    await ctl(sandbox, 'datto-rmm', 'DELETE', `devices/${purged!.uid}?purge=true`);
    await ctl(sandbox, 'datto-rmm', 'DELETE', `devices/${queued!.uid}`); // to the "Deleted Devices" queue, a site not synced
    const result = await syncNow(t, id);
    expect(result.body.devices).toMatchObject({ removed: 1, detached: 1 });
    expect((await getJson(t, `/api/devices/lookup?hostname=${moving!.hostname}`)).body.organization.id).toBe('org-bluebird');
    expect((await getJson(t, `/api/devices/lookup?hostname=${purged!.hostname}`)).status).toBe(404);
    expect((await getJson(t, `/api/devices/lookup?hostname=${queued!.hostname}`)).status).toBe(404);
    expect((await stored(id)).find((r) => r.deviceId === purged!.uid)!.removedAt).not.toBeNull();
    expect((await stored(id)).find((r) => r.deviceId === queued!.uid)).toMatchObject({ organizationId: null, removedAt: null });
  });

  it('stops syncing when disconnected, keeps what it stored, and resumes on reconnect', async () => {
    const { id } = await connectRmm(t, 'datto-rmm');
    const count = (await stored(id)).length;
    const device = mappedDevices()[0]!;
    expect((await t.call('POST', `/api/integrations/${id}/disconnect`)).status).toBe(200);
    const refused = await syncNow(t, id);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('not_connected');
    expect((await getJson(t, `/api/devices/lookup?hostname=${device.hostname}`)).status).toBe(200);
    const list = (await getJson(t, '/api/integrations')).body.integrations[0];
    expect(list.sync).toMatchObject({ state: 'succeeded', nextSyncAt: null, deviceCount: count });
    expect(await t.deps.repos.devices.dueForSync(Date.now() + 86_400_000)).toEqual([]);

    await ctl(sandbox, 'datto-rmm', 'POST', 'devices', { siteUid: siteUid('Cedar Ridge Law'), hostname: 'NEW-LAPTOP-01' });
    expect((await t.call('POST', `/api/integrations/${id}/reconnect`)).status).toBe(200);
    const resumed = await syncNow(t, id);
    expect(resumed.body).toMatchObject({ outcome: 'succeeded', devices: { added: 1 } });
    expect((await getJson(t, '/api/devices/lookup?hostname=new-laptop-01')).body.organization.id).toBe('org-cedar');
  });

  it('lists only the site types the mapping names, and walks site by site when fewer sites are mapped', async () => {
    const { id, sites, first: managedOnly } = await connectRmm(t, 'datto-rmm', { autoMap: false, map: { 'Riverside Auto Repair': 'org-ironwood', 'Harbor View Hotels': 'org-harbor' } });
    const onDemand = data().devices.filter((d) => d.siteUid === siteUid('Riverside Auto Repair'));
    const harbor = data().devices.filter((d) => d.siteUid === siteUid('Harbor View Hotels'));
    expect(managedOnly.devices).toMatchObject({ mode: 'sites', sitesSynced: 1, added: harbor.length });
    await saveMapping(t, id, sites, { autoMap: false, siteTypes: ['managed', 'ondemand'], map: { 'Riverside Auto Repair': 'org-ironwood', 'Harbor View Hotels': 'org-harbor' } });
    const both = await syncNow(t, id);
    expect(both.body.devices).toMatchObject({ mode: 'sites', sitesSynced: 2, added: onDemand.length });
    expect((await getJson(t, '/api/organizations/org-ironwood/devices')).body.total).toBe(onDemand.length);
  });

  it('records user activity under the user-activity organization, from its cursor', async () => {
    const { id, first } = await connectRmm(t, 'datto-rmm');
    const total = data().activities.length;
    expect(first.userActivity).toMatchObject({ state: 'recorded', added: total });
    const rows = await t.deps.repos.devices.listActivity(id, 1_000);
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => r.organizationId))).toEqual(new Set(['org-internal']));
    expect((await syncNow(t, id)).body.userActivity.added).toBe(0);
    await ctl(sandbox, 'datto-rmm', 'POST', 'activities', { action: 'login' });
    const third = await syncNow(t, id);
    expect(third.body.userActivity.added).toBe(1);
    expect(third.body.sync.activityCount).toBe(total + 1);
    // A cursor on another host (the base URL changed) is dropped: the log is read again, without duplicates.
    await t.deps.database.query('update rmm_sync_state set activity_cursor = ? where integration_id = ?', ['https://elsewhere.example/api/v2/activity-logs?page=next', id]);
    const fresh = await syncNow(t, id);
    expect(fresh.body).toMatchObject({ outcome: 'succeeded', userActivity: { state: 'recorded', added: 0 }, sync: { activityCount: total + 1 } });
  });
});
