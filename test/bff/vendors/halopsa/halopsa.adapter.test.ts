/**
 * @module The HaloPSA adapter against its sandbox over real HTTP: the shared PSA contract suite,
 * then what is particular to Halo (client-credentials tokens shared and renewed, the all:teams
 * trap, fewest-request paging, ticket types whose mandatory fields have no default, array
 * creates, the category tree, recurring-invoice units, and the hosts it may call).
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAdapterContext, sandboxEndpoints, REAL_ENDPOINTS, type AdapterContext } from '../../../../bff/vendors/adapter-context.js';
import type { HaloPsaCredentials } from '../../../../bff/contracts/credentials.js';
import { createHaloPsaAdapter } from '../../../../bff/vendors/halopsa/halopsa.adapter.js';
import { createHaloPsaSandbox } from '../../../../bff/sandboxes/halopsa/halopsa.sandbox.js';
import { VendorError } from '../../../../bff/vendors/vendor-errors.js';
import { pluggedEndpointsFromEnv, VendorEnvError } from '../../../../bff/vendors/vendor-env.js';
import { runPsaAdapterSuite, SANDBOX_INTEGRATION_CODE } from '../../../suites/psa-adapter.suite.js';
import { control, startServer, type RunningServer } from '../../../helpers/serve.js';

const VALID: HaloPsaCredentials = { url: 'https://sandbox.halopsa.com', tenant: 'sandbox', clientId: 'sandbox-client', clientSecret: 'sandbox-secret' };
const SANDBOX = (origin: string) => `${origin}/sandbox/halopsa`;

async function token(origin: string): Promise<string> {
  const res = await fetch(`${SANDBOX(origin)}/auth/token?tenant=sandbox`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: VALID.clientId, client_secret: VALID.clientSecret, scope: 'all all:teams' }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

runPsaAdapterSuite({
  vendor: 'halopsa',
  createSandboxApp: () => createHaloPsaSandbox().app,
  createAdapter: (ctx, credentials) => createHaloPsaAdapter(ctx, credentials === 'valid' ? VALID : { ...VALID, clientSecret: 'not-the-secret' }),
  expireTokens: async (origin) => {
    await control(origin, 'halopsa', 'expire-tokens', {});
  },
});

describe('HaloPSA adapter specifics', () => {
  let server: RunningServer;
  let requests: string[] = [];
  const context = (overrides: Partial<AdapterContext> = {}) =>
    createAdapterContext(sandboxEndpoints(server.origin, SANDBOX_INTEGRATION_CODE), {
      timeoutMs: 2_000, backoffBaseMs: 20, onRequest: (_v, r) => requests.push(`${r.method} ${r.url}`), ...overrides,
    });
  const count = (fragment: string) => requests.filter((r) => r.includes(fragment)).length;

  beforeAll(async () => {
    server = await startServer(new Hono().route('/sandbox/halopsa', createHaloPsaSandbox().app).fetch);
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    requests = [];
    await control(server.origin, 'halopsa', 'reset');
  });

  it('asks for one token for several adapter instances sharing a token cache, with the form Halo expects', async () => {
    const ctx = context();
    await createHaloPsaAdapter(ctx, VALID).validateCredentials();
    await createHaloPsaAdapter(ctx, VALID).listAccounts({ search: 'Acme' });
    await Promise.all([createHaloPsaAdapter(ctx, VALID).getPicklists(), createHaloPsaAdapter(ctx, VALID).listContracts(null)]);
    expect(count('/auth/token')).toBe(1);
    expect(requests.find((r) => r.includes('/auth/token'))).toMatch(/^POST .*\/auth\/token\?tenant=sandbox$/);
  });

  it('renews a token shortly before it expires, and never reuses one for a changed secret', async () => {
    const ctx = context();
    await createHaloPsaAdapter(ctx, VALID).validateCredentials();
    const [key, entry] = [...ctx.tokenCache.entries()][0]!;
    ctx.tokenCache.set(key, { ...entry, expiresAt: Date.now() + 5_000 });
    requests = [];
    await createHaloPsaAdapter(ctx, VALID).listAccounts({ search: 'Acme' });
    expect(count('/auth/token')).toBe(1);
    expect(ctx.tokenCache.get(key)!.token).not.toBe(entry.token);
    const changed = await createHaloPsaAdapter(ctx, { ...VALID, clientSecret: 'changed' }).validateCredentials().catch((e) => e);
    expect(changed).toMatchObject({ code: 'invalid_credentials', details: { field: 'clientSecret' } });
  });

  it('answers a 401 on an expired token with a new token and one repeat of the call', async () => {
    const adapter = createHaloPsaAdapter(context(), VALID);
    await adapter.validateCredentials();
    await control(server.origin, 'halopsa', 'expire-tokens', {});
    requests = [];
    expect((await adapter.listAccounts({ search: 'Cedar' })).map((a) => a.name)).toEqual(['Cedar Ridge Law']);
    expect(count('/auth/token')).toBe(1);
    expect(count('/api/Client')).toBe(2);
  });

  it('points a wrong tenant at the tenant field with Halo’s OAuth error text', async () => {
    const error = await createHaloPsaAdapter(context(), { ...VALID, tenant: 'someone-else' }).validateCredentials().catch((e) => e);
    expect(error).toBeInstanceOf(VendorError);
    expect(error).toMatchObject({ code: 'invalid_credentials', details: { field: 'tenant', status: 401 } });
    expect(error.message).toContain("The tenant 'someone-else' is not known");
  });

  it('names the missing all:teams permission when the API application is not allowed all teams', async () => {
    await control(server.origin, 'halopsa', 'scopes', { scopes: ['all'] });
    const error = await createHaloPsaAdapter(context(), VALID).validateCredentials().catch((e) => e);
    expect(error).toBeInstanceOf(VendorError);
    expect(error).toMatchObject({ code: 'missing_permission', details: { status: 403, permission: 'all:teams' } });
    expect(error.message).toContain('all:teams');
  });

  it('lists 10,000 clients in 10 list requests of 1,000, inside the hosted budget', async () => {
    await control(server.origin, 'halopsa', 'seed', { scale: 10_000 });
    const accounts = await createHaloPsaAdapter(context(), VALID).listAccounts();
    // Two of the fixed clients are inactive.
    expect(accounts).toHaveLength(9_998);
    expect(new Set(accounts.map((a) => a.id)).size).toBe(9_998);
    expect(count('/api/Client')).toBe(10);
    expect(requests).toHaveLength(11);
    expect(requests.filter((r) => r.includes('/api/Client')).every((r) => /pageinate=true&page_size=1000&page_no=\d+/.test(r))).toBe(true);
  });

  it('marks a ticket type whose mandatory fields have no default, and lets Halo refuse a ticket of that type', async () => {
    const adapter = createHaloPsaAdapter(context(), VALID);
    const lists = await adapter.getPicklists();
    expect(lists.unsupported).toEqual(['ticketCategory', 'source']);
    const problem = lists.ticketType.find((t) => t.label === 'Problem')!;
    expect(problem.unusableReason).toMatch(/requires Impact, Urgency, Category, which have no default in Halo/);
    expect(lists.ticketType.find((t) => t.label === 'Security Alert')!.unusableReason).toBeUndefined();
    expect(lists.ticketType.find((t) => t.label === 'Incident')!.unusableReason).toBeUndefined();
    expect(lists.ticketType.map((t) => t.label)).not.toContain('Change Request (Retired)');
    const [acme] = await adapter.listAccounts({ search: 'Acme Dental Group' });
    const error = await adapter.createTicket({
      accountId: acme!.id, contactId: null, title: 't', description: 'd', statusId: '1', priorityId: '2', queueId: '2', typeId: problem.id,
      sourceId: null, categoryId: null, issueTypeId: null, subIssueTypeId: null, contractId: null, marker: 'm-problem',
    }).catch((e) => e);
    expect(error).toMatchObject({ code: 'rejected', details: { status: 400 } });
    expect(error.message).toContain("Impact is mandatory for the Ticket Type 'Problem'.");
  });

  it('sends tickets and actions as arrays with the category path, team, site and visibility; one call per ticket once warm', async () => {
    const ctx = context();
    const adapter = createHaloPsaAdapter(ctx, VALID);
    const [acme] = await adapter.listAccounts({ search: 'Acme Dental Group' });
    const lists = await adapter.getPicklists();
    const security = lists.issueType.find((i) => i.label === 'Security')!;
    const malware = lists.subIssueType.find((s) => s.label === 'Malware')!;
    expect(malware.parentId).toBe(security.id);
    const ticket = (marker: string) => ({
      accountId: acme!.id, contactId: null, title: 'Malware Detected', description: 'on LAPTOP-1', statusId: '1', priorityId: '2', queueId: '2',
      typeId: '21', sourceId: null, categoryId: null, issueTypeId: security.id, subIssueTypeId: malware.id, contractId: null, marker,
    });
    const first = await adapter.createTicket(ticket('alert-77'));
    requests = [];
    await createHaloPsaAdapter(ctx, VALID).createTicket(ticket('alert-78'));
    expect(requests).toEqual([expect.stringMatching(/^POST .*\/api\/Tickets$/)]);
    expect(await adapter.findTicketByMarker('alert-7')).toBeNull();
    expect((await adapter.findTicketByMarker('alert-77'))?.id).toBe(first.id);
    await adapter.addNote({ ticketId: first.id, title: 'Again', body: 'same', noteTypeId: '1', visibilityId: 'public', marker: 'alert-79' });
    const writes = (await control(server.origin, 'halopsa', 'writes')).writes as Array<{ kind: string; data: Record<string, unknown> }>;
    expect(writes.find((w) => w.kind === 'ticket')!.data).toMatchObject({ client_id: Number(acme!.id), site_id: expect.any(Number), tickettype_id: 21, team: 'Security Operations', priority_id: 2, category_1: 'Security>Malware' });
    expect(writes.find((w) => w.kind === 'note')!.data).toMatchObject({ ticket_id: Number(first.id), outcome_id: 1, hiddenfromuser: false });
  });

  it('writes the queue as the team’s name (Halo’s ticket has no team id) and names a queue whose team is gone', async () => {
    const adapter = createHaloPsaAdapter(context(), VALID);
    const [acme] = await adapter.listAccounts({ search: 'Acme Dental Group' });
    const ticket = (queueId: string, marker: string) => ({
      accountId: acme!.id, contactId: null, title: 'Alert', description: 'd', statusId: '1', priorityId: '2', queueId, typeId: '1',
      sourceId: null, categoryId: null, issueTypeId: null, subIssueTypeId: null, contractId: null, marker,
    });
    await adapter.createTicket(ticket('3', 'team-by-name'));
    const writes = (await control(server.origin, 'halopsa', 'writes?kind=ticket')).writes as Array<{ data: Record<string, unknown> }>;
    expect(writes[0]!.data.team).toBe('Projects');
    expect(writes[0]!.data).not.toHaveProperty('team_id');
    const gone = await adapter.createTicket(ticket('99', 'team-gone')).catch((e) => e);
    expect(gone).toMatchObject({ code: 'rejected' });
    expect(gone.message).toBe("The Halo team 99 no longer exists; choose the queue again in the integration's settings.");
  });

  it('changes the service’s line on the contract’s recurring invoice and keeps the other lines', async () => {
    const adapter = createHaloPsaAdapter(context(), VALID);
    const [acme] = await adapter.listAccounts({ search: 'Acme Dental Group' });
    const [contract] = await adapter.listContracts(acme!.id);
    await adapter.setContractServiceUnits({ contractId: contract!.id, serviceId: '43', units: 40, unitCost: null, unitPrice: null });
    await adapter.setContractServiceUnits({ contractId: contract!.id, serviceId: '43', units: 44, unitCost: 1.5, unitPrice: 5 });
    const units = (await control(server.origin, 'halopsa', 'writes?kind=contract-service.units')).writes as Array<{ data: { itemId: number; units: number; unitPrice: number } }>;
    expect(units.map((w) => [w.data.itemId, w.data.units, w.data.unitPrice])).toEqual([[43, 40, 4], [43, 44, 5]]);
    const res = await fetch(`${SANDBOX(server.origin)}/api/RecurringInvoice?contract_id=${contract!.id}`, { headers: { Authorization: `Bearer ${await token(server.origin)}` } });
    const { invoices } = (await res.json()) as { invoices: Array<{ lines: Array<{ _itemid: number; qty_order: number }> }> };
    expect(invoices[0]!.lines.map((l) => [l._itemid, l.qty_order])).toEqual([[41, 38], [43, 44]]);
  });

  it('calls only a *.halopsa.com host or an operator-allowed one when no base URL is configured', async () => {
    const urls: string[] = [];
    const fetchImpl = (async (input: string | URL | Request) => {
      urls.push(String(input));
      return new Response(JSON.stringify({ error: 'invalid_client', error_description: 'The client_id or client_secret is not valid.' }), { status: 401 });
    }) as typeof fetch;
    const real = (hosts: string[] = []) => createAdapterContext({ ...REAL_ENDPOINTS, plugged: { halopsa: { allowedHosts: hosts } } }, { fetchImpl, timeoutMs: 500 });
    const cloud = await createHaloPsaAdapter(real(), { ...VALID, url: 'https://acme.halopsa.com/some/page' }).validateCredentials().catch((e) => e);
    expect(cloud.code).toBe('invalid_credentials');
    expect(urls).toEqual(['https://acme.halopsa.com/auth/token?tenant=sandbox']);
    const elsewhere = await Promise.resolve().then(() => createHaloPsaAdapter(real(), { ...VALID, url: 'https://halo.internal.example' }).validateCredentials()).catch((e) => e);
    expect(elsewhere).toMatchObject({ code: 'invalid_credentials', details: { field: 'url' } });
    expect(urls).toHaveLength(1);
    await createHaloPsaAdapter(real(['halo.internal.example']), { ...VALID, url: 'https://halo.internal.example', tenant: '' }).validateCredentials().catch(() => null);
    expect(urls[1]).toBe('https://halo.internal.example/auth/token');
  });

  it('reads HALOPSA_BASE_URL and the allowed on-premises hosts from HALOPSA_ALLOWED_HOSTS, naming the variable when wrong', () => {
    const real = { useSandbox: false, sandboxOrigin: 'http://127.0.0.1:1' };
    expect(pluggedEndpointsFromEnv({ HALOPSA_ALLOWED_HOSTS: 'Halo.Example.com,psa.example.org:8443' }, real).halopsa)
      .toEqual({ allowedHosts: ['halo.example.com', 'psa.example.org:8443'], platformId: undefined });
    expect(pluggedEndpointsFromEnv({}, { useSandbox: true, sandboxOrigin: 'http://127.0.0.1:1' }).halopsa?.baseUrl).toBe('http://127.0.0.1:1/sandbox/halopsa');
    expect(pluggedEndpointsFromEnv({ HALOPSA_BASE_URL: 'https://halo.internal.example/' }, real).halopsa?.baseUrl).toBe('https://halo.internal.example');
    expect(() => pluggedEndpointsFromEnv({ HALOPSA_ALLOWED_HOSTS: 'https://halo.example.com/' }, real)).toThrow(VendorEnvError);
    expect(() => pluggedEndpointsFromEnv({ HALOPSA_ALLOWED_HOSTS: 'https://halo.example.com/' }, real)).toThrow(/HALOPSA_ALLOWED_HOSTS/);
  });
});
