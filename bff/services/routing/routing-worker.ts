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
import { deliverGroup, type RoutingHooks } from './group-delivery.js';
import { DEFAULT_ROUTING_CONFIG, type RoutingConfig, type RoutingTiming } from './routing-config.js';
import { createDecider, type Decider } from './routing-decider.js';
import { WorkSignal } from './work-signal.js';
import { IntakeYield } from './intake-yield.js';
import { SliceSizer } from './slice-sizer.js';
import { MAX_ALERTS_PER_CLAIM } from '../../../db/repositories/routing-contract.js';

/** Alerts resolved per pass while the worker yields to intake. */
const YIELDING_RESOLVE_BATCH = 50;
/** Rows in a first slice, before the cost per row is known; the fewest in any slice (each has a transaction's fixed cost). */
const FIRST_SLICE_ROWS = 25;
const MIN_SLICE_ROWS = 10;

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
  /** Gives intake the event loop while alerts pour in (for a bounded time), and a turn between pieces of work. */
  private readonly yielder: IntakeYield;
  /**
   * Rows per resolve slice and per claim, so each holds the event loop about `sliceMs`; null where
   * the database's calls wait on the network (PostgreSQL): the loop is free during them, and pieces
   * sized by their wall time would shrink to their round trips.
   */
  private readonly resolveSlice: SliceSizer | null;
  private readonly claimSlice: SliceSizer | null;
  /** Alerts in one full note (a claim is sized in whole notes). */
  private readonly noteAlerts: number;
  /** How long the pass's latest piece of work held the event loop; null once the loop has had its turn after it. */
  private unyieldedMs: number | null = null;

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
    this.breaker = new CircuitBreaker(deps.repos.integrationHealth, this.config, this.now);
    this.yielder = new IntakeYield(this.signal, this.config);
    const timed = deps.repos.routing.holdsEventLoop;
    this.resolveSlice = timed ? new SliceSizer(this.config.sliceMs, FIRST_SLICE_ROWS, MIN_SLICE_ROWS, this.config.resolveBatch) : null;
    // A claim takes at least a full note's alerts (claimSize): smaller claims would split notes (more PSA calls against its rate limits).
    this.noteAlerts = Math.min(this.config.maxAlertsPerNote, MAX_ALERTS_PER_CLAIM);
    this.claimSlice = timed ? new SliceSizer(this.config.sliceMs, this.noteAlerts, this.noteAlerts, MAX_ALERTS_PER_CLAIM) : null;
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

  /**
   * Resolves up to `limit` accepted alerts (decision and group key; database only), in slices of
   * about `sliceMs` each where the database holds the event loop (SQLite), one transaction per
   * slice, the loop taking its I/O between them. One decider serves the whole pass (its lookups
   * are memoized for that long).
   */
  async resolvePending(limit = this.config.resolveBatch): Promise<number> {
    const decider = createDecider(this.deps.repos);
    const decide = async (row: DeliveryRow) => {
      const resolution = await resolveRow(decider, row);
      // A waiting alert makes its group claimable, unless this worker is delivering that group: the
      // group is held until that delivery ends, whose end marks the worker dirty (`deliver`). At a
      // steady rate most alerts join the group in flight, and a claim per pass found nothing at the
      // cost of walking the group's backlog.
      if (resolution.state === 'queued' && !this.delivering(resolution.integrationId, resolution.groupKey)) this.dirty = true;
      return resolution;
    };
    let resolved = 0;
    while (resolved < limit) {
      const size = Math.min(limit - resolved, this.resolveSlice?.size() ?? limit);
      const done = await this.piece(this.resolveSlice, () => this.deps.repos.routing.resolveBatch(size, decide), (n) => n);
      resolved += done;
      if (done < size) break;
    }
    return resolved;
  }

  /**
   * Runs one piece of work after the event loop has had its turn since the previous piece (or the
   * pause the intake rule asks for while intake is flat out), and teaches `sizer` its cost per row.
   */
  private async piece<T>(sizer: SliceSizer | null, work: () => Promise<T>, rowsOf: (result: T) => number = () => 0): Promise<T> {
    if (this.unyieldedMs !== null) await this.yielder.after(this.unyieldedMs);
    const started = performance.now();
    // Sized by CPU time, not wall time: on a busy machine a piece waits for a core as intake does,
    // and sizing by that wait shrank pieces until their fixed cost (a transaction) cost throughput.
    const cpu = process.cpuUsage();
    try {
      const result = await work();
      const used = process.cpuUsage(cpu);
      sizer?.observe(rowsOf(result), (used.user + used.system) / 1000);
      return result;
    } finally {
      this.unyieldedMs = performance.now() - started;
    }
  }

  /** Whether one of this worker's claims in flight is of the group. */
  private delivering(integrationId: string | null, groupKey: string | null): boolean {
    for (const claim of this.inFlight.keys()) if (claim.integrationId === integrationId && claim.groupKey === groupKey) return true;
    return false;
  }

  /** The pass's latest piece of work (ms) the loop still owes intake a turn for; the loop takes it before the next pass. */
  private takeUnyielded(): number {
    const ms = this.unyieldedMs ?? 0;
    this.unyieldedMs = null;
    return ms;
  }

  /** One pass: resolve, claim, start deliveries, maybe a billable check. True when more is waiting. */
  async tick(): Promise<boolean> {
    // While yielding to intake, smaller batches: each piece of work holds the event loop briefly.
    const batch = this.yielder.holding() ? Math.min(YIELDING_RESOLVE_BATCH, this.config.resolveBatch) : this.config.resolveBatch;
    const resolved = await this.resolvePending(batch);
    const now = this.now();
    // Claiming aggregates the queue; when nothing changed it runs only once per poll (backoffs falling due).
    if (this.inFlight.size < this.config.maxGroupsInFlight && (this.dirty || now - this.lastClaimAt >= this.config.pollMs)) {
      this.dirty = false;
      this.lastClaimAt = now;
      await this.claimSlices(now);
    }
    this.maybeCheckBillable(now);
    await this.maybeExpire(now);
    return resolved >= batch;
  }

  /**
   * Claims groups one at a time, each claim sized to hold the event loop about `sliceMs` (the rest
   * of a backlog waits for the group's next claim) and in a turn of its own, and starts their deliveries.
   */
  private async claimSlices(now: number): Promise<void> {
    const until = now + this.config.leaseMs;
    while (this.inFlight.size < this.config.maxGroupsInFlight) {
      const [claim] = await this.piece(this.claimSlice, () => this.deps.repos.routing.claimGroups(now, until, 1, this.claimSize()), (claims) => claims[0]?.rows.length ?? 0);
      if (!claim) return;
      const oldest = Math.min(...claim.rows.map((r) => Date.parse(r.createdAt)));
      if (Number.isFinite(oldest)) this.deps.metrics?.claimLag.observe(Math.max(0, Date.now() - oldest) / 1000);
      this.deliver(claim);
    }
  }

  /**
   * Alerts for the next claim: as many as fit the slice, in whole notes. A claim's alerts go out as
   * notes of `maxAlertsPerNote`; a size between two multiples would end every claim of a backlog
   * with a partial note, one more PSA call (measured: 451 notes instead of 402 for 20,000 alerts).
   */
  private claimSize(): number {
    if (!this.claimSlice) return MAX_ALERTS_PER_CLAIM;
    const note = this.noteAlerts;
    return Math.max(note, Math.floor(this.claimSlice.size() / note) * note);
  }

  /**
   * Fails waiting alerts past the retry horizon that no try will reach (their integration's breaker
   * stayed open longer than the horizon). A few times per horizon, at most once a minute.
   */
  private async maybeExpire(now: number): Promise<void> {
    const horizonMs = this.config.retryHorizonHours * 3_600_000;
    if (now - this.lastExpiry < Math.min(60_000, Math.max(this.config.pollMs, horizonMs / 4))) return;
    this.lastExpiry = now;
    const expired = await this.piece(null, () => this.deps.repos.routing.expireQueued(new Date(now - horizonMs).toISOString(), now, FAILURE_ADVICE.unavailable));
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
      // The pieces of the pass each had their turn after them but the last one.
      const spent = this.takeUnyielded();
      if (more) {
        await this.yielder.after(spent);
        continue;
      }
      await this.signal.wait(this.config.pollMs);
      // Woken at once (an alert came meanwhile): the pass's last piece still gets its turn after it, so
      // it does not run on into the next pass's first piece.
      await this.yielder.after(spent);
      // Kicked at once: still leave a short gap, so a burst of intake lands first (fewer passes, bigger notes).
      const gap = this.config.tickGapMs - (performance.now() - started);
      if (gap > 0 && this.running) await new Promise((r) => setTimeout(r, gap));
    }
  }

  private deliver(claim: Claim): void {
    const { repos, vendors, logger } = this.deps;
    const ctx = {
      repos, vendors, logger, config: this.config, now: this.now, signal: this.abort.signal, breaker: this.breaker, hooks: this.options.hooks,
      yieldToIntake: (spentMs: number) => this.yielder.after(spentMs),
      turn: () => this.yielder.turn(),
    };
    // Its first step in a turn of its own: not in the claim's, nor in another group's.
    const work = this.yielder.turn()
      .then(() => (ctx.signal.aborted ? undefined : deliverGroup(ctx, claim)))
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

  /** Each claim's renewal (an UPDATE of its rows) in a turn of its own. */
  private renewClaims(): void {
    for (const claim of this.inFlight.keys()) {
      this.yielder.turn().then(() => {
        if (!this.inFlight.has(claim)) return; // settled meanwhile: its release gave the rows back
        const until = this.now() + this.config.leaseMs;
        return this.deps.repos.routing.extendClaim(claim, until).then((kept) => {
          if (!kept) this.deps.logger.warn({ groupKey: claim.groupKey }, 'routing: claim lost while delivering');
          else if (claim.probe) return this.breaker.extendProbe(claim, until);
        });
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
