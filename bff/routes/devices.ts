/**
 * @module Device routing calls for investigations (router or admin): an organization's devices,
 * and "which customer does this device belong to" by Microsoft Entra device id or hostname (the
 * correlation the seeds call Unify). Only live devices of mapped sites answer; every read is
 * scoped by the token's partner and runs on prepared statements.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { notFound, ProblemError } from '../errors.js';
import { requireRole } from '../middleware/auth.js';
import { validate } from '../middleware/validate.js';
import type { ApiDocs } from '../openapi.js';
import type { DeviceRow } from '../../db/repositories/devices.repo.js';

const orgParam = z.object({ id: z.string().min(1).max(100) });
const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  /** Part of the hostname, any letter case. */
  search: z.string().trim().min(1).max(100).optional(),
});
const ONE_OF = 'Give either entraDeviceId or hostname';
const lookupQuery = z.object({
  entraDeviceId: z.guid('entraDeviceId must be a GUID (the Microsoft Entra device id)').optional(),
  hostname: z.string().trim().min(1, 'hostname must not be empty').max(255).optional(),
}).superRefine((q, ctx) => {
  const given = [q.entraDeviceId, q.hostname].filter((v) => v !== undefined).length;
  if (given === 1) return;
  const message = given === 0 ? ONE_OF : `${ONE_OF}, not both`;
  for (const field of ['entraDeviceId', 'hostname']) ctx.addIssue({ code: 'custom', path: [field], message });
});

const deviceViewSchema = z.object({
  integrationId: z.string(),
  vendor: z.enum(['datto-rmm', 'syncro']),
  /** The device's id at the RMM (Datto device uid, Syncro asset id). */
  deviceId: z.string(),
  siteId: z.string(),
  hostname: z.string(),
  os: z.string().nullable(),
  lastSeen: z.string().nullable(),
  online: z.boolean(),
  entraDeviceId: z.string().nullable(),
  /** When our copy last changed (the RMM sync writes it). */
  updatedAt: z.string(),
});
const organizationRefSchema = z.object({ id: z.string(), name: z.string() });
const lookupView = z.object({
  device: deviceViewSchema,
  organization: organizationRefSchema,
  /** Live devices that matched (hostnames are not unique); `device` is the best: online, then last seen. */
  matches: z.number(),
});
const listView = z.object({
  organization: organizationRefSchema, devices: z.array(deviceViewSchema), total: z.number(), limit: z.number(), offset: z.number(),
  /** Live devices of this organization per RMM integration id, whatever the search (the Applications tab counts these). */
  byIntegration: z.record(z.string(), z.number()),
});

function toDeviceView(m: DeviceRow): z.infer<typeof deviceViewSchema> {
  return {
    integrationId: m.integrationId, vendor: m.vendor as 'datto-rmm' | 'syncro', deviceId: m.deviceId, siteId: m.siteId, hostname: m.hostname,
    os: m.os, lastSeen: m.lastSeen, online: m.online, entraDeviceId: m.entraDeviceId, updatedAt: m.updatedAt,
  };
}

export function deviceRoutes(deps: AppDeps, docs: ApiDocs) {
  const { devices, organizations } = deps.repos;
  docs.add(
    { method: 'get', path: '/api/organizations/{id}/devices', summary: 'An organization’s devices from its mapped RMM sites (paged, optional hostname search)', tag: 'devices', roles: ['router', 'admin'], params: orgParam, query: listQuery, response: { status: 200, schema: listView } },
    { method: 'get', path: '/api/devices/lookup', summary: 'The device and its organization, by Microsoft Entra device id or hostname (exactly one)', tag: 'devices', roles: ['router', 'admin'], query: lookupQuery, response: { status: 200, schema: lookupView, description: 'Found; a removed device or one of an unmapped site is a 404 problem' } },
  );
  // Per route, not `.use()`: this app is mounted at /api, where a catch-all middleware would guard every route after it.
  const readers = requireRole('router', 'admin');

  return new Hono<AppEnv>()
    .get('/organizations/:id/devices', readers, validate('param', orgParam), validate('query', listQuery), async (c) => {
      const partner = c.get('principal').partner;
      const { id } = c.req.valid('param');
      const organization = await organizations.get(partner, id);
      if (!organization) throw notFound(`Organization ${id}`);
      const { limit, offset, search } = c.req.valid('query');
      const [page, byIntegration] = await Promise.all([
        devices.listForOrganization(partner, id, { limit, offset, search }),
        devices.countForOrganizationByIntegration(partner, id),
      ]);
      return c.json({ organization: { id: organization.id, name: organization.name }, devices: page.devices.map(toDeviceView), total: page.total, limit, offset, byIntegration }, 200);
    })
    .get('/devices/lookup', readers, validate('query', lookupQuery), async (c) => {
      const partner = c.get('principal').partner;
      const q = c.req.valid('query');
      const found = q.entraDeviceId ? await devices.findByEntraDeviceId(partner, q.entraDeviceId.toLowerCase()) : await devices.findByHostname(partner, q.hostname!);
      const best = found[0];
      if (!best) {
        const key = q.entraDeviceId ? `Entra device id ${q.entraDeviceId}` : `hostname ${q.hostname}`;
        throw new ProblemError(404, 'device_not_found', 'Device not found', `No device with ${key} is in a mapped organization.`);
      }
      return c.json({ device: toDeviceView(best), organization: { id: best.organizationId, name: best.organizationName }, matches: found.length }, 200);
    });
}
