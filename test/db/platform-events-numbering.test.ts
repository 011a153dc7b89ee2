/**
 * Platform events are numbered max(seq) + 1 inside the write that owes them (a routing write-back,
 * a breaker transition: owed-events.ts), and the outbox keeps every event it ever queued. The
 * number must come from an index, not a scan of the whole outbox inside each write-back. SQLite
 * only: PostgreSQL numbers them with a sequence.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openSqlite, type SqliteDatabase } from '../../db/database.js';
import { NEXT_EVENT_SEQ, sqliteOwedEvents } from '../../db/repositories/owed-events.js';

let dir: string;
let database: SqliteDatabase | undefined;
afterEach(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('numbers each owed event after the last one from the seq index, for a partner with an endpoint only', async () => {
  dir = mkdtempSync(join(tmpdir(), 'ih-event-seq-'));
  database = openSqlite(join(dir, 'test.db')); // migrates the new file
  const client = database.db.$client;
  client.prepare("insert into platform_endpoints (partner_id, url, secret_sealed, secret_key_id) values ('p1', 'https://platform.example/hook', 'x', 'k')").run();
  const queue = sqliteOwedEvents(client);
  const event = (id: string, partnerId = 'p1') => ({ id, partnerId, orderKey: `ticket:${id}`, type: 'ticket.created', payload: { id } });
  client.transaction(() => queue([event('a'), event('b'), event('no-endpoint', 'p2'), event('a')]))();
  client.transaction(() => queue([event('c')]))();
  expect(client.prepare('select id, seq from platform_events order by seq').all()).toEqual([{ id: 'a', seq: 1 }, { id: 'b', seq: 2 }, { id: 'c', seq: 3 }]);

  const plan = client.prepare(`explain query plan select ${NEXT_EVENT_SEQ}`).all() as Array<{ detail: string }>;
  expect(plan.map((row) => row.detail).join('; ')).toMatch(/USING COVERING INDEX platform_events_seq_idx/);
});
