/**
 * Shared vendor budgets (PostgreSQL) hold no credential: every vendor's adapter checks its sandbox
 * credentials through the shared limiters, and each `vendor_budgets.key` is the vendor plus a keyed
 * hash, with no API key, secret, user name or tenant in it; instances with the same key material
 * meet on the same row. The migration deletes rows of the old clear keys.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type PostgresDatabase } from '../../db/database.js';
import { createBudgetStore } from '../../db/repositories-pg/budgets.repo.js';
import { createLogger } from '../../bff/logger.js';
import { PSA_SANDBOX_KITS } from '../../bff/sandboxes/index.js';
import { createAdapterContext, sandboxEndpoints } from '../../bff/vendors/adapter-context.js';
import { budgetRowKey, createSharedLimiters } from '../../bff/vendors/http/shared-budget.js';
import { createPsaAdapter, createRmmAdapter } from '../../bff/vendors/registry.js';
import { PSA_VENDORS } from '../../bff/contracts/vendor-catalog.js';
import { startSandboxServer } from '../helpers/sandbox-server.js';
import type { RunningServer } from '../helpers/serve.js';
import { dropSchema, postgresUnavailable, TEST_DATABASE_URL } from '../helpers/test-database.js';
import { SANDBOX_INTEGRATION_CODE } from '../suites/sandboxed-adapter.js';

const unavailable = await postgresUnavailable();
if (unavailable) console.warn(`Budget key tests skipped: ${unavailable}`);

const DATTO = { platform: 'merlot' as const, apiKey: 'sandbox-key', apiSecret: 'sandbox-secret' };
const SYNCRO = { subdomain: 'sandbox', apiToken: 'sandbox-token' };
const schema = `t_budget_keys_${randomBytes(5).toString('hex')}`;
let db: PostgresDatabase;
let sandbox: RunningServer;

beforeAll(async () => {
  if (unavailable) return;
  db = await openPostgres(TEST_DATABASE_URL, schema, 4);
  sandbox = await startSandboxServer();
});
afterAll(async () => {
  await sandbox?.close();
  await db?.close();
  if (!unavailable) await dropSchema(schema);
});

const keys = async () => (await db.db.$client.query<{ key: string }>('select key from vendor_budgets order by key')).rows.map((r) => r.key);

describe.skipIf(unavailable)('vendor budget keys (PostgreSQL)', () => {
  it('hold no credential for any vendor: vendor plus a keyed hash', async () => {
    const keyMaterial = randomBytes(32);
    const ctx = createAdapterContext(sandboxEndpoints(sandbox.origin, SANDBOX_INTEGRATION_CODE), { limiters: createSharedLimiters(createBudgetStore(db), createLogger('silent'), keyMaterial), timeoutMs: 3_000 });
    for (const vendor of PSA_VENDORS) await createPsaAdapter(ctx, vendor, PSA_SANDBOX_KITS[vendor].credentials).validateCredentials();
    await createRmmAdapter(ctx, 'datto-rmm', DATTO).validateCredentials();
    await createRmmAdapter(ctx, 'syncro', SYNCRO).validateCredentials();

    const stored = await keys();
    expect(stored.map((k) => k.split(':')[0]).sort()).toEqual(['autotask', 'connectwise', 'datto-rmm', 'halopsa', 'kaseya-bms', 'syncro']);
    for (const key of stored) expect(key).toMatch(/^[a-z-]+:[0-9a-f]{32}$/);
    const secrets = [
      ...Object.values(PSA_SANDBOX_KITS).flatMap((k) => Object.values(k.credentials as Record<string, string>)),
      ...Object.values(DATTO), ...Object.values(SYNCRO),
    ].filter((v) => v.length >= 4 && !['on-premises'].includes(v));
    const leaked = stored.flatMap((key) => secrets.filter((s) => key.toLowerCase().includes(s.toLowerCase())).map((s) => `${key} holds ${s}`));
    expect(leaked).toEqual([]);
  });

  it('are the same on every instance with the same key material, and differ with another', () => {
    const material = randomBytes(32);
    const account = 'datto-rmm:https://merlot-api.centrastage.net:the-api-key';
    expect(budgetRowKey(account, Buffer.from(material))).toBe(budgetRowKey(account, material));
    expect(budgetRowKey(account, randomBytes(32))).not.toBe(budgetRowKey(account, material));
  });

  it('migration 0001 deletes rows of the old clear keys and keeps hashed ones', async () => {
    const hashed = budgetRowKey('syncro:acme', randomBytes(32));
    await db.db.$client.query(`insert into vendor_budgets (key, tokens, refilled_at) values ($1, 1, 0), ($2, 1, 0) on conflict do nothing`,
      ['datto-rmm:https://merlot-api.centrastage.net:the-api-key', hashed]);
    await db.db.$client.query(readFileSync(new URL('../../db/migrations-pg/0001_budget_keys_hashed.sql', import.meta.url), 'utf8'));
    const after = await keys();
    expect(after).toContain(hashed);
    expect(after.some((k) => k.includes('the-api-key'))).toBe(false);
  });
});
