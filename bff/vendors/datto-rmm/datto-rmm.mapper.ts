/**
 * @module Datto RMM wire shapes → the neutral model: sites with their type (managed, OnDemand, the
 * "Deleted Devices" queue), devices with their UDFs as custom fields, activity-log entries as
 * readable user actions. Dates become ISO strings; Datto's DateTime.MinValue sentinel becomes null.
 */
import type { RmmActivity, RmmDevice, RmmSite } from '../../contracts/model.js';
import type { DattoActivity, DattoDevice, DattoSite } from './datto-rmm.schemas.js';

/** DateTime.MinValue in epoch ms, which Datto sends for "never" (facts A3). */
export const DATTO_NEVER_MS = -62_135_596_800_000;
/** The system site that queues deleted agent devices (facts A5). */
export const DELETED_DEVICES_SITE = 'Deleted Devices';
/**
 * UDF names offered for the Entra device id. Datto has no endpoint for UDF labels (facts A3); the
 * help page allows 30 per device. Newer builds send udf1–udf300, which the mapper keeps when set.
 */
export const UDF_NAMES: readonly string[] = Array.from({ length: 30 }, (_, i) => `udf${i + 1}`);

/**
 * The admin's name for a UDF. ASSUMPTION: Datto's API offers no UDF labels (facts A3: labels are set
 * in Setup > Global Settings > User-Defined Fields and no endpoint returns them), so the label is
 * the UDF's number as Datto's UI numbers it; the wizard adds sample values so the admin can tell them apart.
 */
export function udfLabel(name: string): string {
  const n = /^udf(\d+)$/.exec(name)?.[1];
  return n ? `User-defined field ${n}` : name;
}

export function instantToIso(value: number | string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const ms = typeof value === 'number' ? value : /^-?\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms) || ms <= DATTO_NEVER_MS) return null;
  return new Date(ms).toISOString();
}

export function toRmmSite(site: DattoSite): RmmSite {
  const name = site.name ?? site.uid;
  return {
    id: site.uid,
    name,
    type: name === DELETED_DEVICES_SITE ? 'deleted' : site.onDemand ? 'ondemand' : 'managed',
    deviceCount: site.devicesStatus?.numberOfDevices ?? null,
  };
}

export function toRmmDevice(device: DattoDevice): RmmDevice {
  const customFields: Record<string, string | null> = {};
  for (const name of UDF_NAMES) customFields[name] = null;
  for (const [name, value] of Object.entries(device.udf ?? {})) {
    if (typeof value === 'string' && value !== '') customFields[name] = value;
  }
  return {
    id: device.uid,
    siteId: device.siteUid,
    hostname: device.hostname || device.description || device.uid,
    os: device.operatingSystem ?? null,
    lastSeen: instantToIso(device.lastSeen),
    online: device.online ?? false,
    customFields,
  };
}

/** Activity dates are epoch seconds; a value that only makes sense as milliseconds is read as such. */
export function activityMs(date: number): number {
  return Math.round(date > 100_000_000_000 ? date : date * 1_000);
}

export function toRmmActivity(entry: DattoActivity): RmmActivity {
  const u = entry.user;
  const fullName = [u?.firstName, u?.lastName].filter(Boolean).join(' ');
  const action = [entry.category, entry.action].filter(Boolean).join('.').toLowerCase() || (entry.entity ?? 'activity').toLowerCase();
  return {
    id: entry.id,
    at: new Date(activityMs(entry.date)).toISOString(),
    user: u?.userName || fullName || null,
    action,
    details: describe(entry),
  };
}

/** A one-line account of what happened, from the entry's fields and its `details` JSON. */
function describe(entry: DattoActivity): string | null {
  const parts: string[] = [];
  if (entry.hostname) parts.push(entry.site?.name ? `${entry.hostname} (${entry.site.name})` : entry.hostname);
  else if (entry.site?.name) parts.push(entry.site.name);
  const d = parseDetails(entry.details);
  const text = (key: string) => (typeof d[key] === 'string' || typeof d[key] === 'number' ? String(d[key]) : null);
  if (text('job.name')) parts.push(`job "${text('job.name')}"${text('job.status') ? ` ${text('job.status')}` : ''}`);
  if (text('data.to_site_name')) parts.push(`moved from ${text('data.from_site_name') ?? 'another site'} to ${text('data.to_site_name')}`);
  if (text('remote_session.type')) parts.push(`${text('remote_session.type')} remote session`);
  if (text('note')) parts.push(`note: ${text('note')}`);
  if (text('source.forwarded_ip')) parts.push(`from ${text('source.forwarded_ip')}`);
  return parts.length > 0 ? parts.join('; ') : null;
}

function parseDetails(details: string | null | undefined): Record<string, unknown> {
  if (!details) return {};
  try {
    const parsed: unknown = JSON.parse(details);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
