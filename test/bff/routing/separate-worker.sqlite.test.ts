/**
 * ROUTING_WORKER=separate on SQLite, as README's "a worker of its own" runs it: the server accepts
 * alerts and delivers none; `npm run worker` (startWorker) on the same database file delivers them
 * to the PSA (here the server's own Autotask sandbox) and stops cleanly, its checkpoint thread with it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { start } from '../../../bff/server.js';
import { startWorker } from '../../../bff/worker.js';
import { signToken } from '../../../bff/middleware/auth.js';
import { DEMO_PARTNER_ID } from '../../../bff/demo/demo-organizations.js';
import { alert, setupPsa } from './routing-harness.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('the server only accepts; the worker process on the same SQLite file delivers every alert to the PSA', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ih-separate-worker-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const secret = randomBytes(32).toString('base64url');
  const env = { DATABASE_PATH: join(dir, 'hub.db'), DEMO_MODE: 'true', AUTH_SECRET: secret, LOG_LEVEL: 'warn', HOST: '127.0.0.1' };
  const server = await start({ ...env, PORT: '0', ROUTING_WORKER: 'separate' });
  cleanups.push(() => server.stop());

  // The demo partner: demo mode seeds its organizations.
  const partner = DEMO_PARTNER_ID;
  const admin = await signToken(secret, { sub: 'admin', partner, role: 'admin' });
  const router = await signToken(secret, { sub: 'platform', partner, role: 'router' });
  const call = (method: string, path: string, options: { body?: unknown; token?: string } = {}) => fetch(`${server.origin}${path}`, {
    method, body: options.body === undefined ? undefined : JSON.stringify(options.body),
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${options.token ?? admin}` },
  });
  await setupPsa({ call }, 'autotask', { mappings: { 'org-acme': { account: 'Acme Dental Group' } } });

  const ids = ['sep-1', 'sep-2', 'sep-3'];
  for (const id of ids) expect((await call('POST', '/api/routing/alerts', { token: router, body: alert({ id }) })).status).toBe(202);
  const states = async () => Promise.all(ids.map(async (id) => (await (await call('GET', `/api/routing/alerts/${id}`, { token: router })).json()).state as string));
  // No worker in the server: nothing moves.
  await new Promise((r) => setTimeout(r, 300));
  expect(await states()).toEqual(['queued', 'queued', 'queued']);

  const worker = await startWorker({ ...env, ROUTING_WORKER: 'separate', VENDOR_SANDBOX_ORIGIN: server.origin });
  let stopped = false;
  cleanups.push(() => (stopped ? undefined : worker.stop()));
  const deadline = Date.now() + 15_000;
  while ((await states()).some((s) => s === 'queued') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(await states()).toEqual(['delivered', 'delivered', 'delivered']);
  const first = await (await call('GET', `/api/routing/alerts/${ids[0]}`, { token: router })).json();
  expect(first.outcome).toBe('ticket_created');
  expect(first.vendorTicketId).toEqual(expect.any(String));

  await worker.stop();
  stopped = true;
});
