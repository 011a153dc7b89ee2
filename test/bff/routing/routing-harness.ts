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
import type { PsaVendor } from '../../../bff/vendors/model.js';
import { createTestApp, type TestApp } from '../../helpers/create-test-app.js';
import { control } from '../../helpers/serve.js';
import { SANDBOX_SECRET, SANDBOX_USERNAME } from '../../../bff/sandboxes/autotask/autotask.seed.js';
import { SANDBOX_INTEGRATION_CODE } from '../../helpers/create-test-app.js';

export const PSA_CREDENTIALS = {
  autotask: { username: 'api-user@sandbox.example', secret: 'sandbox-secret' },
  'kaseya-bms': { server: 'na', tenant: 'Sandbox MSP', username: 'api-user', password: 'sandbox-password' },
  halopsa: { url: 'https://sandbox.halopsa.com', tenant: 'sandbox', clientId: 'sandbox-client', clientSecret: 'sandbox-secret' },
} as const;

/** Small waits so fault tests take seconds, not minutes. */
export const TEST_ROUTING_CONFIG: Partial<RoutingConfig> = {
  pollMs: 10, tickGapMs: 1, leaseMs: 2_000, backoffBaseMs: 20, backoffMaxMs: 200, openTtlMs: 0, maxAttempts: 8, billableCheckMs: 3_600_000,
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
  const t = createTestApp({ sandboxOrigin, adapterContext: { timeoutMs: 1_500, backoffBaseMs: 10, maxRetryWaitMs: 2_000, ...options.adapterContext } });
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
      t.close();
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
  issueType: Array<{ id: string; label: string }>;
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
export async function setupPsa(t: TestApp, vendor: PsaVendor, options: PsaSetupOptions = {}): Promise<PsaSetup> {
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

/** Waits until every alert has left the queue; returns their records. */
export async function settled(t: RoutingTestApp, ids: string[], timeoutMs = 10_000): Promise<any[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const records = ids.map((id) => t.deps.repos.routing.get('partner-a', id)!);
    if (records.every((r) => r && r.state !== 'queued')) return Promise.all(ids.map((id) => getDelivery(t, id)));
    if (Date.now() > deadline) throw new Error(`still queued: ${records.filter((r) => r?.state === 'queued').map((r) => `${r.alertId} (${r.attempts} tries, ${r.lastError ?? 'no error'})`).join(', ')}`);
    await new Promise((r) => setTimeout(r, 15));
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
  if (vendor === 'autotask') {
    const res = await fetch(`${origin}/sandbox/autotask/ATServicesRest/V1.0/Tickets`, {
      method: 'PATCH',
      headers: { ApiIntegrationCode: SANDBOX_INTEGRATION_CODE, UserName: SANDBOX_USERNAME, Secret: SANDBOX_SECRET, 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: Number(ticketId), status: 5 }),
    });
    if (!res.ok) throw new Error(`close ticket: HTTP ${res.status}`);
    return;
  }
  if (vendor === 'halopsa') {
    const res = await fetch(`${origin}/sandbox/halopsa/api/Tickets`, {
      method: 'POST', headers: { Authorization: `Bearer ${await haloToken(origin)}`, 'Content-Type': 'application/json' },
      body: JSON.stringify([{ id: Number(ticketId), status_id: 9 }]),
    });
    if (!res.ok) throw new Error(`close ticket: HTTP ${res.status}`);
    return;
  }
  const base = `${origin}/sandbox/kaseya-bms`;
  const creds = PSA_CREDENTIALS['kaseya-bms'];
  const auth = await fetch(`${base}/v2/security/authenticate`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grantType: 'password', userName: creds.username, password: creds.password, tenant: creds.tenant }),
  });
  const headers = { Authorization: `Bearer ${((await auth.json()) as { result: { accessToken: string } }).result.accessToken}` };
  const statuses = (await (await fetch(`${base}/v2/system/statuses/lookup`, { headers })).json()) as { result: Array<{ id: number; name: string }> };
  const completed = statuses.result.find((s) => s.name === 'Completed')!;
  const res = await fetch(`${base}/v2/servicedesk/tickets/${ticketId}`, {
    method: 'PATCH', headers: { ...headers, 'Content-Type': 'application/json-patch+json' },
    body: JSON.stringify([{ op: 'replace', path: '/StatusId', value: completed.id }]),
  });
  if (!res.ok) throw new Error(`close ticket: HTTP ${res.status}`);
}

async function haloToken(origin: string): Promise<string> {
  const creds = PSA_CREDENTIALS.halopsa;
  const res = await fetch(`${origin}/sandbox/halopsa/auth/token?tenant=${creds.tenant}`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: creds.clientId, client_secret: creds.clientSecret, scope: 'all all:teams' }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Halo writes the category path (`Parent>Child`); the tests speak of issue and sub-issue type ids. */
async function haloIssueTypes(origin: string): Promise<(value: unknown) => { issueTypeId: string | null; subIssueTypeId: string | null }> {
  const res = await fetch(`${origin}/sandbox/halopsa/api/Category?type_id=1`, { headers: { Authorization: `Bearer ${await haloToken(origin)}` } });
  const rows = (await res.json()) as Array<{ id: number; value: string }>;
  const idOf = new Map(rows.map((r) => [r.value, String(r.id)]));
  return (value) => {
    if (typeof value !== 'string' || !value) return { issueTypeId: null, subIssueTypeId: null };
    const parent = value.split('>')[0]!;
    return value.includes('>') ? { issueTypeId: idOf.get(parent) ?? null, subIssueTypeId: idOf.get(value) ?? null } : { issueTypeId: idOf.get(value) ?? null, subIssueTypeId: null };
  };
}

export interface TicketWrite {
  id: string;
  title: string;
  text: string;
  accountId: string;
  contactId: string | null;
  priorityId: string;
  issueTypeId: string | null;
  subIssueTypeId: string | null;
  contractId: string | null;
}

export interface NoteWrite {
  id: string;
  ticketId: string;
  text: string;
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Tickets the sandbox recorded as created, in the neutral words of the tests. */
export async function ticketWrites(origin: string, vendor: PsaVendor): Promise<TicketWrite[]> {
  if (vendor === 'halopsa') {
    const issueTypes = await haloIssueTypes(origin);
    return (await writes(origin, vendor, 'ticket')).map(({ id, data: d }) => ({
      id, title: d.summary, text: d.details ?? '', accountId: String(d.client_id), contactId: str(d.user_id), priorityId: String(d.priority_id), ...issueTypes(d.category_1), contractId: str(d.contract_id),
    }));
  }
  return (await writes(origin, vendor, 'ticket')).map(({ id, data: d }) => vendor === 'autotask'
    ? { id, title: d.title, text: d.description ?? '', accountId: String(d.companyID), contactId: str(d.contactID), priorityId: String(d.priority), issueTypeId: str(d.issueType), subIssueTypeId: str(d.subIssueType), contractId: str(d.contractID) }
    : { id, title: d.title, text: d.details ?? '', accountId: String(d.accountId), contactId: str(d.contactId), priorityId: String(d.priorityId), issueTypeId: str(d.issueTypeId), subIssueTypeId: str(d.subIssueTypeId), contractId: str(d.contractId) });
}

export async function noteWrites(origin: string, vendor: PsaVendor): Promise<NoteWrite[]> {
  if (vendor === 'halopsa') return (await writes(origin, vendor, 'note')).map(({ id, data: d }) => ({ id, ticketId: String(d.ticket_id), text: d.note ?? '' }));
  return (await writes(origin, vendor, 'note')).map(({ id, data: d }) => vendor === 'autotask'
    ? { id, ticketId: String(d.ticketID), text: `${d.title ?? ''}\n${d.description ?? ''}` }
    : { id, ticketId: String(d.ticketId), text: d.details ?? '' });
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
