/**
 * @module Platform events a write owes, queued inside that write's own transaction so the fact and
 * its event are stored together or not at all (a crash between two transactions would keep the
 * fact and lose the event). Only for a partner that configured a platform endpoint; an id already
 * queued stays as it is (ids derive from the fact: platform-events.ts `onceKey`). This is the
 * SQLite side (one prepared INSERT); repositories-pg/owed-events.ts is PostgreSQL's.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { NewPlatformEvent } from './two-way.repo.js';

/**
 * SQLite's number for the next platform event, read from platform_events_seq_idx. Safe inside an
 * IMMEDIATE transaction only (no other writer runs meanwhile); PostgreSQL's bigserial numbers them there.
 */
export const NEXT_EVENT_SEQ = '(select coalesce(max(seq), 0) + 1 from platform_events)';

/** An owed event; with `ifFailed`, owed only if the write left that alert failed (a retry's write-back fails those past the horizon). */
export type OwedEvent = NewPlatformEvent & { ifFailed?: string };

/** The events of `events` that are due, `failed` being the alerts the write failed. */
export function dueEvents(events: OwedEvent[], failed?: ReadonlySet<string>): OwedEvent[] {
  return events.filter((e) => e.ifFailed === undefined || failed?.has(e.ifFailed) === true);
}

/**
 * Prepares the INSERT once; the returned function runs it for each due event and must be called
 * inside the caller's IMMEDIATE transaction (NEXT_EVENT_SEQ numbers it).
 */
export function sqliteOwedEvents(client: BetterSqlite3.Database): (events: OwedEvent[], failed?: ReadonlySet<string>) => void {
  const insert = client.prepare<{ id: string; partnerId: string; orderKey: string; type: string; payload: string }>(`insert into platform_events (id, seq, partner_id, order_key, type, payload)
    select @id, ${NEXT_EVENT_SEQ}, @partnerId, @orderKey, @type, @payload
    where exists (select 1 from platform_endpoints where partner_id = @partnerId)
    on conflict do nothing`);
  return (events, failed) => {
    for (const e of dueEvents(events, failed)) insert.run({ id: e.id, partnerId: e.partnerId, orderKey: e.orderKey, type: e.type, payload: JSON.stringify(e.payload) });
  };
}
