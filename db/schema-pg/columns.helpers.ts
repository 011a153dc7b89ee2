/** @module PostgreSQL twins of the column helpers: ISO timestamps kept as text, as on SQLite (sortable, same strings). */
import { sql } from 'drizzle-orm';
import { bigint, text } from 'drizzle-orm/pg-core';

const NOW_ISO = sql`(to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;
export const createdAt = () => text('created_at').notNull().default(NOW_ISO);
export const updatedAt = () => text('updated_at').notNull().default(NOW_ISO);
/** Epoch milliseconds (past 2^31, so bigint), read as a JavaScript number. */
export const epochMs = (name: string) => bigint(name, { mode: 'number' });
