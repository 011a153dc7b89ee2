/**
 * @module The HaloPSA sandbox and adapter against Halo's own OpenAPI document. Halo's document
 * describes what a client sends (every create is an array of the resource's model, and 610 models
 * refuse properties they do not name), and Halo answers with the same models. So the adapter runs
 * through its real flows against the sandbox over HTTP while every exchange is recorded, then
 * (a) every record the sandbox answered validates against its resource's model, and (b) every
 * request the adapter sent is an operation Halo documents, with query parameters it declares and a
 * body its request model accepts.
 */
import { Hono } from 'hono';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createAdapterContext, sandboxEndpoints } from '../../../bff/vendors/adapter-context.js';
import { createHaloPsaAdapter } from '../../../bff/vendors/halopsa/halopsa.adapter.js';
import { createHaloPsaSandbox } from '../../../bff/sandboxes/halopsa/halopsa.sandbox.js';
import { halopsaKit } from '../../../bff/sandboxes/halopsa/halopsa.kit.js';
import { loadSpec } from '../../helpers/openapi-conformance.js';
import { startServer, type RunningServer } from '../../helpers/serve.js';
import { SANDBOX_INTEGRATION_CODE } from '../../suites/sandboxed-adapter.js';

const HALO_SPEC = 'halopsa-api-v2-openapi-3.0.1-swagger.json';

/**
 * The model of each resource's records, and the key a paged list keeps them under (configuration
 * lookups answer bare arrays; one record, or an array of them, answers a create). The list
 * envelope itself (`record_count`, `page_no`…) is not in Halo's document.
 */
const ANSWERS: Record<string, { model: string; list?: string }> = {
  'GET /Client': { model: 'Area', list: 'clients' },
  'GET /Client/{id}': { model: 'Area' },
  'GET /Site': { model: 'Site', list: 'sites' },
  'GET /Users': { model: 'Users', list: 'users' },
  'GET /Status': { model: 'TStatus' },
  'GET /Priority': { model: 'Policy' },
  'GET /Team': { model: 'SectionDetail' },
  'GET /Agent': { model: 'Uname' },
  'GET /Category': { model: 'CategoryDetail' },
  'GET /Outcome': { model: 'TOutcome' },
  'GET /TicketType': { model: 'RequestType' },
  'GET /TicketType/{id}': { model: 'RequestType' },
  'GET /Tickets': { model: 'Faults', list: 'tickets' },
  'GET /Tickets/{id}': { model: 'Faults' },
  'POST /Tickets': { model: 'Faults' },
  'GET /Actions': { model: 'Actions', list: 'actions' },
  'POST /Actions': { model: 'Actions' },
  'GET /ClientContract': { model: 'ContractHeader', list: 'contracts' },
  'GET /Item': { model: 'Item', list: 'items' },
  'POST /Item': { model: 'Item' },
  'GET /RecurringInvoice': { model: 'InvoiceHeader', list: 'invoices' },
  'POST /RecurringInvoice': { model: 'InvoiceHeader' },
};
/** What the adapter itself sends (the rest of ANSWERS is asked directly, for records it filters out). */
const ADAPTER_OPERATIONS = Object.keys(ANSWERS).filter((op) => !['GET /Site', 'GET /Agent'].includes(op));

interface Exchange { by: 'adapter' | 'test'; method: string; path: string; query: string[]; values: Array<[string, string]>; request: unknown; status: number; answer: unknown }

describe('HaloPSA sandbox and adapter conform to Halo’s OpenAPI document', () => {
  const spec = loadSpec(HALO_SPEC);
  const exchanges: Exchange[] = [];
  let by: Exchange['by'] = 'adapter';
  let server: RunningServer;
  const base = () => `${server.origin}/sandbox/halopsa`;
  const operation = (x: Exchange) => `${x.method} ${spec.templateOf(x.method, x.path) ?? x.path}`;

  /** The recorder in front of the sandbox: method, path, query names, body sent and answer of every `/api` call. */
  function recordingHost(): Hono {
    const host = new Hono();
    host.use('/sandbox/halopsa/api/*', async (c, next) => {
      const url = new URL(c.req.url);
      const request = c.req.method === 'GET' ? undefined : await c.req.raw.clone().json().catch(() => '(not JSON)');
      await next();
      const answer = await c.res.clone().json().catch(() => undefined);
      exchanges.push({ by, method: c.req.method, path: url.pathname.replace(/^\/sandbox\/halopsa\/api/, ''), query: [...url.searchParams.keys()], values: [...url.searchParams], request, status: c.res.status, answer });
    });
    return host.route('/sandbox/halopsa', createHaloPsaSandbox().app);
  }

  async function direct(path: string): Promise<void> {
    by = 'test';
    const auth = await fetch(`${base()}/auth/token?tenant=sandbox`, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: halopsaKit.credentials.clientId, client_secret: halopsaKit.credentials.clientSecret, scope: 'all all:teams' }),
    });
    const { access_token: token } = (await auth.json()) as { access_token: string };
    expect((await fetch(`${base()}/api/${path}`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    by = 'adapter';
  }

  /** The adapter's real flows: the wizard's lists, a ticket from an alert, a test ticket, notes, closing, billing. */
  async function runAdapterFlows(): Promise<void> {
    const adapter = createHaloPsaAdapter(createAdapterContext(sandboxEndpoints(server.origin, SANDBOX_INTEGRATION_CODE), { timeoutMs: 5_000, backoffBaseMs: 20 }), halopsaKit.credentials);
    await adapter.validateCredentials();
    await adapter.listAccounts();
    const [acme] = await adapter.listAccounts({ search: 'Acme Dental Group' });
    const [catchAll] = await adapter.listAccounts({ search: 'Default Customer' });
    const contacts = await adapter.listContacts(acme!.id);
    expect(contacts.some((c) => c.isPrimary)).toBe(true);
    await adapter.findContactByEmail(acme!.id, contacts.find((c) => c.email)!.email!);
    const lists = await adapter.getPicklists();
    const [contract] = await adapter.listContracts(acme!.id);
    await adapter.listContracts(null);
    const alertTicket = await adapter.createTicket({
      accountId: acme!.id, contactId: contacts[0]!.id, title: 'Malware Detected', description: 'on LAPTOP-1', statusId: '1', priorityId: '2', queueId: '2', typeId: '21',
      sourceId: null, categoryId: null, issueTypeId: lists.issueType.find((i) => i.label === 'Security')!.id,
      subIssueTypeId: lists.subIssueType.find((s) => s.label === 'Malware')!.id, contractId: contract!.id, marker: 'alert-conformance-1',
    });
    // "Send test ticket": the catch-all account and its contact, no category or contract.
    const [catchAllContact] = await adapter.listContacts(catchAll!.id);
    await adapter.createTicket({
      accountId: catchAll!.id, contactId: catchAllContact!.id, title: '[TEST] Integration hub test ticket', description: 'test', statusId: '1', priorityId: '4',
      queueId: '1', typeId: '1', sourceId: null, categoryId: null, issueTypeId: null, subIssueTypeId: null, contractId: null, marker: 'test-conformance-1',
    });
    expect((await adapter.findTicketByMarker('alert-conformance-1'))?.id).toBe(alertTicket.id);
    await adapter.addNote({ ticketId: alertTicket.id, title: 'Again', body: 'same alert', noteTypeId: '3', visibilityId: 'internal', marker: 'alert-conformance-2' });
    expect(await adapter.hasNoteWithMarker(alertTicket.id, 'alert-conformance-2')).toBe(true);
    by = 'test';
    await halopsaKit.closeTicket(base(), alertTicket.id);
    by = 'adapter';
    expect((await adapter.getTicket(alertTicket.id)).isOpen).toBe(false);
    await adapter.listServices();
    const service = await adapter.createService({ name: 'Managed Firewall', description: 'Per firewall, monthly', unitCost: 20, unitPrice: 55 });
    await adapter.setContractServiceUnits({ contractId: contract!.id, serviceId: '41', units: 40, unitCost: null, unitPrice: null });
    await adapter.setContractServiceUnits({ contractId: contract!.id, serviceId: service.id, units: 3, unitCost: 20, unitPrice: 55 });
    const [other] = await adapter.listContracts((await adapter.listAccounts({ search: 'Bluebird Logistics' }))[0]!.id);
    await adapter.setContractServiceUnits({ contractId: other!.id, serviceId: '42', units: 2, unitCost: null, unitPrice: null });
  }

  beforeAll(async () => {
    server = await startServer(recordingHost().fetch);
    await runAdapterFlows();
    // Records the adapter never sees (inactive, hidden, retired ones) and lists it does not read.
    for (const path of ['Client?includeinactive=true', 'Site', 'Agent', 'Team?includedisabled=true', 'Outcome?showhidden=true', 'TicketType?showinactive=true', 'Item?includeinactive=true']) await direct(path);
  });
  afterAll(() => server.close());
  // Halo's models are large and cross-linked (compiling Users alone takes seconds on a busy machine):
  // every validator is built once here, with room to spare, so no single test carries that cost.
  beforeAll(() => {
    for (const { model } of Object.values(ANSWERS)) spec.checkComponent(model, {});
    for (const op of ADAPTER_OPERATIONS.filter((o) => o.startsWith('POST '))) spec.checkRequest('POST', op.slice(5), []);
  }, 180_000);

  it('the checks themselves refuse a name Halo’s model lacks, in an answer and in a request', () => {
    expect(spec.checkComponent('Users', { id: 1, ismaincontact: true })).toEqual([]);
    expect(spec.checkComponent('Users', { id: 1, isprimarycontact: true })).toEqual(['(root) must NOT have additional properties (isprimarycontact)']);
    expect(spec.checkRequest('POST', '/Tickets', [{ summary: 's', team: 'Service Desk' }])).toEqual([]);
    expect(spec.checkRequest('POST', '/Tickets', [{ summary: 's', team_id: 2 }])).toEqual(['/0 must NOT have additional properties (team_id)']);
    expect(spec.templateOf('GET', '/Tickets/3001')).toBe('/Tickets/{id}');
    expect(spec.queryParameters('GET', '/Tickets').has('pageinate')).toBe(true);
    expect(spec.checkQueryValue('GET', '/Tickets', 'pageinate', 'true')).toEqual([]);
    expect(spec.checkQueryValue('GET', '/Tickets', 'page_size', 'all')).toEqual(['?page_size=all is not an integer']);
    expect(spec.checkQueryValue('GET', '/Tickets', 'pageinate', 'yes')).toEqual(['?pageinate=yes is not a boolean']);
  });

  it('the flows reached every operation the sandbox serves, each answering 200 (Halo documents no other success, creates included)', () => {
    expect(exchanges.filter((x) => x.status !== 200).map((x) => `${operation(x)} ${x.status} ${JSON.stringify(x.answer)}`)).toEqual([]);
    expect([...new Set(exchanges.map(operation))].sort()).toEqual(Object.keys(ANSWERS).sort());
    expect([...new Set(exchanges.filter((x) => x.by === 'adapter').map(operation))].sort()).toEqual(ADAPTER_OPERATIONS.sort());
  });

  it.each(Object.entries(ANSWERS))('(a) every record of %s validates against Halo’s model', (op, { model, list }) => {
    const answers = exchanges.filter((x) => operation(x) === op).map((x) => x.answer as any);
    const records = answers.flatMap((a) => (list ? a[list] : Array.isArray(a) ? a : [a]) as unknown[]);
    expect(records.length).toBeGreaterThan(0);
    const problems = [...new Set(records.flatMap((r) => spec.checkComponent(model, r).map((p) => `${model}${p}`)))];
    expect(problems).toEqual([]);
  });

  it.each(ADAPTER_OPERATIONS)('(b) every %s the adapter sends is documented, with declared query parameters and a body Halo’s request model accepts', (op) => {
    const sent = exchanges.filter((x) => x.by === 'adapter' && operation(x) === op);
    expect(sent.length).toBeGreaterThan(0);
    for (const x of sent) {
      const template = spec.templateOf(x.method, x.path)!;
      const declared = spec.queryParameters(x.method, template);
      expect(x.query.filter((name) => !declared.has(name.toLowerCase())), `${op} query`).toEqual([]);
      expect(x.values.flatMap(([name, value]) => spec.checkQueryValue(x.method, template, name, value)), `${op} query values`).toEqual([]);
      if (x.method !== 'GET') expect(spec.checkRequest(x.method, template, x.request), `${op} body ${JSON.stringify(x.request)}`).toEqual([]);
    }
  });

  it('(b) a technician closing a ticket (the sandbox kit) sends what Halo’s request model accepts', () => {
    const closes = exchanges.filter((x) => x.by === 'test' && x.method === 'POST');
    expect(closes).toHaveLength(1);
    expect(spec.checkRequest('POST', '/Tickets', closes[0]!.request)).toEqual([]);
  });
});
