/**
 * @module PostgreSQL side of repositories/owed-events.ts: queues the due events in the caller's
 * transaction, one statement for all of them (the bigserial numbers them), only for a partner with a
 * platform endpoint; an id already queued stays as it is.
 */
import { sql } from 'drizzle-orm';
import type { PgDb } from '../pg-client.js';
import { dueEvents, type OwedEvent } from '../repositories/owed-events.js';

type Tx = Parameters<Parameters<PgDb['transaction']>[0]>[0];

export async function queueOwedEvents(tx: Tx, events: OwedEvent[], failed?: ReadonlySet<string>): Promise<void> {
  const due = dueEvents(events, failed);
  if (due.length === 0) return;
  const rows = due.map((e) => ({ id: e.id, partner_id: e.partnerId, order_key: e.orderKey, type: e.type, payload: e.payload }));
  await tx.execute(sql`insert into platform_events (id, partner_id, order_key, type, payload)
    select x.id, x.partner_id, x.order_key, x.type, x.payload
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id text, partner_id text, order_key text, type text, payload jsonb)
    where exists (select 1 from platform_endpoints ep where ep.partner_id = x.partner_id)
    on conflict do nothing`);
}
