/**
 * A backlog is claimed in bounded slices, oldest first: one claim's UPDATE and rows stay small
 * (the worker shares the event loop with intake), and the rest of the group waits for the next
 * claim without another claim taking the group meanwhile. Runs on both engines.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/database.js';
import { MAX_ALERTS_PER_CLAIM } from '../../../db/repositories/routing-contract.js';
import { openTestDatabase } from '../../helpers/test-database.js';

let database: Database | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

describe('claiming a group with a backlog', () => {
  it(`takes its ${MAX_ALERTS_PER_CLAIM} oldest alerts, holds the group, and hands out the rest once those are settled`, async () => {
    database = await openTestDatabase(mkdtempSync(join(tmpdir(), 'ih-claim-size-')));
    const { routing } = database.repos;
    const total = MAX_ALERTS_PER_CLAIM + 100;
    const ids = Array.from({ length: total }, (_, i) => `a${String(i).padStart(4, '0')}`);
    for (const id of ids) await routing.accept('p', { id, organizationId: 'o' });
    await routing.resolveBatch(total, async () => ({ integrationId: 'int-1', state: 'queued', groupKey: 'g-1', decision: { action: 'deliver' }, reason: null }));

    const now = Date.now();
    const [first, ...others] = await routing.claimGroups(now, now + 60_000, 5);
    expect(others).toEqual([]);
    expect(first!.rows.map((r) => r.alertId)).toEqual(ids.slice(0, MAX_ALERTS_PER_CLAIM));
    // The rest of the group is not offered while the slice is held.
    expect(await routing.claimGroups(now + 1, now + 60_000, 5)).toEqual([]);

    await routing.recordSkipped(first!, first!.rows.map((r) => r.alertId), 'done', null);
    const [second] = await routing.claimGroups(now + 2, now + 60_000, 5);
    expect(second!.rows.map((r) => r.alertId)).toEqual(ids.slice(MAX_ALERTS_PER_CLAIM));
  });

  it('takes no more than the alerts asked for (the worker sizes claims to its slice of the event loop), oldest first, the rest on the next claim', async () => {
    database = await openTestDatabase(mkdtempSync(join(tmpdir(), 'ih-claim-size-')));
    const { routing } = database.repos;
    const ids = Array.from({ length: 120 }, (_, i) => `a${String(i).padStart(4, '0')}`);
    for (const id of ids) await routing.accept('p', { id, organizationId: 'o' });
    await routing.resolveBatch(ids.length, async () => ({ integrationId: 'int-1', state: 'queued', groupKey: 'g-1', decision: { action: 'deliver' }, reason: null }));

    const now = Date.now();
    const [first] = await routing.claimGroups(now, now + 60_000, 5, 50);
    expect(first!.rows.map((r) => r.alertId)).toEqual(ids.slice(0, 50));
    expect(await routing.claimGroups(now + 1, now + 60_000, 5, 50)).toEqual([]);
    await routing.recordSkipped(first!, first!.rows.map((r) => r.alertId), 'done', null);
    const [second] = await routing.claimGroups(now + 2, now + 60_000, 5, 50);
    expect(second!.rows.map((r) => r.alertId)).toEqual(ids.slice(50, 100));
  });
});
