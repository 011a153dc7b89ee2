/**
 * The routing worker shares the event loop with intake, so it works through a backlog in pieces
 * with a turn of the event loop between every two, in which intake's requests are read and
 * answered; on SQLite, whose calls hold the loop, the pieces are bounded by time (slices of
 * resolutions, claims sized to the slice). Every alert is still delivered. Over real HTTP to the
 * Autotask sandbox. Turns are counted, not timed.
 */
import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IntakeYield } from '../../../bff/services/routing/intake-yield.js';
import { routingConfigFromEnv } from '../../../bff/services/routing/routing-config.js';
import { SliceSizer } from '../../../bff/services/routing/slice-sizer.js';
import { WorkSignal } from '../../../bff/services/routing/work-signal.js';
import { startSandboxServer } from '../../helpers/sandbox-server.js';
import { control, type RunningServer } from '../../helpers/serve.js';
import { PSA_SANDBOX_KITS } from '../../../bff/sandboxes/index.js';
import { alert, createRoutingTestApp, noteWrites, postAlert, settled, setupPsa, ticketWrites, type RoutingTestApp } from './routing-harness.js';

/** Counts turns of the event loop (one setImmediate per turn) while running. */
function turnCounter() {
  let turns = 0;
  let running = true;
  const spin = () => {
    turns++;
    if (running) setImmediate(spin);
  };
  setImmediate(spin);
  return { get turns() { return turns; }, stop: () => { running = false; } };
}

describe('SliceSizer', () => {
  it('starts with the first size, then sizes pieces to the budget from the cost per row it saw, within its bounds', () => {
    const sizer = new SliceSizer(4, 25, 10, 500);
    expect(sizer.size()).toBe(25);
    sizer.observe(25, 1); // 40 µs a row: a 4 ms piece is 100 rows
    expect(sizer.size()).toBe(100);
    const slow = new SliceSizer(4, 25, 10, 500);
    slow.observe(25, 50); // 2 ms a row: never fewer than the least
    expect(slow.size()).toBe(10);
    const fast = new SliceSizer(4, 25, 10, 500);
    fast.observe(100, 0.1); // 1 µs a row: never more than the most
    expect(fast.size()).toBe(500);
  });

  it('lets one slow piece (a GC pause) shrink the next pieces only in part', () => {
    const sizer = new SliceSizer(4, 25, 10, 500);
    sizer.observe(100, 4); // 40 µs a row
    sizer.observe(100, 40); // one piece ten times slower
    const afterSlow = sizer.size();
    expect(afterSlow).toBeGreaterThan(10);
    expect(afterSlow).toBeLessThan(100);
    sizer.observe(100, 4);
    sizer.observe(100, 4);
    expect(sizer.size()).toBeGreaterThan(afterSlow); // recovering
  });
});

describe('ROUTING_SLICE_MS', () => {
  it('sets how long one piece holds the event loop (4 ms unless set), and refuses 0', () => {
    expect(routingConfigFromEnv({}).sliceMs).toBe(4);
    expect(routingConfigFromEnv({ ROUTING_SLICE_MS: '8' }).sliceMs).toBe(8);
    expect(() => routingConfigFromEnv({ ROUTING_SLICE_MS: '0' })).toThrow(/ROUTING_SLICE_MS/);
  });
});

describe('IntakeYield.turn', () => {
  it('gives pieces of work that wait at once a turn of the event loop each, in order', async () => {
    const yielder = new IntakeYield(new WorkSignal(), { yieldMaxMs: 0, yieldShare: 1, yieldBusyPerSecond: 1 });
    const counter = turnCounter();
    try {
      const seen: Array<[string, number]> = [];
      await Promise.all(['claim', 'group a', 'group b', 'heartbeat'].map((piece) => yielder.turn().then(() => seen.push([piece, counter.turns]))));
      expect(seen.map(([piece]) => piece)).toEqual(['claim', 'group a', 'group b', 'heartbeat']);
      for (let i = 1; i < seen.length; i++) expect(seen[i]![1]).toBeGreaterThan(seen[i - 1]![1]);
    } finally {
      counter.stop();
    }
  });
});

describe('IntakeYield.turn while intake is busy', () => {
  it('runs no piece of worker work between the loop reading a request and the group commit answering it (setImmediate)', async () => {
    const signal = new WorkSignal();
    const yielder = new IntakeYield(signal, { yieldMaxMs: 0, yieldShare: 1, yieldBusyPerSecond: 1 });
    const events: string[] = [];
    // A server answering each read from setImmediate, as intake answers once its group commit (a setImmediate) has written.
    const server = createServer((socket: Socket) => {
      socket.on('data', (data) => {
        signal.accepted(); // intake stays busy
        events.push(`read ${data}`);
        setImmediate(() => {
          events.push(`answer ${data}`);
          socket.write(data);
        });
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    signal.accepted();
    // The worker: piece after piece, each in a turn of its own.
    let working = true;
    const worker = (async () => {
      while (working) {
        await yielder.turn();
        events.push('piece');
      }
    })();
    const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
    try {
      await once(client, 'connect');
      for (let i = 0; i < 20; i++) {
        client.write(String(i));
        await once(client, 'data');
      }
    } finally {
      working = false;
      await worker;
      client.destroy();
      server.close();
    }
    expect(events.filter((e) => e === 'piece').length).toBeGreaterThan(0); // the worker did work meanwhile
    for (let i = 0; i < 20; i++) {
      const between = events.slice(events.indexOf(`read ${i}`), events.indexOf(`answer ${i}`));
      expect(between, `request ${i}`).not.toContain('piece');
    }
  });
});

let sandbox: RunningServer;
let t: RoutingTestApp | undefined;
beforeAll(async () => { sandbox = await startSandboxServer(); });
afterAll(() => sandbox.close());
afterEach(async () => { await t?.shutdown(); t = undefined; });

describe('the routing worker with a backlog of one group', () => {
  it('resolves and claims it in pieces (bounded by time where the database holds the event loop), a turn of the loop between every two, and delivers every alert', async () => {
    await control(sandbox.origin, 'autotask', 'reset');
    t = await createRoutingTestApp(sandbox.origin, { startWorker: false });
    await setupPsa(t, 'autotask');
    // One group (one user, one alert type) with a backlog the worker meets all at once.
    const alerts = Array.from({ length: 400 }, () => alert());
    for (const a of alerts) await postAlert(t, a);

    const { routing } = t.deps.repos;
    const counter = turnCounter();
    const seen: Array<{ kind: 'resolve' | 'claim'; turn: number; limit: number; rows: number }> = [];
    const resolveBatch = routing.resolveBatch.bind(routing);
    const claimGroups = routing.claimGroups.bind(routing);
    routing.resolveBatch = async (limit, decide) => {
      const turn = counter.turns;
      const rows = await resolveBatch(limit, decide);
      seen.push({ kind: 'resolve', turn, limit, rows });
      return rows;
    };
    routing.claimGroups = async (now, until, maxGroups, maxAlerts) => {
      const turn = counter.turns;
      const claims = await claimGroups(now, until, maxGroups, maxAlerts);
      expect(claims.length).toBeLessThanOrEqual(1);
      seen.push({ kind: 'claim', turn, limit: maxGroups === 1 ? maxAlerts ?? Infinity : Infinity, rows: claims.reduce((n, c) => n + c.rows.length, 0) });
      return claims;
    };
    let pieces: typeof seen = [];
    try {
      t.worker.start();
      const records = await settled(t, alerts.map((a) => a.id), 30_000);
      expect(records.every((r) => r.state === 'delivered')).toBe(true);
    } finally {
      // The worker goes on polling; only pieces seen while turns were counted are compared.
      pieces = [...seen];
      counter.stop();
    }

    // Never lost: one ticket, and every other alert in a note on it.
    expect(await ticketWrites(sandbox.origin, 'autotask')).toHaveLength(1);
    const notes = await noteWrites(sandbox.origin, 'autotask');
    const noted = notes.map((n) => n.text).join('\n');
    for (const a of alerts.slice(1)) expect(noted).toContain(a.id);
    // No more PSA calls than claims of the whole backlog would make: 399 alerts in full notes of 50 (the first has 49).
    expect(notes).toHaveLength(8);

    const resolves = pieces.filter((p) => p.kind === 'resolve' && p.rows > 0);
    const claims = pieces.filter((p) => p.kind === 'claim' && p.rows > 0);
    for (const c of claims) expect(c.rows).toBeLessThanOrEqual(c.limit);
    if (routing.holdsEventLoop) {
      // SQLite (each call holds the loop): the backlog took several slices of resolutions, the first of a few rows (the cost per row unknown yet)…
      expect(resolves.length).toBeGreaterThan(1);
      expect(resolves[0]!.limit).toBeLessThan(alerts.length);
      // …and several claims of the group, each in whole notes (notes still coalesce 50 alerts: no claim ends in a partial one).
      expect(claims.length).toBeGreaterThan(1);
      for (const c of claims.slice(0, -1)) expect(c.rows % 50, `a claim of ${c.rows}`).toBe(0);
      expect(claims[0]!.rows).toBeGreaterThanOrEqual(50);
    } else {
      // PostgreSQL (the loop is free while a call waits on the network): pieces are not sized by time.
      expect(resolves[0]!.rows).toBe(200); // the configured batch
    }
    // Between any two pieces the event loop took at least one turn (intake's I/O runs there).
    for (let i = 1; i < pieces.length; i++) expect(pieces[i]!.turn, `piece ${i} (${pieces[i]!.kind}) after ${pieces[i - 1]!.kind}`).toBeGreaterThan(pieces[i - 1]!.turn);
  });
});

describe('the write-back after a vendor answer while intake is busy', () => {
  it('runs in a turn of its own: intake requests read in the turn the PSA answered are committed and answered first', async () => {
    await control(sandbox.origin, 'autotask', 'reset');
    const order: string[] = [];
    let app: RoutingTestApp | undefined;
    t = app = await createRoutingTestApp(sandbox.origin, {
      config: { yieldBusyPerSecond: 1 },
      hooks: {
        // Runs where the PSA's answer was read. Intake answers from the check phase of that turn (its
        // group commit is a setImmediate: group-commit.ts); on SQLite, an alert accepted here is committed there.
        afterVendorWrite: ({ kind }) => {
          app!.worker.signal.accepted(); // intake is busy
          setImmediate(() => order.push(`check phase after the ${kind}`));
          if (app!.deps.repos.routing.holdsEventLoop) void app!.deps.repos.routing.accept('partner-a', alert()).then(() => order.push(`accepted after the ${kind}`));
        },
      },
    });
    await setupPsa(t, 'autotask');
    const { routing } = t.deps.repos;
    const ticketCreated = routing.recordTicketCreated.bind(routing);
    const noteAdded = routing.recordNoteAdded.bind(routing);
    routing.recordTicketCreated = (...args) => { order.push('write-back of the ticket'); return ticketCreated(...args); };
    routing.recordNoteAdded = (...args) => { order.push('write-back of the note'); return noteAdded(...args); };

    const first = alert();
    await postAlert(t, first);
    await settled(t, [first.id]);
    const second = alert();
    await postAlert(t, second);
    const records = await settled(t, [second.id]);
    expect(records[0].outcome).toBe('note_added');

    const at = (event: string) => {
      expect(order, event).toContain(event);
      return order.indexOf(event);
    };
    for (const kind of ['ticket', 'note']) {
      const writeBack = at(`write-back of the ${kind}`);
      expect(writeBack, order.join(', ')).toBeGreaterThan(at(`check phase after the ${kind}`));
      if (routing.holdsEventLoop) expect(writeBack, order.join(', ')).toBeGreaterThan(at(`accepted after the ${kind}`));
    }
  });
});

describe('alerts joining the group the worker is delivering', () => {
  it('do not send the worker looking for claimable groups on every pass; the group is claimed again when its delivery ends, and every alert is delivered', async () => {
    await control(sandbox.origin, 'autotask', 'reset');
    // Claims that nothing asked for (polls) once a second only.
    t = await createRoutingTestApp(sandbox.origin, { config: { pollMs: 1_000 } });
    await setupPsa(t, 'autotask');
    const first = alert();
    await postAlert(t, first);
    await settled(t, [first.id]);

    const { routing } = t.deps.repos;
    const claimGroups = routing.claimGroups.bind(routing);
    let empty = 0;
    routing.claimGroups = async (...args) => {
      const claims = await claimGroups(...args);
      if (claims.length === 0) empty++;
      return claims;
    };
    // The next note takes 600 ms at the PSA; 20 more alerts of the group arrive meanwhile, each a pass of the worker.
    await control(sandbox.origin, 'autotask', 'faults', { kind: 'latency', ms: 600, method: 'POST', pathIncludes: PSA_SANDBOX_KITS.autotask.notePath });
    const rest = Array.from({ length: 21 }, () => alert());
    await postAlert(t, rest[0]!);
    for (const a of rest.slice(1)) {
      await new Promise((r) => setTimeout(r, 20));
      await postAlert(t, a);
    }
    const records = await settled(t, rest.map((a) => a.id));
    expect(records.map((r) => r.outcome)).toEqual(rest.map(() => 'note_added'));
    // Claims that found nothing: the polls' and the last of each claiming pass's (3–4 here), not one per arriving alert (24 before).
    expect(empty).toBeLessThanOrEqual(10);
  });
});

describe('a worker pass on SQLite', () => {
  it('prepares no SQL statement: what it reads and writes (the decision lookups included) was prepared once', async () => {
    await control(sandbox.origin, 'autotask', 'reset');
    t = await createRoutingTestApp(sandbox.origin, { startWorker: false });
    await setupPsa(t, 'autotask');
    await t.worker.tick(); // the first pass also checks whether a billable-user sync is due (then every 10 minutes)
    const alerts = Array.from({ length: 30 }, () => alert());
    for (const a of alerts) await postAlert(t, a);
    const { database } = t.deps;
    const prepared: string[] = [];
    if (database.dialect === 'sqlite') {
      const client = database.db.$client;
      const prepare = client.prepare.bind(client);
      client.prepare = ((source: string) => {
        prepared.push(source);
        return prepare(source);
      }) as typeof client.prepare;
    }
    // One pass: resolve every alert (a fresh decider: its lookups), claim the group.
    expect(await t.worker.tick()).toBe(false);
    expect(await t.deps.repos.routing.get('partner-a', alerts[0]!.id)).toMatchObject({ groupKey: expect.any(String) });
    // Each statement built and prepared per call cost ~90–130 µs of the event loop, every pass.
    expect(prepared).toEqual([]);
    await settled(t, alerts.map((a) => a.id));
  });
});
