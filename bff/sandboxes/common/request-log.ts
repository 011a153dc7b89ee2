/**
 * @module A sandbox's log of the vendor calls it answered: method, path, query, the JSON body sent
 * and the JSON answered, so a conformance test can hold what a client really sent and read against
 * the vendor's own document while the product runs its real flows. Bounded (the oldest entries go),
 * cleared on reset, read through `_control/requests`; never part of a vendor API.
 */
import type { Context, MiddlewareHandler } from 'hono';

export interface LoggedRequest {
  method: string;
  /** The path as requested, e.g. `/sandbox/connectwise/v2025_1/apis/3.0/service/tickets`. */
  path: string;
  query: Record<string, string>;
  /** The parsed JSON body sent, or null (none, or not JSON). */
  body: unknown;
  status: number;
  /** The parsed JSON answer, or null. */
  answer: unknown;
}

/** How many calls are kept: enough for every flow a test runs, small enough to never matter. */
const LIMIT = 2_000;

export class RequestLog {
  entries: LoggedRequest[] = [];

  clear(): void {
    this.entries = [];
  }

  /** Records each call it is placed in front of. */
  middleware(): MiddlewareHandler {
    return async (c, next) => {
      const body = await jsonOf(c.req.raw.clone());
      await next();
      const answer = await jsonOf(c.res.clone());
      this.entries.push({ method: c.req.method, path: c.req.path, query: c.req.query(), body, status: c.res.status, answer });
      if (this.entries.length > LIMIT) this.entries.splice(0, this.entries.length - LIMIT);
    };
  }

  /** `GET _control/requests`: every logged call. */
  route(c: Context): Response {
    return c.json({ requests: this.entries });
  }
}

async function jsonOf(message: Request | Response): Promise<unknown> {
  const text = await message.text().catch(() => '');
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
