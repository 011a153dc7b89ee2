/**
 * @module PostgreSQL implementation of the routing repository (same interface as
 * db/repositories/routing.repo.ts). Several instances share one database:
 * - resolving runs under a transaction-scoped advisory lock, so alerts are resolved in arrival
 *   order by one instance at a time (a group's alerts never resolve out of order);
 * - claiming runs under another advisory lock, and each group's rows are taken with
 *   `FOR UPDATE SKIP LOCKED`, so a group is held by one instance at a time; the hold is a lease
 *   (`claimed_until`), so a killed instance's groups lapse and another takes them over;
 * - every write-back locks its rows (`FOR UPDATE`) and checks the claim is still this worker's,
 *   and queues the platform events it owes in the same transaction.
 */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { PgDb } from '../pg-client.js';
import { alertDeliveries, billableSyncs, integrationHealth, integrations, organizations, ticketGroups } from '../schema-pg/index.js';
import { nowIso } from '../schema/columns.helpers.js';
import { HELD_INDEX, LostClaimError, MAX_ALERTS_PER_CLAIM, newestSeq, REQUEUE, type Accepted, type Claim, type DeliveryRow } from '../repositories/routing-contract.js';
import type { OwedEvent } from '../repositories/owed-events.js';
import { queueOwedEvents } from './owed-events.js';
import type { RoutingRepo } from '../repositories/routing.repo.js';
import { GroupCommit } from '../group-commit.js';
import { DELIVERY_STATES } from '../schema/routing.js';
import { claimableGroupsAsync, type ClaimQueue } from '../repositories/claimable-groups.js';

const RESOLVE_LOCK = 7_240_010;
const CLAIM_LOCK = 7_240_011;

interface AcceptInput { partnerId: string; alert: { id: string; organizationId: string } }
const keyOf = (input: AcceptInput) => `${input.partnerId}\u0000${input.alert.id}`;

type Tx = Parameters<Parameters<PgDb['transaction']>[0]>[0];

/**
 * One claim's database calls run one after another: the heartbeat's extension changes the
 * lease value a write-back checks, so the two must never overlap (SQLite gets this for free).
 */
const chains = new WeakMap<Claim, Promise<unknown>>();
function serial<T>(claim: Claim, run: () => Promise<T>): Promise<T> {
  const next = (chains.get(claim) ?? Promise.resolve()).catch(() => {}).then(run);
  chains.set(claim, next);
  return next;
}

export function createPgRoutingRepo(db: PgDb): RoutingRepo {
  const d = alertDeliveries;
  const h = integrationHealth;
  const pool = db.$client;
  const rowsOf = (claim: Claim, alertIds: string[]) => and(eq(d.partnerId, claim.partnerId), inArray(d.alertId, alertIds));
  const groupWhere = (integrationId: string, groupKey: string) => and(eq(ticketGroups.integrationId, integrationId), eq(ticketGroups.groupKey, groupKey));

  /** The claim search's reads (claimable-groups.ts), each one index step or range (test/db/routing-query-plans.test.ts). */
  const claimQueue = (tx: Tx): ClaimQueue<Promise<unknown>> => {
    const waiting = (integrationId: string) => and(eq(d.state, 'queued'), eq(d.integrationId, integrationId));
    const head = { groupKey: d.groupKey, partnerId: d.partnerId, seq: d.seq };
    return {
      integrations: async () => {
        const found: string[] = [];
        for (let after: string | null = null; ;) {
          const [row] = await tx.select({ id: d.integrationId }).from(d)
            .where(and(eq(d.state, 'queued'), after === null ? sql`${d.integrationId} is not null` : sql`${d.integrationId} > ${after}`))
            .orderBy(asc(d.integrationId)).limit(1);
          if (!row?.id) return found;
          found.push(after = row.id);
        }
      },
      unavailable: async (integrationId) => (await tx.select({ state: h.state }).from(h).where(and(eq(h.integrationId, integrationId), eq(h.state, 'unavailable')))).length > 0,
      page: (integrationId, after, limit) => tx.select(head).from(d).where(and(waiting(integrationId), sql`${d.seq} > ${after}`)).orderBy(asc(d.seq)).limit(limit),
      // One statement: a loose index scan over the group keys (each step one seek), each head's hold checked, oldest first.
      freeHeads: async (integrationId, now, limit) => (await tx.execute<{ groupKey: string; partnerId: string; seq: number }>(sql`
        with recursive g as (
          (select group_key, partner_id, seq from alert_deliveries
            where state = 'queued' and integration_id = ${integrationId} and group_key is not null order by group_key, seq limit 1)
          union all
          select n.* from g, lateral (select group_key, partner_id, seq from alert_deliveries
            where state = 'queued' and integration_id = ${integrationId} and group_key > g.group_key order by group_key, seq limit 1) n
        )
        select group_key as "groupKey", partner_id as "partnerId", seq from g
        -- A scalar subquery with LIMIT stays one index probe per group (an anti-join would read the integration's whole queue).
        where (select h.seq from alert_deliveries h where h.integration_id = ${integrationId} and h.group_key = g.group_key
          and ${HELD_INDEX} and (h.claimed_until > ${now} or h.next_attempt_at > ${now}) limit 1) is null
        order by seq limit ${limit}`)).rows,
      // Through the partial held index: only waiting alerts ever claimed or retried, not the group's backlog.
      held: async (integrationId, groupKey, now) => (await tx.select({ seq: d.seq }).from(d)
        .where(and(eq(d.integrationId, integrationId), eq(d.groupKey, groupKey), HELD_INDEX, sql`(${d.claimedUntil} > ${now} or ${d.nextAttemptAt} > ${now})`))
        .limit(1)).length > 0,
    };
  };

  /** The claim's rows, still waiting and held by this claim (by primary key). */
  const ownedRows = (claim: Claim, alertIds: string[]) => and(rowsOf(claim, alertIds), eq(d.claimedUntil, claim.until), eq(d.state, 'queued'));
  /**
   * One UPDATE of the claim's rows with the claim check in its WHERE (it waits for a row another
   * transaction holds, then checks it again): fewer rows changed than given means the claim was
   * lost, and throwing rolls the transaction back. Returns the changed rows' ids and states.
   */
  async function updateOwned(tx: Tx, claim: Claim, alertIds: string[], set: Parameters<ReturnType<Tx['update']>['set']>[0]) {
    const rows = await tx.update(d).set(set).where(ownedRows(claim, alertIds)).returning({ alertId: d.alertId, state: d.state });
    if (rows.length !== alertIds.length) throw new LostClaimError(claim);
    return rows;
  }
  const underClaim = (claim: Claim, alertIds: string[], set: Parameters<typeof updateOwned>[3], after?: (tx: Tx) => Promise<unknown>, events: OwedEvent[] = [], failing = false) =>
    serial(claim, () => db.transaction(async (tx) => {
      await updateOwned(tx, claim, alertIds, set);
      await after?.(tx);
      await queueOwedEvents(tx, events, failing ? new Set(alertIds) : undefined);
    }));
  /** The group's rows this claim holds: its waiting alerts up to the claim's newest (the index range stops there). */
  const heldRows = (claim: Claim) => and(eq(d.state, 'queued'), eq(d.integrationId, claim.integrationId), eq(d.groupKey, claim.groupKey),
    sql`${d.seq} <= ${newestSeq(claim)}`, eq(d.claimedUntil, claim.until));

  /**
   * Intake's hot path, one statement per batch: a multi-row INSERT … ON CONFLICT DO NOTHING
   * (one named, server-side prepared statement over arrays, whatever the batch size), in arrival
   * order so the bigserial `seq` follows it. An alert id seen twice in a batch is written once and
   * both callers get that record; ids already stored are read back.
   */
  const intake = new GroupCommit<AcceptInput, Accepted>(async (inputs) => {
    const now = nowIso();
    const firstOf = new Map<string, AcceptInput>();
    for (const input of inputs) if (!firstOf.has(keyOf(input))) firstOf.set(keyOf(input), input);
    const unique = [...firstOf.values()];
    const inserted = await pool.query<{ partner_id: string; alert_id: string; seq: number }>({
      name: 'routing-accept-batch',
      text: `insert into alert_deliveries (partner_id, alert_id, organization_id, alert, created_at, updated_at)
             select p, a, o, j::jsonb, $5, $5 from unnest($1::text[], $2::text[], $3::text[], $4::text[]) with ordinality as u(p, a, o, j, n)
             order by n on conflict do nothing returning partner_id, alert_id, seq`,
      values: [unique.map((u) => u.partnerId), unique.map((u) => u.alert.id), unique.map((u) => u.alert.organizationId), unique.map((u) => JSON.stringify(u.alert)), now],
    });
    const created = new Map<string, Accepted>();
    for (const r of inserted.rows) {
      const { partnerId, alert } = firstOf.get(`${r.partner_id}\u0000${r.alert_id}`)!;
      created.set(keyOf({ partnerId, alert }), {
        created: true,
        row: {
          partnerId, alertId: alert.id, integrationId: null, organizationId: alert.organizationId, alert, state: 'queued', outcome: null,
          reason: null, decision: null, groupKey: null, vendorTicketId: null, vendorNoteId: null, marker: null, attempts: 0, lastError: null,
          nextAttemptAt: 0, claimedUntil: 0, seq: Number(r.seq), createdAt: now, updatedAt: now, deliveredAt: null,
        },
      });
    }
    const stored = new Map<string, Promise<DeliveryRow | undefined>>();
    const seen = new Set<string>();
    return Promise.all(inputs.map(async (input): Promise<Accepted> => {
      const key = keyOf(input);
      const fresh = created.get(key);
      const first = !seen.has(key);
      seen.add(key);
      if (fresh) return first ? fresh : { row: fresh.row, created: false };
      if (!stored.has(key)) stored.set(key, repo.get(input.partnerId, input.alert.id));
      return { row: (await stored.get(key))!, created: false };
    }));
  });

  const repo = {
    // Calls wait on the network: the event loop is free meanwhile, so the worker's pieces need no sizing by time.
    holdsEventLoop: false,
    accept(partnerId, alert) {
      return intake.submit({ partnerId, alert });
    },
    async get(partnerId, alertId) {
      return (await db.select().from(d).where(and(eq(d.partnerId, partnerId), eq(d.alertId, alertId))))[0];
    },

    async resolveBatch(limit, decide) {
      return db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${RESOLVE_LOCK})`);
        const rows = await tx.select().from(d).where(and(eq(d.state, 'queued'), isNull(d.groupKey))).orderBy(asc(d.seq)).limit(limit);
        if (rows.length === 0) return 0;
        const resolved = [];
        for (const row of rows) {
          const r = await decide(row);
          resolved.push({ partner_id: row.partnerId, alert_id: row.alertId, integration_id: r.integrationId, state: r.state, group_key: r.groupKey, decision: r.decision ?? null, reason: r.reason });
        }
        // The whole batch in one statement (one round trip instead of one per alert).
        await tx.execute(sql`update alert_deliveries as d set integration_id = x.integration_id, state = x.state, group_key = x.group_key,
            decision = x.decision, reason = x.reason, updated_at = ${nowIso()}
          from jsonb_to_recordset(${JSON.stringify(resolved)}::jsonb)
            as x(partner_id text, alert_id text, integration_id text, state text, group_key text, decision jsonb, reason text)
          where d.partner_id = x.partner_id and d.alert_id = x.alert_id and d.state = 'queued' and d.group_key is null`);
        return rows.length;
      });
    },

    async claimGroups(now, until, maxGroups, maxAlerts = MAX_ALERTS_PER_CLAIM) {
      if (maxGroups <= 0) return [];
      const limit = Math.max(1, Math.min(MAX_ALERTS_PER_CLAIM, Math.floor(maxAlerts)));
      return db.transaction(async (tx) => {
        // One claimer at a time sees the queue: a group with any row held is not offered.
        await tx.execute(sql`select pg_advisory_xact_lock(${CLAIM_LOCK})`);
        const claims: Claim[] = [];
        const take = async (integrationId: string, groupKey: string, partnerId: string, probe: boolean) => {
          const where = and(eq(d.integrationId, integrationId), eq(d.groupKey, groupKey), eq(d.state, 'queued'));
          // Rows a write-back holds right now are skipped, not waited for; the group comes back next pass.
          const lockable = await tx.select({ partnerId: d.partnerId, alertId: d.alertId }).from(d).where(where)
            .orderBy(asc(d.seq)).limit(limit).for('update', { skipLocked: true });
          if (lockable.length === 0) return false;
          const ids = lockable.map((r) => r.alertId);
          const rows = await tx.update(d).set({ claimedUntil: until })
            .where(and(where, inArray(d.alertId, ids), sql`${d.claimedUntil} <= ${now}`)).returning();
          if (rows.length === 0) return false;
          rows.sort((a, b) => a.seq - b.seq);
          claims.push({ partnerId, integrationId, groupKey, until, rows, ...(probe ? { probe } : {}) });
          return true;
        };
        // Probes first: the oldest waiting group of each unavailable integration whose probe is due (one at a time).
        const due = await tx.select({ integrationId: h.integrationId }).from(h)
          .where(and(eq(h.state, 'unavailable'), sql`${h.nextProbeAt} <= ${now}`, sql`${h.probeUntil} <= ${now}`));
        for (const { integrationId } of due) {
          if (claims.length >= maxGroups) break;
          const [head] = await tx.select({ groupKey: d.groupKey, partnerId: d.partnerId }).from(d)
            .where(and(eq(d.integrationId, integrationId), eq(d.state, 'queued'), sql`${d.groupKey} is not null`)).orderBy(asc(d.seq)).limit(1);
          if (!head?.groupKey) continue;
          const [held] = await tx.select({ until: sql<number>`max(${d.claimedUntil})` }).from(d)
            .where(and(eq(d.integrationId, integrationId), eq(d.groupKey, head.groupKey), HELD_INDEX));
          if (Number(held?.until ?? 0) > now) continue;
          if (await take(integrationId, head.groupKey, head.partnerId, true)) await tx.update(h).set({ probeUntil: until }).where(eq(h.integrationId, integrationId));
        }
        // Other groups: an unavailable integration's queue is held (see claimable-groups.ts).
        const groups = await claimableGroupsAsync(claimQueue(tx), now, Math.max(0, maxGroups - claims.length));
        for (const g of groups) await take(g.integrationId, g.groupKey, g.partnerId, false);
        return claims;
      });
    },
    async extendClaim(claim, until) {
      return serial(claim, async () => {
        const changed = await db.update(d).set({ claimedUntil: until }).where(heldRows(claim)).returning({ id: d.alertId });
        if (changed.length > 0) claim.until = until;
        return changed.length > 0;
      });
    },
    async releaseClaim(claim) {
      await serial(claim, () => db.update(d).set({ claimedUntil: 0 }).where(heldRows(claim)));
    },

    async getGroup(integrationId, groupKey) {
      return (await db.select().from(ticketGroups).where(groupWhere(integrationId, groupKey)))[0];
    },
    async recordTicketIntent(claim, alertId, psaAccountId, marker) {
      await underClaim(claim, [alertId], { marker, updatedAt: nowIso() }, (tx) => tx.insert(ticketGroups)
        .values({ integrationId: claim.integrationId, groupKey: claim.groupKey, psaAccountId, pendingMarker: marker, isOpen: false })
        .onConflictDoUpdate({ target: [ticketGroups.integrationId, ticketGroups.groupKey], set: { pendingMarker: marker, updatedAt: nowIso() } }));
    },
    async recordTicketCreated(claim, alertId, ticket, decision, now, events = []) {
      await underClaim(claim, [alertId],
        { state: 'delivered', outcome: 'ticket_created', vendorTicketId: ticket.id, decision, reason: null, claimedUntil: 0, deliveredAt: nowIso(), updatedAt: nowIso() },
        (tx) => tx.update(ticketGroups).set({ vendorTicketId: ticket.id, ticketNumber: ticket.number, isOpen: ticket.isOpen, checkedAt: now, pendingMarker: null, updatedAt: nowIso() })
          .where(groupWhere(claim.integrationId, claim.groupKey)), events);
    },
    async adoptTicket(claim, marker, ticket, now) {
      await db.transaction(async (tx) => {
        await tx.update(ticketGroups).set({ vendorTicketId: ticket.id, ticketNumber: ticket.number, isOpen: ticket.isOpen, checkedAt: now, pendingMarker: null, updatedAt: nowIso() })
          .where(groupWhere(claim.integrationId, claim.groupKey));
        await tx.update(d).set({ state: 'delivered', outcome: 'ticket_created', vendorTicketId: ticket.id, reason: null, deliveredAt: nowIso(), updatedAt: nowIso() })
          .where(and(eq(d.partnerId, claim.partnerId), eq(d.marker, marker), eq(d.state, 'failed')));
      });
    },
    async clearTicketIntent(claim) {
      await db.update(ticketGroups).set({ pendingMarker: null, updatedAt: nowIso() }).where(groupWhere(claim.integrationId, claim.groupKey));
    },
    async recordOpenState(integrationId, groupKey, isOpen, checkedAt) {
      await db.update(ticketGroups).set({ isOpen, checkedAt, updatedAt: nowIso() }).where(groupWhere(integrationId, groupKey));
    },
    async recordNoteIntent(claim, alertIds, ticketId, marker) {
      await underClaim(claim, alertIds, { marker, vendorTicketId: ticketId, updatedAt: nowIso() });
    },
    async clearNoteIntent(claim, alertIds) {
      await underClaim(claim, alertIds, { marker: null, updatedAt: nowIso() });
    },
    async recordNoteAdded(claim, alertIds, ticketId, noteId, events = []) {
      await underClaim(claim, alertIds,
        { state: 'delivered', outcome: 'note_added', vendorTicketId: ticketId, vendorNoteId: noteId, reason: null, claimedUntil: 0, deliveredAt: nowIso(), updatedAt: nowIso() }, undefined, events);
    },
    async recordRetry(claim, alertIds, input, events = []) {
      return serial(claim, () => db.transaction(async (tx) => {
        const failed = sql`${d.createdAt} < ${input.expireBefore}`;
        const rows = await updateOwned(tx, claim, alertIds, {
          attempts: sql`${d.attempts} + 1`, lastError: input.lastError, nextAttemptAt: input.nextAttemptAt, claimedUntil: 0, updatedAt: nowIso(),
          state: sql`case when ${failed} then 'failed' else 'queued' end`, reason: sql`case when ${failed} then ${input.advice}::text else null end`,
        });
        const failedIds = rows.filter((r) => r.state === 'failed').map((r) => r.alertId);
        await queueOwedEvents(tx, events, new Set(failedIds));
        return failedIds;
      }));
    },
    async recordFailed(claim, alertIds, lastError, advice, events = []) {
      await underClaim(claim, alertIds, { state: 'failed', attempts: sql`${d.attempts} + 1`, lastError, reason: advice, claimedUntil: 0, updatedAt: nowIso() }, undefined, events, true);
    },
    async recordSkipped(claim, alertIds, reason, decision) {
      await underClaim(claim, alertIds, { state: 'skipped', reason, decision, claimedUntil: 0, updatedAt: nowIso() });
    },
    async expireQueued(before, now, reason) {
      const rows = await db.update(d).set({ state: 'failed', reason, claimedUntil: 0, updatedAt: nowIso() })
        .where(and(eq(d.state, 'queued'), sql`${d.groupKey} is not null`, sql`${d.createdAt} < ${before}`, sql`${d.claimedUntil} <= ${now}`)).returning({ id: d.alertId });
      return rows.length;
    },
    async requeueFailed(partnerId, alertId) {
      return (await db.update(d).set({ ...REQUEUE, updatedAt: nowIso() })
        .where(and(eq(d.partnerId, partnerId), eq(d.alertId, alertId), eq(d.state, 'failed'))).returning())[0];
    },
    async requeueFailedOf(partnerId, integrationId, alertIds) {
      const which = and(eq(d.partnerId, partnerId), eq(d.integrationId, integrationId), eq(d.state, 'failed'), alertIds ? inArray(d.alertId, alertIds) : undefined);
      return db.update(d).set({ ...REQUEUE, updatedAt: nowIso() }).where(which).returning();
    },
    async deliveryLog(partnerId, integrationId, query) {
      const after = query.after;
      return db.select({ row: d, organizationName: organizations.name, ticketNumber: ticketGroups.ticketNumber }).from(d)
        .leftJoin(organizations, and(eq(organizations.partnerId, d.partnerId), eq(organizations.id, d.organizationId)))
        .leftJoin(ticketGroups, and(eq(ticketGroups.integrationId, d.integrationId), eq(ticketGroups.groupKey, d.groupKey), eq(ticketGroups.vendorTicketId, d.vendorTicketId)))
        .where(and(
          eq(d.partnerId, partnerId), eq(d.integrationId, integrationId),
          query.state ? eq(d.state, query.state) : undefined,
          query.organizationId ? eq(d.organizationId, query.organizationId) : undefined,
          after ? sql`(${d.seq}, ${d.alertId}) < (${after.seq}, ${after.alertId})` : undefined,
        ))
        .orderBy(desc(d.seq), desc(d.alertId)).limit(query.limit);
    },

    async psaIntegrationIdForPartner(partnerId) {
      return (await db.select({ id: integrations.id }).from(integrations).where(and(eq(integrations.partnerId, partnerId), eq(integrations.kind, 'psa')))
        .orderBy(sql`${integrations.deletedAt} is not null`, sql`${integrations.deletedAt} desc nulls last`, desc(integrations.createdAt)).limit(1))[0]?.id;
    },
    async activePsaIntegrations() {
      return db.select({ id: integrations.id, partnerId: integrations.partnerId }).from(integrations)
        .where(and(eq(integrations.kind, 'psa'), eq(integrations.status, 'active'), isNull(integrations.deletedAt)));
    },

    async lastDelivered(integrationId) {
      return (await db.select().from(d).where(and(eq(d.integrationId, integrationId), eq(d.state, 'delivered')))
        .orderBy(sql`${d.deliveredAt} desc nulls last`, desc(d.seq)).limit(1))[0];
    },
    async counts(partnerId, integrationId) {
      const rows = await db.select({ state: d.state, n: sql<number>`count(*)::int` }).from(d).where(and(inArray(d.state, DELIVERY_STATES), eq(d.integrationId, integrationId))).groupBy(d.state);
      const [unresolved] = await db.select({ n: sql<number>`count(*)::int` }).from(d).where(and(eq(d.partnerId, partnerId), eq(d.state, 'queued'), isNull(d.groupKey)));
      const by = Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
      return { queued: by.queued ?? 0, failed: by.failed ?? 0, delivered: by.delivered ?? 0, skipped: by.skipped ?? 0, unresolved: Number(unresolved?.n ?? 0) };
    },
    async stateCounts() {
      const rows = await db.select({ state: d.state, outcome: d.outcome, n: sql<number>`count(*)::int` }).from(d).groupBy(d.state, d.outcome);
      return rows.map((r) => ({ ...r, n: Number(r.n) }));
    },
    async failures(integrationId, limit) {
      return db.select().from(d).where(and(eq(d.integrationId, integrationId), eq(d.state, 'failed'))).orderBy(desc(d.updatedAt)).limit(limit);
    },
    async retrying(integrationId, limit) {
      return db.select().from(d).where(and(eq(d.integrationId, integrationId), eq(d.state, 'queued'), sql`${d.attempts} > 0`)).orderBy(desc(d.updatedAt)).limit(limit);
    },

    async recordBillableSync(row) {
      await db.insert(billableSyncs).values(row);
    },
    async billableSyncs(integrationId, period) {
      const where = period ? and(eq(billableSyncs.integrationId, integrationId), eq(billableSyncs.period, period)) : eq(billableSyncs.integrationId, integrationId);
      return db.select().from(billableSyncs).where(where).orderBy(desc(billableSyncs.id)).limit(500);
    },
  } satisfies RoutingRepo & ThisType<RoutingRepo>;
  return repo;
}

export type { DeliveryRow };
