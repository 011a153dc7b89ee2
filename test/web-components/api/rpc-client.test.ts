/**
 * rpcClient builds every request exactly as Hono's `hc` does (hc itself is the oracle here): the same
 * URL, method, headers and body for path params, queries, JSON and form bodies, per-call init and
 * headers, `$url()`, and the option headers read per call. Only fetch is recorded (below both).
 */
import { hc } from 'hono/client';
import { describe, expect, it } from 'vitest';
import type { AppType } from '../../../bff/app.js';
import { rpcClient } from '../../../web-components/api/rpc-client.js';

type Client = ReturnType<typeof hc<AppType>>;

interface Sent { url: string; method: string; headers: Record<string, string>; body: string | null; signal: boolean }

/** A client of each kind whose fetch records what would go out. */
function clients(base: string, token: () => string | undefined) {
  const sent: Record<'hono' | 'ours', Sent[]> = { hono: [], ours: [] };
  const options = (into: Sent[]) => ({
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      const body = init?.body instanceof FormData ? JSON.stringify([...init.body.entries()]) : (init?.body as string | undefined) ?? null;
      into.push({ url: String(input), method: init?.method ?? 'GET', headers: Object.fromEntries(new Headers(init?.headers).entries()), body, signal: Boolean(init?.signal) });
      return new Response('{}', { headers: { 'Content-Type': 'application/json' } });
    },
    headers: (): Record<string, string> => {
      const t = token();
      return t ? { Authorization: `Bearer ${t}` } : {};
    },
  });
  return { hono: hc<AppType>(base, options(sent.hono)), ours: rpcClient<Client>(base, options(sent.ours)), sent };
}

describe('rpcClient', () => {
  it('sends what hc sends for every kind of call the elements make', async () => {
    let token: string | undefined = 'first';
    const { hono, ours, sent } = clients('http://integration-hub.invalid', () => token);
    const controller = new AbortController();
    const calls: Array<(c: Client) => Promise<unknown>> = [
      (c) => c.api.integrations.$get({ query: { kind: 'psa' } }, { init: { signal: controller.signal } }),
      (c) => c.api.integrations.$get({ query: {} }),
      (c) => c.api.integrations[':id'].$get({ param: { id: 'int_1/2' } }),
      (c) => c.api.integrations[':id'].pause.$post({ param: { id: 'int_1' } }),
      (c) => c.api.integrations[':id'].$delete({ param: { id: 'int_1' } }),
      (c) => c.api.integrations.$post({ json: { kind: 'psa', vendor: 'autotask' } } as never),
      (c) => (c.api.integrations.$get as (a: unknown) => Promise<unknown>)({ query: { kind: 'rmm', page: 2, vendor: ['syncro', undefined, 'datto-rmm'], skip: undefined } }),
      (c) => (c.api.integrations.$post as (a: unknown) => Promise<unknown>)({ form: { name: 'x', tags: ['a', 'b'] }, header: { 'X-Trace': '1' } }),
      (c) => c.api.integrations.$get({ query: { kind: 'psa' } }, { headers: { 'X-Extra': 'yes' } }),
    ];
    for (const call of calls) {
      await call(hono);
      await call(ours);
      token = token === 'first' ? undefined : 'first'; // the option headers are read per call
    }
    expect(sent.ours).toEqual(sent.hono);
    expect(sent.ours.map((s) => `${s.method} ${s.url}`)).toContain('GET http://integration-hub.invalid/api/integrations?kind=rmm&page=2&vendor=syncro&vendor=datto-rmm');
    expect(sent.ours[0]!.signal).toBe(true);
  });

  it('gives the same $url as hc, params and query included', () => {
    const { hono, ours } = clients('https://bff.example/hub/', () => undefined);
    const url = (c: Client) => String(c.api.integrations[':id'].$url({ param: { id: 'int_9' } }));
    expect(url(ours)).toBe(url(hono));
    expect(url(ours)).toBe('https://bff.example/hub/api/integrations/int_9');
  });

  it('refuses to call a path that names no method', () => {
    const { ours } = clients('http://x.invalid', () => undefined);
    expect(() => (ours.api.integrations as unknown as () => void)()).toThrow(/is a path, not a call/);
  });
});
