/**
 * @module What both engines' routing repositories share (routing.repo.ts on SQLite,
 * repositories-pg/routing.repo.ts): the rows' types, the claim and its limits, the write-backs'
 * inputs, the lost-claim error, and the held index's WHERE the claim queries read through.
 */
import { sql } from 'drizzle-orm';
import type { alertDeliveries, billableSyncs, ticketGroups } from '../schema/index.js';

export type DeliveryRow = typeof alertDeliveries.$inferSelect;
export type TicketGroupRow = typeof ticketGroups.$inferSelect;
export type BillableSyncRow = typeof billableSyncs.$inferSelect;
export type DeliveryState = DeliveryRow['state'];

/** One line of an integration's delivery log: the alert's record, its organization's name and its ticket's number. */
export interface DeliveryLogRow {
  row: DeliveryRow;
  organizationName: string | null;
  /** The PSA's ticket number, when the alert's ticket is the one its group knows (else only the ticket id is known). */
  ticketNumber: string | null;
}

/** A page of the delivery log: newest first, after the (seq, alert id) of the previous page's last row. */
export interface DeliveryLogQuery {
  state: DeliveryState | null;
  organizationId: string | null;
  after: { seq: number; alertId: string } | null;
  limit: number;
}

/** What an admin retry resets: the alert is queued from scratch and re-resolved with today's settings (the fix may be in them). */
export const REQUEUE = { state: 'queued', attempts: 0, nextAttemptAt: 0, claimedUntil: 0, groupKey: null, reason: null, marker: null } as const;

/**
 * The most alerts one claim takes from a group. A backlog (a storm, an outage's end) is delivered
 * in claims of at most this size, oldest first, so one claim's UPDATE and its rows hold the event
 * loop briefly instead of for the whole backlog; while a claim holds a group, no other claim takes
 * it. The routing worker asks for fewer (`claimGroups`' `maxAlerts`) when that many would hold the
 * loop longer than its slice.
 */
export const MAX_ALERTS_PER_CLAIM = 500;

/** The newest alert a claim holds: write-backs of the whole claim stop their index range there. */
export const newestSeq = (claim: Claim) => claim.rows.reduce((max, r) => Math.max(max, r.seq), 0);

/** A group handed to one worker: its queued alerts in arrival order, held until `until`. */
export interface Claim {
  partnerId: string;
  integrationId: string;
  groupKey: string;
  until: number;
  rows: DeliveryRow[];
  /** The integration's circuit breaker is open and this group is its single probe (the oldest waiting group). */
  probe?: boolean;
}

/** A transient failure's write-back: the vendor's words, the fix, the next try, and the retry horizon (ISO). */
export interface RetryInput {
  lastError: string;
  advice: string;
  nextAttemptAt: number;
  expireBefore: string;
}

/** What resolving an accepted alert decided (no vendor involved). */
export interface Resolution {
  integrationId: string | null;
  state: 'queued' | 'skipped' | 'failed';
  groupKey: string | null;
  decision: unknown;
  reason: string | null;
}

/** The claim moved on (lease lapsed and another worker took the group): drop the result. */
export class LostClaimError extends Error {
  constructor(claim: Pick<Claim, 'integrationId' | 'groupKey'>) {
    super(`The claim on group ${claim.groupKey} of integration ${claim.integrationId} was lost.`);
  }
}

/** alert_deliveries_held_idx's WHERE, word for word (a partial index serves a query whose WHERE contains it). */
export const HELD_WHERE = `state = 'queued' and (claimed_until > 0 or next_attempt_at > 0)`;
export const HELD_INDEX = sql.raw(HELD_WHERE);

export interface Accepted { row: DeliveryRow; created: boolean }
