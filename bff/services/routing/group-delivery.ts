/**
 * @module Delivers one claimed group: its queued alerts in arrival order, one vendor call at a time.
 * The first alert without an open ticket opens one; the rest become notes on it, those that backed
 * up going out as one note. Every vendor write is recorded as an intent (a marker) before the call
 * and confirmed after it, so a worker that dies in between, or a call whose answer was lost (a
 * time-out: the vendor may still commit it), is reconciled (findTicketByMarker, hasNoteWithMarker,
 * searched for up to `lateWriteWaitMs` after sending) instead of repeated. Vendor calls happen
 * outside any transaction; each write-back is one transaction that first checks the claim is
 * still ours and queues the platform events it owes (delivery-events.ts) with it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Repositories } from '../../../db/repositories/index.js';
import { LostClaimError, type Claim, type DeliveryRow } from '../../../db/repositories/routing-contract.js';
import type { OwedEvent } from '../../../db/repositories/owed-events.js';
import type { Logger } from '../../logger.js';
import { ProblemError } from '../../errors.js';
import type { RoutingAlert } from '../../routing/alert.js';
import { chooseContact, contactLookups, type ContactChoice } from '../../routing/contact.js';
import type { DeliverDecision, SkipCode } from '../../routing/decision.js';
import { classifyFailure, FAILURE_ADVICE, isTransient, retryDelayMs, writeMayHaveLanded } from '../../routing/failure.js';
import { isNoteMarker, newMarker, nextGroupStep } from '../../routing/group-step.js';
import { noteBody, noteTitle, ticketDescription } from '../../routing/message-format.js';
import type { PsaAdapter } from '../../vendors/psa-adapter.js';
import type { PsaContact, TicketRef } from '../../contracts/model.js';
import { VendorError } from '../../vendors/vendor-errors.js';
import type { VendorGateway } from '../vendor-gateway.js';
import { deliveryFailedEvent, noteAddedEvent, ticketCreatedEvent } from '../two-way/delivery-events.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { RoutingConfig } from './routing-config.js';

export interface RoutingHooks {
  /** After a vendor write succeeded, before it is recorded: tests simulate a crash here. */
  afterVendorWrite?: (event: { kind: 'ticket' | 'note'; integrationId: string; groupKey: string; alertIds: string[]; vendorId: string }) => void | Promise<void>;
}

export interface DeliveryContext {
  repos: Repositories;
  vendors: VendorGateway;
  logger: Logger;
  config: RoutingConfig;
  now: () => number;
  /** Aborted when the worker stops: no new vendor call starts, intents stay for reconciliation. */
  signal: AbortSignal;
  /** Counts transient failures per integration and holds an unavailable PSA's queue. */
  breaker: CircuitBreaker;
  hooks?: RoutingHooks;
  /** Between steps: gives intake the event loop while alerts pour in (intake-yield.ts). */
  yieldToIntake?: (spentMs: number) => Promise<void>;
  /**
   * A turn of the event loop of its own (intake-yield.ts `turn`) for the write-back after a vendor
   * answer: the answer is read in the loop's poll phase, among intake's requests, and a write-back
   * run there (a transaction over the note's alerts) would hold every request read in that phase.
   */
  turn?: () => Promise<void>;
}

interface Item {
  row: DeliveryRow;
  alert: RoutingAlert;
  decision: DeliverDecision;
}

const SKIPS: Partial<Record<string, { code: SkipCode; reason: string }>> = {
  deleted: { code: 'integration_deleted', reason: 'The PSA integration was deleted before this alert was sent, so no ticket was created.' },
  paused: { code: 'integration_paused', reason: 'The PSA integration was paused before this alert was sent; alerts are not sent while it is paused.' },
  draft: { code: 'integration_not_finished', reason: 'The PSA integration’s setup is not finished; complete the wizard to start sending tickets.' },
};

// ASSUMPTION: alerts accepted before a pause or delete but not yet sent are skipped, not held for a
// resume: a paused integration "produces no ticket" (DESIGN.md), and a later burst would surprise.
export async function deliverGroup(ctx: DeliveryContext, claim: Claim): Promise<void> {
  const integration = await ctx.repos.integrations.getIncludingDeleted(claim.partnerId, claim.integrationId);
  const status = !integration || integration.deletedAt ? 'deleted' : integration.status;
  const skip = SKIPS[status] ?? (status === 'active' ? undefined : SKIPS.draft);
  const alertIds = claim.rows.map((r) => r.alertId);
  if (skip) {
    await ctx.repos.routing.recordSkipped(claim, alertIds, skip.reason, { action: 'skip', code: skip.code, reason: skip.reason, integrationId: claim.integrationId });
    return;
  }
  let adapter: PsaAdapter;
  try {
    adapter = (await ctx.vendors.psa(claim.partnerId, claim.integrationId)).adapter;
  } catch (error) {
    const message = error instanceof ProblemError ? error.detail ?? error.title : String(error);
    await ctx.repos.routing.recordFailed(claim, alertIds, message, FAILURE_ADVICE.invalid_credentials, failedEvents(claim, claim.rows, message, FAILURE_ADVICE.invalid_credentials));
    return;
  }
  await new GroupRun(ctx, claim, adapter).run();
}

/** One delivery.failed per alert, owed if the write-back fails it (its attempt count tells a later retry's failure apart). */
function failedEvents(claim: Claim, rows: DeliveryRow[], error: string, advice: string): OwedEvent[] {
  return rows.map((row) => deliveryFailedEvent(claim.partnerId, claim.integrationId, { alertId: row.alertId, groupKey: claim.groupKey, error, advice }, row.attempts + 1));
}

/** The PSA answered and refused the ticket as sent (a value it no longer accepts): nothing was created (writeMayHaveLanded is false for both). */
function refusedAsSent(error: unknown): boolean {
  return error instanceof VendorError && (error.code === 'rejected' || error.code === 'not_found');
}

class GroupRun {
  private pending: Item[];
  /** Rows the current step acts on: a permanent failure fails these, not the whole group. */
  private stepItems: Item[] = [];
  /** The group ticket this delivery created or asked the PSA about (its open state is current). */
  private verifiedTicketId: string | null = null;
  /** The PSA answered during this run (the breaker was told once). */
  private answered = false;

  constructor(
    private readonly ctx: DeliveryContext,
    private readonly claim: Claim,
    private readonly adapter: PsaAdapter,
  ) {
    this.pending = claim.rows.map((row) => ({ row, alert: row.alert as RoutingAlert, decision: row.decision as DeliverDecision }));
  }

  async run(): Promise<void> {
    let first = true;
    // Each step either settles alerts or changes the group's recorded state, so this ends; the guard is belt and braces.
    for (let guard = this.pending.length * 4 + 8; this.pending.length > 0 && guard > 0; guard--) {
      const started = performance.now();
      try {
        if (first) await this.reconcileNotes();
        first = false;
        if (this.pending.length > 0) await this.step();
        await this.vendorAnswered();
      } catch (error) {
        if (!(await this.onError(error))) return;
      }
      if (this.pending.length > 0) await this.ctx.yieldToIntake?.(performance.now() - started);
    }
  }

  /** Every step calls the PSA: one that ended without a vendor error means the PSA is answering. */
  private async vendorAnswered(): Promise<void> {
    if (this.answered) return;
    this.answered = true;
    if (await this.ctx.breaker.answered(this.claim)) {
      this.ctx.logger.info({ integrationId: this.claim.integrationId, probe: Boolean(this.claim.probe) }, 'routing: the PSA answers again; held alerts are due');
    }
  }

  private get signal(): AbortSignal {
    return this.ctx.signal;
  }

  /** A killed worker writes nothing more (as a crashed process would not); its intents get reconciled. */
  private ensureLive(): void {
    this.signal.throwIfAborted();
  }

  private settle(items: Item[]): void {
    const done = new Set(items);
    this.pending = this.pending.filter((i) => !done.has(i));
  }

  private async step(): Promise<void> {
    const { repos, now, config } = this.ctx;
    const group = await repos.routing.getGroup(this.claim.integrationId, this.claim.groupKey);
    const step = nextGroupStep(group, now(), config.openTtlMs, this.verifiedTicketId);
    switch (step.step) {
      case 'reconcile-ticket':
        return this.reconcileTicket(step.marker, group!.updatedAt);
      case 'create':
        return this.createTicket(this.pending[0]!, null);
      case 'check-open':
        return this.checkOpen(step.ticketId);
      case 'note':
        return this.addNote(step.ticketId);
    }
  }

  /** Alerts whose note was sent by a worker that died before recording it. */
  private async reconcileNotes(): Promise<void> {
    const byMarker = new Map<string, Item[]>();
    for (const item of this.pending) {
      if (isNoteMarker(item.row.marker) && item.row.vendorTicketId) byMarker.set(item.row.marker, [...(byMarker.get(item.row.marker) ?? []), item]);
    }
    for (const [marker, items] of byMarker) {
      this.stepItems = items;
      const ticketId = items[0]!.row.vendorTicketId!;
      const since = items.map((i) => i.row.updatedAt).sort().at(-1)!;
      if (await this.findLateWrite(async () => (await this.adapter.hasNoteWithMarker(ticketId, marker, this.signal)) || null, since)) {
        await this.ctx.repos.routing.recordNoteAdded(this.claim, items.map((i) => i.row.alertId), ticketId, null, this.noteEvents(ticketId, null, items, marker));
        this.settle(items);
        this.ctx.logger.info({ integrationId: this.claim.integrationId, alerts: items.length, ticketId }, 'routing: found a note sent before a restart');
      }
    }
  }

  /**
   * A create was in flight when a worker died or its call timed out: adopt the ticket if the PSA
   * has it (waiting for a late commit), else create it now.
   */
  private async reconcileTicket(marker: string, intentAt: string): Promise<void> {
    const owner = this.pending.find((i) => i.row.marker === marker);
    this.stepItems = owner ? [owner] : this.pending.slice(0, 1);
    const found = await this.findLateWrite(() => this.adapter.findTicketByMarker(marker, this.signal), intentAt);
    const { repos, now, logger } = this.ctx;
    if (found) {
      if (owner) {
        await repos.routing.recordTicketCreated(this.claim, owner.row.alertId, found, owner.decision, now(), this.ticketEvents(found, owner));
        this.verifiedTicketId = found.id;
        this.settle([owner]);
      } else {
        await repos.routing.adoptTicket(this.claim, marker, found, now());
      }
      logger.info({ integrationId: this.claim.integrationId, ticketId: found.id }, 'routing: found a ticket created before a restart');
    } else if (owner) {
      await this.createTicket(owner, marker);
    } else {
      await repos.routing.clearTicketIntent(this.claim);
    }
  }

  private async createTicket(item: Item, existingMarker: string | null): Promise<void> {
    this.stepItems = [item];
    const { decision: d, alert } = item;
    const { repos, now } = this.ctx;
    const contact = await this.contactFor(d);
    const marker = existingMarker ?? newMarker('ticket');
    if (!existingMarker) await repos.routing.recordTicketIntent(this.claim, item.row.alertId, d.account.id, marker);
    const request = {
      accountId: d.account.id, contactId: contact?.id ?? null, title: d.subject, description: ticketDescription({ alert, decision: d }),
      statusId: d.ticket.statusId, priorityId: d.priorityId, queueId: d.ticket.queueId, typeId: d.ticket.typeId, sourceId: d.ticket.sourceId,
      categoryId: d.ticket.categoryId, issueTypeId: d.issue.issueTypeId, subIssueTypeId: d.issue.subIssueTypeId, contractId: d.contract?.id ?? null, marker,
    };
    let ticket: TicketRef;
    let sent = { ...d, contact };
    try {
      ticket = await this.createOnce(request);
    } catch (error) {
      // A contract that has ended or a contact deleted at the PSA since it was mapped must not keep a
      // security alert from becoming a ticket: refused as sent (nothing was created), it goes once more
      // without them, and the decision stored says why they are missing.
      if (!refusedAsSent(error) || (request.contactId === null && request.contractId === null)) throw error;
      const refusal = (error as VendorError).message;
      const dropped = [request.contractId !== null ? 'contract' : null, request.contactId !== null ? 'contact' : null].filter(Boolean).join(' and ');
      await repos.routing.recordTicketIntent(this.claim, item.row.alertId, d.account.id, marker);
      ticket = await this.createOnce({ ...request, contactId: null, contractId: null });
      sent = { ...d, contact: null, contract: null, contractNote: `Created without the ${dropped}: the PSA refused the ticket as mapped (${refusal})` };
      this.ctx.logger.warn({ integrationId: this.claim.integrationId, ticketId: ticket.id, dropped, refusal }, 'routing: the PSA refused the ticket as mapped; created it without the contract and contact');
    }
    await this.ctx.hooks?.afterVendorWrite?.({ kind: 'ticket', integrationId: this.claim.integrationId, groupKey: this.claim.groupKey, alertIds: [item.row.alertId], vendorId: ticket.id });
    await this.ctx.turn?.();
    this.ensureLive();
    await repos.routing.recordTicketCreated(this.claim, item.row.alertId, ticket, sent, now(), this.ticketEvents(ticket, item));
    this.verifiedTicketId = ticket.id;
    this.settle([item]);
  }

  /** One ticket create; a failure that certainly created nothing drops the intent (otherwise the retry searches for the ticket first). */
  private async createOnce(request: Parameters<PsaAdapter['createTicket']>[0]): Promise<TicketRef> {
    try {
      return await this.adapter.createTicket(request, this.signal);
    } catch (error) {
      if (!writeMayHaveLanded(error)) await this.ctx.repos.routing.clearTicketIntent(this.claim);
      throw error;
    }
  }

  private async checkOpen(ticketId: string): Promise<void> {
    this.stepItems = this.pending.slice(0, 1);
    let isOpen: boolean;
    try {
      isOpen = (await this.adapter.getTicket(ticketId, this.signal)).isOpen;
    } catch (error) {
      // A ticket deleted in the PSA is as good as closed: the next alert opens a new one.
      if (!(error instanceof VendorError && error.code === 'not_found')) throw error;
      isOpen = false;
    }
    await this.ctx.repos.routing.recordOpenState(this.claim.integrationId, this.claim.groupKey, isOpen, this.ctx.now());
    this.verifiedTicketId = ticketId;
  }

  /** One note for the alerts that backed up (at most maxAlertsPerNote), in arrival order. */
  private async addNote(ticketId: string): Promise<void> {
    const { repos, config } = this.ctx;
    const batch = this.pending.slice(0, config.maxAlertsPerNote);
    this.stepItems = batch;
    const ids = batch.map((i) => i.row.alertId);
    const marker = newMarker('note');
    await repos.routing.recordNoteIntent(this.claim, ids, ticketId, marker);
    const head = batch[0]!.decision;
    let noteId: string;
    try {
      noteId = (await this.adapter.addNote({
        ticketId, title: noteTitle(batch), body: noteBody(batch), noteTypeId: head.note.typeId, visibilityId: head.note.visibilityId, marker,
      }, this.signal)).id;
    } catch (error) {
      // Otherwise the markers stay: the retry searches for the note before sending it again.
      if (!writeMayHaveLanded(error)) await repos.routing.clearNoteIntent(this.claim, ids);
      if (!(error instanceof VendorError && error.code === 'not_found')) throw error;
      await repos.routing.recordOpenState(this.claim.integrationId, this.claim.groupKey, false, this.ctx.now());
      return;
    }
    await this.ctx.hooks?.afterVendorWrite?.({ kind: 'note', integrationId: this.claim.integrationId, groupKey: this.claim.groupKey, alertIds: ids, vendorId: noteId });
    await this.ctx.turn?.();
    this.ensureLive();
    await repos.routing.recordNoteAdded(this.claim, ids, ticketId, noteId, this.noteEvents(ticketId, noteId, batch, marker));
    this.settle(batch);
  }

  private ticketEvents(ticket: TicketRef, item: Item): OwedEvent[] {
    const { partnerId, integrationId, groupKey } = this.claim;
    return [ticketCreatedEvent(partnerId, integrationId, { ticketId: ticket.id, ticketNumber: ticket.number, groupKey, alertId: item.row.alertId })];
  }

  private noteEvents(ticketId: string, noteId: string | null, items: Item[], marker: string): OwedEvent[] {
    const { partnerId, integrationId, groupKey } = this.claim;
    return [noteAddedEvent(partnerId, integrationId, { ticketId, noteId, groupKey, alertIds: items.map((i) => i.row.alertId) }, marker)];
  }

  /**
   * Asks `probe` until it finds the write or `lateWriteWaitMs` have passed since `since` (when the
   * write was sent, or later): a vendor may commit a write after our call timed out, so "not
   * found" is believed only once that wait is over. Real time, whatever clock the worker runs on.
   */
  private async findLateWrite<T>(probe: () => Promise<T | null>, since: string): Promise<T | null> {
    const wait = this.ctx.config.lateWriteWaitMs;
    const sentAt = Date.parse(since);
    const deadline = (Number.isFinite(sentAt) ? Math.min(sentAt, Date.now()) : Date.now()) + wait;
    const pause = Math.min(2_000, Math.max(25, Math.round(wait / 20)));
    for (;;) {
      const found = await probe();
      const left = deadline - Date.now();
      if (found || left <= 0) return found;
      await sleep(Math.min(pause, left), undefined, { signal: this.signal });
    }
  }

  // ASSUMPTION: contact lookups are cached per integration for the gateway's cache time (VENDOR_CACHE_SECONDS):
  // a contact added in the PSA is matched after that, and a storm of one user costs one lookup.
  private async contactFor(d: DeliverDecision): Promise<ContactChoice | null> {
    const { byEmail, needsPrimary } = contactLookups(d.contactRule);
    const { vendors } = this.ctx;
    const id = this.claim.integrationId;
    let emailMatch: PsaContact | null = null;
    if (byEmail) emailMatch = await vendors.cached(id, `routing:contact:${d.account.id}:${byEmail}`, () => this.adapter.findContactByEmail(d.account.id, byEmail, this.signal));
    let accountContacts: PsaContact[] | null = null;
    if (!emailMatch && needsPrimary) accountContacts = await vendors.cached(id, `contacts:${d.account.id}`, () => this.adapter.listContacts(d.account.id, this.signal));
    return chooseContact(d.contactRule, d.account.id, { emailMatch, accountContacts });
  }

  /** Records a failure; true when the group may go on with its next alerts. */
  private async onError(error: unknown): Promise<boolean> {
    const { repos, logger, config, now } = this.ctx;
    const where = { integrationId: this.claim.integrationId, groupKey: this.claim.groupKey };
    if (error instanceof LostClaimError || this.signal.aborted) {
      logger.debug({ ...where, err: error }, 'routing: group left (claim lost or worker stopping)');
      return false;
    }
    const failure = classifyFailure(error);
    if (failure.code === 'internal') logger.error({ ...where, err: error }, 'routing: delivery failed unexpectedly');
    try {
      if (failure.retryable) {
        if (isTransient(failure)) await this.ctx.breaker.failed(this.claim, failure, Boolean(this.claim.probe));
        // The group waits as a whole: its later alerts must not overtake the one that failed.
        const attempt = Math.max(...this.pending.map((i) => i.row.attempts)) + 1;
        const wait = retryDelayMs(attempt, failure, config.backoffBaseMs, config.backoffMaxMs);
        const expireBefore = new Date(now() - config.retryHorizonHours * 3_600_000).toISOString();
        const failed = await repos.routing.recordRetry(this.claim, this.pending.map((i) => i.row.alertId), {
          lastError: failure.message, advice: FAILURE_ADVICE[failure.code], nextAttemptAt: now() + wait, expireBefore,
        }, failedEvents(this.claim, this.pending.map((i) => i.row), failure.message, FAILURE_ADVICE[failure.code]));
        logger.warn({ ...where, code: failure.code, attempt, waitMs: wait, failed: failed.length, probe: Boolean(this.claim.probe) }, 'routing: vendor call failed; will retry');
        return false;
      }
      if (error instanceof VendorError) await this.vendorAnswered();
      const items = this.stepItems.filter((i) => this.pending.includes(i));
      await repos.routing.recordFailed(this.claim, items.map((i) => i.row.alertId), failure.message, FAILURE_ADVICE[failure.code], failedEvents(this.claim, items.map((i) => i.row), failure.message, FAILURE_ADVICE[failure.code]));
      logger.warn({ ...where, code: failure.code, alerts: items.length }, 'routing: vendor refused; alerts failed');
      this.settle(items);
      return this.pending.length > 0;
    } catch (writeError) {
      logger.debug({ ...where, err: writeError }, 'routing: could not record the failure (claim lost)');
      return false;
    }
  }
}
