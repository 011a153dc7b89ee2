/** @module Column helpers shared by every table: ISO timestamps kept as text (sortable, readable). */
import { sql } from 'drizzle-orm';
import { text } from 'drizzle-orm/sqlite-core';

export const createdAt = () => text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);
export const updatedAt = () => text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);
export const nowIso = () => new Date().toISOString();
