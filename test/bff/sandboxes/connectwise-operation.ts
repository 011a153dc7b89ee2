/**
 * @module Finds, in the schemas derived from ConnectWise's own document, the operation a logged call
 * is (`GET /service/boards/1/statuses` → `GET /service/boards/{parentId}/statuses`), the model it
 * answers with, and a model's property by path (`board/name`), for the ConnectWise conformance tests.
 */
import { readFileSync } from 'node:fs';
import { SPECS_DIR } from '../../helpers/openapi-conformance.js';

type Schema = Record<string, any>;

export const CONNECTWISE_SPEC_FILE = 'connectwise-manage-2022.1-schemas-derived-from-connectwise-rest-1.3.0.json';
export const connectWiseDocument: { definitions: Record<string, Schema>; 'x-operations': Record<string, { status: number; schema: Schema }> } =
  JSON.parse(readFileSync(SPECS_DIR + CONNECTWISE_SPEC_FILE, 'utf8'));

/**
 * The operation with the fewest placeholders that fits `method path`, or null. The derived document
 * keeps only operations that answer 200/201 with a body; a DELETE (204 No Content in ConnectWise's
 * own document) is matched by the GET of the same path, which the document then has.
 */
export function connectWiseOperationOf(method: string, path: string): string | null {
  const segments = path.split('/');
  const asked = method === 'DELETE' ? 'GET' : method;
  const fits = Object.keys(connectWiseDocument['x-operations'])
    .filter((key) => key.startsWith(`${asked} /`))
    .filter((key) => {
      const template = key.slice(asked.length + 1).split('/');
      return template.length === segments.length && template.every((t, i) => (t.startsWith('{') && t.endsWith('}')) || t === segments[i]);
    })
    .sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
  return fits[0] ? `${method} ${fits[0].slice(asked.length + 1)}` : null;
}

/** The model an operation answers with (`Ticket`, or the items of `Ticket[]`); a DELETE's is its GET's. */
export function connectWiseModelOf(operation: string): string | null {
  const key = operation.startsWith('DELETE ') ? `GET ${operation.slice(7)}` : operation;
  const schema = connectWiseDocument['x-operations'][key]?.schema ?? {};
  const ref: unknown = schema.$ref ?? schema.items?.$ref;
  return typeof ref === 'string' ? ref.replace('#/definitions/', '') : null;
}

/** The property schema at `board/name` in a model, following references; null when the model has no such field. */
export function connectWisePropertyAt(model: string, path: string): Schema | null {
  const definitions = connectWiseDocument.definitions;
  let node: Schema | undefined = definitions[model];
  for (const key of path.split('/')) {
    while (node?.$ref) node = definitions[String(node.$ref).replace('#/definitions/', '')];
    if (node?.type === 'array') node = node.items;
    while (node?.$ref) node = definitions[String(node.$ref).replace('#/definitions/', '')];
    node = node?.properties?.[key];
    if (!node) return null;
  }
  return node ?? null;
}

/**
 * The field paths a `conditions` (or `childConditions`, `orderBy`) text names: each clause's left
 * side, with quoted text taken out first (`name like "a and b"` names `name` only).
 */
export function connectWiseConditionFields(text: string): string[] {
  const bare = text.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\[[^\]]*\]/g, '[]');
  return bare.split(/\s+(?:and|or)\s+/i).map((clause) => /^\(*\s*([A-Za-z_][\w/]*)/.exec(clause.trim())?.[1]).filter((f): f is string => Boolean(f));
}

/** The `field=value` clauses of a `conditions` text whose field is a top-level one, with the value as JSON would carry it. */
export function connectWiseEqualities(text: string): Array<{ field: string; value: unknown }> {
  const found: Array<{ field: string; value: unknown }> = [];
  for (const m of text.matchAll(/(?:^|\s|\()([A-Za-z_]\w*)\s*=\s*("(?:[^"\\]|\\.)*"|true|false|-?\d+(?:\.\d+)?)/g)) {
    const raw = m[2]!;
    found.push({ field: m[1]!, value: raw.startsWith('"') ? JSON.parse(raw) : raw === 'true' ? true : raw === 'false' ? false : Number(raw) });
  }
  return found;
}
