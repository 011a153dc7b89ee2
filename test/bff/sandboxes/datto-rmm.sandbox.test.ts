/**
 * @module The Datto RMM sandbox on its own: the seed (deterministic, demo names, system sites, the
 * device scale, fast at 10,000), OAuth answers, paging links under a mount prefix, the activity
 * log's window and cursors, and the control API's guard rails.
 */
import { Hono } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import { vendorNamesForDemoOrganizations } from '../../../bff/demo/demo-organizations.js';
import { createDattoRmmSandbox } from '../../../bff/sandboxes/datto-rmm/datto-rmm.sandbox.js';
import { ENTRA_UDF } from '../../../bff/sandboxes/datto-rmm/datto-rmm.records.js';
import { seedDattoRmm } from '../../../bff/sandboxes/datto-rmm/datto-rmm.seed.js';

const PREFIX = '/mounted/under/datto';
const BASIC = `Basic ${Buffer.from('public-client:public').toString('base64')}`;
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

describe('Datto RMM sandbox seed', () => {
  it('seeds 10,000 devices, exactly as many as asked', () => {
    const data = seedDattoRmm(10_000);
    expect(data.devices).toHaveLength(10_000);
    expect(new Set(data.devices.map((d) => d.uid)).size).toBe(10_000);
    expect(new Set(data.devices.map((d) => d.hostname)).size).toBe(10_000);
  });

  it('is the same on every start', () => {
    const a = seedDattoRmm(undefined);
    const b = seedDattoRmm(undefined);
    expect(b.sites.map((s) => s.uid)).toEqual(a.sites.map((s) => s.uid));
    expect(b.devices.map((d) => [d.uid, d.hostname, d.siteUid, d.udf])).toEqual(a.devices.map((d) => [d.uid, d.hostname, d.siteUid, d.udf]));
    expect(b.activities.map((x) => x.id)).toEqual(a.activities.map((x) => x.id));
  });

  it('names sites after the demo organizations, invents others and keeps the system sites', () => {
    const data = seedDattoRmm(undefined);
    const names = data.sites.map((s) => s.name);
    for (const name of vendorNamesForDemoOrganizations()) expect(names).toContain(name);
    expect(names).toEqual(expect.arrayContaining(['Managed', 'OnDemand', 'Deleted Devices']));
    expect(names.length).toBe(vendorNamesForDemoOrganizations().length + 15 + 3);
    expect(data.sites.filter((s) => s.onDemand).length).toBe(4);
    expect(data.devices.length).toBe(150);
    const entra = data.devices.filter((d) => /^[0-9a-f-]{36}$/.test(d.udf[ENTRA_UDF] ?? ''));
    expect(entra.length).toBeGreaterThan(10);
    expect(entra.length).toBeLessThan(100);
  });
});

describe('Datto RMM sandbox API', () => {
  const sandbox = createDattoRmmSandbox();
  const host = new Hono().route(PREFIX, sandbox.app);
  const call = async (path: string, init?: RequestInit): Promise<Response> => host.request(`http://rmm.test${PREFIX}/${path}`, init);
  const grant = (body: string, authorization = BASIC) => call('auth/oauth/token', { method: 'POST', headers: { ...FORM, Authorization: authorization }, body });
  const bearer = async () => {
    const token = (await (await grant('grant_type=password&username=sandbox-key&password=sandbox-secret')).json()) as { access_token: string };
    return { Authorization: `Bearer ${token.access_token}` };
  };

  beforeEach(async () => {
    await call('_control/seed', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
  });

  it('answers token requests as Spring OAuth does', async () => {
    const wrong = await grant('grant_type=password&username=sandbox-key&password=nope');
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ error: 'invalid_grant', error_description: 'Bad credentials' });
    const badClient = await grant('grant_type=password&username=sandbox-key&password=sandbox-secret', 'Basic ' + Buffer.from('x:y').toString('base64'));
    expect(badClient.status).toBe(401);
    expect(await badClient.json()).toMatchObject({ error: 'unauthorized' });
    const otherGrant = await grant('grant_type=client_credentials');
    expect(await otherGrant.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('signs in a second API user (another account, for "separate instance") with its own key pair only', async () => {
    const second = await grant('grant_type=password&username=sandbox-key-2&password=sandbox-secret-2');
    expect(second.status).toBe(200);
    const { access_token } = (await second.json()) as { access_token: string };
    expect(JSON.parse(Buffer.from(access_token.split('.')[1]!, 'base64url').toString())).toMatchObject({ user_name: 'sandbox-key-2' });
    expect((await call('api/v2/account', { headers: { Authorization: `Bearer ${access_token}` } })).status).toBe(200);
    // One pair's key with the other's secret is no key pair at all.
    expect((await grant('grant_type=password&username=sandbox-key-2&password=sandbox-secret')).status).toBe(400);
    expect((await grant('grant_type=password&username=sandbox-key&password=sandbox-secret-2')).status).toBe(400);
  });

  it('refuses missing, unknown and expired bearer tokens with 401', async () => {
    expect(await (await call('api/v2/account')).json()).toMatchObject({ error: 'unauthorized' });
    const junk = await call('api/v2/account', { headers: { Authorization: 'Bearer junk' } });
    expect(junk.status).toBe(401);
    expect(junk.headers.get('www-authenticate')).toMatch(/^Bearer /);
    const headers = await bearer();
    expect((await call('api/v2/account', { headers })).status).toBe(200);
    await call('_control/expire-tokens', { method: 'POST' });
    const expired = await call('api/v2/account', { headers });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ error: 'invalid_token', error_description: 'Access token expired' });
  });

  it('builds paging links from the incoming URL, under the mount prefix', async () => {
    const headers = await bearer();
    const page = await (await call('api/v2/account/devices?max=100', { headers })).json();
    expect(page.pageDetails).toMatchObject({ count: 100, totalCount: 150, prevPageUrl: null });
    expect(page.pageDetails.nextPageUrl).toBe(`http://rmm.test${PREFIX}/api/v2/account/devices?max=100&page=1`);
    const last = await (await host.request(page.pageDetails.nextPageUrl, { headers })).json();
    expect(last.pageDetails).toMatchObject({ count: 50, nextPageUrl: null });
    expect(last.pageDetails.prevPageUrl).toContain('page=0');
  });

  it('answers an unknown site with 404 and the spec text', async () => {
    const res = await call('api/v2/site/nope/devices', { headers: await bearer() });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ status: 404, message: 'Site or filter not found.' });
  });

  it('returns only the last 15 minutes of activity without `from`', async () => {
    const body = await (await call('api/v2/activity-logs', { headers: await bearer() })).json();
    expect(body.activities).toHaveLength(6);
    for (const a of body.activities) expect(a.date * 1000).toBeGreaterThan(Date.now() - 15 * 60_000);
  });

  it('pages activity forwards and backwards with searchAfter', async () => {
    const headers = await bearer();
    const first = await (await call('api/v2/activity-logs?size=10&order=asc&from=2000-01-01T00:00:00Z', { headers })).json();
    expect(first.pageDetails.prevPageUrl).toBeNull();
    const second = await (await host.request(first.pageDetails.nextPageUrl, { headers })).json();
    expect(second.activities[0].date).toBeGreaterThanOrEqual(first.activities[9].date);
    expect(second.activities.map((a: { id: string }) => a.id)).not.toContain(first.activities[9].id);
    const back = await (await host.request(second.pageDetails.prevPageUrl, { headers })).json();
    expect(back.activities.map((a: { id: string }) => a.id)).toEqual(first.activities.map((a: { id: string }) => a.id));
    const bad = await call('api/v2/activity-logs?from=yesterday', { headers });
    expect(bad.status).toBe(400);
  });

  it('refuses activity to an API user below Administrator', async () => {
    const headers = await bearer();
    await call('_control/api-user', { method: 'POST', body: '{"administrator":false}', headers: { 'Content-Type': 'application/json' } });
    const res = await call('api/v2/activity-logs', { headers });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ message: "Authenticated user doesn't have access to this resource." });
  });

  it('injects a 429 with Retry-After and keeps system sites', async () => {
    const headers = await bearer();
    await call('_control/faults', { method: 'POST', body: JSON.stringify({ kind: '429', retryAfterSeconds: 7 }), headers: { 'Content-Type': 'application/json' } });
    const limited = await call('api/v2/account/sites', { headers });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    const sites = await (await call('api/v2/account/sites', { headers })).json();
    const managed = sites.sites.find((s: { name: string }) => s.name === 'Managed');
    expect((await call(`_control/sites/${managed.uid}`, { method: 'DELETE' })).status).toBe(409);
  });
});
