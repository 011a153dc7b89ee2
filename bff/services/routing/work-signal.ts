/**
 * @module Wakes the routing worker: intake calls `accepted()` right after its INSERT, a finished
 * group calls `notify()`, and the worker's loop `wait()`s on it between polls. It also counts
 * intake's recent arrivals, so the worker can tell a storm (intake-yield.ts).
 */

/** Arrivals are counted in buckets of this length; the rate spans the current and the previous one. */
const BUCKET_MS = 100;

export class WorkSignal {
  private pending = false;
  private wake: (() => void) | null = null;
  private bucketStart = 0;
  private current = 0;
  private previous = 0;

  /** An alert was accepted in this process: counts it and wakes the worker. */
  accepted(now = performance.now()): void {
    this.roll(now);
    this.current++;
    this.notify();
  }

  /** Alerts accepted per second in this process, over the last 100–200 ms. */
  acceptedPerSecond(now = performance.now()): number {
    this.roll(now);
    return ((this.previous + this.current) * 1000) / (BUCKET_MS + (now - this.bucketStart));
  }

  private roll(now: number): void {
    if (now - this.bucketStart < BUCKET_MS) return;
    // A gap longer than a bucket leaves nothing from before it.
    this.previous = now - this.bucketStart < 2 * BUCKET_MS ? this.current : 0;
    this.current = 0;
    this.bucketStart = now;
  }

  notify(): void {
    this.pending = true;
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /** Resolves after `ms`, or at once when notified (a notification that came first is not lost). */
  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      timer.unref?.();
      this.wake = () => {
        clearTimeout(timer);
        this.pending = false;
        resolve();
      };
    });
  }
}
