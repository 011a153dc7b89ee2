/**
 * @module The ConnectWise PSA sandbox's own behaviour: the company-info lookup, Basic auth and the
 * mandatory clientId, page/pageSize paging with the Link header, the `conditions` language, the
 * documented error body, the 429 with Retry-After (fault and budget), ticket and note rules, and
 * the control API (reset, seed at scale, writes).
 */
import { Hono } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import { vendorNamesForDemoOrganizations } from '../../../bff/demo/demo-organizations.js';
import { createConnectWiseSandbox, CW_LIMIT_PER_MINUTE } from '../../../bff/sandboxes/connectwise/connectwise.sandbox.js';
import { matches, parseConditions } from '../../../bff/sandboxes/connectwise/connectwise-conditions.js';
import { SANDBOX_CLIENT_ID } from '../../../bff/sandboxes/connectwise/connectwise.seed.js';

const PREFIX = '/sandbox/connectwise';
const API = `${PREFIX}/v2025_1/apis/3.0`;
const AUTH = { clientId: SANDBOX_CLIENT_ID, Authorization: `Basic ${Buffer.from('sandboxmsp+sandbox-public:sandbox-private').toString('base64')}` };

function harness() {
  const sandbox = createConnectWiseSandbox();
  const host = new Hono().route(PREFIX, sandbox.app);
  const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = AUTH) => {
    const res = await host.request(`http://sandbox.test${path}`, {
      method, headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  };
  return { sandbox, request };
}

describe('ConnectWise PSA sandbox', () => {
  let h: ReturnType<typeof harness>;
  beforeEach(() => { h = harness(); });

  it('names the codebase publicly and refuses an unknown company', async () => {
    expect((await h.request('GET', `${PREFIX}/login/companyinfo/SandboxMSP`, undefined, {})).body).toMatchObject({ Codebase: 'v2025_1/', CompanyName: 'Sandbox MSP' });
    expect((await h.request('GET', `${PREFIX}/login/companyinfo/other`, undefined, {})).status).toBe(404);
  });

  it('needs the clientId header and Basic company+public:private, answering with the error body', async () => {
    const noClient = await h.request('GET', `${API}/system/info`, undefined, { Authorization: AUTH.Authorization });
    expect(noClient).toMatchObject({ status: 401, body: { code: 'InvalidClientId', message: expect.stringContaining('clientId') } });
    const wrong = await h.request('GET', `${API}/system/info`, undefined, { ...AUTH, Authorization: `Basic ${Buffer.from('sandboxmsp+sandbox-public:nope').toString('base64')}` });
    expect(wrong).toMatchObject({ status: 401, body: { code: 'UserNotAuthenticated' } });
    expect((await h.request('GET', `${PREFIX}/v4_6_release/apis/3.0/system/info`)).status).toBe(200);
  });

  it('seeds exact, near and no-match names, a company without contacts, and the inactive ones', async () => {
    const { body } = await h.request('GET', `${API}/company/companies?pageSize=1000`);
    const names = body.map((c: { name: string }) => c.name);
    for (const name of vendorNamesForDemoOrganizations()) expect(names).toContain(name);
    expect(names).not.toContain('Ironwood Manufacturing');
    const none = body.find((c: { name: string }) => c.name === 'Quarry Lane Clinic (No Contacts)');
    expect((await h.request('GET', `${API}/company/contacts?conditions=company/id=${none.id}`)).body).toEqual([]);
    expect(body.filter((c: { status: { name: string } }) => c.status.name === 'Inactive')).toHaveLength(2);
  });

  it('pages with page/pageSize and a Link header, and refuses more than 1,000 a page', async () => {
    await h.request('POST', `${PREFIX}/_control/seed`, { scale: 2_500 });
    const first = await h.request('GET', `${API}/company/companies?page=1&pageSize=1000`);
    expect(first.body).toHaveLength(1_000);
    expect(first.headers.get('link')).toMatch(/page=2&pageSize=1000>; rel="next"/);
    const last = await h.request('GET', `${API}/company/companies?page=3&pageSize=1000`);
    expect(last.body).toHaveLength(500);
    expect(last.headers.get('link')).not.toContain('rel="next"');
    expect((await h.request('GET', `${API}/company/companies`)).body).toHaveLength(25);
    expect(await h.request('GET', `${API}/company/companies?pageSize=5000`)).toMatchObject({ status: 400, body: { code: 'InvalidObject', errors: [{ field: 'pageSize' }] } });
  });

  it('filters with conditions and childConditions, and refuses ones it cannot read', async () => {
    const q = encodeURIComponent('name like "acme%" and deletedFlag=false');
    expect((await h.request('GET', `${API}/company/companies?conditions=${q}`)).body.map((c: { name: string }) => c.name)).toEqual(['Acme Dental Group']);
    const contacts = (await h.request('GET', `${API}/company/contacts?pageSize=1000`)).body as Array<{ id: number; communicationItems: Array<{ value: string; communicationType: string }> }>;
    const email = contacts.flatMap((c) => c.communicationItems).find((i) => i.communicationType === 'Email')!.value;
    const child = encodeURIComponent(`communicationItems/value="${email.toUpperCase()}"`);
    expect((await h.request('GET', `${API}/company/contacts?childConditions=${child}`)).body).toHaveLength(1);
    expect(await h.request('GET', `${API}/company/companies?conditions=${encodeURIComponent('name ~ 3')}`)).toMatchObject({ status: 400, body: { errors: [{ field: 'conditions' }] } });
  });

  it('reads the conditions grammar: and/or, parentheses, in, not like, nested paths and arrays', () => {
    const record = { id: 7, name: 'Acme', status: { name: 'Active' }, items: [{ v: 'a' }, { v: 'b' }] };
    expect(matches(parseConditions('(id = 7 or id = 8) and status/name = "active"'), record)).toBe(true);
    expect(matches(parseConditions('id in (1, 2, 7) and name not like "B%"'), record)).toBe(true);
    expect(matches(parseConditions('items/v = "b"'), record)).toBe(true);
    expect(matches(parseConditions('items/v != "b"'), record)).toBe(false);
    expect(matches(parseConditions('name contains "cm" and id >= 8'), record)).toBe(false);
  });

  it('answers a queued 429 fault, and its own budget, with Retry-After and the error body', async () => {
    await h.request('POST', `${PREFIX}/_control/faults`, { kind: '429', count: 1, retryAfterSeconds: 7 });
    const throttled = await h.request('GET', `${API}/system/info`);
    expect(throttled).toMatchObject({ status: 429, body: { code: 'TooManyRequests' } });
    expect(throttled.headers.get('retry-after')).toBe('7');
    for (let i = 0; i < CW_LIMIT_PER_MINUTE; i++) await h.request('GET', `${API}/system/info`);
    const over = await h.request('GET', `${API}/system/info`);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses a summary over 100 characters, a status of another board and a flagless note; records writes', async () => {
    const company = { id: 251 };
    const long = await h.request('POST', `${API}/service/tickets`, { summary: 'x'.repeat(101), board: { id: 1 }, company });
    expect(long).toMatchObject({ status: 400, body: { code: 'InvalidObject', errors: [{ field: 'summary', resource: 'ticket' }] } });
    const otherBoard = await h.request('POST', `${API}/service/tickets`, { summary: 's', board: { id: 1 }, company, status: { id: 16 } });
    expect(otherBoard.body.errors).toEqual([expect.objectContaining({ field: 'status' })]);
    const created = await h.request('POST', `${API}/service/tickets`, { summary: 's', board: { id: 1 }, company });
    expect(created).toMatchObject({ status: 201, body: { status: { name: 'New' }, closedFlag: false } });
    const flagless = await h.request('POST', `${API}/service/tickets/${created.body.id}/notes`, { text: 'hi' });
    expect(flagless.body.errors[0].field).toBe('detailDescriptionFlag');
    await h.request('POST', `${API}/service/tickets/${created.body.id}/notes`, { text: 'hi', internalAnalysisFlag: true });
    const writes = (await h.request('GET', `${PREFIX}/_control/writes`)).body.writes.map((w: { kind: string }) => w.kind);
    expect(writes).toEqual(['ticket', 'note']);
    await h.request('POST', `${PREFIX}/_control/reset`, {});
    expect((await h.request('GET', `${PREFIX}/_control/writes`)).body.writes).toEqual([]);
  });
});
