/**
 * @module The routing worker gives way to intake. In the process that accepts alerts, the worker's
 * passes (resolving, claiming, write-backs around each vendor call) take the same event loop as
 * intake. Accepting an alert durably comes first (its 202 is the platform's only guarantee), but
 * delivery must never starve. The rule, while intake is flat out (alerts arrive faster than
 * `yieldBusyPerSecond` and the event loop is saturated):
 * - delivery keeps a guaranteed share of the loop, `yieldShare`: after each piece of work the
 *   worker pauses in proportion to it (work w, pause w·(1 − share)/share), so it always moves on
 *   and takes no more than that share from intake;
 * - for at most `yieldMaxMs` per storm: past it, the worker runs at full speed until intake calms
 *   down, so a sustained storm reaches the PSA with bounded delay (intake still answers, slower).
 * A steady flow that leaves the loop idle part of the time is not a storm: the worker keeps up
 * with it in the idle time. Delivery is held back, never dropped.
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { WorkSignal } from './work-signal.js';

/** The longest single pause, so a long vendor wait does not turn into a long hold. */
const MAX_PAUSE_MS = 250;
/** The event loop counts as saturated when busy this share of the last sample (≥ 50 ms). */
const SATURATED = 0.85;
const LOOP_SAMPLE_MS = 50;
/**
 * A storm ends only after intake has stayed below the busy rate this long. The rate spans just
 * 100–200 ms, so a process the machine starves for a moment reads a rate of 0 mid-storm; ending the
 * storm then would restart its `yieldMaxMs` clock and stretch the hold past its bound.
 */
export const STORM_CALM_MS = 500;

/** The event loop's utilization since the previous call at least LOOP_SAMPLE_MS ago (0–1). */
export function loopUtilizationSampler(): () => number {
  let last: EventLoopUtilization = performance.eventLoopUtilization();
  let lastAt = performance.now();
  let value = 0;
  return () => {
    const now = performance.now();
    if (now - lastAt >= LOOP_SAMPLE_MS) {
      const current = performance.eventLoopUtilization();
      value = performance.eventLoopUtilization(current, last).utilization;
      last = current;
      lastAt = now;
    }
    return value;
  };
}

export interface IntakeYieldConfig {
  /** Longest time the worker yields in one stretch of busy intake; 0 never yields. */
  yieldMaxMs: number;
  /** The worker's guaranteed share of the event loop while it yields (0–1). */
  yieldShare: number;
  /** Alerts accepted per second from which intake counts as busy. */
  yieldBusyPerSecond: number;
}

export class IntakeYield {
  private yieldingSince: number | null = null;
  /** When intake last arrived at the busy rate (on the yielder's clock). */
  private lastBusyAt = Number.NEGATIVE_INFINITY;
  /** The last turn handed out: pieces of worker work waiting together take one turn each. */
  private lastTurn: Promise<void> = Promise.resolve();

  constructor(
    private readonly signal: WorkSignal,
    private readonly config: IntakeYieldConfig,
    private readonly clock: () => number = () => performance.now(),
    private readonly loopUtilization: () => number = loopUtilizationSampler(),
  ) {}

  /** Whether the worker should hold back now: intake is busy, the loop saturated, and the worker has not yet yielded for `yieldMaxMs`. */
  holding(): boolean {
    const now = this.clock();
    if (this.config.yieldMaxMs === 0) return false;
    if (this.signal.acceptedPerSecond(now) < this.config.yieldBusyPerSecond) {
      if (now - this.lastBusyAt >= STORM_CALM_MS) this.yieldingSince = null;
      return false;
    }
    this.lastBusyAt = now;
    // Alerts pour in but the loop has room: the worker works in that room (it keeps `yieldingSince`, so a storm's bound holds).
    if (this.loopUtilization() < SATURATED) return false;
    this.yieldingSince ??= now;
    return now - this.yieldingSince < this.config.yieldMaxMs;
  }

  /** Whether a hold is under way (since when, on the yielder's clock); null when not holding. Read-only. */
  get holdingSince(): number | null {
    return this.yieldingSince;
  }

  /**
   * A turn of the event loop of its own for the next piece of worker work: resolves after the loop
   * has taken its I/O (intake's requests) since the previous piece. Pieces that wait at once (the
   * pass, each group's delivery, the heartbeat) get one turn each, in order, not one turn together:
   * setImmediate callbacks queued together run back to back, and so would the pieces after them.
   *
   * While intake is busy the piece runs in the timers phase, before the loop reads its I/O, not in
   * the check phase after it: intake's group commit writes in the check phase (group-commit.ts),
   * so a piece queued there runs between reading a request and answering it, and every request of
   * that turn waits the piece out on top of its own.
   */
  turn(): Promise<void> {
    const mine = this.lastTurn.then(() => (this.intakeBusy() ? sleep(0) : nextTurn()));
    this.lastTurn = mine;
    return mine;
  }

  private intakeBusy(): boolean {
    return this.signal.acceptedPerSecond(this.clock()) >= this.config.yieldBusyPerSecond;
  }

  /** Called after a piece of worker work that took `spentMs`: lets intake's waiting requests run first (for at most MAX_PAUSE_MS). */
  async after(spentMs: number): Promise<void> {
    if (!this.holding()) return this.turn();
    const share = this.config.yieldShare;
    await sleep(Math.min(MAX_PAUSE_MS, Math.max(1, (spentMs * (1 - share)) / share)));
  }
}
