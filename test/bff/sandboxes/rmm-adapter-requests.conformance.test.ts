/**
 * @module What the Datto RMM and Syncro adapters send, held to each vendor's own OpenAPI document
 * while they run everything they do against the sandbox over HTTP: every call is an operation the
 * document has (Datto: both builds kept in test/fixtures/vendor-specs), and every query parameter
 * is one it declares, with a value of the declared type. The sandboxes' answers are held to the
 * same documents by datto-rmm.conformance.test.ts and syncro.conformance.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RmmAdapter } from '../../../bff/vendors/rmm-adapter.js';
import { createAdapterContext, sandboxEndpoints } from '../../../bff/vendors/adapter-context.js';
import { createDattoRmmAdapter } from '../../../bff/vendors/datto-rmm/datto-rmm.adapter.js';
import { createSyncroAdapter } from '../../../bff/vendors/syncro/syncro.adapter.js';
import { loadSpec } from '../../helpers/openapi-conformance.js';
import { startSandboxServer } from '../../helpers/sandbox-server.js';
import { control, type RunningServer } from '../../helpers/serve.js';

interface Call { method: string; path: string; query: Array<[string, string]> }

const VENDORS = {
  'datto-rmm': {
    specs: ['datto-rmm-api-v2-openapi-3.1-build201-zinfandel.json', 'datto-rmm-api-v2-openapi-3.1-build1.22.1-merlot.json'],
    /** The document's paths start below `/api` (its server URL ends there); the token endpoint is outside it. */
    base: /^\/sandbox\/datto-rmm\/api/,
    outside: /\/auth\/oauth\/token$/,
    create: (ctx: ReturnType<typeof createAdapterContext>) => createDattoRmmAdapter(ctx, { platform: 'merlot', apiKey: 'sandbox-key', apiSecret: 'sandbox-secret' }),
    operations: ['GET /v2/account', 'GET /v2/account/sites', 'GET /v2/account/devices', 'GET /v2/site/{siteUid}/devices', 'GET /v2/activity-logs'],
  },
  syncro: {
    specs: ['syncro-api-v1-openapi-3.0-official-swagger.json'],
    base: /^\/sandbox\/syncro\/[^/]+\/api\/v1/,
    outside: /^$/,
    create: (ctx: ReturnType<typeof createAdapterContext>) => createSyncroAdapter(ctx, { subdomain: 'sandbox', apiToken: 'sandbox-token' }),
    operations: ['GET /me', 'GET /customers', 'GET /customer_assets'],
  },
} as const;

/** Everything an RMM adapter reads: the account, sites, devices (account-wide and per site, every page), activity and custom fields. */
async function runEverything(adapter: RmmAdapter): Promise<void> {
  await adapter.validateCredentials();
  const sites = await adapter.listSites();
  for (let cursor: string | null = null, first = true; first || cursor; first = false) cursor = (await adapter.listDevices({ siteId: null, cursor })).next;
  const busy = sites.find((s) => s.deviceCount !== 0) ?? sites[0]!;
  await adapter.listDevices({ siteId: busy.id, cursor: null });
  const activity = await adapter.listActivity({ cursor: null });
  if (activity.next) await adapter.listActivity({ cursor: activity.next });
  await adapter.listCustomFields();
}

describe('what the RMM adapters send, against the vendors’ OpenAPI documents', () => {
  let server: RunningServer;
  beforeAll(async () => { server = await startSandboxServer(); });
  afterAll(() => server.close());

  it('the value check itself refuses a value outside an enum', () => {
    const datto = loadSpec(VENDORS['datto-rmm'].specs[0]);
    expect(datto.checkQueryValue('GET', '/v2/activity-logs', 'order', 'asc')).toEqual([]);
    expect(datto.checkQueryValue('GET', '/v2/activity-logs', 'page', 'after')).toEqual(['?page=after is not one of next, previous']);
    expect(datto.checkQueryValue('GET', '/v2/account/sites', 'max', '2.5')).toEqual(['?max=2.5 is not an integer']);
  });

  for (const [vendor, setup] of Object.entries(VENDORS)) {
    it(`${vendor}: every call is a documented operation, with declared query parameters of the declared types`, async () => {
      await control(server.origin, vendor, 'reset');
      const calls: Call[] = [];
      const fetchImpl: typeof fetch = (input, init) => {
        const url = new URL(String(input));
        if (!setup.outside.test(url.pathname)) calls.push({ method: init?.method ?? 'GET', path: url.pathname.replace(setup.base, ''), query: [...url.searchParams] });
        return fetch(input, init);
      };
      await runEverything(setup.create(createAdapterContext(sandboxEndpoints(server.origin, 'unused'), { fetchImpl, timeoutMs: 5_000 })));
      expect(calls.length).toBeGreaterThan(3);
      for (const file of setup.specs) {
        const spec = loadSpec(file);
        const problems = calls.flatMap((x) => {
          const template = spec.templateOf(x.method, x.path);
          if (!template) return [`${x.method} ${x.path} is not in ${file}`];
          const declared = spec.queryParameters(x.method, template);
          return x.query.flatMap(([name, value]) => (declared.has(name.toLowerCase())
            ? spec.checkQueryValue(x.method, template, name, value).map((p) => `${x.method} ${template} ${p}`)
            : [`${x.method} ${template} ?${name} is not declared in ${file}`]));
        });
        expect([...new Set(problems)]).toEqual([]);
        expect([...new Set(calls.map((x) => `${x.method} ${spec.templateOf(x.method, x.path)}`))]).toEqual(setup.operations);
      }
    });
  }
});
