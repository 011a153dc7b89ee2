/**
 * @module One transaction whose statements are awaited, on either engine. PostgreSQL: drizzle's own.
 * SQLite: better-sqlite3's transactions are synchronous callbacks, so awaited statements run inside
 * BEGIN IMMEDIATE … COMMIT on the connection itself, and this process's such transactions take turns
 * (one chain per connection, shared by every repository that uses this), since a second BEGIN while
 * the first awaits would fail.
 */
import type { Db } from '../client.js';

const turns = new WeakMap<object, Promise<unknown>>();

/** `sqlite`: the connection is better-sqlite3 (drizzle over it), else drizzle over node-postgres. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function awaitedTransaction<D = any>(db: D, sqlite: boolean, run: (tx: D) => Promise<void>): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  if (!sqlite) return (db as any).transaction(run);
  const client = (db as unknown as Db).$client;
  const turn = (turns.get(client) ?? Promise.resolve()).then(async () => {
    client.exec('begin immediate');
    try {
      await run(db);
      client.exec('commit');
    } catch (error) {
      client.exec('rollback');
      throw error;
    }
  });
  turns.set(client, turn.catch(() => undefined));
  return turn;
}
