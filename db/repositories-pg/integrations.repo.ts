/** @module PostgreSQL implementation of the integrations and mappings repositories (same interface as db/repositories). */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { PgDb } from '../pg-client.js';
import { auditLog, integrations, psaAccountMappings, psaContractMappings, rmmSiteMappings } from '../schema-pg/index.js';
import { nowIso } from '../schema/columns.helpers.js';
import { deletedIntegration, type IntegrationRecord, type IntegrationsRepo } from '../repositories/integrations.repo.js';
import { keptAccountRows, type MappingsRepo } from '../repositories/mappings.repo.js';

const publicColumns = {
  id: integrations.id,
  partnerId: integrations.partnerId,
  kind: integrations.kind,
  vendor: integrations.vendor,
  status: integrations.status,
  accountLabel: integrations.accountLabel,
  settings: integrations.settings,
  userActivityOrganizationId: integrations.userActivityOrganizationId,
  createdAt: integrations.createdAt,
  updatedAt: integrations.updatedAt,
  deletedAt: integrations.deletedAt,
  hasCredentials: sql<boolean>`${integrations.credentialsSealed} is not null`.mapWith(Boolean),
};

export function createPgIntegrationsRepo(db: PgDb): IntegrationsRepo {
  const live = (partnerId: string) => and(eq(integrations.partnerId, partnerId), isNull(integrations.deletedAt));
  const getLive = async (partnerId: string, id: string) =>
    (await db.select(publicColumns).from(integrations).where(and(live(partnerId), eq(integrations.id, id))))[0] as IntegrationRecord | undefined;
  return {
    async list(partnerId, kind) {
      const rows = await db.select(publicColumns).from(integrations).where(live(partnerId)).orderBy(asc(integrations.createdAt)) as IntegrationRecord[];
      return kind ? rows.filter((r) => r.kind === kind) : rows;
    },
    get: getLive,
    async getIncludingDeleted(partnerId, id) {
      return (await db.select(publicColumns).from(integrations).where(and(eq(integrations.partnerId, partnerId), eq(integrations.id, id))))[0] as IntegrationRecord | undefined;
    },
    async getSealedCredentials(partnerId, id) {
      const [row] = await db.select({ sealed: integrations.credentialsSealed, keyId: integrations.credentialsKeyId }).from(integrations)
        .where(and(live(partnerId), eq(integrations.id, id)));
      return row?.sealed && row.keyId ? { sealed: row.sealed, keyId: row.keyId } : undefined;
    },
    async accountIdentities(partnerId, vendor) {
      return db.select({ id: integrations.id, accountIdentityHash: integrations.accountIdentityHash, hasCredentials: publicColumns.hasCredentials })
        .from(integrations).where(and(live(partnerId), eq(integrations.vendor, vendor))).orderBy(asc(integrations.createdAt));
    },
    async setAccountIdentityHash(partnerId, id, hash) {
      await db.update(integrations).set({ accountIdentityHash: hash }).where(and(live(partnerId), eq(integrations.id, id)));
    },
    async create(input) {
      const id = randomUUID();
      await db.insert(integrations).values({ id, status: 'draft', settings: input.settings ?? {}, ...input });
      return (await getLive(input.partnerId, id))!;
    },
    async update(partnerId, id, patch) {
      const changed = await db.update(integrations).set({ ...patch, updatedAt: nowIso() })
        .where(and(live(partnerId), eq(integrations.id, id))).returning({ id: integrations.id });
      return changed.length ? getLive(partnerId, id) : undefined;
    },
    async softDelete(partnerId, id) {
      const changed = await db.update(integrations).set(deletedIntegration())
        .where(and(live(partnerId), eq(integrations.id, id))).returning({ id: integrations.id });
      return changed.length > 0;
    },
  };
}

export function createPgMappingsRepo(db: PgDb): MappingsRepo {
  return {
    async listPsaAccounts(integrationId) {
      return db.select().from(psaAccountMappings).where(eq(psaAccountMappings.integrationId, integrationId)).orderBy(asc(psaAccountMappings.psaAccountName));
    },
    async psaAccountForOrganization(integrationId, organizationId) {
      return (await db.select().from(psaAccountMappings)
        .where(and(eq(psaAccountMappings.integrationId, integrationId), eq(psaAccountMappings.organizationId, organizationId))))[0];
    },
    async psaAccount(integrationId, psaAccountId) {
      return (await db.select().from(psaAccountMappings)
        .where(and(eq(psaAccountMappings.integrationId, integrationId), eq(psaAccountMappings.psaAccountId, psaAccountId))))[0];
    },
    async listPsaContracts(integrationId) {
      return db.select().from(psaContractMappings).where(eq(psaContractMappings.integrationId, integrationId));
    },
    async psaContractForOrganization(integrationId, organizationId) {
      return (await db.select().from(psaContractMappings)
        .where(and(eq(psaContractMappings.integrationId, integrationId), eq(psaContractMappings.organizationId, organizationId))))[0];
    },
    async listRmmSites(integrationId) {
      return db.select().from(rmmSiteMappings).where(eq(rmmSiteMappings.integrationId, integrationId)).orderBy(asc(rmmSiteMappings.siteName));
    },
    async autoMapRmmSites(integrationId, rows, audit) {
      return db.transaction(async (tx) => {
        const mapped = new Set<string>();
        for (const row of rows) {
          const written = await tx.insert(rmmSiteMappings).values({ integrationId, ...row })
            .onConflictDoUpdate({ target: [rmmSiteMappings.integrationId, rmmSiteMappings.siteId], set: { siteName: row.siteName, siteType: row.siteType, organizationId: row.organizationId }, setWhere: and(isNull(rmmSiteMappings.organizationId), eq(rmmSiteMappings.ignoreAutoMap, false)) })
            .returning({ siteId: rmmSiteMappings.siteId });
          for (const w of written) mapped.add(w.siteId);
        }
        if (mapped.size) {
          const entry = audit(mapped);
          await tx.insert(auditLog).values({ ...entry, before: entry.before ?? null, after: entry.after ?? null });
        }
        return mapped;
      });
    },
    async replace(integrationId, sets, also = {}) {
      await db.transaction(async (tx) => {
        if (sets.psaAccounts) {
          await tx.delete(psaAccountMappings).where(eq(psaAccountMappings.integrationId, integrationId));
          const rows = keptAccountRows(sets.psaAccounts);
          if (rows.length) await tx.insert(psaAccountMappings).values(rows.map((row) => ({ integrationId, ...row })));
        }
        if (sets.psaContracts) {
          await tx.delete(psaContractMappings).where(eq(psaContractMappings.integrationId, integrationId));
          if (sets.psaContracts.length) await tx.insert(psaContractMappings).values(sets.psaContracts.map((row) => ({ integrationId, ...row })));
        }
        if (sets.rmmSites) {
          await tx.delete(rmmSiteMappings).where(eq(rmmSiteMappings.integrationId, integrationId));
          if (sets.rmmSites.length) await tx.insert(rmmSiteMappings).values(sets.rmmSites.map((row) => ({ integrationId, ...row })));
        }
        if (also.integration) {
          await tx.update(integrations).set({ ...also.integration.patch, updatedAt: nowIso() })
            .where(and(eq(integrations.partnerId, also.integration.partnerId), eq(integrations.id, integrationId), isNull(integrations.deletedAt)));
        }
        if (also.audit) await tx.insert(auditLog).values({ ...also.audit, before: also.audit.before ?? null, after: also.audit.after ?? null });
      });
    },
  };
}
