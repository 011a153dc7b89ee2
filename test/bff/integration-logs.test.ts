/**
 * An integration's logs through the BFF, against the Kaseya BMS sandbox over real HTTP (on SQLite,
 * and on PostgreSQL in the PostgreSQL pass): the delivery log pages newest first by cursor and
 * filters by state and organization with links into the PSA; a mapped account deleted in the PSA
 * fails its alerts at once with advice, and after the admin remaps, "Retry all failed" delivers
 * each exactly once (counted in the sandbox) and is audited; the audit trail pages and never shows
 * a credential; another partner gets 404; a bad query gets a field list.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandboxServer } from '../helpers/sandbox-server.js';
import { control, type RunningServer } from '../helpers/serve.js';
import { alert, alertMentions, createRoutingTestApp, postAlert, settled, setupPsa, ticketWrites, type PsaSetup, type RoutingTestApp } from './routing/routing-harness.js';

let sandbox: RunningServer;
let t: RoutingTestApp;
let psa: PsaSetup;
beforeAll(async () => { sandbox = await startSandboxServer(); });
afterAll(() => sandbox.close());
beforeEach(async () => {
  await control(sandbox.origin, 'kaseya-bms', 'reset');
  t = await createRoutingTestApp(sandbox.origin);
  psa = await setupPsa(t, 'kaseya-bms', { mappings: { 'org-acme': { account: 'Acme Dental Group' }, 'org-bluebird': { account: 'Bluebird Logistics' } } });
});
afterEach(() => t?.shutdown());

async function get(path: string, token?: string) {
  const res = await t.call('GET', path, { token });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.json() as any };
}

describe('delivery log', () => {
  it('pages newest first by cursor, filters by state and organization, and links each ticket to the PSA', async () => {
    const sent = [
      alert({ organizationId: 'org-acme', user: { email: 'a@x.example' }, title: 'First' }),
      alert({ organizationId: 'org-bluebird', user: { email: 'b@x.example' }, title: 'Second' }),
      alert({ organizationId: 'org-acme', user: { email: 'a@x.example' }, title: 'Third' }),
      alert({ organizationId: 'org-acme', user: { email: 'c@x.example' }, title: 'Fourth', severity: 'critical' }),
      alert({ organizationId: 'org-bluebird', user: { email: 'd@x.example' }, title: 'Fifth' }),
    ];
    for (const a of sent) await postAlert(t, a);
    await settled(t, sent.map((a) => a.id));

    const seen: any[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(`/api/integrations/${psa.id}/deliveries?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.map((e) => e.title)).toEqual(['Fifth', 'Fourth', 'Third', 'Second', 'First']);
    expect(seen.map((e) => e.outcome)).toEqual(['ticket_created', 'ticket_created', 'note_added', 'ticket_created', 'ticket_created']);

    const fourth = seen[1];
    expect(fourth).toMatchObject({ organizationName: 'Acme Dental Group', severity: 'critical', alertType: 'at-too-many-downloads', reason: null });
    const tickets = await ticketWrites(sandbox.origin, 'kaseya-bms');
    expect(tickets.map((w) => w.id)).toContain(fourth.vendorTicketId);
    // The BMS ticket number (T…), linked on the BMS UI host of the integration's region.
    expect(fourth.ticketNumber).toMatch(/^T\d{8}\.\d{4}$/);
    expect(fourth.ticketUrl).toBe(`https://bms.kaseya.com/MSP/TicketEdit.aspx?ID=${fourth.vendorTicketId}`);
    // The note went onto the ticket the first alert opened.
    expect(seen[2].vendorTicketId).toBe(seen[4].vendorTicketId);

    const bluebird = await get(`/api/integrations/${psa.id}/deliveries?organizationId=org-bluebird`);
    expect(bluebird.body.items.map((e: any) => e.title)).toEqual(['Fifth', 'Second']);
    expect(bluebird.body.counts).toEqual({ waiting: 0, delivered: 5, skipped: 0, failed: 0 });
    expect((await get(`/api/integrations/${psa.id}/deliveries?state=failed`)).body.items).toEqual([]);
    expect((await get(`/api/integrations/${psa.id}/deliveries?state=delivered&limit=1`)).body.items.map((e: any) => e.title)).toEqual(['Fifth']);
  });

  it('answers a bad query with problem+json listing each field', async () => {
    const bad = await get(`/api/integrations/${psa.id}/deliveries?state=lost&limit=0&cursor=not-a-cursor`);
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['query.cursor', 'query.limit', 'query.state']);
    // A NUL could not even reach PostgreSQL's text columns: refused here, never a 500.
    expect((await get(`/api/integrations/${psa.id}/deliveries?organizationId=a%00b`)).body.errors.map((e: any) => e.field)).toEqual(['query.organizationId']);
    const retry = await t.call('POST', `/api/integrations/${psa.id}/deliveries/retry`, { body: { all: true, alertIds: ['x'] } });
    expect(retry.status).toBe(400);
    expect(((await retry.json()) as any).errors.map((e: any) => e.field)).toEqual(['alertIds']);
    const nul = await t.call('POST', `/api/integrations/${psa.id}/deliveries/retry`, { body: { alertIds: ['a\u0000b'] } });
    expect(((await nul.json()) as any).errors.map((e: any) => e.field)).toEqual(['alertIds.0']);
    const audit = await get(`/api/integrations/${psa.id}/audit?cursor=abc&limit=500`);
    expect(audit.body.errors.map((e: any) => e.field).sort()).toEqual(['query.cursor', 'query.limit']);
  });

  it('is described in the OpenAPI document with its query and body', async () => {
    const doc = (await get('/api/openapi.json')).body;
    const deliveries = doc.paths['/api/integrations/{id}/deliveries'].get;
    expect(deliveries.parameters.map((p: any) => `${p.in}:${p.name}`)).toEqual(['path:id', 'query:state', 'query:organizationId', 'query:cursor', 'query:limit']);
    expect(deliveries.parameters[1].schema.enum).toEqual(['waiting', 'delivered', 'skipped', 'failed']);
    expect(Object.keys(doc.paths['/api/integrations/{id}/deliveries/retry'].post.requestBody.content['application/json'].schema.properties)).toEqual(['all', 'alertIds']);
    expect(doc.paths['/api/integrations/{id}/audit'].get.parameters.map((p: any) => p.name)).toEqual(['id', 'cursor', 'limit']);
  });

  it('is another partner’s 404: log, retry and audit', async () => {
    const other = await t.token('partner-b', 'admin', 'admin@partner-b.example');
    for (const [method, path, body] of [
      ['GET', `/api/integrations/${psa.id}/deliveries`, undefined], ['POST', `/api/integrations/${psa.id}/deliveries/retry`, { all: true }], ['GET', `/api/integrations/${psa.id}/audit`, undefined],
    ] as const) {
      expect((await t.call(method, path, { body })).status, `${method} ${path} as its own partner`).toBe(200);
      const res = await t.call(method, path, { token: other, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('outlives the integration: once it is deleted its log and audit trail stay readable (to its own partner), retry does not', async () => {
    const sent = alert({ organizationId: 'org-acme', title: 'Before the delete' });
    await postAlert(t, sent);
    await settled(t, [sent.id]);
    expect((await t.call('DELETE', `/api/integrations/${psa.id}`)).status).toBe(204);

    const log = await get(`/api/integrations/${psa.id}/deliveries`);
    expect(log.status).toBe(200);
    expect(log.body.items.map((e: any) => [e.title, e.outcome])).toEqual([['Before the delete', 'ticket_created']]);
    const audit = await get(`/api/integrations/${psa.id}/audit`);
    expect(audit.status).toBe(200);
    // Who deleted it, newest first.
    expect(audit.body.entries[0]).toMatchObject({ action: 'integration.delete', actor: 'admin@partner-a.example' });
    const retry = await t.call('POST', `/api/integrations/${psa.id}/deliveries/retry`, { body: { all: true } });
    expect(retry.status).toBe(404);
    const other = await t.token('partner-b', 'admin', 'admin@partner-b.example');
    for (const path of [`/api/integrations/${psa.id}/deliveries`, `/api/integrations/${psa.id}/audit`]) {
      expect((await t.call('GET', path, { token: other })).status, path).toBe(404);
    }
  });
});

describe('permanent failure, remap, retry all failed', () => {
  it('fails at once with advice when the mapped account is deleted in the PSA; after remapping, Retry all failed delivers each exactly once', async () => {
    await control(sandbox.origin, 'kaseya-bms', `accounts/${psa.accounts.get('Acme Dental Group')!.id}/delete`, {});
    const storm = [1, 2, 3].map((n) => alert({ organizationId: 'org-acme', user: { email: `u${n}@x.example` }, title: `Storm ${n}` }));
    for (const a of storm) await postAlert(t, a);
    const failed = await settled(t, storm.map((a) => a.id));
    expect(failed.map((r) => r.state)).toEqual(['failed', 'failed', 'failed']);
    // At once: one try each, not the transient schedule.
    expect(failed.map((r) => r.attempts)).toEqual([1, 1, 1]);
    const log = await get(`/api/integrations/${psa.id}/deliveries?state=failed`);
    expect(log.body.items).toHaveLength(3);
    expect(log.body.items[0].reason).toMatch(/mapping|account/i);
    expect(log.body.items[0].lastError).toBeTruthy();
    expect(await ticketWrites(sandbox.origin, 'kaseya-bms')).toHaveLength(0);

    // The admin remaps Acme Dental Group to another BMS account.
    const mapping = (await get(`/api/integrations/${psa.id}/psa/account-mapping`)).body;
    const other = psa.accounts.get('Default Customer')!;
    mapping.mappings = mapping.mappings.map((m: any) => (m.organizationId === 'org-acme' ? { ...m, psaAccountId: other.id, psaAccountName: other.name, contactId: null, contactName: null } : m));
    expect((await t.call('PUT', `/api/integrations/${psa.id}/psa/account-mapping`, { body: mapping })).status).toBe(200);

    const retry = await t.call('POST', `/api/integrations/${psa.id}/deliveries/retry`, { body: { all: true } });
    expect(retry.status).toBe(200);
    const result = await retry.json() as any;
    expect(result.retried).toBe(3);
    expect(result.alertIds.sort()).toEqual(storm.map((a) => a.id).sort());
    // A second press while they are queued retries nothing more.
    expect(((await (await t.call('POST', `/api/integrations/${psa.id}/deliveries/retry`, { body: { all: true } })).json()) as any).retried).toBe(0);

    const delivered = await settled(t, storm.map((a) => a.id));
    expect(delivered.map((r) => r.state)).toEqual(['delivered', 'delivered', 'delivered']);
    const mentions = await alertMentions(sandbox.origin, 'kaseya-bms', storm.map((a) => a.id));
    expect([...mentions.values()]).toEqual([1, 1, 1]);
    expect((await ticketWrites(sandbox.origin, 'kaseya-bms')).every((w) => w.accountId === other.id)).toBe(true);

    const audit = (await get(`/api/integrations/${psa.id}/audit?limit=3`)).body;
    expect(audit.entries[0]).toMatchObject({ action: 'deliveries.retry', actionLabel: 'Retried failed deliveries', actor: 'admin@partner-a.example', after: { scope: 'all failed', retried: 0 } });
    expect(audit.entries[1]).toMatchObject({ action: 'deliveries.retry', after: { scope: 'all failed', retried: 3 } });
    expect(audit.entries[2]).toMatchObject({ action: 'psa.account-mapping' });
  });

  it('retries only the listed alerts, and says which were not failed', async () => {
    await control(sandbox.origin, 'kaseya-bms', `accounts/${psa.accounts.get('Acme Dental Group')!.id}/delete`, {});
    const [a, b] = [alert({ user: { email: 'a@x.example' } }), alert({ user: { email: 'b@x.example' } })];
    await postAlert(t, a);
    await postAlert(t, b);
    await settled(t, [a.id, b.id]);
    const res = await t.call('POST', `/api/integrations/${psa.id}/deliveries/retry`, { body: { alertIds: [a.id, 'no-such-alert'] } });
    expect(await res.json()).toEqual({ retried: 1, alertIds: [a.id], notRetried: ['no-such-alert'] });
    expect((await t.deps.repos.routing.get('partner-a', b.id))!.state).toBe('failed');
  });
});

describe('audit log', () => {
  it('pages newest first by cursor and never shows a credential', async () => {
    await t.deps.repos.audit.record({
      partnerId: 'partner-a', actor: 'admin@partner-a.example', action: 'integration.credentials', target: `integration:${psa.id}`,
      before: { accountLabel: 'Old' }, after: { accountLabel: 'New', password: 'hunter2', nested: { clientSecret: 's3cret', apiToken: 'tok' } },
    });
    const first = (await get(`/api/integrations/${psa.id}/audit?limit=1`)).body;
    expect(first.entries).toEqual([expect.objectContaining({
      action: 'integration.credentials', actionLabel: 'Replaced the credentials', before: { accountLabel: 'Old' },
      after: { accountLabel: 'New', password: '(hidden)', nested: { clientSecret: '(hidden)', apiToken: '(hidden)' } },
    })]);
    expect(JSON.stringify(first)).not.toMatch(/hunter2|s3cret|tok"/);

    const all: any[] = [...first.entries];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = (await get(`/api/integrations/${psa.id}/audit?limit=2&cursor=${cursor}`)).body;
      all.push(...page.entries);
      cursor = page.nextCursor;
    }
    // Setup wrote the rest: connect first, then the sections, then completion.
    expect(all.at(-1).action).toBe('integration.create');
    expect(all.map((e) => e.action)).toContain('psa.account-mapping');
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((x, y) => y - x));
  });
});
