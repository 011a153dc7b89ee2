/**
 * @module The test database: SQLite on a temp file by default; PostgreSQL when the run sets
 * TEST_DATABASE_ENGINE=postgres (test/vitest.pg.config.ts does), in a schema of its own per test app,
 * so files running side by side never see each other's rows. A schema is dropped on close, or, once
 * the file called reuseTestSchemas (the PostgreSQL pass's setup does), emptied for the file's next
 * test app: migrating a new schema costs about half a second under one server-wide migration lock.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPostgres, openSqlite, type Database } from '../../db/database.js';

export const TEST_ENGINE: 'sqlite' | 'postgres' = process.env.TEST_DATABASE_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Migrated schemas that this file's closed test apps left empty, for its next ones; null: drop on close. */
let idleSchemas: string[] | null = null;

/**
 * From now on this process empties a closed test app's schema for the next one instead of dropping
 * it; returns the clean-up that drops the ones left (run it after the file's last test).
 */
export function reuseTestSchemas(): () => Promise<void> {
  idleSchemas = [];
  return async () => {
    const left = idleSchemas ?? [];
    idleSchemas = null;
    for (const schema of left) await dropSchema(schema);
  };
}

/** Opens the run's engine; `close()` also drops (or empties, see reuseTestSchemas) a PostgreSQL test schema. */
export async function openTestDatabase(dir: string): Promise<Database> {
  if (TEST_ENGINE === 'sqlite') {
    const path = join(dir, 'test.db');
    copyFileSync(sqliteTemplate(), path);
    return openSqlite(path); // finds every migration applied, as on a database it migrated itself
  }
  const schema = idleSchemas?.pop() ?? `t_${randomBytes(6).toString('hex')}`;
  const database = await openPostgres(TEST_DATABASE_URL, schema, 6);
  const close = database.close.bind(database);
  database.close = async () => {
    // The app's pool ends first, so nothing of this app can write into the schema once it is emptied.
    await close();
    if (idleSchemas && await emptySchema(schema)) idleSchemas.push(schema);
    else await dropSchema(schema);
  };
  return database;
}

let template: string | null = null;

/**
 * A SQLite file this process migrated once, copied for each test app: byte for byte what migrating a
 * new file gives, for the cost of a copy instead of about 50 ms of DDL (a thousand test apps a run).
 */
function sqliteTemplate(): string {
  if (template) return template;
  const dir = mkdtempSync(join(tmpdir(), 'ih-template-'));
  const migrated = openSqlite(join(dir, 'template.db'));
  migrated.db.$client.close(); // the last connection's close folds the WAL into the file and removes it
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  template = migrated.path;
  return template;
}

/** How many migrations a fresh schema records (db/migrations-pg's journal). */
const MIGRATION_COUNT = (JSON.parse(readFileSync(new URL('../../db/migrations-pg/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] }).entries.length;

/**
 * A migrated schema's tables and sequences (the migrations table and its sequence aside): the same
 * in every test schema, so looked up once per process (the catalog query scans pg_class).
 */
let schemaObjects: Promise<{ tables: string[]; sequences: string[] }> | null = null;

function objectsOf(client: pg.Client, schema: string) {
  schemaObjects ??= client.query<{ name: string; kind: string }>(
    `select relname as name, relkind::text as kind from pg_class
      where relnamespace = $1::regnamespace and relkind in ('r', 'S') and relname not in ('__drizzle_migrations', '__drizzle_migrations_id_seq')`,
    [client.escapeIdentifier(schema)],
  ).then(({ rows }) => ({ tables: rows.filter((r) => r.kind === 'r').map((r) => r.name), sequences: rows.filter((r) => r.kind === 'S').map((r) => r.name) }));
  schemaObjects.catch(() => { schemaObjects = null; });
  return schemaObjects;
}

/**
 * Leaves a test schema as a fresh migration does (every table empty, every sequence at its start,
 * every migration recorded); false when it cannot (a test removed migration records, say), and the
 * caller drops it instead. Every foreign key cascades on delete, so the order of the deletes does not
 * matter; the statements go as one simple query, which PostgreSQL runs as one transaction.
 */
async function emptySchema(schema: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const q = client.escapeIdentifier(schema);
    const { rows: [migrations] } = await client.query<{ recorded: number }>(`select count(*)::int as recorded from ${q}.__drizzle_migrations`);
    if (migrations!.recorded !== MIGRATION_COUNT) return false;
    const { tables, sequences } = await objectsOf(client, schema);
    await client.query([
      ...tables.map((table) => `delete from ${q}.${client.escapeIdentifier(table)};`),
      ...sequences.map((sequence) => `select setval(${client.escapeLiteral(`${q}.${client.escapeIdentifier(sequence)}`)}, 1, false);`),
    ].join('\n'));
    return true;
  } catch {
    return false;
  } finally {
    await client.end();
  }
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
