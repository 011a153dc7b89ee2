/** @module Persisted wizard snapshots so a reload resumes where the admin was. */
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './columns.helpers.js';
import { partners } from './partners.js';

export const wizardDrafts = sqliteTable(
  'wizard_drafts',
  {
    id: text('id').primaryKey(),
    partnerId: text('partner_id').notNull().references(() => partners.id, { onDelete: 'cascade' }),
    /** e.g. 'psa:autotask' or 'rmm:syncro'. */
    wizard: text('wizard').notNull(),
    /** The integration being edited; null for a new one. */
    integrationId: text('integration_id'),
    /** Machine version; a draft of another version is discarded, never half-restored. */
    machineVersion: integer('machine_version').notNull(),
    snapshot: text('snapshot', { mode: 'json' }).$type<unknown>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('wizard_drafts_key_uq').on(t.partnerId, t.wizard, t.integrationId)],
);
