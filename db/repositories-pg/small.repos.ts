/**
 * @module PostgreSQL implementations of the small repositories (partners, organizations, audit,
 * wizard drafts): the same interface as db/repositories, on drizzle's node-postgres driver.
 */
import { and, asc, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { PgDb } from '../pg-client.js';
import { auditLog, catalogItems, organizations, partners, wizardDrafts } from '../schema-pg/index.js';
import { nowIso } from '../schema/columns.helpers.js';
import type { AuditRepo } from '../repositories/audit.repo.js';
import type { OrganizationsRepo } from '../repositories/organizations.repo.js';
import type { PartnersRepo } from '../repositories/partners.repo.js';
import type { WizardDraftsRepo } from '../repositories/wizard-drafts.repo.js';

export function createPgPartnersRepo(db: PgDb): PartnersRepo {
  const known = new Set<string>();
  return {
    async ensure(id) {
      if (known.has(id)) return;
      await db.insert(partners).values({ id }).onConflictDoNothing();
      known.add(id);
    },
  };
}

export function createPgOrganizationsRepo(db: PgDb): OrganizationsRepo {
  const one = (partnerId: string, id: string) => and(eq(organizations.partnerId, partnerId), eq(organizations.id, id));
  return {
    async list(partnerId) {
      return db.select().from(organizations).where(eq(organizations.partnerId, partnerId)).orderBy(asc(organizations.name));
    },
    async get(partnerId, id) {
      return (await db.select().from(organizations).where(one(partnerId, id)))[0];
    },
    async upsertMany(partnerId, input) {
      let created = 0;
      let updated = 0;
      await db.transaction(async (tx) => {
        for (const org of input) {
          const [existing] = await tx.select({ id: organizations.id }).from(organizations).where(one(partnerId, org.id)).for('update');
          if (existing) {
            await tx.update(organizations).set({ name: org.name, status: org.status, billableUsers: org.billableUsers, updatedAt: nowIso() }).where(one(partnerId, org.id));
            updated++;
          } else {
            await tx.insert(organizations).values({ partnerId, ...org });
            created++;
          }
        }
      });
      return { created, updated };
    },
    async createPending(partnerId, id, name) {
      return (await db.insert(organizations).values({ partnerId, id, name, status: 'pending' }).returning())[0]!;
    },
    async setTicketDelivery(partnerId, id, enabled) {
      return (await db.update(organizations).set({ ticketDelivery: enabled, updatedAt: nowIso() }).where(one(partnerId, id)).returning())[0];
    },
    async listCatalog(partnerId, kind) {
      return db.select({ id: catalogItems.id, name: catalogItems.name }).from(catalogItems)
        .where(and(eq(catalogItems.partnerId, partnerId), eq(catalogItems.kind, kind))).orderBy(asc(catalogItems.name));
    },
    async replaceCatalog(partnerId, kind, items) {
      await db.transaction(async (tx) => {
        await tx.delete(catalogItems).where(and(eq(catalogItems.partnerId, partnerId), eq(catalogItems.kind, kind)));
        if (items.length) await tx.insert(catalogItems).values(items.map((item) => ({ partnerId, kind, ...item })));
      });
    },
  };
}

export function createPgAuditRepo(db: PgDb): AuditRepo {
  return {
    async record(entry) {
      await db.insert(auditLog).values({ ...entry, before: entry.before ?? null, after: entry.after ?? null });
    },
    async list(partnerId, options = {}) {
      const conditions = [eq(auditLog.partnerId, partnerId)];
      if (options.target) conditions.push(eq(auditLog.target, options.target));
      if (options.before) conditions.push(lt(auditLog.id, options.before));
      return db.select().from(auditLog).where(and(...conditions)).orderBy(desc(auditLog.id)).limit(options.limit ?? 50);
    },
  };
}

export function createPgWizardDraftsRepo(db: PgDb): WizardDraftsRepo {
  const key = (partnerId: string, wizard: string, integrationId: string | null) =>
    and(eq(wizardDrafts.partnerId, partnerId), eq(wizardDrafts.wizard, wizard),
      integrationId ? eq(wizardDrafts.integrationId, integrationId) : isNull(wizardDrafts.integrationId));
  return {
    async get(partnerId, wizard, integrationId) {
      return (await db.select().from(wizardDrafts).where(key(partnerId, wizard, integrationId)))[0];
    },
    async put(partnerId, wizard, integrationId, machineVersion, snapshot) {
      return db.transaction(async (tx) => {
        // One writer per (partner, wizard) at a time, so two saves of a new draft never make two rows.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`draft:${partnerId}:${wizard}:${integrationId ?? ''}`}))`);
        const [existing] = await tx.select({ id: wizardDrafts.id }).from(wizardDrafts).where(key(partnerId, wizard, integrationId));
        if (existing) {
          return (await tx.update(wizardDrafts).set({ machineVersion, snapshot, updatedAt: nowIso() }).where(eq(wizardDrafts.id, existing.id)).returning())[0]!;
        }
        return (await tx.insert(wizardDrafts).values({ id: randomUUID(), partnerId, wizard, integrationId, machineVersion, snapshot }).returning())[0]!;
      });
    },
    async remove(partnerId, wizard, integrationId) {
      return (await db.delete(wizardDrafts).where(key(partnerId, wizard, integrationId)).returning({ id: wizardDrafts.id })).length > 0;
    },
  };
}
