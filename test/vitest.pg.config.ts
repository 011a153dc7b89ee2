/**
 * @module vitest settings for the PostgreSQL pass: the repository, routing, RMM sync and BFF suites
 * again, each test app on a PostgreSQL schema of its own (TEST_DATABASE_URL, default the machine's
 * `test` database), plus the PostgreSQL-only scale-out tests. `npm test` runs it after the SQLite
 * pass when a server answers.
 */
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/db/**/*.test.ts', 'test/bff/*.test.ts', 'test/bff/routing/**/*.test.ts', 'test/bff/rmm-sync/**/*.test.ts', 'test/bff/two-way/**/*.test.ts', 'test/scale-out/**/*.test.ts'],
    // Tests that never open the run's database (pure functions; SQLite-only or engine-independent
    // migration checks; the separate worker on SQLite, which scale-out covers on PostgreSQL) gain nothing from a second engine: the SQLite pass runs them once.
    exclude: [
      'test/db/migrations.test.ts', 'test/db/migrations-pg.test.ts', 'test/db/platform-events-numbering.test.ts', 'test/db/wal-checkpointer.test.ts',
      'test/bff/credential-vault.test.ts', 'test/bff/vendor-problem-words.test.ts', 'test/bff/rmm-sync/sync-plan.test.ts', 'test/bff/rmm-sync/standing-auto-map.plan.test.ts',
      'test/bff/routing/separate-worker.sqlite.test.ts', 'test/bff/routing/billable.test.ts', 'test/bff/routing/decision.test.ts', 'test/bff/routing/failure.test.ts', 'test/bff/routing/message-format.test.ts',
    ],
    // A file's test apps reuse emptied schemas rather than migrating one each (test-database.ts).
    setupFiles: ['test/helpers/pg-schema-reuse.setup.ts'],
    pool: 'forks',
    // Mostly waiting on PostgreSQL, HTTP and timers: at least three workers instead of vitest's one on
    // 2 cores (each test app has its own schema, so files running side by side never meet). Measured
    // here: 2 workers 230 s, 3 workers 180 s, 4 workers no faster and the 300 ms vendor time-outs failed.
    maxWorkers: Math.max(3, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { TEST_DATABASE_ENGINE: 'postgres' },
  },
});
