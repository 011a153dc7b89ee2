/**
 * @module Routing tests' harness: the real BFF on a temp database with a running routing worker, the
 * vendor sandboxes over real HTTP, and a PSA integration configured through the BFF's API exactly
 * as the wizard would (credentials, account mapping, ticket settings, contracts, completion).
 * Free of vitest imports so the routing benchmark can use it too.
 */
import { DEMO_CATALOG, DEMO_ORGANIZATIONS } from '../../../bff/demo/demo-organizations.js';
import { SEVERITIES, type IssueOverride } from '../../../bff/contracts/psa-settings.js';
import type { RoutingAlertInput } from '../../../bff/routing/alert.js';
import type { RoutingConfig } from '../../../bff/services/routing/routing-config.js';
import type { RoutingHooks } from '../../../bff/services/routing/group-delivery.js';
import { RoutingWorker } from '../../../bff/services/routing/routing-worker.js';
import type { AdapterContext } from '../../../bff/vendors/adapter-context.js';
import type { PsaVendor } from '../../../bff/contracts/model.js';
import { createTestApp, type TestApp } from '../../helpers/create-test-app.js';
import { control } from '../../helpers/serve.js';
import { PSA_SANDBOX_KITS } from '../../../bff/sandboxes/index.js';
import type { NoteWrite, TicketWrite } from '../../../bff/sandboxes/psa-sandbox-kit.js';

export type { NoteWrite, TicketWrite };

/** Every PSA's sandbox credentials (the README's demo table), from the sandboxes' own kits. */
export const PSA_CREDENTIALS = Object.fromEntries(Object.values(PSA_SANDBOX_KITS).map((k) => [k.vendor, k.credentials])) as { [V in PsaVendor]: (typeof PSA_SANDBOX_KITS)[V]['credentials'] };

/** Small waits so fault tests take seconds, not minutes. */
export const TEST_ROUTING_CONFIG: Partial<RoutingConfig> = {
  // The worker holds back for a flat-out intake for 1 s at most (production: 10 s), so a test's burst is not waited on for long.
  pollMs: 10, tickGapMs: 1, yieldMaxMs: 1_000, leaseMs: 2_000, backoffBaseMs: 20, backoffMaxMs: 200, openTtlMs: 0, billableCheckMs: 3_600_000,
  // A short outage must not open the breaker in the fault tests that are not about it; the outage tests lower these.
  breakerThreshold: 50, probeBaseMs: 100, probeMaxMs: 400,
  // The sandboxes commit at once unless a latency fault says otherwise; tests of late commits raise this.
  lateWriteWaitMs: 300,
};

export interface RoutingTestApp extends TestApp {
  worker: RoutingWorker;
  router: string;
  /** Stops the worker (cleanly) and removes the database. */
  shutdown(): Promise<void>;
}

export async function createRoutingTestApp(sandboxOrigin: string, options: {
  config?: Partial<RoutingConfig>; hooks?: RoutingHooks; now?: () => number; adapterContext?: Partial<AdapterContext>; startWorker?: boolean;
} = {}): Promise<RoutingTestApp> {
  const t = await createTestApp({ sandboxOrigin, adapterContext: { timeoutMs: 1_500, backoffBaseMs: 10, maxRetryWaitMs: 2_000, ...options.adapterContext } });
  const worker = new RoutingWorker(t.deps, { config: { ...TEST_ROUTING_CONFIG, ...options.config }, hooks: options.hooks, now: options.now });
  if (options.startWorker !== false) worker.start();
  await body(await t.call('PUT', '/api/organizations', {
    body: { organizations: DEMO_ORGANIZATIONS.map((o) => ({ id: o.id, name: o.name, billableUsers: o.billableUsers })), catalog: DEMO_CATALOG },
  }), 200);
  const router = await t.token('partner-a', 'router', 'alert-pipeline');
  return Object.assign(t, {
    worker, router,
    async shutdown() {
      await worker.stop(1_000);
      await t.close();
    },
  });
}

export interface PsaSetupOptions {
  subjectTemplate?: string;
  attachContacts?: boolean;
  /** Organization id → PSA account name (and optionally the mapping's contact, by index into its contacts). */
  mappings?: Record<string, { account: string; contactIndex?: number }>;
  catchAll?: { account: string; contactIndex?: number };
  issueTypeDefault?: boolean;
  overrides?: (lists: Picklists) => { alertTypes?: IssueOverride[]; respondRules?: IssueOverride[]; iocRules?: IssueOverride[] };
  contract?: { addContractsToTickets: boolean; syncBillableUsers: boolean; userSyncDay: number | null; organizations: string[]; serviceOverride?: Record<string, { unitCost?: number; unitPrice?: number }> };
  complete?: boolean;
}

export interface Picklists {
  ticketStatus: Array<{ id: string; label: string }>;
  closedStatusIds: string[];
  priority: Array<{ id: string; label: string }>;
  /** A ConnectWise type names its board (queue) as parent. */
  issueType: Array<{ id: string; label: string; parentId?: string }>;
  subIssueType: Array<{ id: string; label: string; parentId?: string }>;
  [key: string]: unknown;
}

export interface PsaSetup {
  id: string;
  vendor: PsaVendor;
  accounts: Map<string, { id: string; name: string }>;
  lists: Picklists;
  contacts(accountName: string): Promise<Array<{ id: string; name: string; email: string | null; isPrimary: boolean; accountId: string }>>;
  priorityFor: Record<string, string>;
}

/** The JSON of an answer that must have `status` (no vitest import: the benchmark uses this harness too). */
async function body(res: Response, status: number) {
  const json = await res.json();
  if (res.status !== status) throw new Error(`${res.url || 'request'}: expected HTTP ${status}, got ${res.status}: ${JSON.stringify(json)}`);
  return json as any;
}

/** Connects a PSA and saves every wizard section through the BFF's API, then completes it. */
export async function setupPsa(t: Pick<TestApp, 'call'>, vendor: PsaVendor, options: PsaSetupOptions = {}): Promise<PsaSetup> {
  const { id } = await body(await t.call('POST', '/api/integrations', { body: { vendor, credentials: PSA_CREDENTIALS[vendor] } }), 201);
  const list = (await body(await t.call('GET', `/api/integrations/${id}/psa/accounts?limit=20000`), 200)).items as Array<{ id: string; name: string }>;
  const accounts = new Map(list.map((a) => [a.name, a]));
  const account = (name: string) => {
    const found = accounts.get(name);
    if (!found) throw new Error(`no PSA account named ${name}`);
    return found;
  };
  const contacts = async (name: string) => (await body(await t.call('GET', `/api/integrations/${id}/psa/accounts/${account(name).id}/contacts`), 200)).contacts;

  const catchAll = options.catchAll ?? { account: 'Northwind MSP (Internal)', contactIndex: 0 };
  const catchAllAccount = account(catchAll.account);
  const catchAllContact = options.attachContacts === false ? null : (await contacts(catchAll.account))[catchAll.contactIndex ?? 0];
  const mappings = [];
  for (const [organizationId, m] of Object.entries(options.mappings ?? { 'org-acme': { account: 'Acme Dental Group' } })) {
    const contact = m.contactIndex === undefined ? null : (await contacts(m.account))[m.contactIndex];
    mappings.push({ psaAccountId: account(m.account).id, psaAccountName: m.account, organizationId, contactId: contact?.id ?? null, contactName: contact?.name ?? null, ignored: false });
  }
  await body(await t.call('PUT', `/api/integrations/${id}/psa/account-mapping`, { body: {
    attachContacts: options.attachContacts ?? true, catchAllAccountId: catchAllAccount.id, catchAllAccountName: catchAllAccount.name,
    catchAllContactId: catchAllContact?.id ?? null, catchAllContactName: catchAllContact?.name ?? null, mappings,
  } }), 200);

  const lists = await body(await t.call('GET', `/api/integrations/${id}/psa/picklists`), 200) as Picklists;
  const first = (key: string) => ((lists[key] as Array<{ id: string }>).length ? (lists[key] as Array<{ id: string }>)[0]!.id : null);
  const openStatus = lists.ticketStatus.find((s) => !lists.closedStatusIds.includes(s.id))!.id;
  // Distinct priorities per severity where the PSA has enough of them, so tests can tell them apart.
  const priorityFor = Object.fromEntries(SEVERITIES.map((s, i) => [s, lists.priority[Math.min(i, lists.priority.length - 1)]!.id]));
  const issue = lists.issueType[0]!;
  const sub = lists.subIssueType.find((s) => s.parentId === issue.id);
  const overrides = options.overrides?.(lists) ?? {};
  await body(await t.call('PUT', `/api/integrations/${id}/psa/ticket-settings`, { body: {
    categoryId: first('ticketCategory'), typeId: first('ticketType'), statusId: openStatus, queueId: first('queue'), sourceId: first('source'),
    subjectTemplate: options.subjectTemplate ?? '{user}', priorityMap: priorityFor,
    note: { typeId: first('noteType'), visibilityId: first('noteVisibility') ?? 'internal', titleTemplate: '{alert}' },
    issueTypeId: options.issueTypeDefault ? issue.id : null, subIssueTypeId: options.issueTypeDefault ? sub?.id ?? null : null,
    overrides: { alertTypes: overrides.alertTypes ?? [], respondRules: overrides.respondRules ?? [], iocRules: overrides.iocRules ?? [] },
  } }), 200);

  if (options.contract) {
    const { services } = await body(await t.call('GET', `/api/integrations/${id}/psa/services`), 200);
    const service = services[0] ?? await body(await t.call('POST', `/api/integrations/${id}/psa/services`, { body: { name: 'SIEM per user', unitCost: 2, unitPrice: 5 } }), 201);
    const rows = [];
    for (const organizationId of options.contract.organizations) {
      const accountName = options.mappings?.[organizationId]?.account ?? 'Acme Dental Group';
      const { contracts } = await body(await t.call('GET', `/api/integrations/${id}/psa/contracts?accountId=${account(accountName).id}`), 200);
      const over = options.contract.serviceOverride?.[organizationId];
      rows.push({ organizationId, contractId: contracts[0].id, contractName: contracts[0].name, addService: true, serviceId: null, unitCost: over?.unitCost ?? null, unitPrice: over?.unitPrice ?? null });
    }
    await body(await t.call('PUT', `/api/integrations/${id}/psa/contract-settings`, { body: {
      addContractsToTickets: options.contract.addContractsToTickets, syncBillableUsers: options.contract.syncBillableUsers, userSyncDay: options.contract.userSyncDay,
      defaultServiceId: service.id, defaultServiceName: service.name, mappings: rows,
    } }), 200);
  }
  if (options.complete !== false) await body(await t.call('POST', `/api/integrations/${id}/psa/complete`), 200);
  return { id, vendor, accounts, lists, contacts, priorityFor };
}

let counter = 0;
/** An alert with sensible defaults; `id` is unique unless given. */
export function alert(overrides: Partial<RoutingAlertInput> = {}): RoutingAlertInput {
  counter++;
  return {
    id: `alert-${Date.now().toString(36)}-${counter}`, organizationId: 'org-acme', severity: 'high', alertType: 'at-too-many-downloads',
    title: 'Too many downloads', description: 'The user downloaded 1,204 files in 10 minutes.', user: { email: 'user@domain.com', name: 'Pat User' },
    occurredAt: new Date().toISOString(), ...overrides,
  };
}

export async function postAlert(t: RoutingTestApp, a: RoutingAlertInput, expectStatus = 202) {
  return body(await t.call('POST', '/api/routing/alerts', { token: t.router, body: a }), expectStatus);
}

export async function getDelivery(t: RoutingTestApp, id: string) {
  return body(await t.call('GET', `/api/routing/alerts/${encodeURIComponent(id)}`, { token: t.router }), 200);
}

/**
 * Waits until every alert has left the queue (seen at one look over all of them); returns their
 * records. Between those looks it watches one alert still queued: a look at 200 alerts every 15 ms
 * kept the pool (PostgreSQL's six connections) busy, and the worker it waits for waited on it.
 */
export async function settled(t: RoutingTestApp, ids: string[], timeoutMs = 10_000): Promise<any[]> {
  const deadline = Date.now() + timeoutMs;
  const look = async (id: string) => (await t.deps.repos.routing.get('partner-a', id))!;
  const queued = (r: Awaited<ReturnType<typeof look>>) => !r || r.state === 'queued';
  for (;;) {
    const records = await Promise.all(ids.map(look));
    if (!records.some(queued)) return Promise.all(ids.map((id) => getDelivery(t, id)));
    if (Date.now() > deadline) throw new Error(`still queued: ${records.filter((r) => r?.state === 'queued').map((r) => `${r.alertId} (${r.attempts} tries, ${r.lastError ?? 'no error'})`).join(', ')}`);
    const watched = ids[records.findIndex(queued)]!;
    do await new Promise((r) => setTimeout(r, 15));
    while (Date.now() <= deadline && queued(await look(watched)));
  }
}

export async function deliverAll(t: RoutingTestApp, alerts: RoutingAlertInput[]): Promise<any[]> {
  for (const a of alerts) await postAlert(t, a);
  return settled(t, alerts.map((a) => a.id));
}

export async function writes(origin: string, vendor: PsaVendor, kind: string): Promise<Array<{ id: string; data: any }>> {
  return (await control(origin, vendor, `writes?kind=${kind}`)).writes;
}

/** A technician completes the ticket in the PSA itself, through the vendor's API. */
export async function closeAsTechnician(origin: string, vendor: PsaVendor, ticketId: string): Promise<void> {
  await PSA_SANDBOX_KITS[vendor].closeTicket(`${origin}/sandbox/${vendor}`, ticketId);
}

/** Waits until the sandbox has no vendor call in progress (a delayed write has committed or failed). */
export async function sandboxQuiet(origin: string, vendor: PsaVendor, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await control(origin, vendor, 'stats')).inFlight > 0) {
    if (Date.now() > deadline) throw new Error(`${vendor} sandbox still busy after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Tickets the sandbox recorded as created, in the neutral words of the tests. */
export async function ticketWrites(origin: string, vendor: PsaVendor): Promise<TicketWrite[]> {
  return (await writes(origin, vendor, 'ticket')).map((w) => PSA_SANDBOX_KITS[vendor].ticketWrite({ ...w, seq: 0, at: '', kind: 'ticket' }));
}

export async function noteWrites(origin: string, vendor: PsaVendor): Promise<NoteWrite[]> {
  return (await writes(origin, vendor, 'note')).map((w) => PSA_SANDBOX_KITS[vendor].noteWrite({ ...w, seq: 0, at: '', kind: 'note' }));
}

/** How many times each alert id appears across ticket and note texts (exactly once = delivered once). */
export async function alertMentions(origin: string, vendor: PsaVendor, ids: string[]): Promise<Map<string, number>> {
  const texts = [...(await ticketWrites(origin, vendor)).map((t) => t.text), ...(await noteWrites(origin, vendor)).map((n) => n.text)];
  const counts = new Map(ids.map((id) => [id, 0]));
  for (const text of texts) {
    for (const match of text.matchAll(/alert id: ([^\s;]+)/gi)) if (counts.has(match[1]!)) counts.set(match[1]!, counts.get(match[1]!)! + 1);
  }
  return counts;
}
