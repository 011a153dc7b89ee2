/**
 * @module The routing worker: a loop that resolves accepted alerts (decision and group key, database
 * only), claims due groups from the outbox with a lease, delivers each group (vendor calls outside
 * any transaction), keeps its claims alive with a heartbeat, and checks whether a billable-user
 * sync is due. It is woken by intake (WorkSignal) and otherwise polls; `stop()` lets deliveries in
 * flight finish (or aborts them after a grace period) and gives their groups back.
 */
import type { Repositories } from '../../../db/repositories/index.js';
import type { Claim, DeliveryRow, Resolution } from '../../../db/repositories/routing-contract.js';
import type { Logger } from '../../logger.js';
import type { Metrics } from '../../metrics.js';
import { routingAlertSchema } from '../../routing/alert.js';
import { FAILURE_ADVICE } from '../../routing/failure.js';
import type { VendorGateway } from '../vendor-gateway.js';
import { BillableSyncService } from './billable-sync.service.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { DeliveryEvents } from '../two-way/delivery-events.js';
import { deliverGroup, type RoutingHooks } from './group-delivery.js';
import { DEFAULT_ROUTING_CONFIG, type RoutingConfig, type RoutingTiming } from './routing-config.js';
import { createDecider, type Decider } from './routing-decider.js';
import { WorkSignal } from './work-signal.js';
import { IntakeYield } from './intake-yield.js';

/** Alerts resolved per transaction while the worker yields to intake. */
const YIELDING_RESOLVE_BATCH = 50;

export interface RoutingWorkerDeps {
  repos: Repositories;
  vendors: VendorGateway;
  logger: Logger;
  /** Claim lag is observed here when given. */
  metrics?: Pick<Metrics, 'claimLag'>;
  /** Shared with the routes so intake can wake the worker; created when absent. */
  routingSignal?: WorkSignal;
  /** Set here: preview reads the worker's trust window and clock from it. */
  routing?: RoutingTiming;
}

export interface RoutingWorkerOptions {
  config?: Partial<RoutingConfig>;
  /** Clock (epoch ms); tests shift it to reach a billable-sync day. */
  now?: () => number;
  hooks?: RoutingHooks;
}

/** Turns an accepted row into its resolution; a row the decision cannot read fails with the reason. */
export async function resolveRow(decider: Decider, row: DeliveryRow): Promise<Resolution> {
  const alert = routingAlertSchema.safeParse(row.alert);
  if (!alert.success) return { integrationId: null, state: 'failed', groupKey: null, decision: null, reason: 'The stored alert could not be read.' };
  const decision = await decider.decide(row.partnerId, alert.data);
  if (decision.action === 'skip') return { integrationId: decision.integrationId, state: 'skipped', groupKey: null, decision, reason: decision.reason };
  return { integrationId: decision.integrationId, state: 'queued', groupKey: decision.groupKey, decision, reason: null };
}

export class RoutingWorker {
  readonly config: RoutingConfig;
  readonly signal: WorkSignal;
  readonly billable: BillableSyncService;
  readonly breaker: CircuitBreaker;
  private readonly events: DeliveryEvents;
  private readonly now: () => number;
  private lastExpiry = 0;
  private readonly inFlight = new Map<Claim, Promise<void>>();
  private abort = new AbortController();
  private running = false;
  private loopDone: Promise<void> | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private lastBillableCheck = 0;
  /** Something may have become claimable since the last claim (alerts resolved, a group finished). */
  private dirty = true;
  private lastClaimAt = 0;
  private billableRunning = false;
  /** Gives intake the event loop while alerts pour in (for a bounded time). */
  private readonly yielder: IntakeYield;

  constructor(
    private readonly deps: RoutingWorkerDeps,
    private readonly options: RoutingWorkerOptions = {},
  ) {
    this.config = { ...DEFAULT_ROUTING_CONFIG, ...options.config };
    this.now = options.now ?? Date.now;
    this.signal = deps.routingSignal ?? new WorkSignal();
    deps.routingSignal = this.signal;
    deps.routing = { openTtlMs: this.config.openTtlMs, now: this.now };
    this.billable = new BillableSyncService(deps.repos, deps.vendors, deps.logger, this.config);
    this.events = new DeliveryEvents(deps);
    this.breaker = new CircuitBreaker(deps.repos.integrationHealth, this.config, this.now, this.events);
    this.yielder = new IntakeYield(this.signal, this.config);
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Since when the worker has been holding back for a flat-out intake (intake-yield.ts), or null. */
  get yieldingSince(): number | null {
    return this.yielder.holdingSince;
  }

  start(): this {
    if (this.running) return this;
    this.running = true;
    this.abort = new AbortController();
    this.heartbeat = setInterval(() => this.renewClaims(), Math.max(20, Math.floor(this.config.leaseMs / 3)));
    this.heartbeat.unref?.();
    this.loopDone = this.loop();
    return this;
  }

  kick(): void {
    this.signal.notify();
  }

  /** Stops cleanly: no new claims; deliveries in flight finish (aborted after `graceMs`); groups are given back. */
  async stop(graceMs = 5_000): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.signal.notify();
    await this.loopDone;
    const inFlight = [...this.inFlight.values()];
    const timer = setTimeout(() => this.abort.abort(new Error('routing worker stopping')), graceMs);
    await Promise.allSettled(inFlight);
    clearTimeout(timer);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  /**
   * Stops as a crash would (tests): no write-back, no release, vendor calls abandoned. Claims lapse
   * after the lease and a new worker reconciles what was in flight.
   */
  kill(): void {
    this.running = false;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.inFlight.clear();
    this.abort.abort(new Error('routing worker killed'));
    this.signal.notify();
  }

  /** Resolves one batch of accepted alerts (decision and group key; database only). */
  resolvePending(limit = this.config.resolveBatch): Promise<number> {
    const decider = createDecider(this.deps.repos);
    return this.deps.repos.routing.resolveBatch(limit, (row) => resolveRow(decider, row));
  }

  /** One pass: resolve, claim, start deliveries, maybe a billable check. True when more is waiting. */
  async tick(): Promise<boolean> {
    const { repos } = this.deps;
    // While yielding to intake, smaller batches: each piece of work holds the event loop briefly.
    const batch = this.yielder.holding() ? Math.min(YIELDING_RESOLVE_BATCH, this.config.resolveBatch) : this.config.resolveBatch;
    const resolved = await this.resolvePending(batch);
    if (resolved > 0) this.dirty = true;
    const free = this.config.maxGroupsInFlight - this.inFlight.size;
    const now = this.now();
    // Claiming aggregates the queue; when nothing changed it runs only once per poll (backoffs falling due).
    if (free > 0 && (this.dirty || now - this.lastClaimAt >= this.config.pollMs)) {
      this.dirty = false;
      this.lastClaimAt = now;
      for (const claim of await repos.routing.claimGroups(now, now + this.config.leaseMs, free)) {
        const oldest = Math.min(...claim.rows.map((r) => Date.parse(r.createdAt)));
        if (Number.isFinite(oldest)) this.deps.metrics?.claimLag.observe(Math.max(0, Date.now() - oldest) / 1000);
        this.deliver(claim);
      }
    }
    this.maybeCheckBillable(now);
    await this.maybeExpire(now);
    return resolved >= batch;
  }

  /**
   * Fails waiting alerts past the retry horizon that no try will reach (their integration's breaker
   * stayed open longer than the horizon). A few times per horizon, at most once a minute.
   */
  private async maybeExpire(now: number): Promise<void> {
    const horizonMs = this.config.retryHorizonHours * 3_600_000;
    if (now - this.lastExpiry < Math.min(60_000, Math.max(this.config.pollMs, horizonMs / 4))) return;
    this.lastExpiry = now;
    const expired = await this.deps.repos.routing.expireQueued(new Date(now - horizonMs).toISOString(), now, FAILURE_ADVICE.unavailable);
    if (expired > 0) this.deps.logger.warn({ expired, horizonHours: this.config.retryHorizonHours }, 'routing: alerts failed past the retry horizon');
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const started = performance.now();
      let more = false;
      try {
        more = await this.tick();
      } catch (error) {
        this.deps.logger.error({ err: error }, 'routing: worker pass failed');
      }
      if (!this.running) break;
      const spent = performance.now() - started;
      if (more) {
        await this.yielder.after(spent);
        continue;
      }
      await this.signal.wait(this.config.pollMs);
      if (this.yielder.holding()) await this.yielder.after(spent);
      // Kicked at once: still leave a short gap, so a burst of intake lands first (fewer passes, bigger notes).
      const gap = this.config.tickGapMs - (performance.now() - started);
      if (gap > 0 && this.running) await new Promise((r) => setTimeout(r, gap));
    }
  }

  private deliver(claim: Claim): void {
    const { repos, vendors, logger } = this.deps;
    const ctx = {
      repos, vendors, logger, config: this.config, now: this.now, signal: this.abort.signal, breaker: this.breaker, events: this.events, hooks: this.options.hooks,
      yieldToIntake: (spentMs: number) => this.yielder.after(spentMs),
    };
    const work = deliverGroup(ctx, claim)
      .catch((error) => logger.error({ err: error, groupKey: claim.groupKey }, 'routing: group delivery crashed'))
      .finally(async () => {
        if (!this.inFlight.has(claim)) return; // killed: a crashed worker writes nothing more
        // Out of the heartbeat's set first, so no renewal races the release.
        this.inFlight.delete(claim);
        try {
          await repos.routing.releaseClaim(claim);
        } catch (error) {
          logger.debug({ err: error }, 'routing: could not release a claim');
        }
        this.dirty = true;
        this.signal.notify();
      });
    this.inFlight.set(claim, work);
  }

  private renewClaims(): void {
    for (const claim of this.inFlight.keys()) {
      const until = this.now() + this.config.leaseMs;
      this.deps.repos.routing.extendClaim(claim, until).then((kept) => {
        if (!kept) this.deps.logger.warn({ groupKey: claim.groupKey }, 'routing: claim lost while delivering');
        else if (claim.probe) return this.breaker.extendProbe(claim, until);
      }).catch((error: unknown) => this.deps.logger.debug({ err: error }, 'routing: heartbeat failed'));
    }
  }

  private maybeCheckBillable(now: number): void {
    if (this.billableRunning || now - this.lastBillableCheck < this.config.billableCheckMs) return;
    this.lastBillableCheck = now;
    this.billableRunning = true;
    this.billable.runScheduled(new Date(now), this.abort.signal)
      .catch((error) => this.deps.logger.error({ err: error }, 'routing: billable-user sync check failed'))
      .finally(() => { this.billableRunning = false; });
  }
}
