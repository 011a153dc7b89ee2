/** @module PostgreSQL twin of schema/wizard-drafts.ts. */
import { integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns.helpers.js';
import { partners } from './partners.js';

export const wizardDrafts = pgTable(
  'wizard_drafts',
  {
    id: text('id').primaryKey(),
    partnerId: text('partner_id').notNull().references(() => partners.id, { onDelete: 'cascade' }),
    wizard: text('wizard').notNull(),
    integrationId: text('integration_id'),
    machineVersion: integer('machine_version').notNull(),
    snapshot: jsonb('snapshot').$type<unknown>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('wizard_drafts_key_uq').on(t.partnerId, t.wizard, t.integrationId)],
);
