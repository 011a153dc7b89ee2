/**
 * @module Datto RMM's request budget as the sandbox enforces it: 600 reads in a rolling 60 s per
 * account with a one-second slow-down above 90 %, and writes limited per operation (100 each,
 * `device-udf-set` 600) within an aggregate 600 (facts A4 "Rate limits"). Reads and writes are
 * separate quotas. `GET /v2/system/request_rate` reports the same counters.
 */

export const WINDOW_SECONDS = 60;
export const READ_LIMIT = 600;
export const CUTOFF_RATIO = 0.9;
export const ACCOUNT_WRITE_LIMIT = 600;
const DEFAULT_OPERATION_WRITE_LIMIT = 100;
/** Operation keys as `operationWriteStatus` names them (facts A4). */
export const OPERATION_WRITE_LIMITS: Record<string, number> = {
  'site-create': 100,
  'site-update': 100,
  'device-move': 100,
  'device-udf-set': 600,
  'alert-resolve': 100,
};

/** A sliding-window count that can also report its level (the kit's WindowCounter cannot). */
class SlidingCount {
  private readonly hits: number[] = [];
  constructor(readonly limit: number) {}

  count(now: number): number {
    while (this.hits.length > 0 && this.hits[0]! <= now - WINDOW_SECONDS * 1_000) this.hits.shift();
    return this.hits.length;
  }

  /** Seconds until one more call fits; 0 when it fits now. */
  waitSeconds(now: number): number {
    if (this.count(now) < this.limit) return 0;
    return Math.max(1, Math.ceil((this.hits[0]! + WINDOW_SECONDS * 1_000 - now) / 1_000));
  }

  record(now: number): void {
    this.hits.push(now);
  }

  clear(): void {
    this.hits.length = 0;
  }
}

export class DattoRateLimits {
  private readonly reads = new SlidingCount(READ_LIMIT);
  private readonly writes = new SlidingCount(ACCOUNT_WRITE_LIMIT);
  private readonly operations = new Map<string, SlidingCount>();

  /** @param slowDownMs the delay added above the cut-off ratio (Datto: one second). */
  constructor(readonly slowDownMs: number) {}

  /** Counts a read. `retryAfter` > 0: answer 429; `delayMs` > 0: answer that much later. */
  read(now = Date.now()): { retryAfter: number; delayMs: number } {
    const retryAfter = this.reads.waitSeconds(now);
    if (retryAfter > 0) return { retryAfter, delayMs: 0 };
    this.reads.record(now);
    const over = this.reads.count(now) > READ_LIMIT * CUTOFF_RATIO;
    return { retryAfter: 0, delayMs: over ? this.slowDownMs : 0 };
  }

  /** Counts a write of one operation; returns the seconds to wait (429) or 0. */
  write(operation: string, now = Date.now()): number {
    const op = this.operation(operation);
    const wait = Math.max(op.waitSeconds(now), this.writes.waitSeconds(now));
    if (wait > 0) return wait;
    op.record(now);
    this.writes.record(now);
    return 0;
  }

  /** The `RateStatusResponse` body. */
  status(accountUid: string, now = Date.now()) {
    const operationWriteStatus: Record<string, { limit: number; count: number }> = {};
    for (const key of new Set([...Object.keys(OPERATION_WRITE_LIMITS), ...this.operations.keys()])) {
      const op = this.operation(key);
      operationWriteStatus[key] = { limit: op.limit, count: op.count(now) };
    }
    return {
      slidingTimeWindowSizeSeconds: WINDOW_SECONDS,
      accountUid,
      accountCount: this.reads.count(now),
      accountRateLimit: READ_LIMIT,
      accountCutOffRatio: CUTOFF_RATIO,
      accountWriteRateLimit: ACCOUNT_WRITE_LIMIT,
      accountWriteCount: this.writes.count(now),
      operationWriteStatus,
    };
  }

  reset(): void {
    this.reads.clear();
    this.writes.clear();
    this.operations.clear();
  }

  private operation(key: string): SlidingCount {
    let op = this.operations.get(key);
    if (!op) {
      op = new SlidingCount(OPERATION_WRITE_LIMITS[key] ?? DEFAULT_OPERATION_WRITE_LIMIT);
      this.operations.set(key, op);
    }
    return op;
  }
}
