/**
 * @module The Syncro sandbox's own `_control/` routes beside the shared ones: add, change and
 * remove customers; add, move and remove assets; deny the token permissions; add subdomains.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { SandboxState } from '../common/sandbox-kit.js';
import { seededRandom } from '../common/sandbox-kit.js';
import { assetJson, customerJson } from './syncro-json.mapper.js';
import type { SyncroAssetRow, SyncroData } from './syncro-rows.js';
import { ENTRA_PROPERTY } from './syncro-rows.js';
import { guid } from './syncro.seed.js';

const newCustomerSchema = z.object({
  business_name: z.string().trim().min(1).nullable().optional(),
  firstname: z.string().optional(),
  lastname: z.string().optional(),
  email: z.string().optional(),
  disabled: z.boolean().optional(),
});

const changeCustomerSchema = z.object({
  business_name: z.string().trim().min(1).nullable().optional(),
  disabled: z.boolean().optional(),
});

const newAssetSchema = z.object({
  customerId: z.number().int(),
  name: z.string().trim().min(1),
  os: z.string().nullable().optional(),
  online: z.boolean().optional(),
  /** A GUID to store in the Entra property; `true` makes one up. */
  entraDeviceId: z.union([z.string(), z.literal(true)]).optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});

const permissionsSchema = z.object({ denied: z.array(z.string()) });
const subdomainsSchema = z.object({ subdomains: z.array(z.string().regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/)).max(100) });

export function extendSyncroControl(control: Hono, state: SandboxState<SyncroData>): void {
  const customerIndex = () => new Map(state.data.customers.map((c) => [c.id, c]));

  control.post('/customers', async (c) => {
    const parsed = newCustomerSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ error: parsed.error.issues }, 400);
    const at = new Date().toISOString();
    const row = {
      id: state.data.nextId.customer++,
      firstname: parsed.data.firstname ?? 'Control',
      lastname: parsed.data.lastname ?? 'Contact',
      businessName: parsed.data.business_name ?? null,
      email: parsed.data.email ?? null,
      phone: null,
      address: null,
      city: null,
      state: null,
      zip: null,
      disabled: parsed.data.disabled ?? false,
      createdAt: at,
      updatedAt: at,
      properties: {},
    };
    state.data.customers.push(row);
    return c.json({ customer: customerJson(row, state.data) }, 201);
  });

  control.patch('/customers/:id', async (c) => {
    const row = state.data.customers.find((x) => x.id === Number(c.req.param('id')));
    if (!row) return c.json({ error: 'no such customer' }, 404);
    const parsed = changeCustomerSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ error: parsed.error.issues }, 400);
    if (parsed.data.business_name !== undefined) row.businessName = parsed.data.business_name;
    if (parsed.data.disabled !== undefined) row.disabled = parsed.data.disabled;
    row.updatedAt = new Date().toISOString();
    return c.json({ customer: customerJson(row, state.data) });
  });

  // Syncro's customer DELETE is a hard delete (facts B2); its contacts and assets go with it.
  control.delete('/customers/:id', (c) => {
    const id = Number(c.req.param('id'));
    if (!state.data.customers.some((x) => x.id === id)) return c.json({ error: 'no such customer' }, 404);
    const before = state.data.assets.length;
    state.data.customers = state.data.customers.filter((x) => x.id !== id);
    state.data.contacts = state.data.contacts.filter((x) => x.customerId !== id);
    state.data.assets = state.data.assets.filter((a) => a.customerId !== id);
    return c.json({ ok: true, removedAssets: before - state.data.assets.length });
  });

  control.post('/assets', async (c) => {
    const parsed = newAssetSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ error: parsed.error.issues }, 400);
    const input = parsed.data;
    if (!state.data.customers.some((x) => x.id === input.customerId)) return c.json({ error: 'no such customer' }, 404);
    const at = new Date().toISOString();
    const id = state.data.nextId.asset++;
    const properties: Record<string, unknown> = { ...input.properties };
    properties.kabuto_information = {
      general: { name: input.name, domain: 'WORKGROUP', form_factor: 'Desktop' },
      os: { name: input.os ?? 'Microsoft Windows 11 Pro' },
      last_synced_at: at,
      last_user: null,
    };
    if (input.entraDeviceId) properties[ENTRA_PROPERTY] = input.entraDeviceId === true ? guid(seededRandom(id)) : input.entraDeviceId;
    const row: SyncroAssetRow = { id, customerId: input.customerId, contactId: null, name: input.name, assetType: 'Syncro Device', serial: null, createdAt: at, updatedAt: at, properties, agentOffline: input.online === false };
    state.data.assets.push(row);
    return c.json({ asset: assetJson(row, customerIndex()) }, 201);
  });

  control.post('/assets/:id/move', async (c) => {
    const row = state.data.assets.find((a) => a.id === Number(c.req.param('id')));
    if (!row) return c.json({ error: 'no such asset' }, 404);
    const parsed = z.object({ customerId: z.number().int() }).safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ error: parsed.error.issues }, 400);
    if (!state.data.customers.some((x) => x.id === parsed.data.customerId)) return c.json({ error: 'no such customer' }, 404);
    row.customerId = parsed.data.customerId;
    row.updatedAt = new Date().toISOString();
    return c.json({ asset: assetJson(row, customerIndex()) });
  });

  // The vendor API has no asset DELETE (facts B2); removing one is a control-only act.
  control.delete('/assets/:id', (c) => {
    const id = Number(c.req.param('id'));
    if (!state.data.assets.some((a) => a.id === id)) return c.json({ error: 'no such asset' }, 404);
    state.data.assets = state.data.assets.filter((a) => a.id !== id);
    return c.json({ ok: true });
  });

  /** Permissions (Syncro's names, e.g. "Assets - List/Search") the sandbox token should lack until the next reset. */
  control.post('/permissions', async (c) => {
    const parsed = permissionsSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ error: parsed.error.issues }, 400);
    state.data.deniedPermissions = new Set(parsed.data.denied);
    return c.json({ ok: true, denied: parsed.data.denied });
  });

  /** More subdomains with an account (sharing the sandbox's data) until the next reset; `sandbox` and `sandbox-2` always stay. */
  control.post('/subdomains', async (c) => {
    const parsed = subdomainsSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ error: parsed.error.issues }, 400);
    for (const subdomain of parsed.data.subdomains) state.data.subdomains.add(subdomain);
    return c.json({ ok: true, subdomains: [...state.data.subdomains] });
  });
}
