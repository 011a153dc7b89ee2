/**
 * @module The ConnectWise PSA adapter against its sandbox over real HTTP: the shared PSA contract
 * suite, then what is particular to ConnectWise (the codebase lookup, Basic auth and the platform's
 * clientId, page size 1,000 with the Link header, conditions, the 100-character summary, note
 * flags, agreement additions, the operator's allowed hosts, the documented error body).
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAdapterContext, REAL_ENDPOINTS, sandboxEndpoints, type AdapterContext } from '../../../../bff/vendors/adapter-context.js';
import { createConnectWiseAdapter } from '../../../../bff/vendors/connectwise/connectwise.adapter.js';
import { createConnectWiseSandbox } from '../../../../bff/sandboxes/connectwise/connectwise.sandbox.js';
import { connectwiseKit } from '../../../../bff/sandboxes/connectwise/connectwise.kit.js';
import { VendorError } from '../../../../bff/vendors/vendor-errors.js';
import { runPsaAdapterSuite, SANDBOX_INTEGRATION_CODE } from '../../../suites/psa-adapter.suite.js';
import { control, startServer, type RunningServer } from '../../../helpers/serve.js';

const VALID = connectwiseKit.credentials;

runPsaAdapterSuite({
  vendor: 'connectwise',
  createSandboxApp: () => createConnectWiseSandbox().app,
  createAdapter: (ctx, credentials) => createConnectWiseAdapter(ctx, credentials === 'valid' ? VALID : connectwiseKit.wrongCredentials),
});

describe('ConnectWise PSA adapter specifics', () => {
  let server: RunningServer;
  let requests: string[] = [];
  const context = (overrides: Partial<AdapterContext> = {}) =>
    createAdapterContext(sandboxEndpoints(server.origin, SANDBOX_INTEGRATION_CODE), {
      timeoutMs: 2_000, backoffBaseMs: 20, onRequest: (_v, r) => requests.push(`${r.method} ${r.url}`), ...overrides,
    });
  const adapter = (overrides: Partial<AdapterContext> = {}) => createConnectWiseAdapter(context(overrides), VALID);

  beforeAll(async () => {
    server = await startServer(new Hono().route('/sandbox/connectwise', createConnectWiseSandbox().app).fetch);
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    requests = [];
    await control(server.origin, 'connectwise', 'reset');
  });

  it('finds the codebase once, then calls below it with Basic auth, the clientId and the API version', async () => {
    const ctx = context();
    await createConnectWiseAdapter(ctx, VALID).validateCredentials();
    await createConnectWiseAdapter(ctx, VALID).listAccounts({ search: 'Acme' });
    expect(requests.filter((r) => r.includes('/login/companyinfo/sandboxmsp'))).toHaveLength(1);
    expect(requests.filter((r) => !r.includes('companyinfo')).every((r) => r.includes('/sandbox/connectwise/v2025_1/apis/3.0/'))).toBe(true);
    const seen: Array<Record<string, string>> = [];
    const fetchImpl: typeof fetch = async (input, init) => {
      seen.push(Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>)));
      return fetch(input, init);
    };
    await createConnectWiseAdapter(context({ fetchImpl }), VALID).validateCredentials();
    const authed = seen.find((h) => h.Authorization)!;
    expect(Buffer.from(authed.Authorization!.replace('Basic ', ''), 'base64').toString()).toBe('sandboxmsp+sandbox-public:sandbox-private');
    expect(authed.clientId).toBe('00000000-0000-4000-8000-00000000c11d');
    expect(authed.Accept).toMatch(/^application\/vnd\.connectwise\.com\+json; version=\d{4}\.\d+$/);
  });

  it('lists 10,000 companies in 10 requests of 1,000, following the Link header', async () => {
    await control(server.origin, 'connectwise', 'seed', { scale: 10_000 });
    const ctx = context();
    await createConnectWiseAdapter(ctx, VALID).validateCredentials();
    requests = [];
    const accounts = await createConnectWiseAdapter(ctx, VALID).listAccounts();
    expect(requests).toHaveLength(10);
    expect(requests.every((r) => r.includes('pageSize=1000'))).toBe(true);
    // The two seeded inactive companies are left out by the conditions, not after the fact.
    expect(accounts).toHaveLength(9_998);
    expect(new URL(requests[0]!.slice(4)).searchParams.get('conditions')).toBe('deletedFlag=false and status/name not like "Inactive%"');
    await control(server.origin, 'connectwise', 'seed', {});
  });

  it('refuses a page size over 1,000 with the documented error body', async () => {
    const res = await fetch(`${server.origin}/sandbox/connectwise/v4_6_release/apis/3.0/company/companies?pageSize=1001`, {
      headers: { clientId: '00000000-0000-4000-8000-00000000c11d', Authorization: `Basic ${Buffer.from('sandboxmsp+sandbox-public:sandbox-private').toString('base64')}` },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'InvalidObject', errors: [{ field: 'pageSize', resource: 'company' }] });
  });

  it('is refused without the platform clientId: the admin is told it is the platform’s, the operator’s note names the setting', async () => {
    const res = await fetch(`${server.origin}/sandbox/connectwise/v4_6_release/apis/3.0/system/info`, {
      headers: { Authorization: `Basic ${Buffer.from('sandboxmsp+sandbox-public:sandbox-private').toString('base64')}` },
    });
    expect(res.status).toBe(401);
    const ctx = context();
    ctx.endpoints = { ...ctx.endpoints, plugged: { connectwise: { ...ctx.endpoints.plugged.connectwise, platformId: 'unregistered-client' } } };
    const refused = await createConnectWiseAdapter(ctx, VALID).validateCredentials().catch((e) => e);
    expect(refused).toBeInstanceOf(VendorError);
    expect(refused.code).toBe('rejected');
    // Admin words (issue 17 item 7): no setting names, not the admin's keys, and who can fix it.
    expect(refused.message).toBe('ConnectWise did not accept this platform’s registration with ConnectWise. Your API keys are not the problem: tell your platform provider, quoting this message.');
    expect(refused.message).not.toMatch(/[A-Z]{2,}_[A-Z_]+|clientId|operator/);
    expect(refused.details.operatorNote).toContain('CONNECTWISE_CLIENT_ID');
    ctx.endpoints = { ...ctx.endpoints, plugged: { connectwise: { ...ctx.endpoints.plugged.connectwise, platformId: undefined } } };
    requests = [];
    const missing = await createConnectWiseAdapter(ctx, VALID).validateCredentials().catch((e) => e);
    expect(missing.message).toBe('ConnectWise PSA cannot be connected on this platform yet. Your API keys are not the problem: ask your platform provider to enable ConnectWise PSA.');
    expect(missing.details.operatorNote).toBe('CONNECTWISE_CLIENT_ID is not set');
    expect(requests).toEqual([]);
  });

  it('points wrong keys at the private key and an unknown company at the Company ID', async () => {
    const wrong = await createConnectWiseAdapter(context(), connectwiseKit.wrongCredentials).validateCredentials().catch((e) => e);
    expect(wrong).toMatchObject({ code: 'invalid_credentials', details: { field: 'privateKey' } });
    const company = await createConnectWiseAdapter(context(), { ...VALID, companyId: 'nosuchco' }).validateCredentials().catch((e) => e);
    expect(company).toMatchObject({ code: 'invalid_credentials', details: { field: 'companyId' } });
  });

  it('cuts a subject over 100 characters in the summary and keeps it whole in the description', async () => {
    const a = adapter();
    const [acme] = await a.listAccounts({ search: 'Acme Dental Group' });
    const lists = await a.getPicklists();
    const title = `Impossible Travel: ${'very.long.user.name'.repeat(6)}@acme.example`;
    await a.createTicket({
      accountId: acme!.id, contactId: null, title, description: 'details', statusId: lists.ticketStatus[0]!.id, priorityId: lists.priority[0]!.id,
      queueId: lists.queue[0]!.id, typeId: null, sourceId: null, categoryId: null, issueTypeId: null, subIssueTypeId: null, contractId: null, marker: 'ih-t-long',
    });
    const [write] = (await control(server.origin, 'connectwise', 'writes?kind=ticket')).writes;
    expect(write.data.summary).toHaveLength(100);
    expect(write.data.summary.endsWith('…')).toBe(true);
    expect(write.data.initialDescription).toContain(title);
    expect(write.data.externalXRef).toBe('ih-t-long');
  });

  it('writes notes with the flags of the chosen type and visibility', async () => {
    const a = adapter();
    const [acme] = await a.listAccounts({ search: 'Acme Dental Group' });
    const lists = await a.getPicklists();
    const ticket = await a.createTicket({
      accountId: acme!.id, contactId: null, title: 't', description: 'd', statusId: lists.ticketStatus[0]!.id, priorityId: lists.priority[0]!.id,
      queueId: lists.queue[0]!.id, typeId: null, sourceId: null, categoryId: null, issueTypeId: null, subIssueTypeId: null, contractId: null, marker: 'ih-t-notes',
    });
    await a.addNote({ ticketId: ticket.id, title: 'a', body: 'b', noteTypeId: 'discussion', visibilityId: 'internal', marker: 'n1' });
    await a.addNote({ ticketId: ticket.id, title: 'a', body: 'b', noteTypeId: 'discussion', visibilityId: 'public', marker: 'n2' });
    await a.addNote({ ticketId: ticket.id, title: 'a', body: 'b', noteTypeId: 'resolution', visibilityId: 'internal', marker: 'n3' });
    const flags = (await control(server.origin, 'connectwise', 'writes?kind=note')).writes.map((w: { data: Record<string, boolean> }) =>
      [w.data.detailDescriptionFlag, w.data.internalAnalysisFlag, w.data.resolutionFlag]);
    expect(flags).toEqual([[false, true, false], [true, false, false], [false, true, true]]);
  });

  it('offers ConnectWise’s board lists: statuses per board, subtypes under each associated type, items', async () => {
    const lists = await adapter().getPicklists();
    expect(lists.queue.map((q) => q.label)).toEqual(['Security Operations', 'Help Desk']);
    expect(lists.ticketStatus.map((s) => s.label)).toContain('Security Operations / Completed');
    const incident = lists.issueType.find((t) => t.label === 'Security Operations / Security Incident')!;
    expect(lists.subIssueType.filter((s) => s.parentId === incident.id).map((s) => s.label)).toEqual(['Account Compromise', 'Data Exfiltration', 'Malware', 'Suspicious Sign-in']);
    expect(lists.ticketType.map((t) => t.label)).toContain('Help Desk / Alert');
    expect(lists.unsupported).toEqual(['ticketCategory']);
  });

  it('updates the quantity of an existing addition instead of adding the product twice', async () => {
    const a = adapter();
    const [acme] = await a.listAccounts({ search: 'Acme Dental Group' });
    const [agreement] = await a.listContracts(acme!.id);
    await a.setContractServiceUnits({ contractId: agreement!.id, serviceId: '501', units: 42, unitCost: null, unitPrice: null });
    const writes = (await control(server.origin, 'connectwise', 'writes')).writes as Array<{ kind: string; data: { change: string; quantity: number } }>;
    expect(writes.map((w) => [w.kind, w.data.change, w.data.quantity])).toEqual([['contract-service.units', 'update', 42]]);
    await a.setContractServiceUnits({ contractId: agreement!.id, serviceId: '502', units: 3, unitCost: 60, unitPrice: 150 });
    const after = (await control(server.origin, 'connectwise', 'writes?kind=contract-service.units')).writes as Array<{ data: { change: string; quantity: number } }>;
    expect(after.map((w) => [w.data.change, w.data.quantity])).toEqual([['update', 42], ['create', 3]]);
  });

  it('lists only active agreements, and contacts by e-mail through communication items', async () => {
    const a = adapter();
    const [delta] = await a.listAccounts({ search: 'Delta Veterinary' });
    expect(await a.listContracts(delta!.id)).toEqual([]);
    const [cedar] = await a.listAccounts({ search: 'Cedar Ridge Law' });
    const contact = (await a.listContacts(cedar!.id)).find((c) => c.email)!;
    requests = [];
    expect((await a.findContactByEmail(cedar!.id, contact.email!.toUpperCase()))?.id).toBe(contact.id);
    expect(new URL(requests[0]!.slice(4)).searchParams.get('childConditions')).toBe(`communicationItems/value="${contact.email!.toLowerCase()}" and communicationItems/communicationType="Email"`);
  });

  it('never fetches an on-premises host the operator did not allow', async () => {
    const urls: string[] = [];
    const fetchImpl: typeof fetch = async (input) => {
      urls.push(String(input));
      return new Response(JSON.stringify({ Codebase: 'v2025_1/', CompanyName: 'X' }), { status: 200 });
    };
    const onPrem = { ...VALID, site: 'on-premises' as const, host: 'cw.example.com' };
    const refused = await createConnectWiseAdapter(createAdapterContext(REAL_ENDPOINTS, { fetchImpl }), onPrem).validateCredentials().catch((e) => e);
    expect(refused).toMatchObject({ code: 'invalid_credentials', details: { field: 'host' } });
    // Admin words (issue 17 item 7): what happened and what to do, no operator setting names.
    expect(refused.message).toBe('The ConnectWise server cw.example.com is not on this platform’s list of allowed servers. Choose your cloud site, or ask your platform provider to allow this server.');
    expect(refused.message).not.toMatch(/[A-Z]{2,}_[A-Z_]+/);
    expect(urls).toEqual([]);
    const allowed = createAdapterContext({ ...REAL_ENDPOINTS, plugged: { connectwise: { platformId: 'client', allowedHosts: ['cw.example.com'] } } }, { fetchImpl });
    await createConnectWiseAdapter(allowed, onPrem).validateCredentials().catch(() => undefined);
    expect(urls[0]).toBe('https://cw.example.com/login/companyinfo/sandboxmsp');
    urls.length = 0;
    await createConnectWiseAdapter(createAdapterContext({ ...REAL_ENDPOINTS, plugged: { connectwise: { platformId: 'client' } } }, { fetchImpl }), { ...VALID, site: 'eu' as const }).validateCredentials().catch(() => undefined);
    expect(urls[0]).toBe('https://api-eu.myconnectwise.net/login/companyinfo/sandboxmsp');
  });
});
