/**
 * @module Mappings between platform organizations and vendor records: PSA accounts, PSA contracts,
 * RMM sites. Replacing a set is one synchronous transaction; the hot lookups are prepared once.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { auditLog, integrations, psaAccountMappings, psaContractMappings, rmmSiteMappings } from '../schema/index.js';
import { nowIso } from '../schema/columns.helpers.js';
import type { AuditEntry } from './audit.repo.js';
import type { IntegrationPatch } from './integrations.repo.js';

export type PsaAccountMappingRow = typeof psaAccountMappings.$inferSelect;
export type PsaContractMappingRow = typeof psaContractMappings.$inferSelect;
export type RmmSiteMappingRow = typeof rmmSiteMappings.$inferSelect;

type Without<T> = Omit<T, 'integrationId'>;

/** The sets of mappings one save replaces (a missing set is left alone). */
export interface MappingSets {
  psaAccounts?: Without<PsaAccountMappingRow>[];
  psaContracts?: Without<PsaContractMappingRow>[];
  rmmSites?: Without<RmmSiteMappingRow>[];
}

/** What a section save writes beside its mappings, in the same transaction. */
export interface AlsoWrite {
  integration?: { partnerId: string; patch: IntegrationPatch };
  audit?: AuditEntry;
}

/** Only account rows that say something are kept: mapped, ignored, or with a chosen contact. */
export const keptAccountRows = <T extends { organizationId: string | null; ignored: boolean; contactId: string | null }>(rows: T[]) =>
  rows.filter((r) => r.organizationId || r.ignored || r.contactId);

export function createMappingsRepo(db: Db) {
  const accountForOrg = db.select().from(psaAccountMappings)
    .where(and(eq(psaAccountMappings.integrationId, sql.placeholder('integrationId')), eq(psaAccountMappings.organizationId, sql.placeholder('organizationId'))))
    .prepare();
  const accountRow = db.select().from(psaAccountMappings)
    .where(and(eq(psaAccountMappings.integrationId, sql.placeholder('integrationId')), eq(psaAccountMappings.psaAccountId, sql.placeholder('psaAccountId'))))
    .prepare();
  const contractForOrg = db.select().from(psaContractMappings)
    .where(and(eq(psaContractMappings.integrationId, sql.placeholder('integrationId')), eq(psaContractMappings.organizationId, sql.placeholder('organizationId'))))
    .prepare();

  return {
    async listPsaAccounts(integrationId: string): Promise<PsaAccountMappingRow[]> {
      return db.select().from(psaAccountMappings).where(eq(psaAccountMappings.integrationId, integrationId)).orderBy(asc(psaAccountMappings.psaAccountName)).all();
    },
    /** The PSA account an organization is mapped to (routing's hot path). */
    async psaAccountForOrganization(integrationId: string, organizationId: string): Promise<PsaAccountMappingRow | undefined> {
      return accountForOrg.get({ integrationId, organizationId });
    },
    async psaAccount(integrationId: string, psaAccountId: string): Promise<PsaAccountMappingRow | undefined> {
      return accountRow.get({ integrationId, psaAccountId });
    },
    async listPsaContracts(integrationId: string): Promise<PsaContractMappingRow[]> {
      return db.select().from(psaContractMappings).where(eq(psaContractMappings.integrationId, integrationId)).all();
    },
    async psaContractForOrganization(integrationId: string, organizationId: string): Promise<PsaContractMappingRow | undefined> {
      return contractForOrg.get({ integrationId, organizationId });
    },
    async listRmmSites(integrationId: string): Promise<RmmSiteMappingRow[]> {
      return db.select().from(rmmSiteMappings).where(eq(rmmSiteMappings.integrationId, integrationId)).orderBy(asc(rmmSiteMappings.siteName)).all();
    },
    /**
     * Maps sites the sync found by exact name (standing-auto-map.ts), each only while it is still
     * unmapped and not ignored: an admin's save that lands between the sync's read and this write
     * wins. The audit entry is written with the rows that were mapped, in the same transaction;
     * none when nothing was. Answers the site ids mapped.
     */
    async autoMapRmmSites(integrationId: string, rows: Without<RmmSiteMappingRow>[], audit: (mappedSiteIds: ReadonlySet<string>) => AuditEntry): Promise<Set<string>> {
      return db.transaction((tx) => {
        const mapped = new Set<string>();
        for (const row of rows) {
          const written = tx.insert(rmmSiteMappings).values({ integrationId, ...row })
            .onConflictDoUpdate({ target: [rmmSiteMappings.integrationId, rmmSiteMappings.siteId], set: { siteName: row.siteName, siteType: row.siteType, organizationId: row.organizationId }, setWhere: and(isNull(rmmSiteMappings.organizationId), eq(rmmSiteMappings.ignoreAutoMap, false)) })
            .returning({ siteId: rmmSiteMappings.siteId }).all();
          for (const w of written) mapped.add(w.siteId);
        }
        if (mapped.size) {
          const entry = audit(mapped);
          tx.insert(auditLog).values({ ...entry, before: entry.before ?? null, after: entry.after ?? null }).run();
        }
        return mapped;
      });
    },
    /**
     * Replaces an integration's mappings and writes `also` (settings, audit) in the same
     * transaction, so a section is saved whole or not at all.
     */
    async replace(integrationId: string, sets: MappingSets, also: AlsoWrite = {}): Promise<void> {
      db.transaction((tx) => {
        if (sets.psaAccounts) {
          tx.delete(psaAccountMappings).where(eq(psaAccountMappings.integrationId, integrationId)).run();
          for (const row of keptAccountRows(sets.psaAccounts)) tx.insert(psaAccountMappings).values({ integrationId, ...row }).run();
        }
        if (sets.psaContracts) {
          tx.delete(psaContractMappings).where(eq(psaContractMappings.integrationId, integrationId)).run();
          for (const row of sets.psaContracts) tx.insert(psaContractMappings).values({ integrationId, ...row }).run();
        }
        if (sets.rmmSites) {
          tx.delete(rmmSiteMappings).where(eq(rmmSiteMappings.integrationId, integrationId)).run();
          for (const row of sets.rmmSites) tx.insert(rmmSiteMappings).values({ integrationId, ...row }).run();
        }
        if (also.integration) {
          tx.update(integrations).set({ ...also.integration.patch, updatedAt: nowIso() })
            .where(and(eq(integrations.partnerId, also.integration.partnerId), eq(integrations.id, integrationId), isNull(integrations.deletedAt))).run();
        }
        if (also.audit) tx.insert(auditLog).values({ ...also.audit, before: also.audit.before ?? null, after: also.audit.after ?? null }).run();
      });
    },
  };
}
export type MappingsRepo = ReturnType<typeof createMappingsRepo>;
