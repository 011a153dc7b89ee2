/**
 * @module What the Kaseya BMS adapter (and the BFF's ticket close) sends, held to BMS's own OpenAPI
 * document while it runs its real flows against the sandbox over HTTP: every call is an operation
 * the document has, every query parameter is one the operation declares, every body fits the
 * operation's request model (whose schemas refuse names they do not have; ASP.NET binds names
 * without regard to case, psa-apis.md B4), and every answer the adapter read fits the response model.
 * kaseya-bms.conformance.test.ts holds the sandbox's answers to calls made directly.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kaseyaBmsKit } from '../../../bff/sandboxes/kaseya-bms/kaseya-bms.kit.js';
import { createAdapterContext, sandboxEndpoints } from '../../../bff/vendors/adapter-context.js';
import { createKaseyaBmsAdapter } from '../../../bff/vendors/kaseya-bms/kaseya-bms.adapter.js';
import { closeTicket } from '../../../bff/vendors/webhooks/ticket-close.js';
import { SANDBOX_INTEGRATION_CODE } from '../../helpers/create-test-app.js';
import { loadSpec, SPECS_DIR } from '../../helpers/openapi-conformance.js';
import { startSandboxServer } from '../../helpers/sandbox-server.js';
import { control, type RunningServer } from '../../helpers/serve.js';
import { BMS_SPEC_FILE, responseSchema, toSpecCase } from './kaseya-bms-spec-case.js';

const spec = loadSpec(BMS_SPEC_FILE);
const document: Record<string, any> = JSON.parse(readFileSync(SPECS_DIR + BMS_SPEC_FILE, 'utf8'));
/** The request body schema of `method template` (JSON), for bringing a body into the document's casing. */
const requestSchema = (method: string, template: string) => document.paths[template]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;

/**
 * The one call the adapter makes outside the v2 document: ticket types at the v1 route
 * `system/lists/1`, as Huntress's BMS client reads them (FACTS.md).
 */
const OUTSIDE_THE_DOCUMENT = new Set(['GET /system/lists/1']);

interface Exchange { method: string; path: string; query: Record<string, string>; request: unknown; status: number; answer: unknown }

describe('what the Kaseya BMS adapter sends, against BMS’s OpenAPI document', () => {
  let server: RunningServer;
  const exchanges: Exchange[] = [];
  beforeAll(async () => {
    server = await startSandboxServer();
    await control(server.origin, 'kaseya-bms', 'reset');
    const fetchImpl: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const url = new URL(String(input));
      const text = await res.clone().text();
      const sent = typeof init?.body === 'string' ? init.body : null;
      exchanges.push({
        method: init?.method ?? 'GET', path: url.pathname.replace(/^\/sandbox\/kaseya-bms/, ''), query: Object.fromEntries(url.searchParams),
        request: sent && /json/.test(new Headers(init?.headers).get('content-type') ?? '') ? JSON.parse(sent) : null, status: res.status, answer: text ? JSON.parse(text) : null,
      });
      return res;
    };
    const ctx = createAdapterContext(sandboxEndpoints(server.origin, SANDBOX_INTEGRATION_CODE), { fetchImpl, timeoutMs: 5_000 });
    const a = createKaseyaBmsAdapter(ctx, kaseyaBmsKit.credentials);
    await a.validateCredentials();
    const lists = await a.getPicklists();
    await a.listAccounts();
    const [acme] = await a.listAccounts({ search: 'Acme Dental Group' });
    const contacts = await a.listContacts(acme!.id);
    await a.findContactByEmail(acme!.id, contacts.find((c) => c.email)!.email!);
    const [contract] = await a.listContracts(acme!.id);
    await a.listContracts(null);
    const issueType = lists.issueType.find((t) => lists.subIssueType.some((s) => s.parentId === t.id))!;
    const ticket = await a.createTicket({
      accountId: acme!.id, contactId: contacts[0]!.id, title: 'Conformance', description: 'd', statusId: lists.ticketStatus[0]!.id, priorityId: lists.priority[0]!.id,
      queueId: lists.queue[0]!.id, typeId: lists.ticketType[0]?.id ?? null, sourceId: lists.source[0]?.id ?? null, categoryId: null, issueTypeId: issueType.id,
      subIssueTypeId: lists.subIssueType.find((s) => s.parentId === issueType.id)!.id, contractId: contract?.id ?? null, marker: 'conf-1',
    });
    await a.findTicketByMarker('conf-1');
    await a.getTicket(ticket.id);
    await a.addNote({ ticketId: ticket.id, title: 't', body: 'b', noteTypeId: lists.noteType[0]!.id, visibilityId: lists.noteVisibility[0]!.id, marker: 'conf-n' });
    await a.hasNoteWithMarker(ticket.id, 'conf-n');
    const existing = (await a.listServices())[0]!;
    await a.setContractServiceUnits({ contractId: contract!.id, serviceId: existing.id, units: 7, unitCost: 15, unitPrice: 45 });
    const created = await a.createService({ name: 'Conformance Service', description: 'made by the test', unitCost: 1, unitPrice: 2 });
    await a.setContractServiceUnits({ contractId: contract!.id, serviceId: created.id, units: 3, unitCost: 1, unitPrice: 2 });
    await closeTicket(ctx, 'kaseya-bms', kaseyaBmsKit.credentials, ticket.id, lists.ticketStatus.find((s) => /complete/i.test(s.label))!.id);
    expect((await a.getTicket(ticket.id)).isOpen).toBe(false);
  });
  afterAll(() => server.close());

  const operation = (x: Exchange) => `${x.method} ${spec.templateOf(x.method, x.path) ?? x.path}`;
  const sent = () => exchanges.filter((x) => x.path !== '/v2/security/authenticate' && !OUTSIDE_THE_DOCUMENT.has(`${x.method} ${x.path}`));

  it('calls only operations the document has', () => {
    expect(sent().filter((x) => !spec.templateOf(x.method, x.path)).map(operation)).toEqual([]);
    expect([...new Set(sent().map(operation))].sort()).toEqual([
      'GET /v2/crm/accounts/summary', 'GET /v2/crm/accounts/{accountId}/locations/lookup', 'GET /v2/crm/contacts/search', 'GET /v2/finance/contracts/lookup',
      'GET /v2/security/userinfo', 'GET /v2/servicedesk/tickets', 'GET /v2/servicedesk/tickets/{ticketId}', 'GET /v2/servicedesk/tickets/{ticketId}/notes',
      'GET /v2/system/issuetypes/lookup', 'GET /v2/system/issuetypes/{issueTypeId}/issuesubtypes/lookup', 'GET /v2/system/lookup/{tableName}',
      'GET /v2/system/priorities/lookup', 'GET /v2/system/queues/lookup', 'GET /v2/system/statuses/lookup', 'PATCH /v2/servicedesk/tickets/{ticketId}',
      'POST /v2/admin/finance/services/search', 'POST /v2/admin/finance/services/services', 'POST /v2/finance/contracts/recurringservices/{contractId}/services',
      'POST /v2/servicedesk/tickets', 'POST /v2/servicedesk/tickets/{ticketId}/notes',
    ]);
  });

  it('sends only query parameters the operation declares, with values of the declared types', () => {
    const undeclared = sent().flatMap((x) => {
      const template = spec.templateOf(x.method, x.path)!;
      const declared = spec.queryParameters(x.method, template);
      return Object.entries(x.query).flatMap(([name, value]) => (declared.has(name.toLowerCase())
        ? spec.checkQueryValue(x.method, template, name, value).map((p) => `${operation(x)} ${p}`)
        : [`${operation(x)} ?${name}`]));
    });
    expect([...new Set(undeclared)]).toEqual([]);
  });

  it('sends bodies the operation’s request model accepts', () => {
    // The check itself refuses a name the model lacks, whatever its casing.
    expect(spec.checkRequest('POST', '/v2/servicedesk/tickets', toSpecCase({ title: 't', accountID: 1, summary: 's' }, requestSchema('POST', '/v2/servicedesk/tickets'))))
      .toContain('(root) must NOT have additional properties (summary)');
    expect(sent().filter((x) => x.request !== null).length).toBeGreaterThanOrEqual(6);
    const problems = sent().filter((x) => x.request !== null).flatMap((x) => {
      const template = spec.templateOf(x.method, x.path)!;
      return spec.checkRequest(x.method, template, toSpecCase(x.request, requestSchema(x.method, template))).map((p) => `${operation(x)} ${p} ${JSON.stringify(x.request).slice(0, 300)}`);
    });
    expect(problems).toEqual([]);
  });

  it('reads answers that fit the response model', () => {
    const problems = sent().filter((x) => x.status === 200 && responseSchema(x.method, spec.templateOf(x.method, x.path)!)).flatMap((x) => {
      const template = spec.templateOf(x.method, x.path)!;
      return spec.check(x.method, template, 200, toSpecCase(x.answer, responseSchema(x.method, template))).map((p) => `${operation(x)} ${p}`);
    });
    expect(problems).toEqual([]);
  });
});
