/**
 * @module Vendor rate budgets shared across instances. On PostgreSQL each call also takes a token
 * from the vendor account's bucket in the database, so N instances together never exceed the
 * vendor's limit; the local limiter still bounds concurrency and honours Retry-After per process.
 * On SQLite (one process) the local limiter is the whole budget.
 *
 * The bucket holds `BURST_SHARE` of the window's limit and refills the rest evenly over the
 * window: in any window at most burst + refill = limit calls start, whatever the instance count.
 */
import { createHmac } from 'node:crypto';
import type { Logger } from '../../logger.js';
import type { RateBudget } from '../../contracts/vendor-catalog.js';
import { RateLimiter, RateLimiterRegistry } from './rate-limiter.js';

export const BURST_SHARE = 0.2;

/** A bucket: at most `capacity` calls at once after a quiet spell, refilled at `perMs` calls per ms. */
export interface Bucket {
  capacity: number;
  perMs: number;
}

/**
 * Where every instance's buckets live (PostgreSQL: db/repositories-pg/budgets.repo.ts). The
 * composition root builds it from the database and passes it in, so adapters never reach `db/`.
 */
export interface BudgetStore {
  /** Takes one call from the bucket: 0 when granted, else the milliseconds until one is free. */
  take(key: string, bucket: Bucket): Promise<number>;
}

export function bucketOf(budget: RateBudget): Bucket {
  const capacity = Math.max(1, Math.floor(budget.limit * BURST_SHARE));
  return { capacity, perMs: (budget.limit - capacity) / budget.windowMs };
}

const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((resolve, reject) => {
  if (signal?.aborted) return reject(signal.reason);
  const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
  const onAbort = () => { clearTimeout(timer); reject(signal!.reason); };
  signal?.addEventListener('abort', onAbort, { once: true });
});

export class SharedRateLimiter extends RateLimiter {
  private readonly bucket: Bucket;

  constructor(budget: RateBudget, private readonly store: BudgetStore, private readonly key: string, private readonly logger: Logger) {
    super(budget);
    this.bucket = bucketOf(budget);
  }

  override async acquire(signal?: AbortSignal): Promise<() => void> {
    const release = await super.acquire(signal);
    try {
      for (;;) {
        let wait: number;
        try {
          wait = await this.store.take(this.key, this.bucket);
        } catch (error) {
          // ASSUMPTION: with the database unreachable the call waits and retries rather than spend budget blindly.
          this.logger.warn({ err: error, key: this.key }, 'vendor budget: the shared budget could not be read; waiting');
          wait = 1_000;
        }
        if (wait <= 0) return release;
        await sleep(Math.min(wait, 5_000), signal);
      }
    } catch (error) {
      release();
      throw error;
    }
  }
}

/**
 * The row key of a vendor account's budget: the vendor, then a keyed hash (HMAC-SHA256 with the
 * server's key material) of the account key the adapter chose. Adapters key budgets by what names
 * the account (Datto's API key, Autotask's API user, a tenant), which is credential material and
 * must not sit in the database in clear; every instance holds the same key material, so all still
 * meet on one row. Rows of the old clear keys are deleted by migration 0001 (PostgreSQL only: on
 * SQLite budgets never leave the process).
 */
export function budgetRowKey(accountKey: string, keyMaterial: Buffer): string {
  const vendor = accountKey.slice(0, Math.max(0, accountKey.indexOf(':'))) || 'vendor';
  return `${vendor}:${createHmac('sha256', keyMaterial).update(accountKey).digest('hex').slice(0, 32)}`;
}

export class SharedRateLimiterRegistry extends RateLimiterRegistry {
  private readonly shared = new Map<string, RateLimiter>();

  constructor(private readonly store: BudgetStore, private readonly logger: Logger, private readonly keyMaterial: Buffer) {
    super();
  }

  override get(key: string, budget: RateBudget): RateLimiter {
    let limiter = this.shared.get(key);
    if (!limiter) {
      limiter = new SharedRateLimiter(budget, this.store, budgetRowKey(key, this.keyMaterial), this.logger);
      this.shared.set(key, limiter);
    }
    return limiter;
  }
}

/**
 * The limiter registry for this engine: shared through the store when there is one (PostgreSQL),
 * in-process without (SQLite). `keyMaterial` keys the budget rows' hashes (the vault's derived
 * budget key).
 */
export function createSharedLimiters(store: BudgetStore | undefined, logger: Logger, keyMaterial: Buffer): RateLimiterRegistry {
  return store ? new SharedRateLimiterRegistry(store, logger, keyMaterial) : new RateLimiterRegistry();
}
