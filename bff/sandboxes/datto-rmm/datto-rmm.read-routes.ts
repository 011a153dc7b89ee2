/**
 * @module The Datto RMM sandbox's read operations under `/api/v2`: account, sites, devices (per
 * site and account-wide), users, open/resolved alerts, pagination and request-rate status. Lists
 * page with `page`/`max` and `pageDetails`; activity logs live in their own module.
 */
import { Hono, type Context } from 'hono';
import type { SandboxState } from '../common/sandbox-kit.js';
import { apiError, DATTO_MESSAGES } from './datto-rmm.errors.js';
import type { DattoRateLimits } from './datto-rmm.rate-limits.js';
import type { DattoAlertRecord, DattoDeviceRecord, DattoRmmData } from './datto-rmm.records.js';
import {
  accountToWire,
  alertToWire,
  deviceCounts,
  deviceToWire,
  MAX_PAGE_SIZE,
  pageOf,
  pageParams,
  siteToWire,
  userToWire,
} from './datto-rmm.wire.js';

/** Datto's LIKE filters match anywhere in the value, ignoring case. */
function like(value: string | null | undefined, pattern: string | undefined): boolean {
  if (pattern === undefined || pattern === '') return true;
  return (value ?? '').toLowerCase().includes(pattern.toLowerCase());
}

export function readRoutes(state: SandboxState<DattoRmmData>, limits: DattoRateLimits): Hono {
  const api = new Hono();
  const siteMap = () => new Map(state.data.sites.map((s) => [s.uid, s]));

  const devicesPage = (c: Context, devices: readonly DattoDeviceRecord[]) => {
    const params = pageParams(c);
    if (!params) return apiError(c, 400, DATTO_MESSAGES.badRequest);
    const { slice, pageDetails } = pageOf(c, devices, params.page, params.max);
    const sites = siteMap();
    return c.json({ pageDetails, devices: slice.map((d) => deviceToWire(d, sites.get(d.siteUid))) });
  };

  const alertsPage = (c: Context, alerts: readonly DattoAlertRecord[]) => {
    const params = pageParams(c);
    if (!params) return apiError(c, 400, DATTO_MESSAGES.badRequest);
    // Alerts can no longer be muted (spec, since 8.9.0), so `muted=true` finds none.
    const visible = c.req.query('muted') === 'true' ? [] : alerts;
    const { slice, pageDetails } = pageOf(c, visible, params.page, params.max);
    const devices = new Map(state.data.devices.map((d) => [d.uid, d]));
    const sites = siteMap();
    return c.json({
      pageDetails,
      alerts: slice.map((a) => {
        const device = devices.get(a.deviceUid);
        return alertToWire(a, device, device ? sites.get(device.siteUid) : undefined);
      }),
    });
  };

  api.get('/account', (c) => c.json(accountToWire(state.data)));

  api.get('/account/sites', (c) => {
    const params = pageParams(c);
    if (!params) return apiError(c, 400, DATTO_MESSAGES.badRequest);
    const sites = state.data.sites.filter((s) => like(s.name, c.req.query('siteName')));
    const { slice, pageDetails } = pageOf(c, sites, params.page, params.max);
    const counts = deviceCounts(state.data);
    return c.json({ pageDetails, sites: slice.map((s) => siteToWire(s, state.data.account.uid, counts)) });
  });

  api.get('/site/:siteUid', (c) => {
    const site = state.data.sites.find((s) => s.uid === c.req.param('siteUid'));
    if (!site) return apiError(c, 404, DATTO_MESSAGES.siteNotFound);
    return c.json(siteToWire(site, state.data.account.uid, deviceCounts(state.data)));
  });

  api.get('/site/:siteUid/devices', (c) => {
    const siteUid = c.req.param('siteUid');
    // ASSUMPTION: the sandbox account has no device filters, so any filterId is "not found".
    if (!state.data.sites.some((s) => s.uid === siteUid) || c.req.query('filterId')) return apiError(c, 404, DATTO_MESSAGES.siteOrFilterNotFound);
    return devicesPage(c, state.data.devices.filter((d) => d.siteUid === siteUid));
  });

  api.get('/account/devices', (c) => {
    if (c.req.query('filterId')) return apiError(c, 404, 'Filter was not found.');
    const q = c.req.query();
    const filtered = q.hostname || q.deviceType || q.operatingSystem || q.siteName;
    if (!filtered) return devicesPage(c, state.data.devices);
    const sites = siteMap();
    return devicesPage(
      c,
      state.data.devices.filter(
        (d) => like(d.hostname, q.hostname) && like(d.category, q.deviceType) && like(d.operatingSystem, q.operatingSystem) && like(sites.get(d.siteUid)?.name, q.siteName),
      ),
    );
  });

  api.get('/device/:deviceUid', (c) => {
    const device = state.data.devices.find((d) => d.uid === c.req.param('deviceUid'));
    if (!device) return apiError(c, 404, DATTO_MESSAGES.deviceNotFound);
    return c.json(deviceToWire(device, siteMap().get(device.siteUid)));
  });

  api.get('/account/users', (c) => {
    const params = pageParams(c);
    if (!params) return apiError(c, 400, DATTO_MESSAGES.badRequest);
    const { slice, pageDetails } = pageOf(c, state.data.users, params.page, params.max);
    return c.json({ pageDetails, users: slice.map(userToWire) });
  });

  api.get('/account/alerts/open', (c) => alertsPage(c, state.data.alerts.filter((a) => !a.resolved)));
  api.get('/account/alerts/resolved', (c) => alertsPage(c, state.data.alerts.filter((a) => a.resolved)));
  const siteAlerts = (c: Context, resolved: boolean) => {
    const siteUid = c.req.param('siteUid');
    if (!state.data.sites.some((s) => s.uid === siteUid)) return apiError(c, 404, DATTO_MESSAGES.siteNotFound);
    const onSite = new Set(state.data.devices.filter((d) => d.siteUid === siteUid).map((d) => d.uid));
    return alertsPage(c, state.data.alerts.filter((a) => a.resolved === resolved && onSite.has(a.deviceUid)));
  };
  api.get('/site/:siteUid/alerts/open', (c) => siteAlerts(c, false));
  api.get('/site/:siteUid/alerts/resolved', (c) => siteAlerts(c, true));

  api.get('/system/pagination', (c) => c.json({ max: MAX_PAGE_SIZE }));
  api.get('/system/request_rate', (c) => c.json(limits.status(state.data.account.uid)));
  return api;
}
