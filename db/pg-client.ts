/**
 * @module Opens PostgreSQL (drizzle's node-postgres driver on a pg Pool) and applies the committed
 * drizzle-kit migrations of db/migrations-pg. Several instances may start at once: migrating holds
 * an advisory lock, so one migrates and the others find it done. `schema` puts every table in its
 * own PostgreSQL schema (tests get a fresh one per file).
 */
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import * as schema from './schema-pg/index.js';

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export const PG_MIGRATIONS = fileURLToPath(new URL('./migrations-pg', import.meta.url));
const MIGRATION_LOCK = 7_240_001;

// bigint (int8) columns hold epoch ms and sequences: read them as numbers, not strings.
pg.types.setTypeParser(20, (value) => Number(value));

export interface PgOptions {
  /** PostgreSQL schema for every table (created when missing); default `public`. */
  schema?: string;
  /** Pool size per instance. */
  max?: number;
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function createPgDb(url: string, options: PgOptions = {}): Promise<PgDb> {
  const search = options.schema ?? 'public';
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, options: `-c search_path=${search}` });
  // An idle client that errors (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const db = drizzle(pool, { schema }) as PgDb;
  const lock = await pool.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    if (options.schema) await lock.query(`create schema if not exists ${quoteIdent(options.schema)}`);
    await migrate(db, { migrationsFolder: PG_MIGRATIONS, migrationsSchema: search, migrationsTable: '__drizzle_migrations' });
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    lock.release();
  }
  return db;
}
