/**
 * @module Events to the platform: their types and bodies, and the dispatcher that drains the
 * outbox (repositories/two-way.repo.ts) to each partner's endpoint, signed per the Standard
 * Webhooks specification with the `standardwebhooks` package (`webhook-id` is the event id, so a
 * receiver drops a repeat). A failed post is retried with the routing backoff (failure.ts); events
 * of one ticket go out in order, each only after the one before it was accepted.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { Repositories } from '../../../db/repositories/index.js';
import type { NewPlatformEvent, PlatformEventRow } from '../../../db/repositories/two-way.repo.js';
import type { CredentialVault } from '../../credential-vault.js';
import type { Logger } from '../../logger.js';
import { retryDelayMs } from '../../routing/failure.js';

export const PLATFORM_EVENT_TYPES = [
  'ticket.created', 'ticket.note_added', 'ticket.status_changed', 'delivery.failed', 'integration.unavailable', 'integration.recovered',
] as const;
export type PlatformEventType = (typeof PLATFORM_EVENT_TYPES)[number];

/**
 * An event for the outbox; `orderKey` keeps one ticket's (or integration's) events in order. With
 * `onceKey` the id is derived from it, so a fact recorded twice (a retried write-back, a late write
 * reconciled, two instances seeing one breaker transition) is queued once: the outbox drops a repeated id.
 */
export function platformEvent(partnerId: string, type: PlatformEventType, orderKey: string, data: Record<string, unknown>, at = new Date(), onceKey?: string): NewPlatformEvent {
  const id = onceKey === undefined ? `evt_${randomUUID().replaceAll('-', '')}` : `evt_${createHash('sha256').update(`${type}\n${onceKey}`).digest('hex').slice(0, 32)}`;
  return { id, partnerId, orderKey, type, payload: { type, timestamp: at.toISOString(), data } };
}

export const ticketOrderKey = (integrationId: string, vendorTicketId: string) => `ticket:${integrationId}:${vendorTicketId}`;

export interface DispatcherConfig {
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Tries before an event is given up (recorded as failed in the delivery log). */
  maxAttempts: number;
  timeoutMs: number;
  batch: number;
}

export const DEFAULT_DISPATCHER_CONFIG: DispatcherConfig = { backoffBaseMs: 1_000, backoffMaxMs: 5 * 60_000, maxAttempts: 30, timeoutMs: 10_000, batch: 50 };

export class PlatformDispatcher {
  constructor(
    private readonly deps: { repos: Repositories; vault: CredentialVault; logger: Logger },
    private readonly config: DispatcherConfig,
    private readonly now: () => number,
  ) {}

  /** Sends what is due; returns how many events were tried. */
  async drain(signal?: AbortSignal): Promise<number> {
    const { repos } = this.deps;
    const now = this.now();
    const events = await repos.twoWay.claimEvents(now, now + this.config.timeoutMs * 2, this.config.batch);
    // One post per order key at a time: claimEvents hands out only heads, so this keeps ticket order.
    await Promise.all(events.map((e) => this.send(e, signal)));
    return events.length;
  }

  private async send(event: PlatformEventRow, signal?: AbortSignal): Promise<void> {
    const { repos, vault, logger } = this.deps;
    const endpoint = await repos.twoWay.getEndpoint(event.partnerId);
    if (!endpoint) return this.failed(event, null, 'No platform endpoint is configured for this partner.');
    const secret = vault.open<string>({ sealed: endpoint.secretSealed, keyId: endpoint.secretKeyId });
    const body = JSON.stringify(event.payload);
    // Wall-clock time, whatever clock schedules the retries: the receiver checks it against its own.
    const sentAt = new Date();
    const headers = {
      'Content-Type': 'application/json',
      'webhook-id': event.id,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(event.id, sentAt, body),
    };
    try {
      const res = await fetch(endpoint.url, { method: 'POST', headers, body, redirect: 'manual', signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(this.config.timeoutMs)]) : AbortSignal.timeout(this.config.timeoutMs) });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) {
        await repos.twoWay.recordDelivered(event, res.status);
        return;
      }
      const retryAfter = Number(res.headers.get('retry-after'));
      return this.failed(event, res.status, `The platform answered HTTP ${res.status}.`, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined);
    } catch (error) {
      if (signal?.aborted) return;
      logger.debug({ eventId: event.id, err: error }, 'platform events: post failed');
      return this.failed(event, null, 'The platform endpoint did not answer.');
    }
  }

  private async failed(event: PlatformEventRow, status: number | null, error: string, retryAfterMs?: number): Promise<void> {
    const attempt = event.attempts + 1;
    const wait = retryDelayMs(attempt, { retryAfterMs: retryAfterMs ?? null }, this.config.backoffBaseMs, this.config.backoffMaxMs);
    const giveUp = attempt >= this.config.maxAttempts;
    await this.deps.repos.twoWay.recordFailedAttempt(event, { status, error, nextAttemptAt: this.now() + wait, giveUp });
    if (giveUp) this.deps.logger.warn({ eventId: event.id, type: event.type, attempts: attempt }, 'platform events: gave up on an event');
  }
}
