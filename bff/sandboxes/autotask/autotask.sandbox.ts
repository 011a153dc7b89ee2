/**
 * @module The Autotask PSA sandbox: Autotask's REST API below any mount prefix, at both
 * `/atservicesrest/v1.0/…` and `/ATServicesRest/V1.0/…`. Unauthenticated zone lookup whose `url` points
 * back into the sandbox, the three auth headers with Autotask's real failures, the 10,000-per-hour
 * database threshold and 3 threads per endpoint, the entity routes, and the `_control/` API.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { controlRoutes, faultInjection, SandboxState, WindowCounter } from '../common/sandbox-kit.js';
import { allEntityInformation, handleEntityRoute, methodNotAllowed, noRoute } from './autotask-api.js';
import { AutotaskFault } from './autotask-query.js';
import { SANDBOX_INTEGRATION_CODE, SANDBOX_SECRET, SANDBOX_USERNAME, seedAutotask } from './autotask.seed.js';
import type { AutotaskData } from './autotask-db.js';
import { createAutotaskWebhooks } from './autotask-webhooks.js';

export { SANDBOX_INTEGRATION_CODE, SANDBOX_SECRET, SANDBOX_USERNAME } from './autotask.seed.js';
export type { AutotaskData } from './autotask-db.js';

/** Requests per rolling hour per database [AT-DOC-THR]. */
export const HOURLY_THRESHOLD = 10_000;
/** Concurrent requests per (integration code × endpoint) for integrations made after 2023.1 [AT-DOC-THREAD]. */
export const THREADS_PER_ENDPOINT = 3;

export interface AutotaskSandboxOptions {
  /** Companies to generate (default: the ~66-company demo tenant). */
  scale?: number;
}

interface ParsedPath {
  /** `…/atservicesrest` as the caller wrote it, below the mount. */
  restBase: string;
  /** Segments after `atservicesrest/` (first is usually `v1.0`). */
  rest: string[];
}

function parsePath(c: Context): ParsedPath | null {
  const parts = c.req.path.split('/');
  const at = parts.findIndex((p) => p.toLowerCase() === 'atservicesrest');
  if (at < 0) return null;
  return { restBase: `${new URL(c.req.url).origin}${parts.slice(0, at + 1).join('/')}`, rest: parts.slice(at + 1).filter((p) => p !== '') };
}

/** The endpoint a thread counts against, or null for calls that are not thread-limited. */
function endpointOf(c: Context): string | null {
  const path = parsePath(c);
  if (!path || path.rest[0]?.toLowerCase() !== 'v1.0' || !path.rest[1]) return null;
  const endpoint = path.rest[1].toLowerCase();
  return endpoint === 'zoneinformation' ? null : endpoint; // ZoneInformation is exempt [AT-DOC-THREAD]
}

/** Autotask's error body: `{"errors":["…"]}` [AT-APIGRATE]. */
function errors(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ errors: [message] }), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers } });
}

export function createAutotaskSandbox(options: AutotaskSandboxOptions = {}): { app: Hono; state: SandboxState<AutotaskData> } {
  const state = new SandboxState<AutotaskData>((scale) => ({ db: seedAutotask(scale ?? options.scale) }));
  const hourly = new WindowCounter(HOURLY_THRESHOLD, 3_600_000);
  // WindowCounter enforces; this list only reports usage through ThresholdInformation.
  let counted: number[] = [];
  const threads = new Map<string, number>();
  const webhooks = createAutotaskWebhooks(state);

  const app = new Hono();
  app.route('/_control/webhooks', webhooks.sender.control());

  // Thread limiting sits in front of the fault injection so a slow (latency-faulted) call holds its thread.
  const threadLimit: MiddlewareHandler = async (c, next) => {
    const endpoint = c.req.path.includes('/_control/') ? null : endpointOf(c);
    if (!endpoint) return next();
    const key = `${c.req.header('ApiIntegrationCode') ?? ''}|${endpoint}`;
    const inFlight = threads.get(key) ?? 0;
    if (inFlight >= THREADS_PER_ENDPOINT) {
      // Documented as HTTP 429 [AT-IMPERION, AT-GDS-NOTES]; ASSUMPTION: body text and a 1 s Retry-After.
      return errors(429, `Thread limit exceeded: at most ${THREADS_PER_ENDPOINT} concurrent requests per endpoint are allowed for this integration.`, { 'Retry-After': '1' });
    }
    threads.set(key, inFlight + 1);
    try {
      await next();
    } finally {
      const left = (threads.get(key) ?? 1) - 1;
      if (left <= 0) threads.delete(key);
      else threads.set(key, left);
    }
  };
  app.use('*', threadLimit);
  app.use('*', faultInjection(state, {
    // ASSUMPTION: Autotask's 429 body is not documented; we answer its usual errors[] shape plus Retry-After.
    rateLimited: (_c, seconds) => errors(429, 'Too many requests. The API request threshold has been reached; try again later.', { 'Retry-After': String(seconds) }),
    // ASSUMPTION: wording of an internal failure; the errors[] shape is Autotask's [AT-APIGRATE].
    serverError: (_c, status) => errors(status, 'An unexpected error occurred while processing the request. Please try again.'),
    // ASSUMPTION: wording of a security level's refusal; the errors[] shape is Autotask's [AT-APIGRATE].
    forbidden: () => errors(403, 'The logged in Resource does not have the adequate permissions to perform this action.'),
  }));
  app.route('/_control', controlRoutes(state, {
    onReset: () => {
      hourly.reset();
      counted = [];
    },
    extend: (control) => {
      // Pre-spends the hourly threshold so tests can reach it without 10,000 calls.
      control.post('/usage', async (c) => {
        const { count = 0 } = (await c.req.json().catch(() => ({}))) as { count?: number };
        const now = Date.now();
        for (let i = 0; i < Math.min(Number(count) || 0, HOURLY_THRESHOLD); i++) if (hourly.hit(now) === 0) counted.push(now);
        return c.json({ ok: true, used: counted.length });
      });
    },
  }));

  app.all('*', async (c) => {
    try {
      return await vendorApi(c);
    } catch (error) {
      if (error instanceof AutotaskFault) return errors(error.status, error.message);
      throw error;
    }
  });

  async function vendorApi(c: Context): Promise<Response> {
    const path = parsePath(c);
    if (!path) return noRoute(c);
    const method = c.req.method.toUpperCase();
    const [first = '', second = ''] = path.rest.map((p) => p.toLowerCase());
    // ASSUMPTION: version discovery answers without credentials, like the zone lookup it precedes.
    if (first === 'versioninformation' && path.rest.length === 1) return c.json({ apiVersions: ['1.0'] });
    if (first !== 'v1.0') return noRoute(c);
    if (second === 'zoneinformation' && path.rest.length === 2) {
      if (method !== 'GET') return methodNotAllowed(c, method);
      return zoneInformation(c, path);
    }

    // Every other call needs the three headers (names are case-insensitive) [AT-DOC-SEC].
    const user = c.req.header('UserName') ?? '';
    if (user.toLowerCase() !== SANDBOX_USERNAME || c.req.header('Secret') !== SANDBOX_SECRET) {
      // 401 is documented [AT-DOC-SEC]; ASSUMPTION: the body is Web API's standard denial text.
      return c.json({ Message: 'Authorization has been denied for this request.' }, 401);
    }
    if (c.req.header('ApiIntegrationCode') !== SANDBOX_INTEGRATION_CODE) return errors(500, 'IntegrationCode is invalid.'); // [AT-APIGRATE]

    // ASSUMPTION: only authenticated calls count (the zone lookup cannot be attributed to a database).
    const wait = hourly.hit();
    if (wait > 0) {
      // ASSUMPTION: the hourly breach's status is undocumented [psa-apis.md D1]; answered as a 429 like the thread limit.
      return errors(429, `The external request threshold of ${HOURLY_THRESHOLD} requests per 60 minutes has been exceeded for this database.`, { 'Retry-After': String(wait) });
    }
    const now = Date.now();
    counted.push(now);
    while (counted.length > 0 && counted[0]! <= now - 3_600_000) counted.shift();

    const segments = path.rest.slice(1);
    const versionBase = `${path.restBase}/${path.rest[0]}`;
    switch (segments.length === 1 ? second : '') {
      case 'thresholdinformation':
        if (method !== 'GET') return methodNotAllowed(c, method);
        return c.json({ externalRequestThreshold: HOURLY_THRESHOLD, requestThresholdTimeframe: 60, currentTimeframeRequestCount: counted.length });
      case 'version':
        if (method !== 'GET') return methodNotAllowed(c, method);
        return c.json({ majorVersion: '2025', minorVersion: '2', build: '0' }); // ASSUMPTION: values (strings per swagger)
      case 'entityinformation':
        if (method !== 'GET') return methodNotAllowed(c, method);
        return allEntityInformation(c);
      case 'modules':
        if (method !== 'GET') return methodNotAllowed(c, method);
        return c.json({ modules: [{ key: 24, value: true }, { key: 36, value: true }] }); // [AT-APIGRATE README]
    }
    if (second === 'ticketwebhooks') return webhooks.route(c, method, segments);
    return handleEntityRoute(state, { c, method, segments, versionBase });
  }

  /** `zoneInformation?user=`: no credentials; an unknown user is a 500, not a 401 [AT-APIGRATE]. */
  function zoneInformation(c: Context, path: ParsedPath): Response {
    const user = (c.req.query('user') ?? '').trim().toLowerCase();
    if (user !== SANDBOX_USERNAME) return errors(500, 'Zone information could not be determined');
    const mountBase = path.restBase.slice(0, path.restBase.length - 'atservicesrest'.length);
    return c.json({ zoneName: 'Sandbox (America East)', url: `${mountBase}atservicesrest/`, webUrl: mountBase, ci: 20264 });
  }

  return { app, state };
}
