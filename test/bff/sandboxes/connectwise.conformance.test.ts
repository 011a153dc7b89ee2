/**
 * @module Holds the ConnectWise PSA sandbox and adapter to ConnectWise's own models (JSON Schemas
 * derived from its OpenAPI document: connectwise-manage-2022.1-schemas-…json, SOURCES.md). While the
 * adapter runs everything it does, the sandbox's request log keeps each call; then every answer is
 * validated against its operation's response schema, every body the adapter sent against its model
 * (required fields, types, enums), and every `fields=` the adapter asked for against the model's
 * property names. Plus what the product meets beside its own calls: `/count`, unknown paths,
 * refused writes, and references by name or identifier. Assumptions that remain:
 * bff/sandboxes/connectwise/ASSUMPTIONS.md.
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectWiseSandbox } from '../../../bff/sandboxes/connectwise/connectwise.sandbox.js';
import { connectwiseKit } from '../../../bff/sandboxes/connectwise/connectwise.kit.js';
import { SANDBOX_CLIENT_ID, SANDBOX_CODEBASE } from '../../../bff/sandboxes/connectwise/connectwise.seed.js';
import type { LoggedRequest } from '../../../bff/sandboxes/common/request-log.js';
import { createAdapterContext, sandboxEndpoints } from '../../../bff/vendors/adapter-context.js';
import { createConnectWiseAdapter } from '../../../bff/vendors/connectwise/connectwise.adapter.js';
import { loadSpec } from '../../helpers/openapi-conformance.js';
import { control, startServer, type RunningServer } from '../../helpers/serve.js';
import { SANDBOX_INTEGRATION_CODE } from '../../suites/psa-adapter.suite.js';
import { CONNECTWISE_SPEC_FILE, connectWiseConditionFields, connectWiseDocument, connectWiseEqualities, connectWiseModelOf, connectWiseOperationOf, connectWisePropertyAt } from './connectwise-operation.js';

const spec = loadSpec(CONNECTWISE_SPEC_FILE);
/** For answers trimmed by `fields=`: the model's types and enums, without the required fields not asked for. */
const trimmed = loadSpec(CONNECTWISE_SPEC_FILE, { ignoreRequired: true });
/** The API version whose models the document holds (its description names the media type of its source). */
const DOCUMENT_API_VERSION = /version=(\d{4}\.\d+)/.exec(String((connectWiseDocument as { description?: string }).description))![1];
const API_PREFIX = `/sandbox/connectwise/${SANDBOX_CODEBASE}apis/3.0`;
const AUTH = {
  clientId: SANDBOX_CLIENT_ID,
  Authorization: `Basic ${Buffer.from(`${connectwiseKit.credentials.companyId}+${connectwiseKit.credentials.publicKey}:${connectwiseKit.credentials.privateKey}`).toString('base64')}`,
};

/**
 * Everything wrong with one logged call against the document. `full` is the same read without
 * `fields=` (whole records, required fields and all).
 */
function problemsOf(call: LoggedRequest, operation: string, full: unknown): string[] {
  const { status } = connectWiseDocument['x-operations'][operation]!;
  const model = connectWiseModelOf(operation);
  const template = operation.slice(call.method.length + 1);
  if (call.status !== status) return [`answered ${call.status}, the document says ${status}: ${JSON.stringify(call.answer).slice(0, 200)}`];
  const problems = (call.query.fields ? trimmed : spec).check(call.method, template, status, call.answer).map((p) => `answer ${p}`);
  if (call.method === 'GET' && call.query.fields) {
    problems.push(...spec.check(call.method, template, status, full).map((p) => `answer without fields= ${p}`));
    for (const field of call.query.fields.split(',')) if (!model || !connectWisePropertyAt(model, field)) problems.push(`fields=${field} is not a field of ${model}`);
  }
  for (const key of ['conditions', 'childConditions', 'orderBy'] as const) {
    for (const field of connectWiseConditionFields(call.query[key] ?? '')) if (!model || !connectWisePropertyAt(model, field)) problems.push(`${key} names ${field}, not a field of ${model}`);
  }
  // A compared value must be one the field can hold (an enum's member, a boolean for a flag).
  for (const { field, value } of connectWiseEqualities(call.query.conditions ?? '')) {
    if (model && connectWisePropertyAt(model, field)) problems.push(...spec.checkComponent(`${model}/properties/${field}`, value).map((p) => `conditions ${field}=${JSON.stringify(value)}: ${p}`));
  }
  if (call.method === 'POST' && model) problems.push(...spec.checkComponent(model, call.body).map((p) => `request ${p}`));
  if (call.method === 'PATCH' && model) {
    // The derived PatchOperation types `value` as an object; ConnectWise takes the field's own value (ASSUMPTIONS.md).
    for (const op of call.body as Array<{ op: string; path: string; value: unknown }>) {
      problems.push(...spec.checkComponent('PatchOperation', { op: op.op, path: op.path }).map((p) => `request ${p}`));
      if (!connectWisePropertyAt(model, op.path)) problems.push(`patch path ${op.path} is not a field of ${model}`);
      else problems.push(...spec.checkComponent(`${model}/properties/${op.path}`, op.value).map((p) => `request ${op.path}: ${p}`));
    }
  }
  return problems;
}

describe('ConnectWise PSA sandbox and adapter conform to ConnectWise’s models', () => {
  let server: RunningServer;
  let api: string;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(api + path, { method, headers: { ...AUTH, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', text, body: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : null };
  };

  beforeAll(async () => {
    server = await startServer(new Hono().route('/sandbox/connectwise', createConnectWiseSandbox().app).fetch);
    api = server.origin + API_PREFIX;
  });
  afterAll(() => server.close());

  it('answers every call the adapter makes as the models say, and every body it sends fits its model', async () => {
    await control(server.origin, 'connectwise', 'reset');
    const accepts = new Set<string>();
    const fetchImpl: typeof fetch = (input, init) => {
      const accept = new Headers(init?.headers).get('accept');
      if (String(input).includes('/apis/3.0/')) accepts.add(accept ?? '(none)');
      return fetch(input, init);
    };
    const ctx = createAdapterContext(sandboxEndpoints(server.origin, SANDBOX_INTEGRATION_CODE), { timeoutMs: 5_000, fetchImpl });
    const a = createConnectWiseAdapter(ctx, connectwiseKit.credentials);

    await a.validateCredentials();
    const lists = await a.getPicklists();
    await a.listAccounts();
    const [acme] = await a.listAccounts({ search: 'Acme Dental Group' });
    const contacts = await a.listContacts(acme!.id);
    await a.findContactByEmail(acme!.id, contacts.find((c) => c.email)!.email!);
    const [agreement] = await a.listContracts(acme!.id);
    await a.listContracts(null);
    const board = lists.queue.find((q) => q.label === 'Security Operations')!;
    const type = lists.issueType.find((t) => t.parentId === board.id && lists.subIssueType.some((s) => s.parentId === t.id))!;
    const ticket = await a.createTicket({
      accountId: acme!.id, contactId: contacts[0]!.id, title: 'Conformance', description: 'd', queueId: board.id,
      statusId: lists.ticketStatus.find((s) => s.parentId === board.id)!.id, priorityId: lists.priority[0]!.id,
      typeId: lists.ticketType.find((i) => i.parentId === board.id)!.id, sourceId: lists.source[0]!.id, categoryId: null,
      issueTypeId: type.id, subIssueTypeId: lists.subIssueType.find((s) => s.parentId === type.id)!.id, contractId: agreement!.id, marker: 'conf-1',
    });
    await a.findTicketByMarker('conf-1');
    await a.getTicket(ticket.id);
    await a.addNote({ ticketId: ticket.id, title: 't', body: 'b', noteTypeId: 'discussion', visibilityId: 'internal', marker: 'conf-n' });
    await a.hasNoteWithMarker(ticket.id, 'conf-n');
    const existing = (await a.listServices())[0]!;
    await a.setContractServiceUnits({ contractId: agreement!.id, serviceId: existing.id, units: 77, unitCost: 15, unitPrice: 45 });
    const created = await a.createService({ name: 'Conformance Service', description: null, unitCost: 1, unitPrice: 2 });
    await a.setContractServiceUnits({ contractId: agreement!.id, serviceId: created.id, units: 3, unitCost: 1, unitPrice: 2 });
    const logged = async () => ((await control(server.origin, 'connectwise', 'requests')) as { requests: LoggedRequest[] }).requests;
    const adapterCalls = await logged();
    // What a technician does in ConnectWise (the kit's calls are not the adapter's), so the adapter reads a closed ticket too.
    await connectwiseKit.closeTicket(`${server.origin}/sandbox/connectwise`, ticket.id);
    const closedAt = (await logged()).length;
    await a.getTicket(ticket.id);
    adapterCalls.push(...(await logged()).slice(closedAt));

    // The answers are held to the models of the version the document describes, so that is the version asked for.
    expect([...accepts]).toEqual([`application/vnd.connectwise.com+json; version=${DOCUMENT_API_VERSION}`]);
    const used = new Set<string>();
    for (const logged of adapterCalls.filter((r) => r.path.startsWith(API_PREFIX))) {
      const path = logged.path.slice(API_PREFIX.length);
      const operation = connectWiseOperationOf(logged.method, path);
      expect(operation, `${logged.method} ${path} is not in the document`).not.toBeNull();
      used.add(operation!);
      const { fields: _asked, ...whole } = logged.query;
      const full = logged.query.fields ? (await call('GET', `${path}?${new URLSearchParams(whole)}`)).body : null;
      expect(problemsOf(logged, operation!, full), `${logged.method} ${path}?${new URLSearchParams(logged.query)}`).toEqual([]);
      // Every read of rows names the fields its mapper reads (system/info is only a health probe).
      if (logged.method === 'GET' && path !== '/system/info') expect(logged.query.fields, `${logged.method} ${path} lists its fields`).toBeTruthy();
    }
    expect([...used].sort()).toEqual([
      'GET /company/companies', 'GET /company/contacts', 'GET /finance/agreements', 'GET /finance/agreements/{parentId}/additions',
      'GET /procurement/catalog', 'GET /service/boards', 'GET /service/boards/{parentId}/items', 'GET /service/boards/{parentId}/statuses',
      'GET /service/boards/{parentId}/subtypes', 'GET /service/boards/{parentId}/types', 'GET /service/priorities', 'GET /service/sources',
      'GET /service/tickets', 'GET /service/tickets/{id}', 'GET /service/tickets/{parentId}/notes', 'GET /system/info',
      'PATCH /finance/agreements/{parentId}/additions/{id}',
      'POST /finance/agreements/{parentId}/additions', 'POST /procurement/catalog', 'POST /service/tickets', 'POST /service/tickets/{parentId}/notes',
    ].sort());
  });

  it('the conditions check itself finds the fields and values a condition names', () => {
    expect(connectWiseConditionFields('deletedFlag=false and status/name not like "Inactive% and x=1"')).toEqual(['deletedFlag', 'status/name']);
    expect(connectWiseConditionFields('(company/id=250 or name contains "a or b")')).toEqual(['company/id', 'name']);
    expect(connectWiseEqualities('agreementStatus="Active" and company/id=250 and inactiveFlag=false')).toEqual([{ field: 'agreementStatus', value: 'Active' }, { field: 'inactiveFlag', value: false }]);
    expect(connectWisePropertyAt('Company', 'deleted')).toBeNull();
    expect(spec.checkComponent('Agreement/properties/agreementStatus', 'Open')).not.toEqual([]);
  });

  it('answers only the fields asked for, nested ones too, and leaves unset fields out', async () => {
    await control(server.origin, 'connectwise', 'reset');
    const statuses = await call('GET', '/service/boards/1/statuses?fields=id,name,board/name');
    expect(statuses.body[0]).toEqual({ id: 11, name: 'New', board: { name: 'Security Operations' } });
    const companies = await call('GET', '/company/companies?fields=id,types/name&pageSize=1');
    expect(companies.body).toEqual([{ id: 250, types: [{ name: 'Owner' }] }]);
    const ticket = await call('POST', '/service/tickets', { summary: 'No contact', board: { id: 1 }, company: { id: 251 } });
    expect(ticket.status).toBe(201);
    expect(Object.keys(ticket.body)).not.toContain('contact');
    expect(spec.check('POST', '/service/tickets', 201, ticket.body)).toEqual([]);
    expect(spec.check('GET', '/service/tickets/{id}', 200, (await call('GET', `/service/tickets/${ticket.body.id}`)).body)).toEqual([]);
  });

  it('resolves references by name or identifier, as ConnectWise does', async () => {
    await control(server.origin, 'connectwise', 'reset');
    const [company] = (await call('GET', `/company/companies?conditions=${encodeURIComponent('name="Cedar Ridge Law"')}`)).body;
    const byName = await call('POST', '/service/tickets', {
      summary: 'By name', board: { name: 'Help Desk' }, company: { identifier: company.identifier }, status: { name: 'in progress' },
      type: { name: 'Incident' }, subType: { name: 'Hardware' }, item: { name: 'Alert' }, priority: { name: 'Priority 2 - Quick Response' }, source: { name: 'Email' },
    });
    expect(byName.status, byName.text).toBe(201);
    expect(byName.body).toMatchObject({
      board: { id: 2, name: 'Help Desk' }, company: { id: company.id }, status: { name: 'In Progress' }, type: { name: 'Incident' },
      subType: { name: 'Hardware' }, item: { name: 'Alert' }, priority: { id: 2 }, source: { name: 'Email' },
    });
    const addition = await call('POST', '/finance/agreements/602/additions', { product: { identifier: 'ms-monthly' }, quantity: 2, billCustomer: 'Billable' });
    expect(addition.status, addition.text).toBe(201);
    expect(addition.body.product).toEqual({ id: 502, identifier: 'MS-MONTHLY' });
    const unknown = await call('POST', '/service/tickets', { summary: 'x', board: { name: 'No Such Board' }, company: { identifier: company.identifier } });
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'board' })]);
  });

  it('counts lists, and answers unknown paths and refused writes with its JSON error body', async () => {
    await control(server.origin, 'connectwise', 'reset');
    const count = await call('GET', `/company/companies/count?conditions=${encodeURIComponent('name like "Acme%"')}`);
    expect(count.status, count.text).toBe(200);
    expect(count.body).toEqual({ count: 1 });
    expect(spec.check('GET', '/company/companies/count', 200, count.body)).toEqual([]);
    expect((await call('GET', '/service/boards/1/statuses/count')).body).toEqual({ count: 5 });

    const unknown = await call('GET', '/company/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.type).toContain('application/json');
    expect(spec.checkComponent('ErrorResponseMessage', unknown.body)).toEqual([]);
    expect(unknown.body).toMatchObject({ code: 'NotFound', message: expect.any(String) });

    const noCustomerDescription = await call('POST', '/procurement/catalog', { identifier: 'X-1', description: 'X', productClass: 'Service' });
    expect(noCustomerDescription.status).toBe(400);
    expect(noCustomerDescription.body.errors).toEqual([expect.objectContaining({ field: 'customerDescription', resource: 'catalogItem' })]);
    expect(spec.checkComponent('ErrorResponseMessage', noCustomerDescription.body)).toEqual([]);
  });
});
