/**
 * The routing worker's writes keep their promises on the run's engine (SQLite; PostgreSQL under
 * test/vitest.pg.config.ts): a write-back given an alert that is no longer its claim's is refused
 * (LostClaimError) and changes none of the alerts it was given, nor the group; and resolving leaves
 * an alert that another process resolved meanwhile as that process wrote it.
 */
import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { LostClaimError, type Claim, type Resolution } from '../../db/repositories/routing-contract.js';
import { freshTestDatabases } from '../helpers/fresh-test-database.js';
import { TEST_ENGINE } from '../helpers/test-database.js';

const openDatabase = freshTestDatabases('ih-writebacks-');

const PARTNER = 'partner-a';
const queued = (groupKey: string): Resolution => ({ integrationId: 'int-1', state: 'queued', groupKey, decision: { action: 'deliver' }, reason: null });

/** Alerts a and b accepted, resolved into one group and claimed together. */
async function claimedPair(): Promise<{ db: Database; claim: Claim }> {
  const db = await openDatabase();
  for (const id of ['a', 'b']) await db.repos.routing.accept(PARTNER, { id, organizationId: 'org-1' });
  expect(await db.repos.routing.resolveBatch(10, async () => queued('g-1'))).toBe(2);
  const now = Date.now();
  const [claim] = await db.repos.routing.claimGroups(now, now + 60_000, 1);
  expect(claim?.rows.map((r) => r.alertId)).toEqual(['a', 'b']);
  return { db, claim: claim! };
}

describe(`routing write-backs (${TEST_ENGINE})`, () => {
  it('refuses a write-back given an alert that is no longer its claim’s, and changes none of the alerts it was given', async () => {
    const { db, claim } = await claimedPair();
    const routing = db.repos.routing;
    await routing.recordNoteAdded(claim, ['b'], 't-1', 'n-1');

    await expect(routing.recordNoteIntent(claim, ['a', 'b'], 't-1', 'ih-n-2')).rejects.toBeInstanceOf(LostClaimError);
    await expect(routing.recordRetry(claim, ['a', 'b'], { lastError: 'down', advice: 'wait', nextAttemptAt: Date.now() + 1_000, expireBefore: new Date(0).toISOString() }))
      .rejects.toBeInstanceOf(LostClaimError);
    await expect(routing.recordTicketIntent(claim, 'b', 'acc-1', 'ih-t-1')).rejects.toBeInstanceOf(LostClaimError);

    const a = await routing.get(PARTNER, 'a');
    expect({ state: a?.state, marker: a?.marker, attempts: a?.attempts, lastError: a?.lastError }).toEqual({ state: 'queued', marker: null, attempts: 0, lastError: null });
    expect((await routing.get(PARTNER, 'b'))?.state).toBe('delivered');
    expect(await routing.getGroup('int-1', 'g-1')).toBeUndefined();
    // The alert still held goes on as the claim's.
    await routing.recordNoteAdded(claim, ['a'], 't-1', 'n-3');
    expect((await routing.get(PARTNER, 'a'))?.vendorNoteId).toBe('n-3');
  });

  it('leaves an alert resolved meanwhile by another process as that process wrote it', async () => {
    const db = await openDatabase();
    for (const id of ['a', 'b']) await db.repos.routing.accept(PARTNER, { id, organizationId: 'org-1' });

    const resolved = await db.repos.routing.resolveBatch(10, async (row) => {
      // While this pass decides, another process resolves b (its own decision, its own group).
      if (row.alertId === 'a') await db.query(`update alert_deliveries set integration_id = 'int-2', group_key = 'other', reason = 'theirs' where alert_id = 'b'`);
      return queued('mine');
    });

    expect(resolved).toBe(2);
    const [a, b] = [await db.repos.routing.get(PARTNER, 'a'), await db.repos.routing.get(PARTNER, 'b')];
    expect([a?.groupKey, a?.integrationId, a?.decision]).toEqual(['mine', 'int-1', { action: 'deliver' }]);
    expect([b?.groupKey, b?.integrationId, b?.reason, b?.decision]).toEqual(['other', 'int-2', 'theirs', null]);
  });
});
