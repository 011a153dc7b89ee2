/**
 * @module The ConnectWise PSA sandbox: a Hono app answering a ConnectWise site's paths below the
 * prefix it is mounted at (the product mounts it at /sandbox/connectwise): the unauthenticated
 * `login/companyinfo/<company>` lookup that names the codebase, and the REST API below
 * `<codebase>/apis/3.0/` (also `v4_6_release/`) with Basic auth, the clientId header, paging,
 * conditions, the documented error body (also for any path it does not have) and a rate limit
 * answered with 429 and Retry-After; plus the `_control/` API (reset, seed at scale, faults, writes,
 * and `requests`: every call with what was sent and answered, for the conformance test).
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { SandboxState, WindowCounter, controlRoutes, faultInjection } from '../common/sandbox-kit.js';
import { SANDBOX_CODEBASE, SANDBOX_COMPANY_ID, seedConnectWise, type CwData } from './connectwise.seed.js';
import { RequestLog } from '../common/request-log.js';
import { basicAuth, cwError, unknownPath } from './connectwise-wire.js';
import { registerReadRoutes } from './connectwise-read.routes.js';
import { registerWriteRoutes } from './connectwise-write.routes.js';
import { createConnectWiseCallbacks } from './connectwise-callbacks.routes.js';

/**
 * ASSUMPTION: ConnectWise publishes no fixed budget for cloud sites (the facts file: "429 when
 * throttled, honour Retry-After"); the sandbox refuses beyond 1,000 requests a minute per company,
 * and the adapter keeps to 950 (vendor-catalog.ts).
 */
export const CW_LIMIT_PER_MINUTE = 1_000;

function throttled(c: Context, retryAfterSeconds: number): Response {
  c.header('Retry-After', String(retryAfterSeconds));
  return cwError(c, 429, 'TooManyRequests', 'The request was throttled. Try again later.');
}

function serverError(c: Context, status: number): Response {
  return cwError(c, status, 'UnexpectedError', 'An unexpected error has occurred.');
}

/** ASSUMPTION: a security role's refusal in ConnectWise's error shape (code and message). */
function forbidden(c: Context): Response {
  return cwError(c, 403, 'Forbidden', 'You do not have access to this resource. Check the security role of the API member.');
}

function rateLimit(counter: WindowCounter): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.path.includes('/_control/')) return next();
    const wait = counter.hit();
    return wait > 0 ? throttled(c, wait) : next();
  };
}

/** Builds the sandbox. `scale` is the number of companies to seed (default: the ~66 fixed ones). */
export function createConnectWiseSandbox(options: { scale?: number } = {}): { app: Hono; state: SandboxState<CwData> } {
  const state = new SandboxState<CwData>((scale) => seedConnectWise(scale ?? options.scale));
  const limit = new WindowCounter(CW_LIMIT_PER_MINUTE, 60_000);
  const log = new RequestLog();
  const app = new Hono();
  const callbacks = createConnectWiseCallbacks(state);

  app.route('/_control/webhooks', callbacks.sender.control());
  app.route('/_control', controlRoutes(state, {
    onReset: () => { limit.reset(); log.clear(); },
    extend: (control) => control.get('/requests', (c) => log.route(c)),
  }));
  app.use('*', async (c, next) => (c.req.path.includes('/_control/') ? next() : log.middleware()(c, next)));
  app.use('*', faultInjection(state, { rateLimited: throttled, serverError, forbidden }));
  app.use('*', rateLimit(limit));

  // The company-info lookup is public: it tells a client which codebase the company runs.
  app.get('/login/companyinfo/:company', (c) => {
    if (c.req.param('company').toLowerCase() !== SANDBOX_COMPANY_ID) return cwError(c, 404, 'NotFound', `Company ${c.req.param('company')} not found`);
    return c.json({
      CompanyName: 'Sandbox MSP', Codebase: SANDBOX_CODEBASE, VersionCode: 'v2025.1', VersionNumber: 'v4.6.12345',
      CompanyID: SANDBOX_COMPANY_ID, IsCloud: true, SiteUrl: 'sandbox.myconnectwise.example',
    });
  });

  for (const codebase of [SANDBOX_CODEBASE, 'v4_6_release/']) callbacks.registerKeyRoute(app, codebase);
  const api = new Hono();
  api.use('*', basicAuth());
  callbacks.registerRoutes(api);
  registerReadRoutes(api, state);
  registerWriteRoutes(api, state);
  // Registered last, as routes: a host app that mounts this one (app.route) keeps its own notFound
  // and would answer Hono's text 404 for an unknown API path.
  api.all('*', unknownPath);
  for (const codebase of [SANDBOX_CODEBASE, 'v4_6_release/']) app.route(`/${codebase}apis/3.0`, api);
  app.all('*', unknownPath);
  app.onError((_error, c) => serverError(c, 500));
  return { app, state };
}
