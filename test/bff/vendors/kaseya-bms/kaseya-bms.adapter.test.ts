/**
 * @module The Kaseya BMS adapter against its sandbox over real HTTP: the shared PSA contract suite,
 * then what is particular to BMS (shared tokens, refresh, `success:false` inside a 200, paging,
 * sign-in form casing, which credential field a failure points at, the regional host).
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAdapterContext, sandboxEndpoints, REAL_ENDPOINTS, type AdapterContext } from '../../../../bff/vendors/adapter-context.js';
import type { KaseyaBmsCredentials } from '../../../../bff/contracts/credentials.js';
import { createKaseyaBmsAdapter } from '../../../../bff/vendors/kaseya-bms/kaseya-bms.adapter.js';
import { createKaseyaBmsSandbox } from '../../../../bff/sandboxes/kaseya-bms/kaseya-bms.sandbox.js';
import { VendorError } from '../../../../bff/vendors/vendor-errors.js';
import { runPsaAdapterSuite, SANDBOX_INTEGRATION_CODE } from '../../../suites/psa-adapter.suite.js';
import { control, startServer, type RunningServer } from '../../../helpers/serve.js';

const VALID: KaseyaBmsCredentials = { server: 'na', tenant: 'Sandbox MSP', username: 'api-user', password: 'sandbox-password' };
const SANDBOX = (origin: string) => `${origin}/sandbox/kaseya-bms`;

runPsaAdapterSuite({
  vendor: 'kaseya-bms',
  createSandboxApp: () => createKaseyaBmsSandbox().app,
  createAdapter: (ctx, credentials) => createKaseyaBmsAdapter(ctx, credentials === 'valid' ? VALID : { ...VALID, password: 'not-the-password' }),
  expireTokens: async (origin) => {
    await control(origin, 'kaseya-bms', 'expire-tokens', {});
  },
});

describe('Kaseya BMS adapter specifics', () => {
  let server: RunningServer;
  let sandbox: ReturnType<typeof createKaseyaBmsSandbox>;
  let requests: string[] = [];
  const context = (overrides: Partial<AdapterContext> = {}) =>
    createAdapterContext(sandboxEndpoints(server.origin, SANDBOX_INTEGRATION_CODE), {
      timeoutMs: 2_000, backoffBaseMs: 20, onRequest: (_v, r) => requests.push(`${r.method} ${r.url}`), ...overrides,
    });
  const count = (fragment: string) => requests.filter((r) => r.includes(fragment)).length;

  beforeAll(async () => {
    sandbox = createKaseyaBmsSandbox();
    server = await startServer(new Hono().route('/sandbox/kaseya-bms', sandbox.app).fetch);
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    requests = [];
    await control(server.origin, 'kaseya-bms', 'reset');
  });

  it('reads ticket types, sources and note types from the first source that answers (FACTS.md)', async () => {
    const lists = await createKaseyaBmsAdapter(context(), VALID).getPicklists();
    const asked = requests.filter((r) => /system\/(lookup|lists)\//.test(r)).map((r) => r.replace(/^GET .*\/sandbox\/kaseya-bms\//, ''));
    expect(asked).toEqual(expect.arrayContaining([
      'v2/system/lookup/TicketTypes', 'v2/system/lookup/TicketType', 'system/lists/1',
      'v2/system/lookup/TicketSources', 'v2/system/lookup/TicketSource', 'v2/system/lookup/NoteTypes',
    ]));
    expect(asked).not.toContain('v2/system/lookup/NoteType');
    expect(lists.ticketType.map((t) => t.label)).toContain('Incident');
    expect(lists.source.map((s) => `${s.id} ${s.label}`)).toEqual([
      '0 Client Portal', '1 Phone', '2 In Person', '3 On Site', '4 Email', '5 Monitoring System', '6 Voice Mail', '7 Verbal', '8 Other', '9 Recurring',
    ]);
    expect(lists.source.find((s) => s.isDefault)?.label).toBe('Monitoring System');
    expect(lists.unreadable).toEqual({});
  });

  it('names a list no source answers, with every path tried, instead of failing the step', async () => {
    const kept = sandbox.state.data.tables.NoteTypes!;
    sandbox.state.data.tables.NoteTypes = [];
    try {
      const lists = await createKaseyaBmsAdapter(context(), VALID).getPicklists();
      expect(lists.noteType).toEqual([]);
      expect(lists.unreadable?.noteType).toBe('v2/system/lookup/NoteTypes: empty; v2/system/lookup/NoteType: refused');
    } finally {
      sandbox.state.data.tables.NoteTypes = kept;
    }
  });

  it('signs in once for several adapter instances sharing a token cache', async () => {
    const ctx = context();
    await createKaseyaBmsAdapter(ctx, VALID).validateCredentials();
    await createKaseyaBmsAdapter(ctx, VALID).listAccounts({ search: 'Acme' });
    await Promise.all([createKaseyaBmsAdapter(ctx, VALID).getPicklists(), createKaseyaBmsAdapter(ctx, VALID).listContracts(null)]);
    expect(count('/v2/security/authenticate')).toBe(1);
  });

  it('spends one call per ticket once the tenant’s statuses and the account’s location are known', async () => {
    const ctx = context();
    const first = createKaseyaBmsAdapter(ctx, VALID);
    const [acme] = await first.listAccounts({ search: 'Acme Dental Group' });
    const ticket = (marker: string) => ({
      accountId: acme!.id, contactId: null, title: 'Malware Detected', description: 'd', statusId: '1', priorityId: '1', queueId: '2',
      typeId: '5', sourceId: '5', categoryId: null, issueTypeId: null, subIssueTypeId: null, contractId: null, marker,
    });
    await first.createTicket(ticket('a-1'));
    requests = [];
    const created = await createKaseyaBmsAdapter(ctx, VALID).createTicket(ticket('a-2'));
    expect(requests).toEqual([expect.stringMatching(/^POST .*\/v2\/servicedesk\/tickets$/)]);
    requests = [];
    expect((await createKaseyaBmsAdapter(ctx, VALID).getTicket(created.id)).isOpen).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it('never reuses a cached token for a different password', async () => {
    const ctx = context();
    await createKaseyaBmsAdapter(ctx, VALID).validateCredentials();
    const error = await createKaseyaBmsAdapter(ctx, { ...VALID, password: 'changed' }).validateCredentials().catch((e) => e);
    expect(error).toBeInstanceOf(VendorError);
    expect(error.code).toBe('invalid_credentials');
  });

  it('refreshes a token that is about to expire instead of signing in again', async () => {
    const ctx = context();
    await createKaseyaBmsAdapter(ctx, VALID).validateCredentials();
    const [key, entry] = [...ctx.tokenCache.entries()][0]!;
    ctx.tokenCache.set(key, { ...entry, expiresAt: Date.now() + 5_000 });
    requests = [];
    await createKaseyaBmsAdapter(ctx, VALID).listAccounts({ search: 'Acme' });
    expect(count('/v2/security/refreshtoken')).toBe(1);
    expect(count('/v2/security/authenticate')).toBe(0);
    expect(ctx.tokenCache.get(key)!.token).not.toBe(entry.token);
  });

  it('answers a 401 on an expired token with a refresh and one repeat of the call', async () => {
    const ctx = context();
    const adapter = createKaseyaBmsAdapter(ctx, VALID);
    await adapter.validateCredentials();
    await control(server.origin, 'kaseya-bms', 'expire-tokens', {});
    requests = [];
    expect((await adapter.listAccounts({ search: 'Cedar' })).map((a) => a.name)).toEqual(['Cedar Ridge Law']);
    expect(count('/v2/security/refreshtoken')).toBe(1);
    expect(count('/v2/crm/accounts/summary')).toBe(2);
  });

  it('treats success:false inside a 200 as a refusal carrying BMS’s own message', async () => {
    const adapter = createKaseyaBmsAdapter(context(), VALID);
    const accounts = await adapter.listAccounts();
    const acme = accounts.find((a) => a.name === 'Acme Dental Group')!;
    const bluebird = accounts.find((a) => a.name === 'Bluebird Logistics')!;
    const foreignContact = (await adapter.listContacts(bluebird.id))[0]!;
    const lists = await adapter.getPicklists();
    const error = await adapter.createTicket({
      accountId: acme.id, contactId: foreignContact.id, title: 't', description: 'd', statusId: lists.ticketStatus[0]!.id,
      priorityId: lists.priority[0]!.id, queueId: lists.queue[0]!.id, typeId: null, sourceId: null, categoryId: null,
      issueTypeId: null, subIssueTypeId: null, contractId: null, marker: 'm-foreign',
    }).catch((e) => e);
    expect(error).toBeInstanceOf(VendorError);
    expect(error.code).toBe('rejected');
    expect(error.details.status).toBe(200);
    expect(error.message).toContain('The contact does not belong to the selected account.');
  });

  it('pages through 1,200 accounts 100 at a time', async () => {
    await control(server.origin, 'kaseya-bms', 'seed', { scale: 1_200 });
    const accounts = await createKaseyaBmsAdapter(context(), VALID).listAccounts();
    // Two of the fixed accounts are inactive.
    expect(accounts).toHaveLength(1_198);
    expect(new Set(accounts.map((a) => a.id)).size).toBe(1_198);
    expect(count('/v2/crm/accounts/summary')).toBe(12);
    expect(requests).toHaveLength(13);
    expect(requests.every((r) => !r.includes('/v2/crm/accounts/summary') || r.includes('PageSize=100'))).toBe(true);
  });

  it('maps account type, class, business type and parent', async () => {
    const accounts = await createKaseyaBmsAdapter(context(), VALID).listAccounts({ search: 'Summit Health' });
    const parent = accounts.find((a) => a.name === 'Summit Health Partners')!;
    const child = accounts.find((a) => a.name === 'Summit Health Partners - North Clinic')!;
    expect(child.parentId).toBe(parent.id);
    expect(parent).toMatchObject({ type: 'Customer', marketSegment: 'Healthcare', parentId: null, isActive: true });
    expect(parent.classification).toBeTruthy();
  });

  it('points a sign-in failure at the likely field with BMS’s message', async () => {
    const wrongTenant = await createKaseyaBmsAdapter(context(), { ...VALID, tenant: 'Someone Else' }).validateCredentials().catch((e) => e);
    expect(wrongTenant).toMatchObject({ code: 'invalid_credentials', details: { field: 'tenant' } });
    expect(wrongTenant.message).toContain('Invalid tenant name.');
    const wrongPassword = await createKaseyaBmsAdapter(context(), { ...VALID, password: 'nope' }).validateCredentials().catch((e) => e);
    expect(wrongPassword).toMatchObject({ code: 'invalid_credentials', details: { field: 'password' } });
    expect(wrongPassword.message).toContain('Invalid username or password.');
  });

  it('accepts the sign-in form in camelCase (url-encoded) and PascalCase (multipart)', async () => {
    const url = `${SANDBOX(server.origin)}/v2/security/authenticate`;
    const camel = await fetch(url, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grantType: 'password', userName: 'api-user', password: 'sandbox-password', tenant: 'Sandbox MSP' }),
    });
    const form = new FormData();
    for (const [k, v] of Object.entries({ GrantType: 'password', UserName: 'api-user', Password: 'sandbox-password', Tenant: 'Sandbox MSP' })) form.append(k, v);
    const pascal = await fetch(url, { method: 'POST', body: form });
    for (const res of [camel, pascal]) {
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ success: true, error: null, result: { accessToken: expect.any(String), refreshToken: expect.any(String) } });
    }
    const missingGrant = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'userName=api-user' });
    expect(missingGrant.status).toBe(400);
    expect(await missingGrant.json()).toMatchObject({ success: false, error: { subErrors: ['The GrantType field is required.'] } });
  });

  it('keeps the marker findable, writes notes with the chosen visibility, and re-posts units', async () => {
    const adapter = createKaseyaBmsAdapter(context(), VALID);
    const [acme] = await adapter.listAccounts({ search: 'Acme Dental Group' });
    const lists = await adapter.getPicklists();
    expect(lists.unsupported).toEqual(['ticketCategory']);
    expect(lists.noteVisibility.map((v) => v.id)).toEqual(['internal', 'public']);
    expect(lists.closedStatusIds).toEqual(expect.arrayContaining(['6', '7']));
    const ticket = await adapter.createTicket({
      accountId: acme!.id, contactId: null, title: 'Impossible Travel', description: 'from two countries', statusId: '1', priorityId: '2',
      queueId: '2', typeId: null, sourceId: null, categoryId: null, issueTypeId: null, subIssueTypeId: null, contractId: null, marker: 'alert-77',
    });
    expect(await adapter.findTicketByMarker('alert-7')).toBeNull();
    expect((await adapter.findTicketByMarker('alert-77'))?.id).toBe(ticket.id);
    await adapter.addNote({ ticketId: ticket.id, title: 'Again', body: 'same', noteTypeId: '1', visibilityId: 'public', marker: 'alert-78' });
    const writes = (await control(server.origin, 'kaseya-bms', 'writes')).writes as Array<{ kind: string; data: Record<string, unknown> }>;
    expect(writes.find((w) => w.kind === 'ticket')!.data).toMatchObject({ typeId: 2, sourceId: 5, queueId: 2 });
    expect(writes.find((w) => w.kind === 'note')!.data).toMatchObject({ isInternal: false });

    const [contract] = await adapter.listContracts(acme!.id);
    await adapter.setContractServiceUnits({ contractId: contract!.id, serviceId: '41', units: 40, unitCost: null, unitPrice: null });
    await adapter.setContractServiceUnits({ contractId: contract!.id, serviceId: '41', units: 44, unitCost: 15, unitPrice: 45 });
    const units = (await control(server.origin, 'kaseya-bms', 'writes?kind=contract-service.units')).writes as Array<{ data: { units: number; added: boolean } }>;
    expect(units.map((w) => [w.data.units, w.data.added])).toEqual([[40, false], [44, false]]);
  });

  it('calls only the regional host of the chosen server when no base URL is configured', async () => {
    const urls: string[] = [];
    const fetchImpl = (async (input: string | URL | Request) => {
      urls.push(String(input));
      return new Response(JSON.stringify({ success: false, error: { code: 400, message: 'Invalid tenant name.' }, result: null }), { status: 400 });
    }) as typeof fetch;
    const ctx = createAdapterContext(REAL_ENDPOINTS, { fetchImpl, timeoutMs: 500 });
    const error = await createKaseyaBmsAdapter(ctx, { ...VALID, server: 'emea' }).validateCredentials().catch((e) => e);
    expect(error.code).toBe('invalid_credentials');
    expect(urls).toEqual(['https://api.bmsemea.kaseya.com/v2/security/authenticate']);
  });
});
