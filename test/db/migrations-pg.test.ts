/**
 * The committed PostgreSQL migrations (db/migrations-pg) build the same tables and columns as the
 * SQLite ones, apply once even when several instances start together, and report readiness.
 * Skipped, with the reason, only when no PostgreSQL server answers.
 */
import { getTableConfig as pgTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { readFileSync } from 'node:fs';
import { is, Table } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgres, type PostgresDatabase } from '../../db/database.js';
import * as pgSchema from '../../db/schema-pg/index.js';
import * as sqliteSchema from '../../db/schema/index.js';
import { dropSchema, postgresUnavailable, TEST_DATABASE_URL } from '../helpers/test-database.js';

const unavailable = await postgresUnavailable();
if (unavailable) console.warn(`PostgreSQL migration tests skipped: ${unavailable}`);

const opened: PostgresDatabase[] = [];
const schemas = new Set<string>();
const open = async (schema: string) => {
  schemas.add(schema);
  const db = await openPostgres(TEST_DATABASE_URL, schema, 2);
  opened.push(db);
  return db;
};
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
  for (const schema of schemas) await dropSchema(schema);
  schemas.clear();
});
const fresh = () => `t_mig_${Math.random().toString(36).slice(2, 10)}`;

const columnsOf = (tables: Record<string, unknown>, config: (t: never) => { name: string; columns: Array<{ name: string }> }) =>
  Object.fromEntries(Object.values(tables).filter((t) => is(t, Table)).map((t) => {
    const c = config(t as never);
    return [c.name, c.columns.map((col) => col.name).sort()];
  }));

describe.skipIf(unavailable)('PostgreSQL database', () => {
  it('has the SQLite schema’s tables with identical column names (plus its shared budget table)', () => {
    const pg = columnsOf(pgSchema, (t) => pgTableConfig(t as PgTable));
    const sqlite = columnsOf(sqliteSchema, (t) => sqliteTableConfig(t as SQLiteTable));
    const { vendor_budgets: budgets, ...shared } = pg;
    expect(shared).toEqual(sqlite);
    expect(budgets).toEqual(['key', 'refilled_at', 'tokens']);
  });

  it('applies the migrations to a new schema, once, even when three instances start together', async () => {
    const schema = fresh();
    const [a] = await Promise.all([open(schema), open(schema), open(schema)]);
    const tables = (await a!.query<{ table_name: string }>('select table_name from information_schema.tables where table_schema = ?', [schema])).map((r) => r.table_name);
    expect(tables).toEqual(expect.arrayContaining(['partners', 'organizations', 'integrations', 'alert_deliveries', 'ticket_groups', 'rmm_devices', 'vendor_budgets', '__drizzle_migrations']));
    expect(await a!.migrationsApplied()).toBe(true);
    const [{ n }] = await a!.query<{ n: number }>(`select count(*)::int as n from "${schema}".__drizzle_migrations`) as [{ n: number }];
    // Each committed migration once, however many instances raced to apply them.
    const committed = (JSON.parse(readFileSync(new URL('../../db/migrations-pg/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] }).entries.length;
    expect(n).toBe(committed);
  });

  it('refuses orphans and keeps one wizard draft per partner, wizard and integration', async () => {
    const db = await open(fresh());
    await expect(db.repos.organizations.upsertMany('no-such-partner', [{ id: 'o', name: 'O', status: 'active', billableUsers: 0 }])).rejects.toThrow();
    await db.repos.partners.ensure('p');
    await Promise.all([db.repos.wizardDrafts.put('p', 'psa:autotask', null, 1, { value: 'a' }), db.repos.wizardDrafts.put('p', 'psa:autotask', null, 1, { value: 'b' })]);
    await db.repos.wizardDrafts.put('p', 'psa:autotask', null, 1, { value: 'c' });
    expect((await db.repos.wizardDrafts.get('p', 'psa:autotask', null))?.snapshot).toEqual({ value: 'c' });
    expect(await db.query('select count(*)::int as n from wizard_drafts')).toEqual([{ n: 1 }]);
  });

  it('reports migrations not applied on a schema that lacks the last one', async () => {
    const schema = fresh();
    const db = await open(schema);
    await db.query(`delete from "${schema}".__drizzle_migrations`);
    expect(await db.migrationsApplied()).toBe(false);
  });
});
