/**
 * @module The Syncro sandbox's wire behaviour on its own: the three token styles, the 401 body,
 * the 180-a-minute limit, paging, seeding (names, scale, speed, determinism) and `_control/`.
 */
import { describe, expect, it } from 'vitest';
import { vendorNamesForDemoOrganizations } from '../../../bff/demo/demo-organizations.js';
import { createSyncroSandbox } from '../../../bff/sandboxes/syncro/syncro.sandbox.js';
import { seedSyncro } from '../../../bff/sandboxes/syncro/syncro.seed.js';

const NOT_AUTHORIZED = { error: 'Not authorized. Please ask account admin to update your group permissions.' };
const BEARER = { Authorization: 'Bearer sandbox-token' };

function sandbox(scale?: number) {
  const { app, state } = createSyncroSandbox(scale === undefined ? {} : { scale });
  const get = (path: string, headers: Record<string, string> = BEARER) => app.request(`/api/v1${path}`, { headers });
  const post = (path: string, body: unknown) => app.request(path, { method: 'POST', headers: { ...BEARER, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { app, state, get, post };
}

describe('Syncro sandbox: authentication', () => {
  it('accepts the token as Bearer, raw in Authorization, and as the api_key parameter', async () => {
    const { get } = sandbox();
    expect((await get('/me', { Authorization: 'Bearer sandbox-token' })).status).toBe(200);
    expect((await get('/me', { Authorization: 'sandbox-token' })).status).toBe(200);
    expect((await get('/me?api_key=sandbox-token', {})).status).toBe(200);
    const me = await (await get('/me')).json();
    expect(me).toMatchObject({ subdomain: 'sandbox', user_id: 1 });
  });

  it('answers anything else with 401 and the documented body', async () => {
    const { get } = sandbox();
    for (const headers of [{}, { Authorization: 'Bearer sandbox-secret' }, { Authorization: 'nope' }] as Array<Record<string, string>>) {
      const res = await get('/customers', headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual(NOT_AUTHORIZED);
    }
    const res = await get('/customers?api_key=nope', {});
    expect(res.status).toBe(401);
  });

  it('answers the same 401 for a permission the token lacks, and only for that endpoint', async () => {
    const { get, app } = sandbox();
    await app.request('/_control/permissions', { method: 'POST', body: JSON.stringify({ denied: ['Assets - List/Search'] }), headers: { 'Content-Type': 'application/json' } });
    const res = await get('/customer_assets');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(NOT_AUTHORIZED);
    expect((await get('/customers')).status).toBe(200);
    await app.request('/_control/reset', { method: 'POST' });
    expect((await get('/customer_assets')).status).toBe(200);
  });
});

describe('Syncro sandbox: 180 requests a minute', () => {
  it('answers the 181st call in a minute with 429 and Retry-After, good token or not', async () => {
    const { get, app } = sandbox();
    for (let i = 0; i < 179; i++) expect((await get('/me')).status).toBe(200);
    expect((await get('/me', {})).status).toBe(401); // the 180th, with no token, still counts
    const limited = await get('/me');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await limited.json()).error).toMatch(/rate limit/i);
    // `_control/reset` starts a fresh window.
    await app.request('/_control/reset', { method: 'POST' });
    expect((await get('/me')).status).toBe(200);
  });

  it('answers an injected 429 the same way', async () => {
    const { get, app } = sandbox();
    await app.request('/_control/faults', { method: 'POST', body: JSON.stringify({ kind: '429', retryAfterSeconds: 7 }), headers: { 'Content-Type': 'application/json' } });
    const res = await get('/customers');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect((await get('/customers')).status).toBe(200);
  });
});

describe('Syncro sandbox: data and paging', () => {
  it('names customers after the demo organizations plus about fifteen invented ones', async () => {
    const { get } = sandbox();
    const body = await (await get('/customers?include_disabled=true')).json();
    const names: string[] = body.customers.map((c: any) => c.business_name ?? c.fullname);
    for (const name of vendorNamesForDemoOrganizations()) expect(names).toContain(name);
    expect(names.length - vendorNamesForDemoOrganizations().length).toBe(15);
    const enabled = await (await get('/customers')).json();
    expect(enabled.customers.length).toBe(names.length - 2);
    const search = await (await get('/customers?business_name=acme')).json();
    expect(search.customers.map((c: any) => c.business_name)).toEqual(['Acme Dental Group']);
  });

  it('seeds exactly `scale` assets, pages them by 50, and answers an empty page past the end', async () => {
    const { get, app } = sandbox();
    await app.request('/_control/seed', { method: 'POST', body: JSON.stringify({ scale: 107 }), headers: { 'Content-Type': 'application/json' } });
    const pages = await Promise.all([1, 2, 3, 4].map(async (p) => (await get(`/customer_assets?page=${p}`)).json()));
    expect(pages.map((p) => p.assets.length)).toEqual([50, 50, 7, 0]);
    expect(pages[3].meta).toEqual({ total_pages: 3, total_entries: 107, per_page: 50, page: 4 });
    expect(new Set(pages.flatMap((p) => p.assets.map((a: any) => a.id))).size).toBe(107);
  });

  it('gives some assets an Entra device id (a GUID) in an asset property', () => {
    const data = seedSyncro(undefined);
    const withEntra = data.assets.filter((a) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(String(a.properties.msftEntraDeviceId ?? '')));
    expect(data.assets.length).toBe(150);
    expect(withEntra.length).toBeGreaterThan(5);
    expect(withEntra.length).toBeLessThan(60);
  });

  it('seeds 10,000 assets, exactly as many as asked', () => {
    const data = seedSyncro(10_000);
    expect(data.assets.length).toBe(10_000);
  });

  it('is deterministic', () => {
    const now = Date.parse('2026-03-01T10:00:00Z');
    const a = seedSyncro(500, now);
    const b = seedSyncro(500, now);
    expect(b).toEqual(a);
  });
});

describe('Syncro sandbox: writes, faults and control', () => {
  it('records ticket and comment writes for _control/writes', async () => {
    const { get, post, app } = sandbox();
    const customer = (await (await get('/customers')).json()).customers[0];
    const ticket = await (await post('/api/v1/tickets', { customer_id: customer.id, subject: 'Alert' })).json();
    await post(`/api/v1/tickets/${ticket.ticket.id}/comment`, { subject: 'Note', body: 'Another one', hidden: true });
    const writes = await (await app.request('/_control/writes')).json();
    expect(writes.writes.map((w: any) => w.kind)).toEqual(['ticket', 'comment']);
  });

  it('refuses a ticket contact of another customer with 422', async () => {
    const { get, post } = sandbox();
    const [first, second] = (await (await get('/customers')).json()).customers;
    const foreign = (await (await get(`/contacts?customer_id=${second.id}`)).json()).contacts[0];
    const res = await post('/api/v1/tickets', { customer_id: first.id, subject: 'x', contact_id: foreign.id });
    expect(res.status).toBe(422);
  });

  it('answers an injected 5xx', async () => {
    const { get, app } = sandbox();
    await app.request('/_control/faults', { method: 'POST', body: JSON.stringify({ kind: '5xx', status: 502 }), headers: { 'Content-Type': 'application/json' } });
    expect((await get('/customers')).status).toBe(502);
  });

  it('adds, moves and removes assets and customers', async () => {
    const { get, post, app } = sandbox();
    const created = await post('/_control/customers', { business_name: 'New Co' });
    expect(created.status).toBe(201);
    const { customer } = await created.json();
    const { asset } = await (await post('/_control/assets', { customerId: customer.id, name: 'NEW-WS001', entraDeviceId: true })).json();
    expect(asset.properties.msftEntraDeviceId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await (await get(`/customer_assets?customer_id=${customer.id}`)).json()).assets).toHaveLength(1);
    const target = (await (await get('/customers')).json()).customers[0];
    expect((await post(`/_control/assets/${asset.id}/move`, { customerId: target.id })).status).toBe(200);
    expect((await (await get(`/customer_assets/${asset.id}`)).json()).asset.customer_id).toBe(target.id);
    expect((await app.request(`/_control/assets/${asset.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await get(`/customer_assets/${asset.id}`)).status).toBe(404);
    expect((await app.request(`/_control/customers/${customer.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await get(`/customers/${customer.id}`)).status).toBe(404);
    expect((await post('/_control/assets', { customerId: customer.id, name: 'X' })).status).toBe(404);
  });

  it('works under any mount prefix', async () => {
    const { Hono } = await import('hono');
    const host = new Hono().route('/deep/prefix/syncro', createSyncroSandbox().app);
    expect((await host.request('/deep/prefix/syncro/api/v1/me', { headers: BEARER })).status).toBe(200);
    expect((await host.request('/deep/prefix/syncro/_control/stats')).status).toBe(200);
  });
});
