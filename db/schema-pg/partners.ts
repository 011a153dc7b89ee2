/** @module PostgreSQL twin of schema/partners.ts: same tables, same column names. */
import { boolean, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns.helpers.js';

export const partners = pgTable('partners', {
  id: text('id').primaryKey(),
  createdAt: createdAt(),
});

export const organizations = pgTable(
  'organizations',
  {
    partnerId: text('partner_id').notNull().references(() => partners.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: ['active', 'pending'] }).notNull().default('active'),
    billableUsers: integer('billable_users').notNull().default(0),
    ticketDelivery: boolean('ticket_delivery').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.id] })],
);

export const catalogItems = pgTable(
  'catalog_items',
  {
    partnerId: text('partner_id').notNull().references(() => partners.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['alert-type', 'respond-rule', 'ioc-rule'] }).notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.kind, t.id] })],
);
