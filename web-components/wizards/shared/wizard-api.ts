/**
 * @module Calls a wizard makes through the typed client's raw `rpc` (routes without a helper in
 * api/client.ts): non-2xx answers and network failures become ApiProblem, aborts pass through, and
 * the problem's extension members (e.g. `existingIntegrationId` of a 409 `psa_exists`) stay readable
 * as `problem.extra`.
 */
import { ApiProblem, type ProblemBody } from '../../api/api-problem.js';

/** The problem body's other members (`existingIntegrationId`, `existingVendor`, `retryAfterSeconds`, …). */
export function problemExtra(problem: ApiProblem): Record<string, unknown> {
  return problem.extra;
}

/** An ApiProblem from a problem+json body, keeping its extension members (used by tests' fakes). */
export function problemFromBody(body: ProblemBody & Record<string, unknown>): ApiProblem {
  return new ApiProblem(body);
}

/** Awaits an hc call and returns its Response; failures become ApiProblem (with extras), aborts are rethrown. */
export async function send(pending: Promise<Response>, apiBase: string): Promise<Response> {
  let response: Response;
  try {
    response = await pending;
  } catch (error) {
    if ((error as { name?: string })?.name === 'AbortError') throw error;
    throw ApiProblem.network(apiBase, error);
  }
  if (response.ok) return response;
  throw await ApiProblem.fromResponse(response);
}

/** The body type of an hc response's success variants (hc types each status the route may answer). */
export type OkBody<R> = R extends { ok: true; json(): Promise<infer T> } ? T : R extends { ok: false } ? never : unknown;

/** `send`, then the JSON body typed as the route declares it for its success statuses. */
export async function json<R extends Response>(pending: Promise<R>, apiBase: string): Promise<OkBody<R>> {
  return (await send(pending, apiBase)).json() as Promise<OkBody<R>>;
}

/** Any thrown value as an ApiProblem (network problem for anything that is not one already). */
export function asProblem(error: unknown, apiBase = '/api'): ApiProblem {
  return error instanceof ApiProblem ? error : ApiProblem.network(apiBase, error);
}

/** A problem as plain data, so it can live in a machine's context and in a persisted draft. */
export interface ProblemData {
  status: number;
  code: string;
  title: string;
  detail?: string;
  errors: Array<{ field: string; message: string }>;
  extra: Record<string, unknown>;
}

export function problemData(error: unknown): ProblemData {
  const problem = asProblem(error);
  return { status: problem.status, code: problem.code, title: problem.title, detail: problem.detail, errors: problem.errors, extra: problemExtra(problem) };
}
