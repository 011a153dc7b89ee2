/**
 * @module Which custom field holds the Microsoft Entra Device ID: what the BFF reports per field
 * (label, how many sampled devices have a value, how many of those look like device ids, a few
 * sample values) and the rules the wizard and the device sync share: a device id is a GUID.
 */
import { z } from './zod.js';

/** An Entra device id as RMMs store it: a GUID, sometimes in braces (as `dsregcmd /status` prints it). */
export const ENTRA_DEVICE_ID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

export const looksLikeDeviceId = (value: string): boolean => ENTRA_DEVICE_ID.test(value.trim());

export const rmmCustomFieldSchema = z.object({
  /** What the RMM calls the field in its API (`udf5`, a Syncro asset property name); saved as the parameter. */
  name: z.string(),
  /** What an admin recognises it by. */
  label: z.string(),
  /** Devices read to take the samples (the first pages of the account). */
  devicesSampled: z.number().check(z.int(), z.gte(0)),
  /** Of those, devices with a value in this field. */
  valueCount: z.number().check(z.int(), z.gte(0)),
  /** Of those values, the ones shaped like a device id (GUID). */
  deviceIdCount: z.number().check(z.int(), z.gte(0)),
  /** A few distinct values; device ids in full, anything else shortened (UDFs can hold secrets). */
  samples: z.array(z.string()).check(z.maxLength(3)),
});
export type RmmCustomField = z.infer<typeof rmmCustomFieldSchema>;

/**
 * What a field's sampled values say about it as the Entra Device ID field.
 * ASSUMPTION: a field holds device ids when at least 80 % of its values are GUIDs; the rest may be
 * placeholders ("N/A") on devices whose id was not collected yet.
 */
export function entraFieldVerdict(field: Pick<RmmCustomField, 'valueCount' | 'deviceIdCount'>): 'device-ids' | 'other-values' | 'no-values' {
  if (field.valueCount === 0) return 'no-values';
  return field.deviceIdCount / field.valueCount >= 0.8 ? 'device-ids' : 'other-values';
}

/** The field to suggest: the one whose values look like device ids on the most devices, if any. */
export function suggestedEntraField(fields: ReadonlyArray<RmmCustomField>): RmmCustomField | null {
  let best: RmmCustomField | null = null;
  for (const field of fields) {
    if (entraFieldVerdict(field) === 'device-ids' && (!best || field.deviceIdCount > best.deviceIdCount)) best = field;
  }
  return best;
}
