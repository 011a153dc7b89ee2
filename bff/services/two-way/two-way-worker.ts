/**
 * @module The two-way worker, one loop for four jobs:
 * - registers the vendor's ticket push for each active PSA integration that has none (when this
 *   BFF has a public address the vendor can reach), sealing the shared secret like credentials,
 *   one instance per integration under a database lease (push-register.ts), and a new one where the
 *   PSA turned its webhook off;
 * - removes the pushes of deleted integrations at the vendor, retried with backoff until their
 *   deadline, one instance per removal under a claim in its row (push-unregister.ts), whether or not
 *   this BFF has a public address now, beside the other jobs rather than before them;
 * - polls the open tickets the product created, each at most every `pollIntervalMs` and within a
 *   share of the vendor's hourly budget per integration (POLL_SHARE of VENDOR_BUDGETS), so a lost
 *   push delays a status change but never loses it;
 * - drains the platform-event outbox (platform-events.ts).
 */
import type { Repositories } from '../../../db/repositories/index.js';
import type { CredentialVault } from '../../credential-vault.js';
import type { Logger } from '../../logger.js';
import type { PsaVendor } from '../../contracts/model.js';
import { VENDOR_BUDGETS } from '../../contracts/vendor-catalog.js';
import type { VendorGateway } from '../vendor-gateway.js';
import { REGISTER_RETRY_MS, registerPush } from './push-register.js';
import { DEFAULT_PUSH_REMOVAL_CONFIG, removeDuePushes, type PushRemovalConfig } from './push-unregister.js';
import { DEFAULT_DISPATCHER_CONFIG, PlatformDispatcher, type DispatcherConfig } from './platform-events.js';
import { TicketStatusService } from './ticket-status.service.js';

/** The share of a vendor's hourly budget polling may spend per integration (delivery keeps the rest). */
export const POLL_SHARE = 0.1;

export interface TwoWayConfig {
  /** How often each open ticket is asked about at most (the budget may stretch it). */
  pollIntervalMs: number;
  tickMs: number;
  /** Calls per hour polling may spend per integration; default POLL_SHARE of the vendor's budget. */
  pollCallsPerHour: Partial<Record<PsaVendor, number>>;
  /** How long a push registration's lease holds without renewal (a dead instance's lapses after this). */
  registerLeaseMs: number;
  /** Removing deleted integrations' pushes: claim length and backoff between failed attempts. */
  pushRemoval: PushRemovalConfig;
  dispatcher: DispatcherConfig;
}

export const DEFAULT_TWO_WAY_CONFIG: TwoWayConfig = { pollIntervalMs: 15 * 60_000, tickMs: 1_000, pollCallsPerHour: {}, registerLeaseMs: 60_000, pushRemoval: DEFAULT_PUSH_REMOVAL_CONFIG, dispatcher: DEFAULT_DISPATCHER_CONFIG };

export function pollCallsPerHour(vendor: PsaVendor, config: Pick<TwoWayConfig, 'pollCallsPerHour'>): number {
  const budget = VENDOR_BUDGETS[vendor];
  return config.pollCallsPerHour[vendor] ?? Math.floor(budget.limit * (3_600_000 / budget.windowMs) * POLL_SHARE);
}

export interface TwoWayDeps {
  repos: Repositories;
  vendors: VendorGateway;
  vault: CredentialVault;
  logger: Logger;
}

export class TwoWayWorker {
  readonly config: TwoWayConfig;
  readonly status: TicketStatusService;
  readonly dispatcher: PlatformDispatcher;
  private readonly now: () => number;
  /** Poll calls each integration may still spend (a token bucket refilled at its hourly rate). */
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** The pass over due hook removals under way, if any (startRemovals). */
  private removing: Promise<unknown> | null = null;
  private readonly abort = new AbortController();
  /** Vendor calls spent on polling so far (the bench reads it). */
  pollCalls = 0;

  constructor(
    private readonly deps: TwoWayDeps,
    private readonly options: { publicOrigin?: string; config?: Partial<TwoWayConfig>; now?: () => number } = {},
  ) {
    this.config = { ...DEFAULT_TWO_WAY_CONFIG, ...options.config };
    this.now = options.now ?? Date.now;
    this.status = new TicketStatusService(deps, this.now);
    this.dispatcher = new PlatformDispatcher(deps, this.config.dispatcher, this.now);
  }

  start(): this {
    const loop = () => {
      this.running = this.tick().catch((error) => this.deps.logger.error({ err: error }, 'two-way: tick failed')).finally(() => {
        this.running = null;
        if (!this.abort.signal.aborted) this.timer = setTimeout(loop, this.config.tickMs);
      });
    };
    loop();
    return this;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.removing;
  }

  async tick(): Promise<void> {
    await this.registerPushes();
    this.startRemovals();
    await this.poll();
    while ((await this.dispatcher.drain(this.abort.signal)) > 0 && !this.abort.signal.aborted);
  }

  /**
   * Due hook removals run beside the tick, one pass at a time: a PSA that times out on them (four
   * tries of 15 s each per removal) must not hold polling and the platform outbox that long.
   */
  private startRemovals(): void {
    if (this.removing || this.abort.signal.aborted) return;
    this.removing = removeDuePushes(this.deps, this.config.pushRemoval, this.now, this.abort.signal)
      .catch((error: unknown) => this.deps.logger.error({ err: error }, 'two-way: removing deleted integrations’ PSA ticket pushes failed; tried again next tick'))
      .finally(() => { this.removing = null; });
  }

  private async registerPushes(): Promise<void> {
    const origin = this.options.publicOrigin?.replace(/\/+$/, '');
    if (!origin) return; // No address the vendor can reach: polling alone carries status changes.
    const options = { origin, leaseMs: this.config.registerLeaseMs, now: this.now, signal: this.abort.signal };
    // A webhook the PSA turned off (after failed callouts, e.g. while this hub was down) is replaced
    // once REGISTER_RETRY_MS has passed, rather than leaving status to polling for good.
    const renewed = await this.deps.repos.twoWay.forgetDeactivatedPushes(new Date(this.now() - REGISTER_RETRY_MS).toISOString(), 20);
    for (const integrationId of renewed) this.deps.logger.info({ integrationId }, 'two-way: the PSA turned the ticket webhook off; registering a new one');
    for (const integration of await this.deps.repos.twoWay.needingPush(this.now(), 20)) {
      if (this.abort.signal.aborted) return;
      await registerPush(this.deps, integration, options);
    }
  }

  private async poll(): Promise<void> {
    const now = this.now();
    const due = await this.deps.repos.twoWay.dueForPolling(now - this.config.pollIntervalMs, 500);
    for (const ticket of due) {
      if (this.abort.signal.aborted) return;
      if (!this.take(ticket.integrationId, ticket.vendor as PsaVendor, now)) continue;
      this.pollCalls++;
      try {
        await this.status.refresh(ticket, { source: 'polling' }, this.abort.signal);
      } catch (error) {
        this.deps.logger.debug({ integrationId: ticket.integrationId, err: error }, 'two-way: polling a ticket failed; it is asked again next interval');
      }
    }
  }

  private take(integrationId: string, vendor: PsaVendor, now: number): boolean {
    const rate = pollCallsPerHour(vendor, this.config) / 3_600_000;
    const burst = Math.max(1, Math.ceil(pollCallsPerHour(vendor, this.config) / 60));
    const bucket = this.buckets.get(integrationId) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    this.buckets.set(integrationId, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
