/**
 * @module `GET /api/v2/activity-logs` as Datto serves it: cursor paging by `size` + `searchAfter`
 * (`<epoch ms>,<id>`) + `page=next|previous`, `order` by creation date, a `from`/`until` window
 * that defaults to the last 15 minutes, the entity/category/action/site/user filters, and the
 * Administrator security level the endpoint needs (facts A2, A3 "Activity logs").
 */
import { Hono } from 'hono';
import type { SandboxState } from '../common/sandbox-kit.js';
import { apiError, DATTO_MESSAGES } from './datto-rmm.errors.js';
import type { DattoActivityRecord, DattoRmmData } from './datto-rmm.records.js';
import { activityToWire, selfUrl } from './datto-rmm.wire.js';

// ASSUMPTION: Datto documents neither the default nor the largest `size`, nor the default order.
const DEFAULT_SIZE = 50;
const MAX_SIZE = 1_000;
const DEFAULT_ORDER = 'desc';
/** Without `from` the API returns only the last 15 minutes (spec parameter text). */
const DEFAULT_WINDOW_MS = 15 * 60_000;

type Key = { ms: number; id: string };

function keyOf(a: DattoActivityRecord): Key {
  return { ms: a.dateMs, id: a.id };
}

function compareKey(a: Key, b: Key): number {
  return a.ms - b.ms || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function parseSearchAfter(value: string | undefined): Key | null | 'invalid' {
  if (value === undefined || value === '') return null;
  const comma = value.indexOf(',');
  const ms = Number(comma < 0 ? value : value.slice(0, comma));
  if (!Number.isFinite(ms)) return 'invalid';
  return { ms, id: comma < 0 ? '' : value.slice(comma + 1) };
}

/** `yyyy-MM-ddTHH:mm:ssZ` (UTC); undefined when absent, NaN when unreadable. */
function parseInstant(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(value) ? Date.parse(value) : Number.NaN;
}

/** Comma lists, as the spec's array parameters arrive. */
function list(value: string | undefined): string[] | null {
  if (value === undefined || value === '') return null;
  return value.split(',').map((v) => v.trim().toLowerCase()).filter(Boolean);
}

export function activityRoutes(state: SandboxState<DattoRmmData>): Hono {
  const api = new Hono();
  api.get('/activity-logs', (c) => {
    // Viewing user activity needs the Administrator security level (facts A2).
    if (!state.data.apiUserIsAdministrator) return apiError(c, 403, DATTO_MESSAGES.forbidden);
    const q = c.req.query();
    const size = q.size === undefined || q.size === '' ? DEFAULT_SIZE : Number(q.size);
    const order = q.order ?? DEFAULT_ORDER;
    const direction = q.page ?? 'next';
    const after = parseSearchAfter(q.searchAfter);
    const from = parseInstant(q.from) ?? Date.now() - DEFAULT_WINDOW_MS;
    const until = parseInstant(q.until) ?? Number.POSITIVE_INFINITY;
    if (
      !Number.isInteger(size) ||
      size < 1 ||
      (order !== 'asc' && order !== 'desc') ||
      (direction !== 'next' && direction !== 'previous') ||
      after === 'invalid' ||
      Number.isNaN(from) ||
      Number.isNaN(until)
    ) {
      return apiError(c, 400, DATTO_MESSAGES.badRequest);
    }
    const entities = list(q.entities);
    const categories = list(q.categories);
    const actions = list(q.actions);
    const siteIds = list(q.siteIds);
    const userIds = list(q.userIds);
    // The stored log is kept in ascending (date, id) order; `desc` reads it backwards.
    const matching = state.data.activities.filter(
      (a) =>
        a.dateMs >= from &&
        a.dateMs <= until &&
        (!entities || entities.includes(a.entity.toLowerCase())) &&
        (!categories || categories.includes(a.category.toLowerCase())) &&
        (!actions || actions.includes(a.action.toLowerCase())) &&
        (!siteIds || (a.site !== null && siteIds.includes(String(a.site.id)))) &&
        (!userIds || (a.userId !== null && userIds.includes(String(a.userId)))),
    );
    const sequence = order === 'asc' ? matching : matching.slice().reverse();
    const sign = order === 'asc' ? 1 : -1;
    const cmp = (a: DattoActivityRecord, k: Key) => sign * compareKey(keyOf(a), k);
    const take = Math.min(size, MAX_SIZE);
    let items: DattoActivityRecord[];
    if (!after) items = sequence.slice(0, take);
    else if (direction === 'next') items = sequence.filter((a) => cmp(a, after) > 0).slice(0, take);
    else items = sequence.filter((a) => cmp(a, after) < 0).slice(-take);

    const link = (k: Key, page: 'next' | 'previous') => selfUrl(c, { searchAfter: `${k.ms},${k.id}`, page, size: String(take), order });
    const first = items[0];
    const last = items[items.length - 1];
    // ASSUMPTION: like the page/max lists, a link is null when nothing lies beyond it.
    const nextPageUrl = last && sequence.some((a) => cmp(a, keyOf(last)) > 0) ? link(keyOf(last), 'next') : null;
    const prevPageUrl = first && sequence.some((a) => cmp(a, keyOf(first)) < 0) ? link(keyOf(first), 'previous') : null;
    const users = new Map(state.data.users.map((u) => [u.id, u]));
    return c.json({
      pageDetails: { count: items.length, totalCount: matching.length, prevPageUrl, nextPageUrl },
      activities: items.map((a) => activityToWire(a, users)),
      error: null,
    });
  });
  return api;
}
