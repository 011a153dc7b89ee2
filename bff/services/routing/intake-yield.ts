/**
 * @module The routing worker gives way to intake. In the process that accepts alerts, the worker's
 * passes (resolving, claiming, write-backs around each vendor call) take the same event loop as
 * intake; during a storm they would halve the alerts accepted per second and add their longest
 * step to intake's latency. So while alerts arrive fast and the event loop is saturated, the
 * worker takes a small share of the loop (it pauses after each piece of work, in proportion to the
 * work), and for a bounded time only: after `yieldMaxMs` of yielding it runs at full speed again
 * until intake calms down, so no alert waits more than that for the worker's sake. A steady flow
 * that leaves the loop idle part of the time is not a storm: the worker keeps up with it in the
 * idle time. Delivery is held back, never dropped.
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { WorkSignal } from './work-signal.js';

/** The worker's share of the event loop while it yields (a tenth: intake keeps nine). */
const YIELD_SHARE = 0.1;
/** The longest single pause, so a long vendor wait does not turn into a long hold. */
const MAX_PAUSE_MS = 250;
/** The event loop counts as saturated when busy this share of the last sample (≥ 50 ms). */
const SATURATED = 0.85;
const LOOP_SAMPLE_MS = 50;

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
  /** Alerts accepted per second from which intake counts as busy. */
  yieldBusyPerSecond: number;
}

export class IntakeYield {
  private yieldingSince: number | null = null;

  constructor(
    private readonly signal: WorkSignal,
    private readonly config: IntakeYieldConfig,
    private readonly clock: () => number = () => performance.now(),
    private readonly loopUtilization: () => number = loopUtilizationSampler(),
  ) {}

  /** Whether the worker should hold back now: intake is busy, the loop saturated, and the worker has not yet yielded for `yieldMaxMs`. */
  holding(): boolean {
    const now = this.clock();
    if (this.config.yieldMaxMs === 0 || this.signal.acceptedPerSecond(now) < this.config.yieldBusyPerSecond) {
      this.yieldingSince = null;
      return false;
    }
    // Alerts pour in but the loop has room: the worker works in that room (it keeps `yieldingSince`, so a storm's bound holds).
    if (this.loopUtilization() < SATURATED) return false;
    this.yieldingSince ??= now;
    return now - this.yieldingSince < this.config.yieldMaxMs;
  }

  /** Called after a piece of worker work that took `spentMs`: lets intake's waiting requests run first. */
  async after(spentMs: number): Promise<void> {
    if (!this.holding()) return void (await nextTurn());
    await sleep(Math.min(MAX_PAUSE_MS, Math.max(1, (spentMs * (1 - YIELD_SHARE)) / YIELD_SHARE)));
  }
}
