/** @module The BFF's copy of the platform's organizations and catalog, always scoped by partner. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { catalogItems, organizations } from '../schema/index.js';
import { nowIso } from '../schema/columns.helpers.js';

export type OrganizationRow = typeof organizations.$inferSelect;
export type CatalogKind = (typeof catalogItems.$inferSelect)['kind'];

export interface OrganizationInput {
  id: string;
  name: string;
  status: 'active' | 'pending';
  billableUsers: number;
}

export function createOrganizationsRepo(db: Db) {
  const listStmt = db.select().from(organizations).where(eq(organizations.partnerId, sql.placeholder('partnerId'))).orderBy(asc(organizations.name)).prepare();
  const getStmt = db.select().from(organizations)
    .where(and(eq(organizations.partnerId, sql.placeholder('partnerId')), eq(organizations.id, sql.placeholder('id')))).prepare();
  // Prepared once: the routing worker reads the alert types on every pass (built per call, ~130 µs).
  const catalogStmt = db.select({ id: catalogItems.id, name: catalogItems.name }).from(catalogItems)
    .where(and(eq(catalogItems.partnerId, sql.placeholder('partnerId')), eq(catalogItems.kind, sql.placeholder('kind')))).orderBy(asc(catalogItems.name)).prepare();

  return {
    async list(partnerId: string): Promise<OrganizationRow[]> {
      return listStmt.all({ partnerId });
    },
    async get(partnerId: string, id: string): Promise<OrganizationRow | undefined> {
      return getStmt.get({ partnerId, id });
    },
    /** Inserts or updates each organization; the ticket-delivery switch is ours and is kept. */
    async upsertMany(partnerId: string, input: OrganizationInput[]): Promise<{ created: number; updated: number }> {
      let created = 0;
      let updated = 0;
      db.transaction((tx) => {
        for (const org of input) {
          const existing = tx.select({ id: organizations.id }).from(organizations)
            .where(and(eq(organizations.partnerId, partnerId), eq(organizations.id, org.id))).get();
          if (existing) {
            tx.update(organizations).set({ name: org.name, status: org.status, billableUsers: org.billableUsers, updatedAt: nowIso() })
              .where(and(eq(organizations.partnerId, partnerId), eq(organizations.id, org.id))).run();
            updated++;
          } else {
            tx.insert(organizations).values({ partnerId, ...org }).run();
            created++;
          }
        }
      });
      return { created, updated };
    },
    /** "+ Add to platform": a pending organization the platform will pick up and activate. */
    async createPending(partnerId: string, id: string, name: string): Promise<OrganizationRow> {
      return db.insert(organizations).values({ partnerId, id, name, status: 'pending' }).returning().get();
    },
    async setTicketDelivery(partnerId: string, id: string, enabled: boolean): Promise<OrganizationRow | undefined> {
      return db.update(organizations).set({ ticketDelivery: enabled, updatedAt: nowIso() })
        .where(and(eq(organizations.partnerId, partnerId), eq(organizations.id, id))).returning().get();
    },
    async listCatalog(partnerId: string, kind: CatalogKind): Promise<Array<{ id: string; name: string }>> {
      return catalogStmt.all({ partnerId, kind });
    },
    /** Replaces one kind of catalog entries with the host's current list. */
    async replaceCatalog(partnerId: string, kind: CatalogKind, items: Array<{ id: string; name: string }>): Promise<void> {
      db.transaction((tx) => {
        tx.delete(catalogItems).where(and(eq(catalogItems.partnerId, partnerId), eq(catalogItems.kind, kind))).run();
        for (const item of items) tx.insert(catalogItems).values({ partnerId, kind, ...item }).run();
      });
    },
  };
}
export type OrganizationsRepo = ReturnType<typeof createOrganizationsRepo>;
