/**
 * The fault kit every sandbox shares, over real HTTP: a latency fault delays a write past the
 * client's time-out and the write still commits afterwards (as at a real vendor), a fault can be
 * limited to one method, and `stats.inFlight` shows calls still being processed.
 */
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { SandboxState, controlRoutes, faultInjection } from '../../../bff/sandboxes/common/sandbox-kit.js';
import { control, startServer, type RunningServer } from '../../helpers/serve.js';

let server: RunningServer | null = null;
afterEach(async () => { await server?.close(); server = null; });

async function start() {
  const state = new SandboxState(() => ({ tickets: [] as Array<{ id: number; title: string }> }));
  const api = new Hono();
  api.use('*', faultInjection(state, { rateLimited: (c) => c.json({}, 429), serverError: (c, status) => c.body(null, status as 503) }));
  api.route('/_control', controlRoutes(state));
  api.get('/tickets', (c) => c.json(state.data.tickets));
  api.post('/tickets', async (c) => {
    const { title } = (await c.req.json()) as { title: string };
    const ticket = { id: state.data.tickets.length + 1, title };
    state.data.tickets.push(ticket);
    state.recordWrite('ticket', ticket.id, ticket);
    return c.json(ticket, 201);
  });
  const host = new Hono().route('/sandbox/kit', api);
  server = await startServer(host.fetch);
  return { origin: server.origin, base: `${server.origin}/sandbox/kit` };
}

// Long enough that a loaded machine still reads the stats while the write is held (400 ms raced them).
const LATE_MS = 2_000;

describe('sandbox fault kit', () => {
  it('commits a delayed write after the client gave up, and reports it in flight meanwhile', async () => {
    const { origin, base } = await start();
    await control(origin, 'kit', 'faults', { kind: 'latency', ms: LATE_MS, method: 'POST', pathIncludes: '/tickets' });
    const started = Date.now();
    const gaveUp = await fetch(`${base}/tickets`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ title: 'late' }), signal: AbortSignal.timeout(100),
    }).then(() => false, () => true);
    expect(gaveUp).toBe(true);
    // The GET is not delayed (the fault is for POST only), and sees nothing yet.
    expect(await (await fetch(`${base}/tickets`)).json()).toEqual([]);
    expect((await control(origin, 'kit', 'stats')).inFlight).toBe(1);
    while ((await control(origin, 'kit', 'stats')).inFlight > 0) await new Promise((r) => setTimeout(r, 20));
    expect(Date.now() - started).toBeGreaterThanOrEqual(LATE_MS - 10);
    expect(await (await fetch(`${base}/tickets`)).json()).toEqual([{ id: 1, title: 'late' }]);
    expect((await control(origin, 'kit', 'writes?kind=ticket')).writes).toHaveLength(1);
  });
});
