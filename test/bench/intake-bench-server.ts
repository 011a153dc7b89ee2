/**
 * @module The intake benchmarks' server, a child process: the BFF exactly as `npm start` builds it
 * (`start()`: production middleware, metrics, pino at the configured level, the routing, two-way
 * and RMM workers in the process, the shared vendor budgets), its PSA being the sandbox server the
 * parent runs; and, in the same process and event loop, a second port with the baselines: a bare
 * Hono POST of the same body, the durable floor (one durable INSERT per request) and the
 * group-commit floor (the same INSERT through the product's GroupCommit). Settings come from the
 * environment the parent passes; the origins go back over IPC (stdout carries the server's logs).
 */
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { GroupCommit } from '../../db/group-commit.js';
import { startWalCheckpointer } from '../../db/wal-checkpointer.js';
import { start } from '../../bff/server.js';
import { traceLoopStalls } from './loop-stall-trace.js';

if (process.env.INTAKE_BENCH_STALL_TRACE) traceLoopStalls(process.env.INTAKE_BENCH_STALL_TRACE);

const product = await start(process.env);

// The floors write to their own file beside the product's, with the product's settings (WAL, synchronous
// NORMAL, checkpoints on a thread of their own as start() runs them), so a ratio compares handlers, not settings.
const floorPath = join(process.env.DATABASE_PATH!, '..', 'floor.db');
const floorDb = new Database(floorPath);
floorDb.pragma('journal_mode = WAL');
floorDb.pragma('synchronous = NORMAL');
floorDb.exec('create table alerts (partner_id text not null, alert_id text not null, body text not null, primary key (partner_id, alert_id))');
if (!await startWalCheckpointer(floorDb, floorPath, (error) => console.error('floor checkpoint thread failed', error)).ready) throw new Error('the floor database has no checkpoint thread');
const insert = floorDb.prepare('insert into alerts (partner_id, alert_id, body) values (?, ?, ?) on conflict do nothing');
const grouped = new GroupCommit<{ id: string; body: string }, void>((rows) => floorDb.transaction(() => rows.map((r) => { insert.run('p', r.id, r.body); }))());

const floors = new Hono();
floors.post('/bare-post', async (c) => c.json(await c.req.json(), 202));
floors.post('/floor-insert', async (c) => {
  const alert = await c.req.json<{ id: string }>();
  insert.run('p', alert.id, JSON.stringify(alert));
  return c.json(alert, 202);
});
floors.post('/floor-group', async (c) => {
  const alert = await c.req.json<{ id: string }>();
  await grouped.submit({ id: alert.id, body: JSON.stringify(alert) });
  return c.json(alert, 202);
});
serve({ fetch: floors.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
  process.send!({ origin: product.origin, floorOrigin: `http://127.0.0.1:${info.port}` });
});
process.on('SIGTERM', () => process.exit(0));
// The server's CPU time so far (µs, user + system), asked for by the parent: CPU per request holds up on a busy machine where rates do not.
process.on('message', (m) => {
  if (m === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send!({ cpuMicros: user + system });
  }
});

// INTAKE_BENCH_LOOP_DELAY=1 prints the event loop's delay each second (stderr): how long intake's requests wait behind other work.
if (process.env.INTAKE_BENCH_LOOP_DELAY) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  setInterval(() => {
    process.stderr.write(`loop delay p50 ${(delay.percentile(50) / 1e6).toFixed(1)} p99 ${(delay.percentile(99) / 1e6).toFixed(1)} max ${(delay.max / 1e6).toFixed(1)} ms\n`);
    delay.reset();
  }, 1000).unref();
}
