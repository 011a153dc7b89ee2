/**
 * @module Maps Syncro customers and assets to the neutral RMM model (site, device). No Syncro
 * shape leaves this file.
 */
import type { RmmDevice, RmmSite } from '../../contracts/model.js';
import { kabutoSchema, type SyncroAsset, type SyncroCustomer, type SyncroKabuto } from './syncro.schemas.js';

/** The property that carries the Syncro agent's data; not a custom field. */
export const AGENT_DATA_PROPERTY = 'kabuto_information';

const filled = (v: string | null | undefined): string | null => (v && v.trim() !== '' ? v.trim() : null);

/**
 * A customer is a site. Syncro exposes `disabled` (and `include_disabled` on the list), so a
 * disabled customer becomes a 'deleted' site the wizard can leave out; every other one is 'managed'
 * (Syncro has no on-demand kind). Syncro does not count assets per customer, so deviceCount is null.
 */
export function toSite(c: SyncroCustomer): RmmSite {
  const person = filled(c.fullname) ?? filled([c.firstname, c.lastname].filter(Boolean).join(' '));
  return {
    id: c.id,
    name: filled(c.business_name) ?? person ?? filled(c.business_then_name) ?? `Customer ${c.id}`,
    type: c.disabled ? 'deleted' : 'managed',
    deviceCount: null,
  };
}

/** Scalar properties are custom fields; objects (agent data, nested blobs) are not. */
export function customFieldsOf(properties: Record<string, unknown> | null | undefined): Record<string, string | null> {
  const fields: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(properties ?? {})) {
    if (name === AGENT_DATA_PROPERTY) continue;
    if (value === null || value === undefined) fields[name] = null;
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[name] = String(value);
  }
  return fields;
}

function agentData(properties: Record<string, unknown> | null | undefined): SyncroKabuto | null {
  let raw = properties?.[AGENT_DATA_PROPERTY];
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  if (!raw || typeof raw !== 'object') return null;
  const parsed = kabutoSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

function isoOrNull(value: string | null | undefined): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * An asset is a device. Assets without a customer cannot map to any organization and are left
 * out (returns null).
 */
export function toDevice(a: SyncroAsset): RmmDevice | null {
  const siteId = a.customer_id ?? a.customer?.id ?? null;
  if (!siteId) return null;
  const agent = agentData(a.properties);
  const offlineTrigger = a.rmm_store?.triggers?.agent_offline_triggered;
  return {
    id: a.id,
    siteId,
    hostname: filled(agent?.general?.name) ?? filled(a.name) ?? `Asset ${a.id}`,
    os: filled(agent?.os?.name),
    lastSeen: isoOrNull(agent?.last_synced_at),
    // ASSUMPTION: the API has no online flag. An asset with agent data is online unless its
    // agent-offline trigger is set; one without agent data (no Syncro agent) is never online.
    online: agent !== null && !(offlineTrigger === true || offlineTrigger === 'true'),
    customFields: customFieldsOf(a.properties),
  };
}
