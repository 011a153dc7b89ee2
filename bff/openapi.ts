/**
 * @module The OpenAPI document, generated from the same zod schemas the routes validate with.
 * Each route module describes its routes here next to their definition; `/api/openapi.json` serves
 * the result, so the document cannot drift from what the validators enforce.
 */
import { z } from 'zod';

export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path, e.g. `/api/integrations/{id}`. */
  path: string;
  summary: string;
  tag: string;
  /** Roles allowed; empty for public routes. */
  roles: Array<'admin' | 'router'>;
  // Zod core types: full zod's schemas and the contracts' zod/mini ones (bff/contracts/zod.ts) alike.
  params?: z.core.$ZodObject;
  query?: z.core.$ZodObject;
  body?: z.core.$ZodType;
  /** Success status and its body schema (null for no body). */
  response: { status: number; schema: z.core.$ZodType | null; description?: string };
}

export class ApiDocs {
  private readonly routes: RouteDoc[] = [];

  add(...docs: RouteDoc[]): void {
    this.routes.push(...docs);
  }

  document(version: string): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const r of this.routes) {
      const parameters = [
        ...paramsOf(r.params, 'path'),
        ...paramsOf(r.query, 'query'),
      ];
      const responses: Record<string, unknown> = {
        [r.response.status]: {
          description: r.response.description ?? 'Success',
          ...(r.response.schema ? { content: { 'application/json': { schema: toSchema(r.response.schema, 'output') } } } : {}),
        },
        default: { description: 'A problem (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      };
      paths[r.path] ??= {};
      paths[r.path]![r.method] = {
        summary: r.summary,
        tags: [r.tag],
        ...(r.roles.length ? { security: [{ bearer: [] }], description: `Role: ${r.roles.join(' or ')}.` } : {}),
        ...(parameters.length ? { parameters } : {}),
        ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(r.body, 'input') } } } } : {}),
        responses,
      };
    }
    return {
      openapi: '3.1.0',
      info: { title: 'Integration hub BFF', version, description: 'PSA and RMM integrations for an MSP security platform: configuration, vendor proxy and alert routing.' },
      paths,
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        schemas: {
          Problem: {
            type: 'object',
            required: ['type', 'title', 'status', 'code'],
            properties: {
              type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, code: { type: 'string' }, detail: { type: 'string' },
              errors: { type: 'array', items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } } },
            },
          },
        },
      },
    };
  }
}

function toSchema(schema: z.core.$ZodType, io: 'input' | 'output'): unknown {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });
}

function paramsOf(schema: z.core.$ZodObject | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  return Object.entries(schema._zod.def.shape).map(([name, field]) => ({
    name,
    in: location,
    required: location === 'path' || !z.safeParse(field, undefined).success,
    schema: toSchema(field, 'input'),
  }));
}
