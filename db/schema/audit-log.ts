/** @module An append-only record of every configuration change: who, what, when, before/after (no secrets). */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns.helpers.js';

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    partnerId: text('partner_id').notNull(),
    /** The token's `sub`. */
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    /** What was changed, e.g. `integration:<id>` or `organization:<id>`. */
    target: text('target').notNull(),
    before: text('before', { mode: 'json' }).$type<unknown>(),
    after: text('after', { mode: 'json' }).$type<unknown>(),
    at: createdAt(),
  },
  (t) => [index('audit_log_partner_idx').on(t.partnerId, t.id)],
);
