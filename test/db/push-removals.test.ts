/**
 * A deleted integration's hook removal on the run's engine (SQLite; PostgreSQL under
 * test/vitest.pg.config.ts): the delete queues it in the same write, with the credentials as they
 * were sealed and the push made inactive; one instance at a time works it under a claim; its end
 * erases the credentials, drops the push (when removed) and writes one audit entry. On PostgreSQL,
 * a push saved by a transaction that held the integration while the delete began is queued too.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { freshTestDatabases } from '../helpers/fresh-test-database.js';
import { TEST_DATABASE_URL, TEST_ENGINE } from '../helpers/test-database.js';

const openDatabase = freshTestDatabases('ih-push-removals-');

const PARTNER = 'partner-a';
const SEALED = { credentialsSealed: 'iv.tag.sealed-bytes', credentialsKeyId: 'k1' };
const END = { actor: 'system', action: 'integration.push-removed', after: { vendorPush: 'removed', attempts: 1 } };

async function open(): Promise<Database> {
  const database = await openDatabase();
  await database.repos.partners.ensure(PARTNER);
  return database;
}

/** An active PSA integration of PARTNER with stored credentials, and its push when `hookId` is given. */
async function psa(db: Database, hookId?: string): Promise<string> {
  const row = await db.repos.integrations.create({ partnerId: PARTNER, kind: 'psa', vendor: 'halopsa', ...SEALED, accountLabel: null });
  await db.repos.integrations.update(PARTNER, row.id, { status: 'active' });
  if (hookId) {
    expect(await db.repos.twoWay.savePush({ integrationId: row.id, partnerId: PARTNER, vendor: 'halopsa', hookId, keyOrigin: null, secretSealed: 's', secretKeyId: 'k1' })).toBe(true);
  }
  return row.id;
}

describe(`push removals (${TEST_ENGINE})`, () => {
  it('the delete queues the removal with the credentials as sealed, makes the push inactive and erases the integration’s credentials', async () => {
    const db = await open();
    const { pushRemovals, integrations, twoWay } = db.repos;
    const id = await psa(db, 'hook-1');
    expect(await pushRemovals.deleteIntegration(PARTNER, id, { now: 1_000, giveUpAt: 9_000 })).toBe('queued');

    expect(await integrations.get(PARTNER, id)).toBeUndefined();
    expect(await integrations.getIncludingDeleted(PARTNER, id)).toMatchObject({ hasCredentials: false });
    expect((await twoWay.getPush(id))?.active).toBe(false);
    expect(await pushRemovals.get(PARTNER, id)).toMatchObject({ hookId: 'hook-1', vendor: 'halopsa', state: 'pending', attempts: 0, nextAttemptAt: 1_000, giveUpAt: 9_000, hasCredentials: true });
    expect(await pushRemovals.get('partner-b', id)).toBeNull();
    // The claim, and only it, reads the sealed copy.
    expect(await pushRemovals.claim(id, 'h', 1_000, 2_000)).toMatchObject(SEALED);
    // Deleted once: a second delete finds nothing.
    expect(await pushRemovals.deleteIntegration(PARTNER, id, { now: 1_000, giveUpAt: 9_000 })).toBeNull();
  });

  it('queues nothing for an integration without a push, nor for another partner’s', async () => {
    const db = await open();
    const { pushRemovals, integrations } = db.repos;
    const withPush = await psa(db, 'hook-2');
    expect(await pushRemovals.deleteIntegration('partner-b', withPush, { now: 1, giveUpAt: 2 })).toBeNull();
    expect(await integrations.get(PARTNER, withPush)).toBeDefined();
    const without = await psa(db);
    expect(await pushRemovals.deleteIntegration(PARTNER, without, { now: 1, giveUpAt: 2 })).toBe('none');
    expect(await pushRemovals.get(PARTNER, without)).toBeNull();
    expect(await pushRemovals.due(10, 20)).toEqual([]);
  });

  it('one claim at a time; a failure counts and waits; a lapsed claim is taken over; a lost claim writes nothing', async () => {
    const db = await open();
    const { pushRemovals } = db.repos;
    const id = await psa(db, 'hook-3');
    await pushRemovals.deleteIntegration(PARTNER, id, { now: 1_000, giveUpAt: 100_000 });
    expect(await pushRemovals.due(999, 20)).toEqual([]);
    expect(await pushRemovals.due(1_000, 20)).toEqual([id]);

    const [a, b] = await Promise.all([pushRemovals.claim(id, 'a', 1_000, 5_000), pushRemovals.claim(id, 'b', 1_000, 5_000)]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    const winner = a ? 'a' : 'b';
    expect(await pushRemovals.due(2_000, 20)).toEqual([]);
    expect(await pushRemovals.recordFailure(id, winner === 'a' ? 'b' : 'a', { nextAttemptAt: 3_000, lastError: 'x' })).toBe(false);
    expect(await pushRemovals.recordFailure(id, winner, { nextAttemptAt: 3_000, lastError: 'unavailable (503)' })).toBe(true);
    expect(await pushRemovals.get(PARTNER, id)).toMatchObject({ attempts: 1, nextAttemptAt: 3_000, lastError: 'unavailable (503)', state: 'pending', hasCredentials: true });
    expect(await pushRemovals.claim(id, 'c', 2_999, 9_000)).toBeNull();

    // c's instance dies holding it; d takes over once the claim lapses, and c's late end writes nothing.
    expect(await pushRemovals.claim(id, 'c', 3_000, 9_000)).not.toBeNull();
    expect(await pushRemovals.claim(id, 'd', 8_999, 20_000)).toBeNull();
    expect(await pushRemovals.claim(id, 'd', 9_000, 20_000)).not.toBeNull();
    expect(await pushRemovals.renew(id, 'c', 30_000)).toBe(false);
    expect(await pushRemovals.finish(id, 'c', { state: 'removed', attempted: true, lastError: null, audit: END })).toBe(false);
    expect(await db.repos.audit.list(PARTNER, { target: `integration:${id}` })).toEqual([]);
  });

  it('removed: the credentials are erased, the push goes and one audit entry by the system is written', async () => {
    const db = await open();
    const { pushRemovals, twoWay, audit } = db.repos;
    const id = await psa(db, 'hook-4');
    await pushRemovals.deleteIntegration(PARTNER, id, { now: 1_000, giveUpAt: 100_000 });
    expect(await pushRemovals.claim(id, 'h', 1_000, 5_000)).not.toBeNull();
    expect(await pushRemovals.finish(id, 'h', { state: 'removed', attempted: true, lastError: null, audit: END })).toBe(true);

    expect(await pushRemovals.get(PARTNER, id)).toMatchObject({ state: 'removed', attempts: 1, hasCredentials: false });
    expect(await twoWay.getPush(id)).toBeNull();
    expect(await pushRemovals.due(1_000_000, 20)).toEqual([]);
    expect((await audit.list(PARTNER, { target: `integration:${id}` })).map((e) => ({ actor: e.actor, action: e.action, after: e.after })))
      .toEqual([{ actor: 'system', action: 'integration.push-removed', after: { vendorPush: 'removed', attempts: 1 } }]);
    // Finished: no second end.
    expect(await pushRemovals.finish(id, 'h', { state: 'removed', attempted: true, lastError: null, audit: END })).toBe(false);
  });

  it('abandoned: the credentials are erased, the inactive push stays as the record of a hook left at the vendor', async () => {
    const db = await open();
    const { pushRemovals, twoWay } = db.repos;
    const id = await psa(db, 'hook-5');
    await pushRemovals.deleteIntegration(PARTNER, id, { now: 1_000, giveUpAt: 2_000 });
    expect(await pushRemovals.claim(id, 'h', 2_000, 5_000)).not.toBeNull();
    expect(await pushRemovals.finish(id, 'h', { state: 'abandoned', attempted: false, lastError: 'unavailable (503)', audit: { ...END, action: 'integration.push-abandoned' } })).toBe(true);
    expect(await pushRemovals.get(PARTNER, id)).toMatchObject({ state: 'abandoned', attempts: 0, lastError: 'unavailable (503)', hasCredentials: false });
    expect((await twoWay.getPush(id))?.active).toBe(false);
  });
});

describe.skipIf(TEST_ENGINE !== 'postgres')('a delete racing a push being saved (postgres)', () => {
  it('a push saved by a transaction holding the integration when the delete began is queued by the delete', async () => {
    const db = await open();
    const id = await psa(db);
    if (db.dialect !== 'postgres') throw new Error('postgres only');
    const other = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await other.connect();
    try {
      await other.query(`set search_path to "${db.schema}"`);
      // What savePush does: the integration read FOR SHARE, then the push inserted; not committed yet.
      await other.query('begin');
      await other.query('select id from integrations where id = $1 and deleted_at is null for share', [id]);
      await other.query(`insert into psa_ticket_pushes (integration_id, partner_id, vendor, hook_id, secret_sealed, secret_key_id) values ($1, $2, 'halopsa', 'hook-late', 's', 'k1')`, [id, PARTNER]);
      const xid = (await other.query('select pg_current_xact_id()::text as xid')).rows[0].xid as string;
      const deleting = db.repos.pushRemovals.deleteIntegration(PARTNER, id, { now: 1_000, giveUpAt: 9_000 });
      // Committed only once the delete waits on this transaction (its row lock), so the delete began before the push was saved.
      for (let waiting = 0; waiting === 0;) {
        waiting = Number((await other.query(`select count(*) as n from pg_locks where not granted and locktype = 'transactionid' and transactionid::text = $1`, [xid])).rows[0].n);
      }
      await other.query('commit');
      expect(await deleting).toBe('queued');
      expect(await db.repos.pushRemovals.get(PARTNER, id)).toMatchObject({ hookId: 'hook-late', state: 'pending', hasCredentials: true });
    } finally {
      await other.end();
    }
  });
});
