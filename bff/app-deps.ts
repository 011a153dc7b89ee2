/** @module What createApp needs; tests build it with a temp database and fakes below the BFF. */
import type { Database } from '../db/database.js';
import type { Metrics } from './metrics.js';
import type { Repositories } from '../db/repositories/index.js';
import type { CredentialVault } from './credential-vault.js';
import type { Logger } from './logger.js';
import type { AuthConfig, AuthVariables } from './middleware/auth.js';
import type { VendorGateway } from './services/vendor-gateway.js';
import type { RmmSyncService } from './services/rmm-sync/rmm-sync.service.js';
import type { WorkSignal } from './services/routing/work-signal.js';
import type { RoutingTiming } from './services/routing/routing-config.js';

export interface AppDeps {
  /** The open engine (SQLite or PostgreSQL): readiness and raw queries. */
  database: Database;
  repos: Repositories;
  vault: CredentialVault;
  logger: Logger;
  auth: AuthConfig;
  version: string;
  /** The only way to reach a vendor (real hosts, or the sandboxes in demo mode and tests). */
  vendors: VendorGateway;
  /** Prometheus metrics for `/metrics`; createApp makes them when absent. */
  metrics?: Metrics;
  /** Wakes the routing worker after intake (set when a worker runs; without one, alerts wait in the outbox). */
  routingSignal?: WorkSignal;
  /**
   * The routing worker's trust window for a ticket's open state and its clock, set by the worker
   * when it is created, so preview decides "note or new ticket" exactly as delivery does.
   */
  routing?: RoutingTiming;
  /**
   * The two-way worker's settings the health view reports: how often it polls open tickets (default
   * 15 min), and whether it registers webhooks at all (it does only with a public address the PSA can
   * reach); default true.
   */
  twoWay?: { pollIntervalMs: number; pushEnabled?: boolean };
  /** The RMM device sync ("Sync now" and the first sync on connect run through it); createApp makes a default-interval one when absent. */
  rmmSync?: RmmSyncService;
}

export type AppEnv = { Variables: AuthVariables };
