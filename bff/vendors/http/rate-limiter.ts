/**
 * @module A budget keeper per vendor account: at most `limit` calls in any `windowMs`, at most
 * `concurrency` at once, and a pause until a vendor's `Retry-After` has passed. Callers await
 * `acquire()` and call the returned release function when their request has finished.
 */
import type { RateBudget } from '../../contracts/vendor-catalog.js';

export interface LimiterStats {
  calls: number;
  maxInWindow: number;
  waitedMs: number;
}

export class RateLimiter {
  private readonly started: number[] = [];
  private inFlight = 0;
  private pausedUntil = 0;
  private readonly waiters: Array<() => void> = [];
  private timer: NodeJS.Timeout | null = null;
  readonly stats: LimiterStats = { calls: 0, maxInWindow: 0, waitedMs: 0 };

  constructor(
    readonly budget: RateBudget,
    private readonly now: () => number = Date.now,
  ) {}

  /** Waits for a slot; resolves with the function that frees it. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    const asked = this.now();
    while (!this.tryTake()) {
      await this.waitForChange(signal);
    }
    this.stats.waitedMs += this.now() - asked;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      this.wakeAll();
    };
  }

  /** Stops all calls until `ms` from now (a vendor said `Retry-After`). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  /** Milliseconds until the next call could start (0 when one could start now). */
  delayUntilFree(): number {
    const now = this.now();
    this.prune(now);
    let wait = Math.max(0, this.pausedUntil - now);
    if (this.started.length >= this.budget.limit) {
      wait = Math.max(wait, this.started[0]! + this.budget.windowMs - now);
    }
    return wait;
  }

  /** Calls started within the current window. */
  usedInWindow(): number {
    this.prune(this.now());
    return this.started.length;
  }

  private tryTake(): boolean {
    if (this.inFlight >= this.budget.concurrency) return false;
    if (this.delayUntilFree() > 0) return false;
    this.started.push(this.now());
    this.inFlight++;
    this.stats.calls++;
    this.stats.maxInWindow = Math.max(this.stats.maxInWindow, this.started.length);
    return true;
  }

  private prune(now: number): void {
    while (this.started.length > 0 && this.started[0]! <= now - this.budget.windowMs) this.started.shift();
  }

  private waitForChange(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const wake = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const i = this.waiters.indexOf(wake);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(wake);
      this.armTimer();
    });
  }

  /** A concurrency slot frees on release; a window slot or a pause frees with time. */
  private armTimer(): void {
    if (this.timer) return;
    const delay = this.inFlight >= this.budget.concurrency ? 0 : this.delayUntilFree();
    if (delay <= 0 && this.inFlight >= this.budget.concurrency) return; // a release will wake us
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wakeAll();
    }, Math.max(1, delay));
    this.timer.unref?.();
  }

  private wakeAll(): void {
    const waiting = this.waiters.splice(0);
    for (const wake of waiting) wake();
  }
}

/** One limiter per key (vendor + account), shared by every adapter instance for that account. */
export class RateLimiterRegistry {
  private readonly limiters = new Map<string, RateLimiter>();

  get(key: string, budget: RateBudget): RateLimiter {
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = new RateLimiter(budget);
      this.limiters.set(key, limiter);
    }
    return limiter;
  }
}
