/**
 * @module How the HaloPSA sandbox talks on the wire: list answers (`{record_count, <entity>: [...]}`
 * with `pageinate=true&page_size=N&page_no=K`), case-insensitive query parameters, array bodies for
 * creates, and the error bodies.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** ASSUMPTION: Halo serves at most 1,000 rows a page (public clients ask 999–1,000); larger asks are clamped. */
export const MAX_PAGE_SIZE = 1_000;

/** Query lookup that ignores the case of parameter names, as ASP.NET binds them. */
export class Query {
  private readonly values = new Map<string, string>();

  constructor(url: string) {
    for (const [key, value] of new URL(url).searchParams) this.values.set(key.toLowerCase(), value);
  }

  get(name: string): string | undefined {
    const v = this.values.get(name.toLowerCase());
    return v === undefined || v === '' ? undefined : v;
  }

  int(name: string): number | undefined {
    const v = this.get(name);
    const n = v === undefined ? NaN : Number(v);
    return Number.isInteger(n) ? n : undefined;
  }

  bool(name: string): boolean | undefined {
    const v = this.get(name)?.toLowerCase();
    return v === undefined ? undefined : v === 'true' || v === '1';
  }
}

/**
 * A list answer. With `pageinate=true` only the asked page (1-based `page_no`), else every row;
 * `record_count` always counts every matching row.
 */
export function listAnswer(c: Context, entity: string, rows: unknown[]): Response {
  const q = new Query(c.req.url);
  if (q.bool('pageinate') !== true) return c.json({ record_count: rows.length, [entity]: rows });
  const size = Math.min(Math.max(q.int('page_size') ?? 50, 1), MAX_PAGE_SIZE);
  const page = Math.max(q.int('page_no') ?? 1, 1);
  return c.json({ page_no: page, page_size: size, record_count: rows.length, [entity]: rows.slice((page - 1) * size, page * size) });
}

/**
 * A refused request. ASSUMPTION (Halo documents no error schema): the body is a JSON string with
 * the reason, as ASP.NET's `BadRequest("…")` sends it.
 */
export function refuse(c: Context, status: 400 | 404 | 409, message: string): Response {
  return c.json(message, status);
}

export function serverError(c: Context, status: number): Response {
  return c.json('An error occurred, please try again later.', status as ContentfulStatusCode);
}

/** Creates and updates take an array of objects; a single object is read as an array of one. */
export async function arrayBody(c: Context): Promise<Array<Record<string, unknown>> | null> {
  const body = await c.req.json().catch(() => undefined);
  const rows = Array.isArray(body) ? body : body && typeof body === 'object' ? [body] : null;
  return rows && rows.every((r) => r && typeof r === 'object' && !Array.isArray(r)) ? (rows as Array<Record<string, unknown>>) : null;
}

/**
 * One answer for one posted object, an array for several (ASSUMPTION: as Halo echoes creates), with
 * 200: Halo's document answers every operation, creates included, with "200 Success" and no 201.
 */
export function echo(c: Context, rows: unknown[]): Response {
  return c.json(rows.length === 1 ? rows[0] : rows, 200);
}

export const contains = (value: string | null | undefined, search: string | undefined) =>
  !search || (value ?? '').toLowerCase().includes(search.toLowerCase());

export function num(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
}
