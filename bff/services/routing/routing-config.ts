/**
 * @module The routing worker's settings: defaults for production, small values in tests. The Node
 * entry may override them with `ROUTING_*` variables (parsed here, from the same environment
 * object start-up parsed, so a wrong value stops start-up naming the variable).
 */
import { z } from 'zod';
import { EnvError } from '../../env.js';

const ms = (fallback: number, min = 1) => z.coerce.number().int().min(min).max(86_400_000).default(fallback);

export const routingConfigSchema = z.object({
  /** How often the worker looks for due work when nothing kicked it. */
  pollMs: ms(200),
  /**
   * Least time between two worker passes when kicked: intake kicks on every alert, and a pass
   * (resolve a batch, claim groups) every few milliseconds would take the event loop from intake.
   */
  tickGapMs: ms(25, 0),
  /**
   * How long one piece of the worker's work (a slice of resolutions, one claim) holds the event
   * loop it shares with intake; between pieces the loop takes its I/O. Pieces are sized by the
   * cost per row measured so far (slice-sizer.ts). ASSUMPTION: 4 ms. Measured in the steady-rate
   * intake bench, passes of 200 resolutions and 500-alert claims held the loop 10–80 ms, and every
   * request arriving meanwhile waited that out (p99 ≈ 54 ms against 25 ms wanted); a few
   * milliseconds is what a request may wait behind the worker without moving intake's p99.
   */
  sliceMs: ms(4),
  /**
   * The worker in the intake process while intake is flat out (alerts arrive faster than
   * `yieldBusyPerSecond` and the event loop is saturated; intake-yield.ts): it keeps
   * `yieldShare` of the event loop, so delivery never stops, for at most this long per storm, then
   * runs at full speed until intake calms down, so the delay a storm adds to delivery is bounded.
   * ASSUMPTION: 10 s. A burst is accepted at the database's pace and delivered right after (notes
   * coalesce what backed up, so the PSA sees fewer calls); a storm longer than that is delivered
   * as it comes at intake's expense. It used to be 1 s because a backlog made each claim and note
   * dearer (they read the whole queue); they read only their own rows now, so a longer hold costs
   * no more per alert. 0 never yields.
   */
  yieldMaxMs: ms(10_000, 0),
  /**
   * The worker's guaranteed share of the event loop while it yields to a flat-out intake. Above 0,
   * so delivery never starves; 1 never holds back. ASSUMPTION: a twentieth. Measured in the intake
   * bench, a tenth took 11–14 % of the loop from intake (vendor calls and events around each step
   * included); at the worker's ≈ 200 µs per alert a twentieth still delivers a few hundred alerts a
   * second during a hold, and the hold itself is bounded by `yieldMaxMs`.
   */
  yieldShare: z.coerce.number().gt(0).max(1).default(0.05),
  /** Alerts accepted per second (in this process) from which intake counts as busy. */
  yieldBusyPerSecond: z.coerce.number().int().min(1).max(1_000_000).default(500),
  /** How long a claim holds a group without a heartbeat (a crashed worker's groups free up after it). */
  leaseMs: ms(15_000, 50),
  /**
   * How long after acceptance an alert keeps being retried through transient failures (no answer,
   * time-out, 5xx, 429) before it is failed; 72 hours, as Stripe and Standard Webhooks senders do.
   */
  retryHorizonHours: z.coerce.number().positive().max(24 * 30).default(72),
  backoffBaseMs: ms(1_000),
  /** Longest wait between two tries of one group (the vendor's Retry-After may ask for longer). */
  backoffMaxMs: ms(900_000),
  /** Transient failures in a row (across every group and instance) that make an integration unavailable. */
  breakerThreshold: z.coerce.number().int().min(1).max(1_000).default(5),
  /** While unavailable, one probe (the oldest waiting group's delivery) after this, doubling per failed probe… */
  probeBaseMs: ms(30_000),
  /** …up to this. */
  probeMaxMs: ms(900_000),
  /**
   * A group's ticket is trusted to be open for this long before the PSA is asked again; preview
   * applies the same window, so it says what delivery will do. ASSUMPTION: 5 s. A ticket closed
   * less than that after it was last seen open may still get a note; past it, a closed ticket
   * gets a new ticket. A storm costs at most one ticket read per group per window.
   */
  openTtlMs: ms(5_000, 0),
  /**
   * How long after a write was sent its marker is searched for before the write is presumed lost
   * and sent again. A vendor may commit a write after the client timed out (the vendor time-out
   * is 15 s); giving up sooner makes a second ticket or note when the first lands late.
   * ASSUMPTION: 60 s from sending covers a vendor's commit delay (45 s past the time-out).
   */
  lateWriteWaitMs: ms(60_000, 0),
  /** Groups delivered at once by one worker (the vendor limiter still caps concurrent calls). */
  maxGroupsInFlight: z.coerce.number().int().min(1).max(256).default(8),
  /** Alerts listed in one coalesced note at most (PSA note size limits). */
  maxAlertsPerNote: z.coerce.number().int().min(1).max(500).default(50),
  /** Accepted alerts resolved (decision, group key) per transaction. */
  resolveBatch: z.coerce.number().int().min(1).max(5_000).default(200),
  /** How often the worker checks whether a billable-user sync is due. */
  billableCheckMs: ms(600_000),
  /** Scheduled tries per organization and month before the sync waits for an admin. */
  billableTriesPerPeriod: z.coerce.number().int().min(1).max(50).default(3),
});
export type RoutingConfig = z.infer<typeof routingConfigSchema>;

export const DEFAULT_ROUTING_CONFIG: RoutingConfig = routingConfigSchema.parse({});

/** What preview shares with the worker: the open-state trust window and the clock (epoch ms). */
export interface RoutingTiming {
  openTtlMs: number;
  now: () => number;
}

const ENV_NAMES: Record<keyof RoutingConfig, string> = {
  pollMs: 'ROUTING_POLL_MS', tickGapMs: 'ROUTING_TICK_GAP_MS', sliceMs: 'ROUTING_SLICE_MS', yieldMaxMs: 'ROUTING_YIELD_MAX_MS', yieldShare: 'ROUTING_YIELD_SHARE', yieldBusyPerSecond: 'ROUTING_YIELD_BUSY_PER_SECOND', leaseMs: 'ROUTING_LEASE_MS', retryHorizonHours: 'ROUTING_RETRY_HORIZON_HOURS', backoffBaseMs: 'ROUTING_BACKOFF_BASE_MS',
  backoffMaxMs: 'ROUTING_BACKOFF_MAX_MS', breakerThreshold: 'ROUTING_BREAKER_THRESHOLD', probeBaseMs: 'ROUTING_PROBE_BASE_MS', probeMaxMs: 'ROUTING_PROBE_MAX_MS', openTtlMs: 'ROUTING_OPEN_TTL_MS', lateWriteWaitMs: 'ROUTING_LATE_WRITE_WAIT_MS', maxGroupsInFlight: 'ROUTING_MAX_GROUPS_IN_FLIGHT',
  maxAlertsPerNote: 'ROUTING_MAX_ALERTS_PER_NOTE', resolveBatch: 'ROUTING_RESOLVE_BATCH', billableCheckMs: 'ROUTING_BILLABLE_CHECK_MS',
  billableTriesPerPeriod: 'ROUTING_BILLABLE_TRIES_PER_PERIOD',
};

/** Reads `ROUTING_*` overrides; throws an EnvError naming each wrong variable. */
export function routingConfigFromEnv(source: Record<string, string | undefined>): RoutingConfig {
  const input = Object.fromEntries((Object.entries(ENV_NAMES) as Array<[keyof RoutingConfig, string]>)
    .filter(([, name]) => source[name] !== undefined && source[name] !== '').map(([key, name]) => [key, source[name]]));
  const parsed = routingConfigSchema.safeParse(input);
  if (!parsed.success) {
    throw new EnvError(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ${ENV_NAMES[i.path[0] as keyof RoutingConfig] ?? i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}
