/**
 * @module The Kaseya BMS sandbox's own behaviour: deterministic seed and its size, page-number
 * paging, bearer tokens (expiry, refresh), the per-endpoint hourly budget, a technician closing and
 * re-opening a ticket through the vendor API, and its validation answers.
 */
import { Hono } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import { vendorNamesForDemoOrganizations } from '../../../bff/demo/demo-organizations.js';
import { createKaseyaBmsSandbox } from '../../../bff/sandboxes/kaseya-bms/kaseya-bms.sandbox.js';

const PREFIX = '/sandbox/kaseya-bms';

function harness(prefix = PREFIX) {
  const sandbox = createKaseyaBmsSandbox();
  const host = new Hono().route(prefix, sandbox.app);
  let token = '';
  const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await host.request(`http://sandbox.test${prefix}${path}`, {
      method,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
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
  const signIn = async () => {
    const res = await host.request(`http://sandbox.test${prefix}/v2/security/authenticate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grantType=password&userName=api-user&password=sandbox-password&tenant=sandbox%20msp',
    });
    const json = (await res.json()) as { result: { accessToken: string; refreshToken: string } };
    token = json.result.accessToken;
    return json.result;
  };
  return { sandbox, request, signIn, setToken: (t: string) => (token = t) };
}

describe('Kaseya BMS sandbox', () => {
  let h: ReturnType<typeof harness>;
  beforeEach(async () => {
    h = harness();
    await h.signIn();
  });

  it('seeds the same accounts every time, with the demo names, contacts and one contact-less account', () => {
    const again = createKaseyaBmsSandbox().state.data;
    const data = h.sandbox.state.data;
    expect(JSON.stringify(again.accounts)).toBe(JSON.stringify(data.accounts));
    expect(JSON.stringify([...again.contactsByAccount])).toBe(JSON.stringify([...data.contactsByAccount]));
    const names = data.accounts.map((a) => a.name);
    for (const name of vendorNamesForDemoOrganizations()) expect(names.filter((n) => n === name)).toHaveLength(1);
    expect(data.accounts.length).toBeGreaterThanOrEqual(60);
    expect(new Set(data.accounts.map((a) => a.typeId)).size).toBeGreaterThanOrEqual(4);
    expect(data.accounts.some((a) => a.parentId !== null)).toBe(true);
    const noContacts = data.accounts.filter((a) => a.name.includes('No Contacts'));
    expect(noContacts).toHaveLength(1);
    expect(data.contactsByAccount.get(noContacts[0]!.id)).toEqual([]);
    const acme = data.accounts.find((a) => a.name === 'Acme Dental Group')!;
    const contacts = data.contactsByAccount.get(acme.id)!;
    expect(contacts.length).toBeGreaterThanOrEqual(1);
    expect(contacts.length).toBeLessThanOrEqual(4);
    expect(contacts[0]!.email).toMatch(/^[a-z]+\.[a-z]+@acmedentalgroup\.example$/);
    expect(data.contracts.length).toBeGreaterThan(3);
    expect(data.services.length).toBeGreaterThanOrEqual(2);
  });

  it('seeds 10,000 accounts through _control/seed', async () => {
    const seeded = await h.request('POST', '/_control/seed', { scale: 10_000 });
    expect(seeded.status).toBe(200);
    await h.signIn();
    const page = await h.request('GET', '/v2/crm/accounts/summary?PageSize=1');
    expect(page.body.totalRecords).toBe(10_000);
  });

  it('reads page 0 and page 1 as the first page, defaults to 50 rows and caps pages at 100', async () => {
    const first = await h.request('GET', '/v2/crm/accounts/summary?pageSize=10&pageNumber=1');
    const zero = await h.request('GET', '/v2/crm/accounts/summary?PageSize=10&PageNumber=0');
    const second = await h.request('GET', '/v2/crm/accounts/summary?PageSize=10&PageNumber=2');
    expect(zero.body.result).toEqual(first.body.result);
    expect(second.body.result[0].id).not.toBe(first.body.result[0].id);
    expect((await h.request('GET', '/v2/crm/accounts/summary')).body.result).toHaveLength(50);
    await h.request('POST', '/_control/seed', { scale: 500 });
    await h.signIn();
    expect((await h.request('GET', '/v2/crm/accounts/summary?PageSize=1000')).body.result).toHaveLength(100);
  });

  it('filters accounts and contacts the way the adapter asks', async () => {
    const active = await h.request('GET', '/v2/crm/accounts/summary?Filter.IsActive=true&Filter.AccountName=DENTAL&PageSize=100');
    expect(active.body.result.map((a: { accountName: string }) => a.accountName)).toEqual(['Acme Dental Group']);
    const any = await h.request('GET', '/v2/crm/accounts/summary?Filter.AccountName=dental');
    expect(any.body.result.map((a: { accountName: string }) => a.accountName)).toEqual(['Acme Dental Group', 'Union Square Dental Lab']);
    const acme = active.body.result[0];
    const contacts = await h.request('GET', `/v2/crm/contacts/search?Filter.AccountIds=${acme.id}`);
    const email = contacts.body.result[0].emailAddress as string;
    const byEmail = await h.request('GET', `/v2/crm/contacts/search?Filter.EmailAddress=${encodeURIComponent(email.toUpperCase())}`);
    expect(byEmail.body.result.map((c: { accountId: number }) => c.accountId)).toEqual([acme.id]);
  });

  it('requires a bearer token and answers 401 once it has expired; a refresh replaces it', async () => {
    const { accessToken, refreshToken } = await h.signIn();
    h.setToken('');
    const missing = await h.request('GET', '/v2/system/queues/lookup');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    h.setToken(accessToken);
    expect((await h.request('POST', '/_control/expire-tokens', {})).body.expired).toBeGreaterThan(0);
    const expired = await h.request('GET', '/v2/system/queues/lookup');
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toContain('invalid_token');
    const refreshed = await h.request('POST', '/v2/security/refreshtoken', undefined, { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(refreshed.status).toBe(400);
    const form = new URLSearchParams({ AccessToken: accessToken, RefreshToken: refreshToken }).toString();
    const res = await h.sandbox.app.request('/v2/security/refreshtoken', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form });
    const renewed = (await res.json()) as { result: { accessToken: string } };
    h.setToken(renewed.result.accessToken);
    expect((await h.request('GET', '/v2/system/queues/lookup')).status).toBe(200);
    h.setToken(accessToken);
    expect((await h.request('GET', '/v2/system/queues/lookup')).status).toBe(401);
  });

  it('allows 1,500 calls an hour per endpoint, then answers 429 with Retry-After', async () => {
    for (let i = 0; i < 1_500; i++) {
      const res = await h.request('GET', `/v2/servicedesk/tickets/${9001 + (i % 3)}`);
      if (res.status !== 200) throw new Error(`call ${i}: ${res.status}`);
    }
    const over = await h.request('GET', '/v2/servicedesk/tickets/9001');
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(3_000);
    expect(over.body).toBe('API calls quota exceeded! maximum admitted 1500 per 1h.');
    expect((await h.request('GET', '/v2/servicedesk/tickets/9001/notes')).status).toBe(200);
    await h.request('POST', '/_control/reset', {});
    await h.signIn();
    expect((await h.request('GET', '/v2/servicedesk/tickets/9001')).status).toBe(200);
  });

  it('lets a technician complete and re-open a ticket through PATCH, and resolve one', async () => {
    const openBefore = (await h.request('GET', '/v2/servicedesk/tickets?Filter.ExcludeCompleted=1&PageSize=100')).body.totalRecords;
    const done = await h.request('PATCH', '/v2/servicedesk/tickets/9001', [{ op: 'replace', path: '/StatusId', value: 6 }], { 'Content-Type': 'application/json-patch+json' });
    expect(done.body.result).toMatchObject({ statusName: 'Completed', completedDate: expect.any(String) });
    expect((await h.request('GET', '/v2/servicedesk/tickets?Filter.ExcludeCompleted=1')).body.totalRecords).toBe(openBefore - 1);
    const reopened = await h.request('PATCH', '/v2/servicedesk/tickets/9001', [{ op: 'replace', path: '/statusId', value: '1' }]);
    expect(reopened.body.result).toMatchObject({ statusName: 'New', completedDate: null, reOpenedDate: expect.any(String) });
    const bad = await h.request('PATCH', '/v2/servicedesk/tickets/9001', [{ op: 'replace', path: '/Nonsense', value: 1 }]);
    expect(bad.status).toBe(400);
    const resolved = await h.request('POST', '/v2/servicedesk/tickets/9002/resolve', { Comment: 'Fixed the VPN profile' });
    expect(resolved.body.result).toMatchObject({ statusName: 'Completed', completedDate: expect.any(String) });
    const writes = (await h.request('GET', '/_control/writes')).body.writes.map((w: { kind: string }) => w.kind);
    expect(writes).toEqual(['ticket.update', 'ticket.update', 'ticket.resolve']);
  });

  it('answers missing fields with 400 and broken business rules with success:false in a 200', async () => {
    const missing = await h.request('POST', '/v2/servicedesk/tickets', { Title: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.subErrors).toEqual(expect.arrayContaining(['The Details field is required.', 'The OpenDate field is required.']));
    const unrouted = await h.request('POST', '/v2/servicedesk/tickets', {
      title: 'x', details: 'y', accountId: 1002, locationId: 2002, statusId: 1, priorityId: 1, typeId: 1, sourceId: 1, openDate: '2026-04-07T14:00:00',
    });
    expect(unrouted.status).toBe(200);
    expect(unrouted.body).toMatchObject({ success: false, error: { message: 'Either a queue or an assignee is required.' } });
    const lookup = await h.request('GET', '/v2/system/lookup/NoSuchTable');
    expect(lookup.body.success).toBe(false);
    expect((await h.request('GET', '/v2/no/such/route')).status).toBe(404);
  });

  it('works under any mount prefix', async () => {
    const other = harness('/somewhere/else');
    await other.signIn();
    expect((await other.request('GET', '/v2/system/statuses/lookup')).body.result.length).toBeGreaterThan(3);
  });
});
