/**
 * The RMM setup API against the real sandboxes over HTTP: credentials into a draft, duplicate
 * connections, the immutable user-activity organization, exact-name auto-mapping, parameters and
 * completion.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ORGANIZATIONS } from '../../bff/demo/demo-organizations.js';
import { createTestApp, type TestApp } from '../helpers/create-test-app.js';
import { startSandboxServer } from '../helpers/sandbox-server.js';
import type { RunningServer } from '../helpers/serve.js';

let sandbox: RunningServer;
let t: TestApp;
beforeAll(async () => { sandbox = await startSandboxServer(); });
afterAll(() => sandbox.close());
beforeEach(async () => {
  t = await createTestApp({ sandboxOrigin: sandbox.origin });
  await t.call('PUT', '/api/organizations', { body: { organizations: DEMO_ORGANIZATIONS.map((o) => ({ id: o.id, name: o.name, billableUsers: o.billableUsers })) } });
});
afterEach(() => t.close());

const syncro = { subdomain: 'sandbox', apiToken: 'sandbox-token' };
const datto = { platform: 'merlot', apiKey: 'sandbox-key', apiSecret: 'sandbox-secret' };
/** The sandbox's second Datto RMM account (a connection of `datto` is never repeated: rmm-same-account.test.ts). */
const secondDatto = { platform: 'merlot', apiKey: 'sandbox-key-2', apiSecret: 'sandbox-secret-2' };

async function json(res: Response) {
  return { status: res.status, body: await res.json() };
}

describe('RMM setup', () => {
  it('refuses wrong credentials with the vendor’s reason next to the field, and stores nothing', async () => {
    const { status, body } = await json(await t.call('POST', '/api/integrations', { body: { vendor: 'syncro', credentials: { ...syncro, apiToken: 'wrong' } } }));
    expect(status).toBe(422);
    expect(body.errors[0].field).toBe('credentials.apiToken');
    expect((await (await t.call('GET', '/api/integrations')).json()).integrations).toEqual([]);
  });

  it('refuses a well-formed subdomain with no Syncro account, with Syncro’s reason next to the subdomain, and stores nothing', async () => {
    const { status, body } = await json(await t.call('POST', '/api/integrations', { body: { vendor: 'syncro', credentials: { ...syncro, subdomain: 'acme-it' } } }));
    expect(status).toBe(422);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].field).toBe('credentials.subdomain');
    expect(body.errors[0].message).toContain('Syncro has no account at acme-it.syncromsp.com');
    expect(body.errors[0].message).toContain('No Syncro account uses the address acme-it.syncromsp.com');
    expect((await (await t.call('GET', '/api/integrations')).json()).integrations).toEqual([]);
  });

  it('lists each RMM with its non-secret account label: the Datto RMM platform, the Syncro address', async () => {
    await t.call('POST', '/api/integrations', { body: { vendor: 'datto-rmm', credentials: { ...datto, platform: 'zinfandel' }, userActivityOrganizationId: 'org-internal' } });
    await t.call('POST', '/api/integrations', { body: { vendor: 'syncro', credentials: syncro } });
    const listed = (await (await t.call('GET', '/api/integrations?kind=rmm')).json()).integrations as Array<{ vendor: string; accountLabel: string }>;
    expect(Object.fromEntries(listed.map((r) => [r.vendor, r.accountLabel]))).toEqual({ 'datto-rmm': 'Zinfandel platform · Northwind MSP', syncro: 'sandbox.syncromsp.com' });
  });

  it('refuses a subdomain that is not letters, digits and hyphens', async () => {
    const { status, body } = await json(await t.call('POST', '/api/integrations', { body: { vendor: 'syncro', credentials: { subdomain: 'evil.example.com/x', apiToken: 't' } } }));
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({ field: 'credentials.subdomain' });
  });

  it('needs an organization first for Datto RMM and warns before a second connection (another account, confirmed as a separate instance)', async () => {
    const missing = await json(await t.call('POST', '/api/integrations', { body: { vendor: 'datto-rmm', credentials: datto } }));
    expect(missing.body.errors[0].field).toBe('userActivityOrganizationId');
    const first = await json(await t.call('POST', '/api/integrations', { body: { vendor: 'datto-rmm', credentials: datto, userActivityOrganizationId: 'org-internal' } }));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'draft', hasCredentials: true, userActivityOrganizationId: 'org-internal' });
    expect(JSON.stringify(first.body)).not.toContain('sandbox-secret');
    const second = await json(await t.call('POST', '/api/integrations', { body: { vendor: 'datto-rmm', credentials: secondDatto, userActivityOrganizationId: 'org-internal' } }));
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('duplicate_connection');
    const confirmed = await t.call('POST', '/api/integrations', { body: { vendor: 'datto-rmm', credentials: secondDatto, userActivityOrganizationId: 'org-internal', confirmSeparateInstance: true } });
    expect(confirmed.status).toBe(201);
  });

  it('maps Syncro customers: auto-maps exact names only, keeps the ignore list, completes as Connected', async () => {
    const created = (await json(await t.call('POST', '/api/integrations', { body: { vendor: 'syncro', credentials: syncro } }))).body;
    const sites = (await json(await t.call('GET', `/api/integrations/${created.id}/rmm/sites`))).body.sites as Array<{ id: string; name: string }>;
    expect(sites.length).toBeGreaterThan(10);
    const ignored = sites.find((s) => s.name === 'Bluebird Logistics')!;
    const incomplete = await json(await t.call('POST', `/api/integrations/${created.id}/rmm/complete`));
    expect(incomplete.status).toBe(400);
    const noOrg = await json(await t.call('PUT', `/api/integrations/${created.id}/rmm/mapping`, { body: { autoMapExact: true, siteTypes: ['managed'], mappings: [] } }));
    expect(noOrg.body.errors[0].field).toBe('userActivityOrganizationId');
    const saved = (await json(await t.call('PUT', `/api/integrations/${created.id}/rmm/mapping`, {
      body: { userActivityOrganizationId: 'org-internal', autoMapExact: true, siteTypes: ['managed'], mappings: [{ siteId: ignored.id, siteName: ignored.name, siteType: 'managed', organizationId: null, ignoreAutoMap: true }] },
    }))).body;
    const byName = new Map((saved.mappings as Array<{ siteName: string; organizationId: string | null }>).map((m) => [m.siteName, m.organizationId]));
    expect(byName.get('Acme Dental Group')).toBe('org-acme');
    expect(byName.get('Bluebird Logistics')).toBeNull();
    expect(byName.get('EVERGREEN ACCOUNTING')).toBeNull();
    expect(byName.get('Fjord Marine Supply Ltd')).toBeNull();
    const changed = await json(await t.call('PUT', `/api/integrations/${created.id}/rmm/mapping`, { body: { userActivityOrganizationId: 'org-acme', autoMapExact: false, siteTypes: ['managed'], mappings: [] } }));
    expect(changed.status).toBe(409);
    expect(changed.body.errors[0].field).toBe('userActivityOrganizationId');
    const done = await json(await t.call('POST', `/api/integrations/${created.id}/rmm/complete`));
    expect(done.body).toMatchObject({ status: 'connected', statusLabel: 'Connected' });
  });

  // Seeds 002/004: auto-mapping maps on a 100% name match. A name two platform organizations share
  // matches neither for certain, so the site stays for the admin to map (the wizard's preview agrees).
  it('does not auto-map a site whose name two platform organizations share', async () => {
    await t.call('PUT', '/api/organizations', { body: { organizations: [{ id: 'org-acme-2', name: 'Acme Dental Group', billableUsers: 3 }] } });
    const created = (await json(await t.call('POST', '/api/integrations', { body: { vendor: 'syncro', credentials: syncro } }))).body;
    const saved = await json(await t.call('PUT', `/api/integrations/${created.id}/rmm/mapping`, {
      body: { userActivityOrganizationId: 'org-internal', autoMapExact: true, siteTypes: ['managed'], mappings: [] },
    }));
    expect(saved.status).toBe(200);
    const byName = new Map((saved.body.mappings as Array<{ siteName: string; organizationId: string | null }>).map((m) => [m.siteName, m.organizationId]));
    expect(byName.get('Acme Dental Group')).toBeNull();
    expect(byName.get('Bluebird Logistics')).toBe('org-bluebird');
  });

  it('accepts only an existing custom field for the Entra Device ID', async () => {
    const created = (await json(await t.call('POST', '/api/integrations', { body: { vendor: 'datto-rmm', credentials: datto, userActivityOrganizationId: 'org-internal' } }))).body;
    const fields = (await json(await t.call('GET', `/api/integrations/${created.id}/rmm/custom-fields`))).body.fields as Array<{ name: string; label: string; samples: string[]; deviceIdCount: number }>;
    expect(fields.length).toBeGreaterThan(0);
    // Each with its label and samples from the account's devices, read through the adapter.
    expect(fields.find((f) => f.name === 'udf5')).toMatchObject({ label: 'User-defined field 5' });
    expect(fields.find((f) => f.name === 'udf5')!.samples[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/i);
    const bad = await json(await t.call('PUT', `/api/integrations/${created.id}/rmm/parameters`, { body: { entraDeviceIdField: 'no-such-field' } }));
    expect(bad.status).toBe(400);
    const good = await json(await t.call('PUT', `/api/integrations/${created.id}/rmm/parameters`, { body: { entraDeviceIdField: fields[0]!.name } }));
    expect(good.body).toEqual({ entraDeviceIdField: fields[0]!.name });
  });
});
