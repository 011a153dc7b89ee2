/**
 * @module The test database: SQLite on a temp file by default; PostgreSQL when the run sets
 * TEST_DATABASE_ENGINE=postgres (test/vitest.pg.config.ts does), in a fresh schema per test app
 * (dropped on close), so files running side by side never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { openPostgres, openSqlite, type Database } from '../../db/database.js';

export const TEST_ENGINE: 'sqlite' | 'postgres' = process.env.TEST_DATABASE_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Opens the run's engine; `close()` also drops a PostgreSQL test schema. */
export async function openTestDatabase(dir: string): Promise<Database> {
  if (TEST_ENGINE === 'sqlite') return openSqlite(join(dir, 'test.db'));
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const database = await openPostgres(TEST_DATABASE_URL, schema, 6);
  const close = database.close.bind(database);
  database.close = async () => {
    await close();
    await dropSchema(schema);
  };
  return database;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

/** Null when a PostgreSQL server answers at the URL, else the one-line reason it does not. */
export async function postgresUnavailable(url = TEST_DATABASE_URL): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return `no PostgreSQL server answers at ${url.replace(/\/\/[^@]*@/, '//')} (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => {});
  }
}
