/**
 * @module Text no database can store, and credentials no header can carry, are refused at the
 * boundary with a 400 naming the field, on SQLite and on PostgreSQL (test/vitest.pg.config.ts runs
 * this file again). Property-style: every string leaf (and object key) of a valid body of every route
 * that takes text is replaced in turn with NUL, a lone surrogate or a reversed pair; every
 * credential with CR/LF, a tab or a bell; query strings and path parameters too. Also the wizard
 * draft's depth and size bounds: a 10,000-deep snapshot is a 400, not a stack overflow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATALOG, DEMO_ORGANIZATIONS } from '../../bff/demo/demo-organizations.js';
import { SEVERITIES } from '../../bff/contracts/psa-settings.js';
import { PSA_SANDBOX_KITS } from '../../bff/sandboxes/index.js';
import { createTestApp, type TestApp } from '../helpers/create-test-app.js';
import { startSandboxServer } from '../helpers/sandbox-server.js';
import type { RunningServer } from '../helpers/serve.js';

const UNSTORABLE = ['\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\udc00\ud800'];
const HEADER_UNSAFE = ['a\r\nX-Injected: 1', 'line\nbreak', 'tab\tbed', 'bell\u0007'];
const DATTO = { platform: 'merlot', apiKey: 'sandbox-key', apiSecret: 'sandbox-secret' };
const SYNCRO = { subdomain: 'sandbox', apiToken: 'sandbox-token' };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Case { method: string; path: string; body: Json; role?: 'admin' | 'router' }

let sandbox: RunningServer;
let t: TestApp;
let psaId: string;
let rmmId: string;

beforeAll(async () => {
  sandbox = await startSandboxServer();
  t = await createTestApp({ sandboxOrigin: sandbox.origin });
  await t.call('PUT', '/api/organizations', { body: { organizations: DEMO_ORGANIZATIONS.map((o) => ({ id: o.id, name: o.name, billableUsers: o.billableUsers })), catalog: DEMO_CATALOG } });
  const psa = await t.call('POST', '/api/integrations', { body: { vendor: 'autotask', credentials: PSA_SANDBOX_KITS.autotask.credentials } });
  expect(psa.status).toBe(201);
  psaId = ((await psa.json()) as { id: string }).id;
  const rmm = await t.call('POST', '/api/integrations', { body: { vendor: 'datto-rmm', credentials: DATTO, userActivityOrganizationId: 'org-internal' } });
  expect(rmm.status).toBe(201);
  rmmId = ((await rmm.json()) as { id: string }).id;
});
afterAll(async () => {
  await t?.close();
  await sandbox?.close();
});

const alert = {
  id: 'alert-1', organizationId: 'org-acme', severity: 'high', alertType: 'at-malware', title: 'Malware on {host}', description: 'Found it',
  user: { email: 'kim@acme.example', name: 'Kim' }, respondRuleId: 'rr-1', iocRuleId: 'ioc-1', occurredAt: '2026-12-01T10:00:00Z',
};

/** One valid-shaped body per route that takes text (the integration ids exist once beforeAll ran). */
function cases(): Case[] {
  return [
    { method: 'POST', path: '/api/integrations', body: { vendor: 'syncro', credentials: SYNCRO } },
    { method: 'PUT', path: `/api/integrations/${psaId}/credentials`, body: { credentials: PSA_SANDBOX_KITS.autotask.credentials } },
    { method: 'PUT', path: '/api/organizations', body: { organizations: [{ id: 'org-x', name: 'X Corp', billableUsers: 3 }], catalog: { alertTypes: [{ id: 'at-x', name: 'X alert' }] } } },
    { method: 'POST', path: '/api/organizations/pending', body: { name: 'Pending Co' } },
    { method: 'PUT', path: `/api/integrations/${psaId}/psa/account-mapping`, body: {
      attachContacts: true, catchAllAccountId: '1', catchAllAccountName: 'Acme', catchAllContactId: '2', catchAllContactName: 'Kim',
      mappings: [{ organizationId: 'org-acme', psaAccountId: '1', psaAccountName: 'Acme', contactId: null, contactName: null }],
    } },
    { method: 'PUT', path: `/api/integrations/${psaId}/psa/ticket-settings`, body: {
      categoryId: '1', typeId: '1', statusId: '1', queueId: '1', sourceId: '1', subjectTemplate: '{user} – {alert}',
      priorityMap: Object.fromEntries(SEVERITIES.map((s) => [s, '1'])), note: { typeId: '1', visibilityId: 'internal', titleTemplate: '{alert}' },
      issueTypeId: null, subIssueTypeId: null, overrides: { alertTypes: [{ key: 'at-malware', keyName: 'Malware', issueTypeId: '1', subIssueTypeId: null }], respondRules: [], iocRules: [] },
    } },
    { method: 'PUT', path: `/api/integrations/${psaId}/psa/contract-settings`, body: {
      syncBillableUsers: false, userSyncDay: null, defaultServiceId: null, defaultServiceName: null,
      mappings: [{ organizationId: 'org-acme', contractId: '1', contractName: 'Contract', serviceId: '2', serviceName: 'Service' }],
    } },
    { method: 'POST', path: `/api/integrations/${psaId}/psa/services`, body: { name: 'SIEM per user', description: 'Per user', unitCost: 2, unitPrice: 5 } },
    { method: 'PUT', path: `/api/integrations/${rmmId}/rmm/mapping`, body: {
      autoMapExact: true, siteTypes: ['managed'], mappings: [{ siteId: 's1', siteName: 'Site', siteType: 'managed', organizationId: 'org-acme', ignoreAutoMap: false }],
    } },
    { method: 'PUT', path: `/api/integrations/${rmmId}/rmm/parameters`, body: { entraDeviceIdField: 'udf1' } },
    { method: 'POST', path: '/api/routing/alerts', body: alert, role: 'router' },
    { method: 'POST', path: '/api/routing/preview', body: alert },
    { method: 'PUT', path: '/api/wizard-drafts/psa:autotask', body: { machineVersion: 1, snapshot: { value: 'credentials', context: { vendor: 'autotask', names: ['Acme'] } } } },
  ];
}

/** Every string leaf of a body, as [dotted path, path steps]; object keys as leaves too (kind 'key'). */
function leaves(value: Json, path: Array<string | number> = []): Array<{ path: Array<string | number>; kind: 'value' | 'key' }> {
  if (typeof value === 'string') return [{ path, kind: 'value' }];
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [{ path: [...path, k], kind: 'key' as const }, ...leaves(v, [...path, k])]);
  }
  return [];
}

function mutate(body: Json, path: Array<string | number>, kind: 'value' | 'key', bad: string): Json {
  const copy = structuredClone(body) as Record<string | number, Json>;
  let parent: Record<string | number, Json> = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (kind === 'value') parent[last] = bad;
  else {
    parent[`${String(last)}${bad}`] = parent[last]!;
    delete parent[last];
  }
  return copy;
}

async function send(c: { method: string; path: string; body?: Json; role?: 'admin' | 'router'; partner?: string }): Promise<{ status: number; type: string; fields: string[] }> {
  const res = await t.call(c.method, c.path, { body: c.body, token: await t.token(c.partner ?? 'partner-a', c.role ?? 'admin') });
  const type = res.headers.get('content-type') ?? '';
  const body = (await res.json().catch(() => ({}))) as { errors?: Array<{ field: string }> };
  return { status: res.status, type, fields: (body.errors ?? []).map((e) => e.field) };
}

describe('text that cannot be stored', () => {
  it('is refused in every string and key of every route’s body: 400 problem+json naming the field, never 5xx', async () => {
    const wrong: string[] = [];
    let sent = 0;
    for (const c of cases()) {
      for (const leaf of leaves(c.body)) {
        for (const bad of UNSTORABLE) {
          const field = leaf.kind === 'value' ? leaf.path.join('.') : [...leaf.path.slice(0, -1), `${String(leaf.path[leaf.path.length - 1])}${bad}`].join('.');
          const answer = await send({ ...c, body: mutate(c.body, leaf.path, leaf.kind, bad) });
          sent++;
          if (answer.status !== 400 || !answer.type.startsWith('application/problem+json') || !answer.fields.includes(field)) {
            wrong.push(`${c.method} ${c.path} ${leaf.kind} ${JSON.stringify(field)} = ${JSON.stringify(bad)}: ${answer.status} ${JSON.stringify(answer.fields)}`);
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(500);
    expect(wrong).toEqual([]);
  });

  it('is refused in query strings and path parameters', async () => {
    const wrong: string[] = [];
    for (const bad of UNSTORABLE.filter((b) => !/[\ud800-\udfff]/.test(b))) {
      const q = encodeURIComponent(bad);
      for (const [method, path, field, body] of [
        ['GET', `/api/integrations/${psaId}/psa/accounts?search=${q}`, 'query.search'],
        ['GET', `/api/devices/lookup?hostname=${q}`, 'query.hostname'],
        ['PATCH', `/api/organizations/${q}`, 'param.id', { ticketDelivery: true }],
      ] as Array<[string, string, string, Json | undefined]>) {
        const answer = await send({ method, path, body });
        if (answer.status !== 400 || !answer.fields.includes(field)) wrong.push(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.fields)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('credentials no HTTP header can carry', () => {
  // New integrations in a partner that has none yet (partner-a's PSA would answer 409 first); Datto's through a credential change.
  const credentialCases = (): Array<{ path: string; method: string; vendor: string; credentials: Record<string, string> }> => [
    ...Object.values(PSA_SANDBOX_KITS).map((k) => ({ method: 'POST', path: '/api/integrations', vendor: k.vendor, credentials: k.credentials as Record<string, string> })),
    { method: 'POST', path: '/api/integrations', vendor: 'syncro', credentials: SYNCRO },
    { method: 'PUT', path: `/api/integrations/${rmmId}/credentials`, vendor: 'datto-rmm', credentials: DATTO },
    { method: 'PUT', path: `/api/integrations/${psaId}/credentials`, vendor: 'autotask', credentials: PSA_SANDBOX_KITS.autotask.credentials as Record<string, string> },
  ];

  it('refuses CR/LF, tabs and control characters in every credential of every vendor, on that field', async () => {
    const wrong: string[] = [];
    let fresh = 0;
    for (const c of credentialCases()) {
      // Choices (server, platform, site) are enums; every typed credential is checked.
      for (const key of Object.keys(c.credentials).filter((k) => !['server', 'platform', 'site'].includes(k))) {
        for (const bad of HEADER_UNSAFE) {
          const credentials = { ...c.credentials, [key]: `${c.credentials[key] || 'x'}${bad}` };
          const body: Json = c.method === 'POST' ? { vendor: c.vendor, credentials } : { credentials };
          const answer = await send({ method: c.method, path: c.path, body, partner: c.method === 'POST' ? `partner-${++fresh}` : 'partner-a' });
          if (answer.status !== 400 || !answer.fields.includes(`credentials.${key}`)) wrong.push(`${c.vendor} ${key} ${JSON.stringify(bad)}: ${answer.status} ${JSON.stringify(answer.fields)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses characters beyond Latin-1 in credentials sent as header values (Autotask secret, Syncro token)', async () => {
    const autotask = await send({ method: 'POST', path: '/api/integrations', body: { vendor: 'autotask', credentials: { ...PSA_SANDBOX_KITS.autotask.credentials, secret: 'pa€€word' } }, partner: 'partner-b' });
    const syncro = await send({ method: 'POST', path: '/api/integrations', body: { vendor: 'syncro', credentials: { ...SYNCRO, apiToken: 'tok—en' } }, partner: 'partner-b' });
    expect([autotask.status, autotask.fields]).toEqual([400, ['credentials.secret']]);
    expect([syncro.status, syncro.fields]).toEqual([400, ['credentials.apiToken']]);
  });
});

describe('wizard draft bounds', () => {
  const put = (snapshot: unknown) => t.call('PUT', '/api/wizard-drafts/psa:autotask', { rawBody: `{"machineVersion":1,"snapshot":${typeof snapshot === 'string' ? snapshot : JSON.stringify(snapshot)}}` });
  const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

  it('refuses a 10,000-deep snapshot with 400 naming it (no stack overflow)', async () => {
    const res = await put(nested(10_000));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toEqual(['snapshot']);
  });

  it('refuses a snapshot deeper than 64 levels or larger than 2 million characters, and keeps a normal one', async () => {
    const deep = await put(nested(80));
    expect(deep.status).toBe(400);
    expect(((await deep.json()) as { errors: Array<{ field: string; message: string }> }).errors).toEqual([{ field: 'snapshot', message: 'is nested deeper than 64 levels' }]);
    const large = await put({ value: 'x', context: { blob: 'x'.repeat(2_000_001) } });
    expect(large.status).toBe(400);
    expect(((await large.json()) as { errors: Array<{ field: string; message: string }> }).errors).toEqual([{ field: 'snapshot', message: 'is larger than 2,000,000 characters' }]);
    expect((await put(nested(60))).status).toBe(204);
  });
});
