/** @module Partners (MSP tenants) and the platform data a host keeps current: organizations and its catalog. */
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './columns.helpers.js';

export const partners = sqliteTable('partners', {
  id: text('id').primaryKey(),
  createdAt: createdAt(),
});

export const organizations = sqliteTable(
  'organizations',
  {
    partnerId: text('partner_id').notNull().references(() => partners.id, { onDelete: 'cascade' }),
    /** The platform's own organization id. */
    id: text('id').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: ['active', 'pending'] }).notNull().default('active'),
    billableUsers: integer('billable_users').notNull().default(0),
    /** Per-organization switch: whether alerts of this organization become PSA tickets. */
    ticketDelivery: integer('ticket_delivery', { mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.id] })],
);

/** Alert types, respond rules and IOC rules the wizard's override tables offer by name. */
export const catalogItems = sqliteTable(
  'catalog_items',
  {
    partnerId: text('partner_id').notNull().references(() => partners.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['alert-type', 'respond-rule', 'ioc-rule'] }).notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.kind, t.id] })],
);
