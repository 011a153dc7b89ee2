/**
 * @module createApp(deps): the BFF's HTTP API under `/api`. Routes are chained so `AppType` carries
 * every route's types to the web components' typed client (hc). Every error leaves as problem+json.
 */
import { compressJson } from './middleware/compress-json.js';
import { Hono, type ErrorHandler } from 'hono';
import type { AppDeps, AppEnv } from './app-deps.js';
import { problemResponse, toProblem } from './errors.js';
import { VendorError } from './vendors/vendor-errors.js';
import { API_BODY_LIMIT_BYTES, limitBody } from './middleware/body-limit.js';
import { authenticate, requestPrincipal, type Principal } from './middleware/auth.js';
import { VerifiedTokenCache } from './middleware/verified-token-cache.js';
import { API_RESPONSE_HEADERS } from './middleware/response-headers.js';
import { logRequest, requestLogStart } from './middleware/request-log.js';
import { answerHeadersByOrigin, composedIntake, type ComposedIntakeParts } from './routes/routing-intake.js';
import { withNodeIntake, type NodeListener } from './routes/routing-intake-node.js';
import { acceptedJson } from './middleware/validate.js';
import { routingAlertSchema } from './routing/alert.js';
import { ApiDocs } from './openapi.js';
import { healthRoutes, readinessRoutes } from './routes/health.js';
import { createMetrics } from './metrics.js';
import { DEFAULT_RMM_SYNC_INTERVAL_MINUTES, RmmSyncService } from './services/rmm-sync/rmm-sync.service.js';
import { integrationRoutes } from './routes/integrations.js';
import { integrationLogRoutes } from './routes/integration-logs.js';
import { organizationRoutes } from './routes/organizations.js';
import { integrationSetupRoutes } from './routes/integration-setup.js';
import { psaSetupRoutes } from './routes/psa-setup.js';
import { rmmSetupRoutes } from './routes/rmm-setup.js';
import { wizardDraftRoutes } from './routes/wizard-drafts.js';
import { routingRoutes } from './routes/routing.js';
import { psaOperationsRoutes } from './routes/psa-operations.js';
import { deviceRoutes } from './routes/devices.js';
import { rmmOperationsRoutes } from './routes/rmm-operations.js';
import { platformWebhookRoutes } from './routes/platform-webhook.js';
import { psaPushRoutes } from './routes/psa-push.js';
import { alertResolveRoutes } from './routes/alert-resolve.js';

/** The API with its problem+json answers for errors and unknown routes: what tests and the typed client (AppType) use. */
export function createApp(deps: AppDeps) {
  const api = createApi(deps);
  const app = new Hono<AppEnv>();
  // Intake's composed handler first (routing-intake.ts); it hands what it does not take on to the chain.
  app.post('/api/routing/alerts', api.composedIntake());
  const routed = app.route('/', api.routes);
  routed.notFound((c) => problemResponse(c, { type: 'urn:integration-hub:problem:not_found', title: 'Not found', status: 404, code: 'not_found', detail: `No route for ${c.req.method} ${c.req.path}.` }));
  routed.onError(apiErrorHandler(deps));
  return routed;
}

/**
 * Every error leaves as problem+json; a 5xx is logged. createHost sets this as the host's own
 * handler and mounts createApi's routes without one: Hono wraps each handler of a mounted app that
 * has an error handler of its own in one more composed layer (seven of them on intake's path).
 */
export function apiErrorHandler(deps: Pick<AppDeps, 'logger'>): ErrorHandler {
  return (error, c) => {
    const problem = toProblem(error);
    if (problem.status >= 500) deps.logger.error({ err: error, path: c.req.path }, 'request failed');
    // The admin reads "ask your platform provider"; the operator reads which setting to fix (never a secret: names and hosts only).
    if (error instanceof VendorError && error.details.operatorNote) {
      deps.logger.warn({ vendor: error.vendor, code: error.code, path: c.req.path }, `vendor setting needs the operator: ${error.details.operatorNote}`);
    }
    return problemResponse(c, problem);
  };
}

/** Intake's body checks as its validator makes them, for the Node-level path (routing-intake-node.ts). */
const acceptedAlert = acceptedJson(routingAlertSchema);

/**
 * The API's middleware and routes, without error or not-found handlers (createApp adds them; createHost
 * mounts them), and intake's composed handler (routing-intake.ts) for the host to register ahead of
 * them (and of its CORS middleware, whose headers it is given), sharing the chain's verified-token
 * cache; and intake's Node-level path (routing-intake-node.ts) for the Node server, sharing it too.
 */
export function createApi(deps: AppDeps) {
  const verified = new VerifiedTokenCache<Principal>();
  const onPartner = (partner: string) => deps.repos.partners.ensure(partner);
  const routes = createApiRoutes(deps, authenticate(deps.auth, onPartner, verified));
  const principalOf = requestPrincipal(deps.auth, onPartner, verified);
  const onError = apiErrorHandler(deps);
  return {
    routes,
    composedIntake: (cors?: ComposedIntakeParts['cors']) => composedIntake(deps, { principalOf, onError, cors }),
    nodeIntake: (cors: ComposedIntakeParts['cors'], host: NodeListener) => withNodeIntake(deps, { verified, parse: acceptedAlert, headersFor: answerHeadersByOrigin(cors) }, host),
  };
}

function createApiRoutes(deps: AppDeps, authed: ReturnType<typeof authenticate>) {
  const docs = new ApiDocs();
  const metrics = (deps.metrics ??= createMetrics(deps.repos));
  // One sync service for "Sync now" and the first sync on connect, so shutdown can wait for both.
  deps.rmmSync ??= new RmmSyncService(deps, { intervalMs: DEFAULT_RMM_SYNC_INTERVAL_MINUTES * 60_000 });
  // Built on first request, once every route module has described itself.
  let openApiDocument: Record<string, unknown> | undefined;
  const compressed = compressJson();

  const app = new Hono<AppEnv>()
    .use(async (c, next) => {
      // Set before the handler: headers added after the response exists force a slow copy of it.
      for (const [name, value] of Object.entries(API_RESPONSE_HEADERS)) c.header(name, value);
      const started = requestLogStart(deps.logger);
      if (started === undefined) return next();
      await next();
      logRequest(deps.logger, c, c.res.status, started);
    })
    .use(limitBody(API_BODY_LIMIT_BYTES))
    .route('/api/health', healthRoutes(deps, docs))
    .route('/api/ready', readinessRoutes(deps, docs))
    // Prometheus text format; ASSUMPTION: operators keep it off the public internet at their proxy, like any scrape target.
    .get('/metrics', async (c) => c.body(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType }))
    // The PSAs' ticket pushes: authenticated by each vendor's signature, not by a token (psa-push.ts).
    .route('/webhooks/psa', psaPushRoutes(deps))
    .get('/api/openapi.json', (c) => c.json(openApiDocument ??= docs.document(deps.version)))
    .use('/api/*', authed)
    .route('/api/routing', routingRoutes(deps, docs))
    .route('/api/routing', alertResolveRoutes(deps, docs))
    // Admin answers (lists, settings, logs, organizations' devices) compressed from 1 KB up; intake and
    // the device lookup, small answers on the routing hot path, are left alone. Registered before
    // the routes they cover (a route that answers first never reaches a later middleware).
    .use('/api/integrations/*', compressed)
    .use('/api/organizations/*', compressed)
    .use('/api/catalog', compressed)
    .use('/api/wizard-drafts/*', compressed)
    .route('/api', deviceRoutes(deps, docs))
    .route('/api', organizationRoutes(deps, docs))
    .route('/api/integrations', integrationRoutes(deps, docs))
    .route('/api/integrations', integrationLogRoutes(deps, docs))
    .route('/api/integrations', integrationSetupRoutes(deps, docs))
    .route('/api/integrations', psaSetupRoutes(deps, docs))
    .route('/api/integrations', rmmSetupRoutes(deps, docs))
    .route('/api/integrations', rmmOperationsRoutes(deps, docs))
    .route('/api/integrations', psaOperationsRoutes(deps, docs))
    .route('/api/wizard-drafts', wizardDraftRoutes(deps, docs))
    .route('/api/platform-webhook', platformWebhookRoutes(deps, docs));

  return app;
}

export type AppType = ReturnType<typeof createApp>;
