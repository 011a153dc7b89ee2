/**
 * @module The typed BFF client: Hono's `hc` calls over the BFF's own route types (type-only imports, so
 * no BFF code reaches the browser bundle; rpc-client.ts builds the requests), with the token read at call time and every non-2xx answer
 * thrown as an ApiProblem.
 */
import type { hc } from 'hono/client';
import type { AppType } from '../../bff/app.js';
import { rpcClient } from './rpc-client.js';
import type { IntegrationView } from '../../bff/contracts/integration-view.js';
import { ApiProblem } from './api-problem.js';

export type { IntegrationView } from '../../bff/contracts/integration-view.js';
export type IntegrationKind = IntegrationView['kind'];
export type Vendor = IntegrationView['vendor'];
export type IntegrationStatus = IntegrationView['status'];

/**
 * `hc` joins its base with the route's full path (`/api/integrations`). A host may serve the BFF
 * under any prefix (`api-base="https://bff.example.com/hub"`), so hc gets a fixed marker origin and
 * our fetch swaps `<marker>/api` for the real base.
 */
const MARKER = 'http://integration-hub.invalid';
const MARKER_PREFIX = `${MARKER}/api`;

/** Normalises an `api-base` value: no trailing slash, empty means `/api`. */
export function normaliseApiBase(apiBase: string | undefined): string {
  const trimmed = (apiBase ?? '').trim().replace(/\/+$/, '');
  return trimmed || '/api';
}

export type TokenGetter = () => string | undefined;
/**
 * Asked when the BFF refused `refused` with 401: resolves with the token the host set since (the call
 * is sent once more with it), or undefined to let the 401 stand.
 */
export type TokenRenewer = (refused: string) => Promise<string | undefined>;

/** The bearer token a request carries, if any. */
function bearerOf(init: RequestInit | undefined): string | undefined {
  return new Headers(init?.headers).get('Authorization')?.replace(/^Bearer /, '') || undefined;
}

/**
 * Creates the typed client. `getToken` is read on every call, so a refreshed token needs no new client.
 * With `renewToken`, a call refused with 401 waits for a new token and is sent once more with it.
 */
export function createApiClient(apiBase: string, getToken: TokenGetter, renewToken?: TokenRenewer) {
  const base = normaliseApiBase(apiBase);
  const rpc = rpcClient<ReturnType<typeof hc<AppType>>>(MARKER, {
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      const raw = String(input);
      const url = raw.startsWith(MARKER_PREFIX) ? base + raw.slice(MARKER_PREFIX.length) : raw;
      const response = await fetch(url, init);
      const refused = bearerOf(init);
      if (response.status !== 401 || !refused || !renewToken) return response;
      const renewed = await renewToken(refused);
      if (!renewed) return response;
      // hc's bodies are strings or FormData, so the same init can be sent again.
      const headers = new Headers(init?.headers);
      headers.set('Authorization', `Bearer ${renewed}`);
      return fetch(url, { ...init, headers });
    },
    headers: (): Record<string, string> => {
      const token = getToken();
      return token ? { Authorization: `Bearer ${token}` } : {};
    },
  });

  /** Awaits an hc call: network failures and non-2xx answers become ApiProblem; aborts pass through. */
  async function send(pending: Promise<Response>): Promise<Response> {
    let response: Response;
    try {
      response = await pending;
    } catch (error) {
      if ((error as { name?: string })?.name === 'AbortError') throw error;
      throw ApiProblem.network(base, error);
    }
    if (!response.ok) throw await ApiProblem.fromResponse(response);
    return response;
  }
  const json = async <T>(pending: Promise<{ json(): Promise<T> } & Response>): Promise<T> => (await send(pending)).json() as Promise<T>;

  const integration = rpc.api.integrations[':id'];
  return {
    apiBase: base,
    /** The raw hc client, for routes that have no helper yet. Wrap calls with `send` semantics yourself. */
    rpc,
    integrations: {
      list: async (kind?: IntegrationKind, signal?: AbortSignal): Promise<IntegrationView[]> =>
        (await json(rpc.api.integrations.$get({ query: kind ? { kind } : {} }, { init: { signal } }))).integrations,
      pause: (id: string) => json(integration.pause.$post({ param: { id } })),
      resume: (id: string) => json(integration.resume.$post({ param: { id } })),
      disconnect: (id: string) => json(integration.disconnect.$post({ param: { id } })),
      reconnect: (id: string) => json(integration.reconnect.$post({ param: { id } })),
      remove: async (id: string): Promise<void> => { await send(integration.$delete({ param: { id } })); },
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
