/**
 * @module Vendor rate budgets shared by every instance (PostgreSQL): one token bucket row per
 * vendor account, refilled by the database's own clock and taken in one atomic upsert, so N
 * instances together draw from one budget.
 */
import type { Database } from '../database.js';
import type { PgDb } from '../pg-client.js';

/** A bucket: at most `capacity` calls at once after a quiet spell, refilled at `perMs` calls per ms. */
export interface Bucket {
  capacity: number;
  perMs: number;
}

const NOW = `(extract(epoch from clock_timestamp()) * 1000)::bigint`;

export function createPgBudgetStore(db: PgDb) {
  const pool = db.$client;
  return {
    /** Takes one call from the bucket: 0 when granted, else the milliseconds until one is free. */
    async take(key: string, bucket: Bucket): Promise<number> {
      const granted = await pool.query({
        name: 'budget-take',
        text: `insert into vendor_budgets as b (key, tokens, refilled_at) values ($1, $2::float8 - 1, ${NOW})
               on conflict (key) do update set
                 tokens = least($2::float8, b.tokens + greatest(0, ${NOW} - b.refilled_at) * $3::float8) - 1,
                 refilled_at = greatest(b.refilled_at, ${NOW})
               where least($2::float8, b.tokens + greatest(0, ${NOW} - b.refilled_at) * $3::float8) >= 1
               returning tokens`,
        values: [key, bucket.capacity, bucket.perMs],
      });
      if (granted.rowCount === 1) return 0;
      const { rows } = await pool.query<{ have: number }>({
        name: 'budget-peek',
        text: `select least($2::float8, tokens + greatest(0, ${NOW} - refilled_at) * $3::float8) as have from vendor_budgets where key = $1`,
        values: [key, bucket.capacity, bucket.perMs],
      });
      const have = Number(rows[0]?.have ?? 0);
      return Math.max(1, Math.ceil((1 - have) / bucket.perMs));
    },
  };
}

/**
 * The shared budget store for this engine, for the composition root to hand to the vendor
 * limiters: PostgreSQL's buckets, or none on SQLite (one process: the local limiter is the whole budget).
 */
export function createBudgetStore(database: Database): ReturnType<typeof createPgBudgetStore> | undefined {
  return database.dialect === 'postgres' ? createPgBudgetStore(database.db) : undefined;
}
