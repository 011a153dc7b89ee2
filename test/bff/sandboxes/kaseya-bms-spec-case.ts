/**
 * @module Brings a Kaseya BMS wire body into the casing of BMS's OpenAPI document before it is
 * validated: the document names properties in PascalCase (`AccountName`, `SLAId`) while the wire
 * is camelCase (psa-apis.md B4), and every schema forbids unknown properties.
 */
import { readFileSync } from 'node:fs';
import { SPECS_DIR } from '../../helpers/openapi-conformance.js';

type Schema = Record<string, any>;

export const BMS_SPEC_FILE = 'kaseya-bms-api-v2-swagger.json';
const spec: Schema = JSON.parse(readFileSync(SPECS_DIR + BMS_SPEC_FILE, 'utf8'));

function resolve(schema: Schema | undefined): Schema {
  let node = schema ?? {};
  while (typeof node.$ref === 'string') node = spec.components.schemas[node.$ref.split('/').pop()!] ?? {};
  return node;
}

/** The JSON response schema the spec declares for `method path` and HTTP 200. */
export function responseSchema(method: string, pathTemplate: string): Schema | undefined {
  return spec.paths?.[pathTemplate]?.[method.toLowerCase()]?.responses?.['200']?.content?.['application/json']?.schema;
}

export function componentSchema(name: string): Schema {
  return { $ref: `#/components/schemas/${name}` };
}

/**
 * Renames each key to the schema's own spelling (matched without regard to case), walking the
 * schema alongside the body. A null under a property that is a bare `$ref` is dropped: Swashbuckle
 * cannot mark such a property nullable, yet BMS sends `"error": null` on every success.
 */
export function toSpecCase(value: unknown, schema: Schema | undefined): unknown {
  const node = resolve(schema);
  if (Array.isArray(value)) return value.map((item) => toSpecCase(item, node.items));
  if (value === null || typeof value !== 'object') return value;
  const properties: Schema = node.properties ?? {};
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const specKey = Object.keys(properties).find((p) => p.toLowerCase() === key.toLowerCase()) ?? key;
    const property = properties[specKey];
    if (inner === null && property && typeof property.$ref === 'string') continue;
    out[specKey] = toSpecCase(inner, property);
  }
  return out;
}
