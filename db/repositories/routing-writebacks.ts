/**
 * @module The routing worker's write-backs on SQLite: one IMMEDIATE transaction per write-back,
 * running one prepared UPDATE per alert of the claim, each row found by primary key with the claim
 * check ("still queued and held by this claim") in its WHERE. An alert the UPDATE did not change
 * means the claim was lost: it throws inside the transaction, so nothing it wrote stays. This
 * replaces a count query (which SQLite served by scanning every waiting alert through the state
 * index, a storm's whole backlog, once per note) and a statement built per call; and one UPDATE
 * over the ids as a JSON array (json_each), which cost a fifth more CPU per alert. The platform
 * events a write-back owes (ticket.created, ticket.note_added, delivery.failed) are queued inside
 * the same transaction (owed-events.ts), so a crash cannot keep the record and lose its event.
 */
import type { Db } from '../client.js';
import { nowIso } from '../schema/columns.helpers.js';
import { LostClaimError, newestSeq, type Claim } from './routing-contract.js';
import { sqliteOwedEvents, type OwedEvent } from './owed-events.js';

/**
 * One of the claim's rows: by primary key (`+state` keeps the planner off the state indexes, whose
 * `state = 'queued'` range is the whole queue), still waiting, still held by this claim.
 */
const OWNED = `partner_id = @partnerId and alert_id = @alertId and claimed_until = @until and +state = 'queued'`;
/** The group's rows this claim holds: its waiting alerts up to the claim's newest (the index range stops there). */
const HELD = `state = 'queued' and integration_id = @integrationId and group_key = @groupKey and seq <= @lastSeq and claimed_until = @until`;
const GROUP = `integration_id = @integrationId and group_key = @groupKey`;

type Params = Record<string, string | number | null>;

export interface RetryWrite { lastError: string; advice: string; nextAttemptAt: number; expireBefore: string }

export function createRoutingWriteBacks(db: Db) {
  const client = db.$client;
  const prepare = (sql: string) => client.prepare<Params>(sql);
  const ticketIntentRow = prepare(`update alert_deliveries set marker = @marker, updated_at = @now where ${OWNED}`);
  const ticketIntentGroup = prepare(`insert into ticket_groups (integration_id, group_key, psa_account_id, pending_marker, is_open)
    values (@integrationId, @groupKey, @psaAccountId, @marker, 0)
    on conflict (integration_id, group_key) do update set pending_marker = excluded.pending_marker, updated_at = @now`);
  const ticketCreatedGroup = prepare(`update ticket_groups set vendor_ticket_id = @ticketId, ticket_number = @ticketNumber, is_open = @isOpen,
    checked_at = @checkedAt, pending_marker = null, updated_at = @now where ${GROUP}`);
  const ticketCreatedRow = prepare(`update alert_deliveries set state = 'delivered', outcome = 'ticket_created', vendor_ticket_id = @ticketId,
    decision = @decision, reason = null, claimed_until = 0, delivered_at = @now, updated_at = @now where ${OWNED}`);
  const noteIntent = prepare(`update alert_deliveries set marker = @marker, vendor_ticket_id = @ticketId, updated_at = @now where ${OWNED}`);
  const noteCleared = prepare(`update alert_deliveries set marker = null, updated_at = @now where ${OWNED}`);
  const noteAdded = prepare(`update alert_deliveries set state = 'delivered', outcome = 'note_added', vendor_ticket_id = @ticketId,
    vendor_note_id = @noteId, reason = null, claimed_until = 0, delivered_at = @now, updated_at = @now where ${OWNED}`);
  const retry = prepare(`update alert_deliveries set attempts = attempts + 1, last_error = @lastError, next_attempt_at = @nextAttemptAt,
    claimed_until = 0, updated_at = @now,
    state = case when created_at < @expireBefore then 'failed' else 'queued' end,
    reason = case when created_at < @expireBefore then @advice else null end
    where ${OWNED} returning state`);
  const failed = prepare(`update alert_deliveries set state = 'failed', attempts = attempts + 1, last_error = @lastError, reason = @advice,
    claimed_until = 0, updated_at = @now where ${OWNED}`);
  const skipped = prepare(`update alert_deliveries set state = 'skipped', reason = @reason, decision = @decision, claimed_until = 0,
    updated_at = @now where ${OWNED}`);
  const queue = sqliteOwedEvents(client);
  const extend = prepare(`update alert_deliveries set claimed_until = @next where ${HELD}`);
  const release = prepare(`update alert_deliveries set claimed_until = 0 where ${HELD}`);

  const owned = (claim: Claim, alertId: string) => ({ partnerId: claim.partnerId, alertId, until: claim.until, now: nowIso() });
  /** Runs `write` in an IMMEDIATE transaction (made once); it throws LostClaimError when an alert was no longer the claim's, and nothing stays. */
  const immediate = <A extends unknown[], T>(write: (...args: A) => T) => {
    const transaction = client.transaction(write);
    return (...args: A): T => transaction.immediate(...args);
  };
  const lost = (claim: Claim) => { throw new LostClaimError(claim); };
  /** `statement` on each of the claim's `alertIds` (distinct: the claim's own rows), with `params`; then the owed `events`. */
  const run = immediate((claim: Claim, alertIds: string[], statement: ReturnType<typeof prepare>, params: Params = {}, events: OwedEvent[] = [], failing = false) => {
    const bound: Params = { ...owned(claim, ''), ...params };
    for (const alertId of alertIds) {
      bound.alertId = alertId;
      if (statement.run(bound).changes !== 1) lost(claim);
    }
    queue(events, failing ? new Set(alertIds) : undefined);
  });
  const held = (claim: Claim) => ({
    integrationId: claim.integrationId, groupKey: claim.groupKey, until: claim.until,
    lastSeq: newestSeq(claim),
  });
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

  return {
    ticketIntent: immediate((claim: Claim, alertId: string, psaAccountId: string, marker: string): void => {
      const params = { ...owned(claim, alertId), marker };
      if (ticketIntentRow.run(params).changes !== 1) lost(claim);
      ticketIntentGroup.run({ integrationId: claim.integrationId, groupKey: claim.groupKey, psaAccountId, marker, now: params.now });
    }),
    ticketCreated: immediate((claim: Claim, alertId: string, ticket: { id: string; number: string | null; isOpen: boolean }, decision: unknown, checkedAt: number, events: OwedEvent[]): void => {
      const params = { ...owned(claim, alertId), ticketId: ticket.id, decision: json(decision) };
      if (ticketCreatedRow.run(params).changes !== 1) lost(claim);
      ticketCreatedGroup.run({
        integrationId: claim.integrationId, groupKey: claim.groupKey, ticketId: ticket.id, ticketNumber: ticket.number,
        isOpen: ticket.isOpen ? 1 : 0, checkedAt, now: params.now,
      });
      queue(events);
    }),
    noteIntent: (claim: Claim, alertIds: string[], ticketId: string, marker: string) => run(claim, alertIds, noteIntent, { ticketId, marker }),
    noteCleared: (claim: Claim, alertIds: string[]) => run(claim, alertIds, noteCleared),
    noteAdded: (claim: Claim, alertIds: string[], ticketId: string, noteId: string | null, events: OwedEvent[]) => run(claim, alertIds, noteAdded, { ticketId, noteId }, events),
    failed: (claim: Claim, alertIds: string[], lastError: string, advice: string, events: OwedEvent[]) => run(claim, alertIds, failed, { lastError, advice }, events, true),
    skipped: (claim: Claim, alertIds: string[], reason: string, decision: unknown) => run(claim, alertIds, skipped, { reason, decision: json(decision) }),
    /** Returns the ids that failed (accepted before `expireBefore`, past the retry horizon). */
    retry: immediate((claim: Claim, alertIds: string[], input: RetryWrite, events: OwedEvent[]): string[] => {
      const bound: Params = { ...owned(claim, ''), ...input };
      const failedIds: string[] = [];
      for (const alertId of alertIds) {
        bound.alertId = alertId;
        const row = retry.get(bound) as { state: string } | undefined;
        if (!row) lost(claim);
        else if (row.state === 'failed') failedIds.push(alertId);
      }
      queue(events, new Set(failedIds));
      return failedIds;
    }),
    /** Heartbeat: false when the claim was lost. */
    extend(claim: Claim, until: number): boolean {
      const changed = extend.run({ ...held(claim), next: until }).changes;
      if (changed > 0) claim.until = until;
      return changed > 0;
    },
    release(claim: Claim): void {
      release.run(held(claim));
    },
  };
}
