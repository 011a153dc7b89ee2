/**
 * @module Which alert groups a claim pass offers, for both engines: the groups with waiting
 * (queued, resolved) alerts, none of them claimed or backing off, whose integration's circuit
 * breaker is closed, oldest head (smallest `seq`) first. This is what one GROUP BY over every
 * waiting alert answered; it is found here by index steps instead, so a pass costs what it takes,
 * not the queue: an unavailable PSA's held alerts (a vendor outage inside the retry horizon) are
 * never read, and an integration's waiting alerts are read in arrival order only until enough
 * groups are found; when held groups fill the way (a backlog in backoff), its groups are stepped
 * through one index seek each instead.
 *
 * The search is written once as a generator that yields each database read, so SQLite runs it
 * synchronously inside its IMMEDIATE transaction and PostgreSQL awaits each read.
 */

/** One waiting alert as the search reads it. */
export interface QueuedRow { groupKey: string | null; partnerId: string; seq: number }

/** The database reads the search needs; each engine answers them (SQLite at once, PostgreSQL with a promise). */
export interface ClaimQueue<R> {
  /** The integrations with any waiting alert, in id order. */
  integrations(): R;
  /** Whether the integration's breaker is open (its queue is held; only its probe goes out). */
  unavailable(integrationId: string): R;
  /** Up to `limit` of the integration's waiting alerts with `seq` above `after`, in arrival order. */
  page(integrationId: string, after: number, limit: number): R;
  /**
   * The heads (oldest waiting alerts) of the integration's `limit` oldest groups not held at `now`,
   * oldest first, found by stepping from one group to the next (one index seek each).
   */
  freeHeads(integrationId: string, now: number, limit: number): R;
  /** Whether any waiting alert of the group is claimed or backing off at `now`. */
  held(integrationId: string, groupKey: string, now: number): R;
}

export interface ClaimableGroup { integrationId: string; groupKey: string; partnerId: string; head: number }

/** Alerts read per page of the arrival-order walk. */
const PAGE = 64;
/** Alerts, and held groups, an integration's arrival-order walk meets before stepping through its groups instead. */
const WALK_BUDGET = 512;
const HELD_BUDGET = 32;

type Search<T> = Generator<() => unknown, T, unknown>;

function* search(q: ClaimQueue<unknown>, now: number, limit: number): Search<ClaimableGroup[]> {
  const found: ClaimableGroup[] = [];
  for (const integrationId of (yield () => q.integrations()) as string[]) {
    if ((yield () => q.unavailable(integrationId)) as boolean) continue;
    found.push(...(yield* ofIntegration(q, integrationId, now, limit)));
  }
  // Each integration gave its `limit` oldest, so the `limit` oldest of all are among them.
  return found.sort((a, b) => a.head - b.head).slice(0, limit);
}

function* ofIntegration(q: ClaimQueue<unknown>, integrationId: string, now: number, limit: number): Search<ClaimableGroup[]> {
  const found: ClaimableGroup[] = [];
  const seen = new Set<string>();
  let after = 0;
  let held = 0;
  for (let read = 0; read < WALK_BUDGET && held < HELD_BUDGET; read += PAGE) {
    const rows = (yield () => q.page(integrationId, after, PAGE)) as QueuedRow[];
    for (const row of rows) {
      // The first waiting alert met of a group is its head (arrival order); alerts not yet resolved have no group.
      if (row.groupKey === null || seen.has(row.groupKey)) continue;
      seen.add(row.groupKey);
      if ((yield () => q.held(integrationId, row.groupKey!, now)) as boolean) {
        held += 1;
        if (held >= HELD_BUDGET) break;
        continue;
      }
      found.push({ integrationId, groupKey: row.groupKey, partnerId: row.partnerId, head: Number(row.seq) });
      if (found.length >= limit) return found;
    }
    if (held < HELD_BUDGET && rows.length < PAGE) return found;
    after = Number(rows[rows.length - 1]!.seq);
  }
  // Held groups fill the way: one step per group instead.
  const heads = (yield () => q.freeHeads(integrationId, now, limit)) as QueuedRow[];
  return heads.map((h) => ({ integrationId, groupKey: h.groupKey!, partnerId: h.partnerId, head: Number(h.seq) }));
}

/** SQLite: every read answers at once (inside the caller's transaction). */
export function claimableGroups(q: ClaimQueue<unknown>, now: number, limit: number): ClaimableGroup[] {
  if (limit <= 0) return [];
  const steps = search(q, now, limit);
  for (let step = steps.next(); ; ) {
    if (step.done) return step.value;
    step = steps.next(step.value());
  }
}

/** PostgreSQL: each read is awaited (inside the caller's transaction). */
export async function claimableGroupsAsync(q: ClaimQueue<Promise<unknown>>, now: number, limit: number): Promise<ClaimableGroup[]> {
  if (limit <= 0) return [];
  const steps = search(q, now, limit);
  for (let step = steps.next(); ; ) {
    if (step.done) return step.value;
    step = steps.next(await step.value());
  }
}
