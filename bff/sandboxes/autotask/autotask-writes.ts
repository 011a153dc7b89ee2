/**
 * @module Creates and updates as Autotask performs them: body keys in any case, read-only and unknown
 * fields ignored, required fields, lengths, picklist values and references checked, and the entity
 * rules of the facts file (ticket numbers and completion, services only on Recurring Service
 * contracts, unit counts changed only through ContractServiceAdjustments). Answers `{"itemId": n}`.
 */
import type { SandboxState } from '../common/sandbox-kit.js';
import { monthlyPeriods, type AutotaskData, type AutotaskDb } from './autotask-db.js';
import { entity, type EntityDef, type FieldDef } from './autotask-entities.js';
import { TICKET_COMPLETE_STATUS } from './autotask-picklists.js';
import { AutotaskFault, lowerKeys, parseUtc, type Row } from './autotask-query.js';
import { API_RESOURCE_ID } from './autotask.seed.js';

const WRITE_KINDS: Record<string, string> = {
  Companies: 'company', Contacts: 'contact', Tickets: 'ticket', TicketNotes: 'note', Contracts: 'contract',
  ContractServices: 'contract-service', Services: 'service', Resources: 'resource',
};

/** Coerces a body value to the field's type; ASSUMPTION: the wording of these 500 texts is ours. */
function coerce(def: EntityDef, field: FieldDef, value: unknown): unknown {
  if (value === null || value === undefined || (value === '' && field.dataType !== 'string')) return null;
  const bad = () => new AutotaskFault(`Invalid value for field ${field.name} in the ${def.internalName} Entity: ${JSON.stringify(value)}`);
  switch (field.dataType) {
    case 'long':
    case 'integer':
    case 'double': {
      const n = typeof value === 'boolean' ? (value ? 1 : 0) : Number(value);
      if (!Number.isFinite(n) || (field.dataType !== 'double' && !Number.isInteger(n))) throw bad();
      return n;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const s = String(value).toLowerCase();
      if (s === 'true' || s === '1') return true;
      if (s === 'false' || s === '0') return false;
      throw bad();
    }
    case 'datetime': {
      const ms = parseUtc(String(value));
      if (Number.isNaN(ms)) throw bad();
      return new Date(ms).toISOString();
    }
    default: {
      const s = String(value);
      if (field.length > 0 && s.length > field.length) throw new AutotaskFault(`${field.name} exceeds the maximum length of ${field.length} characters.`);
      return s;
    }
  }
}

/** The writable fields present in a body, by canonical name. */
function readBody(def: EntityDef, body: unknown): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const [key, value] of Object.entries(lowerKeys(body))) {
    const field = def.field(key);
    if (!field || field.isReadOnly) continue; // Autotask ignores unknown and read-only properties
    values.set(field.name, coerce(def, field, value));
  }
  return values;
}

function check(db: AutotaskDb, def: EntityDef, row: Record<string, unknown>): void {
  for (const field of def.fields) {
    const value = row[field.name];
    if (field.isRequired && (value === null || value === undefined || value === '')) {
      throw new AutotaskFault(`Missing required field: ${field.name} in the ${def.internalName} Entity`);
    }
    if (value === null || value === undefined) continue;
    if (field.picklistValues) {
      const entry = field.picklistValues.find((p) => p.value === String(value));
      if (!entry || !entry.isActive) throw new AutotaskFault(`Value ${String(value)} is not a valid value for ${field.name}.`);
      if (field.picklistParentValueField && entry.parentValue !== String(row[field.picklistParentValueField] ?? '')) {
        throw new AutotaskFault(`${field.name} ${String(value)} does not belong to ${field.picklistParentValueField} ${String(row[field.picklistParentValueField] ?? 'null')}.`);
      }
    }
    const target = REFERENCES[field.referenceEntityType];
    if (target && !db.get(target, Number(value))) {
      throw new AutotaskFault(`${field.name} ${String(value)} does not exist.`);
    }
  }
}

/** Reference types the sandbox checks on write (the entities it holds). */
const REFERENCES: Record<string, string> = {
  Company: 'Companies', Contact: 'Contacts', Contract: 'Contracts', Resource: 'Resources', Ticket: 'Tickets',
  Service: 'Services', ContractService: 'ContractServices', AllocationCode: 'BillingCodes',
};

export interface WriteTarget {
  def: EntityDef;
  /** Set when written through a parent URL (`/Tickets/{id}/Notes`). */
  parent?: { key: string; id: number };
}

export function createEntity(state: SandboxState<AutotaskData>, target: WriteTarget, body: unknown): number {
  const { db } = state.data;
  const { def } = target;
  const values = readBody(def, body);
  if (target.parent) {
    if (!db.get(entity(parentEntityOf(target.parent.key)).name, target.parent.id)) throw new AutotaskFault(`${target.parent.key} ${target.parent.id} does not exist.`);
    values.set(target.parent.key, target.parent.id);
  }
  const now = new Date().toISOString();
  const row: Record<string, unknown> = Object.fromEntries(values);
  applyCreateDefaults(db, def.name, row, now);
  check(db, def, row);
  if (def.name === 'ContractServiceAdjustments') return adjustUnits(state, row);
  validateEntityRules(db, def.name, row, null);
  const created = db.insert(def.name, row);
  state.recordWrite(WRITE_KINDS[def.name] ?? def.name, created.id, created);
  return created.id;
}

export function updateEntity(state: SandboxState<AutotaskData>, target: WriteTarget, body: unknown, replace: boolean): number {
  const { db } = state.data;
  const { def } = target;
  const id = Number(lowerKeys(body).id);
  const existing = Number.isInteger(id) ? db.get(def.name, id) : undefined;
  if (!existing || (target.parent && existing[target.parent.key] !== target.parent.id)) {
    throw new AutotaskFault(`No ${def.internalName} with id ${String(lowerKeys(body).id ?? '')} was found.`); // ASSUMPTION: wording
  }
  const values = readBody(def, body);
  const next: Record<string, unknown> = { ...existing };
  if (replace) for (const f of def.fields) if (!f.isReadOnly && f.name !== target.parent?.key) next[f.name] = null; // PUT: missing fields become null
  for (const [key, value] of values) next[key] = value;
  if (target.parent) next[target.parent.key] = target.parent.id;
  check(db, def, next);
  validateEntityRules(db, def.name, next, existing);
  if (def.name === 'Tickets' && next.status !== existing.status) {
    const complete = next.status === TICKET_COMPLETE_STATUS;
    next.completedDate = complete ? new Date().toISOString() : null;
    next.completedByResourceID = complete ? API_RESOURCE_ID : null;
  }
  // Modification stamps move with every update (Autotask's incremental-sync watermarks [AT-GDS-NOTES]).
  const now = new Date().toISOString();
  for (const stamp of ['lastActivityDate', 'lastTrackedModifiedDateTime', 'lastTrackedModificationDateTime', 'lastModifiedDate']) {
    if (stamp in existing) next[stamp] = now;
  }
  Object.assign(existing, next);
  state.recordWrite(`${WRITE_KINDS[def.name] ?? def.name}.update`, existing.id, Object.fromEntries(values));
  return existing.id;
}

function parentEntityOf(key: string): string {
  return { companyID: 'Companies', ticketID: 'Tickets', contractID: 'Contracts' }[key] ?? key;
}

function applyCreateDefaults(db: AutotaskDb, name: string, row: Record<string, unknown>, now: string): void {
  switch (name) {
    case 'Companies':
      row.isActive ??= true;
      Object.assign(row, { createDate: now, createdByResourceID: API_RESOURCE_ID, lastTrackedModifiedDateTime: now });
      break;
    case 'Contacts':
      row.isActive ??= 1;
      Object.assign(row, { createDate: now, lastModifiedDate: now });
      break;
    case 'Tickets': {
      // ASSUMPTION: every sandbox ticket category supplies defaults, so dueDateTime is optional (the
      // facts say it is required unless the category supplies one) and type/category default.
      row.ticketCategory ??= 2;
      row.ticketType ??= 1;
      row.dueDateTime ??= new Date(Date.parse(now) + 48 * 3_600_000).toISOString();
      const complete = row.status === TICKET_COMPLETE_STATUS;
      Object.assign(row, {
        ticketNumber: db.nextTicketNumber(new Date(now)), createDate: now, creatorResourceID: API_RESOURCE_ID, creatorType: 1,
        lastActivityDate: now, lastTrackedModificationDateTime: now,
        completedDate: complete ? now : null, completedByResourceID: complete ? API_RESOURCE_ID : null,
      });
      break;
    }
    case 'TicketNotes':
      Object.assign(row, { createDateTime: now, creatorResourceID: API_RESOURCE_ID, lastActivityDate: now });
      break;
    case 'Services':
      row.isActive ??= true;
      Object.assign(row, { createDate: now, creatorResourceID: API_RESOURCE_ID, lastModifiedDate: now });
      break;
    case 'Contracts':
      row.status ??= 1;
      break;
  }
}

function validateEntityRules(db: AutotaskDb, name: string, row: Record<string, unknown>, existing: Row | null): void {
  if (name === 'Tickets') {
    if ((row.assignedResourceID == null) !== (row.assignedResourceRoleID == null)) {
      throw new AutotaskFault('When assigning a Resource, you must assign both a assignedResourceID and assignedResourceRoleID.'); // [AT-WYRE-ISS]
    }
    const contact = row.contactID == null ? null : db.get('Contacts', Number(row.contactID));
    // ASSUMPTION: wording; the rule (a ticket's contact belongs to its company) is the PSA's.
    if (contact && contact.companyID !== row.companyID) throw new AutotaskFault('The contact must belong to the ticket\'s company.');
  }
  if (name === 'ContractServices' && !existing) {
    const contract = db.get('Contracts', Number(row.contractID))!;
    // On create the contract must be a Recurring Service contract (type 7) [AT-DOC-CSVC].
    if (contract.contractType !== 7) throw new AutotaskFault('Services can only be added to Recurring Service contracts.');
    if (db.rows('ContractServices').some((cs) => cs.contractID === row.contractID && cs.serviceID === row.serviceID)) {
      throw new AutotaskFault('This service is already on the contract.'); // ASSUMPTION: duplicates refused
    }
  }
  if (name === 'Services') {
    const code = db.get('BillingCodes', Number(row.billingCodeID));
    // billingCodeID must be an active "Recurring Contract Service" allocation code [AT-DOC-SVC].
    if (!code || !code.isActive || code.useType !== 5) throw new AutotaskFault('billingCodeID must be an active Recurring Contract Service billing code.');
  }
}

/**
 * A unit adjustment: create-only, adds the ContractService when it is missing [AT-DOC-CSA], and moves
 * the unit count of every period from `effectiveDate` on by `unitChange`, splitting the period it
 * falls in (one ContractServiceUnits row per period, split at each adjustment [AT-DOC-CSU]).
 */
function adjustUnits(state: SandboxState<AutotaskData>, row: Record<string, unknown>): number {
  const { db } = state.data;
  const contract = db.get('Contracts', Number(row.contractID))!;
  let cs = row.contractServiceID != null ? db.get('ContractServices', Number(row.contractServiceID)) : undefined;
  if (cs && cs.contractID !== contract.id) throw new AutotaskFault('contractServiceID does not belong to contractID.');
  if (!cs) {
    if (row.serviceID == null) throw new AutotaskFault('Missing required field: serviceID in the ContractServiceAdjustment Entity');
    cs = db.rows('ContractServices').find((s) => s.contractID === contract.id && s.serviceID === row.serviceID);
  }
  if (!cs) {
    if (contract.contractType !== 7) throw new AutotaskFault('Services can only be added to Recurring Service contracts.');
    const service = db.get('Services', Number(row.serviceID))!;
    cs = db.insert('ContractServices', { contractID: contract.id, serviceID: service.id, unitPrice: row.adjustedUnitPrice ?? service.unitPrice, unitCost: row.adjustedUnitCost ?? service.unitCost, invoiceDescription: service.name });
    state.recordWrite('contract-service', cs.id, cs);
  }
  const effective = Date.parse(String(row.effectiveDate));
  const change = Number(row.unitChange);
  const rows = db.rows('ContractServiceUnits').filter((u) => u.contractServiceID === cs!.id);
  const price = Number(row.adjustedUnitPrice ?? cs.unitPrice ?? 0);
  const cost = Number(row.adjustedUnitCost ?? cs.unitCost ?? 0);
  const fresh = (start: number, end: number, units: number) => ({
    contractID: contract.id, contractServiceID: cs!.id, serviceID: cs!.serviceID, startDate: new Date(start).toISOString(), endDate: new Date(end).toISOString(),
    units, price: price * units, cost: cost * units, approveAndPostDate: null,
  });
  const affected = rows.filter((u) => Date.parse(String(u.endDate)) > effective);
  if (affected.some((u) => Number(u.units) + change < 0)) throw new AutotaskFault('The adjustment would make the number of units negative.'); // ASSUMPTION
  if (affected.length === 0) {
    if (change < 0) throw new AutotaskFault('The adjustment would make the number of units negative.');
    // A service line without periods yet: monthly periods from the effective date to the contract's end.
    const until = Date.parse(String(contract.endDate ?? '')) || effective + 365 * 86_400_000;
    for (const [start, end] of monthlyPeriods(effective, until)) db.insert('ContractServiceUnits', fresh(start, end, change));
  }
  for (const period of affected) {
    const start = Date.parse(String(period.startDate));
    if (start < effective) {
      // Split: the old count up to the effective date, the new count after it.
      db.insert('ContractServiceUnits', fresh(effective, Date.parse(String(period.endDate)), Number(period.units) + change));
      Object.assign(period, { endDate: new Date(effective).toISOString(), price: price * Number(period.units), cost: cost * Number(period.units) });
    } else {
      const units = Number(period.units) + change;
      Object.assign(period, { units, price: price * units, cost: cost * units });
    }
  }
  const adjustment = db.insert('ContractServiceAdjustments', { ...row, contractServiceID: cs.id, serviceID: cs.serviceID });
  const current = db.rows('ContractServiceUnits').find((u) => u.contractServiceID === cs!.id && Date.parse(String(u.startDate)) <= Date.now() && Date.now() < Date.parse(String(u.endDate)));
  state.recordWrite('contract-service.units', adjustment.id, {
    contractID: contract.id, serviceID: cs.serviceID, contractServiceID: cs.id, unitChange: change, effectiveDate: row.effectiveDate, units: current?.units ?? null,
  });
  return adjustment.id;
}
