/**
 * The Autotask sandbox reads request bodies as Autotask's Json.NET does: the official Postman
 * collection's own bodies (a trailing comma in "Create a Ticket", an unquoted `TicketID` in "Create a
 * Ticket Note") are accepted, and so are comments and single-quoted strings. A body nobody could
 * parse is a 400 in Autotask's error shape `{"errors":[…]}` with Json.NET's message, never a 500.
 */
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAutotaskSandbox, SANDBOX_INTEGRATION_CODE, SANDBOX_SECRET, SANDBOX_USERNAME } from '../../../bff/sandboxes/autotask/autotask.sandbox.js';
import { LenientJsonError, parseLenientJson } from '../../../bff/sandboxes/autotask/autotask-json.js';

const AUTH = { ApiIntegrationCode: SANDBOX_INTEGRATION_CODE, UserName: SANDBOX_USERNAME, Secret: SANDBOX_SECRET };
const V = 'http://sandbox.test/sandbox/autotask/ATServicesRest/V1.0';

interface PostmanItem { name: string; item?: PostmanItem[]; request?: { method: string; body?: { raw?: string } } }
const collection = JSON.parse(readFileSync(new URL('../../fixtures/vendor-specs/autotask-rest-official-postman-collection-2020-10-29.json', import.meta.url), 'utf8')) as { item: PostmanItem[] };
function postmanBody(name: string): string {
  const find = (items: PostmanItem[]): PostmanItem | undefined => items.map((i) => (i.name === name ? i : i.item && find(i.item))).find(Boolean);
  const raw = find(collection.item)?.request?.body?.raw;
  if (!raw) throw new Error(`no Postman request named ${name}`);
  return raw;
}

let host: Hono;
let sandbox: ReturnType<typeof createAutotaskSandbox>;
beforeEach(() => {
  sandbox = createAutotaskSandbox();
  host = new Hono().route('/sandbox/autotask', sandbox.app);
});

async function send(method: string, path: string, raw: string) {
  const res = await host.request(`${V}/${path}`, { method, headers: { ...AUTH, 'Content-Type': 'application/json' }, body: raw });
  return { status: res.status, body: (await res.json()) as any };
}

describe('bodies from the official Postman collection', () => {
  it('"Create a Ticket" with its trailing comma creates the ticket', async () => {
    const raw = postmanBody('Create a Ticket');
    expect(() => JSON.parse(raw)).toThrow(); // the collection's body really is not strict JSON
    const res = await send('POST', 'Tickets', raw);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const ticket = sandbox.state.data.db.get('Tickets', res.body.itemId) as Record<string, unknown>;
    expect(ticket).toMatchObject({ title: 'POSTMAN Create Ticket Test n', priority: 2, status: 5, queueID: 5 });
  });

  it('"Create a Ticket Note" with its unquoted TicketID adds the note', async () => {
    const ticketId = (sandbox.state.data.db.rows('Tickets')[0] as { id: number }).id;
    const raw = postmanBody('Create a Ticket Note').replaceAll('7865', String(ticketId));
    expect(() => JSON.parse(raw)).toThrow();
    const res = await send('POST', `Tickets/${ticketId}/Notes`, raw);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(sandbox.state.data.db.get('TicketNotes', res.body.itemId)).toMatchObject({ ticketID: ticketId, title: 'Postman Ticket Note Create Test Description n' });
  });

  it('a query with comments, single quotes and trailing commas answers like its strict twin', async () => {
    const strict = await send('POST', 'Contacts/query', postmanBody('Query of Contacts using a POST with Grouping (AND\'s & OR\'s)'));
    expect(strict.status).toBe(200);
    const loose = await send('POST', 'Contacts/query', `{
      // active contacts only
      filter: [ { op: 'eq', field: 'IsActive', value: true, }, ], /* no includeFields */
    }`);
    expect(loose.status, JSON.stringify(loose.body)).toBe(200);
    const active = await send('POST', 'Contacts/query', '{"filter":[{"op":"eq","field":"IsActive","value":true}]}');
    expect(loose.body.items.map((c: { id: number }) => c.id)).toEqual(active.body.items.map((c: { id: number }) => c.id));
  });
});

describe('bodies Json.NET cannot read', () => {
  it.each([
    ['a missing value', '{"title": }', /^Unexpected character encountered while parsing value: \}\. Path 'title', line 1, position 10\.$/],
    ['an unterminated string', '{"title": "abc', /^Unterminated string\. Expected delimiter: "\./],
    ['a cut-off body', '{"companyID": 0, "title": "x"', /^Unexpected end when reading JSON\./],
    ['two values without a comma', '{"a": 1 "b": 2}', /^After parsing a value an unexpected character was encountered: "\./],
  ])('%s: 400 {"errors":[Json.NET message]}, nothing written', async (_name, raw, message) => {
    const writes = sandbox.state.writes.length;
    const res = await send('POST', 'Tickets', raw);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body)).toEqual(['errors']);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0]).toMatch(message);
    expect(sandbox.state.writes.length).toBe(writes);
  });

  it('a query body it cannot read is a 400 too, and so is a ?search= it cannot read', async () => {
    expect((await send('POST', 'Companies/query', '{"filter": [')).status).toBe(400);
    const res = await host.request(`${V}/Companies/query?search=${encodeURIComponent('{"filter":[{op:"exist" field:"id"}]}')}`, { headers: AUTH });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: string[] }).errors[0]).toMatch(/^After parsing a value an unexpected character was encountered: f\./);
  });
});

describe('parseLenientJson', () => {
  it('reads what Json.NET reads', () => {
    expect(parseLenientJson(`{ a: 1, 'b': 'it\\'s', "c": [1, 2, ], // line\n /* block */ d: null, e: undefined, f: 0x1F, g: -2.5e1, }`))
      .toEqual({ a: 1, b: "it's", c: [1, 2], d: null, e: null, f: 31, g: -25 });
    expect(parseLenientJson('[NaN, Infinity, -Infinity]')).toEqual([NaN, Infinity, -Infinity]);
  });

  it('keeps "__proto__" an ordinary property', () => {
    const value = parseLenientJson('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names the path, line and position of what it cannot read', () => {
    expect(() => parseLenientJson('{\n  "filter": [\n    {"op": "eq", "field": @}\n  ]\n}')).toThrow(LenientJsonError);
    expect(() => parseLenientJson('{\n  "filter": [\n    {"op": "eq", "field": @}\n  ]\n}')).toThrow("Unexpected character encountered while parsing value: @. Path 'filter[0].field', line 3, position 26.");
    expect(() => parseLenientJson('{} trailing')).toThrow(/^Additional text encountered after finished reading JSON content: t\./);
  });
});
