/**
 * @module Test helpers for the RMM sync: one sandbox server per file, a test BFF per test with the
 * demo organizations, an RMM integration configured through the real setup API (as
 * test/bff/rmm-setup.test.ts does), and the sandboxes' control API.
 */
import { DEMO_ORGANIZATIONS } from '../../../bff/demo/demo-organizations.js';
import type { RmmSiteType } from '../../../bff/contracts/model.js';
import type { RmmSyncResult } from '../../../bff/services/rmm-sync/rmm-sync.service.js';
import { createTestApp, type TestApp } from '../../helpers/create-test-app.js';
import { startSandboxServer } from '../../helpers/sandbox-server.js';

export const DATTO_CREDENTIALS = { platform: 'merlot', apiKey: 'sandbox-key', apiSecret: 'sandbox-secret' };
/** The sandbox's second Datto RMM account: a second connection must reach another account (issue 17, item 9). */
export const SECOND_DATTO_CREDENTIALS = { platform: 'merlot', apiKey: 'sandbox-key-2', apiSecret: 'sandbox-secret-2' };
export const SYNCRO_CREDENTIALS = { subdomain: 'sandbox', apiToken: 'sandbox-token' };
/** Where each sandbox keeps the Entra device id (Datto: a UDF; Syncro: an asset property). */
export const ENTRA_FIELD = { 'datto-rmm': 'udf5', syncro: 'msftEntraDeviceId' } as const;

export type SandboxServer = Awaited<ReturnType<typeof startSandboxServer>>;
export type RmmTestVendor = 'datto-rmm' | 'syncro';

export interface SiteView {
  id: string;
  name: string;
  type: RmmSiteType;
  deviceCount: number | null;
}

/**
 * A test BFF against the sandboxes with the demo organizations. Retry-After waits longer than
 * 100 ms fail the call at once (a sync then records the 429 instead of waiting it out).
 */
export async function createSyncTestApp(sandbox: SandboxServer, partner = 'partner-a'): Promise<TestApp> {
  const t = await createTestApp({ sandboxOrigin: sandbox.origin, adapterContext: { maxRetryWaitMs: 100, backoffBaseMs: 5, timeoutMs: 3_000 } });
  const res = await t.call('PUT', '/api/organizations', {
    token: await t.token(partner),
    body: { organizations: DEMO_ORGANIZATIONS.map((o) => ({ id: o.id, name: o.name, billableUsers: o.billableUsers })) },
  });
  if (res.status !== 200) throw new Error(`organizations: HTTP ${res.status}`);
  return t;
}

export interface ConnectOptions {
  /** Exact-name auto-mapping (on by default). */
  autoMap?: boolean;
  /** Explicit rows: site name → organization id (null unmaps and keeps the site out of auto-mapping). */
  map?: Record<string, string | null>;
  siteTypes?: RmmSiteType[];
  /** The custom field holding the Entra device id; the sandbox's own by default, null for none. */
  entraField?: string | null;
  partner?: string;
  /** Runs just before Finish, so what it sets up (a sandbox fault) meets the first sync that Finish starts. */
  beforeComplete?: () => Promise<unknown>;
  /**
   * Credentials of another account (e.g. SECOND_DATTO_CREDENTIALS) for a second connection of the
   * vendor, which is then confirmed as a separate instance; the sandbox's first account by default.
   */
  credentials?: Record<string, string>;
}


/**
 * Connects an RMM integration through the setup API: credentials, mapping, parameters, complete.
 * Complete starts the first device sync in the background; this waits for it and returns its result.
 */
export async function connectRmm(t: TestApp, vendor: RmmTestVendor, options: ConnectOptions = {}): Promise<{ id: string; sites: SiteView[]; first: RmmSyncResult }> {
  const token = await t.token(options.partner ?? 'partner-a');
  const { id, sites } = await prepareRmm(t, vendor, options);
  await options.beforeComplete?.();
  const completed = await ok(t.call('POST', `/api/integrations/${id}/rmm/complete`, { token }));
  if (completed.sync?.state !== 'running') throw new Error(`the first sync did not start on Finish: ${JSON.stringify(completed.sync)}`);
  return { id, sites, first: await firstSync(t, id) };
}

/** Every wizard step but Finish: credentials, mapping, parameters (the integration stays a draft). */
export async function prepareRmm(t: TestApp, vendor: RmmTestVendor, options: ConnectOptions = {}): Promise<{ id: string; sites: SiteView[] }> {
  const token = await t.token(options.partner ?? 'partner-a');
  const credentials = options.credentials ?? (vendor === 'datto-rmm' ? DATTO_CREDENTIALS : SYNCRO_CREDENTIALS);
  const confirmSeparateInstance = options.credentials !== undefined;
  const created = await ok(t.call('POST', '/api/integrations', { token, body: { vendor, credentials, userActivityOrganizationId: 'org-internal', confirmSeparateInstance } }), 201);
  const id = created.id as string;
  const sites = (await ok(t.call('GET', `/api/integrations/${id}/rmm/sites`, { token }))).sites as SiteView[];
  await saveMapping(t, id, sites, { ...options, token });
  const entraField = options.entraField === undefined ? ENTRA_FIELD[vendor] : options.entraField;
  await ok(t.call('PUT', `/api/integrations/${id}/rmm/parameters`, { token, body: { entraDeviceIdField: entraField } }));
  return { id, sites };
}

/** The result of the sync Finish started in the background, once it has ended. */
export async function firstSync(t: TestApp, id: string): Promise<RmmSyncResult> {
  const run = t.backgroundSync(id);
  if (!run) throw new Error(`no background sync of ${id} was started`);
  const result = await run;
  if (!result) throw new Error(`the background sync of ${id} ended without a result`);
  return result;
}

/** Saves the mapping section again (e.g. to unmap a site). */
export async function saveMapping(t: TestApp, id: string, sites: SiteView[], options: ConnectOptions & { token?: string } = {}) {
  const token = options.token ?? (await t.token(options.partner ?? 'partner-a'));
  const byName = new Map(sites.map((s) => [s.name, s]));
  const mappings = Object.entries(options.map ?? {}).map(([name, organizationId]) => {
    const site = byName.get(name);
    if (!site) throw new Error(`no site named ${name}`);
    return { siteId: site.id, siteName: site.name, siteType: site.type, organizationId, ignoreAutoMap: organizationId === null };
  });
  return ok(t.call('PUT', `/api/integrations/${id}/rmm/mapping`, {
    token, body: { userActivityOrganizationId: 'org-internal', autoMapExact: options.autoMap ?? true, siteTypes: options.siteTypes ?? ['managed'], mappings },
  }));
}

export async function syncNow(t: TestApp, id: string, token?: string) {
  const res = await t.call('POST', `/api/integrations/${id}/rmm/sync`, { token: token ?? (await t.token()) });
  return { status: res.status, body: await res.json() };
}

export async function getJson(t: TestApp, path: string, token?: string) {
  const res = await t.call('GET', path, { token: token ?? (await t.token()) });
  return { status: res.status, body: await res.json(), contentType: res.headers.get('content-type') };
}

/** A sandbox `_control/` call with any method. */
export async function ctl(sandbox: SandboxServer, vendor: RmmTestVendor, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) {
  const res = await fetch(`${sandbox.origin}/sandbox/${vendor}/_control/${path}`, {
    method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

async function ok(pending: Promise<Response>, status = 200) {
  const res = await pending;
  const body = await res.json();
  if (res.status !== status) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body)}`);
  return body;
}
