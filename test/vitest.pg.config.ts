/**
 * @module vitest settings for the PostgreSQL pass: the repository, routing, RMM sync and BFF suites
 * again, each test app on a fresh PostgreSQL schema (TEST_DATABASE_URL, default the machine's
 * `test` database), plus the PostgreSQL-only scale-out tests. `npm test` runs it after the SQLite
 * pass when a server answers.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/db/**/*.test.ts', 'test/bff/*.test.ts', 'test/bff/routing/**/*.test.ts', 'test/bff/rmm-sync/**/*.test.ts', 'test/bff/two-way/**/*.test.ts', 'test/scale-out/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { TEST_DATABASE_ENGINE: 'postgres' },
  },
});
