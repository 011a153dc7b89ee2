/**
 * @module The Autotask adapter against its sandbox over real HTTP: the shared PSA contract suite,
 * then what is Autotask's own (paging by nextPageUrl, zone lookup trust, integration code, markers,
 * contract units).
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAutotaskAdapter } from '../../../../bff/vendors/autotask/autotask.adapter.js';
import { createAdapterContext, sandboxEndpoints, type AdapterContext } from '../../../../bff/vendors/adapter-context.js';
import { VendorError } from '../../../../bff/vendors/vendor-errors.js';
import { createAutotaskSandbox, SANDBOX_SECRET, SANDBOX_USERNAME } from '../../../../bff/sandboxes/autotask/autotask.sandbox.js';
import { runPsaAdapterSuite, SANDBOX_INTEGRATION_CODE } from '../../../suites/psa-adapter.suite.js';
import { control, startServer, type RunningServer } from '../../../helpers/serve.js';

const VALID = { username: SANDBOX_USERNAME, secret: SANDBOX_SECRET };
const WRONG = { username: SANDBOX_USERNAME, secret: 'not-the-secret' };

runPsaAdapterSuite({
  vendor: 'autotask',
  createSandboxApp: () => createAutotaskSandbox().app,
  createAdapter: (ctx, c) => createAutotaskAdapter(ctx, c === 'valid' ? VALID : WRONG),
});

describe('Autotask adapter specifics', () => {
  let server: RunningServer;
  let requests: string[] = [];
  const context = (overrides: Partial<AdapterContext> = {}, code = SANDBOX_INTEGRATION_CODE) =>
    createAdapterContext(sandboxEndpoints(server.origin, code), {
      timeoutMs: 5_000, backoffBaseMs: 10, onRequest: (_v, r) => requests.push(`${r.method} ${r.url}`), ...overrides,
    });
  const adapter = (overrides: Partial<AdapterContext> = {}, credentials = VALID, code?: string) => createAutotaskAdapter(context(overrides, code), credentials);

  beforeAll(async () => {
    server = await startServer(new Hono().route('/sandbox/autotask', createAutotaskSandbox().app).fetch);
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    requests = [];
    await control(server.origin, 'autotask', 'seed', {});
  });

  it('pages 1,200 companies with nextPageUrl in exactly 3 query requests, no count call', async () => {
    await control(server.origin, 'autotask', 'seed', { scale: 1_200 });
    const accounts = await adapter().listAccounts();
    const queries = requests.filter((r) => /\/Companies\/query/.test(r));
    expect(queries).toHaveLength(3);
    expect(queries.slice(1).every((r) => r.includes('/Companies/query/next?paging='))).toBe(true);
    expect(requests.some((r) => /\/count/.test(r))).toBe(false);
    expect(accounts).toHaveLength(1_200);
    expect(new Set(accounts.map((a) => a.id)).size).toBe(accounts.length);
  });

  it('lists 10,000 companies in 20 query requests', async () => {
    await control(server.origin, 'autotask', 'seed', { scale: 10_000 });
    const accounts = await adapter().listAccounts();
    expect(accounts).toHaveLength(10_000);
    expect(requests.filter((r) => /\/Companies\/query/.test(r))).toHaveLength(20);
  });

  it('sends the account search to Autotask as a contains filter', async () => {
    const found = await adapter().listAccounts({ search: 'harbor view' });
    expect(found.map((a) => a.name).sort()).toEqual(['Harbor View Hotels', 'Harbor View Hotels - Airport', 'Harbor View Hotels - Downtown']);
    const parent = found.find((a) => a.name === 'Harbor View Hotels')!;
    expect(found.filter((a) => a.parentId === parent.id)).toHaveLength(2);
    expect(found[0]!.type).toBe('Customer');
  });

  it('maps company type, classification and market segment ids to labels', async () => {
    const accounts = await adapter().listAccounts();
    expect(new Set(accounts.map((a) => a.type))).toEqual(new Set(['Customer', 'Prospect', 'Lead', 'Vendor', 'Partner']));
    expect(accounts.some((a) => a.classification === 'Gold' || a.classification === 'Silver')).toBe(true);
    expect(accounts.every((a) => a.marketSegment === null || /^[A-Z]/.test(a.marketSegment))).toBe(true);
  });

  it('names the MSP company from Companies/0 when validating', async () => {
    expect(await adapter().validateCredentials()).toEqual({ accountLabel: 'Northwind MSP (Internal)' });
    expect(requests.map((r) => r.replace(server.origin, ''))).toEqual([
      'GET /sandbox/autotask/atservicesrest/v1.0/zoneInformation?user=api-user%40sandbox.example',
      'GET /sandbox/autotask/atservicesrest/V1.0/Companies/0',
    ]);
  });

  it('caches the zone per API user across adapter instances of one context', async () => {
    const ctx = context();
    await createAutotaskAdapter(ctx, VALID).validateCredentials();
    await createAutotaskAdapter(ctx, VALID).validateCredentials();
    expect(requests.filter((r) => r.includes('zoneInformation'))).toHaveLength(1);
  });

  it('reports an unknown API user at the zone lookup on the username field', async () => {
    const error = await adapter({}, { username: 'nobody@example.com', secret: 'x' }).validateCredentials().catch((e) => e);
    expect(error).toBeInstanceOf(VendorError);
    expect(error.code).toBe('invalid_credentials');
    expect(error.details.field).toBe('username');
    expect(error.message).toMatch(/API username/);
  });

  it('reports a wrong secret on the secret field', async () => {
    const error = await adapter({}, WRONG).validateCredentials().catch((e) => e);
    expect(error.code).toBe('invalid_credentials');
    expect(error.details.field).toBe('secret');
  });

  it('blames the platform, not the admin, for a bad integration code', async () => {
    const error = await adapter({}, VALID, 'WRONGINTEGRATIONCODE0000000').validateCredentials().catch((e) => e);
    expect(error).toBeInstanceOf(VendorError);
    expect(error.code).toBe('rejected');
    expect(error.code).not.toBe('invalid_credentials');
    expect(error.message).toMatch(/platform/i);
    expect(error.message).toMatch(/integration code/i);
    expect(error.details.field).toBeUndefined();
    expect(error.message).not.toMatch(/[A-Z]{2,}_[A-Z_]+|operator/);
    expect(error.details.operatorNote).toContain('AUTOTASK_INTEGRATION_CODE');
    const none = await adapter({}, VALID, '').validateCredentials().catch((e) => e);
    expect(none.code).toBe('rejected');
    expect(none.message).toMatch(/platform/i);
    expect(none.message).not.toMatch(/[A-Z]{2,}_[A-Z_]+|operator/);
  });

  it('refuses a zone lookup that points to a foreign host, and never calls it', async () => {
    const seen: string[] = [];
    const fetchImpl: typeof fetch = async (input, init) => {
      const url = String(input);
      seen.push(url);
      if (url.includes('zoneInformation')) {
        return new Response(JSON.stringify({ zoneName: 'Evil', url: 'https://webservices5.autotask.net.attacker.example/atservicesrest/', webUrl: '', ci: 1 }), { status: 200, headers: { 'Content-Type': 'application/json' } });
      }
      return fetch(input, init);
    };
    const error = await adapter({ fetchImpl }).listAccounts().catch((e) => e);
    expect(error).toBeInstanceOf(VendorError);
    expect(error.code).toBe('unexpected_answer');
    expect(seen.every((u) => !u.includes('attacker'))).toBe(true);
  });

  it('trusts https zone hosts below autotask.net', async () => {
    const seen: string[] = [];
    const fetchImpl: typeof fetch = async (input) => {
      const url = String(input);
      seen.push(url);
      if (url.includes('zoneInformation')) return Response.json({ zoneName: 'America East', url: 'https://webservices3.autotask.net/atservicesrest/', webUrl: '', ci: 1 });
      return Response.json({ item: { id: 0, companyName: 'Real MSP' } });
    };
    expect(await adapter({ fetchImpl }).validateCredentials()).toEqual({ accountLabel: 'Real MSP' });
    expect(seen[1]).toBe('https://webservices3.autotask.net/atservicesrest/V1.0/Companies/0');
  });

  it('refuses a next-page link to another host', async () => {
    const fetchImpl: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).includes('/Companies/query')) return res;
      const body = await res.json();
      body.pageDetails.nextPageUrl = 'https://elsewhere.example/atservicesrest/V1.0/Companies/query/next?paging=x';
      return Response.json(body);
    };
    const error = await adapter({ fetchImpl }).listAccounts().catch((e) => e);
    expect(error.code).toBe('unexpected_answer');
  });

  it('keeps the ticket marker in externalID and the note marker in the note text', async () => {
    const a = adapter();
    const [acme] = await a.listAccounts({ search: 'Acme Dental Group' });
    const marker = 'alert-123e4567-e89b-12d3-a456-426614174000-attempt-0001'; // longer than externalID's 50
    const ticket = await a.createTicket({
      accountId: acme!.id, contactId: null, title: 'x'.repeat(300), description: 'd', statusId: '1', priorityId: '2', queueId: '29683482',
      typeId: null, sourceId: null, categoryId: null, issueTypeId: '11', subIssueTypeId: '111', contractId: null, marker,
    });
    expect(ticket.number).toMatch(/^T\d{8}\.\d{4}$/);
    expect((await a.findTicketByMarker(marker))?.id).toBe(ticket.id);
    const writes = (await control(server.origin, 'autotask', 'writes?kind=ticket')).writes;
    expect(writes[0].data.externalID).toHaveLength(50);
    expect(writes[0].data.title).toHaveLength(255);
    await a.addNote({ ticketId: ticket.id, title: 'n', body: 'b', noteTypeId: '1', visibilityId: '2', marker: 'm-1' });
    expect(await a.hasNoteWithMarker(ticket.id, 'm-1')).toBe(true);
    expect(await a.hasNoteWithMarker(ticket.id, 'm-')).toBe(false);
  });

  it('refuses a contact from another company on a ticket', async () => {
    const a = adapter();
    const [acme] = await a.listAccounts({ search: 'Acme Dental Group' });
    const [bluebird] = await a.listAccounts({ search: 'Bluebird Logistics' });
    const [foreign] = await a.listContacts(bluebird!.id);
    const error = await a.createTicket({
      accountId: acme!.id, contactId: foreign!.id, title: 't', description: 'd', statusId: '1', priorityId: '2', queueId: null,
      typeId: null, sourceId: null, categoryId: null, issueTypeId: null, subIssueTypeId: null, contractId: null, marker: 'mx',
    }).catch((e) => e);
    expect(error.code).toBe('rejected');
  });

  it('sets absolute unit counts through ContractServiceAdjustments deltas', async () => {
    const a = adapter();
    const [acme] = await a.listAccounts({ search: 'Acme Dental Group' });
    const [contract] = await a.listContracts(acme!.id);
    const services = await a.listServices();
    const service = services.find((s) => s.name === 'Managed Server')!;
    await a.setContractServiceUnits({ contractId: contract!.id, serviceId: service.id, units: 30, unitCost: null, unitPrice: null });
    await a.setContractServiceUnits({ contractId: contract!.id, serviceId: service.id, units: 24, unitCost: null, unitPrice: null });
    await a.setContractServiceUnits({ contractId: contract!.id, serviceId: service.id, units: 24, unitCost: null, unitPrice: null });
    const units = (await control(server.origin, 'autotask', 'writes?kind=contract-service.units')).writes.map((w: { data: { unitChange: number; units: number } }) => w.data);
    expect(units).toEqual([expect.objectContaining({ unitChange: 30, units: 30 }), expect.objectContaining({ unitChange: -6, units: 24 })]);
    expect(requests.filter((r) => r.startsWith('POST') && r.includes('/Contracts/') && r.endsWith('/Services'))).toHaveLength(1);
  });

  it('stays within 3 concurrent calls, so slow answers never hit the thread limit', async () => {
    await control(server.origin, 'autotask', 'faults', { kind: 'latency', count: 6, ms: 150, pathIncludes: '/Contacts/' });
    const a = adapter();
    const [acme] = await a.listAccounts({ search: 'Acme Dental Group' });
    const lists = await Promise.all(Array.from({ length: 6 }, () => a.listContacts(acme!.id)));
    expect(lists.every((l) => l.length === lists[0]!.length && l.length > 0)).toBe(true);
    // A thread-limit 429 would have shown up as a repeated request.
    expect(requests.filter((r) => r.includes('/Contacts/query'))).toHaveLength(6);
  });
});
