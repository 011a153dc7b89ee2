/**
 * @module Summarises custom-field values over a sample of devices into what the wizard shows for
 * the Entra Device ID field: per field, how many devices have a value, how many of those look like
 * device ids, and a few values. Vendor-neutral: both RMM adapters feed it their devices' fields.
 */
import { looksLikeDeviceId, type RmmCustomField } from '../contracts/entra-field.js';

const SAMPLES_PER_FIELD = 3;
/** Characters of a non-id value that are shown. */
const SHOWN_PREFIX = 4;

/**
 * A value as the wizard may show it. UDFs and asset properties often hold secrets (BitLocker keys,
 * passwords; facts A3: integrators mask them in logs), so only device-id-shaped values are shown in
 * full; anything else keeps its first characters, enough to tell an asset tag from a GUID.
 */
export function sampleOf(value: string): string {
  const trimmed = value.trim();
  if (looksLikeDeviceId(trimmed)) return trimmed;
  return trimmed.length <= SHOWN_PREFIX ? '…' : `${trimmed.slice(0, SHOWN_PREFIX)}…`;
}

/**
 * One entry per field in `names` (in that order) plus any other field a device has a value in.
 * `labelOf` gives the admin's name for a field.
 */
export function summarizeCustomFields(
  devices: ReadonlyArray<Record<string, string | null>>,
  names: ReadonlyArray<string>,
  labelOf: (name: string) => string,
): RmmCustomField[] {
  const fields = new Map<string, { valueCount: number; deviceIdCount: number; samples: Set<string> }>();
  const entry = (name: string) => {
    let found = fields.get(name);
    if (!found) fields.set(name, (found = { valueCount: 0, deviceIdCount: 0, samples: new Set() }));
    return found;
  };
  for (const name of names) entry(name);
  for (const device of devices) {
    for (const [name, value] of Object.entries(device)) {
      const text = value?.trim();
      if (!text) continue;
      const field = entry(name);
      field.valueCount++;
      if (looksLikeDeviceId(text)) field.deviceIdCount++;
      if (field.samples.size < SAMPLES_PER_FIELD) field.samples.add(sampleOf(text));
    }
  }
  return [...fields].map(([name, f]) => ({
    name, label: labelOf(name), devicesSampled: devices.length, valueCount: f.valueCount, deviceIdCount: f.deviceIdCount, samples: [...f.samples],
  }));
}
