/**
 * @module Several real BFF processes (`node --import tsx bff/server.ts`) on one PostgreSQL schema,
 * with the sandboxes in a process of their own: the scale-out tests and the storm benchmark.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { DEMO_CATALOG, DEMO_ORGANIZATIONS } from '../../bff/demo/demo-organizations.js';
import { signToken } from '../../bff/middleware/auth.js';
import { childServerArgs } from '../helpers/child-server.js';
import type { TestApp } from '../helpers/create-test-app.js';
import { SANDBOX_INTEGRATION_CODE } from '../helpers/create-test-app.js';
import { dropSchema, TEST_DATABASE_URL } from '../helpers/test-database.js';

export const PARTNER = 'partner-a';

export interface Proc {
  origin: string;
  child: ChildProcess;
  /** SIGKILL: no clean stop, leases lapse. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Every process started here until it exits: a test that times out while one is still starting
 * (a slow machine) never gets its Proc, and `killStarted` must still stop it, or it keeps working
 * on the database after the run.
 */
const started = new Set<ChildProcess>();

/** Kills (SIGKILL) every process started here that has not exited. */
export async function killStarted(): Promise<void> {
  await Promise.all([...started].map((child) => new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    if (!child.kill('SIGKILL') || child.exitCode !== null || child.signalCode !== null) resolve();
  })));
}

function startProcess(script: string, env: NodeJS.ProcessEnv, pattern: RegExp): Promise<Proc> {
  const child = spawn(process.execPath, childServerArgs(script), { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
  started.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => {
    started.delete(child);
    resolve();
  }));
  const signal = (name: NodeJS.Signals) => async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = pattern.exec(line);
      if (match) resolve({ origin: match[1]!, child, kill: signal('SIGKILL'), stop: signal('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`${script} exited early (${code})`)));
  });
}

export const startSandboxProcess = () => startProcess('test/scale-out/sandbox-process.ts', {}, /Sandboxes: (http:\/\/\S+)/);

export interface Cluster {
  schema: string;
  sandbox: Proc;
  instances: Proc[];
  admin: string;
  router: string;
  start(extraEnv?: NodeJS.ProcessEnv): Promise<Proc>;
  /** `npm run worker` on the same database (ROUTING_WORKER=separate); its origin serves /metrics and /api/ready. */
  startWorker(): Promise<Proc>;
  api(instance: Proc): TestApp;
  close(): Promise<void>;
}

export async function startCluster(count: number, env: NodeJS.ProcessEnv = {}): Promise<Cluster> {
  const schema = `t_cluster_${randomBytes(5).toString('hex')}`;
  const authSecret = randomBytes(32).toString('base64url');
  const secretKey = randomBytes(32).toString('base64');
  const sandbox = await startSandboxProcess();
  const instanceEnv = (): NodeJS.ProcessEnv => ({
    PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DEMO_MODE: 'false', DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema,
    SECRET_KEY: secretKey, AUTH_SECRET: authSecret, VENDOR_ENDPOINTS: 'real',
    AUTOTASK_ZONE_URL: `${sandbox.origin}/sandbox/autotask/atservicesrest/`, AUTOTASK_INTEGRATION_CODE: SANDBOX_INTEGRATION_CODE,
    KASEYA_BMS_BASE_URL: `${sandbox.origin}/sandbox/kaseya-bms`,
    ROUTING_POLL_MS: '50', ROUTING_LEASE_MS: '1500', ROUTING_BACKOFF_BASE_MS: '50', ROUTING_BACKOFF_MAX_MS: '500',
    // A killed instance's in-flight writes are looked for this long before being sent again (the crash e2e uses the same).
    ROUTING_LATE_WRITE_WAIT_MS: '2000',
    ...env,
  });
  const instances: Proc[] = [];
  const start = async (extraEnv: NodeJS.ProcessEnv = {}) => {
    const proc = await startProcess('bff/server.ts', { ...instanceEnv(), ...extraEnv }, /Integration hub: (http:\/\/[^/\s]+)\//);
    instances.push(proc);
    return proc;
  };
  // The first creates the schema (migrations); the rest start together.
  await start();
  await Promise.all(Array.from({ length: count - 1 }, () => start()));
  const admin = await signToken(authSecret, { sub: 'admin@partner-a.example', partner: PARTNER, role: 'admin' });
  const router = await signToken(authSecret, { sub: 'pipeline', partner: PARTNER, role: 'router' });
  const api = (instance: Proc) => ({
    async call(method: string, path: string, options: { token?: string | null; body?: unknown } = {}) {
      const token = options.token === undefined ? admin : options.token;
      return fetch(`${instance.origin}${path}`, {
        method,
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      });
    },
  } as unknown as TestApp);
  const startWorker = async () => {
    // Its origin is that of its probes server (/metrics, /api/ready).
    const proc = await startProcess('bff/worker.ts', { ...instanceEnv(), METRICS_PORT: '0' }, /Routing worker: started \(pid \d+, metrics (http:\/\/\S+)\/metrics\)/);
    instances.push(proc);
    return proc;
  };
  const organizations = await api(instances[0]!).call('PUT', '/api/organizations', {
    body: { organizations: DEMO_ORGANIZATIONS.map((o) => ({ id: o.id, name: o.name, billableUsers: o.billableUsers })), catalog: DEMO_CATALOG },
  });
  if (organizations.status !== 200) throw new Error(`organizations: HTTP ${organizations.status}`);
  return {
    schema, sandbox, instances, admin, router, start, startWorker, api,
    async close() {
      await Promise.all(instances.map((p) => p.kill()));
      await sandbox.stop();
      await dropSchema(schema);
    },
  };
}

/** Posts one alert; true when the instance accepted it (202/200), false when it got no answer. */
export async function postAlert(instance: Proc, router: string, alert: unknown): Promise<boolean> {
  try {
    const res = await fetch(`${instance.origin}/api/routing/alerts`, { method: 'POST', headers: { Authorization: `Bearer ${router}`, 'Content-Type': 'application/json' }, body: JSON.stringify(alert) });
    return res.status === 202 || res.status === 200;
  } catch {
    return false;
  }
}

/** Waits until the integration's health says `count` alerts were delivered (or the deadline passes). */
export async function waitDelivered(api: TestApp, integrationId: string, count: number, timeoutMs: number): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  let health: any;
  do {
    await new Promise((r) => setTimeout(r, 200));
    health = await (await api.call('GET', `/api/integrations/${integrationId}/health`)).json();
  } while (health.totals.delivered + health.totals.failed + health.totals.skipped < count && Date.now() < deadline);
  return health;
}
