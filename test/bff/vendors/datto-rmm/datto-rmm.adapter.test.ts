/**
 * @module The Datto RMM adapter against its sandbox over real HTTP: the shared RMM contract suite,
 * then what is Datto's own (token sharing and the public OAuth client, the read budget, paging
 * links, the Administrator level for activity, changes made through the sandbox's control API).
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDattoRmmSandbox } from '../../../../bff/sandboxes/datto-rmm/datto-rmm.sandbox.js';
import { createAdapterContext, REAL_ENDPOINTS, sandboxEndpoints, type AdapterContext } from '../../../../bff/vendors/adapter-context.js';
import { createDattoRmmAdapter } from '../../../../bff/vendors/datto-rmm/datto-rmm.adapter.js';
import type { RmmDevice } from '../../../../bff/contracts/model.js';
import { VendorError } from '../../../../bff/vendors/vendor-errors.js';
import { suggestedEntraField } from '../../../../bff/contracts/entra-field.js';
import type { DattoRmmCredentials } from '../../../../bff/contracts/credentials.js';
import { control, startServer, type RunningServer } from '../../../helpers/serve.js';
import { runRmmAdapterSuite } from '../../../suites/rmm-adapter.suite.js';

const VALID: DattoRmmCredentials = { platform: 'merlot', apiKey: 'sandbox-key', apiSecret: 'sandbox-secret' };
const WRONG: DattoRmmCredentials = { ...VALID, apiSecret: 'not-the-secret' };
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

runRmmAdapterSuite({
  vendor: 'datto-rmm',
  createSandboxApp: () => createDattoRmmSandbox().app,
  createAdapter: (ctx, which) => createDattoRmmAdapter(ctx, which === 'valid' ? VALID : WRONG),
  pageSize: 250,
  hasUserActivity: true,
  expireTokens: async (origin) => {
    await control(origin, 'datto-rmm', 'expire-tokens', {});
  },
});

describe('Datto RMM adapter specifics', () => {
  let server: RunningServer;
  let requests: string[] = [];
  const context = (overrides: Partial<AdapterContext> = {}) =>
    createAdapterContext(sandboxEndpoints(server.origin, 'unused'), {
      timeoutMs: 2_000,
      backoffBaseMs: 20,
      onRequest: (_v, r) => requests.push(`${r.method} ${r.url}`),
      ...overrides,
    });
  const ctl = (path: string, body?: unknown) => control(server.origin, 'datto-rmm', path, body);
  const tokenCalls = () => requests.filter((r) => r.includes('/auth/oauth/token')).length;

  beforeAll(async () => {
    server = await startServer(new Hono().route('/sandbox/datto-rmm', createDattoRmmSandbox().app).fetch);
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    requests = [];
    // `seed` without a scale, since `reset` keeps the scale an earlier test chose.
    await ctl('seed', {});
  });

  it('shares one token between adapter instances of one account', async () => {
    const ctx = context();
    await createDattoRmmAdapter(ctx, VALID).listSites();
    await createDattoRmmAdapter(ctx, VALID).listSites();
    await Promise.all([1, 2, 3].map(() => createDattoRmmAdapter(ctx, VALID).listDevices({ siteId: null, cursor: null })));
    expect(tokenCalls()).toBe(1);
  });

  it('labels the account with its platform (not secret) and the account name', async () => {
    expect(await createDattoRmmAdapter(context(), VALID).validateCredentials()).toEqual({ accountLabel: 'Merlot platform · Northwind MSP' });
    expect(await createDattoRmmAdapter(context(), { ...VALID, platform: 'zinfandel' }).validateCredentials()).toEqual({ accountLabel: 'Zinfandel platform · Northwind MSP' });
  });

  it('lists the UDFs with a label and what the account’s devices hold in them, suggesting the one with device ids', async () => {
    const fields = await createDattoRmmAdapter(context(), VALID).listCustomFields();
    expect(fields.slice(0, 30).map((f) => f.name)).toEqual(Array.from({ length: 30 }, (_, i) => `udf${i + 1}`));
    const byName = new Map(fields.map((f) => [f.name, f]));
    const entra = byName.get('udf5')!;
    expect(entra.label).toBe('User-defined field 5');
    expect(entra.valueCount).toBeGreaterThan(0);
    expect(entra.deviceIdCount).toBe(entra.valueCount);
    expect(entra.samples.length).toBeGreaterThan(0);
    expect(entra.samples.every((v) => GUID.test(v))).toBe(true);
    // An asset tag field: its values are shortened (UDFs may hold secrets) and not device ids.
    const tags = byName.get('udf2')!;
    expect(tags.valueCount).toBeGreaterThan(0);
    expect(tags.deviceIdCount).toBe(0);
    expect(tags.samples.every((v) => /^AT-\d…$/.test(v))).toBe(true);
    expect(byName.get('udf30')).toMatchObject({ valueCount: 0, samples: [] });
    expect(suggestedEntraField(fields)?.name).toBe('udf5');
    // Two pages of the account's devices at most, whatever its size.
    expect(requests.filter((r) => r.includes('/api/v2/account/devices')).length).toBeLessThanOrEqual(2);
  });

  it('still checks a wrong secret for a key whose token is cached', async () => {
    const ctx = context();
    await createDattoRmmAdapter(ctx, VALID).validateCredentials();
    const error = await createDattoRmmAdapter(ctx, WRONG).validateCredentials().catch((e) => e);
    expect(error).toBeInstanceOf(VendorError);
    expect(error.code).toBe('invalid_credentials');
    expect(error.details.field).toBe('apiSecret');
    expect(error.message).not.toContain('not-the-secret');
  });

  it('asks for the token as the public client, with the key and secret as username and password', async () => {
    const seen: Array<{ url: string; init?: RequestInit }> = [];
    const fetchImpl: typeof fetch = (input, init) => {
      seen.push({ url: String(input), init });
      return fetch(input, init);
    };
    await createDattoRmmAdapter(context({ fetchImpl }), VALID).validateCredentials();
    const token = seen.find((s) => s.url.endsWith('/auth/oauth/token'))!;
    const headers = token.init!.headers as Record<string, string>;
    expect(token.init!.method).toBe('POST');
    expect(headers.Authorization).toBe('Basic cHVibGljLWNsaWVudDpwdWJsaWM=');
    expect(headers['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(String(token.init!.body)))).toEqual({ grant_type: 'password', username: 'sandbox-key', password: 'sandbox-secret' });
    const api = seen.find((s) => s.url.includes('/api/v2/account'))!;
    expect((api.init!.headers as Record<string, string>).Authorization).toMatch(/^Bearer \S+$/);
  });

  it('calls https://<platform>-api.centrastage.net when no base URL is configured', async () => {
    const urls: string[] = [];
    const fetchImpl: typeof fetch = async (input) => {
      urls.push(String(input));
      return new Response(JSON.stringify({ error: 'invalid_grant', error_description: 'Bad credentials' }), { status: 400, headers: { 'Content-Type': 'application/json' } });
    };
    const ctx = createAdapterContext(REAL_ENDPOINTS, { fetchImpl, backoffBaseMs: 1 });
    const error = await createDattoRmmAdapter(ctx, { ...VALID, platform: 'zinfandel' }).listSites().catch((e) => e);
    expect(error.code).toBe('invalid_credentials');
    expect(urls).toEqual(['https://zinfandel-api.centrastage.net/auth/oauth/token']);
  });

  it('pages 10,000 devices in 40 requests of 250', async () => {
    await ctl('seed', { scale: 10_000 });
    const adapter = createDattoRmmAdapter(context(), VALID);
    const ids = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { items: RmmDevice[]; next: string | null } = await adapter.listDevices({ siteId: null, cursor });
      for (const d of page.items) ids.add(d.id);
      cursor = page.next;
    } while (cursor);
    expect(ids.size).toBe(10_000);
    expect(requests.filter((r) => r.includes('/api/v2/account/devices')).length).toBe(40);
  });

  it('follows paging links only on the vendor origin', async () => {
    const adapter = createDattoRmmAdapter(context(), VALID);
    for (const cursor of ['https://attacker.example/api/v2/account/devices?page=1', `${server.origin}/sandbox/datto-rmm/api/v2/account/users?page=1`, 'not a url']) {
      const error = await adapter.listDevices({ siteId: null, cursor }).catch((e) => e);
      expect(error).toBeInstanceOf(VendorError);
      expect(error.code).toBe('unexpected_answer');
    }
    expect(requests.some((r) => r.includes('attacker') || r.includes('/account/users'))).toBe(false);
  });

  it('names the Administrator security level when activity is refused', async () => {
    await ctl('api-user', { administrator: false });
    const error = await createDattoRmmAdapter(context(), VALID).listActivity({ cursor: null }).catch((e) => e);
    expect(error).toBeInstanceOf(VendorError);
    expect(error.code).toBe('missing_permission');
    expect(error.details.permission).toMatch(/Administrator/);
  });

  it('reads the whole activity log oldest first, then resumes after its last entry', async () => {
    const adapter = createDattoRmmAdapter(context(), VALID);
    const seen: string[] = [];
    let cursor: string | null = null;
    let resume: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page = await adapter.listActivity({ cursor });
      seen.push(...page.items.map((a) => a.at));
      if (page.next) resume = page.next;
      cursor = page.next;
      if (!cursor) break;
    }
    expect(seen.length).toBe(320);
    expect([...seen].sort()).toEqual(seen);
    const { id } = await ctl('activities', { userName: 'pshah', action: 'login' });
    const fresh = await adapter.listActivity({ cursor: resume });
    expect(fresh.items.map((a) => a.id)).toEqual([id]);
    expect(fresh.items[0]).toMatchObject({ user: 'pshah', action: 'user.login' });
  });

  it('sees sites and devices added, moved and removed through the control API', async () => {
    const adapter = createDattoRmmAdapter(context(), VALID);
    const site = await ctl('sites', { name: 'Orchard Lane Vets' });
    const entra = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const device = await ctl('devices', { siteUid: site.uid, hostname: 'ORCHARD-LT001', entraDeviceId: entra });
    expect((await adapter.listSites()).find((s) => s.id === site.uid)).toMatchObject({ name: 'Orchard Lane Vets', type: 'managed', deviceCount: 1 });
    const onSite = await adapter.listDevices({ siteId: site.uid, cursor: null });
    expect(onSite.items).toHaveLength(1);
    expect(onSite.items[0]).toMatchObject({ id: device.uid, hostname: 'ORCHARD-LT001', siteId: site.uid });
    expect(Object.values(onSite.items[0]!.customFields)).toContain(entra);
    expect(Object.values(onSite.items[0]!.customFields).filter((v) => v && GUID.test(v))).toEqual([entra]);

    const target = (await adapter.listSites()).find((s) => s.name === 'Acme Dental Group')!;
    await ctl(`devices/${device.uid}/move`, { siteUid: target.id });
    expect((await adapter.listDevices({ siteId: target.id, cursor: null })).items.map((d) => d.id)).toContain(device.uid);
    expect((await adapter.listDevices({ siteId: site.uid, cursor: null })).items).toHaveLength(0);
    const activity = [];
    for (let cursor: string | null = null, n = 0; n === 0 || (cursor && n < 10); n++) {
      const page: { items: Array<{ action: string; details: string | null }>; next: string | null } = await adapter.listActivity({ cursor });
      activity.push(...page.items);
      cursor = page.next;
    }
    expect(activity.some((a) => a.action === 'device.move.device' && a.details?.includes('to Acme Dental Group'))).toBe(true);

    await fetch(`${server.origin}/sandbox/datto-rmm/_control/devices/${device.uid}`, { method: 'DELETE' });
    const sites = await adapter.listSites();
    const queue = sites.find((s) => s.type === 'deleted')!;
    expect(queue.name).toBe('Deleted Devices');
    expect((await adapter.listDevices({ siteId: queue.id, cursor: null })).items.map((d) => d.id)).toContain(device.uid);

    await fetch(`${server.origin}/sandbox/datto-rmm/_control/sites/${site.uid}`, { method: 'DELETE' });
    expect((await adapter.listSites()).some((s) => s.id === site.uid)).toBe(false);
    const gone = await adapter.listDevices({ siteId: site.uid, cursor: null }).catch((e) => e);
    expect(gone.code).toBe('not_found');
  });

  it('types OnDemand and system sites', async () => {
    const sites = await createDattoRmmAdapter(context(), VALID).listSites();
    const byName = new Map(sites.map((s) => [s.name, s]));
    expect(byName.get('Managed')?.type).toBe('managed');
    expect(byName.get('OnDemand')?.type).toBe('ondemand');
    expect(byName.get('Deleted Devices')?.type).toBe('deleted');
    expect(sites.filter((s) => s.type === 'ondemand').length).toBeGreaterThanOrEqual(3);
  });

  it('fails a 429 without Retry-After as rate_limited with a minute to wait', async () => {
    const fetchImpl: typeof fetch = async (input, init) => {
      if (String(input).includes('/api/v2/')) return new Response('{"status":429}', { status: 429, headers: { 'Content-Type': 'application/json' } });
      return fetch(input, init);
    };
    const error = await createDattoRmmAdapter(context({ fetchImpl }), VALID).listSites().catch((e) => e);
    expect(error.code).toBe('rate_limited');
    expect(error.details.retryAfterMs).toBe(60_000);
  });
});

describe('Datto RMM sandbox budget', () => {
  const sandbox = createDattoRmmSandbox({ slowDownMs: 5 });
  const basic = `Basic ${Buffer.from('public-client:public').toString('base64')}`;
  const request = async (path: string, init?: RequestInit): Promise<Response> => sandbox.app.request(path, init);
  const token = async () => {
    const res = await request('/auth/oauth/token', {
      method: 'POST',
      headers: { Authorization: basic, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&username=sandbox-key&password=sandbox-secret',
    });
    return ((await res.json()) as { access_token: string }).access_token;
  };

  beforeEach(async () => {
    await request('/_control/reset', { method: 'POST' });
  });

  it('answers the 601st read within a minute with 429 and Retry-After', async () => {
    const headers = { Authorization: `Bearer ${await token()}` };
    const statuses = await Promise.all(Array.from({ length: 600 }, () => request('/api/v2/system/pagination', { headers }).then((r) => r.status)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    const over = await request('/api/v2/account/sites', { headers });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await over.json()).toMatchObject({ status: 429, error: 'Too Many Requests' });
    // Writes are a separate quota.
    const write = await request('/api/v2/site', { method: 'PUT', headers: { ...headers, 'Content-Type': 'application/json' }, body: '{"name":"Budget Test"}' });
    expect(write.status).toBe(200);
  });

  it('allows 100 writes of one operation a minute', async () => {
    const headers = { Authorization: `Bearer ${await token()}`, 'Content-Type': 'application/json' };
    const create = (i: number) => request('/api/v2/site', { method: 'PUT', headers, body: JSON.stringify({ name: `Site ${i}` }) }).then((r) => r.status);
    const statuses = await Promise.all(Array.from({ length: 101 }, (_, i) => create(i)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(100);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    const rate = await (await request('/api/v2/system/request_rate', { headers })).json();
    expect(rate.operationWriteStatus['site-create']).toEqual({ limit: 100, count: 100 });
  });
});
