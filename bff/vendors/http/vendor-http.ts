/**
 * @module The one HTTP transport every vendor adapter uses: base URL, auth headers, a timeout and
 * abort signal on every call, the account's rate budget, `Retry-After`, backoff with jitter, and
 * the translation of failures into typed VendorErrors. Adapters add only their vendor's wire shapes.
 */
import type { z } from 'zod';
import type { Vendor } from '../../contracts/model.js';
import { VendorError, VENDOR_LABELS } from '../vendor-errors.js';
import type { RateLimiter } from './rate-limiter.js';
import { emitVendorCall } from './vendor-call-events.js';

export type QueryValue = string | number | boolean | undefined | null;

export interface VendorRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the base URL (no leading slash needed), or an absolute URL on the same origin. */
  path: string;
  query?: Record<string, QueryValue>;
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * Whether repeating the call is harmless. Defaults to true for GET. Non-idempotent calls are
   * retried only when the vendor certainly did not process them (429, connection refused).
   */
  idempotent?: boolean;
  /** Skip the auth headers (token endpoints, Autotask's zone lookup). */
  anonymous?: boolean;
}

export interface VendorResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface VendorHttpOptions {
  vendor: Vendor;
  baseUrl: string;
  limiter: RateLimiter;
  timeoutMs?: number;
  maxAttempts?: number;
  /** Longest `Retry-After` worth waiting for inside one call; longer ones fail as rate_limited. */
  maxRetryWaitMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  fetchImpl?: typeof fetch;
  /** Auth headers, evaluated per attempt so a refreshed token is picked up. */
  authHeaders?: () => Promise<Record<string, string>> | Record<string, string>;
  /** Called once on a 401; resolve true when credentials were refreshed and the call may repeat. */
  onUnauthorized?: () => Promise<boolean>;
  /** Pulls the vendor's own error text out of an error body. */
  errorMessage?: (status: number, body: unknown) => string | undefined;
  /** Lets an adapter classify vendor-specific failures (e.g. Autotask's 500 for a bad integration code). */
  classify?: (response: VendorResponse) => VendorError | undefined;
  /** Counts every request sent (for budgets and benchmarks). */
  onRequest?: (request: { method: string; url: string }) => void;
}

const DEFAULTS = {
  timeoutMs: 15_000,
  maxAttempts: 4,
  maxRetryWaitMs: 30_000,
  backoffBaseMs: 250,
  backoffMaxMs: 8_000,
};

export class VendorHttp {
  private readonly o: VendorHttpOptions & typeof DEFAULTS;
  private readonly label: string;

  constructor(options: VendorHttpOptions) {
    this.o = { ...DEFAULTS, ...options };
    this.label = VENDOR_LABELS[options.vendor];
  }

  get baseUrl(): string {
    return this.o.baseUrl;
  }

  /** Sends a request and returns the 2xx answer; anything else becomes a VendorError. */
  async send(request: VendorRequest): Promise<VendorResponse> {
    const idempotent = request.idempotent ?? request.method === 'GET';
    let refreshedAuth = false;
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= this.o.maxAttempts;
      let response: VendorResponse;
      try {
        response = await this.once(request);
      } catch (error) {
        if (request.signal?.aborted) throw request.signal.reason ?? error;
        const failure = this.networkFailure(error);
        // A refused connection never reached the vendor; a time-out may have.
        const safe = idempotent || failure.details.status === -1;
        if (last || !safe) throw failure;
        await this.sleep(this.backoff(attempt), request.signal);
        continue;
      }
      if (isRedirect(response.status)) throw this.redirectRefused(response, request);
      if (response.status >= 200 && response.status < 300) {
        const custom = this.o.classify?.(response);
        if (custom) throw custom;
        return response;
      }
      if (response.status === 401 && !refreshedAuth && this.o.onUnauthorized) {
        refreshedAuth = true;
        if (await this.o.onUnauthorized()) continue;
      }
      const error = this.o.classify?.(response) ?? this.toError(response);
      if (error.code === 'rate_limited') {
        const wait = error.details.retryAfterMs ?? this.backoff(attempt);
        this.o.limiter.pauseFor(wait);
        if (last || wait > this.o.maxRetryWaitMs) throw error;
        await this.sleep(wait, request.signal);
        continue;
      }
      if (error.code === 'unavailable' && idempotent && !last) {
        await this.sleep(this.backoff(attempt), request.signal);
        continue;
      }
      throw error;
    }
  }

  /** Sends and parses the answer with a zod schema; a shape we cannot read is `unexpected_answer`. */
  async json<S extends z.ZodType>(schema: S, request: VendorRequest): Promise<z.output<S>> {
    const response = await this.send(request);
    return this.parse(schema, response.body, `${request.method} ${request.path}`);
  }

  parse<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'unknown shape';
      throw new VendorError(this.o.vendor, 'unexpected_answer', `${this.label} sent an answer we could not read for ${what} (${where}).`);
    }
    return parsed.data;
  }

  url(path: string, query?: Record<string, QueryValue>): string {
    const url = /^https?:\/\//.test(path) ? new URL(path) : new URL(path.replace(/^\//, ''), this.o.baseUrl.endsWith('/') ? this.o.baseUrl : `${this.o.baseUrl}/`);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  private async once(request: VendorRequest): Promise<VendorResponse> {
    const release = await this.o.limiter.acquire(request.signal);
    const timeout = AbortSignal.timeout(this.o.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    try {
      const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
      if (!request.anonymous && this.o.authHeaders) Object.assign(headers, await this.o.authHeaders());
      let body: string | undefined;
      if (request.form) {
        headers['Content-Type'] = 'application/x-www-form-urlencoded';
        body = new URLSearchParams(request.form).toString();
      } else if (request.json !== undefined) {
        headers['Content-Type'] ??= 'application/json';
        body = JSON.stringify(request.json);
      }
      const url = this.url(request.path, request.query);
      this.o.onRequest?.({ method: request.method, url });
      let res: Response;
      try {
        // Never `follow`: a redirect would carry the credential headers (and a downgraded scheme) to its target.
        res = await (this.o.fetchImpl ?? fetch)(url, { method: request.method, headers, body, signal, redirect: 'manual' });
      } catch (error) {
        emitVendorCall(this.o.vendor, 0);
        throw error;
      }
      emitVendorCall(this.o.vendor, res.status);
      if (isRedirect(res.status)) {
        // Its body is never read: it is the redirecting party's text, not the vendor API's answer.
        await res.body?.cancel().catch(() => undefined);
        return { status: res.status, headers: res.headers, body: null };
      }
      const text = await res.text();
      let parsed: unknown = text;
      if (text.length > 0) {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = text;
        }
      } else {
        parsed = null;
      }
      return { status: res.status, headers: res.headers, body: parsed };
    } catch (error) {
      if (timeout.aborted && !request.signal?.aborted) {
        throw new VendorError(this.o.vendor, 'unavailable', `${this.label} did not answer within ${this.o.timeoutMs < 1_000 ? `${this.o.timeoutMs} ms` : `${Math.round(this.o.timeoutMs / 1000)} s`}.`, { status: 0 });
      }
      throw error;
    } finally {
      release();
    }
  }

  /**
   * A vendor API never needs a redirect followed: every vendor here documents fixed API paths on the
   * host the BFF already chose (a region, zone, instance or allowed host), and none documents a
   * redirect an API client must follow. So every 30x is refused, same origin included (a same-origin
   * redirect to another path is as undocumented as a cross-origin one, and refusing all keeps one
   * rule). The error names the target's host only, never the body, and is not retried.
   */
  private redirectRefused(response: VendorResponse, request: VendorRequest): VendorError {
    let target = 'an address it did not name';
    try {
      const location = response.headers.get('location');
      if (location) target = new URL(location, this.url(request.path, request.query)).host || target;
    } catch {
      // An unreadable Location names no host.
    }
    return new VendorError(this.o.vendor, 'unexpected_answer',
      `${this.label} answered with a redirect to ${target}. Vendor redirects are never followed, so nothing was sent there; check the ${this.label} address.`,
      { status: response.status });
  }

  private toError(response: VendorResponse): VendorError {
    const vendorText = this.o.errorMessage?.(response.status, response.body);
    const suffix = vendorText ? ` ${this.label} said: “${vendorText}”` : '';
    const v = this.o.vendor;
    switch (true) {
      case response.status === 401:
        return new VendorError(v, 'invalid_credentials', `${this.label} rejected the credentials. Check them and try again.${suffix}`, { status: 401 });
      case response.status === 403:
        return new VendorError(v, 'missing_permission', `The ${this.label} API user lacks a permission this needs.${suffix}`, { status: 403 });
      case response.status === 404:
        return new VendorError(v, 'not_found', `${this.label} has no such record.${suffix}`, { status: 404, ...(vendorText ? { vendorText } : {}) });
      case response.status === 429: {
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
        const wait = retryAfterMs !== undefined ? ` Try again in ${Math.ceil(retryAfterMs / 1000)} s.` : '';
        return new VendorError(v, 'rate_limited', `${this.label} is limiting requests for this account.${wait}`, { status: 429, retryAfterMs });
      }
      case response.status >= 500:
        return new VendorError(v, 'unavailable', `${this.label} did not answer (HTTP ${response.status}). Try again in a few minutes; if it lasts, check ${this.label}’s status page.${suffix}`, { status: response.status });
      default:
        return new VendorError(v, 'rejected', `${this.label} refused the request (HTTP ${response.status}).${suffix}`, { status: response.status });
    }
  }

  private networkFailure(error: unknown): VendorError {
    if (error instanceof VendorError) return error;
    const code = (error as { cause?: { code?: string } })?.cause?.code;
    const refused = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
    // The system's code (ECONNREFUSED…) is for the operator's log, not the admin's message.
    return new VendorError(this.o.vendor, 'unavailable', `${this.label} could not be reached. Try again in a few minutes; if it lasts, check the address and ${this.label}’s status page.`,
      { status: refused ? -1 : 0, ...(code ? { operatorNote: `network error ${code}` } : {}) });
  }

  /** Full jitter: a random wait up to an exponentially growing cap. */
  private backoff(attempt: number): number {
    const cap = Math.min(this.o.backoffMaxMs, this.o.backoffBaseMs * 2 ** (attempt - 1));
    return Math.round(cap / 2 + Math.random() * (cap / 2));
  }

  private sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

function isRedirect(status: number): boolean {
  return status >= 300 && status < 400;
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
