/**
 * @module Integrations, scoped by partner: every read and write names the partner, so one partner can
 * never reach another's rows. Sealed credentials are read only through `getSealedCredentials`.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Db } from '../client.js';
import { integrations } from '../schema/index.js';
import { nowIso } from '../schema/columns.helpers.js';

export type IntegrationRow = typeof integrations.$inferSelect;
/** An integration as every caller outside the BFF's credential code sees it: no sealed secret. */
export type IntegrationRecord = Omit<IntegrationRow, 'credentialsSealed' | 'credentialsKeyId' | 'accountIdentityHash'> & { hasCredentials: boolean };
export type IntegrationStatus = IntegrationRow['status'];
/** What callers may change on an integration. */
export type IntegrationPatch = Partial<Pick<IntegrationRow, 'status' | 'settings' | 'accountLabel' | 'credentialsSealed' | 'credentialsKeyId' | 'accountIdentityHash' | 'userActivityOrganizationId'>>;
/** A live integration's account identity as stored (a keyed hash, or null when not computed yet). */
export interface AccountIdentityRow { id: string; accountIdentityHash: string | null; hasCredentials: boolean }

/** What deleting an integration writes: the row is kept (routing records still say why nothing was sent), its credentials are erased. */
export const deletedIntegration = () => ({ deletedAt: nowIso(), updatedAt: nowIso(), credentialsSealed: null, credentialsKeyId: null, accountIdentityHash: null });

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
  hasCredentials: sql<number>`${integrations.credentialsSealed} is not null`.mapWith(Boolean),
};

export function createIntegrationsRepo(db: Db) {
  const live = (partnerId: unknown) => and(eq(integrations.partnerId, partnerId as string), isNull(integrations.deletedAt));
  const listStmt = db.select(publicColumns).from(integrations).where(live(sql.placeholder('partnerId'))).orderBy(asc(integrations.createdAt)).prepare();
  const getStmt = db.select(publicColumns).from(integrations)
    .where(and(live(sql.placeholder('partnerId')), eq(integrations.id, sql.placeholder('id')))).prepare();
  // Prepared once, as the two below: routing reads them on every worker pass or every claim's delivery (built per call, ~90 µs each).
  const sealedStmt = db.select({ sealed: integrations.credentialsSealed, keyId: integrations.credentialsKeyId }).from(integrations)
    .where(and(live(sql.placeholder('partnerId')), eq(integrations.id, sql.placeholder('id')))).prepare();
  const getIncludingDeletedStmt = db.select(publicColumns).from(integrations)
    .where(and(eq(integrations.partnerId, sql.placeholder('partnerId')), eq(integrations.id, sql.placeholder('id')))).prepare();

  return {
    async list(partnerId: string, kind?: 'psa' | 'rmm'): Promise<IntegrationRecord[]> {
      const rows = listStmt.all({ partnerId }) as IntegrationRecord[];
      return kind ? rows.filter((r) => r.kind === kind) : rows;
    },
    /** A live (not deleted) integration of this partner, or undefined. */
    async get(partnerId: string, id: string): Promise<IntegrationRecord | undefined> {
      return getStmt.get({ partnerId, id }) as IntegrationRecord | undefined;
    },
    /** Includes deleted ones: routing must still explain why an alert went nowhere. */
    async getIncludingDeleted(partnerId: string, id: string): Promise<IntegrationRecord | undefined> {
      return getIncludingDeletedStmt.get({ partnerId, id }) as IntegrationRecord | undefined;
    },
    async getSealedCredentials(partnerId: string, id: string): Promise<{ sealed: string; keyId: string } | undefined> {
      const row = sealedStmt.get({ partnerId, id });
      return row?.sealed && row.keyId ? { sealed: row.sealed, keyId: row.keyId } : undefined;
    },
    /** The account identity hash of each live integration of one vendor (a partner has a handful). */
    async accountIdentities(partnerId: string, vendor: IntegrationRow['vendor']): Promise<AccountIdentityRow[]> {
      return db.select({ id: integrations.id, accountIdentityHash: integrations.accountIdentityHash, hasCredentials: publicColumns.hasCredentials })
        .from(integrations).where(and(live(partnerId), eq(integrations.vendor, vendor))).orderBy(asc(integrations.createdAt)).all();
    },
    /** Fills in a row's identity hash computed later (not a change the admin made: `updatedAt` stays). */
    async setAccountIdentityHash(partnerId: string, id: string, hash: string): Promise<void> {
      db.update(integrations).set({ accountIdentityHash: hash }).where(and(live(partnerId), eq(integrations.id, id))).run();
    },
    async create(input: {
      partnerId: string;
      kind: 'psa' | 'rmm';
      vendor: IntegrationRow['vendor'];
      credentialsSealed: string;
      credentialsKeyId: string;
      accountIdentityHash?: string | null;
      accountLabel: string | null;
      settings?: unknown;
      userActivityOrganizationId?: string | null;
    }): Promise<IntegrationRecord> {
      const id = randomUUID();
      db.insert(integrations).values({ id, status: 'draft', settings: input.settings ?? {}, ...input }).run();
      return getStmt.get({ partnerId: input.partnerId, id }) as IntegrationRecord;
    },
    async update(
      partnerId: string,
      id: string,
      patch: IntegrationPatch,
    ): Promise<IntegrationRecord | undefined> {
      const changed = db.update(integrations).set({ ...patch, updatedAt: nowIso() })
        .where(and(live(partnerId), eq(integrations.id, id))).returning({ id: integrations.id }).get();
      return changed ? getStmt.get({ partnerId, id }) as IntegrationRecord : undefined;
    },
    /** Soft delete: the row stays (history, routing reasons) but no route lists or changes it again. */
    async softDelete(partnerId: string, id: string): Promise<boolean> {
      const changed = db.update(integrations).set(deletedIntegration())
        .where(and(live(partnerId), eq(integrations.id, id))).returning({ id: integrations.id }).get();
      return Boolean(changed);
    },
  };
}
export type IntegrationsRepo = ReturnType<typeof createIntegrationsRepo>;
