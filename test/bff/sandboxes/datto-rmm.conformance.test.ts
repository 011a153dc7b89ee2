/**
 * @module Every Datto RMM sandbox answer the adapter reads (and the other reads and writes the
 * sandbox serves), fetched over real HTTP and validated against Datto's own OpenAPI documents: the
 * current zinfandel build and the older merlot build. The documented reality corrections (facts A3)
 * are checked first and then undone, so the rest of each body must match the spec as written.
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDattoRmmSandbox } from '../../../bff/sandboxes/datto-rmm/datto-rmm.sandbox.js';
import { loadSpec } from '../../helpers/openapi-conformance.js';
import { control, startServer, type RunningServer } from '../../helpers/serve.js';

const SPECS = ['datto-rmm-api-v2-openapi-3.1-build201-zinfandel.json', 'datto-rmm-api-v2-openapi-3.1-build1.22.1-merlot.json'];
/** Dates the spec types `string/date-time` that live accounts send as epoch milliseconds. */
const EPOCH_MS_FIELDS = new Set(['lastSeen', 'lastReboot', 'lastAuditDate', 'creationDate', 'created', 'lastAccess', 'timestamp', 'resolvedOn', 'actionTime']);

/**
 * Undoes the reality corrections: drops nulls (the spec models no nullability), turns epoch-ms
 * dates into ISO strings after checking they are integers, and sets aside `alertContext` (its
 * `@class` shapes match none of the spec's context schemas). Problems with the corrections
 * themselves are collected.
 */
function toSpecShape(value: unknown, problems: string[], contexts: unknown[], path = ''): unknown {
  if (Array.isArray(value)) return value.map((v, i) => toSpecShape(v, problems, contexts, `${path}/${i}`));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === null) continue;
    if (key === 'alertContext') {
      contexts.push(v);
      continue;
    }
    if (EPOCH_MS_FIELDS.has(key)) {
      if (!Number.isInteger(v)) problems.push(`${path}/${key} is not epoch milliseconds: ${JSON.stringify(v)}`);
      out[key] = new Date(v as number).toISOString();
      continue;
    }
    out[key] = toSpecShape(v, problems, contexts, `${path}/${key}`);
  }
  return out;
}

/** Alert context `@class` tags whose fields the spec models in a `*Context` schema. */
const CONTEXT_COMPONENTS: Record<string, string> = { disk_usage_ctx: 'DiskUsageContext', perf_disk_usage_ctx: 'DiskUsageContext' };

describe('Datto RMM sandbox conforms to the vendor OpenAPI documents', () => {
  let server: RunningServer;
  let base: string;
  let headers: Record<string, string>;
  const get = async (path: string) => {
    const res = await fetch(path.startsWith('http') ? path : `${base}/${path}`, { headers });
    expect(res.status, path).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    server = await startServer(new Hono().route('/sandbox/datto-rmm', createDattoRmmSandbox().app).fetch);
    base = `${server.origin}/sandbox/datto-rmm`;
    await control(server.origin, 'datto-rmm', 'seed', { scale: 300 });
    const res = await fetch(`${base}/auth/oauth/token`, {
      method: 'POST',
      headers: { Authorization: 'Basic cHVibGljLWNsaWVudDpwdWJsaWM=', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&username=sandbox-key&password=sandbox-secret',
    });
    const token = await res.json();
    headers = { Authorization: `Bearer ${token.access_token}` };
  });
  afterAll(() => server.close());

  it('issues the token the clients read (no spec covers the token endpoint)', async () => {
    const res = await fetch(`${base}/auth/oauth/token`, {
      method: 'POST',
      headers: { Authorization: 'Basic cHVibGljLWNsaWVudDpwdWJsaWM=', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&username=sandbox-key&password=sandbox-secret',
    });
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'jti', 'scope', 'token_type']);
    expect(body.token_type).toBe('bearer');
    expect(body.expires_in).toBeGreaterThan(359_990);
    expect(body.expires_in).toBeLessThanOrEqual(360_000);
  });

  for (const file of SPECS) {
    describe(file, () => {
      const spec = loadSpec(file);
      const conforms = (body: unknown, against: { component: string } | { path: string }) => {
        const problems: string[] = [];
        const contexts: unknown[] = [];
        const shaped = toSpecShape(body, problems, contexts);
        if ('component' in against) problems.push(...spec.checkComponent(against.component, shaped));
        else problems.push(...spec.check('get', against.path, 200, shaped));
        for (const ctx of contexts) {
          problems.push(...spec.checkComponent('AlertContext', ctx));
          // The contexts whose fields the spec does model are checked field by field (enums included).
          const component = CONTEXT_COMPONENTS[(ctx as { '@class': string })['@class']];
          if (component) {
            problems.push(...spec.checkComponent(component, ctx));
            contextsChecked.add(component);
          }
        }
        expect(problems).toEqual([]);
      };
      const contextsChecked = new Set<string>();

      it('GET /v2/account', async () => conforms(await get('api/v2/account'), { component: 'Account' }));

      it('GET /v2/account/sites, and a site by uid', async () => {
        const page = await get('api/v2/account/sites?max=10&page=0');
        conforms(page, { component: 'SitesPage' });
        expect(page.pageDetails.nextPageUrl).toMatch(new RegExp(`^${base}/api/v2/account/sites\\?`));
        conforms(await get(page.pageDetails.nextPageUrl), { component: 'SitesPage' });
        conforms(await get(`api/v2/site/${page.sites[3].uid}`), { component: 'Site' });
      });

      it('GET /v2/account/devices, /v2/site/{siteUid}/devices and /v2/device/{deviceUid}', async () => {
        const page = await get('api/v2/account/devices?max=250&page=0');
        conforms(page, { component: 'DevicesPage' });
        const second = await get(page.pageDetails.nextPageUrl);
        conforms(second, { component: 'DevicesPage' });
        expect(second.pageDetails.nextPageUrl).toBeNull();
        const sites = await get('api/v2/account/sites');
        const busy = sites.sites.find((s: { devicesStatus: { numberOfDevices: number } }) => s.devicesStatus.numberOfDevices > 0);
        conforms(await get(`api/v2/site/${busy.uid}/devices?max=250&page=0`), { component: 'DevicesPage' });
        conforms(await get(`api/v2/device/${page.devices[0].uid}`), { component: 'Device' });
      });

      it('GET /v2/activity-logs (the spec documents its 200 answer)', async () => {
        const page = await get('api/v2/activity-logs?size=100&order=asc&from=2000-01-01T00:00:00Z');
        // Activity dates are epoch seconds with a fraction, unlike every other date (facts A3).
        for (const a of page.activities) expect(a.date).toBeLessThan(1e11);
        expect(page.activities.some((a: { date: number }) => !Number.isInteger(a.date))).toBe(true);
        conforms(page, { path: '/v2/activity-logs' });
        conforms(await get(page.pageDetails.nextPageUrl), { path: '/v2/activity-logs' });
      });

      it('GET alerts: disk usage contexts use the spec’s unitOfMeasure and diskNameDesignation enums', async () => {
        const page = await get('api/v2/account/alerts/open');
        conforms(page, { component: 'AlertsPage' });
        expect(contextsChecked).toContain('DiskUsageContext');
        const disk = page.alerts.find((a: { alertContext: { '@class': string } }) => a.alertContext['@class'] === 'disk_usage_ctx').alertContext;
        expect(spec.checkComponent('DiskUsageContext', { ...disk, unitOfMeasure: 'GB' })).not.toEqual([]); // the check can fail
      });

      it('GET alerts, users, pagination and request rate', async () => {
        const sites = await get('api/v2/account/sites');
        conforms(await get('api/v2/account/alerts/open'), { component: 'AlertsPage' });
        conforms(await get('api/v2/account/alerts/resolved'), { component: 'AlertsPage' });
        conforms(await get(`api/v2/site/${sites.sites[4].uid}/alerts/open`), { component: 'AlertsPage' });
        conforms(await get('api/v2/account/users'), { component: 'UsersPage' });
        conforms(await get('api/v2/system/pagination'), { component: 'PaginationConfiguration' });
        conforms(await get('api/v2/system/request_rate'), { component: 'RateStatusResponse' });
      });

      it('PUT /v2/site answers with the created Site', async () => {
        const res = await fetch(`${base}/api/v2/site`, {
          method: 'PUT',
          headers: { ...headers, 'Content-Type': 'application/json' },
          body: JSON.stringify({ name: `Conformance ${file.slice(-12)}`, onDemand: false }),
        });
        expect(res.status).toBe(200);
        conforms(await res.json(), { component: 'Site' });
      });
    });
  }
});
