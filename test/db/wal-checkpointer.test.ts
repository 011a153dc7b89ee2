/**
 * SQLite only: with the checkpoint thread running, the serving connection's commits (intake's
 * group commits here) only append to the WAL, never copy it into the database file (a checkpoint
 * and its fsyncs, which held the event loop 10–56 ms); the thread does that copy, so the WAL is
 * reused instead of growing; stopped, the connection checkpoints itself again. Sizes, not times.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite, type SqliteDatabase } from '../../db/database.js';
import { startWalCheckpointer, type WalCheckpointer } from '../../db/wal-checkpointer.js';

let dir: string;
let database: SqliteDatabase | undefined;
let checkpointer: WalCheckpointer | undefined;
afterEach(async () => {
  await checkpointer?.stop();
  await database?.close();
  checkpointer = undefined;
  database = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const MB = 2 ** 20;
const size = (file: string) => statSync(file).size;
let seq = 0;

/** Accepts `count` alerts through intake's group commit, 50 a batch (~6 MB of WAL for 6,000). */
async function accept(db: SqliteDatabase, count: number): Promise<void> {
  for (let i = 0; i < count; i += 50) {
    await Promise.all(Array.from({ length: 50 }, () => db.repos.routing.accept('partner-a', { id: `alert-${++seq}`, organizationId: 'org-1', padding: 'x'.repeat(600) } as { id: string; organizationId: string })));
  }
}

async function open(): Promise<{ db: SqliteDatabase; file: string }> {
  dir = mkdtempSync(join(tmpdir(), 'ih-wal-'));
  const file = join(dir, 'hub.db');
  database = openSqlite(file);
  database.db.$client.pragma('wal_checkpoint(TRUNCATE)'); // the migrations' pages in the file, an empty WAL
  return { db: database, file };
}

describe('the WAL checkpoint thread', () => {
  it('leaves the serving connection\'s commits only appending to the WAL: none copies it into the database file', async () => {
    const { db, file } = await open();
    // A thread that does not tick during the test: every copy into the file would be the commits' own.
    checkpointer = startWalCheckpointer(db.db.$client, file, (error) => { throw error; }, 60_000);
    expect(await checkpointer.ready).toBe(true);
    const before = size(file);
    await accept(db, 6_000);
    // Far past SQLite's 1,000 pages (4 MB), where a commit would have checkpointed.
    expect(size(`${file}-wal`)).toBeGreaterThan(5 * MB);
    expect(size(file)).toBe(before);
  });

  it('copies the WAL into the database file on its own thread, so the WAL is reused, and every row is there', async () => {
    const { db, file } = await open();
    checkpointer = startWalCheckpointer(db.db.$client, file, (error) => { throw error; }, 20);
    expect(await checkpointer.ready).toBe(true);
    const before = size(file);
    for (let round = 0; round < 4; round++) {
      await accept(db, 1_500);
      await sleep(200); // a few of the thread's checkpoints
    }
    expect(size(file)).toBeGreaterThan(before + 4 * MB);
    // 6,000 alerts (~6 MB of WAL) went through a WAL that never held more than a couple of rounds.
    expect(size(`${file}-wal`)).toBeLessThan(4 * MB);
    expect(await db.query<{ n: number }>('select count(*) as n from alert_deliveries')).toEqual([{ n: 6_000 }]);
  });

  it('takes checkpoints over once its thread has started, and once stopped hands them back to the serving connection', async () => {
    const { db, file } = await open();
    const client = db.db.$client;
    const stopped = startWalCheckpointer(client, file, (error) => { throw error; }, 60_000);
    expect(client.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000); // until the thread has started
    expect(await stopped.ready).toBe(true);
    expect(client.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await stopped.stop();
    expect(client.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
    // Stopped before its thread started (a start-up that fails at once): it ends, and never takes over.
    const early = startWalCheckpointer(client, file, (error) => { throw error; }, 60_000);
    await early.stop();
    expect(await early.ready).toBe(false);
    expect(client.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
  });
});
