/**
 * Refusals and guarantees of the BFF core, through app.request on a real temp database:
 * no token, wrong role, another partner, bad fields, malformed JSON, and credentials that never
 * appear in any answer or log line.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decode, sign } from 'hono/jwt';
import { createHost } from '../../bff/host.js';
import { createSandboxes } from '../../bff/sandboxes/index.js';
import { createTestApp, TEST_AUTH_SECRET, type TestApp } from '../helpers/create-test-app.js';

const SECRET_MARKER = 'sup3r-s3cret-VALUE-never-shown';

let t: TestApp;
beforeEach(async () => { t = await createTestApp(); });
afterEach(() => t.close());

async function seedIntegration(partner: string, status: 'active' | 'connected' = 'active', kind: 'psa' | 'rmm' = 'psa') {
  await t.deps.repos.partners.ensure(partner);
  const sealed = t.deps.vault.seal({ username: 'api@x.example', secret: SECRET_MARKER });
  const row = await t.deps.repos.integrations.create({
    partnerId: partner, kind, vendor: kind === 'psa' ? 'autotask' : 'datto-rmm', credentialsSealed: sealed.sealed, credentialsKeyId: sealed.keyId, accountLabel: 'Zone: America East',
  });
  return (await t.deps.repos.integrations.update(partner, row.id, { status }))!;
}

async function problemOf(res: Response) {
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  return res.json() as Promise<{ status: number; code: string; detail?: string; errors?: Array<{ field: string; message: string }> }>;
}

describe('health and openapi', () => {
  it('reports the database and version without a token', async () => {
    const res = await t.call('GET', '/api/health', { token: null });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok', version: 'test' });
  });

  it('is ready once the database answers with every migration applied, and says not ready otherwise', async () => {
    const ready = await t.call('GET', '/api/ready', { token: null });
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'ok', migrations: 'applied' });
    await t.deps.database.query('delete from __drizzle_migrations');
    const pending = await t.call('GET', '/api/ready', { token: null });
    expect(pending.status).toBe(503);
    expect(await pending.json()).toEqual({ status: 'not_ready', database: 'ok', migrations: 'pending' });
    // Liveness does not depend on migrations: the process is alive, only not ready for traffic.
    expect((await t.call('GET', '/api/health', { token: null })).status).toBe(200);
  });

  it('serves Prometheus metrics: intake, queue depth and deliveries by state', async () => {
    const router = await t.token('partner-a', 'router', 'pipeline');
    const alert = { id: 'metrics-1', organizationId: 'org-a', severity: 'high', alertType: 'x', title: 'T', description: 'D', user: { email: 'u@x.example', name: 'U' }, occurredAt: new Date().toISOString() };
    expect((await t.call('POST', '/api/routing/alerts', { token: router, body: alert })).status).toBe(202);
    expect((await t.call('POST', '/api/routing/alerts', { token: router, body: alert })).status).toBe(200);
    const res = await t.call('GET', '/metrics', { token: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/^ih_routing_intake_total\{result="accepted"\} 1$/m);
    expect(text).toMatch(/^ih_routing_intake_total\{result="duplicate"\} 1$/m);
    expect(text).toMatch(/^ih_routing_queue_depth 1$/m);
    expect(text).toMatch(/^ih_routing_deliveries\{state="queued",outcome="none"\} 1$/m);
    expect(text).toContain('# TYPE ih_routing_claim_lag_seconds histogram');
    expect(text).toContain('# TYPE ih_vendor_rate_limited_total counter');
  });

  it('describes every route in the OpenAPI document', async () => {
    const doc = await (await t.call('GET', '/api/openapi.json', { token: null })).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/api/organizations', '/api/integrations', '/api/integrations/{id}/pause', '/api/organizations/{id}']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/api/organizations'].put.requestBody.content['application/json'].schema.properties.organizations).toBeTruthy();
  });
});

describe('authentication and authorization', () => {
  it('answers 401 problem+json without a token', async () => {
    const res = await t.call('GET', '/api/integrations', { token: null });
    expect(res.status).toBe(401);
    expect((await problemOf(res)).code).toBe('unauthenticated');
  });

  it('answers 401 for a token signed with another secret', async () => {
    const forged = await sign({ sub: 'x', partner: 'partner-a', role: 'admin', exp: Math.floor(Date.now() / 1000) + 60 }, 'another-secret-another-secret-another!!', 'HS256');
    expect((await t.call('GET', '/api/integrations', { token: forged })).status).toBe(401);
  });

  it('answers 401 for an expired token and for one without a partner claim', async () => {
    const expired = await sign({ sub: 'x', partner: 'partner-a', role: 'admin', exp: Math.floor(Date.now() / 1000) - 10 }, TEST_AUTH_SECRET, 'HS256');
    expect((await t.call('GET', '/api/integrations', { token: expired })).status).toBe(401);
    const noPartner = await sign({ sub: 'x', role: 'admin', exp: Math.floor(Date.now() / 1000) + 60 }, TEST_AUTH_SECRET, 'HS256');
    expect((await t.call('GET', '/api/integrations', { token: noPartner })).status).toBe(401);
  });

  it('refuses a token without an expiry (exp) with a detail saying so, also on a second call', async () => {
    const forever = await sign({ sub: 'x', partner: 'partner-a', role: 'admin', iat: Math.floor(Date.now() / 1000) }, TEST_AUTH_SECRET, 'HS256');
    for (const attempt of [1, 2]) {
      const res = await t.call('GET', '/api/integrations', { token: forever });
      expect(res.status, `call ${attempt}`).toBe(401);
      expect(await problemOf(res)).toMatchObject({ code: 'unauthenticated', detail: 'The token has no expiry (exp).' });
    }
  });

  it('mints tokens with an expiry: the test helpers and the demo page’s session', async () => {
    const expOf = (token: string) => decode(token).payload.exp as number | undefined;
    const inAnHour = Math.floor(Date.now() / 1000) + 3600;
    expect(expOf(await t.token())).toBeGreaterThan(inAnHour);
    const host = createHost({ deps: t.deps, demo: { sandboxes: createSandboxes(), authSecret: TEST_AUTH_SECRET } });
    const session = await (await host.request('/demo/session')).json() as { token: string; routerToken: string };
    for (const token of [session.token, session.routerToken]) {
      expect(expOf(token)).toBeGreaterThan(inAnHour);
      expect((await host.request('/api/integrations', { headers: { Authorization: `Bearer ${token}` } })).status).not.toBe(401);
    }
  });

  it('answers 403 when a router token tries to configure', async () => {
    const router = await t.token('partner-a', 'router');
    const res = await t.call('GET', '/api/integrations', { token: router });
    expect(res.status).toBe(403);
    expect((await problemOf(res)).detail).toContain('admin');
  });

  it('keeps a partner row from the first call that names it', async () => {
    await t.call('GET', '/api/integrations', { token: await t.token('brand-new-partner') });
    const [row] = await t.deps.database.query('select id from partners where id = ?', ['brand-new-partner']);
    expect(row).toBeTruthy();
  });
});

describe('partner scoping', () => {
  it('never lists, reads, pauses or deletes another partner’s integration', async () => {
    const theirs = await seedIntegration('partner-b');
    const mine = await t.token('partner-a');
    expect((await (await t.call('GET', '/api/integrations', { token: mine })).json()).integrations).toEqual([]);
    for (const [method, path] of [['GET', ''], ['POST', '/pause'], ['DELETE', '']] as const) {
      const res = await t.call(method, `/api/integrations/${theirs.id}${path}`, { token: mine });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await t.deps.repos.integrations.get('partner-b', theirs.id))?.status).toBe('active');
  });

  it('keeps organizations apart', async () => {
    await t.call('PUT', '/api/organizations', { token: await t.token('partner-b'), body: { organizations: [{ id: 'o1', name: 'B Org' }] } });
    const mine = await (await t.call('GET', '/api/organizations', { token: await t.token('partner-a') })).json();
    expect(mine.organizations).toEqual([]);
    const patch = await t.call('PATCH', '/api/organizations/o1', { token: await t.token('partner-a'), body: { ticketDelivery: false } });
    expect(patch.status).toBe(404);
  });
});

describe('bad input', () => {
  it('lists each bad field of an organizations upsert', async () => {
    const res = await t.call('PUT', '/api/organizations', { body: { organizations: [{ id: '', name: 'ok' }, { id: 'x', name: 'X', billableUsers: 2.5 }] } });
    expect(res.status).toBe(400);
    const problem = await problemOf(res);
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors!.map((e) => e.field)).toEqual(['organizations.0.id', 'organizations.1.billableUsers']);
    const dupes = await problemOf(await t.call('PUT', '/api/organizations', { body: { organizations: [{ id: 'x', name: 'X' }, { id: 'x', name: 'dupe' }] } }));
    expect(dupes.errors).toEqual([{ field: 'organizations.1.id', message: 'duplicate organization id "x"' }]);
  });

  it('answers malformed JSON with a 400 problem, never a 500', async () => {
    const res = await t.call('PUT', '/api/organizations', { rawBody: '{"organizations": [', headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(400);
    expect((await problemOf(res)).status).toBe(400);
  });

  it('rejects a non-uuid integration id and a non-boolean delivery switch by field', async () => {
    const bad = await problemOf(await t.call('GET', '/api/integrations/not-an-id'));
    expect(bad.errors![0]!.field).toBe('param.id');
    await t.call('PUT', '/api/organizations', { body: { organizations: [{ id: 'o1', name: 'Org' }] } });
    const res = await t.call('PATCH', '/api/organizations/o1', { body: { ticketDelivery: 'yes' } });
    expect(res.status).toBe(400);
    expect((await problemOf(res)).errors![0]!.field).toBe('ticketDelivery');
  });

  it('answers unknown routes with a 404 problem', async () => {
    expect((await problemOf(await t.call('GET', '/api/nothing-here'))).code).toBe('not_found');
  });
});

describe('organizations', () => {
  it('upserts, keeps the delivery switch across a re-sync, and audits the change', async () => {
    const first = await t.call('PUT', '/api/organizations', { body: { organizations: [{ id: 'o1', name: 'Acme', billableUsers: 4 }, { id: 'o2', name: 'Bluebird' }] } });
    expect(await first.json()).toEqual({ created: 2, updated: 0 });
    await t.call('PATCH', '/api/organizations/o1', { body: { ticketDelivery: false } });
    const second = await t.call('PUT', '/api/organizations', { body: { organizations: [{ id: 'o1', name: 'Acme Dental', billableUsers: 5 }] } });
    expect(await second.json()).toEqual({ created: 0, updated: 1 });
    const list = (await (await t.call('GET', '/api/organizations')).json()).organizations;
    expect(list[0]).toEqual({ id: 'o1', name: 'Acme Dental', status: 'active', billableUsers: 5, ticketDelivery: false });
    const audit = await t.deps.repos.audit.list('partner-a', { target: 'organization:o1' });
    expect(audit[0]).toMatchObject({ action: 'organization.ticket-delivery', before: { ticketDelivery: true }, after: { ticketDelivery: false } });
  });

  it('stores the catalog the override tables offer', async () => {
    await t.call('PUT', '/api/organizations', { body: { organizations: [], catalog: { alertTypes: [{ id: 'a1', name: 'Too Many Downloads' }] } } });
    const catalog = await (await t.call('GET', '/api/catalog')).json();
    expect(catalog.alertTypes).toEqual([{ id: 'a1', name: 'Too Many Downloads' }]);
    expect(catalog.iocRules).toEqual([]);
  });
});

describe('integrations', () => {
  it('pauses and resumes a PSA integration, refusing impossible transitions', async () => {
    const row = await seedIntegration('partner-a');
    const paused = await (await t.call('POST', `/api/integrations/${row.id}/pause`)).json();
    expect(paused).toMatchObject({ status: 'paused', statusLabel: 'Paused' });
    const again = await t.call('POST', `/api/integrations/${row.id}/pause`);
    expect(again.status).toBe(409);
    expect((await problemOf(again)).detail).toContain('cannot be paused');
    expect((await (await t.call('POST', `/api/integrations/${row.id}/resume`)).json()).status).toBe('active');
    expect((await t.call('POST', `/api/integrations/${row.id}/disconnect`)).status).toBe(409);
  });

  it('disconnects and reconnects an RMM integration', async () => {
    const row = await seedIntegration('partner-a', 'connected', 'rmm');
    expect((await (await t.call('POST', `/api/integrations/${row.id}/disconnect`)).json()).statusLabel).toBe('Disconnected');
    expect((await (await t.call('POST', `/api/integrations/${row.id}/reconnect`)).json()).status).toBe('connected');
  });

  it('deletes an integration: gone from the list, credentials erased, change audited', async () => {
    const row = await seedIntegration('partner-a');
    expect((await t.call('DELETE', `/api/integrations/${row.id}`)).status).toBe(204);
    expect((await (await t.call('GET', '/api/integrations')).json()).integrations).toEqual([]);
    expect((await t.call('GET', `/api/integrations/${row.id}`)).status).toBe(404);
    const [stored] = await t.deps.database.query<Record<string, unknown>>('select credentials_sealed, deleted_at from integrations where id = ?', [row.id]);
    expect(stored!.credentials_sealed).toBeNull();
    expect(stored!.deleted_at).toBeTruthy();
    expect((await t.deps.repos.audit.list('partner-a'))[0]!.action).toBe('integration.delete');
  });

  it('never returns or logs credentials, and stores them sealed', async () => {
    const row = await seedIntegration('partner-a');
    const [raw] = await t.deps.database.query<{ credentials_sealed: string }>('select credentials_sealed from integrations where id = ?', [row.id]);
    expect(raw!.credentials_sealed).not.toContain(SECRET_MARKER);
    const bodies = [
      await (await t.call('GET', '/api/integrations')).text(),
      await (await t.call('GET', `/api/integrations/${row.id}`)).text(),
      await (await t.call('POST', `/api/integrations/${row.id}/pause`)).text(),
      await (await t.call('GET', `/api/integrations/${row.id}/audit`)).text(),
    ];
    const detail = JSON.parse(bodies[1]!);
    expect(detail.hasCredentials).toBe(true);
    expect(detail).not.toHaveProperty('credentials');
    for (const body of bodies) {
      expect(body).not.toContain(SECRET_MARKER);
      expect(body).not.toContain(raw.credentials_sealed.slice(0, 20));
    }
    expect(t.logLines.length).toBeGreaterThan(0);
    expect(t.logLines.join('\n')).not.toContain(SECRET_MARKER);
  });
});
