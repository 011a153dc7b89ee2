/**
 * @module Autotask's query grammar as the sandbox evaluates it: the `QueryModel` (filter, MaxRecords,
 * IncludeFields, keys in any case), every filter operator with and/or groups and UDF filters, id-ordered
 * pages with `pageDetails` and a `nextPageUrl` that carries `paging={"pageSize","previousIds","nextIds"}`
 * like the real one [psa-apis.md A4].
 */
import type { EntityDef, FieldDef } from './autotask-entities.js';
import { LenientJsonError, parseLenientJson } from './autotask-json.js';

export type Row = Record<string, unknown> & { id: number };

/** An answer Autotask gives as `{"errors":[…]}` (HTTP 500 unless said otherwise). */
export class AutotaskFault extends Error {
  constructor(message: string, readonly status = 500) {
    super(message);
  }
}

/**
 * Reads a request body (or `?search=`) for the API: Json.NET's leniency, and what it cannot read
 * is a 400 `{"errors":[message]}`. ASSUMPTION: the facts see Autotask answer bad input with 500s,
 * but a body that is not JSON is the caller's fault; it must never look like an outage (5xx is
 * retried by clients), so the sandbox answers 400 with Json.NET's message.
 */
export function readJson(text: string): unknown {
  try {
    return parseLenientJson(text);
  } catch (error) {
    if (error instanceof LenientJsonError) throw new AutotaskFault(error.message, 400);
    throw error;
  }
}

export interface QueryModel {
  filter: unknown[];
  maxRecords: number | null;
  includeFields: string[];
}

export interface Paging {
  pageSize: number;
  previousIds: number[];
  nextIds: number[];
}

const COMPARISONS = new Set(['eq', 'noteq', 'gt', 'gte', 'lt', 'lte', 'beginswith', 'endswith', 'contains', 'exist', 'notexist', 'in', 'notin']);
export const PAGE_SIZE = 500;

/** Keys of request objects are matched case-insensitively (`Filter`, `MaxRecords`, `IncludeFields`). */
export function lowerKeys(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), v]));
}

export function parseQueryModel(raw: unknown): QueryModel {
  const body = lowerKeys(raw);
  const filter = Array.isArray(body.filter) ? body.filter : [];
  // ASSUMPTION: the wording of the "no filter" error is ours; the rule itself is documented [AT-GDS-HTTP].
  if (filter.length === 0) throw new AutotaskFault('At least one filter is required. Use {"op":"exist","field":"id"} to return all records.');
  let maxRecords: number | null = null;
  if (body.maxrecords !== undefined && body.maxrecords !== null) {
    maxRecords = Number(body.maxrecords);
    if (!Number.isInteger(maxRecords) || maxRecords < 1 || maxRecords > PAGE_SIZE) {
      throw new AutotaskFault('maxCountOfRecordsToReturn must be between 1 and 500');
    }
  }
  const includeFields = Array.isArray(body.includefields) ? body.includefields.map(String) : [];
  return { filter, maxRecords, includeFields };
}

/** Parses `?search=` (the GET form of a query). */
export function parseSearch(search: string | undefined): QueryModel {
  if (!search) throw new AutotaskFault('The search parameter is required.');
  return parseQueryModel(readJson(search));
}

export function parsePaging(raw: string | undefined): Paging | null {
  if (!raw) return null;
  try {
    const p = lowerKeys(JSON.parse(raw));
    const ids = (v: unknown) => (Array.isArray(v) ? v.map(Number).filter(Number.isFinite) : []);
    const pageSize = Number(p.pagesize ?? PAGE_SIZE);
    return { pageSize: Number.isInteger(pageSize) && pageSize > 0 ? Math.min(pageSize, PAGE_SIZE) : PAGE_SIZE, previousIds: ids(p.previousids), nextIds: ids(p.nextids) };
  } catch {
    throw new AutotaskFault('The paging parameter is not valid.');
  }
}

/** Epoch ms of an Autotask timestamp; one without a zone is UTC, as Autotask stores it [AT-DOC-TICKETS]. NaN if unreadable. */
export function parseUtc(value: string): number {
  return Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
}

type Scalar = number | string | boolean | null;
type Predicate = (row: Row) => boolean;

function unableToFind(field: string, def: EntityDef): AutotaskFault {
  return new AutotaskFault(`Unable to find ${field} in the ${def.internalName} Entity`);
}

/** Normalises a value for comparison by the field's data type (strings compare case-insensitively). */
function normalise(dataType: FieldDef['dataType'] | 'udf', value: unknown, field: string): Scalar {
  if (value === null || value === undefined) return null;
  switch (dataType) {
    case 'long':
    case 'integer':
    case 'double': {
      if (typeof value === 'boolean') return value ? 1 : 0; // Contacts.isActive is an integer; filters send `true` [AT-POSTMAN]
      const n = typeof value === 'number' ? value : Number(String(value).trim());
      if (String(value).trim() === '' || !Number.isFinite(n)) throw new AutotaskFault(`Invalid value for field ${field}: ${JSON.stringify(value)}`);
      return n;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const s = String(value).toLowerCase();
      if (s === 'true' || s === '1') return true;
      if (s === 'false' || s === '0') return false;
      throw new AutotaskFault(`Invalid value for field ${field}: ${JSON.stringify(value)}`);
    }
    case 'datetime': {
      const ms = parseUtc(String(value));
      if (Number.isNaN(ms)) throw new AutotaskFault(`Invalid value for field ${field}: ${JSON.stringify(value)}`);
      return ms;
    }
    default:
      return String(value).toLowerCase();
  }
}

function udfValue(row: Row, name: string): unknown {
  const udfs = Array.isArray(row.userDefinedFields) ? (row.userDefinedFields as Array<{ name: string; value: unknown }>) : [];
  return udfs.find((u) => u.name.toLowerCase() === name.toLowerCase())?.value ?? null;
}

function compileOne(def: EntityDef, raw: unknown, udfNames: Set<string>): Predicate {
  const f = lowerKeys(raw);
  const op = String(f.op ?? '').toLowerCase();
  if (op === 'and' || op === 'or') {
    const items = (Array.isArray(f.items) ? f.items : []).map((item) => compileOne(def, item, udfNames));
    if (items.length === 0) return () => true;
    return op === 'and' ? (row) => items.every((p) => p(row)) : (row) => items.some((p) => p(row));
  }
  // An unknown operator is silently discarded, so the filter matches everything [AT-WYRE-PR].
  if (!COMPARISONS.has(op)) return () => true;
  const fieldName = String(f.field ?? '');
  let read: (row: Row) => unknown;
  let dataType: FieldDef['dataType'] | 'udf';
  if (f.udf === true || String(f.udf).toLowerCase() === 'true') {
    const udf = [...udfNames].find((n) => n.toLowerCase() === fieldName.toLowerCase());
    if (!def.hasUserDefinedFields || !udf) throw unableToFind(fieldName, def);
    read = (row) => udfValue(row, udf);
    dataType = 'udf';
  } else {
    const field = def.field(fieldName);
    if (!field) throw unableToFind(fieldName, def);
    // ASSUMPTION: wording of the error for a field Autotask marks not queryable.
    if (!field.isQueryable) throw new AutotaskFault(`${field.name} is not queryable in the ${def.internalName} Entity`);
    read = (row) => row[field.name];
    dataType = field.dataType;
  }
  const norm = (v: unknown) => normalise(dataType, v, fieldName);
  if (op === 'exist') return (row) => read(row) !== null && read(row) !== undefined;
  if (op === 'notexist') return (row) => read(row) === null || read(row) === undefined;
  if (op === 'in' || op === 'notin') {
    const values = new Set((Array.isArray(f.value) ? f.value : [f.value]).map(norm));
    // Like SQL, a null never matches either list.
    return op === 'in' ? (row) => { const v = norm(read(row)); return v !== null && values.has(v); } : (row) => { const v = norm(read(row)); return v !== null && !values.has(v); };
  }
  const target = norm(f.value);
  if (op === 'beginswith' || op === 'endswith' || op === 'contains') {
    const text = String(target ?? '').toLowerCase();
    return (row) => {
      const v = read(row);
      if (v === null || v === undefined) return false;
      const s = String(v).toLowerCase();
      return op === 'contains' ? s.includes(text) : op === 'beginswith' ? s.startsWith(text) : s.endsWith(text);
    };
  }
  // ASSUMPTION: comparisons with a null column follow SQL (null matches neither eq nor noteq).
  return (row) => {
    const v = norm(read(row));
    if (v === null || target === null) return false;
    switch (op) {
      case 'eq': return v === target;
      case 'noteq': return v !== target;
      case 'gt': return v > target;
      case 'gte': return v >= target;
      case 'lt': return v < target;
      default: return v <= target;
    }
  };
}

/** Top-level filters are ANDed [psa-apis.md A4]. Throws AutotaskFault for unknown fields. */
export function compileFilter(def: EntityDef, filters: unknown[], udfNames: Set<string> = new Set()): Predicate {
  const preds = filters.map((f) => compileOne(def, f, udfNames));
  return (row) => preds.every((p) => p(row));
}

/** Resolves IncludeFields to canonical names; `id` (and UDFs) always come back [AT-DOC-ADVQ, AT-APIGRATE]. */
export function projector(def: EntityDef, includeFields: string[]): (row: Row) => Record<string, unknown> {
  if (includeFields.length === 0) return (row) => ({ ...row });
  const names = new Set(['id']);
  for (const name of includeFields) {
    const field = def.field(name);
    if (!field) throw unableToFind(name, def);
    names.add(field.name);
  }
  const ordered = def.fields.map((f) => f.name).filter((n) => names.has(n));
  if (def.hasUserDefinedFields) ordered.push('userDefinedFields');
  return (row) => Object.fromEntries(ordered.map((n) => [n, row[n] ?? null]));
}

export interface PageResult {
  items: Row[];
  /** Id the next page starts at, or null on the last page. */
  nextId: number | null;
}

/** One id-ordered page of matching rows, starting at `startId` (`-1` = from the beginning). */
export function selectPage(rows: Row[], predicate: Predicate, startId: number, pageSize: number): PageResult {
  const items: Row[] = [];
  for (const row of rows) {
    if (row.id < startId || !predicate(row)) continue;
    if (items.length === pageSize) return { items, nextId: row.id };
    items.push(row);
  }
  return { items, nextId: null };
}

export function countMatches(rows: Row[], predicate: Predicate): number {
  let n = 0;
  for (const row of rows) if (predicate(row)) n++;
  return n;
}
