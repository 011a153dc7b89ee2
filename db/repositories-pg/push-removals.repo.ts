/** @module PostgreSQL implementation of the hook-removal repository: the shared statements (repositories/push-removals.repo.ts) over the PostgreSQL tables. */
import type { PgDb } from '../pg-client.js';
import * as pgSchema from '../schema-pg/index.js';
import { pushRemovalsRepo, type PushRemovalsRepo } from '../repositories/push-removals.repo.js';

export function createPgPushRemovalsRepo(db: PgDb): PushRemovalsRepo {
  // The twins have the same columns; the integration row a delete reads is locked FOR UPDATE here.
  return pushRemovalsRepo(db, pgSchema as unknown as Parameters<typeof pushRemovalsRepo>[1], { sqlite: false });
}
