/**
 * @module The Syncro sandbox: Syncro's REST API v1 under `<subdomain>/api/v1/` for each known
 * subdomain (an unknown one answers 404) and under `api/v1/` for `sandbox` (token auth in three styles,
 * 180 calls a minute, `meta` paging, Syncro's error bodies) plus `_control/`, as one Hono app
 * that works under any prefix (the product mounts it at `/sandbox/syncro`).
 */
import { Hono } from 'hono';
import { controlRoutes, faultInjection, SandboxState } from '../common/sandbox-kit.js';
import { registerBillingRoutes } from './syncro-billing.routes.js';
import { extendSyncroControl } from './syncro-control.js';
import { registerCustomerRoutes } from './syncro-customer.routes.js';
import type { SyncroData } from './syncro-rows.js';
import { registerTicketRoutes } from './syncro-ticket.routes.js';
import { faultResponders, gate, NOT_FOUND, RateCounters, unknownSubdomain } from './syncro-wire.js';
import { seedSyncro } from './syncro.seed.js';

export { SANDBOX_TOKEN } from './syncro-wire.js';
export type { SyncroData } from './syncro-rows.js';

export interface SyncroSandboxOptions {
  /** Assets account-wide (default ~150); `_control/seed` can change it later. */
  scale?: number;
}

export function createSyncroSandbox(options: SyncroSandboxOptions = {}): { app: Hono; state: SandboxState<SyncroData> } {
  const state = new SandboxState<SyncroData>((scale) => seedSyncro(scale ?? options.scale));
  const counters = new RateCounters();

  const api = new Hono();
  api.use('*', faultInjection(state, faultResponders));
  api.use('*', gate(counters));
  registerCustomerRoutes(api, state);
  registerTicketRoutes(api, state);
  registerBillingRoutes(api, state);
  // ASSUMPTION: an unknown API path answers like a missing record.
  api.all('*', (c) => c.json(NOT_FOUND, 404));

  const app = new Hono();
  app.route('/_control', controlRoutes(state, { extend: extendSyncroControl, onReset: () => counters.reset() }));
  // `https://<subdomain>.syncromsp.com/api/v1` is `/<subdomain>/api/v1` here (loopback has no wildcard DNS).
  app.use('/:subdomain/api/v1/*', async (c, next) => {
    const subdomain = c.req.param('subdomain').toLowerCase();
    return state.data.subdomains.has(subdomain) ? next() : unknownSubdomain(c, subdomain);
  });
  app.route('/:subdomain/api/v1', api);
  // Without a subdomain: the `sandbox` account (direct calls from tests and tools).
  app.route('/api/v1', api);
  return { app, state };
}
