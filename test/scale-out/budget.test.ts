/**
 * Vendor rate budgets shared through PostgreSQL: limiters of several instances (each on its own
 * connection) that draw from one vendor account's bucket start, together, no more calls in any
 * window than the vendor's limit, while one instance alone may use the whole budget.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgres, type PostgresDatabase } from '../../db/database.js';
import { createPgBudgetStore } from '../../db/repositories-pg/budgets.repo.js';
import { createLogger } from '../../bff/logger.js';
import { SharedRateLimiter } from '../../bff/vendors/http/shared-budget.js';
import { dropSchema, postgresUnavailable, TEST_DATABASE_URL } from '../helpers/test-database.js';

const unavailable = await postgresUnavailable();
if (unavailable) console.warn(`Shared budget tests skipped: ${unavailable}`);

const opened: PostgresDatabase[] = [];
let schema = '';
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
  if (schema) await dropSchema(schema);
});

describe.skipIf(unavailable)('vendor budgets shared across instances (PostgreSQL)', () => {
  it('three instances hammering one account start at most the limit in any window', async () => {
    schema = `t_budget_${randomBytes(5).toString('hex')}`;
    const budget = { limit: 20, windowMs: 1_000, concurrency: 50 };
    const instances = [];
    for (let i = 0; i < 3; i++) {
      const db = await openPostgres(TEST_DATABASE_URL, schema, 4);
      opened.push(db);
      instances.push(new SharedRateLimiter(budget, createPgBudgetStore(db.db), 'autotask:api-user@sandbox.example', createLogger('silent')));
    }
    const started: number[] = [];
    const t0 = Date.now();
    // Each instance wants 15 calls (45 in all): far more than one window's 20.
    await Promise.all(instances.flatMap((limiter) => Array.from({ length: 15 }, async () => {
      const release = await limiter.acquire();
      started.push(Date.now() - t0);
      release();
    })));
    started.sort((a, b) => a - b);
    let most = 0;
    for (let a = 0, b = 0; b < started.length; b++) {
      while (started[b]! - started[a]! >= budget.windowMs) a++;
      most = Math.max(most, b - a + 1);
    }
    expect(started).toHaveLength(45);
    expect(most).toBeLessThanOrEqual(budget.limit);
    // They were held back by the shared bucket, not by luck: 45 calls at 16 per second after a burst of 4 take well over 2 s.
    expect(started.at(-1)!).toBeGreaterThan(2_000);
  }, 20_000);
});
