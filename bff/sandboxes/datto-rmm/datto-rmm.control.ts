/**
 * @module The Datto RMM sandbox's own `_control/` routes beside the kit's reset/seed/faults: add and
 * remove sites, add, move and remove devices (so an RMM sync has something to notice), expire every
 * token (the 100-hour limit, rehearsed), drop the API user below Administrator, and log activity.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { SandboxState } from '../common/sandbox-kit.js';
import type { DattoTokenStore } from './datto-rmm.auth.js';
import { actor, addDevice, appendActivity, createSite, isSystemSite, moveDevice, removeDevice, removeSite } from './datto-rmm.mutations.js';
import { ENTRA_UDF, SeedRandom, userActivity, type DattoRmmData } from './datto-rmm.records.js';
import { deviceCounts, deviceToWire, siteToWire } from './datto-rmm.wire.js';

const newSite = z.object({
  name: z.string().trim().min(1).max(200),
  onDemand: z.boolean().default(false),
  description: z.string().max(500).nullish(),
});

const newDevice = z.object({
  siteUid: z.string().min(1),
  hostname: z.string().trim().min(1).max(63),
  category: z.enum(['Desktop', 'Laptop', 'Server']).optional(),
  operatingSystem: z.string().max(200).optional(),
  online: z.boolean().optional(),
  /** Shorthand for the UDF that holds the Entra device id in the sandbox account. */
  entraDeviceId: z.guid().optional(),
  udf: z.record(z.string().regex(/^udf\d+$/), z.string().max(255)).optional(),
});

const move = z.object({ siteUid: z.string().min(1) });
const apiUser = z.object({ administrator: z.boolean() });
const newActivity = z.object({ userName: z.string().optional(), action: z.string().min(1).default('login') });

async function json(c: { req: { json(): Promise<unknown> } }): Promise<unknown> {
  return c.req.json().catch(() => ({}));
}

export function dattoControl(tokens: DattoTokenStore) {
  return (control: Hono, state: SandboxState<DattoRmmData>): void => {
    const data = () => state.data;
    const siteJson = (uid: string) => {
      const site = data().sites.find((s) => s.uid === uid)!;
      return siteToWire(site, data().account.uid, deviceCounts(data()));
    };

    control.post('/sites', async (c) => {
      const parsed = newSite.safeParse(await json(c));
      if (!parsed.success) return c.json({ error: parsed.error.issues }, 400);
      const site = createSite(data(), parsed.data);
      return c.json(siteJson(site.uid), 201);
    });

    control.delete('/sites/:uid', (c) => {
      const site = data().sites.find((s) => s.uid === c.req.param('uid'));
      if (!site) return c.json({ error: 'no such site' }, 404);
      if (isSystemSite(site)) return c.json({ error: `"${site.name}" is a system site and cannot be removed` }, 409);
      const queued = removeSite(data(), site);
      return c.json({ ok: true, devicesQueuedForDeletion: queued });
    });

    control.post('/devices', async (c) => {
      const parsed = newDevice.safeParse(await json(c));
      if (!parsed.success) return c.json({ error: parsed.error.issues }, 400);
      const { siteUid, entraDeviceId, udf, ...rest } = parsed.data;
      const site = data().sites.find((s) => s.uid === siteUid);
      if (!site) return c.json({ error: 'no such site' }, 404);
      const device = addDevice(data(), site, { ...rest, udf: { ...udf, ...(entraDeviceId ? { [ENTRA_UDF]: entraDeviceId } : {}) } });
      return c.json(deviceToWire(device, site), 201);
    });

    control.post('/devices/:uid/move', async (c) => {
      const parsed = move.safeParse(await json(c));
      if (!parsed.success) return c.json({ error: parsed.error.issues }, 400);
      const device = data().devices.find((d) => d.uid === c.req.param('uid'));
      const site = data().sites.find((s) => s.uid === parsed.data.siteUid);
      if (!device || !site) return c.json({ error: 'no such device or site' }, 404);
      moveDevice(data(), device, site, 'portal');
      return c.json(deviceToWire(device, site));
    });

    control.delete('/devices/:uid', (c) => {
      const device = data().devices.find((d) => d.uid === c.req.param('uid'));
      if (!device) return c.json({ error: 'no such device' }, 404);
      const purge = c.req.query('purge') === 'true';
      removeDevice(data(), device, purge);
      return c.json({ ok: true, purged: purge, siteUid: purge ? null : device.siteUid });
    });

    control.post('/expire-tokens', (c) => c.json({ ok: true, expired: tokens.expireAll() }));

    control.post('/api-user', async (c) => {
      const parsed = apiUser.safeParse(await json(c));
      if (!parsed.success) return c.json({ error: parsed.error.issues }, 400);
      data().apiUserIsAdministrator = parsed.data.administrator;
      return c.json({ ok: true, administrator: parsed.data.administrator });
    });

    control.post('/activities', async (c) => {
      const parsed = newActivity.safeParse(await json(c));
      if (!parsed.success) return c.json({ error: parsed.error.issues }, 400);
      const user = data().users.find((u) => u.userName === parsed.data.userName) ?? actor(data(), 'portal');
      const entry = userActivity(new SeedRandom(data().random).guid(), Date.now(), user, 'user', parsed.data.action, {});
      appendActivity(data(), entry);
      return c.json({ ok: true, id: entry.id }, 201);
    });
  };
}
