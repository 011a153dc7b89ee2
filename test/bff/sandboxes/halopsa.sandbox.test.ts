/**
 * @module The HaloPSA sandbox's own behaviour: deterministic seed, the OAuth token endpoint and its
 * error shapes, bearer and scope checks, `pageinate` paging with `record_count`, array creates and
 * the ticket type's mandatory fields, the hosted 300-per-5-minutes budget, and the control API.
 */
import { Hono } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import { vendorNamesForDemoOrganizations } from '../../../bff/demo/demo-organizations.js';
import { createHaloPsaSandbox, HALO_HOSTED_LIMIT } from '../../../bff/sandboxes/halopsa/halopsa.sandbox.js';

const PREFIX = '/sandbox/halopsa';

function harness() {
  const sandbox = createHaloPsaSandbox();
  const host = new Hono().route(PREFIX, sandbox.app);
  let token = '';
  const request = async (method: string, path: string, body?: unknown) => {
    const res = await host.request(`http://sandbox.test${PREFIX}${path}`, {
      method,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: res.status, headers: res.headers, body: json };
  };
  const tokenRequest = (form: Record<string, string>, tenant = 'sandbox') => host.request(`http://sandbox.test${PREFIX}/auth/token${tenant ? `?tenant=${tenant}` : ''}`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(),
  });
  const signIn = async (scope = 'all all:teams') => {
    const res = await tokenRequest({ grant_type: 'client_credentials', client_id: 'sandbox-client', client_secret: 'sandbox-secret', scope });
    token = ((await res.json()) as { access_token: string }).access_token;
  };
  return { sandbox, request, tokenRequest, signIn, clearToken: () => (token = '') };
}

describe('HaloPSA sandbox', () => {
  let h: ReturnType<typeof harness>;
  beforeEach(async () => {
    h = harness();
    await h.signIn();
  });

  it('seeds the same clients every time, with the demo names, users and one user-less client', () => {
    const again = createHaloPsaSandbox().state.data;
    const data = h.sandbox.state.data;
    expect(JSON.stringify(again.clients)).toBe(JSON.stringify(data.clients));
    expect(JSON.stringify([...again.usersByClient])).toBe(JSON.stringify([...data.usersByClient]));
    const names = data.clients.map((c) => c.name);
    for (const name of vendorNamesForDemoOrganizations()) expect(names.filter((n) => n === name)).toHaveLength(1);
    expect(names).toContain('EVERGREEN ACCOUNTING');
    expect(names).not.toContain('Ironwood Manufacturing');
    const lonely = data.clients.find((c) => c.name.includes('No Contacts'))!;
    expect(data.usersByClient.get(lonely.id)).toEqual([]);
  });

  it('issues bearer tokens for client credentials and answers wrong ones in the OAuth error shape', async () => {
    const ok = await h.tokenRequest({ grant_type: 'client_credentials', client_id: 'sandbox-client', client_secret: 'sandbox-secret', scope: 'all' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String), expires_in: 3600, scope: 'all' });
    const wrong = await h.tokenRequest({ grant_type: 'client_credentials', client_id: 'sandbox-client', client_secret: 'nope', scope: 'all' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: 'invalid_client', error_description: 'The client_id or client_secret is not valid.' });
    const noTenant = await h.tokenRequest({ grant_type: 'client_credentials', client_id: 'sandbox-client', client_secret: 'sandbox-secret' }, '');
    expect(noTenant.status).toBe(401);
    const grant = await h.tokenRequest({ grant_type: 'password', client_id: 'sandbox-client' });
    expect(grant.status).toBe(400);
    expect(await grant.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('refuses /api/* without a valid bearer token, and team resources for a token without all:teams', async () => {
    h.clearToken();
    expect((await h.request('GET', '/api/Client')).status).toBe(401);
    await h.signIn('all');
    expect((await h.request('GET', '/api/Client')).status).toBe(200);
    const teams = await h.request('GET', '/api/Team');
    expect(teams.status).toBe(403);
    expect(teams.headers.get('www-authenticate')).toContain('scope="all:teams"');
    await h.request('POST', '/_control/expire-tokens', {});
    expect((await h.request('GET', '/api/Client')).status).toBe(401);
  });

  it('pages lists with pageinate/page_size/page_no and counts every row in record_count', async () => {
    await h.request('POST', '/_control/seed', { scale: 2_500 });
    await h.signIn();
    const page3 = await h.request('GET', '/api/Client?pageinate=true&page_size=1000&page_no=3');
    expect(page3.status).toBe(200);
    expect(page3.body).toMatchObject({ page_no: 3, page_size: 1000, record_count: 2_498 });
    expect(page3.body.clients).toHaveLength(498);
    const clamped = await h.request('GET', '/api/Client?pageinate=true&page_size=5000&page_no=1');
    expect(clamped.body.clients).toHaveLength(1000);
    const search = await h.request('GET', '/api/Client?search=acme%20dental');
    expect(search.body.clients.map((c: { name: string }) => c.name)).toEqual(['Acme Dental Group']);
  });

  it('takes tickets as an array, applies type defaults and refuses a type’s undefaulted mandatory field', async () => {
    const acme = h.sandbox.state.data.clients.find((c) => c.name === 'Acme Dental Group')!;
    const made = await h.request('POST', '/api/Tickets', [{ summary: 'Alert', details: 'x', client_id: acme.id, tickettype_id: 21, status_id: 1, priority_id: 2, team: 'security operations' }]);
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ summary: 'Alert', category_1: 'Security', site_id: acme.main_site_id, team: 'Security Operations' });
    const retiredTeam = await h.request('POST', '/api/Tickets', [{ summary: 'Alert', details: 'x', client_id: acme.id, tickettype_id: 21, team: 'Tier 3 (Retired)' }]);
    expect(retiredTeam).toMatchObject({ status: 400, body: 'Please select a valid Team.' });
    const refused = await h.request('POST', '/api/Tickets', [{ summary: 'Alert', details: 'x', client_id: acme.id, tickettype_id: 4, status_id: 1, priority_id: 2 }]);
    expect(refused).toMatchObject({ status: 400, body: "Impact is mandatory for the Ticket Type 'Problem'." });
    const note = await h.request('POST', '/api/Actions', [{ ticket_id: made.body.id, note: 'hello', outcome_id: 2 }]);
    expect(note.body).toMatchObject({ ticket_id: made.body.id, outcome: 'Private Note', hiddenfromuser: true });
    const writes = await h.request('GET', '/_control/writes');
    expect(writes.body.writes.map((w: { kind: string }) => w.kind)).toEqual(['ticket', 'note']);
  });

  it('holds the hosted budget: request 301 in five minutes gets Halo’s 429 with Retry-After', async () => {
    // The token request counted as one.
    for (let i = 1; i < HALO_HOSTED_LIMIT; i++) expect((await h.request('GET', '/api/Status')).status).toBe(200);
    const limited = await h.request('GET', '/api/Status');
    expect(limited.status).toBe(429);
    expect(limited.body).toBe('Rate Limit Reached - 300 Requests per rolling 5 minute window.');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(250);
  });
});
