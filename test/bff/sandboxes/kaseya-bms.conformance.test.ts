/**
 * @module Every Kaseya BMS sandbox answer the adapter relies on, fetched over real HTTP and checked
 * against BMS's own OpenAPI document (kaseya-bms-api-v2-swagger.json, path templates as it writes
 * them). The document spells properties in PascalCase while the wire is camelCase (psa-apis.md B4),
 * so each body is first brought into the document's casing (kaseya-bms-spec-case.ts); the test also
 * checks that the wire itself stays camelCase.
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKaseyaBmsSandbox } from '../../../bff/sandboxes/kaseya-bms/kaseya-bms.sandbox.js';
import { loadSpec } from '../../helpers/openapi-conformance.js';
import { control, startServer, type RunningServer } from '../../helpers/serve.js';
import { BMS_SPEC_FILE, componentSchema, responseSchema, toSpecCase } from './kaseya-bms-spec-case.js';

const spec = loadSpec(BMS_SPEC_FILE);

describe('Kaseya BMS sandbox conforms to the BMS API 2.0 document', () => {
  let server: RunningServer;
  let base: string;
  let headers: Record<string, string>;
  let refreshToken: string;
  let accessToken: string;

  async function call(method: string, path: string, body?: unknown, extra: RequestInit = {}): Promise<{ status: number; body: any }> {
    const init: RequestInit = { method, headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) }, ...extra };
    if (body !== undefined) init.body = JSON.stringify(body);
    const res = await fetch(base + path, init);
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  /** Validates a 200 body of `method template` after bringing it into the spec's casing. */
  function expectConforms(method: string, template: string, answer: { status: number; body: unknown }): void {
    expect(answer.status, `${method} ${template}`).toBe(200);
    const body = answer.body as Record<string, unknown>;
    if (!Array.isArray(body) && 'result' in body) {
      expect(body.success, `${method} ${template} success`).toBe(true);
      expect(Object.keys(body).every((k) => k[0] === k[0]!.toLowerCase())).toBe(true);
    }
    const problems = spec.check(method, template, 200, toSpecCase(body, responseSchema(method, template)));
    expect(problems, `${method} ${template}`).toEqual([]);
  }

  beforeAll(async () => {
    server = await startServer(new Hono().route('/sandbox/kaseya-bms', createKaseyaBmsSandbox().app).fetch);
    base = `${server.origin}/sandbox/kaseya-bms`;
    await control(server.origin, 'kaseya-bms', 'reset');
    headers = {};
    const auth = await call('POST', '/v2/security/authenticate', undefined, {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grantType: 'password', userName: 'api-user', password: 'sandbox-password', tenant: 'Sandbox MSP' }),
    });
    expectConforms('POST', '/v2/security/authenticate', auth);
    accessToken = auth.body.result.accessToken;
    refreshToken = auth.body.result.refreshToken;
    headers = { Authorization: `Bearer ${accessToken}` };
  });
  afterAll(() => server.close());

  it('sign-in: refresh token, user info', async () => {
    const refreshed = await call('POST', '/v2/security/refreshtoken', undefined, {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ AccessToken: accessToken, RefreshToken: refreshToken }),
    });
    expectConforms('POST', '/v2/security/refreshtoken', refreshed);
    headers = { Authorization: `Bearer ${refreshed.body.result.accessToken}` };
    expectConforms('GET', '/v2/security/userinfo', await call('GET', '/v2/security/userinfo'));
  });

  it('accounts, locations, contacts and account types', async () => {
    const summary = await call('GET', '/v2/crm/accounts/summary?Filter.IsActive=true&Filter.AccountName=Summit&PageSize=100&PageNumber=1');
    expectConforms('GET', '/v2/crm/accounts/summary', summary);
    expect(summary.body.totalRecords).toBe(3);
    const id = summary.body.result[0].id;
    expectConforms('GET', '/v2/crm/accounts/summary/{id}', await call('GET', `/v2/crm/accounts/summary/${id}`));
    expectConforms('GET', '/v2/crm/accounts/lookup', await call('GET', '/v2/crm/accounts/lookup?Filter.Name=dental&PageSize=5'));
    expectConforms('GET', '/v2/crm/accounts/{accountId}/locations/lookup', await call('GET', `/v2/crm/accounts/${id}/locations/lookup`));
    expectConforms('GET', '/v2/crm/accounts/{accountId}/contacts/lookup', await call('GET', `/v2/crm/accounts/${id}/contacts/lookup`));
    const search = await call('GET', `/v2/crm/contacts/search?Filter.AccountIds=${id}&PageSize=100&PageNumber=1`);
    expectConforms('GET', '/v2/crm/contacts/search', search);
    expect(search.body.result.length).toBeGreaterThan(0);
    expectConforms('GET', '/v2/system/accounttypes/lookup', await call('GET', '/v2/system/accounttypes/lookup'));
  });

  it('the lookups behind the wizard’s ticket settings', async () => {
    expectConforms('GET', '/v2/system/statuses/lookup', await call('GET', '/v2/system/statuses/lookup'));
    expectConforms('GET', '/v2/system/priorities/lookup', await call('GET', '/v2/system/priorities/lookup'));
    expectConforms('GET', '/v2/system/queues/lookup', await call('GET', '/v2/system/queues/lookup'));
    const issues = await call('GET', '/v2/system/issuetypes/lookup');
    expectConforms('GET', '/v2/system/issuetypes/lookup', issues);
    const sub = await call('GET', `/v2/system/issuetypes/${issues.body.result[0].id}/issuesubtypes/lookup`);
    expectConforms('GET', '/v2/system/issuetypes/{issueTypeId}/issuesubtypes/lookup', sub);
    for (const table of ['NoteTypes', 'AccountClasses']) {
      expectConforms('GET', '/v2/system/lookup/{tableName}', await call('GET', `/v2/system/lookup/${table}`));
      expectConforms('GET', '/v2/system/tenantlookup/{tableName}', await call('GET', `/v2/system/tenantlookup/${table}`));
    }
  });

  it('tickets: create, read, list, search, patch, notes, resolve', async () => {
    const created = await call('POST', '/v2/servicedesk/tickets', {
      Title: 'Too Many Downloads', Details: 'alert\n\n[ref:conf-1]', AccountId: 1002, LocationId: 2002, StatusId: 1, PriorityId: 2,
      TypeId: 5, SourceId: 5, QueueId: 2, IssueTypeId: 501, SubIssueTypeId: 601, ContractId: 302, OpenDate: new Date().toISOString(),
    });
    expectConforms('POST', '/v2/servicedesk/tickets', created);
    const id = created.body.result.id;
    expectConforms('GET', '/v2/servicedesk/tickets/{ticketId}', await call('GET', `/v2/servicedesk/tickets/${id}`));
    const list = await call('GET', `/v2/servicedesk/tickets?Filter.Details=${encodeURIComponent('[ref:conf-1]')}&PageSize=20&PageNumber=1`);
    expectConforms('GET', '/v2/servicedesk/tickets', list);
    expect(list.body.result.map((t: { id: number }) => t.id)).toEqual([id]);
    expectConforms('POST', '/v2/servicedesk/tickets/search', await call('POST', '/v2/servicedesk/tickets/search', { PageSize: 10, PageNumber: 1, Filter: { ExcludeCompleted: 1 } }));
    const note = await call('POST', `/v2/servicedesk/tickets/${id}/notes`, { Details: 'second alert [ref:conf-2]', IsInternal: true, TypeId: 5, NoteDate: new Date().toISOString() });
    expectConforms('POST', '/v2/servicedesk/tickets/{ticketId}/notes', note);
    expectConforms('GET', '/v2/servicedesk/tickets/{ticketId}/notes', await call('GET', `/v2/servicedesk/tickets/${id}/notes?PageSize=100&PageNumber=1`));
    const patched = await call('PATCH', `/v2/servicedesk/tickets/${id}`, [{ op: 'replace', path: '/PriorityId', value: 1 }]);
    expectConforms('PATCH', '/v2/servicedesk/tickets/{ticketId}', patched);
    const resolved = await call('POST', `/v2/servicedesk/tickets/${id}/resolve`, { Comment: 'False positive', IsInternal: true });
    expectConforms('POST', '/v2/servicedesk/tickets/{ticketId}/resolve', resolved);
    expect(resolved.body.result.completedDate).toEqual(expect.any(String));
  });

  it('contracts and the service catalog', async () => {
    expectConforms('GET', '/v2/finance/contracts/lookup', await call('GET', '/v2/finance/contracts/lookup?AccountId=1002&ExcludeExpiredContracts=true'));
    const created = await call('POST', '/v2/admin/finance/services/services', { Name: 'Security Monitoring per User', Description: null, UnitCost: 2.5, UnitPrice: 6, IsActive: true, IsTaxable: false });
    expectConforms('POST', '/v2/admin/finance/services/services', created);
    const serviceId = created.body.result.id;
    expectConforms('GET', '/v2/admin/finance/services/{serviceId}', await call('GET', `/v2/admin/finance/services/${serviceId}`));
    expectConforms('GET', '/v2/admin/finance/services/lookup', await call('GET', '/v2/admin/finance/services/lookup?PageSize=50'));
    expectConforms('POST', '/v2/admin/finance/services/search', await call('POST', '/v2/admin/finance/services/search', { PageSize: 100, PageNumber: 1, Filter: { IsActive: 1 } }));
    const added = await call('POST', '/v2/finance/contracts/recurringservices/302/services', [
      { ServiceId: serviceId, Units: 42, UnitCost: 2.5, UnitPrice: 6, EffectiveDate: new Date().toISOString(), SortOrder: 0 },
    ]);
    expectConforms('POST', '/v2/finance/contracts/recurringservices/{contractId}/services', added);
    expect(added.body.result.units).toBe(42);
  });

  it('error bodies carry an ErrorInfo, in the envelope', async () => {
    const failures = [
      await call('POST', '/v2/servicedesk/tickets', { Title: '' }),
      await call('GET', '/v2/servicedesk/tickets/1'),
      await call('POST', '/v2/finance/contracts/recurringservices/304/services', [{ ServiceId: 41, Units: 1 }]),
    ];
    expect(failures.map((f) => f.status)).toEqual([400, 404, 200]);
    for (const failure of failures) {
      expect(failure.body).toMatchObject({ success: false, result: null });
      expect(spec.checkComponent('ErrorInfo', toSpecCase(failure.body.error, componentSchema('ErrorInfo')))).toEqual([]);
    }
  });
});
