/**
 * @module Validates a sandbox response against the vendor's own OpenAPI/Swagger document
 * (copies kept in test/fixtures/vendor-specs, sources in its SOURCES.md), so a drift between sandbox and vendor shows up as a failing test.
 * Handles Swagger 2.0 (`#/definitions`), OpenAPI 3.0 (`nullable`) and 3.1 (JSON Schema 2020-12); request
 * bodies and query parameter names too, for documents (Halo's) that describe what a client sends; and
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
  /**
   * Validates a request body against `method pathTemplate`'s JSON request body schema (for vendors,
   * such as Halo, whose document describes what is sent rather than what is answered).
   */
  checkRequest(method: string, pathTemplate: string, body: unknown): string[];
  /** The query parameters `method pathTemplate` declares (lower-cased: ASP.NET binds them case-insensitively). */
  queryParameters(method: string, pathTemplate: string): Set<string>;
  /**
   * What is wrong with a query parameter's text against the type the operation declares for it:
   * integers and booleans, in JSON Schema's words or .NET's (`int`, `bool`, which Halo's document
   * writes), and a text's enum; other types are not checked. Empty when it fits or is not declared.
   */
  checkQueryValue(method: string, pathTemplate: string, name: string, value: string): string[];
  /** The spec's template for a concrete path (`/Client/12` → `/Client/{id}`), literal paths first; null when none. */
  templateOf(method: string, path: string): string | null;
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
  // .NET TimeSpan (`[-][d.]hh:mm:ss[.fffffff]`), which Halo's document calls `date-span`.
  ajv.addFormat('date-span', /^-?(\d+\.)?\d{1,2}:\d{2}:\d{2}(\.\d+)?$/);
  // The spec itself becomes a schema so every $ref resolves inside it.
  const specId = `spec:${fileName}`;
  ajv.addSchema(prepare(spec, isSwagger2, options), specId);
  const cache = new Map<string, ReturnType<typeof ajv.compile> | null>();
  const pointer = (text: string) => text.replace(/~/g, '~0').replace(/\//g, '~1');
  /** Ajv's problems, naming the property an `additionalProperties: false` schema refused. */
  const errorsOf = (validate: ReturnType<typeof ajv.compile>, body: unknown) =>
    validate(body) ? [] : (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '(root)'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);

  function responseSchemaRef(method: string, pathTemplate: string, status: number): string | null {
    if (operations) {
      const key = `${method.toUpperCase()} ${pathTemplate}`;
      if (operations[key]?.status !== status || !operations[key].schema) return null;
      return `${specId}#/x-operations/${encodeURIComponent(pointer(key))}/schema`;
    }
    const op = spec.paths?.[pathTemplate]?.[method.toLowerCase()];
    if (!op) return null;
    const code = op.responses?.[String(status)] ? String(status) : op.responses?.default ? 'default' : null;
    if (!code) return null;
    const encodedPath = pointer(pathTemplate);
    if (isSwagger2) {
      if (!op.responses[code].schema) return null;
      return `${specId}#/paths/${encodedPath}/${method.toLowerCase()}/responses/${code}/schema`;
    }
    const content = op.responses[code].content ?? {};
    const type = Object.keys(content).find((t) => t.includes('json')) ?? Object.keys(content)[0];
    if (!type || !content[type].schema) return null;
    return `${specId}#/paths/${encodedPath}/${method.toLowerCase()}/responses/${code}/content/${pointer(type)}/schema`;
  }

  const templates = Object.keys(spec.paths ?? {})
    .map((t) => ({ t, re: new RegExp(`^${t.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`), params: (t.match(/\{/g) ?? []).length }))
    .sort((a, b) => a.params - b.params);

  return {
    templateOf: (method, path) => templates.find((x) => x.re.test(path) && spec.paths[x.t][method.toLowerCase()])?.t ?? null,
    queryParameters: (method, pathTemplate) => new Set(((spec.paths?.[pathTemplate]?.[method.toLowerCase()]?.parameters ?? []) as Json[])
      .filter((p) => p.in === 'query').map((p) => String(p.name).toLowerCase())),
    checkQueryValue(method, pathTemplate, name, value) {
      const parameter = ((spec.paths?.[pathTemplate]?.[method.toLowerCase()]?.parameters ?? []) as Json[])
        .find((p) => p.in === 'query' && String(p.name).toLowerCase() === name.toLowerCase());
      const type = String(parameter?.schema?.type ?? parameter?.type ?? '');
      if (['int', 'integer', 'long'].includes(type) && !/^-?\d+$/.test(value)) return [`?${name}=${value} is not an integer`];
      if (['bool', 'boolean'].includes(type) && !/^(true|false)$/i.test(value)) return [`?${name}=${value} is not a boolean`];
      const members: unknown = parameter?.schema?.enum ?? parameter?.enum;
      if (type === 'string' && Array.isArray(members) && !members.map(String).includes(value)) return [`?${name}=${value} is not one of ${members.join(', ')}`];
      return [];
    },
    checkRequest(method, pathTemplate, body) {
      const key = `request ${method} ${pathTemplate}`;
      if (!cache.has(key)) {
        const content = spec.paths?.[pathTemplate]?.[method.toLowerCase()]?.requestBody?.content ?? {};
        const type = ['application/json', ...Object.keys(content)].find((t) => content[t]?.schema);
        cache.set(key, type ? ajv.compile({ $ref: `${specId}#/paths/${pointer(pathTemplate)}/${method.toLowerCase()}/requestBody/content/${pointer(type)}/schema` }) : null);
      }
      const validate = cache.get(key);
      return validate ? errorsOf(validate, body) : [`no request body schema in ${fileName} for ${key}`];
    },
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
      return validate ? errorsOf(validate, body) : [`no schema ${name} in ${fileName}`];
    },
    check(method, pathTemplate, status, body) {
      const key = `${method} ${pathTemplate} ${status}`;
      if (!cache.has(key)) {
        const ref = responseSchemaRef(method, pathTemplate, status);
        cache.set(key, ref ? ajv.compile({ $ref: ref }) : null);
      }
      const validate = cache.get(key);
      return validate ? errorsOf(validate, body) : [`no response schema in ${fileName} for ${key}`];
    },
  };
}

/**
 * Swagger 2.0 keeps `x-nullable`; OpenAPI 3.0 keeps `nullable`. Ajv understands `nullable` only, and
 * only beside a `type`: a bare `{nullable: true}` (Halo's `object` properties) means any value.
 * `ignoreRequired` drops every schema's `required` list.
 */
function prepare(spec: Json, isSwagger2: boolean, options: SpecOptions): Json {
  const copy = JSON.parse(JSON.stringify(spec)) as Json;
  delete copy.$schema;
  delete copy.$id;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const obj = node as Json;
    if (isSwagger2 && obj['x-nullable'] === true) obj.nullable = true;
    if (obj.nullable === true && Object.keys(obj).length === 1) delete obj.nullable;
    // Only a schema's list: a property that happens to be named "required" is an object.
    if (options.ignoreRequired && Array.isArray(obj.required)) delete obj.required;
    Object.values(obj).forEach(walk);
  };
  walk(copy);
  return copy;
}
