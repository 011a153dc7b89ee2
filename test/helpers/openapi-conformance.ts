/**
 * @module Validates a sandbox response against the vendor's own OpenAPI/Swagger document
 * (copies kept in test/fixtures/vendor-specs, sources in its SOURCES.md), so a drift between sandbox and vendor shows up as a failing test.
 * Handles Swagger 2.0 (`#/definitions`), OpenAPI 3.0 (`nullable`) and 3.1 (JSON Schema 2020-12), and
 * JSON Schema draft-07 files of `definitions` plus `x-operations` keyed "METHOD /path", each with its
 * success `status` and response `schema` (the ConnectWise schemas derived from its own document).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv | Ajv2020) => void;

export const SPECS_DIR = fileURLToPath(new URL('../fixtures/vendor-specs/', import.meta.url));

type Json = Record<string, any>;

export interface SpecValidator {
  /**
   * Validates `body` against the response schema of `method pathTemplate` (the path exactly as the
   * spec writes it, e.g. `/V1.0/Companies/query`) for `status`. Returns the list of problems.
   */
  check(method: string, pathTemplate: string, status: number, body: unknown): string[];
  hasOperation(method: string, pathTemplate: string): boolean;
  /**
   * Validates against a named schema (`#/definitions/X` or `#/components/schemas/X`, or deeper:
   * `X/properties/y`), for operations whose success response the vendor's document leaves out (Datto
   * documents only error codes on some) and for request bodies.
   */
  checkComponent(name: string, body: unknown): string[];
}

export interface SpecOptions {
  /**
   * Drops every `required` list: for answers trimmed to the fields a client asked for (ConnectWise's
   * `fields=`), where a required field that was not asked for is absent by design.
   */
  ignoreRequired?: boolean;
}

export function loadSpec(fileName: string, options: SpecOptions = {}): SpecValidator {
  const raw = readFileSync(SPECS_DIR + fileName, 'utf8').replace(/^\uFEFF/, '');
  const spec: Json = JSON.parse(raw);
  const is31 = typeof spec.openapi === 'string' && spec.openapi.startsWith('3.1');
  const isSwagger2 = spec.swagger === '2.0';
  /** Draft-07 `definitions` + `x-operations`: no `paths`, one success status per operation. */
  const operations: Json | undefined = spec['x-operations'];
  const ajv = is31 ? new Ajv2020({ strict: false, allErrors: true }) : new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // The spec itself becomes a schema so every $ref resolves inside it.
  const specId = `spec:${fileName}`;
  ajv.addSchema(prepare(spec, isSwagger2, options), specId);
  const cache = new Map<string, ReturnType<typeof ajv.compile> | null>();

  function responseSchemaRef(method: string, pathTemplate: string, status: number): string | null {
    if (operations) {
      const key = `${method.toUpperCase()} ${pathTemplate}`;
      if (operations[key]?.status !== status || !operations[key].schema) return null;
      return `${specId}#/x-operations/${encodeURIComponent(key.replace(/~/g, '~0').replace(/\//g, '~1'))}/schema`;
    }
    const op = spec.paths?.[pathTemplate]?.[method.toLowerCase()];
    if (!op) return null;
    const code = op.responses?.[String(status)] ? String(status) : op.responses?.default ? 'default' : null;
    if (!code) return null;
    const encodedPath = pathTemplate.replace(/~/g, '~0').replace(/\//g, '~1');
    if (isSwagger2) {
      if (!op.responses[code].schema) return null;
      return `${specId}#/paths/${encodedPath}/${method.toLowerCase()}/responses/${code}/schema`;
    }
    const content = op.responses[code].content ?? {};
    const type = Object.keys(content).find((t) => t.includes('json')) ?? Object.keys(content)[0];
    if (!type || !content[type].schema) return null;
    return `${specId}#/paths/${encodedPath}/${method.toLowerCase()}/responses/${code}/content/${type.replace(/~/g, '~0').replace(/\//g, '~1')}/schema`;
  }

  return {
    hasOperation: (method, pathTemplate) => Boolean(operations ? operations[`${method.toUpperCase()} ${pathTemplate}`] : spec.paths?.[pathTemplate]?.[method.toLowerCase()]),
    checkComponent(name, body) {
      const key = `component ${name}`;
      if (!cache.has(key)) {
        const inDefinitions = isSwagger2 || Boolean(operations);
        const base = inDefinitions ? 'definitions' : 'components/schemas';
        // A name may go deeper, as a JSON pointer below the schemas: `Addition/properties/quantity`.
        const root = inDefinitions ? spec.definitions : spec.components?.schemas;
        const exists = name.split('/').reduce<Json | undefined>((node, key) => node?.[key], root);
        cache.set(key, exists ? ajv.compile({ $ref: `${specId}#/${base}/${name}` }) : null);
      }
      const validate = cache.get(key);
      if (!validate) return [`no schema ${name} in ${fileName}`];
      if (validate(body)) return [];
      return (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '(root)'} ${e.message}`);
    },
    check(method, pathTemplate, status, body) {
      const key = `${method} ${pathTemplate} ${status}`;
      if (!cache.has(key)) {
        const ref = responseSchemaRef(method, pathTemplate, status);
        cache.set(key, ref ? ajv.compile({ $ref: ref }) : null);
      }
      const validate = cache.get(key);
      if (validate === undefined || validate === null) return [`no response schema in ${fileName} for ${key}`];
      if (validate(body)) return [];
      return (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '(root)'} ${e.message}`);
    },
  };
}

/** Swagger 2.0 keeps `x-nullable`; OpenAPI 3.0 keeps `nullable`. Ajv understands `nullable` only. */
function prepare(spec: Json, isSwagger2: boolean, options: SpecOptions): Json {
  const copy = JSON.parse(JSON.stringify(spec)) as Json;
  delete copy.$schema;
  delete copy.$id;
  if (isSwagger2 || options.ignoreRequired) {
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      const obj = node as Json;
      if (isSwagger2 && obj['x-nullable'] === true) obj.nullable = true;
      // Only a schema's list: a property that happens to be named "required" is an object.
      if (options.ignoreRequired && Array.isArray(obj.required)) delete obj.required;
      Object.values(obj).forEach(walk);
    };
    walk(copy);
  }
  return copy;
}
