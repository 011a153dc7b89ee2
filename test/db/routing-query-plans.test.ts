/**
 * The routing worker's resolve and claim passes read what they take, not the queue: every
 * statement they run on `alert_deliveries` is served by an index, never a full scan of the table
 * (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL after ANALYZE), and on SQLite none sorts
 * (the index gives the order). The write-backs around each vendor call find the claim's rows by
 * primary key, or by the group's range up to the claim's newest alert: never by the whole queue's
 * `state = 'queued'` range (a storm's backlog, read once per note). The statements are the ones
 * the passes actually run, recorded at the driver, so a new or reshaped query is checked too.
 * Runs on the run's engine (SQLite; PostgreSQL under test/vitest.pg.config.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { alertDeliveries as sqliteDeliveries, integrationHealth as sqliteHealth } from '../../db/schema/index.js';
import { alertDeliveries as pgDeliveries, integrationHealth as pgHealth } from '../../db/schema-pg/index.js';
import { openTestDatabase, TEST_ENGINE } from '../helpers/test-database.js';

type Row = typeof sqliteDeliveries.$inferInsert;
interface Recorded { text: string; values: unknown[] }

let dir: string;
let database: Database | undefined;
let restore: (() => void) | undefined;
afterEach(async () => {
  restore?.();
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Records the SQL the database runs while `recording.on`, at the driver (prepared statements included). */
function recordStatements(db: Database): { on: boolean; seen: Recorded[] } {
  const recording = { on: false, seen: [] as Recorded[] };
  if (db.dialect === 'sqlite') {
    const client = db.db.$client as Sqlite.Database & { prepare: Sqlite.Database['prepare'] };
    const prepare = client.prepare.bind(client);
    // Statements the repository prepared up front are wrapped too: it is created again below.
    client.prepare = ((source: string) => {
      const statement = prepare(source);
      const recorded: typeof statement = new Proxy(statement, {
        get(target, key) {
          const value = Reflect.get(target, key, target) as unknown;
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            if (recording.on && ['all', 'get', 'run', 'iterate', 'raw'].includes(String(key))) recording.seen.push({ text: target.source, values: [] });
            const result = (value as (...a: unknown[]) => unknown).apply(target, args);
            // Modes (pluck, raw, expand) return the statement itself: the recorder stays in front of it.
            return result === target ? recorded : result;
          };
        },
      });
      return recorded;
    }) as typeof client.prepare;
    restore = () => { client.prepare = prepare; };
  } else {
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const config = args[0] as string | { text: string; values?: unknown[] };
      const values = (typeof config === 'string' ? undefined : config.values) ?? (Array.isArray(args[1]) ? args[1] : []);
      if (recording.on) recording.seen.push({ text: typeof config === 'string' ? config : config.text, values });
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    restore = () => { pg.Client.prototype.query = query; };
  }
  return recording;
}

/**
 * 10,000 delivered alerts (history), one unavailable PSA whose probe is due with 300 waiting,
 * one available PSA with 40 groups backing off (enough that the claim steps group by group) and
 * 2 fresh groups, and 3 alerts not yet resolved.
 */
async function seed(db: Database, now: number): Promise<void> {
  const at = new Date(now - 60_000).toISOString();
  let seq = 0;
  const row = (integrationId: string | null, groupKey: string | null, state: Row['state'], nextAttemptAt = 0): Row => {
    seq += 1;
    return {
      partnerId: integrationId === 'int-down' ? 'partner-down' : 'partner-up', alertId: `a-${seq}`, integrationId, organizationId: 'org-1',
      alert: { id: `a-${seq}` }, state, groupKey, seq, nextAttemptAt, createdAt: at, updatedAt: at,
    };
  };
  const rows: Row[] = [];
  for (let i = 0; i < 10_000; i += 1) rows.push(row(i % 2 ? 'int-up' : 'int-down', `old-${i % 50}`, 'delivered'));
  for (let i = 0; i < 300; i += 1) rows.push(row('int-down', `down-${i % 30}`, 'queued'));
  for (let i = 0; i < 400; i += 1) rows.push(row('int-up', `backoff-${i % 40}`, 'queued', now + 3_600_000));
  rows.push(row('int-up', 'fresh-1', 'queued'), row('int-up', 'fresh-2', 'queued'));
  for (let i = 0; i < 3; i += 1) rows.push(row(null, null, 'queued'));
  const health = { integrationId: 'int-down', partnerId: 'partner-down', state: 'unavailable' as const, nextProbeAt: 0 };
  if (db.dialect === 'sqlite') {
    db.db.insert(sqliteHealth).values(health).run();
    for (let i = 0; i < rows.length; i += 500) db.db.insert(sqliteDeliveries).values(rows.slice(i, i + 500)).run();
  } else {
    await db.db.insert(pgHealth).values(health);
    for (let i = 0; i < rows.length; i += 500) await db.db.insert(pgDeliveries).values(rows.slice(i, i + 500));
    await db.db.$client.query('analyze alert_deliveries');
  }
}

/** The plan's lines for one recorded statement. */
async function planOf(db: Database, statement: Recorded): Promise<string[]> {
  if (db.dialect === 'sqlite') {
    const named = [...statement.text.matchAll(/@(\w+)/g)].map((m) => m[1]!);
    const params = named.length > 0 ? [Object.fromEntries(named.map((name) => [name, null]))] : (statement.text.match(/\?/g) ?? []).map(() => null);
    return (db.db.$client.prepare(`explain query plan ${statement.text}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail);
  }
  const result = await db.db.$client.query<{ 'QUERY PLAN': string }>({ text: `explain ${statement.text}`, values: statement.values });
  return result.rows.map((r) => r['QUERY PLAN']);
}

/**
 * SQLite walks the unresolved index from its start (SCAN … USING INDEX): it holds only the alerts
 * waiting to be resolved (a partial index, `state = 'queued' and group_key is null`), so its walk
 * reads what the resolve pass takes and nothing of the history. Any other SCAN reads every alert.
 */
const UNRESOLVED_WALK = 'SCAN alert_deliveries USING INDEX alert_deliveries_unresolved_idx';
const fullScan = TEST_ENGINE === 'sqlite' ? /^SCAN alert_deliveries\b/ : /Seq Scan on alert_deliveries\b/;
const indexUse = TEST_ENGINE === 'sqlite'
  ? /^(SEARCH alert_deliveries USING (COVERING )?INDEX alert_deliveries_\w+_idx\b|SCAN alert_deliveries USING INDEX alert_deliveries_unresolved_idx$)/
  : /Index (Only )?Scan (Backward )?using alert_deliveries_\w+_idx on alert_deliveries\b/;

/** An index read by `state` alone: every waiting alert of every integration. */
const queueOnly = TEST_ENGINE === 'sqlite' ? /USING (COVERING )?INDEX \w+ \(state=\?\)$/ : /Index Cond: \(state = '\w+'::text\)$/;

/** A seeded database on the run's engine, its statements recorded, and a routing repository made after the recorder is in place (so its prepared statements are recorded too). */
async function seededRouting() {
  dir = mkdtempSync(join(tmpdir(), 'ih-plans-'));
  const db = await openTestDatabase(dir);
  database = db;
  const now = Date.now();
  await seed(db, now);
  const recording = recordStatements(db);
  const { createRepositories } = await import('../../db/repositories/index.js');
  const { createPgRepositories } = await import('../../db/repositories-pg/index.js');
  const routing = db.dialect === 'sqlite' ? createRepositories(db.db).routing : createPgRepositories(db.db).routing;
  return { db, now, recording, routing };
}

describe(`routing query plans (${TEST_ENGINE})`, () => {
  it('resolves and claims through indexes, never scanning every alert', async () => {
    const { db, now, recording, routing } = await seededRouting();

    recording.on = true;
    const resolved = await routing.resolveBatch(10, async () => ({ integrationId: 'int-up', state: 'queued', groupKey: 'late', decision: null, reason: null }));
    const claims = await routing.claimGroups(now, now + 30_000, 4);
    recording.on = false;

    // What the passes took: the due probe (the unavailable PSA's oldest group) and the oldest free groups in arrival order.
    expect(resolved).toBe(3);
    expect(claims.map((c) => [c.integrationId, c.groupKey, c.rows.length, c.probe ?? false])).toEqual([
      ['int-down', 'down-0', 10, true], ['int-up', 'fresh-1', 1, false], ['int-up', 'fresh-2', 1, false], ['int-up', 'late', 3, false],
    ]);

    expect(await checkPlans(db, recording.seen, { queueRange: true })).toBeGreaterThan(5);
  });

  it('writes back through the primary key or the claimed range, never the whole queue', async () => {
    const { db, now, recording, routing } = await seededRouting();
    await routing.resolveBatch(10, async () => ({ integrationId: 'int-up', state: 'queued', groupKey: 'late', decision: null, reason: null }));
    const [probe, fresh1, fresh2, late] = await routing.claimGroups(now, now + 30_000, 4);
    const ids = (claim: typeof probe) => claim!.rows.map((r) => r.alertId);

    recording.on = true;
    expect(await routing.extendClaim(fresh1!, now + 60_000)).toBe(true);
    await routing.recordTicketIntent(fresh1!, ids(fresh1)[0]!, 'acc-1', 'ih-t-1');
    await routing.recordTicketCreated(fresh1!, ids(fresh1)[0]!, { id: 't-1', number: 'T1', isOpen: true }, { action: 'deliver' }, now);
    await routing.recordNoteIntent(late!, ids(late), 't-1', 'ih-n-1');
    await routing.clearNoteIntent(late!, ids(late));
    await routing.recordNoteAdded(late!, ids(late), 't-1', 'n-1');
    await routing.recordRetry(fresh2!, ids(fresh2), { lastError: 'down', advice: 'wait', nextAttemptAt: now + 1_000, expireBefore: new Date(0).toISOString() });
    await routing.recordFailed(probe!, ids(probe).slice(0, 2), 'refused', 'fix it');
    await routing.recordSkipped(probe!, ids(probe).slice(2, 4), 'paused', { action: 'skip' });
    await routing.releaseClaim(probe!);
    recording.on = false;

    expect(await checkPlans(db, recording.seen, { queueRange: false })).toBeGreaterThanOrEqual(8);
  });

  it("counts a partner's unresolved alerts and adopts a found ticket without reading the partner's history", async () => {
    const { db, now, recording, routing } = await seededRouting();
    const [claim] = await routing.claimGroups(now, now + 30_000, 1);

    recording.on = true;
    expect((await routing.counts('partner-up', 'int-up')).unresolved).toBe(3);
    await routing.adoptTicket(claim!, 'ih-t-none', { id: 't-9', number: 'T9', isOpen: true }, now);
    recording.on = false;

    const statements = [...new Map(recording.seen.map((s) => [s.text, s])).values()]
      .filter((s) => /alert_deliveries/.test(s.text) && /group_key"? is null|"?marker"? =/.test(s.text));
    expect(statements).toHaveLength(2);
    // The partner's range of the primary key alone is every alert it ever sent (10,000 delivered ones here).
    const partnerHistory = TEST_ENGINE === 'sqlite' ? /USING INDEX sqlite_autoindex_alert_deliveries_1 \(partner_id=\?\)$/ : /Index Cond: \(partner_id = [^)]*\)$/;
    for (const statement of statements) {
      const plan = await planOf(db, statement);
      const where = `${statement.text}\n${plan.join('\n')}`;
      expect(plan.filter((line) => fullScan.test(line.trim()) && line.trim() !== UNRESOLVED_WALK), where).toEqual([]);
      expect(plan.filter((line) => partnerHistory.test(line.trim())), where).toEqual([]);
    }
  });
});

/**
 * Checks each distinct recorded statement on alert_deliveries (a statement run per group has the
 * same plan each time): an index, no full scan, no sort on SQLite; with `queueRange` false, not
 * the `state = 'queued'` range alone either. Returns how many were checked.
 */
async function checkPlans(db: Database, seen: Recorded[], options: { queueRange: boolean }): Promise<number> {
  const distinct = [...new Map(seen.map((s) => [s.text, s])).values()];
  const onDeliveries = distinct.filter((s) => /alert_deliveries/.test(s.text) && /^\s*(select|update|with)/i.test(s.text));
  for (const statement of onDeliveries) {
    const plan = await planOf(db, statement);
    const where = `${statement.text}\n${plan.join('\n')}`;
    expect(plan.filter((line) => fullScan.test(line.trim()) && line.trim() !== UNRESOLVED_WALK), where).toEqual([]);
    // SQLite: the index gives the order too (a sort would read every matching alert before the first is taken).
    if (TEST_ENGINE === 'sqlite') expect(plan.filter((line) => /TEMP B-TREE/.test(line)), where).toEqual([]);
    expect(plan.some((line) => indexUse.test(line.trim()) || /USING INTEGER PRIMARY KEY|USING PRIMARY KEY|_pk\b|_pkey\b|sqlite_autoindex_alert_deliveries/.test(line)), where).toBe(true);
    if (!options.queueRange) expect(plan.filter((line) => queueOnly.test(line.trim())), where).toEqual([]);
    // Whether a group is held is read from the partial index of claimed or retried alerts, not the group's backlog.
    if (/claimed_until > 0 or next_attempt_at > 0/.test(statement.text)) expect(plan.some((line) => /alert_deliveries_held_idx/.test(line)), where).toBe(true);
  }
  return onDeliveries.length;
}
