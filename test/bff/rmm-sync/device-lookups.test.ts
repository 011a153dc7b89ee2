/**
 * The investigation routing calls over synced Datto RMM devices: lookup by Entra device id and by
 * hostname (any case), the refusals (no key, both keys, a bad GUID, another partner's device, an
 * unknown one), roles, and an organization's paged, searchable device list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/create-test-app.js';
import { startSandboxServer } from '../../helpers/sandbox-server.js';
import { connectRmm, createSyncTestApp, ctl, getJson, type SandboxServer } from './rmm-sync.helpers.js';

let sandbox: SandboxServer;
let t: TestApp;
let router: string;
const data = () => sandbox.sandboxes['datto-rmm'].state.data;
const siteUid = (name: string) => data().sites.find((s) => s.name === name)!.uid;

beforeAll(async () => {
  sandbox = await startSandboxServer();
  await ctl(sandbox, 'datto-rmm', 'POST', 'seed', { scale: 300 });
  await ctl(sandbox, 'datto-rmm', 'POST', 'devices', { siteUid: siteUid('Acme Dental Group'), hostname: 'Acme-Front-Desk', entraDeviceId: '6f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a2b' });
  t = await createSyncTestApp(sandbox);
  // Finish runs the first sync; connectRmm waits for it.
  const { first } = await connectRmm(t, 'datto-rmm');
  expect(first.outcome).toBe('succeeded');
  router = await t.token('partner-a', 'router', 'alert-pipeline');
});
afterAll(async () => {
  await t.close();
  await sandbox.close();
});

describe('Device lookups', () => {
  it('finds a device and its organization by Entra device id, in any letter case', async () => {
    const res = await getJson(t, '/api/devices/lookup?entraDeviceId=6F1C2A9E-3B4D-4E5F-8A6B-7C8D9E0F1A2B', router);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      device: { hostname: 'Acme-Front-Desk', vendor: 'datto-rmm', entraDeviceId: '6f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a2b', siteId: siteUid('Acme Dental Group') },
      organization: { id: 'org-acme', name: 'Acme Dental Group' },
      matches: 1,
    });
  });

  it('finds a device by hostname whatever its case', async () => {
    for (const hostname of ['Acme-Front-Desk', 'ACME-FRONT-DESK', 'acme-front-desk', 'aCmE-fRoNt-DeSk']) {
      const res = await getJson(t, `/api/devices/lookup?hostname=${hostname}`, router);
      expect(res.status, hostname).toBe(200);
      expect(res.body.organization.id).toBe('org-acme');
    }
  });

  it('refuses no key and both keys with field errors, and a malformed GUID', async () => {
    for (const query of ['', '?entraDeviceId=6f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a2b&hostname=x']) {
      const res = await getJson(t, `/api/devices/lookup${query}`, router);
      expect(res.status).toBe(400);
      expect(res.contentType).toContain('application/problem+json');
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['query.entraDeviceId', 'query.hostname']);
    }
    const bad = await getJson(t, '/api/devices/lookup?entraDeviceId=not-a-guid', router);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('query.entraDeviceId');
  });

  it('answers 404 for an unknown device, an unmapped site’s device and another partner’s device', async () => {
    const unknown = await getJson(t, '/api/devices/lookup?hostname=NO-SUCH-HOST', router);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('device_not_found');
    const unmapped = data().devices.find((d) => d.siteUid === siteUid('Lakeside Pediatrics'))!;
    expect((await getJson(t, `/api/devices/lookup?hostname=${unmapped.hostname}`, router)).status).toBe(404);
    const other = await t.token('partner-b', 'router');
    expect((await getJson(t, '/api/devices/lookup?hostname=Acme-Front-Desk', other)).status).toBe(404);
    expect((await getJson(t, '/api/devices/lookup?entraDeviceId=6f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a2b', other)).status).toBe(404);
    expect((await getJson(t, '/api/organizations/org-acme/devices', other)).status).toBe(404);
  });

  it('needs a token', async () => {
    const res = await t.call('GET', '/api/devices/lookup?hostname=x', { token: null });
    expect(res.status).toBe(401);
  });

  it('pages an organization’s devices and searches their hostnames', async () => {
    const acme = data().devices.filter((d) => d.siteUid === siteUid('Acme Dental Group'));
    const first = await getJson(t, '/api/organizations/org-acme/devices?limit=2', router);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ organization: { id: 'org-acme', name: 'Acme Dental Group' }, total: acme.length, limit: 2, offset: 0 });
    expect(first.body.devices).toHaveLength(2);
    // Per RMM integration, this organization's devices only (the Applications tab's count).
    expect(first.body.byIntegration).toEqual({ [first.body.devices[0].integrationId]: acme.length });
    const rest = await getJson(t, `/api/organizations/org-acme/devices?limit=500&offset=2`, router);
    const all = [...first.body.devices, ...rest.body.devices].map((d: { deviceId: string }) => d.deviceId);
    expect(new Set(all)).toEqual(new Set(acme.map((d) => d.uid)));
    const found = await getJson(t, '/api/organizations/org-acme/devices?search=front-DESK', router);
    expect(found.body.total).toBe(1);
    expect(found.body.devices[0].hostname).toBe('Acme-Front-Desk');
    const wildcard = await getJson(t, '/api/organizations/org-acme/devices?search=%25', router);
    expect(wildcard.body.total).toBe(0);
    const invalid = await getJson(t, '/api/organizations/org-acme/devices?limit=0', router);
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].field).toBe('query.limit');
    expect((await getJson(t, '/api/organizations/org-nope/devices', router)).status).toBe(404);
  });

  it('keeps Sync now and the sync status for admins', async () => {
    const id = (await getJson(t, '/api/integrations?kind=rmm')).body.integrations[0].id;
    expect((await t.call('POST', `/api/integrations/${id}/rmm/sync`, { token: router })).status).toBe(403);
    expect((await getJson(t, `/api/integrations/${id}/rmm/sync`, router)).status).toBe(403);
  });

  it('forgets a deleted integration’s devices (runs last: it deletes the integration)', async () => {
    const id = (await getJson(t, '/api/integrations?kind=rmm')).body.integrations[0].id;
    expect((await t.call('DELETE', `/api/integrations/${id}`)).status).toBe(204);
    expect((await getJson(t, '/api/devices/lookup?hostname=Acme-Front-Desk', router)).status).toBe(404);
    expect((await getJson(t, '/api/organizations/org-acme/devices', router)).body.total).toBe(0);
  });
});
