/**
 * @module The Datto RMM sandbox's write operations under `/api/v2`, with Datto's verb convention
 * (PUT creates, POST updates): create and update a site, move a device, set UDFs, resolve an alert.
 * Each counts against its per-operation write limit and is listed in `_control/writes`.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { SandboxState } from '../common/sandbox-kit.js';
import { apiError, DATTO_MESSAGES, rateLimited } from './datto-rmm.errors.js';
import { createSite, moveDevice } from './datto-rmm.mutations.js';
import type { DattoRateLimits } from './datto-rmm.rate-limits.js';
import type { DattoRmmData } from './datto-rmm.records.js';
import { deviceCounts, siteToWire, UDF_COUNT } from './datto-rmm.wire.js';

const siteRequest = z.object({
  name: z.string().trim().min(1),
  description: z.string().nullish(),
  notes: z.string().nullish(),
  onDemand: z.boolean().nullish(),
  splashtopAutoInstall: z.boolean().nullish(),
});

/** UDF values are at most 255 characters (facts A3, help page). */
const udfRequest = z.record(z.string().regex(/^udf\d+$/), z.string().max(255).nullable());

async function body(c: Context): Promise<unknown> {
  return c.req.json().catch(() => undefined);
}

export function writeRoutes(state: SandboxState<DattoRmmData>, limits: DattoRateLimits): Hono {
  const api = new Hono();
  const limited = (c: Context, operation: string) => {
    const wait = limits.write(operation);
    return wait > 0 ? rateLimited(c, wait) : null;
  };

  api.put('/site', async (c) => {
    const over = limited(c, 'site-create');
    if (over) return over;
    const parsed = siteRequest.safeParse(await body(c));
    if (!parsed.success) return apiError(c, 400, DATTO_MESSAGES.invalidRequest);
    const site = createSite(state.data, { ...parsed.data, onDemand: parsed.data.onDemand ?? false, splashtopAutoInstall: parsed.data.splashtopAutoInstall ?? false });
    state.recordWrite('site', site.uid, parsed.data);
    return c.json(siteToWire(site, state.data.account.uid, deviceCounts(state.data)));
  });

  api.post('/site/:siteUid', async (c) => {
    const over = limited(c, 'site-update');
    if (over) return over;
    const site = state.data.sites.find((s) => s.uid === c.req.param('siteUid'));
    if (!site) return apiError(c, 404, DATTO_MESSAGES.siteNotFound);
    const parsed = siteRequest.safeParse(await body(c));
    if (!parsed.success) return apiError(c, 400, DATTO_MESSAGES.invalidRequest);
    const input = parsed.data;
    site.name = input.name;
    if (input.description !== undefined) site.description = input.description;
    if (input.notes !== undefined) site.notes = input.notes;
    if (input.onDemand != null) site.onDemand = input.onDemand;
    if (input.splashtopAutoInstall != null) site.splashtopAutoInstall = input.splashtopAutoInstall;
    state.recordWrite('site.update', site.uid, input);
    return c.json(siteToWire(site, state.data.account.uid, deviceCounts(state.data)));
  });

  api.put('/device/:deviceUid/site/:siteUid', (c) => {
    const over = limited(c, 'device-move');
    if (over) return over;
    const device = state.data.devices.find((d) => d.uid === c.req.param('deviceUid'));
    const site = state.data.sites.find((s) => s.uid === c.req.param('siteUid'));
    if (!device || !site) return apiError(c, 404, DATTO_MESSAGES.deviceOrSiteNotFound);
    moveDevice(state.data, device, site, 'api');
    state.recordWrite('device.move', device.uid, { siteUid: site.uid });
    return c.body(null, 200);
  });

  api.post('/device/:deviceUid/udf', async (c) => {
    const over = limited(c, 'device-udf-set');
    if (over) return over;
    const device = state.data.devices.find((d) => d.uid === c.req.param('deviceUid'));
    if (!device) return apiError(c, 404, DATTO_MESSAGES.deviceNotFound);
    const parsed = udfRequest.safeParse(await body(c));
    if (!parsed.success || Object.keys(parsed.data).some((k) => Number(k.slice(3)) < 1 || Number(k.slice(3)) > UDF_COUNT)) {
      return apiError(c, 400, DATTO_MESSAGES.invalidRequest);
    }
    // A UDF sent empty becomes null; UDFs not sent keep their values (spec).
    for (const [key, value] of Object.entries(parsed.data)) {
      if (value === null || value === '') delete device.udf[key];
      else device.udf[key] = value;
    }
    state.recordWrite('device.udf', device.uid, parsed.data);
    return c.body(null, 200);
  });

  api.post('/alert/:alertUid/resolve', (c) => {
    const over = limited(c, 'alert-resolve');
    if (over) return over;
    const alert = state.data.alerts.find((a) => a.alertUid === c.req.param('alertUid'));
    if (!alert) return apiError(c, 404, DATTO_MESSAGES.alertNotFound);
    if (!alert.resolved) {
      alert.resolved = true;
      alert.resolvedOn = Date.now();
      alert.resolvedBy = 'api-integration';
    }
    state.recordWrite('alert.resolve', alert.alertUid, {});
    return c.body(null, 200);
  });
  return api;
}
