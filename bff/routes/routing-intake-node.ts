/**
 * @module Intake's common case answered at the Node layer, below Hono: a POST /api/routing/alerts
 * with one declared length within the limits, a JSON body, and one Authorization header holding a
 * token the API has already verified (its verified-token cache) for the router role. It reads the
 * body, checks it exactly as the validator does (validate.ts `acceptedJson`), accepts the alert as
 * the composed handler does (`intakeAnswer`) and answers with that handler's headers. Everything
 * else (a token not yet verified, another role, a body the validator refuses, a database error) is
 * handed to the host's listener with the body already read (@hono/node-server replays `rawBody`),
 * so every refusal and error reads as it always has, written by the code that always wrote it; a
 * failed accept is accepted again there (intake is idempotent by alert id) and answered as an error.
 * Why: Hono's request, context, routing and response cost intake about a fifth of its CPU (issue 20).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppDeps } from '../app-deps.js';
import type { Principal } from '../middleware/auth.js';
import { API_BODY_LIMIT_BYTES } from '../middleware/body-limit.js';
import { logRequestLine, requestLogStart } from '../middleware/request-log.js';
import type { VerifiedTokenCache } from '../middleware/verified-token-cache.js';
import type { RoutingAlert } from '../routing/alert.js';
import { ALERT_BODY_LIMIT_BYTES, intakeAnswer } from './routing.js';

type HeaderSet = Readonly<Record<string, string>>;
/** Node's request listener: the host's, for what this path does not answer. */
export type NodeListener = (req: IncomingMessage, res: ServerResponse) => unknown;
type WithRawBody = IncomingMessage & { rawBody?: Buffer };

export interface NodeIntakeParts {
  verified: VerifiedTokenCache<Principal>;
  /** validate.ts's checks for intake's schema: the alert, or undefined wherever the validator refuses. */
  parse: (value: unknown) => RoutingAlert | undefined;
  /** The success answer's headers by request Origin (routing-intake.ts `answerHeadersByOrigin`). */
  headersFor: (origin: string | undefined) => HeaderSet;
}

const PATH = '/api/routing/alerts';
const LIMIT = Math.min(API_BODY_LIMIT_BYTES, ALERT_BODY_LIMIT_BYTES);
/** The validator's test of a JSON media type (hono/validator), applied to the same part of the header. */
const JSON_MEDIA = /^application\/([\w.-]+\+)?json$/i;

/**
 * Whether a header Node keeps only the first of (it drops repeats of Authorization and Content-Type,
 * where the Fetch API that Hono sees joins them) appears once: a repeated one is Hono's to judge.
 */
function once(rawHeaders: string[], name: string): boolean {
  let seen = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const header = rawHeaders[i]!;
    if (header.length === name.length && header.toLowerCase() === name && ++seen > 1) return false;
  }
  return seen === 1;
}

/** The principal when this path takes the request (before its body is read), else undefined. */
function taken(req: IncomingMessage, verified: VerifiedTokenCache<Principal>): Principal | undefined {
  if (req.method !== 'POST' || req.url !== PATH) return undefined;
  const { headers } = req;
  const length = headers['content-length'];
  if (length === undefined || headers['transfer-encoding'] !== undefined || !(Number(length) <= LIMIT)) return undefined;
  const type = headers['content-type'];
  const authorization = headers.authorization;
  if (type === undefined || authorization === undefined || !JSON_MEDIA.test(type.split(';')[0]!.trim())) return undefined;
  if (!once(req.rawHeaders, 'authorization') || !once(req.rawHeaders, 'content-type')) return undefined;
  const principal = verified.get(authorization);
  return principal?.role === 'router' ? principal : undefined;
}

/** Wraps the host's listener: intake's common case answered here, every other request passed on untouched. */
export function withNodeIntake(deps: AppDeps, { verified, parse, headersFor }: NodeIntakeParts, host: NodeListener): NodeListener {
  const answer = intakeAnswer(deps);
  const flat = new WeakMap<HeaderSet, string[]>();
  const flatHeaders = (origin: string | undefined) => {
    const set = headersFor(origin);
    let list = flat.get(set);
    if (!list) flat.set(set, list = Object.entries(set).flat());
    return list;
  };
  const handOn = (req: WithRawBody, res: ServerResponse, body: Buffer) => {
    req.rawBody = body;
    return host(req, res);
  };
  const parsed = (body: Buffer): RoutingAlert | undefined => {
    try {
      return parse(JSON.parse(body.toString('utf8')));
    } catch {
      return undefined; // malformed JSON: the validator's to refuse
    }
  };
  const accept = async (req: IncomingMessage, res: ServerResponse, principal: Principal, body: Buffer, started: number | undefined) => {
    const alert = parsed(body);
    if (!alert) return handOn(req, res, body);
    let answered: Awaited<ReturnType<typeof answer>>;
    try {
      answered = await answer(principal.partner, alert);
    } catch {
      return handOn(req, res, body);
    }
    const text = JSON.stringify(answered.view);
    // Headers as Node's flat list, the length last: written as they are (an object with a length added would be copied per answer).
    res.writeHead(answered.status, [...flatHeaders(req.headers.origin), 'Content-Length', String(Buffer.byteLength(text))]);
    res.end(text);
    if (started !== undefined) logRequestLine(deps.logger, 'POST', PATH, answered.status, started);
  };

  return (req, res) => {
    const principal = taken(req, verified);
    if (!principal) return host(req, res);
    const started = requestLogStart(deps.logger);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      accept(req, res, principal, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), started).catch((error: unknown) => {
        // Only a throw of the host's own listener gets here (it answers its errors itself): the connection is cut, not left hanging.
        deps.logger.error({ err: error, path: PATH }, 'request failed');
        res.destroy();
      });
    });
  };
}
