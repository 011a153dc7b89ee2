/**
 * @module A repository test's database: on the run's engine (test-database.ts), in a temporary
 * directory of its own, closed and removed after each test. Call `freshTestDatabases` once at the
 * top of the file; each call of the function it returns opens another.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Database } from '../../db/database.js';
import { openTestDatabase } from './test-database.js';

export function freshTestDatabases(prefix: string): () => Promise<Database> {
  const opened: Array<{ dir: string; database: Database }> = [];
  afterEach(async () => {
    for (const { dir, database } of opened.splice(0)) {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    const database = await openTestDatabase(dir);
    opened.push({ dir, database });
    return database;
  };
}
