/** The Entra Device ID field rules: what counts as a device id, the verdict per field, the suggestion, and shortened samples. */
import { describe, expect, it } from 'vitest';
import { entraFieldVerdict, looksLikeDeviceId, suggestedEntraField } from '../../../bff/contracts/entra-field.js';
import { sampleOf, summarizeCustomFields } from '../../../bff/vendors/custom-field-samples.js';

const ID = '5f1c7e0a-1111-2222-3333-444455556666';
const ID2 = '9a8b7c6d-aaaa-4bbb-8ccc-ddddeeeeffff';

describe('Entra Device ID field samples', () => {
  it('a device id is a GUID, with or without braces', () => {
    expect(looksLikeDeviceId(ID)).toBe(true);
    expect(looksLikeDeviceId(`{${ID.toUpperCase()}}`)).toBe(true);
    expect(looksLikeDeviceId('AT-00123')).toBe(false);
    expect(looksLikeDeviceId(`${ID}x`)).toBe(false);
  });

  it('counts values and device ids per field, keeps every offered field, and suggests the one with device ids', () => {
    const devices: Array<Record<string, string | null>> = [
      { udf1: null, udf2: 'AT-00123', udf5: ID },
      { udf1: null, udf2: 'AT-00456', udf5: ID2 },
      { udf1: null, udf2: null, udf5: 'N/A', udf40: ID },
    ];
    const fields = summarizeCustomFields(devices, ['udf1', 'udf2', 'udf5'], (n) => `Field ${n}`);
    expect(fields.map((f) => f.name)).toEqual(['udf1', 'udf2', 'udf5', 'udf40']);
    expect(fields[0]).toEqual({ name: 'udf1', label: 'Field udf1', devicesSampled: 3, valueCount: 0, deviceIdCount: 0, samples: [] });
    expect(fields[1]).toMatchObject({ valueCount: 2, deviceIdCount: 0, samples: ['AT-0…'] });
    expect(fields[2]).toMatchObject({ valueCount: 3, deviceIdCount: 2, samples: [ID, ID2, '…'] });
    expect(fields.map(entraFieldVerdict)).toEqual(['no-values', 'other-values', 'other-values', 'device-ids']);
    expect(suggestedEntraField(fields)?.name).toBe('udf40');
  });

  it('a field is one of device ids when at least 80 % of its values are GUIDs', () => {
    expect(entraFieldVerdict({ valueCount: 10, deviceIdCount: 8 })).toBe('device-ids');
    expect(entraFieldVerdict({ valueCount: 10, deviceIdCount: 7 })).toBe('other-values');
    expect(suggestedEntraField([])).toBeNull();
  });

  it('shows device ids in full and only the start of anything else (UDFs can hold secrets)', () => {
    expect(sampleOf(` ${ID} `)).toBe(ID);
    expect(sampleOf('BitLocker-123456-654321')).toBe('BitL…');
    expect(sampleOf('abc')).toBe('…');
  });
});
