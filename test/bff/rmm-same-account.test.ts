/**
 * One account, one connection (issue 17, item 9), against the real sandboxes over HTTP, on SQLite and
 * (test/vitest.pg.config.ts) PostgreSQL: "separate instance" connects another Datto RMM or Syncro
 * account, never the same one twice; the refusal names the connection that has the account, next
 * to the field that identifies it; the account is stored as a keyed hash only.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ORGANIZATIONS } from '../../bff/demo/demo-organizations.js';
import { integrations as sqliteIntegrations } from '../../db/schema/index.js';
import { integrations as pgIntegrations } from '../../db/schema-pg/index.js';
import { createTestApp, type TestApp } from '../helpers/create-test-app.js';
import { startSandboxServer } from '../helpers/sandbox-server.js';

let sandbox: Awaited<ReturnType<typeof startSandboxServer>>;
let t: TestApp;
beforeAll(async () => { sandbox = await startSandboxServer(); });
afterAll(() => sandbox.close());
beforeEach(async () => {
  t = await createTestApp({ sandboxOrigin: sandbox.origin });
  for (const partner of ['partner-a', 'partner-b']) {
    await t.call('PUT', '/api/organizations', { token: await t.token(partner), body: { organizations: DEMO_ORGANIZATIONS.map((o) => ({ id: o.id, name: o.name, billableUsers: o.billableUsers })) } });
  }
});
afterEach(() => t.close());

const DATTO = { platform: 'merlot', apiKey: 'sandbox-key', apiSecret: 'sandbox-secret' };
const SECOND_DATTO = { platform: 'merlot', apiKey: 'sandbox-key-2', apiSecret: 'sandbox-secret-2' };
const SYNCRO = { subdomain: 'sandbox', apiToken: 'sandbox-token' };
/** The Syncro sandbox's second account (its own subdomain). */
const SECOND_SYNCRO = { subdomain: 'sandbox-2', apiToken: 'sandbox-token' };

async function connect(vendor: 'datto-rmm' | 'syncro', credentials: object, options: { confirm?: boolean; partner?: string } = {}) {
  const res = await t.call('POST', '/api/integrations', {
    token: await t.token(options.partner ?? 'partner-a'),
    body: { vendor, credentials, userActivityOrganizationId: 'org-internal', confirmSeparateInstance: options.confirm ?? true },
  });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
}

async function listed(partner = 'partner-a') {
  return (await (await t.call('GET', '/api/integrations?kind=rmm', { token: await t.token(partner) })).json()).integrations as Array<{ id: string; vendor: string; accountLabel: string }>;
}

/** The column as stored, read past the repositories (either engine). */
async function storedHashes(): Promise<Array<{ id: string; hash: string | null }>> {
  const d = t.deps.database;
  if (d.dialect === 'sqlite') return d.db.select({ id: sqliteIntegrations.id, hash: sqliteIntegrations.accountIdentityHash }).from(sqliteIntegrations).all();
  return d.db.select({ id: pgIntegrations.id, hash: pgIntegrations.accountIdentityHash }).from(pgIntegrations);
}

/** Rows as a version before the column left them: sealed credentials, no hash. */
async function forgetHashes(): Promise<void> {
  const d = t.deps.database;
  if (d.dialect === 'sqlite') d.db.update(sqliteIntegrations).set({ accountIdentityHash: null }).run();
  else await d.db.update(pgIntegrations).set({ accountIdentityHash: null });
}

describe('one Datto RMM account, one connection', () => {
  it('refuses the same platform and API key under "separate instance", naming the existing connection next to the API key', async () => {
    const first = await connect('datto-rmm', DATTO, { confirm: false });
    expect(first.status).toBe(201);
    const again = await connect('datto-rmm', DATTO, { confirm: true });
    expect(again.status).toBe(409);
    expect(again.type).toContain('application/problem+json');
    expect(again.body).toMatchObject({ code: 'account_already_connected', status: 409, existingIntegrationId: first.body.id });
    expect(again.body.errors).toHaveLength(1);
    expect(again.body.errors[0].field).toBe('credentials.apiKey');
    expect(again.body.errors[0].message).toBe('This Datto RMM account is already connected as “Datto RMM · Merlot platform · Northwind MSP” (setup not finished). Edit that connection instead, or enter the API key of another Datto RMM account.');
    // The key itself is never in the answer, and nothing was stored.
    expect(JSON.stringify(again.body)).not.toContain('sandbox-key');
    expect((await listed()).map((r) => r.id)).toEqual([first.body.id]);
  });

  it('says so at once without the confirmation too: confirming cannot make it another account', async () => {
    await connect('datto-rmm', DATTO);
    const again = await connect('datto-rmm', DATTO, { confirm: false });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('account_already_connected');
  });

  it('refuses before asking Datto: the sandbox sees no sign-in for the refused attempt', async () => {
    await connect('datto-rmm', DATTO);
    const calls = sandbox.sandboxes['datto-rmm'].state.callCount;
    expect((await connect('datto-rmm', DATTO)).status).toBe(409);
    expect(sandbox.sandboxes['datto-rmm'].state.callCount).toBe(calls);
  });

  it('connects another account (a second API key) as a separate instance, and another platform’s account', async () => {
    await connect('datto-rmm', DATTO);
    const unconfirmed = await connect('datto-rmm', SECOND_DATTO, { confirm: false });
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body.code).toBe('duplicate_connection');
    expect((await connect('datto-rmm', SECOND_DATTO)).status).toBe(201);
    expect((await connect('datto-rmm', { ...DATTO, platform: 'zinfandel' })).status).toBe(201);
    expect((await listed()).map((r) => r.accountLabel)).toEqual(['Merlot platform · Northwind MSP', 'Merlot platform · Northwind MSP', 'Zinfandel platform · Northwind MSP']);
  });

  it('is scoped by partner: another partner connects the same account', async () => {
    await connect('datto-rmm', DATTO);
    expect((await connect('datto-rmm', DATTO, { partner: 'partner-b', confirm: false })).status).toBe(201);
  });

  it('refuses credentials replaced with an account another connection has; its own account again is fine', async () => {
    const first = (await connect('datto-rmm', DATTO)).body;
    const second = (await connect('datto-rmm', SECOND_DATTO)).body;
    const taken = await t.call('PUT', `/api/integrations/${second.id}/credentials`, { body: { credentials: DATTO } });
    expect(taken.status).toBe(409);
    const problem = await taken.json();
    expect(problem).toMatchObject({ code: 'account_already_connected', existingIntegrationId: first.id });
    expect(problem.errors[0]).toMatchObject({ field: 'credentials.apiKey' });
    expect(problem.errors[0].message).toContain('“Datto RMM · Merlot platform · Northwind MSP”');
    expect((await t.call('PUT', `/api/integrations/${second.id}/credentials`, { body: { credentials: SECOND_DATTO } })).status).toBe(200);
    // Once deleted, its account is free again.
    expect((await t.call('DELETE', `/api/integrations/${first.id}`)).status).toBeLessThan(300);
    expect((await t.call('PUT', `/api/integrations/${second.id}/credentials`, { body: { credentials: DATTO } })).status).toBe(200);
  });

  it('stores the account as a keyed hash only, and hashes rows sealed before the column existed on first comparison', async () => {
    const first = (await connect('datto-rmm', DATTO)).body;
    const [row] = await storedHashes();
    expect(row!.hash).toMatch(/^k1:[A-Za-z0-9_-]{43}$/);
    expect(row!.hash).not.toContain('sandbox-key');

    await forgetHashes();
    const again = await connect('datto-rmm', DATTO);
    expect(again.status).toBe(409);
    expect(again.body.existingIntegrationId).toBe(first.id);
    expect((await storedHashes()).find((r) => r.id === first.id)!.hash).toBe(row!.hash);
  });
});

describe('one account, one connection: races and rows from before the rule', () => {
  it('two requests for one account at once: one connects, the other gets the same 409 (the unique index backs the check)', async () => {
    const results = await Promise.all([connect('datto-rmm', DATTO), connect('datto-rmm', DATTO), connect('datto-rmm', DATTO)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const created = results.find((r) => r.status === 201)!.body;
    for (const refused of results.filter((r) => r.status === 409)) {
      expect(refused.type).toContain('application/problem+json');
      expect(refused.body).toMatchObject({ code: 'account_already_connected', existingIntegrationId: created.id });
    }
    expect(await listed()).toHaveLength(1);
  });

  it('two connections of one account made before the rule: a third is refused naming the first, and nothing fails', async () => {
    const { repos, vault } = t.deps;
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const sealed = vault.seal(DATTO);
      ids.push((await repos.integrations.create({ partnerId: 'partner-a', kind: 'rmm', vendor: 'datto-rmm', credentialsSealed: sealed.sealed, credentialsKeyId: sealed.keyId, accountLabel: `Merlot platform · old ${i + 1}`, userActivityOrganizationId: 'org-internal' })).id);
    }
    const again = await connect('datto-rmm', DATTO);
    expect(again.status).toBe(409);
    expect(again.body.existingIntegrationId).toBe(ids[0]);
    expect(again.body.errors[0].message).toContain('“Datto RMM · Merlot platform · old 1”');
    // The first got its hash; the second (same account) cannot hold the same one and is compared by opening it.
    const hashes = new Map((await storedHashes()).map((r) => [r.id, r.hash]));
    expect(hashes.get(ids[0]!)).toMatch(/^k1:/);
    expect(hashes.get(ids[1]!)).toBeNull();
    expect((await t.call('DELETE', `/api/integrations/${ids[0]}`)).status).toBeLessThan(300);
    const stillTaken = await connect('datto-rmm', DATTO);
    expect(stillTaken.status).toBe(409);
    expect(stillTaken.body.existingIntegrationId).toBe(ids[1]);
  });
});

describe('one Syncro account, one connection', () => {
  it('refuses the same subdomain (whatever the token), naming the existing connection next to the subdomain', async () => {
    const first = await connect('syncro', SYNCRO, { confirm: false });
    expect(first.status).toBe(201);
    for (const credentials of [SYNCRO, { ...SYNCRO, subdomain: 'SANDBOX', apiToken: 'another-token' }]) {
      const again = await connect('syncro', credentials);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('account_already_connected');
      expect(again.body.errors).toEqual([{ field: 'credentials.subdomain', message: 'This Syncro account is already connected as “Syncro · sandbox.syncromsp.com” (setup not finished). Edit that connection instead, or enter the subdomain of another Syncro account.' }]);
    }
  });

  it('connects another Syncro account (another subdomain) as a separate instance', async () => {
    await connect('syncro', SYNCRO);
    expect((await connect('syncro', SECOND_SYNCRO)).status).toBe(201);
    expect((await listed()).map((r) => r.accountLabel)).toEqual(['sandbox.syncromsp.com', 'sandbox-2.syncromsp.com']);
  });
});
