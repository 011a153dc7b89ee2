/**
 * @module Node entry for `npm start`: parses the environment (a wrong value stops start-up naming
 * the variable), opens the database, and serves the host on PORT. Demo mode (the default) makes
 * any missing secret itself and seeds the demo partner.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { serve } from '@hono/node-server';
import { createServer as createHttpServer, type ServerOptions } from 'node:http';
import type { NodeListener } from './routes/routing-intake-node.js';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../db/database.js';
import { startWalCheckpointer } from '../db/wal-checkpointer.js';
import { createMetrics } from './metrics.js';
import { CredentialVault, parsePreviousKeys } from './credential-vault.js';
import { EnvError, parseEnv, type Env } from './env.js';
import { createHost } from './host.js';
import { createLogger } from './logger.js';
import { seedDemoPartner } from './demo/demo-seed.js';
import { VendorGateway } from './services/vendor-gateway.js';
import { RoutingWorker } from './services/routing/routing-worker.js';
import { TwoWayWorker } from './services/two-way/two-way-worker.js';
import { createWorkSignal, SharedWorkSignal } from './services/routing/shared-work-signal.js';
import { routingConfigFromEnv } from './services/routing/routing-config.js';
import { RmmSyncService } from './services/rmm-sync/rmm-sync.service.js';
import { RmmSyncScheduler } from './services/rmm-sync/rmm-sync.scheduler.js';
import { createBudgetStore } from '../db/repositories-pg/budgets.repo.js';
import { createSharedLimiters } from './vendors/http/shared-budget.js';
import { pluggedEndpointsFromEnv, VendorEnvError } from './vendors/vendor-env.js';
import { createAdapterContext, REAL_ENDPOINTS, sandboxEndpoints, type VendorEndpoints } from './vendors/adapter-context.js';

/** Demo mode's Autotask tracking identifier: the sandbox accepts it (shared DESIGN.md). */
const SANDBOX_INTEGRATION_CODE = 'SANDBOXINTEGRATIONCODE00000';

/** Where each vendor lives. The sandbox origin is only known once the server listens. */
export function vendorEndpoints(env: Env, source: Record<string, string | undefined>, sandboxOrigin: string): VendorEndpoints {
  const useSandbox = (env.VENDOR_ENDPOINTS ?? (env.DEMO_MODE ? 'sandbox' : 'real')) === 'sandbox';
  const base = useSandbox ? sandboxEndpoints(sandboxOrigin, env.AUTOTASK_INTEGRATION_CODE ?? SANDBOX_INTEGRATION_CODE) : { ...REAL_ENDPOINTS, autotaskIntegrationCode: env.AUTOTASK_INTEGRATION_CODE ?? '' };
  return {
    ...base,
    autotaskZoneLookupUrl: env.AUTOTASK_ZONE_URL ?? base.autotaskZoneLookupUrl,
    kaseyaBmsBaseUrl: env.KASEYA_BMS_BASE_URL ?? base.kaseyaBmsBaseUrl,
    dattoRmmBaseUrl: env.DATTO_RMM_BASE_URL ?? base.dattoRmmBaseUrl,
    syncroBaseUrl: env.SYNCRO_BASE_URL ?? base.syncroBaseUrl,
    plugged: pluggedEndpointsFromEnv(source, { useSandbox, sandboxOrigin }),
  };
}

const VERSION = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version as string;

/** Demo mode keeps its credential key beside the database so stored credentials survive restarts. */
export function demoSecretKey(env: Env): Buffer {
  const file = join(dirname(env.DATABASE_PATH), 'secret.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return key;
}

/** Demo mode's vendor simulators, loaded on the first request to one (they are a large share of the server's code). */
const loadSandboxes = () => import('./sandboxes/index.js').then((m) => m.createSandboxes());

export async function start(source: Record<string, string | undefined> = process.env) {
  const env = parseEnv(source);
  // Checked before anything starts, so a wrong vendor setting stops start-up like a wrong env value.
  pluggedEndpointsFromEnv(source, { useSandbox: true, sandboxOrigin: 'http://127.0.0.1' });
  const routingConfig = routingConfigFromEnv(source);
  const logger = createLogger(env.LOG_LEVEL);
  const database = await openDatabase({ url: env.DATABASE_URL, path: env.DATABASE_PATH, pgSchema: env.DATABASE_SCHEMA });
  const repos = database.repos;
  // The server's SQLite commits (intake's above all) never run a WAL checkpoint's fsyncs on the event loop (wal-checkpointer.ts).
  const checkpoints = database.dialect === 'sqlite'
    ? startWalCheckpointer(database.db.$client, database.path, (error) => logger.error({ err: error }, 'database: the WAL checkpoint thread failed; the server checkpoints itself again'))
    : null;
  const key = env.SECRET_KEY ? Buffer.from(env.SECRET_KEY, 'base64') : demoSecretKey(env);
  const vault = new CredentialVault(env.SECRET_KEY_ID, key, parsePreviousKeys(env.SECRET_KEYS_PREVIOUS));
  const authSecret = env.AUTH_SECRET ?? randomBytes(32).toString('base64url');
  const auth = env.AUTH_JWKS_URL && !env.AUTH_SECRET ? { jwksUrl: env.AUTH_JWKS_URL } : { secret: authSecret };
  // Filled in once the port is known (the sandboxes live on this same server).
  const endpoints: VendorEndpoints = { ...REAL_ENDPOINTS };
  const vendors = new VendorGateway(createAdapterContext(endpoints, { limiters: createSharedLimiters(createBudgetStore(database), logger, vault.derivedKey('vendor-budgets')) }), repos, vault, env.VENDOR_CACHE_SECONDS * 1000);
  const rmmSync = new RmmSyncService({ repos, vendors, logger }, { intervalMs: env.RMM_SYNC_INTERVAL_MINUTES * 60_000 });
  const routingSignal = createWorkSignal(database, logger);
  const metrics = createMetrics(repos);
  // Webhooks need an address the PSA can post to (demo mode uses its own); without one the two-way
  // worker only polls, and the health view says so rather than "not registered yet".
  const twoWayTiming = { pollIntervalMs: env.TWO_WAY_POLL_MINUTES * 60_000, pushEnabled: Boolean(env.PUBLIC_BASE_URL) || env.DEMO_MODE };
  const deps = { database, repos, vault, logger, auth, version: VERSION, vendors, rmmSync, routingSignal, metrics, twoWay: twoWayTiming };

  if (env.DEMO_MODE) await seedDemoPartner(repos);
  // Created before the host so intake can wake it; started once vendor endpoints are known. With
  // ROUTING_WORKER=separate (or off) this process runs no background work: it accepts alerts (and
  // serves "Sync now"), and `npm run worker` delivers and runs the scheduled RMM syncs.
  const background = env.ROUTING_WORKER === 'inline';
  const routing = background ? new RoutingWorker(deps, { config: routingConfig }) : null;
  const rmmScheduler = background ? new RmmSyncScheduler(rmmSync, repos, logger) : null;
  // Without ALLOWED_ORIGINS, demo mode allows only its own origin (added once the port is known).
  const allowedOrigins = new Set(env.ALLOWED_ORIGINS ?? []);
  const host = createHost({ deps, allowedOrigins, demo: env.DEMO_MODE ? { sandboxes: loadSandboxes, authSecret } : undefined });

  const server = await new Promise<{ port: number; close: () => Promise<void> }>((resolve) => {
    const createServer = ((options: ServerOptions, listener: NodeListener) => createHttpServer(options, host.withNodeIntake(listener))) as typeof createHttpServer;
    const s = serve({ fetch: host.fetch, hostname: env.HOST, port: env.PORT, createServer }, (info: AddressInfo) => {
      resolve({ port: info.port, close: () => new Promise((done) => { (s as unknown as { closeAllConnections?: () => void }).closeAllConnections?.(); s.close(() => done()); }) });
    });
  });
  const origin = `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${server.port}`;
  Object.assign(endpoints, vendorEndpoints(env, source, env.VENDOR_SANDBOX_ORIGIN ?? origin));
  if (env.DEMO_MODE && !env.ALLOWED_ORIGINS) allowedOrigins.add(origin);
  if (routing) {
    if (routingSignal instanceof SharedWorkSignal) await routingSignal.listen();
    routing.start();
  }
  rmmScheduler?.start();
  const twoWay = background
    ? new TwoWayWorker(deps, { publicOrigin: env.PUBLIC_BASE_URL ?? (env.DEMO_MODE ? origin : undefined), config: { pollIntervalMs: twoWayTiming.pollIntervalMs } }).start()
    : null;
  logger.info({ origin, demo: env.DEMO_MODE, database: database.dialect, routingWorker: env.ROUTING_WORKER, allowedOrigins: [...allowedOrigins] }, `Integration hub listening on ${origin}`);
  return {
    origin,
    port: server.port,
    async stop() {
      await routing?.stop();
      await twoWay?.stop();
      await rmmScheduler?.stop();
      await server.close();
      // After the server: no request can start another first sync; those running record where they stopped.
      await rmmSync.stop();
      if (routingSignal instanceof SharedWorkSignal) await routingSignal.close();
      await checkpoints?.stop();
      await database.close();
    },
  };
}

/** Starts the server as a process: a wrong setting ends it with the message, SIGINT/SIGTERM end it cleanly. */
export function main(): void {
  start().then(({ origin }) => {
    process.stdout.write(`\n  Integration hub: ${origin}/   (API ${origin}/api, OpenAPI ${origin}/api/openapi.json)\n\n`);
  }).catch((error) => {
    process.stderr.write(`${error instanceof EnvError || error instanceof VendorEnvError ? error.message : (error as Error).stack}\n`);
    process.exit(1);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) main();
