/**
 * @module The Syncro adapter against the Syncro sandbox over real HTTP: the shared RMM contract,
 * then what is Syncro's own (permission errors, disabled customers, control changes seen by the adapter).
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAdapterContext, sandboxEndpoints, type AdapterContext } from '../../../../bff/vendors/adapter-context.js';
import { createSyncroSandbox } from '../../../../bff/sandboxes/syncro/syncro.sandbox.js';
import { createSyncroAdapter } from '../../../../bff/vendors/syncro/syncro.adapter.js';
import type { RmmDevice } from '../../../../bff/contracts/model.js';
import { VendorError } from '../../../../bff/vendors/vendor-errors.js';
import { suggestedEntraField } from '../../../../bff/contracts/entra-field.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
import { control, startServer, type RunningServer } from '../../../helpers/serve.js';
import { runRmmAdapterSuite } from '../../../suites/rmm-adapter.suite.js';

const VALID = { subdomain: 'sandbox', apiToken: 'sandbox-token' };
const WRONG = { subdomain: 'sandbox', apiToken: 'not-the-token' };

runRmmAdapterSuite({
  vendor: 'syncro',
  createSandboxApp: () => createSyncroSandbox().app,
  createAdapter: (ctx, credentials) => createSyncroAdapter(ctx, credentials === 'valid' ? VALID : WRONG),
  pageSize: 50,
  hasUserActivity: false,
});

describe('Syncro adapter specifics', () => {
  let server: RunningServer;
  let requests: string[] = [];
  const ctx = (overrides: Partial<AdapterContext> = {}) =>
    createAdapterContext(sandboxEndpoints(server.origin, 'unused'), {
      timeoutMs: 2_000,
      backoffBaseMs: 10,
      onRequest: (vendor, r) => requests.push(`${vendor} ${r.method} ${r.url}`),
      ...overrides,
    });
  const adapter = (credentials = VALID) => createSyncroAdapter(ctx(), credentials);
  const allDevices = async (siteId: string | null) => {
    const a = adapter();
    const all: RmmDevice[] = [];
    let cursor: string | null = null;
    do {
      const page = await a.listDevices({ siteId, cursor });
      all.push(...page.items);
      cursor = page.next;
    } while (cursor);
    return all;
  };

  beforeAll(async () => {
    server = await startServer(new Hono().route('/sandbox/syncro', createSyncroSandbox().app).fetch);
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    requests = [];
    await control(server.origin, 'syncro', 'reset');
  });

  it('calls only the configured base URL (its {subdomain} filled in) plus /api/v1, and labels the account by its address', async () => {
    expect(await adapter().validateCredentials()).toEqual({ accountLabel: 'sandbox.syncromsp.com' });
    expect(requests).toEqual([`syncro GET ${server.origin}/sandbox/syncro/sandbox/api/v1/me`]);
  });

  it('a well-formed subdomain with no account fails on the subdomain field, with Syncro’s own words', async () => {
    const error = await adapter({ subdomain: 'acme-it', apiToken: 'sandbox-token' }).validateCredentials().catch((e) => e);
    expect(error).toBeInstanceOf(VendorError);
    expect(error.code).toBe('invalid_credentials');
    expect(error.details.field).toBe('subdomain');
    expect(error.message).toContain('Syncro has no account at acme-it.syncromsp.com');
    expect(error.message).toContain('Syncro said: “No Syncro account uses the address acme-it.syncromsp.com”');
  });

  it('a subdomain the sandbox knows is its own account: /me and the label carry it', async () => {
    await control(server.origin, 'syncro', 'subdomains', { subdomains: ['acme-it'] });
    expect(await adapter({ subdomain: 'Acme-IT', apiToken: 'sandbox-token' }).validateCredentials()).toEqual({ accountLabel: 'acme-it.syncromsp.com' });
    expect(requests.at(-1)).toBe(`syncro GET ${server.origin}/sandbox/syncro/acme-it/api/v1/me`);
  });

  it('uses https://<subdomain>.syncromsp.com/api/v1 without an override', async () => {
    const urls: string[] = [];
    const fetchImpl = (async (url: string | URL | Request) => {
      urls.push(String(url));
      return new Response(JSON.stringify({ subdomain: 'acme-it' }), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }) as typeof fetch;
    const real = createAdapterContext({ ...sandboxEndpoints('http://x', ''), syncroBaseUrl: null }, { fetchImpl });
    await createSyncroAdapter(real, { subdomain: 'acme-it', apiToken: 't' }).validateCredentials();
    expect(urls).toEqual(['https://acme-it.syncromsp.com/api/v1/me']);
  });

  it('names the apiToken field when the token is wrong', async () => {
    const error = await adapter(WRONG).listSites().catch((e) => e);
    expect(error).toBeInstanceOf(VendorError);
    expect(error.code).toBe('invalid_credentials');
    expect(error.details.field).toBe('apiToken');
  });

  it('names the missing Syncro permission, in the seed’s words, when the token lacks it', async () => {
    await control(server.origin, 'syncro', 'permissions', { denied: ['Assets - List/Search', 'Customers - List/Search'] });
    const sites = await adapter().listSites().catch((e) => e);
    expect(sites.code).toBe('missing_permission');
    expect(sites.details.permission).toBe('Customers - List/Search');
    expect(sites.message).toContain('Customers - List/Search');
    const devices = await adapter().listDevices({ siteId: null, cursor: null }).catch((e) => e);
    expect(devices.code).toBe('missing_permission');
    expect(devices.details.permission).toBe('Assets - List/Search');
    // The token itself still works.
    await expect(adapter().validateCredentials()).resolves.toBeTruthy();
  });

  it('maps a 403 straight to missing_permission', async () => {
    const fetchImpl = (async () => new Response('{"error":"Forbidden"}', { status: 403 })) as typeof fetch;
    const error = await createSyncroAdapter(ctx({ fetchImpl }), VALID).listDevices({ siteId: null, cursor: null }).catch((e) => e);
    expect(error.code).toBe('missing_permission');
    expect(error.details.permission).toBe('Assets - List/Search');
  });

  it('shows disabled customers as deleted sites and the rest as managed', async () => {
    const sites = await adapter().listSites();
    expect(sites.find((s) => s.name === 'Tidewater Marine Services')?.type).toBe('deleted');
    expect(sites.find((s) => s.name === 'Acme Dental Group')?.type).toBe('managed');
    // People without a business name are named by their full name.
    expect(sites.some((s) => s.name === 'Dana Whitfield')).toBe(true);
  });

  it('pages through customers beyond one page', async () => {
    for (let i = 0; i < 90; i++) await control(server.origin, 'syncro', 'customers', { business_name: `Extra Customer ${i}` });
    const sites = await adapter().listSites();
    expect(sites.length).toBe(25 + 90);
    expect(requests.filter((r) => r.includes('/customers')).length).toBe(2);
  });

  it('maps assets to devices with hostname, OS, last seen, online and custom fields', async () => {
    const devices = await allDevices(null);
    expect(devices.length).toBe(150);
    const agent = devices.find((d) => d.os?.startsWith('Microsoft Windows'))!;
    expect(agent.hostname).toMatch(/^[A-Z0-9]+-(LT|WS|SRV)\d{3}$/);
    expect(agent.lastSeen).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(devices.some((d) => d.online)).toBe(true);
    expect(devices.some((d) => !d.online)).toBe(true);
    expect(Object.keys(agent.customFields)).not.toContain('kabuto_information');
    const fields = await adapter().listCustomFields();
    const entra = fields.find((f) => f.name === 'msftEntraDeviceId')!;
    expect(entra.label).toBe('msftEntraDeviceId');
    expect(entra.samples.every((v) => GUID.test(v))).toBe(true);
    expect(suggestedEntraField(fields)?.name).toBe('msftEntraDeviceId');
  });

  it('sees customers and assets added, moved and removed through _control', async () => {
    const { customer } = await control(server.origin, 'syncro', 'customers', { business_name: 'Zephyr Labs' });
    const siteId = String(customer.id);
    expect((await adapter().listSites()).find((s) => s.id === siteId)?.name).toBe('Zephyr Labs');

    const { asset } = await control(server.origin, 'syncro', 'assets', { customerId: customer.id, name: 'ZEP-LT001', entraDeviceId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301' });
    let devices = (await adapter().listDevices({ siteId, cursor: null })).items;
    expect(devices).toHaveLength(1);
    expect(devices[0]).toMatchObject({ id: String(asset.id), hostname: 'ZEP-LT001', online: true, customFields: { msftEntraDeviceId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301' } });

    const sites = await adapter().listSites();
    const other = sites.find((s) => s.name === 'Acme Dental Group')!;
    await control(server.origin, 'syncro', `assets/${asset.id}/move`, { customerId: Number(other.id) });
    expect((await adapter().listDevices({ siteId, cursor: null })).items).toHaveLength(0);
    expect((await allDevices(other.id)).some((d) => d.id === String(asset.id))).toBe(true);

    await fetch(`${server.origin}/sandbox/syncro/_control/assets/${asset.id}`, { method: 'DELETE' });
    expect((await allDevices(other.id)).some((d) => d.id === String(asset.id))).toBe(false);

    await fetch(`${server.origin}/sandbox/syncro/_control/customers/${customer.id}`, { method: 'DELETE' });
    expect((await adapter().listSites()).some((s) => s.id === siteId)).toBe(false);
  });

  it('refuses a cursor it did not hand out', async () => {
    const error = await adapter().listDevices({ siteId: null, cursor: 'abc' }).catch((e) => e);
    expect(error).toBeInstanceOf(VendorError);
    expect(requests).toHaveLength(0);
  });
});
