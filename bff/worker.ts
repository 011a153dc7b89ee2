/**
 * @module Node entry for `npm run worker`: the routing worker (and the RMM sync scheduler) without
 * the HTTP intake, for ROUTING_WORKER=separate. It opens the same database, takes groups with
 * leases like any other worker, wakes on the database's work signal (PostgreSQL) or polls (SQLite),
 * and stops cleanly on SIGINT/SIGTERM (a kill -9 leaves leases that lapse for another worker).
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { openDatabase, type Database } from '../db/database.js';
import { startWalCheckpointer } from '../db/wal-checkpointer.js';
import { createMetrics, type Metrics } from './metrics.js';
import { CredentialVault, parsePreviousKeys } from './credential-vault.js';
import { EnvError, parseEnv } from './env.js';
import { createLogger } from './logger.js';
import { demoSecretKey, vendorEndpoints } from './server.js';
import { VendorGateway } from './services/vendor-gateway.js';
import { RoutingWorker } from './services/routing/routing-worker.js';
import { TwoWayWorker } from './services/two-way/two-way-worker.js';
import { routingConfigFromEnv } from './services/routing/routing-config.js';
import { createWorkSignal, SharedWorkSignal } from './services/routing/shared-work-signal.js';
import { RmmSyncService } from './services/rmm-sync/rmm-sync.service.js';
import { RmmSyncScheduler } from './services/rmm-sync/rmm-sync.scheduler.js';
import { createAdapterContext } from './vendors/adapter-context.js';
import { createBudgetStore } from '../db/repositories-pg/budgets.repo.js';
import { createSharedLimiters } from './vendors/http/shared-budget.js';

export async function startWorker(source: Record<string, string | undefined> = process.env) {
  const env = parseEnv(source);
  const logger = createLogger(env.LOG_LEVEL);
  const useSandbox = (env.VENDOR_ENDPOINTS ?? (env.DEMO_MODE ? 'sandbox' : 'real')) === 'sandbox';
  if (useSandbox && !env.VENDOR_SANDBOX_ORIGIN) throw new EnvError('VENDOR_SANDBOX_ORIGIN: a separate worker needs the sandboxes\' origin (the intake server, e.g. http://127.0.0.1:8787)');
  const database = await openDatabase({ url: env.DATABASE_URL, path: env.DATABASE_PATH, pgSchema: env.DATABASE_SCHEMA });
  const repos = database.repos;
  // As the server's: this process's commits (write-backs, claims) never run a WAL checkpoint's fsyncs on its event loop.
  const checkpoints = database.dialect === 'sqlite'
    ? startWalCheckpointer(database.db.$client, database.path, (error) => logger.error({ err: error }, 'database: the WAL checkpoint thread failed; the worker checkpoints itself again'))
    : null;
  const key = env.SECRET_KEY ? Buffer.from(env.SECRET_KEY, 'base64') : demoSecretKey(env);
  const vault = new CredentialVault(env.SECRET_KEY_ID, key, parsePreviousKeys(env.SECRET_KEYS_PREVIOUS));
  const context = createAdapterContext(vendorEndpoints(env, source, env.VENDOR_SANDBOX_ORIGIN ?? ''), { limiters: createSharedLimiters(createBudgetStore(database), logger, vault.derivedKey('vendor-budgets')) });
  const vendors = new VendorGateway(context, repos, vault, env.VENDOR_CACHE_SECONDS * 1000);
  const rmmSync = new RmmSyncService({ repos, vendors, logger }, { intervalMs: env.RMM_SYNC_INTERVAL_MINUTES * 60_000 });
  const routingSignal = createWorkSignal(database, logger);
  if (routingSignal instanceof SharedWorkSignal) await routingSignal.listen();
  const metrics = createMetrics(repos);
  const routing = new RoutingWorker({ repos, vendors, logger, routingSignal, metrics }, { config: routingConfigFromEnv(source) }).start();
  const probes = env.METRICS_PORT === undefined ? null : await serveProbes(database, metrics, env.HOST, env.METRICS_PORT);
  const rmmScheduler = new RmmSyncScheduler(rmmSync, repos, logger);
  rmmScheduler.start();
  const twoWay = new TwoWayWorker({ repos, vendors, vault, logger }, { publicOrigin: env.PUBLIC_BASE_URL ?? (env.DEMO_MODE ? env.VENDOR_SANDBOX_ORIGIN : undefined), config: { pollIntervalMs: env.TWO_WAY_POLL_MINUTES * 60_000 } }).start();
  logger.info({ database: database.dialect, metrics: probes?.origin }, 'Routing worker started');
  return {
    metricsOrigin: probes?.origin,
    async stop() {
      await probes?.close();
      await routing.stop();
      await twoWay.stop();
      await rmmScheduler.stop();
      if (routingSignal instanceof SharedWorkSignal) await routingSignal.close();
      await checkpoints?.stop();
      await database.close();
      metrics.close();
    },
  };
}

/** The worker's own /metrics (its vendor calls, 429s and claim lag) and /api/ready, for the scraper and the orchestrator. */
function serveProbes(database: Database, metrics: Metrics, hostname: string, port: number): Promise<{ origin: string; close: () => Promise<void> }> {
  const app = new Hono()
    .get('/metrics', async (c) => c.body(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType }))
    .get('/api/ready', async (c) => {
      const ready = await database.ping().then(() => database.migrationsApplied(), () => false);
      return c.json({ status: ready ? 'ready' : 'not_ready' }, ready ? 200 : 503);
    });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname, port }, (info: AddressInfo) => {
      resolve({ origin: `http://${hostname}:${info.port}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  startWorker().then((worker) => {
    process.stdout.write(`Routing worker: started (pid ${process.pid}${worker.metricsOrigin ? `, metrics ${worker.metricsOrigin}/metrics` : ''})\n`);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => { void worker.stop().finally(() => process.exit(0)); });
  }).catch((error) => {
    process.stderr.write(`${error instanceof EnvError ? error.message : (error as Error).stack}\n`);
    process.exit(1);
  });
}
