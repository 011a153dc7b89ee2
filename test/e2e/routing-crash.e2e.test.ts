/**
 * The real server process (`node --import tsx bff/server.ts`) killed with SIGKILL in the middle of
 * an alert burst, then started again on the same database: every accepted alert reaches the PSA
 * sandbox exactly once, and no group gets a second ticket. The sandboxes run in this process so
 * they outlive the server; the platform re-posts the alerts it got no answer for, as it would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATALOG, DEMO_ORGANIZATIONS } from '../../bff/demo/demo-organizations.js';
import { signToken } from '../../bff/middleware/auth.js';
import { childServerArgs } from '../helpers/child-server.js';
import { httpTestApp } from '../helpers/http-test-app.js';
import { SANDBOX_INTEGRATION_CODE } from '../helpers/create-test-app.js';
import { startSandboxServer } from '../helpers/sandbox-server.js';
import { control, type RunningServer } from '../helpers/serve.js';
import { alert, alertMentions, setupPsa, ticketWrites } from '../bff/routing/routing-harness.js';

const AUTH_SECRET = randomBytes(32).toString('base64url');
const PARTNER = 'partner-a';

let sandbox: RunningServer;
let dir: string;
let child: ChildProcess | null = null;

beforeAll(async () => {
  sandbox = await startSandboxServer();
  dir = mkdtempSync(join(tmpdir(), 'ih-crash-'));
});
afterAll(async () => {
  child?.kill('SIGKILL');
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

function serverEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: join(dir, 'hub.db'), LOG_LEVEL: 'warn', DEMO_MODE: 'false',
    SECRET_KEY: SECRET_KEY, AUTH_SECRET, VENDOR_ENDPOINTS: 'real',
    AUTOTASK_ZONE_URL: `${sandbox.origin}/sandbox/autotask/atservicesrest/`, AUTOTASK_INTEGRATION_CODE: SANDBOX_INTEGRATION_CODE,
    KASEYA_BMS_BASE_URL: `${sandbox.origin}/sandbox/kaseya-bms`,
    ROUTING_POLL_MS: '20', ROUTING_LEASE_MS: '1000', ROUTING_BACKOFF_BASE_MS: '50', ROUTING_BACKOFF_MAX_MS: '500',
    // The sandbox commits within 15 ms here; an intent cut short by the kill is given up after 2 s.
    ROUTING_LATE_WRITE_WAIT_MS: '2000',
  };
}
const SECRET_KEY = randomBytes(32).toString('base64');

/** Spawns the server and resolves with its origin once it prints it. */
async function startServerProcess(): Promise<string> {
  const proc = spawn(process.execPath, childServerArgs('bff/server.ts'), { env: serverEnv(), stdio: ['pipe', 'pipe', 'inherit'] });
  child = proc;
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout! });
    lines.on('line', (line) => {
      const match = /Integration hub: (http:\/\/[^/\s]+)\//.exec(line);
      if (match) resolve(match[1]!);
    });
    proc.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
}

function killServer(): Promise<void> {
  const proc = child!;
  child = null;
  return new Promise((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });
}

describe('routing survives SIGKILL mid-burst', () => {
  it('delivers every accepted alert exactly once after a restart, with one ticket per group', async () => {
    const admin = await signToken(AUTH_SECRET, { sub: 'admin@partner-a.example', partner: PARTNER, role: 'admin' });
    const router = await signToken(AUTH_SECRET, { sub: 'pipeline', partner: PARTNER, role: 'router' });
    await control(sandbox.origin, 'autotask', 'reset');

    let origin = await startServerProcess();
    let api = httpTestApp(origin, admin);
    expect((await api.call('PUT', '/api/organizations', { body: { organizations: DEMO_ORGANIZATIONS.map((o) => ({ id: o.id, name: o.name, billableUsers: o.billableUsers })), catalog: DEMO_CATALOG } })).status).toBe(200);
    const psa = await setupPsa(api, 'autotask', { subjectTemplate: '{user} – {alert}' });

    // Slow vendor calls, so the kill lands while deliveries are in flight.
    await control(sandbox.origin, 'autotask', 'faults', { kind: 'latency', count: 10_000, ms: 15 });
    const users = Array.from({ length: 8 }, (_, i) => `user${i}@domain.com`);
    const types = ['at-too-many-downloads', 'at-too-many-uploads'];
    const alerts = Array.from({ length: 240 }, (_, i) => alert({ id: `crash-${i}`, user: { email: users[i % users.length]! }, alertType: types[Math.floor(i / users.length) % 2]! }));
    const answered = new Set<string>();
    const post = async (base: string, a: (typeof alerts)[number]) => {
      try {
        const res = await fetch(`${base}/api/routing/alerts`, { method: 'POST', headers: { Authorization: `Bearer ${router}`, 'Content-Type': 'application/json' }, body: JSON.stringify(a) });
        if (res.status === 202 || res.status === 200) answered.add(a.id);
      } catch {
        // Connection reset by the kill: the platform will post it again.
      }
    };

    // The burst, 8 at a time; the server is killed once the PSA has seen a few writes (or, on a slow
    // machine, once 150 alerts were accepted), while posts and deliveries are in flight.
    let killed: Promise<void> | null = null;
    const watcher = (async () => {
      while (!killed) {
        if (answered.size >= 150 || (await control(sandbox.origin, 'autotask', 'writes')).writes.length >= 6) killed = killServer();
        else await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const queue = [...alerts];
    await Promise.all(Array.from({ length: 8 }, async () => {
      for (let a = queue.shift(); a && !killed && answered.size < 200; a = queue.shift()) await post(origin, a);
    }));
    await watcher;
    await killed;
    expect(answered.size).toBeGreaterThan(0);
    expect(answered.size).toBeLessThan(alerts.length);

    // Restart on the same database; the platform re-posts everything it has no answer for.
    origin = await startServerProcess();
    api = httpTestApp(origin, admin);
    await fetch(`${sandbox.origin}/sandbox/autotask/_control/faults`, { method: 'DELETE' });
    for (const a of alerts) if (!answered.has(a.id)) await post(origin, a);
    expect(answered.size).toBe(alerts.length);

    const deadline = Date.now() + 30_000;
    let health: any;
    do {
      await new Promise((r) => setTimeout(r, 100));
      health = await (await api.call('GET', `/api/integrations/${psa.id}/health`)).json();
    } while (health.totals.delivered < alerts.length && Date.now() < deadline);
    expect(health).toMatchObject({ totals: { delivered: alerts.length, failed: 0, skipped: 0 }, queue: { depth: 0 } });

    const tickets = await ticketWrites(sandbox.origin, 'autotask');
    expect(tickets.map((w) => w.title).sort()).toEqual([...new Set(tickets.map((w) => w.title))].sort());
    expect(tickets).toHaveLength(users.length * types.length);
    const mentions = await alertMentions(sandbox.origin, 'autotask', alerts.map((a) => a.id));
    expect([...mentions.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    await killServer();
  });
});
