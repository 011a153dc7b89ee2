/**
 * Group claims on PostgreSQL from two connections at once (as two instances): one takes the
 * group, the other gets nothing until the lease lapses; a write-back under a lost claim is refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { openPostgres, type PostgresDatabase } from '../../db/database.js';
import { LostClaimError } from '../../db/repositories/routing-contract.js';
import { dropSchema, postgresUnavailable, TEST_DATABASE_URL } from '../helpers/test-database.js';

const unavailable = await postgresUnavailable();
if (unavailable) console.warn(`PostgreSQL claim tests skipped: ${unavailable}`);

const opened: PostgresDatabase[] = [];
let schema = '';
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
  if (schema) await dropSchema(schema);
});

async function twoInstances(): Promise<[PostgresDatabase, PostgresDatabase]> {
  schema = `t_claim_${randomBytes(5).toString('hex')}`;
  const a = await openPostgres(TEST_DATABASE_URL, schema, 4);
  const b = await openPostgres(TEST_DATABASE_URL, schema, 4);
  opened.push(a, b);
  return [a, b];
}

const queued = { integrationId: 'int-1', state: 'queued' as const, groupKey: 'g-1', decision: { action: 'deliver' }, reason: null };

describe.skipIf(unavailable)('claims across instances (PostgreSQL)', () => {
  it('gives a group to one of two instances claiming it at the same moment, over many rounds', async () => {
    const [a, b] = await twoInstances();
    for (let round = 0; round < 25; round++) {
      const groupKey = `g-${round}`;
      for (let i = 0; i < 3; i++) await a.repos.routing.accept('p', { id: `r${round}-${i}`, organizationId: 'o' });
      await a.repos.routing.resolveBatch(10, async () => ({ ...queued, groupKey }));
      const now = Date.now();
      const [ca, cb] = await Promise.all([a.repos.routing.claimGroups(now, now + 60_000, 5), b.repos.routing.claimGroups(now, now + 60_000, 5)]);
      const winners = [...ca, ...cb].filter((c) => c.groupKey === groupKey);
      expect(winners).toHaveLength(1);
      expect(winners[0]!.rows.map((r) => r.alertId)).toEqual([`r${round}-0`, `r${round}-1`, `r${round}-2`]);
      for (const c of [...ca, ...cb]) await a.repos.routing.recordSkipped(c, c.rows.map((r) => r.alertId), 'done', null);
    }
  });

  it('hands a lapsed lease to the other instance and refuses the first one’s late write-back', async () => {
    const [a, b] = await twoInstances();
    await a.repos.routing.accept('p', { id: 'x', organizationId: 'o' });
    await a.repos.routing.resolveBatch(10, async () => queued);
    const now = Date.now();
    const [first] = await a.repos.routing.claimGroups(now, now + 100, 5);
    expect(first).toBeDefined();
    expect(await b.repos.routing.claimGroups(now + 50, now + 10_000, 5)).toEqual([]);
    const [second] = await b.repos.routing.claimGroups(now + 200, now + 10_000, 5);
    expect(second?.groupKey).toBe('g-1');
    await expect(a.repos.routing.recordNoteAdded(first!, ['x'], 't', 'n')).rejects.toBeInstanceOf(LostClaimError);
    await b.repos.routing.recordNoteAdded(second!, ['x'], 't', 'n');
    expect((await a.repos.routing.get('p', 'x'))?.state).toBe('delivered');
  });
});
