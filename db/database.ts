/**
 * @module Opens the configured engine behind one interface: SQLite (a file, the embedded default)
 * or PostgreSQL (`DATABASE_URL=postgres://…`, for production and several instances). Both apply
 * their committed drizzle-kit migrations on open and give the same repositories.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDb, MIGRATIONS, type Db } from './client.js';
import type { PgDb } from './pg-client.js';
import { createRepositories, type Repositories } from './repositories/index.js';

interface Common {
  repos: Repositories;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  /** Whether every committed migration is recorded as applied. */
  migrationsApplied(): Promise<boolean>;
  /** A raw query (`?` placeholders on both engines), for support tools and tests. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}
export interface SqliteDatabase extends Common { dialect: 'sqlite'; db: Db; path: string }
export interface PostgresDatabase extends Common { dialect: 'postgres'; db: PgDb; url: string; schema: string }
export type Database = SqliteDatabase | PostgresDatabase;

export interface DatabaseConfig {
  /** `postgres://…` selects PostgreSQL; absent means SQLite at `path`. */
  url?: string;
  path: string;
  /** PostgreSQL schema for the tables (tests use one per file); default `public`. */
  pgSchema?: string;
  pgPoolMax?: number;
}

/** How many migrations the committed journal lists. */
function journalCount(folder: string): number {
  return (JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;
}

export function openSqlite(path: string): SqliteDatabase {
  const db = createDb(path);
  const client = db.$client;
  const ping = client.prepare('select 1');
  return {
    dialect: 'sqlite', db, path, repos: createRepositories(db),
    async ping() { ping.get(); },
    async migrationsApplied() {
      const row = client.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number };
      return row.n >= journalCount(MIGRATIONS);
    },
    async query<T>(text: string, params: unknown[] = []) {
      const statement = client.prepare(text);
      if (statement.reader) return statement.all(...params) as T[];
      statement.run(...params);
      return [];
    },
    async close() { if (client.open) client.close(); },
  };
}

export async function openPostgres(url: string, schema = 'public', poolMax?: number): Promise<PostgresDatabase> {
  // Loaded only when PostgreSQL is configured: the pg driver and its repositories cost start-up time on SQLite.
  const [{ createPgDb, PG_MIGRATIONS }, { createPgRepositories }] = await Promise.all([import('./pg-client.js'), import('./repositories-pg/index.js')]);
  const db = await createPgDb(url, { schema, max: poolMax });
  const pool = db.$client;
  let closed = false;
  return {
    dialect: 'postgres', db, url, schema, repos: createPgRepositories(db),
    async ping() { await pool.query('select 1'); },
    async migrationsApplied() {
      const { rows } = await pool.query<{ n: number }>(`select count(*)::int as n from "${schema}".__drizzle_migrations`);
      return rows[0]!.n >= journalCount(PG_MIGRATIONS);
    },
    async query<T>(text: string, params: unknown[] = []) {
      let i = 0;
      return (await pool.query(text.replace(/\?/g, () => `$${++i}`), params)).rows as T[];
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.url) return openPostgres(config.url, config.pgSchema, config.pgPoolMax);
  return openSqlite(config.path);
}
