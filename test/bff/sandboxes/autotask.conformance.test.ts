/**
 * @module Holds the Autotask sandbox to Autotask's own documents: every response the adapter reads
 * (captured over real HTTP while the adapter does all it does) is validated against the official
 * swagger, and the READ requests of Datto's official Postman collection, pointed at the sandbox,
 * get answers that are not errors.
 */
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAutotaskSandbox, SANDBOX_INTEGRATION_CODE, SANDBOX_SECRET, SANDBOX_USERNAME } from '../../../bff/sandboxes/autotask/autotask.sandbox.js';
import { createAutotaskAdapter } from '../../../bff/vendors/autotask/autotask.adapter.js';
import { createAdapterContext, sandboxEndpoints } from '../../../bff/vendors/adapter-context.js';
import { loadSpec, SPECS_DIR } from '../../helpers/openapi-conformance.js';
import { control, startServer, type RunningServer } from '../../helpers/serve.js';
import { normalise, normaliseQuery } from './autotask-spec-case.js';

const SPEC_FILE = 'autotask-rest-v1.0-swagger.json';
const POSTMAN_FILE = 'autotask-rest-official-postman-collection-2020-10-29.json';
const spec = loadSpec(SPEC_FILE);
const specPaths = Object.keys(JSON.parse(readFileSync(SPECS_DIR + SPEC_FILE, 'utf8').replace(/^\uFEFF/, '')).paths as Record<string, unknown>);

interface Exchange {
  method: string;
  url: string;
  status: number;
  body: unknown;
  /** The JSON body the adapter sent, or null. */
  sent: unknown;
}

type Json = Record<string, any>;
const document: Json = JSON.parse(readFileSync(SPECS_DIR + SPEC_FILE, 'utf8').replace(/^\uFEFF/, ''));
const definitionOf = (ref: unknown) => String(ref).replace('#/definitions/', '');

/**
 * A service adjustment's `effectiveDate` is a date without a time zone (psa-apis.md A3: no conversion
 * is applied, `2026-10-01T00:00:00`), which the swagger's `date-time` (a .NET DateTime) allows and
 * RFC 3339 does not: it is checked to be midnight of a day, then given the offset the check needs.
 */
function dateSemantic(model: string, body: unknown, problems: string[]): unknown {
  const b = body as Record<string, unknown>;
  if (model !== 'ContractServiceAdjustmentModel' || typeof b.effectiveDate !== 'string') return body;
  if (!/^\d{4}-\d{2}-\d{2}T00:00:00$/.test(b.effectiveDate)) problems.push(`effectiveDate ${b.effectiveDate} is not a day at midnight without an offset`);
  return { ...b, effectiveDate: `${b.effectiveDate}Z` };
}

/**
 * What is wrong with the body the adapter sent to `method template`: it must fit the operation's body
 * model (`in: body`); a query's `includeFields` and filter fields must name fields of the entity it
 * queries (Autotask compares them without case, psa-apis.md A3), except user-defined ones (`udf`).
 */
function requestProblems(method: string, template: string, sent: unknown): string[] {
  const op: Json = document.paths[template][method.toLowerCase()];
  const parameter = (op.parameters as Json[]).find((p) => p.in === 'body');
  if (!parameter) return sent === null ? [] : ['a body where the swagger takes none'];
  const model = definitionOf(parameter.schema.$ref);
  const problems: string[] = [];
  if (model !== 'QueryModel') {
    const body = dateSemantic(model, normalise(sent, problems), problems);
    return [...problems, ...spec.checkComponent(model, body).map((p) => `request ${p}`)];
  }
  problems.push(...spec.checkComponent(model, normaliseQuery(sent, problems)).map((p) => `request ${p}`));
  const result = document.definitions[definitionOf(op.responses['200'].schema.$ref)];
  const names = new Set(Object.keys(document.definitions[definitionOf(result.properties.items.items.$ref)].properties).map((n) => n.toLowerCase()));
  const query = sent as { includeFields?: string[]; filter?: Array<Record<string, unknown>> };
  for (const field of query.includeFields ?? []) if (!names.has(field.toLowerCase())) problems.push(`includeFields ${field} is not a field of ${template}`);
  const walk = (filters: Array<Record<string, unknown>> | undefined): void => filters?.forEach((f) => {
    if (typeof f.field === 'string' && f.udf !== true && !names.has(f.field.toLowerCase())) problems.push(`filter field ${f.field} is not a field of ${template}`);
    walk(f.items as Array<Record<string, unknown>> | undefined);
  });
  walk(query.filter);
  return problems;
}

/** `/sandbox/autotask/atservicesrest/v1.0/Companies/query/next?…` → `/V1.0/Companies/query` (the spec's template). */
function specTemplate(url: string): string | null {
  const path = new URL(url).pathname;
  const rest = path.slice(path.toLowerCase().indexOf('/atservicesrest/') + '/atservicesrest'.length).split('/').filter(Boolean);
  const segments = rest.slice(1);
  if (segments.at(-1)?.toLowerCase() === 'next' && segments.at(-2)?.toLowerCase() === 'query') segments.pop(); // next pages share the query's schema
  const shaped = segments.map((s, i) => (/^\d+$/.test(s) ? (i === 1 && segments.length > 2 ? '{parentId}' : '{id}') : s));
  const wanted = `/V1.0/${shaped.join('/')}`.toLowerCase();
  return specPaths.find((p) => p.toLowerCase() === wanted) ?? null;
}

describe('Autotask sandbox conformance', () => {
  let server: RunningServer;
  const exchanges: Exchange[] = [];

  beforeAll(async () => {
    server = await startServer(new Hono().route('/sandbox/autotask', createAutotaskSandbox().app).fetch);
  });
  afterAll(() => server.close());

  it('answers every call the adapter makes as the swagger describes, and every body the adapter sends fits the swagger', async () => {
    const fetchImpl: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const text = await res.clone().text();
      exchanges.push({ method: init?.method ?? 'GET', url: String(input), status: res.status, body: text ? JSON.parse(text) : null, sent: typeof init?.body === 'string' ? JSON.parse(init.body) : null });
      return res;
    };
    const ctx = createAdapterContext(sandboxEndpoints(server.origin, SANDBOX_INTEGRATION_CODE), { fetchImpl, timeoutMs: 5_000 });
    const a = createAutotaskAdapter(ctx, { username: SANDBOX_USERNAME, secret: SANDBOX_SECRET });

    await a.validateCredentials();
    const lists = await a.getPicklists();
    const [acme] = await a.listAccounts({ search: 'Acme Dental Group' });
    const contacts = await a.listContacts(acme!.id);
    await a.findContactByEmail(acme!.id, contacts[0]!.email!);
    const ticket = await a.createTicket({
      accountId: acme!.id, contactId: contacts[0]!.id, title: 'Conformance', description: 'd', statusId: '1', priorityId: lists.priority[0]!.id,
      queueId: lists.queue[0]!.id, typeId: null, sourceId: null, categoryId: null, issueTypeId: null, subIssueTypeId: null, contractId: null, marker: 'conf-1',
    });
    await a.findTicketByMarker('conf-1');
    await a.getTicket(ticket.id);
    await a.addNote({ ticketId: ticket.id, title: 't', body: 'b', noteTypeId: lists.noteType[0]!.id, visibilityId: lists.noteVisibility[0]!.id, marker: 'conf-n' });
    await a.hasNoteWithMarker(ticket.id, 'conf-n');
    const [contract] = await a.listContracts(acme!.id);
    const existing = (await a.listServices())[0]!;
    await a.setContractServiceUnits({ contractId: contract!.id, serviceId: existing.id, units: 77, unitCost: null, unitPrice: null });
    const created = await a.createService({ name: 'Conformance Service', description: null, unitCost: 1, unitPrice: 2 });
    await a.setContractServiceUnits({ contractId: contract!.id, serviceId: created.id, units: 3, unitCost: 1, unitPrice: 2 });
    await control(server.origin, 'autotask', 'seed', { scale: 1_200 });
    await a.listAccounts();

    const used = new Set<string>();
    for (const x of exchanges) {
      expect(x.status, `${x.method} ${x.url}`).toBe(200);
      const template = specTemplate(x.url);
      expect(template, `no swagger path for ${x.url}`).not.toBeNull();
      expect(spec.hasOperation(x.method, template!), `${x.method} ${template}`).toBe(true);
      used.add(`${x.method} ${template}`);
      const problems: string[] = [];
      const body = normalise(x.body, problems);
      problems.push(...spec.check(x.method, template!, x.status, body));
      problems.push(...requestProblems(x.method, template!, x.sent));
      expect(problems, `${x.method} ${x.url} ${JSON.stringify(x.sent)}`).toEqual([]);
    }
    expect([...used].sort()).toEqual([
      'GET /V1.0/BillingCodes/entityInformation/fields', 'GET /V1.0/Companies/entityInformation/fields', 'GET /V1.0/Companies/{id}',
      'GET /V1.0/Services/entityInformation/fields', 'GET /V1.0/TicketNotes/entityInformation/fields', 'GET /V1.0/Tickets/entityInformation/fields',
      'GET /V1.0/Tickets/{id}', 'GET /V1.0/ZoneInformation',
      'POST /V1.0/BillingCodes/query', 'POST /V1.0/Companies/query', 'POST /V1.0/ContractServiceAdjustments', 'POST /V1.0/ContractServiceUnits/query',
      'POST /V1.0/ContractServices/query', 'POST /V1.0/Contacts/query', 'POST /V1.0/Contracts/query', 'POST /V1.0/Contracts/{parentId}/Services',
      'POST /V1.0/Services', 'POST /V1.0/Services/query', 'POST /V1.0/TicketNotes/query', 'POST /V1.0/Tickets', 'POST /V1.0/Tickets/query',
      'POST /V1.0/Tickets/{parentId}/Notes',
    ].sort());
  });

  it('the request checks themselves refuse what the swagger does not have', () => {
    expect(requestProblems('POST', '/V1.0/Tickets/query', { includeFields: ['id', 'Title'], filter: [{ op: 'eq', field: 'companyID', value: 1 }] })).toEqual([]);
    expect(requestProblems('POST', '/V1.0/Tickets/query', { includeFields: ['summary'], filter: [{ op: 'and', items: [{ op: 'eq', field: 'accountID', value: 1 }] }] }))
      .toEqual(['includeFields summary is not a field of /V1.0/Tickets/query', 'filter field accountID is not a field of /V1.0/Tickets/query']);
    expect(requestProblems('POST', '/V1.0/Tickets', { companyID: 'one' })).toEqual(['request /companyID must be integer']);
    expect(requestProblems('POST', '/V1.0/ContractServiceAdjustments', { effectiveDate: '2026-12-07T10:00:00' })).toEqual(['effectiveDate 2026-12-07T10:00:00 is not a day at midnight without an offset']);
  });

  it('answers the READ requests of the official Postman collection', async () => {
    await control(server.origin, 'autotask', 'seed', {});
    const collection = JSON.parse(readFileSync(SPECS_DIR + POSTMAN_FILE, 'utf8').replace(/^\uFEFF/, ''));
    const requests: Array<{ name: string; request: any }> = [];
    const walk = (items: any[]) => items.forEach((item) => (item.item ? walk(item.item) : requests.push(item)));
    walk(collection.item);
    const variables: Record<string, string> = { ApiIntegrationCode: SANDBOX_INTEGRATION_CODE, UserName: SANDBOX_USERNAME, Secret: SANDBOX_SECRET };
    const fill = (text: string) => text.replace(/\{\{([^}]+)\}\}/g, (_, name: string) => variables[name] ?? `{{${name}}}`);
    // Reads: every GET, plus POSTs to a query endpoint (the grouping example).
    const reads = requests.filter(({ request }) => request.method === 'GET' || (request.method === 'POST' && /\/query(\/count)?$/i.test(request.url.path.join('/'))));
    expect(reads.length).toBeGreaterThanOrEqual(25);
    for (const { name, request } of reads) {
      const params = new URLSearchParams();
      for (const q of request.url.query ?? []) {
        // The zone lookup names a Datto demo user verbatim (not a variable); ask for the sandbox's API user instead.
        params.set(q.key, q.key === 'user' ? SANDBOX_USERNAME : fill(q.value));
      }
      const url = `${server.origin}/sandbox/autotask/${request.url.path.join('/')}${[...params].length ? `?${params}` : ''}`;
      const headers = Object.fromEntries((request.header ?? []).map((h: any) => [h.key, fill(h.value)]));
      // Some GETs carry a leftover Postman body; fetch cannot send one with GET, and Autotask ignores it.
      const body = request.method === 'POST' ? fill(request.body.raw) : undefined;
      const res = await fetch(url, { method: request.method, headers, body });
      const text = await res.text();
      expect(res.status, `${name}: ${text.slice(0, 200)}`).toBeLessThan(400);
      const json = JSON.parse(text);
      expect(json.errors, name).toBeUndefined();
      const template = specTemplate(url);
      // `entityInformation` (without /fields) is left out: the swagger types its userAccessFor* values as
      // `RestUserAccessLevel`, an empty object schema generated from a .NET enum, which no JSON value fits.
      if (template && spec.hasOperation(request.method, template) && !/entityinformation$/i.test(template)) {
        const problems: string[] = [];
        problems.push(...spec.check(request.method, template, res.status, normalise(json, problems)));
        expect(problems, name).toEqual([]);
      }
    }
  });
});
