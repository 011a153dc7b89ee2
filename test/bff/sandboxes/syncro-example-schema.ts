/**
 * @module Conformance against Syncro's swagger where it documents an answer only by example (most
 * of its operations have no response schema): a schema is derived from the official example, so
 * every field the example shows must be present with the example's type (or null), extra fields allowed.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { SPECS_DIR } from '../../helpers/openapi-conformance.js';

type Json = Record<string, any>;

export const SYNCRO_SPEC = 'syncro-api-v1-openapi-3.0-official-swagger.json';

const spec: Json = JSON.parse(readFileSync(SPECS_DIR + SYNCRO_SPEC, 'utf8'));
const ajv = new Ajv({ strict: false, allErrors: true });

/** Keys whose objects are free-form maps (custom fields by name), so the example's keys are not required. */
const FREE_FORM = new Set(['properties']);

/** The official example for one response, or undefined when the swagger shows none. */
export function exampleOf(method: string, path: string, status: number): unknown {
  const response = spec.paths?.[path]?.[method.toLowerCase()]?.responses?.[String(status)];
  for (const media of Object.values<Json>(response?.content ?? {})) {
    if (media.example !== undefined) return media.example;
    const first = Object.values<Json>(media.examples ?? {})[0];
    if (first?.value !== undefined) return first.value;
  }
  return undefined;
}

export function schemaFromExample(example: unknown, freeForm = false): Json {
  if (example === null || example === undefined) return {};
  if (Array.isArray(example)) return { type: 'array', items: example.length > 0 ? schemaFromExample(example[0]) : {} };
  switch (typeof example) {
    case 'number':
      return { type: ['number', 'null'] };
    case 'string':
      return { type: ['string', 'null'] };
    case 'boolean':
      return { type: ['boolean', 'null'] };
    case 'object': {
      if (freeForm) return { type: ['object', 'null'] };
      const entries = Object.entries(example as Json);
      return {
        type: ['object', 'null'],
        properties: Object.fromEntries(entries.map(([k, v]) => [k, schemaFromExample(v, FREE_FORM.has(k))])),
        required: entries.map(([k]) => k),
      };
    }
    default:
      return {};
  }
}

/**
 * Validates `body` against the example the swagger gives for `method path status` (or, with
 * `borrowFrom`, for another operation that documents the same object). Returns the problems.
 */
export function checkAgainstExample(method: string, path: string, status: number, body: unknown, borrowFrom?: { method: string; path: string; status: number }): string[] {
  const source = borrowFrom ?? { method, path, status };
  const example = exampleOf(source.method, source.path, source.status);
  if (example === undefined) return [`no example in ${SYNCRO_SPEC} for ${source.method} ${source.path} ${source.status}`];
  const validate = ajv.compile(schemaFromExample(example));
  if (validate(body)) return [];
  return (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '(root)'} ${e.message}`);
}
