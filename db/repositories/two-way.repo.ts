/**
 * @module Two-way status's durable state (schema/two-way.ts): the vendor push per integration, the
 * PSA's last known state per product-created ticket, the platform endpoint per partner, and the
 * outbox of platform events, and the lease under which one instance registers a push. The
 * statements are the same on both engines, so one implementation runs over either schema (this
 * file on SQLite; repositories-pg/two-way.repo.ts hands it the PostgreSQL tables; `rowLocks` adds
 * PostgreSQL's FOR SHARE where a read decides a write). No statement here waits on a vendor or the platform.
 */
import { and, asc, desc, eq, inArray, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import * as sqliteSchema from '../schema/index.js';
import { nowIso } from '../schema/columns.helpers.js';
import { NEXT_EVENT_SEQ } from './owed-events.js';
import { awaitedTransaction } from './async-transaction.js';

export type PushRow = typeof sqliteSchema.psaTicketPushes.$inferSelect;
export type TicketStateRow = typeof sqliteSchema.psaTicketStates.$inferSelect;
export type PlatformEndpointRow = typeof sqliteSchema.platformEndpoints.$inferSelect;
export type PlatformEventRow = typeof sqliteSchema.platformEvents.$inferSelect;
export type PlatformEventAttemptRow = typeof sqliteSchema.platformEventAttempts.$inferSelect;

/** A failed push registration as recorded: its class, the vendor's status, when, and when it is tried again (epoch ms). */
export interface PushFailure {
  code: string;
  status: number | null;
  at: number;
  retryAt: number;
}

/** An integration's ticket push as stored (push-status.ts turns it into what an admin reads). */
export interface PushStatusRow {
  integrationId: string;
  /** The saved push: whether the vendor still has it active, when it was saved and when that last changed (ISO: a deactivation's time). */
  registered: { active: boolean; at: string; changedAt: string } | null;
  /** The last failed registration since the last success (cleared when a push is saved). */
  failure: { code: string; status: number | null; failures: number; failingSince: number; lastFailureAt: number; nextTryAt: number } | null;
}

const NO_FAILURE = { failureCode: null, failureStatus: null, failures: 0, failingSince: 0, lastFailureAt: 0, nextTryAt: 0 };

export interface NewPlatformEvent {
  id: string;
  partnerId: string;
  orderKey: string;
  type: string;
  payload: Record<string, unknown>;
}

/** A product-created ticket whose open state the PSA may have changed. */
export interface TrackedTicket {
  partnerId: string;
  integrationId: string;
  vendor: string;
  groupKey: string;
  vendorTicketId: string;
  isOpen: boolean;
  checkedAt: number;
}

/** What the PSA says about a ticket now. */
export interface ObservedTicket {
  isOpen: boolean;
  statusId: string | null;
  statusName: string | null;
  changedBy: string | null;
  at: number;
}

type Tables = Pick<typeof sqliteSchema, 'alertDeliveries' | 'psaTicketPushes' | 'psaPushLeases' | 'psaTicketStates' | 'platformEndpoints' | 'platformEvents' | 'platformEventAttempts' | 'alertResolutions' | 'ticketGroups' | 'integrations'>;

/**
 * The shared implementation. `db` is drizzle over either engine: its builders are awaited, which
 * both drivers support; the typing is SQLite's (the PostgreSQL twins have the same columns).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function twoWayRepo(db: any, t: Tables, options: { nextSeq: boolean; rowLocks: boolean }) {
  const { alertDeliveries: d, psaTicketPushes: p, psaPushLeases: pl, psaTicketStates: s, platformEndpoints: ep, platformEvents: ev, platformEventAttempts: at, alertResolutions: r, ticketGroups: g, integrations: i } = t;
  /** Active, not deleted PSA integrations: the only kind a push is registered for. */
  const live = and(eq(i.kind, 'psa'), eq(i.status, 'active'), sql`${i.deletedAt} is null`);
  const liveIntegration = (integrationId: string) => and(eq(i.id, integrationId), live);
  const withoutPush = sql`not exists (select 1 from psa_ticket_pushes tp where tp.integration_id = ${i.id})`;

  return {
    /**
     * Saves a push just registered, only while its integration is still active and not deleted and
     * has no push yet; false when it was not saved (the caller removes the hook it made again).
     * The integration row is read FOR SHARE on PostgreSQL, so a delete running beside this waits for
     * the commit and then finds the push, or commits first and this saves nothing (SQLite's
     * IMMEDIATE transaction excludes every other writer anyway).
     */
    async savePush(row: Omit<PushRow, 'createdAt' | 'updatedAt' | 'active'>): Promise<boolean> {
      let saved = false;
      await transaction(async (tx) => {
        const alive = tx.select({ id: i.id }).from(i).where(liveIntegration(row.integrationId));
        if (((await (options.rowLocks ? alive.for('share') : alive)) as unknown[]).length === 0) return;
        const inserted = await tx.insert(p).values({ ...row, active: true }).onConflictDoNothing().returning({ id: p.integrationId });
        saved = (inserted as unknown[]).length > 0;
        // The push is live: the failures before it are history, not something an admin must fix.
        if (saved) await tx.update(pl).set(NO_FAILURE).where(eq(pl.integrationId, row.integrationId));
      });
      return saved;
    },
    async getPush(integrationId: string): Promise<PushRow | null> {
      return ((await db.select().from(p).where(eq(p.integrationId, integrationId)))[0] as PushRow | undefined) ?? null;
    },
    async setPushActive(integrationId: string, active: boolean): Promise<void> {
      await db.update(p).set({ active, updatedAt: nowIso() }).where(eq(p.integrationId, integrationId));
    },
    /**
     * Forgets the pushes the PSA turned off (`active` false, after failed callouts: a hub down for a
     * while) before `before` (ISO), of integrations still active: each then needs a push again, and
     * its registration's orphan search removes the dead hook at the vendor. A deleted integration's
     * inactive push is its hook removal's business (push-removals.repo.ts), never forgotten here.
     */
    async forgetDeactivatedPushes(before: string, limit: number): Promise<string[]> {
      const due = db.select({ id: p.integrationId }).from(p).innerJoin(i, eq(i.id, p.integrationId))
        .where(and(eq(p.active, false), sql`${p.updatedAt} < ${before}`, live)).limit(limit);
      // One statement; `active` is checked again on the row deleted. An integration deleted at this very
      // moment may lose its push row here too: harmless, its queued removal holds the hook id itself.
      const rows = await db.delete(p).where(and(inArray(p.integrationId, due), eq(p.active, false))).returning({ id: p.integrationId });
      return (rows as Array<{ id: string }>).map((r) => r.id);
    },
    /** Active PSA integrations with no push registered yet and no registration leased now (the two-way worker registers one). */
    async needingPush(now: number, limit: number): Promise<Array<{ id: string; partnerId: string; vendor: string }>> {
      return db.select({ id: i.id, partnerId: i.partnerId, vendor: i.vendor }).from(i)
        .where(and(live, withoutPush,
          sql`not exists (select 1 from psa_push_leases lp where lp.integration_id = ${i.id} and lp.leased_until > ${now})`))
        .limit(limit);
    },
    /**
     * Claims the registration of an integration's push for `holder` until `until`; true when it now
     * holds it. One statement: of instances claiming together one wins, a lapsed lease (a dead
     * instance's, or a failed attempt's retry time that has come) is taken over, and the integration
     * must still need a push (another instance may have saved one since `needingPush`).
     */
    async claimPushLease(integrationId: string, holder: string, now: number, until: number): Promise<boolean> {
      // Every column in the table's order (drizzle names them all): a new row has no failure yet.
      const rows = await db.insert(pl).select(sql`select ${i.id}, cast(${holder} as text), cast(${until} as bigint), cast(null as text), cast(null as integer), 0, 0, 0, 0 from ${i}
          where ${liveIntegration(integrationId)} and ${withoutPush}`)
        .onConflictDoUpdate({ target: pl.integrationId, set: { holder: sql`excluded.holder`, leasedUntil: sql`excluded.leased_until` }, setWhere: sql`${pl.leasedUntil} <= ${now}` })
        .returning({ id: pl.integrationId });
      return (rows as unknown[]).length > 0;
    },
    /**
     * Moves the end of `holder`'s lease: later while its vendor call runs (heartbeat), or to when
     * the next attempt may start (0: at once). False when another instance has taken it over.
     */
    async setPushLease(integrationId: string, holder: string, until: number): Promise<boolean> {
      const rows = await db.update(pl).set({ leasedUntil: until }).where(and(eq(pl.integrationId, integrationId), eq(pl.holder, holder))).returning({ id: pl.integrationId });
      return (rows as unknown[]).length > 0;
    },
    /**
     * Records `holder`'s failed registration and ends its lease at `failure.retryAt` (when any
     * instance may try again). False when another instance has taken the lease over meanwhile.
     */
    async recordPushFailure(integrationId: string, holder: string, failure: PushFailure): Promise<boolean> {
      const rows = await db.update(pl).set({
        leasedUntil: failure.retryAt, nextTryAt: failure.retryAt, failureCode: failure.code, failureStatus: failure.status,
        failures: sql`${pl.failures} + 1`, failingSince: sql`case when ${pl.failures} = 0 then ${failure.at} else ${pl.failingSince} end`, lastFailureAt: failure.at,
      }).where(and(eq(pl.integrationId, integrationId), eq(pl.holder, holder))).returning({ id: pl.integrationId });
      return (rows as unknown[]).length > 0;
    },
    /**
     * The partner's integration with its ticket push as stored: the push (if saved) and the last
     * failed registration (if any); null when the partner has no such integration.
     */
    async pushStatus(partnerId: string, integrationId: string): Promise<PushStatusRow | null> {
      const rows = await db.select({
        integrationId: i.id, active: p.active, registeredAt: p.createdAt, changedAt: p.updatedAt, failureCode: pl.failureCode, failureStatus: pl.failureStatus,
        failures: pl.failures, failingSince: pl.failingSince, lastFailureAt: pl.lastFailureAt, nextTryAt: pl.nextTryAt,
      }).from(i).leftJoin(p, eq(p.integrationId, i.id)).leftJoin(pl, eq(pl.integrationId, i.id))
        .where(and(eq(i.partnerId, partnerId), eq(i.id, integrationId)));
      const row = rows[0] as Record<string, unknown> | undefined;
      if (!row) return null;
      return {
        integrationId, registered: row.active === null || row.active === undefined ? null : { active: Boolean(row.active), at: String(row.registeredAt), changedAt: String(row.changedAt) },
        failure: row.failureCode ? {
          code: String(row.failureCode), status: row.failureStatus === null ? null : Number(row.failureStatus), failures: Number(row.failures),
          failingSince: Number(row.failingSince), lastFailureAt: Number(row.lastFailureAt), nextTryAt: Number(row.nextTryAt),
        } : null,
      };
    },
    /**
     * "Try again now": a failed registration still waiting for its retry time becomes due at `now`,
     * so the next pass of any worker claims it. False when there is nothing to bring forward (no
     * failure, a push saved, or an attempt under way: a claim moved the lease off the retry time).
     */
    async retryPushNow(partnerId: string, integrationId: string, now: number): Promise<boolean> {
      const rows = await db.update(pl).set({ leasedUntil: now, nextTryAt: now })
        .where(and(eq(pl.integrationId, integrationId), sql`${pl.failures} > 0`, sql`${pl.leasedUntil} = ${pl.nextTryAt}`, sql`${pl.leasedUntil} > ${now}`,
          sql`exists (select 1 from integrations ri where ri.id = ${pl.integrationId} and ri.partner_id = ${partnerId})`))
        .returning({ id: pl.integrationId });
      return (rows as unknown[]).length > 0;
    },
    async deletePush(integrationId: string): Promise<void> {
      await db.delete(p).where(eq(p.integrationId, integrationId));
    },

    /** The group whose ticket this is (the product created it), with its integration's partner and vendor. */
    async findTicket(integrationId: string, vendorTicketId: string): Promise<TrackedTicket | null> {
      const rows = await db.select({ partnerId: i.partnerId, integrationId: g.integrationId, vendor: i.vendor, groupKey: g.groupKey, vendorTicketId: g.vendorTicketId, isOpen: g.isOpen, checkedAt: g.checkedAt })
        .from(g).innerJoin(i, eq(i.id, g.integrationId))
        .where(and(eq(g.integrationId, integrationId), eq(g.vendorTicketId, vendorTicketId)));
      return (rows[0] as TrackedTicket | undefined) ?? null;
    },
    /** Open product-created tickets of active integrations not asked about since `before`, least recently asked first. */
    async dueForPolling(before: number, limit: number): Promise<TrackedTicket[]> {
      return db.select({ partnerId: i.partnerId, integrationId: g.integrationId, vendor: i.vendor, groupKey: g.groupKey, vendorTicketId: g.vendorTicketId, isOpen: g.isOpen, checkedAt: g.checkedAt })
        .from(g).innerJoin(i, eq(i.id, g.integrationId))
        .where(and(eq(g.isOpen, true), sql`${g.vendorTicketId} is not null`, lte(g.checkedAt, before), eq(i.status, 'active'), sql`${i.deletedAt} is null`))
        .orderBy(asc(g.checkedAt)).limit(limit);
    },
    async getTicketState(integrationId: string, vendorTicketId: string): Promise<TicketStateRow | null> {
      return ((await db.select().from(s).where(and(eq(s.integrationId, integrationId), eq(s.vendorTicketId, vendorTicketId))))[0] as TicketStateRow | undefined) ?? null;
    },
    /**
     * Records what the PSA says. When the open state changed, the group follows (a closed ticket
     * takes no more notes; a reopened one, still the group's ticket, takes them again) and the
     * event is queued in the same transaction. Returns whether it changed.
     */
    async observeTicket(ticket: TrackedTicket, seen: ObservedTicket, event: (previous: TicketStateRow | null) => NewPlatformEvent): Promise<boolean> {
      let changed = false;
      await transaction(async (tx) => {
        const previous = ((await tx.select().from(s).where(and(eq(s.integrationId, ticket.integrationId), eq(s.vendorTicketId, ticket.vendorTicketId))))[0] as TicketStateRow | undefined) ?? null;
        const ofGroup = and(eq(g.integrationId, ticket.integrationId), eq(g.groupKey, ticket.groupKey), eq(g.vendorTicketId, ticket.vendorTicketId));
        // Decided by the row itself (a conditional update), so two observers of one change (a push
        // and a read-back racing it) queue one event: the second finds the state already moved.
        const moved = (await tx.update(g).set({ isOpen: seen.isOpen, updatedAt: nowIso() }).where(and(ofGroup, ne(g.isOpen, seen.isOpen))).returning({ key: g.groupKey })) as unknown[];
        const holdsTicket = ((await tx.select({ key: g.groupKey }).from(g).where(ofGroup)) as unknown[]).length > 0;
        changed = holdsTicket ? moved.length > 0 : previous !== null && previous.isOpen !== seen.isOpen;
        await tx.update(g).set({ checkedAt: seen.at }).where(ofGroup);
        const row = {
          integrationId: ticket.integrationId, vendorTicketId: ticket.vendorTicketId, partnerId: ticket.partnerId, isOpen: seen.isOpen,
          statusId: seen.statusId ?? previous?.statusId ?? null, statusName: seen.statusName ?? previous?.statusName ?? null,
          changedBy: changed ? seen.changedBy : previous?.changedBy ?? null, changedAt: changed ? new Date(seen.at).toISOString() : previous?.changedAt ?? null, checkedAt: seen.at,
        };
        await tx.insert(s).values(row).onConflictDoUpdate({ target: [s.integrationId, s.vendorTicketId], set: row });
        if (changed) await insertEvent(tx, event(previous));
      });
      return changed;
    },

    async getEndpoint(partnerId: string): Promise<PlatformEndpointRow | null> {
      return ((await db.select().from(ep).where(eq(ep.partnerId, partnerId)))[0] as PlatformEndpointRow | undefined) ?? null;
    },
    async saveEndpoint(row: Omit<PlatformEndpointRow, 'updatedAt'>): Promise<void> {
      await db.insert(ep).values(row).onConflictDoUpdate({ target: ep.partnerId, set: { ...row, updatedAt: nowIso() } });
    },
    async deleteEndpoint(partnerId: string): Promise<boolean> {
      return ((await db.delete(ep).where(eq(ep.partnerId, partnerId)).returning({ id: ep.partnerId })) as unknown[]).length > 0;
    },

    /** Queues an event; the same id twice is one event. */
    async enqueueEvent(event: NewPlatformEvent): Promise<void> {
      await insertEvent(db, event);
    },
    /**
     * Takes due events that head their order key (no earlier undelivered event of the same ticket),
     * holding them until `until` so no other worker sends them meanwhile.
     */
    async claimEvents(now: number, until: number, limit: number): Promise<PlatformEventRow[]> {
      const heads = await db.select({ id: ev.id }).from(ev)
        .where(and(eq(ev.state, 'pending'), lte(ev.nextAttemptAt, now), lte(ev.claimedUntil, now),
          sql`not exists (select 1 from platform_events e2 where e2.order_key = ${ev.orderKey} and e2.state = 'pending' and e2.seq < ${ev.seq})`))
        .orderBy(asc(ev.seq)).limit(limit);
      if (heads.length === 0) return [];
      return db.update(ev).set({ claimedUntil: until })
        .where(and(inArray(ev.id, heads.map((h: { id: string }) => h.id)), lte(ev.claimedUntil, now), eq(ev.state, 'pending'))).returning();
    },
    async recordDelivered(event: PlatformEventRow, status: number): Promise<void> {
      await transaction(async (tx) => {
        await tx.update(ev).set({ state: 'delivered', attempts: event.attempts + 1, deliveredAt: nowIso(), claimedUntil: 0, lastError: null }).where(eq(ev.id, event.id));
        await tx.insert(at).values({ eventId: event.id, partnerId: event.partnerId, status, error: null });
      });
    },
    async recordFailedAttempt(event: PlatformEventRow, outcome: { status: number | null; error: string; nextAttemptAt: number; giveUp: boolean }): Promise<void> {
      await transaction(async (tx) => {
        await tx.update(ev).set({ state: outcome.giveUp ? 'failed' : 'pending', attempts: event.attempts + 1, nextAttemptAt: outcome.nextAttemptAt, claimedUntil: 0, lastError: outcome.error }).where(eq(ev.id, event.id));
        await tx.insert(at).values({ eventId: event.id, partnerId: event.partnerId, status: outcome.status, error: outcome.error });
      });
    },
    async listEvents(partnerId: string, limit: number): Promise<PlatformEventRow[]> {
      return db.select().from(ev).where(eq(ev.partnerId, partnerId)).orderBy(desc(ev.seq)).limit(limit);
    },
    async eventAttempts(partnerId: string, eventId: string): Promise<PlatformEventAttemptRow[]> {
      return db.select().from(at).where(and(eq(at.partnerId, partnerId), eq(at.eventId, eventId))).orderBy(asc(at.id));
    },

    /** Records the platform's resolution of an alert; false when it was recorded before (idempotent resolve). */
    async recordResolution(partnerId: string, alertId: string, resolution: string): Promise<boolean> {
      const rows = await db.insert(r).values({ partnerId, alertId, resolution }).onConflictDoNothing().returning({ id: r.alertId });
      return (rows as unknown[]).length > 0;
    },
    async resolvedAlertIds(partnerId: string, alertIds: string[]): Promise<Set<string>> {
      if (alertIds.length === 0) return new Set();
      const rows = await db.select({ id: r.alertId }).from(r).where(and(eq(r.partnerId, partnerId), inArray(r.alertId, alertIds)));
      return new Set(rows.map((x: { id: string }) => x.id));
    },
    /** The alerts delivered onto one ticket (its creation and every note). */
    async alertIdsOfTicket(partnerId: string, integrationId: string, vendorTicketId: string): Promise<string[]> {
      const rows = await db.select({ id: d.alertId }).from(d).where(and(eq(d.partnerId, partnerId), eq(d.integrationId, integrationId), eq(d.vendorTicketId, vendorTicketId), eq(d.state, 'delivered')));
      return rows.map((x: { id: string }) => x.id);
    },
    async getResolution(partnerId: string, alertId: string): Promise<{ resolution: string; noteId: string | null } | null> {
      return ((await db.select({ resolution: r.resolution, noteId: r.noteId }).from(r).where(and(eq(r.partnerId, partnerId), eq(r.alertId, alertId))))[0] as { resolution: string; noteId: string | null } | undefined) ?? null;
    },
    async recordResolutionNote(partnerId: string, alertId: string, noteId: string): Promise<void> {
      await db.update(r).set({ noteId }).where(and(eq(r.partnerId, partnerId), eq(r.alertId, alertId)));
    },
  };

  async function insertEvent(tx: typeof db, event: NewPlatformEvent): Promise<void> {
    const seq = options.nextSeq ? { seq: sql.raw(NEXT_EVENT_SEQ) } : {};
    await tx.insert(ev).values({ ...event, ...seq }).onConflictDoNothing();
  }

  function transaction(run: (tx: typeof db) => Promise<void>): Promise<void> {
    return awaitedTransaction(db, options.nextSeq, run);
  }
}

export type TwoWayRepo = ReturnType<typeof twoWayRepo>;

export function createTwoWayRepo(db: Db): TwoWayRepo {
  return twoWayRepo(db, sqliteSchema, { nextSeq: true, rowLocks: false });
}
