/** @module PostgreSQL implementation of the two-way repository: the shared statements (repositories/two-way.repo.ts) over the PostgreSQL tables. */
import type { PgDb } from '../pg-client.js';
import * as pgSchema from '../schema-pg/index.js';
import { twoWayRepo, type TwoWayRepo } from '../repositories/two-way.repo.js';

export function createPgTwoWayRepo(db: PgDb): TwoWayRepo {
  // The twins have the same columns; seq is a bigserial here, so inserts leave it to the sequence;
  // rows read to decide a write are locked (SELECT … FOR SHARE) against a concurrent update.
  return twoWayRepo(db, pgSchema as unknown as Parameters<typeof twoWayRepo>[1], { nextSeq: false, rowLocks: true });
}
