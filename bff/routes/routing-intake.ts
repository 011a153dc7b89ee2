/**
 * @module POST /api/routing/alerts as one composed handler: the alert pipeline's hot path runs the
 * checks of the middleware chain in the chain's order (API body limit, authentication, the alert's
 * body limit, the router role, validation) by calling the very functions the middleware is made of
 * (body-limit.ts, auth.ts, validate.ts, cors.ts, request-log.ts), then routing.ts's intake answer,
 * instead of passing through eight Hono layers. A refusal is answered by the API's error handler,
 * as Hono's compose would at the layer that threw, with the headers the chain sets before it. A
 * success leaves with one precomputed plain header object, which @hono/node-server writes as it is
 * (a `Headers` object costs a build and a conversion per request). Registered before the chain,
 * it hands on (`next`) the one case it does not take: a body without a declared length, which the
 * chain counts as it streams.
 */
import type { ErrorHandler, MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { roleCheck, type Principal } from '../middleware/auth.js';
import { API_BODY_LIMIT_BYTES, bodySizeByHeader } from '../middleware/body-limit.js';
import type { corsHeaders } from '../middleware/cors.js';
import { logRequest, requestLogStart } from '../middleware/request-log.js';
import { API_RESPONSE_HEADERS } from '../middleware/response-headers.js';
import { ALERT_BODY_LIMIT_BYTES, intakeAnswer, validateAlert } from './routing.js';

type ApiContext = Parameters<MiddlewareHandler<AppEnv>>[0];
/** The context as the validator types it (the chain's route sees the same through Hono's inference). */
type ValidatedContext = Parameters<typeof validateAlert>[0];
type HeaderSet = Readonly<Record<string, string>>;

export interface ComposedIntakeParts {
  /** The API's own authentication (auth.ts `requestPrincipal`, sharing the chain's verified-token cache). */
  principalOf: (c: ApiContext) => Principal | Promise<Principal>;
  /** The API's error handler (app.ts `apiErrorHandler`). */
  onError: ErrorHandler;
  /** The host's CORS headers by Origin (cors.ts); absent where no CORS middleware runs (createApp). */
  cors?: ReturnType<typeof corsHeaders>;
}

const JSON_TYPE = { 'Content-Type': 'application/json' } as const;
const NO_CORS: HeaderSet = Object.freeze({});
const validated = async () => {};

/**
 * A success answer's headers for a CORS header set: one frozen object per set (one per allowed
 * origin, one for every other request), which @hono/node-server and Node both write as they are.
 */
function answerHeaders(): (corsSet: HeaderSet) => HeaderSet {
  const bySet = new WeakMap<HeaderSet, HeaderSet>();
  return (corsSet) => {
    let headers = bySet.get(corsSet);
    if (!headers) bySet.set(corsSet, headers = Object.freeze({ ...corsSet, ...API_RESPONSE_HEADERS, ...JSON_TYPE }));
    return headers;
  };
}

/** The success answer's headers by request Origin, as composedIntake sends them (for routing-intake-node.ts). */
export function answerHeadersByOrigin(cors: ComposedIntakeParts['cors']): (origin: string | undefined) => HeaderSet {
  const headersFor = answerHeaders();
  return (origin) => headersFor(cors ? cors(origin) : NO_CORS);
}

export function composedIntake(deps: AppDeps, { principalOf, onError, cors }: ComposedIntakeParts): MiddlewareHandler<AppEnv> {
  const apiLimit = bodySizeByHeader(API_BODY_LIMIT_BYTES);
  const alertLimit = bodySizeByHeader(ALERT_BODY_LIMIT_BYTES);
  const routerOnly = roleCheck('router');
  const answer = intakeAnswer(deps);
  const headersFor = answerHeaders();

  const accept = async (c: ApiContext, corsSet: HeaderSet): Promise<Response> => {
    const pending = principalOf(c);
    const principal = pending instanceof Promise ? await pending : pending;
    c.set('principal', principal);
    alertLimit(c);
    routerOnly(principal);
    const valid = c as unknown as ValidatedContext;
    await validateAlert(valid, validated);
    const { status, view } = await answer(principal.partner, valid.req.valid('json'));
    return new Response(JSON.stringify(view), { status, headers: headersFor(corsSet) });
  };

  return async (c, next) => {
    const corsSet = cors ? cors(c.req.header('Origin')) : NO_CORS;
    const started = requestLogStart(deps.logger);
    let response: Response;
    try {
      if (apiLimit(c) === 'stream') {
        await next();
        return;
      }
      response = await accept(c, corsSet);
    } catch (error) {
      for (const [name, value] of Object.entries(corsSet)) c.header(name, value);
      for (const [name, value] of Object.entries(API_RESPONSE_HEADERS)) c.header(name, value);
      if (!(error instanceof Error)) throw error; // as Hono's compose: only Errors reach the error handler
      c.error = error;
      response = await onError(error, c);
    }
    if (started !== undefined) logRequest(deps.logger, c, response.status, started);
    return response;
  };
}
