/**
 * @module A circuit breaker per integration, its state in the database (integration_health) so
 * every instance and both engines share it. Transient failures (no answer, time-out, 5xx, 429) are
 * counted; at `breakerThreshold` in a row the integration is unavailable: claims hold its queue
 * (no per-alert tries burn the vendor budget), and one probe at a time goes out on a growing
 * interval (probeBaseMs doubling up to probeMaxMs). Any answer from the vendor closes it and makes
 * the held alerts due at once. Keyed by integration only, so another outbox (platform events) can
 * count its failures here too. Its writes are short transactions, never around a vendor call; a
 * transition queues its platform event (integration.unavailable / integration.recovered) in its own.
 */
import type { IntegrationHealthRepo } from '../../../db/repositories/integration-health.repo.js';
import type { Failure } from '../../routing/failure.js';
import { recoveredEvent, unavailableEvent } from '../two-way/delivery-events.js';

export interface BreakerConfig {
  breakerThreshold: number;
  probeBaseMs: number;
  probeMaxMs: number;
}

/** The wait before the probe that follows `failedProbes` failed ones: base, doubling, capped. */
export function probeDelayMs(failedProbes: number, config: Pick<BreakerConfig, 'probeBaseMs' | 'probeMaxMs'>): number {
  return Math.min(config.probeMaxMs, config.probeBaseMs * 2 ** Math.min(failedProbes, 30));
}

/**
 * The most probes an outage of `outageMs` allows after the breaker opened (the schedule's bound on
 * vendor calls while held; tests and the bench compare the sandbox's count with it).
 */
export function probesWithin(outageMs: number, config: Pick<BreakerConfig, 'probeBaseMs' | 'probeMaxMs'>): number {
  let n = 0;
  for (let t = probeDelayMs(0, config); t <= outageMs; t += probeDelayMs(n, config)) n++;
  return n + 1; // one more may be in flight when the outage ends
}

export interface BreakerSubject {
  partnerId: string;
  integrationId: string;
}

export class CircuitBreaker {
  constructor(
    private readonly repo: IntegrationHealthRepo,
    private readonly config: BreakerConfig,
    private readonly now: () => number,
  ) {}

  /** A transient failure; `probe` when it was the breaker's probe (then the next probe waits longer). */
  async failed(subject: BreakerSubject, failure: Pick<Failure, 'status' | 'message'>, probe: boolean): Promise<void> {
    const at = this.now();
    const f = { at, status: failure.status, message: failure.message };
    if (probe) {
      const row = await this.repo.get(subject.integrationId);
      await this.repo.recordProbeFailure(subject.integrationId, f, at + probeDelayMs((row?.probes ?? 0) + 1, this.config));
      return;
    }
    // Queued only by the statement that opens it (the one that stamps unavailableSince with this failure's instant).
    await this.repo.recordFailure(subject.partnerId, subject.integrationId, f, { threshold: this.config.breakerThreshold, firstProbeAt: at + probeDelayMs(0, this.config) },
      unavailableEvent(subject.partnerId, subject.integrationId, at, f.status, f.message));
  }

  /** The vendor answered (a success, or a refusal about the data). True when this closed the breaker. */
  async answered(subject: BreakerSubject): Promise<boolean> {
    const at = this.now();
    return this.repo.recordSuccess(subject.integrationId, at, recoveredEvent(subject.partnerId, subject.integrationId, at));
  }

  /** Heartbeat of a running probe. */
  extendProbe(subject: BreakerSubject, until: number): Promise<void> {
    return this.repo.extendProbe(subject.integrationId, until);
  }
}
