/**
 * @module The typed BFF calls in the shape of Hono's `hc` (`rpc.api.integrations[':id'].$get({ param })`),
 * typed by `hc`'s own types over the BFF's routes (type-only imports), at a fraction of its runtime:
 * hono's client brings cookie serialisation, WebSockets and option merging the browser never uses,
 * and was the largest piece of what `<integration-list>` downloads. Request building follows
 * hono/client 4.13 exactly for what the elements send: path params (`:id`), query (arrays repeated,
 * undefined left out), `json` (with its Content-Type), `form`, `header`, a per-call `init`, and `$url()`.
 */
import type { hc } from 'hono/client';

type HcOptions = NonNullable<Parameters<typeof hc>[1]>;

interface CallArgs {
  param?: Record<string, string>;
  query?: Record<string, unknown>;
  json?: unknown;
  form?: Record<string, unknown>;
  header?: Record<string, string>;
}
type Headers_ = Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
interface CallOptions { headers?: Headers_; init?: RequestInit; fetch?: typeof fetch }

const entries = (record: Record<string, unknown>) => Object.entries(record).flatMap(([k, v]) =>
  (Array.isArray(v) ? v : [v]).filter((item) => item !== undefined).map((item) => [k, item] as const));

function buildUrl(base: string, path: string[], args: CallArgs | undefined): string {
  let url = `${base.replace(/\/+$/, '')}/${path.join('/').replace(/^\/+/, '')}`;
  url = /^https?:\/\/[^/]+?\/index(?=\?|$)/.test(url) ? url.replace(/\/index(?=\?|$)/, '/') : url.replace(/\/index(?=\?|$)/, '');
  for (const [k, v] of Object.entries(args?.param ?? {})) url = url.replace(new RegExp(`/:${k}(?:{[^/]+})?\\??(?=/|$)`), () => (v ? `/${v}` : ''));
  if (args?.query) {
    // Hono sets a single value and appends array items: the same query string either way.
    const query = new URLSearchParams(entries(args.query).map(([k, v]) => [k, String(v)])).toString();
    if (query) url += `?${query}`;
  }
  return url;
}

const resolve = async (headers: Headers_ | undefined) => (typeof headers === 'function' ? await headers() : headers);

async function send(url: string, method: string, options: HcOptions, args: CallArgs | undefined, call: CallOptions | undefined): Promise<Response> {
  const upper = method.toUpperCase();
  let body: BodyInit | undefined;
  const values: Record<string, string | undefined> = { ...args?.header, ...await resolve(options.headers as Headers_), ...await resolve(call?.headers) };
  if (args?.form) {
    const form = new FormData();
    for (const [k, v] of entries(args.form)) form.append(k, v as string | Blob);
    body = form;
  }
  if (args?.json !== undefined) {
    body = JSON.stringify(args.json);
    values['Content-Type'] = 'application/json';
  }
  const headers = new Headers();
  for (const [k, v] of Object.entries(values)) if (v !== undefined) headers.set(k, v);
  const doFetch = call?.fetch ?? (options.fetch as typeof fetch | undefined) ?? fetch;
  return doFetch(url, { body: upper === 'GET' || upper === 'HEAD' ? undefined : body, method: upper, headers, ...(options.init as RequestInit | undefined), ...call?.init });
}

/** Builds `hc`'s calls for `Client` (`ReturnType<typeof hc<App>>`) without its runtime. */
export function rpcClient<Client>(base: string, options: HcOptions = {}): Client {
  const proxy = (path: string[]): unknown => new Proxy(() => {}, {
    get: (_target, key) => (typeof key !== 'string' || key === 'then' ? undefined : proxy([...path, key])),
    apply: (_target, _this, [args, call]: [CallArgs | undefined, CallOptions | undefined]) => {
      const last = path.at(-1) ?? '';
      if (!last.startsWith('$')) throw new TypeError(`${path.join('.')} is a path, not a call: end it with $get, $post, $put, $patch, $delete or $url`);
      const url = buildUrl(base, path.slice(0, -1), args);
      if (last === '$url') return new URL(url);
      return send(url, last.slice(1), options, args, call);
    },
  });
  return proxy([]) as Client;
}
