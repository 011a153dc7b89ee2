/**
 * @module Mappings between platform organizations and vendor records: PSA accounts, PSA contracts,
 * RMM sites. Replacing a set is one synchronous transaction; the hot lookups are prepared once.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { psaAccountMappings, psaContractMappings, rmmSiteMappings } from '../schema/index.js';

export type PsaAccountMappingRow = typeof psaAccountMappings.$inferSelect;
export type PsaContractMappingRow = typeof psaContractMappings.$inferSelect;
export type RmmSiteMappingRow = typeof rmmSiteMappings.$inferSelect;

type Without<T> = Omit<T, 'integrationId'>;

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
    listPsaAccounts(integrationId: string): PsaAccountMappingRow[] {
      return db.select().from(psaAccountMappings).where(eq(psaAccountMappings.integrationId, integrationId)).orderBy(asc(psaAccountMappings.psaAccountName)).all();
    },
    /** The PSA account an organization is mapped to (routing's hot path). */
    psaAccountForOrganization(integrationId: string, organizationId: string): PsaAccountMappingRow | undefined {
      return accountForOrg.get({ integrationId, organizationId });
    },
    psaAccount(integrationId: string, psaAccountId: string): PsaAccountMappingRow | undefined {
      return accountRow.get({ integrationId, psaAccountId });
    },
    listPsaContracts(integrationId: string): PsaContractMappingRow[] {
      return db.select().from(psaContractMappings).where(eq(psaContractMappings.integrationId, integrationId)).all();
    },
    psaContractForOrganization(integrationId: string, organizationId: string): PsaContractMappingRow | undefined {
      return contractForOrg.get({ integrationId, organizationId });
    },
    listRmmSites(integrationId: string): RmmSiteMappingRow[] {
      return db.select().from(rmmSiteMappings).where(eq(rmmSiteMappings.integrationId, integrationId)).orderBy(asc(rmmSiteMappings.siteName)).all();
    },
    /**
     * Replaces an integration's mappings and applies `alsoInTransaction` (settings, audit) in the
     * same synchronous transaction, so a section is saved whole or not at all.
     */
    replace(
      integrationId: string,
      sets: { psaAccounts?: Without<PsaAccountMappingRow>[]; psaContracts?: Without<PsaContractMappingRow>[]; rmmSites?: Without<RmmSiteMappingRow>[] },
      alsoInTransaction?: () => void,
    ): void {
      db.transaction((tx) => {
        if (sets.psaAccounts) {
          tx.delete(psaAccountMappings).where(eq(psaAccountMappings.integrationId, integrationId)).run();
          // Only rows that say something are kept: mapped, ignored, or with a chosen contact.
          for (const row of sets.psaAccounts.filter((r) => r.organizationId || r.ignored || r.contactId)) {
            tx.insert(psaAccountMappings).values({ integrationId, ...row }).run();
          }
        }
        if (sets.psaContracts) {
          tx.delete(psaContractMappings).where(eq(psaContractMappings.integrationId, integrationId)).run();
          for (const row of sets.psaContracts) tx.insert(psaContractMappings).values({ integrationId, ...row }).run();
        }
        if (sets.rmmSites) {
          tx.delete(rmmSiteMappings).where(eq(rmmSiteMappings.integrationId, integrationId)).run();
          for (const row of sets.rmmSites) tx.insert(rmmSiteMappings).values({ integrationId, ...row }).run();
        }
        alsoInTransaction?.();
      });
    },
  };
}
export type MappingsRepo = ReturnType<typeof createMappingsRepo>;
