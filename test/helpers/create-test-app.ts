/**
 * @module Builds the real BFF on a temp SQLite file or a fresh PostgreSQL schema (real migrations; see test-database.ts), with a token signer and a
 * captured log, for vitest tests and the browser tests' in-process BFF.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { openTestDatabase } from './test-database.js';
import { createApp } from '../../bff/app.js';
import { CredentialVault } from '../../bff/credential-vault.js';
import { createLogger } from '../../bff/logger.js';
import { signToken, type Role } from '../../bff/middleware/auth.js';
import type { AppDeps } from '../../bff/app-deps.js';
import { VendorGateway } from '../../bff/services/vendor-gateway.js';
import { DEFAULT_RMM_SYNC_INTERVAL_MINUTES, RmmSyncService, type RmmSyncResult } from '../../bff/services/rmm-sync/rmm-sync.service.js';
import { createAdapterContext, REAL_ENDPOINTS, sandboxEndpoints, type AdapterContext } from '../../bff/vendors/adapter-context.js';

export const SANDBOX_INTEGRATION_CODE = 'SANDBOXINTEGRATIONCODE00000';

export const TEST_AUTH_SECRET = 'test-secret-that-is-long-enough-for-hs256!!';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  /** Every log line written so far (JSON text). */
  logLines: string[];
  token(partner?: string, role?: Role, sub?: string): Promise<string>;
  /** The sync Finish started in the background for this RMM integration (its result once it ends). */
  backgroundSync(integrationId: string): Promise<RmmSyncResult | null> | undefined;
  /** `app.request` with a bearer token and JSON body. */
  call(method: string, path: string, options?: { token?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Origin of a server with the sandboxes mounted; vendors point there. */
  sandboxOrigin?: string;
  adapterContext?: Partial<AdapterContext>;
  deps?: Partial<AppDeps>;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'ih-test-'));
  const database = await openTestDatabase(dir);
  const logLines: string[] = [];
  const sink = new Writable({ write(chunk, _enc, done) { logLines.push(String(chunk)); done(); } });
  const repos = database.repos;
  const vault = new CredentialVault('k1', randomBytes(32));
  const endpoints = options.sandboxOrigin ? sandboxEndpoints(options.sandboxOrigin, SANDBOX_INTEGRATION_CODE) : REAL_ENDPOINTS;
  const backgroundSyncs = new Map<string, Promise<RmmSyncResult | null>>();
  const deps: AppDeps = {
    database,
    repos,
    vault,
    vendors: new VendorGateway(createAdapterContext(endpoints, { timeoutMs: 3_000, backoffBaseMs: 20, ...options.adapterContext }), repos, vault, 60_000),
    logger: createLogger('debug', sink),
    auth: { secret: TEST_AUTH_SECRET },
    version: 'test',
    ...options.deps,
  };
  deps.rmmSync ??= new RmmSyncService(deps, {
    intervalMs: DEFAULT_RMM_SYNC_INTERVAL_MINUTES * 60_000,
    onBackgroundRun: (id, run) => backgroundSyncs.set(id, run),
  });
  const app = createApp(deps);
  const token = (partner = 'partner-a', role: Role = 'admin', sub = 'admin@partner-a.example') => signToken(TEST_AUTH_SECRET, { sub, partner, role });
  return {
    app, deps, logLines, token,
    backgroundSync: (id) => backgroundSyncs.get(id),
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      const bearer = options.token === undefined ? await token() : options.token;
      if (bearer) headers.Authorization = `Bearer ${bearer}`;
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) body = JSON.stringify(options.body);
      if (body !== undefined) headers['Content-Type'] ??= 'application/json';
      // As an HTTP client sends it (the routing intake's composed handler takes a declared length; a stream goes to the chain).
      if (body !== undefined) headers['Content-Length'] ??= String(Buffer.byteLength(body));
      return app.request(path, { method, headers, body });
    },
    async close() {
      // A first sync started on connect may still be walking: let it stop before its database goes.
      await deps.rmmSync?.stop();
      deps.metrics?.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
