/**
 * @module The entity routes below `/V1.0/`: query (POST body or GET `?search=`), `query/next` pages,
 * `query/count`, get by id, root and child-URL writes, child lists, and `entityInformation`
 * (`/fields` with picklists, `/userDefinedFields`). Paths arrive already split; entity names are
 * case-insensitive. Unknown routes and wrong verbs answer as Autotask's IIS/Web API does.
 */
import type { Context } from 'hono';
import type { SandboxState } from '../common/sandbox-kit.js';
import { CHILD_ROUTES, ENTITIES, entity, entityByUrlName, entityInformation, type EntityDef } from './autotask-entities.js';
import {
  AutotaskFault, compileFilter, readJson, countMatches, PAGE_SIZE, parsePaging, parseQueryModel, parseSearch, projector, selectPage,
  type Paging, type QueryModel,
} from './autotask-query.js';
import type { AutotaskData } from './autotask-db.js';
import { createEntity, updateEntity } from './autotask-writes.js';

export interface ApiRequest {
  c: Context;
  method: string;
  /** Path segments after `/V1.0/`. */
  segments: string[];
  /** Absolute URL of `…/V1.0` as the caller wrote it (for nextPageUrl). */
  versionBase: string;
}

/** `405` as ASP.NET Web API words it [AT-ANTERIS-ISS]. */
export function methodNotAllowed(c: Context, method: string): Response {
  return c.json({ Message: `The requested resource does not support http method '${method}'.` }, 405);
}

/** ASSUMPTION: an unregistered route gets Web API's standard 404 text (the facts saw an HTML 404 on one zone). */
export function noRoute(c: Context): Response {
  return c.json({ Message: `No HTTP resource was found that matches the request URI '${c.req.url}'.` }, 404);
}

async function jsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  return readJson(text);
}

export async function handleEntityRoute(state: SandboxState<AutotaskData>, req: ApiRequest): Promise<Response> {
  const { c, method, segments } = req;
  const [first = '', second, third, fourth, fifth] = segments;
  const def = entityByUrlName(first);
  if (!def) return noRoute(c);
  const lower = segments.map((s) => s.toLowerCase());

  if (lower[1] === 'entityinformation') return entityInfoRoute(state, c, method, def, lower.slice(2));
  if (lower[1] === 'query') {
    if (!def.canQuery) return noRoute(c);
    if (segments.length === 2) return queryRoute(state, req, def, null);
    if (segments.length === 3 && lower[2] === 'count') return countRoute(state, c, method, def);
    if (segments.length === 3 && lower[2] === 'next') return queryRoute(state, req, def, parsePaging(c.req.query('paging')));
    return noRoute(c);
  }
  if (segments.length === 1) {
    if (method === 'POST' && def.rootCreate) return c.json({ itemId: createEntity(state, { def }, await jsonBody(c)) });
    if ((method === 'PATCH' || method === 'PUT') && def.rootUpdate) return c.json({ itemId: updateEntity(state, { def }, await jsonBody(c), method === 'PUT') });
    return methodNotAllowed(c, method);
  }
  if (segments.length === 2 && second !== undefined) {
    if (method !== 'GET') return methodNotAllowed(c, method);
    if (!def.canQuery || !/^-?\d+$/.test(second)) return noRoute(c);
    // ASSUMPTION (CONFLICT in the facts): a missing id answers 200 {"item": null}, as verified live on several entities.
    const row = state.data.db.get(def.name, Number(second));
    return c.json({ item: row ? { ...row } : null });
  }
  const child = CHILD_ROUTES[`${def.name.toLowerCase()}/${(third ?? '').toLowerCase()}`];
  if (!child || second === undefined || !/^\d+$/.test(second)) return noRoute(c);
  const childDef = entity(child.entity);
  const parent = { key: child.key, id: Number(second) };
  if (lower[3] === 'entityinformation') return entityInfoRoute(state, c, method, childDef, lower.slice(4), child.create);
  if (segments.length === 3) {
    if (method === 'GET' && childDef.canQuery) {
      // Child collections answer one page of at most 500 [AT-GDS-NOTES].
      const rows = state.data.db.rows(childDef.name).filter((r) => r[child.key] === parent.id).slice(0, PAGE_SIZE);
      return c.json({ items: rows.map((r) => ({ ...r })), pageDetails: { count: rows.length, requestCount: PAGE_SIZE, prevPageUrl: null, nextPageUrl: null } });
    }
    if (method === 'POST' && child.create) return c.json({ itemId: createEntity(state, { def: childDef, parent }, await jsonBody(c)) });
    if ((method === 'PATCH' || method === 'PUT') && child.update) {
      return c.json({ itemId: updateEntity(state, { def: childDef, parent }, await jsonBody(c), method === 'PUT') });
    }
    return methodNotAllowed(c, method);
  }
  if (segments.length === 4 && fourth !== undefined && /^\d+$/.test(fourth) && fifth === undefined) {
    if (method !== 'GET') return methodNotAllowed(c, method);
    const row = state.data.db.get(childDef.name, Number(fourth));
    return c.json({ item: row && row[child.key] === parent.id ? { ...row } : null });
  }
  return noRoute(c);
}

function entityInfoRoute(state: SandboxState<AutotaskData>, c: Context, method: string, def: EntityDef, rest: string[], childCreate = false): Response {
  if (method !== 'GET') return methodNotAllowed(c, method);
  if (rest.length === 0) return c.json({ info: entityInformation(def, childCreate) });
  if (rest.length === 1 && rest[0] === 'fields') return c.json({ fields: def.fields });
  if (rest.length === 1 && rest[0] === 'userdefinedfields') {
    const names = [...(state.data.db.udfNames.get(def.name) ?? [])];
    return c.json({
      fields: names.map((name) => ({
        name, label: name, type: 'string', length: 100, description: '', isRequired: false, isReadOnly: false, isQueryable: true,
        isReference: false, referenceEntityType: '', isPickList: false, picklistValues: null, picklistParentValueField: '', defaultValue: '', isSupportedWebhookField: false,
      })),
    });
  }
  return noRoute(c);
}

async function readQuery(c: Context, method: string, paging: Paging | null): Promise<{ query: QueryModel; search: string | null }> {
  if (method === 'GET') {
    const search = c.req.query('search') ?? null;
    return { query: parseSearch(search ?? undefined), search };
  }
  const body = await jsonBody(c);
  // A POSTed next page may carry its filter in the URL instead of the body.
  if (paging && Object.keys(body as object).length === 0 && c.req.query('search')) {
    const search = c.req.query('search')!;
    return { query: parseSearch(search), search };
  }
  return { query: parseQueryModel(body), search: null };
}

async function queryRoute(state: SandboxState<AutotaskData>, req: ApiRequest, def: EntityDef, paging: Paging | null): Promise<Response> {
  const { c, method } = req;
  if (method !== 'GET' && method !== 'POST') return methodNotAllowed(c, method);
  // A next-page URL made for a POST query carries no `search`; fetching it with GET is a 405 [AT-GDS-HTTP].
  if (paging && method === 'GET' && !c.req.query('search')) return methodNotAllowed(c, method);
  const { query, search } = await readQuery(c, method, paging);
  const predicate = compileFilter(def, query.filter, state.data.db.udfNames.get(def.name));
  const project = projector(def, query.includeFields);
  const pageSize = paging?.pageSize ?? query.maxRecords ?? PAGE_SIZE;
  const startId = paging?.nextIds[0] ?? -1;
  const previousIds = paging?.previousIds ?? [];
  const page = selectPage(state.data.db.rows(def.name), predicate, startId, pageSize);
  const url = (p: Paging) => {
    const params = new URLSearchParams({ paging: JSON.stringify(p) });
    if (search !== null) params.set('search', search);
    return `${req.versionBase}/${def.name}/query/next?${params.toString()}`;
  };
  // ASSUMPTION: `nextIds` holds the first id of the next page and `previousIds` the start ids of the
  // pages before (the real cursor's exact meaning is not documented; only its shape [AT-PYNEXT]).
  const nextPageUrl = page.nextId === null ? null : url({ pageSize, previousIds: [...previousIds, startId], nextIds: [page.nextId] });
  const prevPageUrl = previousIds.length === 0 ? null : url({ pageSize, previousIds: previousIds.slice(0, -1), nextIds: [previousIds[previousIds.length - 1]!] });
  return c.json({
    items: page.items.map(project),
    pageDetails: { count: page.items.length, requestCount: pageSize, prevPageUrl, nextPageUrl },
  });
}

async function countRoute(state: SandboxState<AutotaskData>, c: Context, method: string, def: EntityDef): Promise<Response> {
  if (method !== 'GET' && method !== 'POST') return methodNotAllowed(c, method);
  const query = method === 'GET' ? parseSearch(c.req.query('search')) : parseQueryModel(await jsonBody(c));
  const predicate = compileFilter(def, query.filter, state.data.db.udfNames.get(def.name));
  return c.json({ queryCount: countMatches(state.data.db.rows(def.name), predicate) });
}

/** `GET /V1.0/EntityInformation`: every entity the sandbox serves. */
export function allEntityInformation(c: Context): Response {
  return c.json({ entityDescriptions: [...ENTITIES.values()].map((def) => ({ info: entityInformation(def) })) });
}
