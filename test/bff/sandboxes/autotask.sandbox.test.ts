/**
 * @module The Autotask sandbox on its own wire: zone lookup, the three auth headers, the full filter
 * grammar (every operator, and/or groups, UDFs, IncludeFields, MaxRecords, errors), paging, writes and
 * their rules, the thread and hourly limits, fault shapes, and seeding speed and determinism.
 */
import { Hono } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAutotaskSandbox, SANDBOX_INTEGRATION_CODE, SANDBOX_SECRET, SANDBOX_USERNAME } from '../../../bff/sandboxes/autotask/autotask.sandbox.js';
import { vendorNamesForDemoOrganizations } from '../../../bff/demo/demo-organizations.js';
import { startServer } from '../../helpers/serve.js';

const AUTH = { ApiIntegrationCode: SANDBOX_INTEGRATION_CODE, UserName: SANDBOX_USERNAME, Secret: SANDBOX_SECRET };
const ORIGIN = 'http://sandbox.test';

let host: Hono;
let sandbox: ReturnType<typeof createAutotaskSandbox>;

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = AUTH) {
  const url = path.startsWith('http') ? path : `${ORIGIN}/sandbox/autotask${path}`;
  const res = await host.request(url, {
    method, headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = text; }
  return { status: res.status, body: json, headers: res.headers };
}

const V = '/ATServicesRest/V1.0';
const query = (entity: string, q: unknown) => call('POST', `${V}/${entity}/query`, q);
async function companies(...filter: unknown[]): Promise<any[]> {
  const res = await query('Companies', { filter });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items;
}
const all = () => sandbox.state.data.db.rows('Companies');

beforeEach(() => {
  sandbox = createAutotaskSandbox();
  host = new Hono().route('/sandbox/autotask', sandbox.app);
});

describe('zone lookup and authentication', () => {
  it('answers zoneInformation without credentials, pointing back into the sandbox', async () => {
    const res = await call('GET', `/atservicesrest/v1.0/zoneInformation?user=${encodeURIComponent(SANDBOX_USERNAME)}`, undefined, {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ url: `${ORIGIN}/sandbox/autotask/atservicesrest/`, ci: expect.any(Number), zoneName: expect.any(String) });
  });

  it('answers an unknown user with 500 "Zone information could not be determined"', async () => {
    const res = await call('GET', '/atservicesrest/v1.0/zoneInformation?user=someone@else.example', undefined, {});
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ errors: ['Zone information could not be determined'] });
  });

  it('accepts both path casings and header names in any case', async () => {
    const lower = Object.fromEntries(Object.entries(AUTH).map(([k, v]) => [k.toLowerCase(), v]));
    expect((await call('GET', '/atservicesrest/v1.0/Companies/0', undefined, lower)).body.item.id).toBe(0);
    expect((await call('GET', '/ATServicesRest/V1.0/companies/0')).status).toBe(200);
    expect((await call('GET', '/atservicesrest/versioninformation', undefined, {})).body).toEqual({ apiVersions: ['1.0'] });
  });

  it('rejects a wrong user or secret with 401 and a bad integration code with 500', async () => {
    expect((await call('GET', `${V}/ThresholdInformation`, undefined, { ...AUTH, Secret: 'nope' })).status).toBe(401);
    expect((await call('GET', `${V}/ThresholdInformation`, undefined, { ...AUTH, UserName: 'x@y.example' })).status).toBe(401);
    expect((await call('GET', `${V}/ThresholdInformation`, undefined, {})).status).toBe(401);
    const code = await call('GET', `${V}/ThresholdInformation`, undefined, { ...AUTH, ApiIntegrationCode: 'NOPE' });
    expect(code.status).toBe(500);
    expect(code.body).toEqual({ errors: ['IntegrationCode is invalid.'] });
  });

  it('serves Companies/0 (the MSP), Version and ThresholdInformation', async () => {
    expect((await call('GET', `${V}/Companies/0`)).body.item.companyName).toBe('Northwind MSP (Internal)');
    expect((await call('GET', `${V}/Version`)).body).toEqual({ majorVersion: expect.any(String), minorVersion: expect.any(String), build: expect.any(String) });
    const t = (await call('GET', `${V}/ThresholdInformation`)).body;
    expect(t).toMatchObject({ externalRequestThreshold: 10_000, requestThresholdTimeframe: 60 });
    expect(t.currentTimeframeRequestCount).toBeGreaterThanOrEqual(3);
  });
});

describe('filter grammar', () => {
  it('eq compares strings case-insensitively; noteq excludes', async () => {
    expect((await companies({ op: 'eq', field: 'CompanyName', value: 'acme dental group' })).map((c) => c.companyName)).toEqual(['Acme Dental Group']);
    const notCustomers = await companies({ op: 'noteq', field: 'companyType', value: 1 });
    expect(notCustomers.length).toBeGreaterThan(3);
    expect(notCustomers.every((c) => c.companyType !== 1)).toBe(true);
  });

  it('gt, gte, lt, lte on ids and dates', async () => {
    const ids = all().map((c) => c.id);
    const pivot = ids[10]!;
    expect((await companies({ op: 'gt', field: 'id', value: pivot })).map((c) => c.id)).toEqual(ids.filter((i) => i > pivot));
    expect((await companies({ op: 'gte', field: 'id', value: pivot })).map((c) => c.id)).toEqual(ids.filter((i) => i >= pivot));
    expect((await companies({ op: 'lt', field: 'id', value: pivot })).map((c) => c.id)).toEqual(ids.filter((i) => i < pivot));
    expect((await companies({ op: 'lte', field: 'id', value: String(pivot) })).map((c) => c.id)).toEqual(ids.filter((i) => i <= pivot));
    const later = await query('Tickets', { filter: [{ op: 'gt', field: 'createDate', value: '2025-05-08T00:00:00' }] });
    expect(later.body.items.length).toBeGreaterThan(0);
    expect(later.body.items.every((t: any) => Date.parse(t.createDate) > Date.parse('2025-05-08T00:00:00Z'))).toBe(true);
  });

  it('beginsWith, endsWith, contains', async () => {
    expect((await companies({ op: 'beginsWith', field: 'companyName', value: 'harbor' })).length).toBe(3);
    expect((await companies({ op: 'endsWith', field: 'companyName', value: 'AIRPORT' })).map((c) => c.companyName)).toEqual(['Harbor View Hotels - Airport']);
    const dental = await companies({ op: 'contains', field: 'companyName', value: 'Dental' });
    expect(dental.map((c) => c.id)).toEqual(all().filter((c) => /dental/i.test(String(c.companyName))).map((c) => c.id));
    expect(dental.length).toBeGreaterThanOrEqual(3);
  });

  it('exist and notExist', async () => {
    const children = await companies({ op: 'exist', field: 'parentCompanyID' });
    expect(children.map((c) => c.companyName).sort()).toEqual(['Cascade Orthopedics Surgery Center', 'Harbor View Hotels - Airport', 'Harbor View Hotels - Downtown']);
    expect((await companies({ op: 'notExist', field: 'parentCompanyID' })).length).toBe(all().length - 3);
    expect((await companies({ op: 'exist', field: 'id' })).length).toBe(all().length);
  });

  it('in and notIn', async () => {
    const vp = await companies({ op: 'in', field: 'CompanyType', value: [7, 8] });
    expect(vp.map((c) => c.companyName).sort()).toEqual(['Contoso Hardware Distribution', 'Fabrikam Telecom', 'Zenith Data Recovery']);
    const notIn = await companies({ op: 'notIn', field: 'CompanyType', value: [1] });
    const noteq = await companies({ op: 'noteq', field: 'CompanyType', value: 1 });
    expect(notIn.map((c) => c.id)).toEqual(noteq.map((c) => c.id));
  });

  it('and/or groups nest, top-level filters are ANDed, booleans and integers compare', async () => {
    const rows = await companies(
      { op: 'eq', field: 'isActive', value: true },
      { op: 'or', items: [
        { op: 'eq', field: 'companyType', value: 7 },
        { op: 'and', items: [{ op: 'beginsWith', field: 'companyName', value: 'Harbor' }, { op: 'exist', field: 'parentCompanyID' }] },
      ] },
    );
    expect(rows.map((c) => c.companyName).sort()).toEqual(['Contoso Hardware Distribution', 'Fabrikam Telecom', 'Harbor View Hotels - Airport', 'Harbor View Hotels - Downtown']);
    expect((await companies({ op: 'eq', field: 'isActive', value: 'False' })).length).toBe(3);
    // Contacts.isActive is an integer; the official grouping example filters it with `true`.
    const active = await query('Contacts', { filter: [{ op: 'eq', field: 'IsActive', value: true }, { op: 'eq', field: 'companyID', value: 175 }] });
    expect(active.body.items.every((c: any) => c.isActive === 1 && c.companyID === 175)).toBe(true);
  });

  it('filters on UDFs', async () => {
    const golden = await companies({ op: 'eq', field: 'CustomerRanking', udf: true, value: 'golden' });
    expect(golden.length).toBeGreaterThan(0);
    expect(golden.every((c) => c.userDefinedFields.some((u: any) => u.name === 'CustomerRanking' && u.value === 'Golden'))).toBe(true);
    expect((await query('Companies', { filter: [{ op: 'eq', field: 'NoSuchUdf', udf: true, value: 'x' }] })).status).toBe(500);
  });

  it('answers an unknown field with 500 and discards an unknown operator', async () => {
    const bad = await query('Tickets', { filter: [{ op: 'eq', field: 'projectIDx', value: 1 }] });
    expect(bad.status).toBe(500);
    expect(bad.body).toEqual({ errors: ['Unable to find projectIDx in the Ticket Entity'] });
    expect((await companies({ op: 'ne', field: 'companyType', value: 1 })).length).toBe(all().length);
    expect((await query('Companies', { filter: [] })).status).toBe(500);
    expect((await query('Tickets', { filter: [{ op: 'eq', field: 'creatorType', value: 1 }] })).status).toBe(500);
  });

  it('IncludeFields restricts fields but keeps id and UDFs; MaxRecords bounds the page', async () => {
    const res = await call('GET', `${V}/Companies/query?search=${encodeURIComponent(JSON.stringify({ IncludeFields: ['isactive', 'companyName'], Filter: [{ op: 'eq', field: 'id', value: 0 }] }))}`);
    expect(res.body.items).toEqual([{ id: 0, companyName: 'Northwind MSP (Internal)', isActive: true, userDefinedFields: expect.any(Array) }]);
    const ten = await query('Companies', { MaxRecords: 10, filter: [{ op: 'exist', field: 'id' }] });
    expect(ten.body.items).toHaveLength(10);
    expect(ten.body.pageDetails).toMatchObject({ count: 10, requestCount: 10 });
    for (const max of [0, 501]) {
      const err = await query('Companies', { maxRecords: max, filter: [{ op: 'exist', field: 'id' }] });
      expect(err.status).toBe(500);
      expect(err.body.errors[0]).toBe('maxCountOfRecordsToReturn must be between 1 and 500');
    }
    expect((await query('Companies', { includeFields: ['nope'], filter: [{ op: 'exist', field: 'id' }] })).status).toBe(500);
  });

  it('counts with query/count (POST and GET)', async () => {
    const post = await call('POST', `${V}/Companies/query/count`, { filter: [{ op: 'beginsWith', field: 'CompanyName', value: 'B' }] });
    const get = await call('GET', `${V}/Companies/query/count?search=${encodeURIComponent(JSON.stringify({ filter: [{ op: 'beginsWith', field: 'CompanyName', value: 'B' }] }))}`);
    expect(post.body.queryCount).toBe(all().filter((c) => String(c.companyName).startsWith('B')).length);
    expect(get.body).toEqual(post.body);
  });
});

describe('paging', () => {
  it('pages 500 rows at a time by nextPageUrl, for GET and POST queries', async () => {
    sandbox.state.reset(1_200);
    const search = JSON.stringify({ filter: [{ op: 'exist', field: 'id' }] });
    let url: string | null = `${ORIGIN}/sandbox/autotask/atservicesrest/v1.0/Companies/query?search=${encodeURIComponent(search)}`;
    const seen: number[] = [];
    const pages: any[] = [];
    while (url) {
      const res = await call('GET', url);
      expect(res.status).toBe(200);
      pages.push(res.body.pageDetails);
      seen.push(...res.body.items.map((c: any) => c.id));
      url = res.body.pageDetails.nextPageUrl;
    }
    expect(pages.map((p) => p.count)).toEqual([500, 500, 200]);
    expect(pages[0].prevPageUrl).toBeNull();
    expect(pages[1].nextPageUrl).toMatch(/^http:\/\/sandbox\.test\/sandbox\/autotask\/atservicesrest\/v1\.0\/Companies\/query\/next\?paging=/);
    expect(JSON.parse(new URL(pages[1].nextPageUrl).searchParams.get('paging')!)).toEqual({ pageSize: 500, previousIds: [-1, seen[500]], nextIds: [seen[1000]] });
    expect(new Set(seen).size).toBe(1_200);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const back = await call('GET', pages[2].prevPageUrl);
    expect(back.body.items[0].id).toBe(seen[500]);

    const post = await query('Companies', { filter: [{ op: 'exist', field: 'id' }] });
    const next = post.body.pageDetails.nextPageUrl;
    expect(next).not.toContain('search=');
    expect((await call('POST', next, { filter: [{ op: 'exist', field: 'id' }] })).body.items[0].id).toBe(seen[500]);
    expect((await call('GET', next)).status).toBe(405);
  });

  it('seeds 10,000 companies, deterministically', () => {
    sandbox.state.reset(10_000);
    expect(all()).toHaveLength(10_000);
    const names = (s: ReturnType<typeof createAutotaskSandbox>) => s.state.data.db.rows('Companies').map((c) => `${c.id}:${c.companyName}:${c.companyType}`).join('|');
    expect(names(createAutotaskSandbox())).toBe(names(createAutotaskSandbox()));
  });

  it('seeds the demo names exactly, ~60 companies, contacts on company domains, one without contacts', () => {
    const names = all().map((c) => String(c.companyName));
    for (const name of vendorNamesForDemoOrganizations()) expect(names.filter((n) => n === name)).toHaveLength(1);
    expect(names.length).toBeGreaterThanOrEqual(60);
    const contacts = sandbox.state.data.db.rows('Contacts');
    const acme = all().find((c) => c.companyName === 'Acme Dental Group')!;
    expect(contacts.filter((c) => c.companyID === acme.id && c.emailAddress).every((c) => String(c.emailAddress).endsWith('@acmedental.example'))).toBe(true);
    const empty = all().find((c) => String(c.companyName).includes('No Contacts'))!;
    expect(contacts.some((c) => c.companyID === empty.id)).toBe(false);
  });
});

describe('writes', () => {
  const ticket = (extra: Record<string, unknown> = {}) => call('POST', `${V}/Tickets`, { companyID: 175, title: 'T', status: 1, priority: 2, ...extra });

  it('creates a ticket with a number, completes and reopens it by PATCH', async () => {
    const created = await ticket({ QueueID: 29683482, issueType: 11, subIssueType: 112 });
    expect(created.status).toBe(200);
    const id = created.body.itemId;
    const read = (await call('GET', `${V}/Tickets/${id}`)).body.item;
    expect(read).toMatchObject({ ticketNumber: expect.stringMatching(/^T\d{8}\.\d{4}$/), queueID: 29683482, completedDate: null });
    await call('PATCH', `${V}/Tickets`, { id, status: 5 });
    expect((await call('GET', `${V}/Tickets/${id}`)).body.item.completedDate).not.toBeNull();
    await call('PATCH', `${V}/Tickets`, { id, status: 8 });
    expect((await call('GET', `${V}/Tickets/${id}`)).body.item.completedDate).toBeNull();
    expect(sandbox.state.writes.map((w) => w.kind)).toEqual(['ticket', 'ticket.update', 'ticket.update']);
  });

  it('refuses missing required fields, bad picklist values and a sub-issue of another issue type', async () => {
    expect((await call('POST', `${V}/Tickets`, { companyID: 175, status: 1, priority: 2 })).status).toBe(500);
    expect((await ticket({ status: 99 })).status).toBe(500);
    expect((await ticket({ issueType: 11, subIssueType: 121 })).status).toBe(500);
    expect((await ticket({ companyID: 999_999 })).status).toBe(500);
    const assign = await ticket({ assignedResourceID: 29682886 });
    expect(assign.body.errors[0]).toMatch(/assignedResourceID and assignedResourceRoleID/);
  });

  it('writes notes through the ticket, lists them there and queries them by text', async () => {
    const id = (await ticket()).body.itemId;
    const note = await call('POST', `${V}/Tickets/${id}/Notes`, { TicketID: id, Description: 'first [ref:abc]', NoteType: 1, Publish: 1, Title: 'x' });
    expect(note.status).toBe(200);
    expect((await call('GET', `${V}/Tickets/${id}/Notes`)).body.items).toHaveLength(1);
    const found = await query('TicketNotes', { filter: [{ op: 'eq', field: 'ticketID', value: id }, { op: 'contains', field: 'description', value: '[ref:abc]' }] });
    expect(found.body.items).toHaveLength(1);
    expect((await call('POST', `${V}/TicketNotes`, { ticketID: id })).status).toBe(405);
  });

  it('answers 405 for a root GET and a missing id with item null', async () => {
    expect((await call('GET', `${V}/Contacts`)).body).toEqual({ Message: "The requested resource does not support http method 'GET'." });
    expect((await call('GET', `${V}/Tickets/123456789`)).body).toEqual({ item: null });
    expect((await call('GET', `${V}/NoSuchEntity/query?search={}`)).status).toBe(404);
  });

  it('adds services only to recurring contracts and changes units only by adjustment', async () => {
    const db = sandbox.state.data.db;
    const recurring = db.rows('Contracts').find((c) => c.contractType === 7)!;
    const block = db.rows('Contracts').find((c) => c.contractType === 4)!;
    const serviceId = db.rows('Services')[2]!.id;
    expect((await call('POST', `${V}/Contracts/${block.id}/Services`, { serviceID: serviceId, unitPrice: 5 })).status).toBe(500);
    expect((await call('POST', `${V}/Contracts/${recurring.id}/Services`, { serviceID: serviceId, unitPrice: 5 })).status).toBe(200);
    const adj = await call('POST', `${V}/ContractServiceAdjustments`, { contractID: recurring.id, serviceID: serviceId, unitChange: 7, effectiveDate: new Date().toISOString().slice(0, 10) + 'T00:00:00' });
    expect(adj.status).toBe(200);
    const units = await query('ContractServiceUnits', { filter: [{ op: 'eq', field: 'serviceID', value: serviceId }, { op: 'eq', field: 'contractID', value: recurring.id }] });
    // Monthly periods from today to the contract's end, each with the 7 units.
    expect(units.body.items.length).toBeGreaterThan(1);
    expect(units.body.items.every((u: any) => u.units === 7)).toBe(true);
    expect(units.body.items.at(-1).endDate).toBe(recurring.endDate);
    expect((await call('POST', `${V}/ContractServiceAdjustments/query`, { filter: [{ op: 'exist', field: 'id' }] })).status).toBe(404);
    expect(sandbox.state.writes.find((w) => w.kind === 'contract-service.units')?.data).toMatchObject({ unitChange: 7, units: 7 });
  });
});

describe('limits and faults', () => {
  it('allows 3 concurrent requests per endpoint and answers the 4th with 429', async () => {
    await call('POST', '/_control/faults', { kind: 'latency', count: 4, ms: 200, pathIncludes: '/Companies/' });
    const results = await Promise.all(Array.from({ length: 4 }, () => call('GET', `${V}/Companies/0`)));
    const limited = results.filter((r) => r.status === 429);
    expect(limited).toHaveLength(1);
    expect(limited[0]!.headers.get('Retry-After')).toBe('1');
    expect(limited[0]!.body.errors[0]).toMatch(/thread/i);
    // Other endpoints are not affected.
    expect((await call('GET', `${V}/ThresholdInformation`)).status).toBe(200);
  });

  it('answers beyond 10,000 requests an hour with 429 and Retry-After', async () => {
    await call('POST', '/_control/usage', { count: 9_999 });
    expect((await call('GET', `${V}/ThresholdInformation`)).body.currentTimeframeRequestCount).toBe(10_000);
    const over = await call('GET', `${V}/Companies/0`);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('Retry-After'))).toBeGreaterThan(3_000);
    await call('POST', '/_control/reset', {});
    expect((await call('GET', `${V}/Companies/0`)).status).toBe(200);
  });

  it('injects 429 and 5xx in Autotask\'s errors[] shape', async () => {
    await call('POST', '/_control/faults', { kind: '429', count: 1, retryAfterSeconds: 7 });
    const limited = await call('GET', `${V}/Companies/0`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('7');
    expect(limited.body.errors).toHaveLength(1);
    await call('POST', '/_control/faults', { kind: '5xx', count: 1, status: 500 });
    const failed = await call('GET', `${V}/Companies/0`);
    expect(failed.status).toBe(500);
    expect(failed.body.errors).toHaveLength(1);
  });
});

describe('ticket webhooks', () => {
  const hook = { name: 'Integration hub: ticket status', webhookUrl: 'https://bff.example/webhooks/psa/int-1', deactivationUrl: 'https://bff.example/webhooks/psa/int-1/deactivated', secretKey: 'a'.repeat(64), isActive: true, isSubscribedToUpdateEvents: true };

  it('refuses what Autotask’s webhook document refuses: no deactivation URL, a name over 50 characters, a secret key over 64', async () => {
    expect((await call('POST', `${V}/TicketWebhooks`, hook)).body).toEqual({ itemId: expect.any(Number) });
    const { deactivationUrl: _omitted, ...noDeactivation } = hook;
    for (const body of [noDeactivation, { ...hook, name: 'n'.repeat(51) }, { ...hook, secretKey: 's'.repeat(65) }]) {
      const refused = await call('POST', `${V}/TicketWebhooks`, body);
      expect(refused.status, JSON.stringify(body)).toBe(500);
      expect(refused.body.errors).toHaveLength(1);
    }
    expect((await query('TicketWebhooks', { filter: [{ op: 'gt', field: 'id', value: 0 }] })).body.items).toHaveLength(1);
  });

  it('tells the deactivation URL when the webhook is deleted, as Autotask documents', async () => {
    const notices: Array<{ path: string; body: unknown }> = [];
    const receiver = await startServer(async (request) => {
      notices.push({ path: new URL(request.url).pathname, body: await request.json() });
      return new Response(null, { status: 200 });
    });
    try {
      const made = await call('POST', `${V}/TicketWebhooks`, { ...hook, deactivationUrl: `${receiver.origin}/webhooks/psa/int-1/deactivated` });
      expect((await call('DELETE', `${V}/TicketWebhooks/${made.body.itemId}`)).status).toBe(200);
      await expect.poll(() => notices.length).toBe(1);
      expect(notices[0]).toEqual({ path: '/webhooks/psa/int-1/deactivated', body: expect.objectContaining({ Id: made.body.itemId }) });
    } finally {
      await receiver.close();
    }
  });
});
