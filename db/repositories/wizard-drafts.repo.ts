/** @module Wizard drafts: one per partner, wizard and integration being edited (null for a new one). */
import { and, eq, isNull } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Db } from '../client.js';
import { wizardDrafts } from '../schema/index.js';
import { nowIso } from '../schema/columns.helpers.js';

export type WizardDraftRow = typeof wizardDrafts.$inferSelect;

export function createWizardDraftsRepo(db: Db) {
  const key = (partnerId: string, wizard: string, integrationId: string | null) =>
    and(eq(wizardDrafts.partnerId, partnerId), eq(wizardDrafts.wizard, wizard),
      integrationId ? eq(wizardDrafts.integrationId, integrationId) : isNull(wizardDrafts.integrationId));
  return {
    async get(partnerId: string, wizard: string, integrationId: string | null): Promise<WizardDraftRow | undefined> {
      return db.select().from(wizardDrafts).where(key(partnerId, wizard, integrationId)).get();
    },
    async put(partnerId: string, wizard: string, integrationId: string | null, machineVersion: number, snapshot: unknown): Promise<WizardDraftRow> {
      return db.transaction((tx) => {
        const existing = tx.select({ id: wizardDrafts.id }).from(wizardDrafts).where(key(partnerId, wizard, integrationId)).get();
        if (existing) {
          return tx.update(wizardDrafts).set({ machineVersion, snapshot, updatedAt: nowIso() }).where(eq(wizardDrafts.id, existing.id)).returning().get();
        }
        return tx.insert(wizardDrafts).values({ id: randomUUID(), partnerId, wizard, integrationId, machineVersion, snapshot }).returning().get();
      });
    },
    async remove(partnerId: string, wizard: string, integrationId: string | null): Promise<boolean> {
      return db.delete(wizardDrafts).where(key(partnerId, wizard, integrationId)).returning({ id: wizardDrafts.id }).all().length > 0;
    },
  };
}
export type WizardDraftsRepo = ReturnType<typeof createWizardDraftsRepo>;
