/**
 * @module How the Kaseya BMS sandbox talks on the wire: the camelCase `{success, error, result,
 * totalRecords}` envelope, its error bodies, case-insensitive query and body binding (as ASP.NET
 * binds them), and page-number paging.
 */
import type { Context } from 'hono';

type Json = Record<string, unknown>;

export function ok(c: Context, result: unknown): Response {
  return c.json({ success: true, error: null, result }, 200);
}

export function paged(c: Context, result: unknown[], totalRecords: number): Response {
  return c.json({ success: true, error: null, result, totalRecords }, 200);
}

export function errorInfo(code: number, message: string, subErrors: string[] | null = null): Json {
  return { code, message, details: null, stackStrace: null, subErrors };
}

/**
 * A failed call in the envelope. ASSUMPTION (psa-apis.md B5: bodies not documented): model
 * validation (missing/ill-typed fields) answers HTTP 400; a business rule the request breaks
 * (contact of another account, contract that takes no services…) answers HTTP 200 with
 * `success:false`, as the vendor is known to do; unknown records answer 404.
 */
export function fail(c: Context, status: 200 | 400 | 404 | 500 | 502 | 503, message: string, subErrors: string[] | null = null): Response {
  const code = status === 200 ? 400 : status;
  return c.json({ success: false, error: errorInfo(code, message, subErrors), result: null }, status);
}

export function validationFailed(c: Context, subErrors: string[]): Response {
  return fail(c, 400, 'One or more validation errors occurred.', subErrors);
}

/** Query string lookup that ignores the case of parameter names and array suffixes (`Ids[]`, `Ids[0]`). */
export class Query {
  private readonly values = new Map<string, string[]>();

  constructor(url: string) {
    for (const [key, value] of new URL(url).searchParams) {
      const name = key.replace(/\[\d*\]$/, '').toLowerCase();
      this.values.set(name, [...(this.values.get(name) ?? []), value]);
    }
  }

  get(name: string): string | undefined {
    const v = this.values.get(name.toLowerCase())?.[0];
    return v === undefined || v === '' ? undefined : v;
  }

  /** Repeated parameters and comma lists both count. */
  all(name: string): string[] {
    return (this.values.get(name.toLowerCase()) ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  }

  int(name: string): number | undefined {
    const v = this.get(name);
    const n = v === undefined ? NaN : Number(v);
    return Number.isInteger(n) ? n : undefined;
  }

  bool(name: string): boolean | undefined {
    const v = this.get(name)?.toLowerCase();
    return v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : undefined;
  }
}

/** A value of a JSON object or form, found whatever the casing of its key. */
export function field(source: unknown, name: string): unknown {
  if (!source || typeof source !== 'object' || Array.isArray(source)) return undefined;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(source)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

export function stringField(source: unknown, name: string): string | undefined {
  const v = field(source, name);
  return typeof v === 'string' ? v : undefined;
}

/** Integers may arrive as numbers or numeric strings (forms, loose clients). */
export function intField(source: unknown, name: string): number | null | undefined {
  const v = field(source, name);
  if (v === null) return null;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v);
  return undefined;
}

export function numberField(source: unknown, name: string): number | null | undefined {
  const v = field(source, name);
  if (v === null) return null;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export async function jsonBody(c: Context): Promise<unknown> {
  return c.req.json().catch(() => undefined);
}

/**
 * ASSUMPTION (psa-apis.md B4): page numbers 0 and 1 both mean the first page; the page size
 * defaults to 50 (a tenant's usual DefaultPageSize) and is capped at 100, the ceiling Kaseya's
 * throttling policy names for one request.
 */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

export function pageOf<T>(items: T[], pageSize: number | undefined, pageNumber: number | undefined): T[] {
  const size = Math.min(MAX_PAGE_SIZE, Math.max(1, pageSize ?? DEFAULT_PAGE_SIZE));
  const index = Math.max(0, (pageNumber ?? 1) - 1);
  return items.slice(index * size, index * size + size);
}

export function pageFromQuery<T>(items: T[], q: Query): T[] {
  return pageOf(items, q.int('PageSize'), q.int('PageNumber'));
}

export function contains(haystack: string | null | undefined, needle: string | undefined): boolean {
  return needle === undefined || (haystack ?? '').toLowerCase().includes(needle.toLowerCase());
}

export const nowIso = (): string => new Date().toISOString();

/** A date-time input, or undefined when it is missing or unreadable. */
export function dateField(source: unknown, name: string): string | undefined {
  const v = field(source, name);
  if (typeof v !== 'string') return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
