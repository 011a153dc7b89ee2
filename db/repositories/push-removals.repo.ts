/**
 * @module Deleted integrations' hook removals at the vendor (schema/two-way.ts psaPushRemovals): the
 * delete that queues one, and the claims under which one instance at a time works it. As in
 * two-way.repo.ts, the statements are the same on both engines, so one implementation runs over
 * either schema (repositories-pg/push-removals.repo.ts hands it the PostgreSQL tables). Sealed
 * credentials are read only by a claim; no statement here waits on a vendor.
 */
import { and, asc, eq, getTableColumns, lte, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import * as sqliteSchema from '../schema/index.js';
import { nowIso } from '../schema/columns.helpers.js';
import { awaitedTransaction } from './async-transaction.js';
import { deletedIntegration } from './integrations.repo.js';

export type PushRemovalRow = typeof sqliteSchema.psaPushRemovals.$inferSelect;
/** A removal as anything but its worker sees it: whether credentials are still kept, never them. */
export type PushRemovalView = Omit<PushRemovalRow, 'credentialsSealed' | 'credentialsKeyId' | 'holder' | 'leasedUntil'> & { hasCredentials: boolean };
/** What deleting an integration did about its push: none was stored; its removal is queued; one was stored but no credentials were. */
export type DeletedPush = 'none' | 'queued' | 'no-credentials';

/** How a removal ends, with its audit entry (written in the same transaction). */
export interface PushRemovalEnd {
  state: 'removed' | 'abandoned';
  /** Whether a vendor call was made for it (counted as an attempt). */
  attempted: boolean;
  lastError: string | null;
  audit: { actor: string; action: string; after: Record<string, unknown> };
}

type Tables = Pick<typeof sqliteSchema, 'psaPushRemovals' | 'psaTicketPushes' | 'integrations' | 'auditLog'>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function pushRemovalsRepo(db: any, t: Tables, options: { sqlite: boolean }) {
  const { psaPushRemovals: pr, psaTicketPushes: p, integrations: i, auditLog: a } = t;
  const transaction = (run: (tx: typeof db) => Promise<void>) => awaitedTransaction(db, options.sqlite, run);
  /** The row while `holder`'s claim on it stands. */
  const held = (integrationId: string, holder: string) => and(eq(pr.integrationId, integrationId), eq(pr.holder, holder), eq(pr.state, 'pending'));
  const { credentialsSealed: _s, credentialsKeyId: _k, holder: _h, leasedUntil: _l, ...viewColumns } = getTableColumns(pr);

  return {
    /**
     * Deletes a live integration of the partner (its credentials erased) and, when a push is stored
     * for it, marks the push inactive and queues its removal with a copy of the credentials as they
     * were sealed, all in one transaction; null when the partner has no such live integration.
     * PostgreSQL: the integration row is locked first (FOR UPDATE), so a registration saving its push
     * (savePush reads that row FOR SHARE) either commits first, and its push is read here, or waits and
     * then finds the integration deleted and saves nothing. SQLite's IMMEDIATE transaction excludes it.
     */
    async deleteIntegration(partnerId: string, integrationId: string, timing: { now: number; giveUpAt: number }): Promise<DeletedPush | null> {
      let result: DeletedPush | null = null;
      await transaction(async (tx) => {
        const ofPartner = and(eq(i.partnerId, partnerId), eq(i.id, integrationId), sql`${i.deletedAt} is null`);
        const read = tx.select({ sealed: i.credentialsSealed, keyId: i.credentialsKeyId }).from(i).where(ofPartner);
        const [row] = (await (options.sqlite ? read : read.for('update'))) as Array<{ sealed: string | null; keyId: string | null }>;
        if (!row) return;
        const [push] = (await tx.select({ hookId: p.hookId, vendor: p.vendor }).from(p)
          .where(and(eq(p.integrationId, integrationId), eq(p.partnerId, partnerId)))) as Array<{ hookId: string; vendor: string }>;
        result = 'none';
        if (push) {
          // Inactive: the receiver stops acting on what the vendor still posts until the hook is gone.
          await tx.update(p).set({ active: false, updatedAt: nowIso() }).where(eq(p.integrationId, integrationId));
          if (row.sealed && row.keyId) {
            await tx.insert(pr).values({
              integrationId, partnerId, vendor: push.vendor, hookId: push.hookId, credentialsSealed: row.sealed, credentialsKeyId: row.keyId,
              nextAttemptAt: timing.now, giveUpAt: timing.giveUpAt,
            }).onConflictDoNothing();
            result = 'queued';
          } else {
            result = 'no-credentials';
          }
        }
        await tx.update(i).set(deletedIntegration()).where(ofPartner);
      });
      return result;
    },

    /**
     * Queues the removal of a hook no push row points to (a registration that finished after its
     * integration was deleted, whose own removal call failed), with the credentials as they were
     * sealed. False when the integration already has a removal (its first hook's).
     */
    async queue(input: { integrationId: string; partnerId: string; vendor: string; hookId: string; sealed: { sealed: string; keyId: string }; now: number; giveUpAt: number }): Promise<boolean> {
      const rows = await db.insert(pr).values({
        integrationId: input.integrationId, partnerId: input.partnerId, vendor: input.vendor, hookId: input.hookId,
        credentialsSealed: input.sealed.sealed, credentialsKeyId: input.sealed.keyId, nextAttemptAt: input.now, giveUpAt: input.giveUpAt,
      }).onConflictDoNothing().returning({ id: pr.integrationId });
      return (rows as unknown[]).length > 0;
    },
    /** Pending removals due by `now` that no instance holds (ids only: credentials are read by a claim), oldest due first. */
    async due(now: number, limit: number): Promise<string[]> {
      const rows = await db.select({ id: pr.integrationId }).from(pr)
        .where(and(eq(pr.state, 'pending'), lte(pr.nextAttemptAt, now), lte(pr.leasedUntil, now)))
        .orderBy(asc(pr.nextAttemptAt)).limit(limit);
      return rows.map((r: { id: string }) => r.id);
    },
    /**
     * Claims a due removal for `holder` until `until`: the row with its sealed credentials when it now
     * holds it, else null. One conditional statement, as psa_push_leases' claim: of instances claiming
     * together one wins, and a claim that lapsed (its instance died) is taken over.
     */
    async claim(integrationId: string, holder: string, now: number, until: number): Promise<PushRemovalRow | null> {
      const rows = await db.update(pr).set({ holder, leasedUntil: until })
        .where(and(eq(pr.integrationId, integrationId), eq(pr.state, 'pending'), lte(pr.nextAttemptAt, now), lte(pr.leasedUntil, now)))
        .returning();
      return (rows[0] as PushRemovalRow | undefined) ?? null;
    },
    /** Moves the end of `holder`'s claim while its vendor call runs; false when it no longer holds it. */
    async renew(integrationId: string, holder: string, until: number): Promise<boolean> {
      const rows = await db.update(pr).set({ leasedUntil: until }).where(held(integrationId, holder)).returning({ id: pr.integrationId });
      return (rows as unknown[]).length > 0;
    },
    /** Counts a failed attempt, sets when the next may start, and gives the claim back. */
    async recordFailure(integrationId: string, holder: string, outcome: { nextAttemptAt: number; lastError: string }): Promise<boolean> {
      const rows = await db.update(pr)
        .set({ attempts: sql`${pr.attempts} + 1`, nextAttemptAt: outcome.nextAttemptAt, lastError: outcome.lastError, holder: null, leasedUntil: 0, updatedAt: nowIso() })
        .where(held(integrationId, holder)).returning({ id: pr.integrationId });
      return (rows as unknown[]).length > 0;
    },
    /** Gives the claim back without counting an attempt (the instance is stopping mid-call). */
    async release(integrationId: string, holder: string): Promise<void> {
      await db.update(pr).set({ holder: null, leasedUntil: 0 }).where(held(integrationId, holder));
    },
    /**
     * Ends a removal held by `holder`: `removed` (the hook is gone, so its inactive push row goes too)
     * or `abandoned`; either way the sealed credentials are erased, and the audit entry is written in
     * the same transaction (one entry per end, even across a crash). False when the claim was lost.
     */
    async finish(integrationId: string, holder: string, end: PushRemovalEnd): Promise<boolean> {
      let done = false;
      await transaction(async (tx) => {
        const [row] = (await tx.update(pr).set({
          state: end.state, credentialsSealed: null, credentialsKeyId: null, holder: null, leasedUntil: 0, lastError: end.lastError, updatedAt: nowIso(),
          ...(end.attempted ? { attempts: sql`${pr.attempts} + 1` } : {}),
        }).where(held(integrationId, holder)).returning({ partnerId: pr.partnerId, hookId: pr.hookId })) as Array<{ partnerId: string; hookId: string }>;
        if (!row) return;
        if (end.state === 'removed') await tx.delete(p).where(and(eq(p.integrationId, integrationId), eq(p.hookId, row.hookId)));
        await tx.insert(a).values({ partnerId: row.partnerId, actor: end.audit.actor, action: end.audit.action, target: `integration:${integrationId}`, before: null, after: end.audit.after });
        done = true;
      });
      return done;
    },
    /** The partner's removal for a deleted integration, without its credentials. */
    async get(partnerId: string, integrationId: string): Promise<PushRemovalView | null> {
      const rows = await db.select({ ...viewColumns, hasCredentials: sql<number | boolean>`${pr.credentialsSealed} is not null` }).from(pr)
        .where(and(eq(pr.partnerId, partnerId), eq(pr.integrationId, integrationId)));
      const row = rows[0] as (Omit<PushRemovalView, 'hasCredentials'> & { hasCredentials: number | boolean }) | undefined;
      return row ? { ...row, hasCredentials: Boolean(row.hasCredentials) } : null;
    },
  };
}

export type PushRemovalsRepo = ReturnType<typeof pushRemovalsRepo>;

export function createPushRemovalsRepo(db: Db): PushRemovalsRepo {
  return pushRemovalsRepo(db, sqliteSchema, { sqlite: true });
}
