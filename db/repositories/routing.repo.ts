/**
 * @module Alert routing's durable state: the outbox (one row per accepted alert), per-group ticket
 * records and billable-user syncs. Work is claimed with a row claim (`claimed_until`) inside one
 * IMMEDIATE transaction, so several processes on one database never hold the same group; a later
 * PostgreSQL move turns that into `FOR UPDATE SKIP LOCKED`, not a new design. Every write-back
 * first checks the claim is still this worker's. Functions return promises (one interface for
 * SQLite and PostgreSQL); here each runs synchronously underneath, with no vendor call inside a transaction.
 */
import { and, asc, desc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { alertDeliveries, billableSyncs, integrationHealth, integrations, organizations, ticketGroups } from '../schema/index.js';
import { DELIVERY_STATES } from '../schema/routing.js';
import { nowIso } from '../schema/columns.helpers.js';
import { GroupCommit } from '../group-commit.js';
import { claimableGroups, type ClaimQueue, type QueuedRow } from './claimable-groups.js';
import { createRoutingWriteBacks } from './routing-writebacks.js';
import type { OwedEvent } from './owed-events.js';
import {
  HELD_WHERE, MAX_ALERTS_PER_CLAIM, REQUEUE,
  type Accepted, type BillableSyncRow, type Claim, type DeliveryLogQuery, type DeliveryLogRow, type DeliveryRow, type DeliveryState, type Resolution, type RetryInput, type TicketGroupRow,
} from './routing-contract.js';

/** Every column of alert_deliveries named as the row type's field (`group_key as "groupKey"`), from the schema, for raw RETURNING lists. */
const DELIVERY_ROW_COLUMNS = Object.entries(getTableColumns(alertDeliveries)).map(([field, column]) => `${column.name} as "${field}"`).join(', ');

/** A row read raw (DELIVERY_ROW_COLUMNS): its JSON columns still text. */
type RawDeliveryRow = DeliveryRow & { alert: string; decision: string | null };

/**
 * A raw row with its JSON columns parsed. Rows read together mostly share one decision text:
 * `decisions` parses each text once (nothing changes a decision once read).
 */
function parsedRow(row: RawDeliveryRow, decisions: Map<string, unknown>): DeliveryRow {
  let decision: unknown = null;
  if (row.decision !== null) {
    if (!decisions.has(row.decision)) decisions.set(row.decision, JSON.parse(row.decision));
    decision = decisions.get(row.decision);
  }
  return { ...row, alert: JSON.parse(row.alert) as unknown, decision };
}

const immediate = { behavior: 'immediate' } as const;
interface AcceptInput { partnerId: string; alert: { id: string; organizationId: string } }

export function createRoutingRepo(db: Db) {
  const d = alertDeliveries;
  // Arrival order is the rowid, written as `seq` too: the batch reads the largest once (inside its
  // IMMEDIATE transaction, so no other process writes meanwhile) and numbers its rows from there.
  const lastRowid = db.$client.prepare('select coalesce(max(rowid), 0) as n from alert_deliveries').pluck();
  const acceptFast = db.$client.prepare(
    `insert into alert_deliveries (rowid, seq, partner_id, alert_id, organization_id, alert, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`);
  const getOne = db.select().from(d).where(and(eq(d.partnerId, sql.placeholder('partnerId')), eq(d.alertId, sql.placeholder('alertId')))).prepare();
  // The alerts waiting to be resolved, oldest first, as the row type's fields: read without the query
  // builder's per-row mapping (a fifth of a resolve pass's CPU), the JSON columns parsed here.
  const unresolvedStmt = db.$client.prepare<[number]>(`select ${DELIVERY_ROW_COLUMNS} from alert_deliveries
    where state = 'queued' and group_key is null order by seq limit ?`);
  const unresolved = (limit: number): DeliveryRow[] => {
    const decisions = new Map<string, unknown>();
    return (unresolvedStmt.all(limit) as RawDeliveryRow[]).map((row) => parsedRow(row, decisions));
  };
  // The partner's alerts waiting to be resolved, counted in the unresolved index (only they are in it), not in the partner's history.
  const unresolvedCount = db.$client.prepare<[string]>(`select count(*) as n from alert_deliveries indexed by alert_deliveries_unresolved_idx
    where partner_id = ? and state = 'queued' and group_key is null`).pluck();
  const h = integrationHealth;
  // Claiming reads what it takes, not the queue (see `claimableGroups`): the integrations with waiting
  // alerts one index step each, then each available one's waiting alerts in arrival order.
  const firstQueuedIntegration = db.select({ id: d.integrationId }).from(d)
    .where(and(eq(d.state, 'queued'), sql`${d.integrationId} is not null`)).orderBy(asc(d.integrationId)).limit(1).prepare();
  const nextQueuedIntegration = db.select({ id: d.integrationId }).from(d)
    .where(and(eq(d.state, 'queued'), sql`${d.integrationId} > ${sql.placeholder('after')}`)).orderBy(asc(d.integrationId)).limit(1).prepare();
  const unavailable = db.select({ state: h.state }).from(h).where(and(eq(h.integrationId, sql.placeholder('integrationId')), eq(h.state, 'unavailable'))).prepare();
  const queuePage = db.select({ groupKey: d.groupKey, partnerId: d.partnerId, seq: d.seq }).from(d)
    .where(and(eq(d.state, 'queued'), eq(d.integrationId, sql.placeholder('integrationId')), sql`${d.seq} > ${sql.placeholder('after')}`))
    .orderBy(asc(d.seq)).limit(sql.placeholder('limit')).prepare();
  const firstGroup = db.select({ groupKey: d.groupKey, partnerId: d.partnerId, seq: d.seq }).from(d)
    .where(and(eq(d.state, 'queued'), eq(d.integrationId, sql.placeholder('integrationId')), sql`${d.groupKey} is not null`))
    .orderBy(asc(d.groupKey), asc(d.seq)).limit(1).prepare();
  const nextGroup = db.select({ groupKey: d.groupKey, partnerId: d.partnerId, seq: d.seq }).from(d)
    .where(and(eq(d.state, 'queued'), eq(d.integrationId, sql.placeholder('integrationId')), sql`${d.groupKey} > ${sql.placeholder('after')}`))
    .orderBy(asc(d.groupKey), asc(d.seq)).limit(1).prepare();
  // A group is held while any of its waiting alerts is claimed or backing off: read through the partial
  // held index, which holds only waiting alerts ever claimed or retried (not the group's whole backlog).
  // INDEXED BY: the group's queue index matches more equalities, and the planner cannot tell the partial index is small.
  const heldRow = db.$client.prepare<{ integrationId: string; groupKey: string; now: number }>(`select seq from alert_deliveries indexed by alert_deliveries_held_idx
    where integration_id = @integrationId and group_key = @groupKey and ${HELD_WHERE} and (claimed_until > @now or next_attempt_at > @now) limit 1`);
  const claimQueue: ClaimQueue<unknown> = {
    integrations: () => {
      const found: string[] = [];
      for (let row = firstQueuedIntegration.get(); row?.id; row = nextQueuedIntegration.get({ after: row.id })) found.push(row.id);
      return found;
    },
    unavailable: (integrationId) => unavailable.get({ integrationId }) !== undefined,
    page: (integrationId, after, limit) => queuePage.all({ integrationId, after, limit }),
    freeHeads: (integrationId, now, limit) => {
      const heads: QueuedRow[] = [];
      for (let head = firstGroup.get({ integrationId }); head?.groupKey != null; head = nextGroup.get({ integrationId, after: head.groupKey })) {
        if (heldRow.get({ integrationId, groupKey: head.groupKey, now }) === undefined) heads.push(head);
      }
      return heads.sort((a, b) => a.seq - b.seq).slice(0, limit);
    },
    held: (integrationId, groupKey, now) => heldRow.get({ integrationId, groupKey, now }) !== undefined,
  };
  // The group's oldest queued alerts, at most `limit` (MAX_ALERTS_PER_CLAIM): the rest wait for the next claim (the group is held meanwhile).
  // Returned as the row type's fields, read without the query builder's per-row mapping; one claim's
  // alerts mostly share one decision text, parsed once (nothing changes a decision once read).
  const claimGroupStmt = db.$client.prepare<{ until: number; integrationId: string; groupKey: string; limit: number }>(`update alert_deliveries set claimed_until = @until
    where rowid in (select rowid from alert_deliveries where integration_id = @integrationId and group_key = @groupKey and state = 'queued'
      order by seq limit @limit)
    returning ${DELIVERY_ROW_COLUMNS}`);
  const claimGroup = {
    all(params: { until: number; integrationId: string; groupKey: string; limit: number }): DeliveryRow[] {
      const decisions = new Map<string, unknown>();
      return (claimGroupStmt.all(params) as RawDeliveryRow[]).map((row) => parsedRow(row, decisions));
    },
  };
  const probesDue = db.select({ integrationId: h.integrationId }).from(h)
    .where(and(eq(h.state, 'unavailable'), sql`${h.nextProbeAt} <= ${sql.placeholder('now')}`, sql`${h.probeUntil} <= ${sql.placeholder('now')}`)).prepare();
  const oldestWaiting = db.select({ groupKey: d.groupKey, partnerId: d.partnerId }).from(d)
    .where(and(eq(d.integrationId, sql.placeholder('integrationId')), eq(d.state, 'queued'), sql`${d.groupKey} is not null`)).orderBy(asc(d.seq)).limit(1).prepare();
  // Rows never claimed (claimed_until 0) are not in the held index and do not change the max.
  const groupHeldUntil = db.$client.prepare<{ integrationId: string; groupKey: string }>(`select max(claimed_until) as until from alert_deliveries
    indexed by alert_deliveries_held_idx where integration_id = @integrationId and group_key = @groupKey and ${HELD_WHERE}`);
  const takeProbe = db.update(h).set({ probeUntil: sql`${sql.placeholder('until')}` }).where(eq(h.integrationId, sql.placeholder('integrationId'))).prepare();
  const expireStmt = db.update(d).set({ state: 'failed', reason: sql`${sql.placeholder('reason')}`, claimedUntil: 0, updatedAt: sql`${sql.placeholder('iso')}` })
    .where(and(eq(d.state, 'queued'), sql`${d.groupKey} is not null`, sql`${d.createdAt} < ${sql.placeholder('before')}`, sql`${d.claimedUntil} <= ${sql.placeholder('now')}`)).prepare();
  // A batch's resolutions, one prepared UPDATE per row by primary key in one IMMEDIATE transaction
  // (made once): a third less CPU per alert than one UPDATE … FROM json_each over the batch as a
  // JSON array, which SQLite read field by field (`->>`) for every row. A row another process
  // resolved meanwhile (no longer waiting, or with a group) is left as that one wrote it.
  const resolveOne = db.$client.prepare<[string | null, string, string | null, string | null, string | null, string, string, string]>(`update alert_deliveries
    set integration_id = ?, state = ?, group_key = ?, decision = ?, reason = ?, updated_at = ?
    where partner_id = ? and alert_id = ? and +state = 'queued' and group_key is null`);
  const resolveRows = db.$client.transaction((rows: DeliveryRow[], resolutions: Resolution[], now: string) => {
    rows.forEach((row, i) => {
      const r = resolutions[i]!;
      const decision = r.decision === null || r.decision === undefined ? null : JSON.stringify(r.decision);
      resolveOne.run(r.integrationId, r.state, r.groupKey, decision, r.reason, now, row.partnerId, row.alertId);
    });
  });
  const logPage = db.select({ row: d, organizationName: organizations.name, ticketNumber: ticketGroups.ticketNumber }).from(d)
    .leftJoin(organizations, and(eq(organizations.partnerId, d.partnerId), eq(organizations.id, d.organizationId)))
    .leftJoin(ticketGroups, and(eq(ticketGroups.integrationId, d.integrationId), eq(ticketGroups.groupKey, d.groupKey), eq(ticketGroups.vendorTicketId, d.vendorTicketId)))
    .where(and(
      eq(d.partnerId, sql.placeholder('partnerId')), eq(d.integrationId, sql.placeholder('integrationId')),
      sql`(${sql.placeholder('state')} is null or ${d.state} = ${sql.placeholder('state')})`,
      sql`(${sql.placeholder('organizationId')} is null or ${d.organizationId} = ${sql.placeholder('organizationId')})`,
      // (seq, alert id) < the cursor, written so the index serves the seq range (an OR alone would scan from the newest row).
      sql`${d.seq} <= ${sql.placeholder('afterSeq')} and (${d.seq} < ${sql.placeholder('afterSeq')} or ${d.alertId} < ${sql.placeholder('afterId')})`,
    ))
    .orderBy(desc(d.seq), desc(d.alertId)).limit(sql.placeholder('limit')).prepare();
  const stateCountsStmt = db.select({ state: d.state, outcome: d.outcome, n: sql<number>`count(*)` }).from(d).groupBy(d.state, d.outcome).prepare();
  // Read on every worker pass (its decider's first lookup): prepared once, not built per call (~90 µs).
  const psaIntegrationIdStmt = db.select({ id: integrations.id }).from(integrations)
    .where(and(eq(integrations.partnerId, sql.placeholder('partnerId')), eq(integrations.kind, 'psa')))
    .orderBy(sql`${integrations.deletedAt} is not null`, desc(integrations.deletedAt), desc(integrations.createdAt)).limit(1).prepare();
  const getGroupStmt = db.select().from(ticketGroups)
    .where(and(eq(ticketGroups.integrationId, sql.placeholder('integrationId')), eq(ticketGroups.groupKey, sql.placeholder('groupKey')))).prepare();

  const writeBacks = createRoutingWriteBacks(db);
  const groupWhere = (integrationId: string, groupKey: string) => and(eq(ticketGroups.integrationId, integrationId), eq(ticketGroups.groupKey, groupKey));

  /**
   * Intake's hot path, one transaction per batch: plain INSERTs, and each new row built here from
   * what was written (reading it back through RETURNING and the mapper cost as much as the insert).
   * An alert id seen twice, in one batch or across batches, finds the row its first arrival wrote.
   */
  // better-sqlite3's own transaction, made once: drizzle's builds a query builder per table of the
  // schema for every transaction (about 2 µs of each alert's CPU at intake's batch sizes).
  const intakeBatch = db.$client.transaction((inputs: AcceptInput[]) => {
    const now = nowIso();
    let rowid = Number(lastRowid.get());
    return inputs.map(({ partnerId, alert }): Accepted => {
      const inserted = acceptFast.run(rowid + 1, rowid + 1, partnerId, alert.id, alert.organizationId, JSON.stringify(alert), now, now);
      if (inserted.changes === 0) return { row: getOne.get({ partnerId, alertId: alert.id })!, created: false };
      rowid += 1;
      return {
        created: true,
        row: {
          partnerId, alertId: alert.id, integrationId: null, organizationId: alert.organizationId, alert, state: 'queued', outcome: null,
          reason: null, decision: null, groupKey: null, vendorTicketId: null, vendorNoteId: null, marker: null, attempts: 0, lastError: null,
          nextAttemptAt: 0, claimedUntil: 0, seq: rowid, createdAt: now, updatedAt: now, deliveredAt: null,
        },
      };
    });
  });
  const intake = new GroupCommit<AcceptInput, Accepted>((inputs) => intakeBatch.immediate(inputs));

  return {
    /**
     * Each call runs synchronously underneath, so its whole duration holds the event loop: the
     * routing worker sizes its pieces of work by time here (routing-worker.ts).
     */
    holdsEventLoop: true as boolean,

    // ---- intake and reads ----------------------------------------------------------------------

    /** The one write of intake: a new row, or (same alert id again) the stored one. Settles after its batch committed. */
    accept(partnerId: string, alert: { id: string; organizationId: string }): Promise<Accepted> {
      return intake.submit({ partnerId, alert });
    },
    async get(partnerId: string, alertId: string): Promise<DeliveryRow | undefined> {
      return getOne.get({ partnerId, alertId });
    },

    // ---- resolving (pure DB: decision and group key) -------------------------------------------

    /**
     * Resolves up to `limit` accepted alerts in arrival order with `decide` (database reads only),
     * then writes every resolution in one IMMEDIATE transaction; a row resolved meanwhile by
     * another process is left as that one wrote it.
     */
    async resolveBatch(limit: number, decide: (row: DeliveryRow) => Promise<Resolution>): Promise<number> {
      const rows = unresolved(limit);
      if (rows.length === 0) return 0;
      const resolutions: Resolution[] = [];
      for (const row of rows) resolutions.push(await decide(row));
      resolveRows.immediate(rows, resolutions, nowIso());
      return rows.length;
    },

    // ---- claiming ------------------------------------------------------------------------------

    /** Claims up to `maxGroups` groups, each with at most `maxAlerts` of its oldest waiting alerts. */
    async claimGroups(now: number, until: number, maxGroups: number, maxAlerts = MAX_ALERTS_PER_CLAIM): Promise<Claim[]> {
      if (maxGroups <= 0) return [];
      const limit = Math.max(1, Math.min(MAX_ALERTS_PER_CLAIM, Math.floor(maxAlerts)));
      return db.transaction(() => {
        const claims: Claim[] = [];
        // Probes first: the oldest waiting group of each unavailable integration whose probe is due (one at a time).
        for (const { integrationId } of probesDue.all({ now })) {
          if (claims.length >= maxGroups) break;
          const head = oldestWaiting.get({ integrationId });
          if (!head?.groupKey || Number((groupHeldUntil.get({ integrationId, groupKey: head.groupKey }) as { until: number | null } | undefined)?.until ?? 0) > now) continue;
          const rows = claimGroup.all({ until, integrationId, groupKey: head.groupKey, limit }).sort((a, b) => a.seq - b.seq);
          takeProbe.run({ until, integrationId });
          claims.push({ partnerId: head.partnerId, integrationId, groupKey: head.groupKey, until, rows, probe: true });
        }
        for (const g of claimableGroups(claimQueue, now, maxGroups - claims.length)) {
          const rows = claimGroup.all({ until, integrationId: g.integrationId, groupKey: g.groupKey, limit }).sort((a, b) => a.seq - b.seq);
          if (rows.length > 0) claims.push({ partnerId: g.partnerId, integrationId: g.integrationId, groupKey: g.groupKey, until, rows });
        }
        return claims;
      }, immediate);
    },
    /** Heartbeat: keeps the claim while its vendor calls run. False when it was lost. */
    async extendClaim(claim: Claim, until: number): Promise<boolean> {
      return writeBacks.extend(claim, until);
    },
    /** Gives the group back at once (clean stop), so another worker need not wait for the lease. */
    async releaseClaim(claim: Claim): Promise<void> {
      writeBacks.release(claim);
    },

    // ---- write-backs (each checks the claim in its own UPDATE: routing-writebacks.ts) ----------

    async getGroup(integrationId: string, groupKey: string): Promise<TicketGroupRow | undefined> {
      return getGroupStmt.get({ integrationId, groupKey });
    },
    /** Records a ticket create before its vendor call (the crash-reconciliation intent). */
    async recordTicketIntent(claim: Claim, alertId: string, psaAccountId: string, marker: string): Promise<void> {
      writeBacks.ticketIntent(claim, alertId, psaAccountId, marker);
    },
    /** The group's ticket exists in the PSA: remember it, and mark the alert that opened it (with the platform `events` it owes). */
    async recordTicketCreated(claim: Claim, alertId: string, ticket: { id: string; number: string | null; isOpen: boolean }, decision: unknown, now: number, events: OwedEvent[] = []): Promise<void> {
      writeBacks.ticketCreated(claim, alertId, ticket, decision, now, events);
    },
    /**
     * A ticket found by the marker of an alert that is no longer in the queue (it failed after its
     * create had in fact reached the PSA): the group adopts the ticket and that alert is delivered.
     */
    async adoptTicket(claim: Claim, marker: string, ticket: { id: string; number: string | null; isOpen: boolean }, now: number): Promise<void> {
      db.transaction((tx) => {
        tx.update(ticketGroups).set({ vendorTicketId: ticket.id, ticketNumber: ticket.number, isOpen: ticket.isOpen, checkedAt: now, pendingMarker: null, updatedAt: nowIso() })
          .where(groupWhere(claim.integrationId, claim.groupKey)).run();
        // The integration's failed alerts (its queue index), not the partner's whole history: the marked alert was of this group.
        tx.update(d).set({ state: 'delivered', outcome: 'ticket_created', vendorTicketId: ticket.id, reason: null, deliveredAt: nowIso(), updatedAt: nowIso() })
          .where(and(eq(d.partnerId, claim.partnerId), eq(d.integrationId, claim.integrationId), eq(d.marker, marker), eq(d.state, 'failed'))).run();
      }, immediate);
    },
    /** The intent was never carried out (no ticket with its marker): forget it. */
    async clearTicketIntent(claim: Claim): Promise<void> {
      db.update(ticketGroups).set({ pendingMarker: null, updatedAt: nowIso() }).where(groupWhere(claim.integrationId, claim.groupKey)).run();
    },
    async recordOpenState(integrationId: string, groupKey: string, isOpen: boolean, checkedAt: number): Promise<void> {
      db.update(ticketGroups).set({ isOpen, checkedAt, updatedAt: nowIso() }).where(groupWhere(integrationId, groupKey)).run();
    },
    /** One statement for the whole coalesced note: its alerts get the note's marker before the vendor call. */
    async recordNoteIntent(claim: Claim, alertIds: string[], ticketId: string, marker: string): Promise<void> {
      writeBacks.noteIntent(claim, alertIds, ticketId, marker);
    },
    /** The note certainly did not reach the PSA: forget its marker so nothing waits for it. */
    async clearNoteIntent(claim: Claim, alertIds: string[]): Promise<void> {
      writeBacks.noteCleared(claim, alertIds);
    },
    /** One statement for the whole coalesced note: its alerts are delivered (with the platform `events` it owes). */
    async recordNoteAdded(claim: Claim, alertIds: string[], ticketId: string, noteId: string | null, events: OwedEvent[] = []): Promise<void> {
      writeBacks.noteAdded(claim, alertIds, ticketId, noteId, events);
    },
    /**
     * A transient failure: one more attempt counted, the claim released, the next try scheduled;
     * alerts accepted before `expireBefore` (past the retry horizon) become failed with the advice.
     * Returns those ids; of the owed `events`, those `ifFailed` one of them are queued.
     */
    async recordRetry(claim: Claim, alertIds: string[], input: RetryInput, events: OwedEvent[] = []): Promise<string[]> {
      return writeBacks.retry(claim, alertIds, input, events);
    },
    async recordFailed(claim: Claim, alertIds: string[], lastError: string, advice: string, events: OwedEvent[] = []): Promise<void> {
      writeBacks.failed(claim, alertIds, lastError, advice, events);
    },
    async recordSkipped(claim: Claim, alertIds: string[], reason: string, decision: unknown): Promise<void> {
      writeBacks.skipped(claim, alertIds, reason, decision);
    },

    /**
     * Fails the waiting alerts accepted before `before` (past the retry horizon) that no worker holds:
     * those of an integration whose breaker stayed open longer than the horizon are never tried.
     */
    async expireQueued(before: string, now: number, reason: string): Promise<number> {
      return expireStmt.run({ before, now, reason, iso: nowIso() }).changes;
    },

    /** ASSUMPTION: an admin retry queues a failed alert from scratch, re-resolved with today's settings (the fix may be in them). */
    async requeueFailed(partnerId: string, alertId: string): Promise<DeliveryRow | undefined> {
      return db.update(d).set({ ...REQUEUE, updatedAt: nowIso() })
        .where(and(eq(d.partnerId, partnerId), eq(d.alertId, alertId), eq(d.state, 'failed'))).returning().get();
    },
    /**
     * Queues again every failed alert of one integration (or only those of `alertIds`) in one
     * statement: only rows still failed change, so two retries at once queue each alert once.
     */
    async requeueFailedOf(partnerId: string, integrationId: string, alertIds: string[] | null): Promise<DeliveryRow[]> {
      const which = and(eq(d.partnerId, partnerId), eq(d.integrationId, integrationId), eq(d.state, 'failed'), alertIds ? inArray(d.alertId, alertIds) : undefined);
      return db.update(d).set({ ...REQUEUE, updatedAt: nowIso() }).where(which).returning().all();
    },

    // ---- the delivery log ----------------------------------------------------------------------

    async deliveryLog(partnerId: string, integrationId: string, query: DeliveryLogQuery): Promise<DeliveryLogRow[]> {
      return logPage.all({
        partnerId, integrationId, state: query.state, organizationId: query.organizationId, limit: query.limit,
        afterSeq: query.after?.seq ?? Number.MAX_SAFE_INTEGER, afterId: query.after?.alertId ?? '',
      });
    },

    // ---- integrations (cross-partner reads routing needs) --------------------------------------

    /** The partner's PSA integration: the live one, else the most recently deleted one. */
    async psaIntegrationIdForPartner(partnerId: string): Promise<string | undefined> {
      return psaIntegrationIdStmt.get({ partnerId })?.id;
    },
    async activePsaIntegrations(): Promise<Array<{ id: string; partnerId: string }>> {
      return db.select({ id: integrations.id, partnerId: integrations.partnerId }).from(integrations)
        .where(and(eq(integrations.kind, 'psa'), eq(integrations.status, 'active'), isNull(integrations.deletedAt))).all();
    },

    // ---- health --------------------------------------------------------------------------------

    async lastDelivered(integrationId: string): Promise<DeliveryRow | undefined> {
      return db.select().from(d).where(and(eq(d.integrationId, integrationId), eq(d.state, 'delivered'))).orderBy(desc(d.deliveredAt), desc(d.seq)).limit(1).get();
    },
    async counts(partnerId: string, integrationId: string): Promise<{ queued: number; failed: number; delivered: number; skipped: number; unresolved: number }> {
      const rows = db.select({ state: d.state, n: sql<number>`count(*)` }).from(d).where(and(inArray(d.state, DELIVERY_STATES), eq(d.integrationId, integrationId))).groupBy(d.state).all();
      const unresolved = unresolvedCount.get(partnerId);
      const by = Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
      return { queued: by.queued ?? 0, failed: by.failed ?? 0, delivered: by.delivered ?? 0, skipped: by.skipped ?? 0, unresolved: Number(unresolved) };
    },
    /** Alerts by state and outcome across every partner (metrics: counts only). */
    async stateCounts(): Promise<Array<{ state: DeliveryState; outcome: DeliveryRow['outcome']; n: number }>> {
      return stateCountsStmt.all().map((r) => ({ ...r, n: Number(r.n) }));
    },
    async failures(integrationId: string, limit: number): Promise<DeliveryRow[]> {
      return db.select().from(d).where(and(eq(d.integrationId, integrationId), eq(d.state, 'failed'))).orderBy(desc(d.updatedAt)).limit(limit).all();
    },
    /** Alerts failing right now (waiting for another attempt), with their last error. */
    async retrying(integrationId: string, limit: number): Promise<DeliveryRow[]> {
      return db.select().from(d).where(and(eq(d.integrationId, integrationId), eq(d.state, 'queued'), sql`${d.attempts} > 0`)).orderBy(desc(d.updatedAt)).limit(limit).all();
    },

    // ---- billable syncs ------------------------------------------------------------------------

    async recordBillableSync(row: typeof billableSyncs.$inferInsert): Promise<void> {
      db.insert(billableSyncs).values(row).run();
    },
    async billableSyncs(integrationId: string, period?: string): Promise<BillableSyncRow[]> {
      const where = period ? and(eq(billableSyncs.integrationId, integrationId), eq(billableSyncs.period, period)) : eq(billableSyncs.integrationId, integrationId);
      return db.select().from(billableSyncs).where(where).orderBy(desc(billableSyncs.id)).limit(500).all();
    },
  };
}
export type RoutingRepo = ReturnType<typeof createRoutingRepo>;
