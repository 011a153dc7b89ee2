/**
 * @module The sandbox tenant's tables: one id-ordered list per entity (Autotask answers queries in
 * id order), rows that carry every field of the entity (null when unset), and id counters that start
 * at tenant-like numbers.
 */
import { ENTITIES, entity } from './autotask-entities.js';
import type { Row } from './autotask-query.js';

/** The sandbox state's data: the tenant's tables. */
export interface AutotaskData {
  db: AutotaskDb;
}

interface Table {
  rows: Row[];
  byId: Map<number, Row>;
  nextId: number;
  template: Record<string, unknown>;
}

/** First ids per entity, shaped like a real tenant's (and matching ids the official Postman collection uses). */
const FIRST_IDS: Record<string, number> = {
  Companies: 175, Contacts: 30682900, Tickets: 7800, TicketNotes: 29710000, Contracts: 29684000,
  ContractServices: 29690000, ContractServiceAdjustments: 29720000, ContractServiceUnits: 29700000,
  Services: 29682810, Resources: 29682880, BillingCodes: 29682801, Invoices: 7360, BillingItems: 29730000,
  SalesOrders: 100, UserDefinedFieldDefinitions: 29682850, AttachmentInfo: 90, CompanyWebhookFields: 1, CompanyWebhookUdfFields: 1,
};

export class AutotaskDb {
  private readonly tables = new Map<string, Table>();
  /** UDF names per entity (values live in each row's `userDefinedFields`). */
  readonly udfNames = new Map<string, Set<string>>();
  private readonly ticketNumbers = new Map<string, number>();

  constructor() {
    for (const def of ENTITIES.values()) {
      const template: Record<string, unknown> = {};
      for (const f of def.fields) template[f.name] = f.dataType === 'boolean' ? false : null;
      if (def.hasUserDefinedFields) template.userDefinedFields = [];
      this.tables.set(def.name, { rows: [], byId: new Map(), nextId: FIRST_IDS[def.name] ?? 1, template });
      this.udfNames.set(def.name, new Set());
    }
  }

  rows(entityName: string): Row[] {
    return this.table(entityName).rows;
  }

  get(entityName: string, id: number): Row | undefined {
    return this.table(entityName).byId.get(id);
  }

  /** Adds a row with every field of the entity; takes the next id unless one is given (ids only grow). */
  insert(entityName: string, values: Record<string, unknown>, id?: number): Row {
    const table = this.table(entityName);
    const rowId = id ?? table.nextId;
    if (table.byId.has(rowId)) throw new Error(`duplicate ${entityName} id ${rowId}`);
    const row = { ...table.template, ...values, id: rowId } as Row;
    if (Array.isArray(row.userDefinedFields)) row.userDefinedFields = [...(row.userDefinedFields as unknown[])];
    const last = table.rows[table.rows.length - 1];
    if (last && last.id > rowId) {
      const at = table.rows.findIndex((r) => r.id > rowId);
      table.rows.splice(at, 0, row);
    } else {
      table.rows.push(row);
    }
    table.byId.set(rowId, row);
    table.nextId = Math.max(table.nextId, rowId + 1);
    return row;
  }

  setUdf(entityName: string, row: Row, name: string, value: string | null): void {
    this.udfNames.get(entityName)!.add(name);
    const udfs = row.userDefinedFields as Array<{ name: string; value: string | null }>;
    const existing = udfs.find((u) => u.name === name);
    if (existing) existing.value = value;
    else udfs.push({ name, value });
  }

  /** Ticket numbers look like `T20260101.0001`, counted per day [AT-SEANMACEY]. */
  nextTicketNumber(at: Date): string {
    const day = at.toISOString().slice(0, 10).replace(/-/g, '');
    const n = (this.ticketNumbers.get(day) ?? 0) + 1;
    this.ticketNumbers.set(day, n);
    return `T${day}.${String(n).padStart(4, '0')}`;
  }

  private table(entityName: string): Table {
    const table = this.tables.get(entity(entityName).name);
    if (!table) throw new Error(`no table ${entityName}`);
    return table;
  }
}

/**
 * Billing periods for ContractServiceUnits: from `start` to the first of the next month, then whole
 * months until `until` (one row per period, as Autotask keeps them [AT-DOC-CSU]).
 */
export function monthlyPeriods(start: number, until: number): Array<[start: number, end: number]> {
  const periods: Array<[number, number]> = [];
  let from = start;
  while (from < until && periods.length < 120) {
    const d = new Date(from);
    const end = Math.min(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1), until);
    periods.push([from, end]);
    from = end;
  }
  return periods;
}
