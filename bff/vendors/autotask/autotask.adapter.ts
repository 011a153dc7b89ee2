/**
 * @module The Autotask PSA adapter: companies, contacts, picklists, tickets and notes with
 * idempotency markers, contracts, services and unit counts, over Autotask's REST API v1.0 via the
 * shared transport. Every answer is parsed (autotask.schemas) and mapped (autotask.mapper).
 */
import { createHash } from 'node:crypto';
import type { AutotaskCredentials } from '../../contracts/credentials.js';
import type { AdapterContext } from '../adapter-context.js';
import type { ContractServiceUnits, NewNote, NewTicket, PsaContact, PsaService, TicketRef } from '../../contracts/model.js';
import type { PsaAdapter } from '../psa-adapter.js';
import { VendorError } from '../vendor-errors.js';
import { AutotaskClient, type AutotaskFilter } from './autotask.client.js';
import { fieldByName, labelMap, toAccount, toContact, toContract, toPicklists, toService, toTicketRef, type CompanyLabels } from './autotask.mapper.js';
import {
  billingCodeSchema, companySchema, contactSchema, contractSchema, contractServiceSchema, contractServiceUnitSchema,
  fieldsResultSchema, serviceSchema, ticketNoteSchema, ticketSchema, type AutotaskContractServiceUnit, type AutotaskField,
} from './autotask.schemas.js';

/**
 * The ticket field that keeps the idempotency marker. `externalID` is Autotask's reference for "the id
 * of this ticket in another system", is writable, queryable and holds 50 characters [AT-SWAGGER
 * TicketModel]; a UDF would need set-up in every tenant. Longer markers are hashed to fit.
 */
export const TICKET_MARKER_FIELD = 'externalID';
const MARKER_MAX = 50;
const LIMITS = { ticketTitle: 255, ticketDescription: 8000, noteTitle: 250, noteDescription: 32000 };

const eq = (field: string, value: unknown): AutotaskFilter => ({ op: 'eq', field, value });

function ticketMarker(marker: string): string {
  return marker.length <= MARKER_MAX ? marker : `h:${createHash('sha256').update(marker).digest('hex').slice(0, MARKER_MAX - 2)}`;
}

/** How a note carries its marker: a last line that a `contains` filter can find exactly. */
export function noteMarkerLine(marker: string): string {
  return `[ref:${marker}]`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function numericId(id: string, what: string): number {
  if (!/^\d+$/.test(id)) throw new VendorError('autotask', 'not_found', `Autotask has no ${what} with id “${id}”.`);
  return Number(id);
}

function optional(body: Record<string, unknown>, field: string, value: string | null): void {
  if (value !== null && value !== '') body[field] = Number.isFinite(Number(value)) ? Number(value) : value;
}

/** Autotask times are UTC; a timestamp without a zone is read as UTC [AT-DOC-TICKETS]. NaN when absent. */
function utc(value: string | null): number {
  if (!value) return Number.NaN;
  return Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
}

/**
 * Today as Autotask's date-semantic `effectiveDate`: a .NET DateTime without an offset, as psa-apis.md
 * A3 shows (`2026-10-01T00:00:00`; no time-zone conversion is applied to service adjustments
 * [AT-SEANMACEY]). The swagger's `date-time` format names the .NET type, not RFC 3339's offset.
 */
function today(): string {
  return `${new Date().toISOString().slice(0, 10)}T00:00:00`;
}

export function createAutotaskAdapter(ctx: AdapterContext, credentials: AutotaskCredentials): PsaAdapter {
  const client = new AutotaskClient(ctx, credentials);
  // Picklists change rarely: cached for the adapter's life, dropped again if the load failed.
  const fieldCache = new Map<string, Promise<AutotaskField[]>>();
  const fields = (entity: string, signal?: AbortSignal): Promise<AutotaskField[]> => {
    let cached = fieldCache.get(entity);
    if (!cached) {
      cached = client.get(fieldsResultSchema, `${entity}/entityInformation/fields`, signal).then((r) => r.fields);
      cached.catch(() => fieldCache.delete(entity));
      fieldCache.set(entity, cached);
    }
    return cached;
  };

  // The label maps are built once per loaded field list, not on every account listing.
  const labelCache = new WeakMap<AutotaskField[], CompanyLabels>();
  async function companyLabels(signal?: AbortSignal): Promise<CompanyLabels> {
    const list = await fields('Companies', signal);
    let labels = labelCache.get(list);
    if (!labels) {
      labels = {
        type: labelMap(fieldByName(list, 'companyType')),
        classification: labelMap(fieldByName(list, 'classification')),
        marketSegment: labelMap(fieldByName(list, 'marketSegmentID')),
      };
      labelCache.set(list, labels);
    }
    return labels;
  }

  async function activeContacts(accountId: string, extra: AutotaskFilter[], signal?: AbortSignal): Promise<PsaContact[]> {
    const companyId = numericId(accountId, 'company');
    const rows = await client.query('Contacts', {
      filter: [eq('companyID', companyId), eq('isActive', true), ...extra],
      includeFields: ['id', 'companyID', 'firstName', 'lastName', 'emailAddress', 'emailAddress2', 'emailAddress3', 'primaryContact', 'isActive'],
    }, contactSchema, signal);
    // Never another company's contact, whatever the filter returned.
    return rows.filter((c) => String(c.companyID) === String(companyId)).map(toContact);
  }

  async function currentUnits(contractServiceId: string, signal?: AbortSignal): Promise<number> {
    const now = Date.now();
    const rows = await client.query('ContractServiceUnits', {
      filter: [eq('contractServiceID', Number(contractServiceId)), { op: 'gt', field: 'endDate', value: new Date(now).toISOString() }],
      includeFields: ['id', 'contractServiceID', 'startDate', 'endDate', 'units'],
    }, contractServiceUnitSchema, signal);
    // The current count is the period that contains today [AT-DOC-CSU; selection rule INFERRED].
    const covers = (u: AutotaskContractServiceUnit) => utc(u.startDate) <= now && now < utc(u.endDate);
    return rows.find(covers)?.units ?? 0;
  }

  /** The active "Recurring Contract Service" billing code a new service must use [AT-DOC-SVC]. */
  async function recurringBillingCode(signal?: AbortSignal): Promise<number> {
    const list = await fields('BillingCodes', signal);
    // ASSUMPTION: the type is read by label from the picklist (numbers are not documented [psa-apis.md D2]).
    for (const name of ['useType', 'billingCodeType']) {
      const value = fieldByName(list, name)?.picklistValues.find((v) => /recurring\s+contract\s+service/i.test(v.label ?? ''));
      if (!value) continue;
      const codes = await client.query('BillingCodes', { filter: [eq('isActive', true), eq(name, Number(value.value))], includeFields: ['id', 'name', 'isActive'], maxRecords: 1 }, billingCodeSchema, signal);
      if (codes[0]) return Number(codes[0].id);
    }
    throw new VendorError('autotask', 'rejected', 'Autotask has no active billing code of type “Recurring Contract Service”, which every service needs. Create one in Autotask (Admin › Billing codes) and try again.');
  }

  return {
    vendor: 'autotask',

    async validateCredentials(signal) {
      // Company 0 is the MSP's own company [AT-POSTMAN]: one authenticated call that also names the account.
      const own = await client.getItem(companySchema, 'Companies', '0', signal);
      return { accountLabel: own?.companyName ?? null };
    },

    async listAccounts(query = {}, signal) {
      const search = query.search?.trim() ?? '';
      const filter: AutotaskFilter[] = [eq('isActive', true)];
      if (search) filter.push({ op: 'contains', field: 'companyName', value: search });
      const [labels, rows] = await Promise.all([
        companyLabels(signal),
        client.query('Companies', {
          filter,
          includeFields: ['id', 'companyName', 'companyType', 'classification', 'marketSegmentID', 'parentCompanyID', 'isActive'],
        }, companySchema, signal),
      ]);
      const needle = search.toLowerCase();
      return rows.map((row) => toAccount(row, labels)).filter((a) => !needle || a.name.toLowerCase().includes(needle));
    },

    listContacts(accountId, signal) {
      return activeContacts(accountId, [], signal);
    },

    async findContactByEmail(accountId, email, signal) {
      const wanted = email.trim();
      if (!wanted) return null;
      // Secondary addresses live in emailAddress2/3 (INFERRED in the facts): any of the three matches.
      const byEmail: AutotaskFilter = { op: 'or', items: ['emailAddress', 'emailAddress2', 'emailAddress3'].map((f) => eq(f, wanted)) };
      const contacts = await activeContacts(accountId, [byEmail], signal);
      const lower = wanted.toLowerCase();
      return contacts.find((c) => c.email?.toLowerCase() === lower) ?? contacts[0] ?? null;
    },

    async getPicklists(signal) {
      const [ticketFields, noteFields] = await Promise.all([fields('Tickets', signal), fields('TicketNotes', signal)]);
      return toPicklists(ticketFields, noteFields);
    },

    async createTicket(ticket: NewTicket, signal) {
      const body: Record<string, unknown> = {
        companyID: numericId(ticket.accountId, 'company'),
        title: clip(ticket.title, LIMITS.ticketTitle),
        description: clip(ticket.description, LIMITS.ticketDescription),
        status: Number(ticket.statusId),
        priority: Number(ticket.priorityId),
        [TICKET_MARKER_FIELD]: ticketMarker(ticket.marker),
      };
      optional(body, 'contactID', ticket.contactId);
      optional(body, 'queueID', ticket.queueId);
      optional(body, 'ticketType', ticket.typeId);
      optional(body, 'source', ticket.sourceId);
      optional(body, 'ticketCategory', ticket.categoryId);
      optional(body, 'issueType', ticket.issueTypeId);
      optional(body, 'subIssueType', ticket.subIssueTypeId);
      optional(body, 'contractID', ticket.contractId);
      const id = await client.write('POST', 'Tickets', body, signal);
      const fallback: TicketRef = { id, number: null, isOpen: ticket.statusId !== '5' };
      try {
        const created = await client.getItem(ticketSchema, 'Tickets', id, signal);
        return created ? toTicketRef(created) : fallback;
      } catch (error) {
        // The ticket exists; a failed read-back must not make the caller create it again.
        if (signal?.aborted) throw error;
        return fallback;
      }
    },

    async findTicketByMarker(marker, signal) {
      const rows = await client.query('Tickets', {
        filter: [eq(TICKET_MARKER_FIELD, ticketMarker(marker))], includeFields: ['id', 'ticketNumber', 'status', TICKET_MARKER_FIELD], maxRecords: 1,
      }, ticketSchema, signal);
      return rows[0] ? toTicketRef(rows[0]) : null;
    },

    async getTicket(ticketId, signal) {
      const ticket = await client.getItem(ticketSchema, 'Tickets', String(numericId(ticketId, 'ticket')), signal);
      if (!ticket) throw new VendorError('autotask', 'not_found', `Autotask has no ticket with id ${ticketId}.`);
      return toTicketRef(ticket);
    },

    async addNote(note: NewNote, signal) {
      const ticketID = numericId(note.ticketId, 'ticket');
      const line = noteMarkerLine(note.marker);
      const description = `${clip(note.body, LIMITS.noteDescription - line.length - 2)}\n\n${line}`;
      // Notes are children of the ticket: written through /Tickets/{id}/Notes [AT-SWAGGER, AT-DOC-NOTES].
      const id = await client.write('POST', `Tickets/${ticketID}/Notes`, {
        ticketID, title: clip(note.title, LIMITS.noteTitle), description, noteType: Number(note.noteTypeId), publish: Number(note.visibilityId),
      }, signal);
      return { id };
    },

    async hasNoteWithMarker(ticketId, marker, signal) {
      const rows = await client.query('TicketNotes', {
        filter: [eq('ticketID', numericId(ticketId, 'ticket')), { op: 'contains', field: 'description', value: noteMarkerLine(marker) }],
        includeFields: ['id', 'ticketID'], maxRecords: 1,
      }, ticketNoteSchema, signal);
      return rows.length > 0;
    },

    async listContracts(accountId, signal) {
      const filter: AutotaskFilter[] = accountId === null ? [{ op: 'exist', field: 'id' }] : [eq('companyID', numericId(accountId, 'company'))];
      const rows = await client.query('Contracts', { filter, includeFields: ['id', 'companyID', 'contractName', 'contractType', 'status'] }, contractSchema, signal);
      return rows.map(toContract);
    },

    async listServices(signal) {
      const rows = await client.query('Services', { filter: [eq('isActive', true)], includeFields: ['id', 'name', 'unitCost', 'unitPrice', 'isActive'] }, serviceSchema, signal);
      return rows.map(toService);
    },

    async createService(input, signal): Promise<PsaService> {
      const [billingCodeID, serviceFields] = await Promise.all([recurringBillingCode(signal), fields('Services', signal)]);
      const periods = fieldByName(serviceFields, 'periodType')?.picklistValues ?? [];
      // ASSUMPTION: billable users are billed monthly; the monthly period is found by label.
      const period = periods.find((p) => /month/i.test(p.label ?? '')) ?? periods.find((p) => p.isDefaultValue) ?? periods[0];
      if (!period) throw new VendorError('autotask', 'unexpected_answer', 'Autotask sent no billing periods (Services periodType).');
      const id = await client.write('POST', 'Services', {
        name: input.name, description: input.description ?? input.name, invoiceDescription: input.name, billingCodeID,
        periodType: Number(period.value), unitPrice: input.unitPrice, unitCost: input.unitCost, isActive: true,
      }, signal);
      return { id, name: input.name, unitCost: input.unitCost, unitPrice: input.unitPrice };
    },

    async setContractServiceUnits(input: ContractServiceUnits, signal) {
      const contractID = numericId(input.contractId, 'contract');
      const serviceID = numericId(input.serviceId, 'service');
      const [existing] = await client.query('ContractServices', {
        filter: [eq('contractID', contractID), eq('serviceID', serviceID)], includeFields: ['id', 'contractID', 'serviceID', 'unitPrice', 'unitCost'], maxRecords: 1,
      }, contractServiceSchema, signal);
      let contractServiceID: string;
      let current = 0;
      if (existing) {
        contractServiceID = existing.id;
        current = await currentUnits(existing.id, signal);
      } else {
        let unitPrice = input.unitPrice;
        if (unitPrice === null) unitPrice = (await client.getItem(serviceSchema, 'Services', String(serviceID), signal))?.unitPrice ?? 0;
        const body: Record<string, unknown> = { contractID, serviceID, unitPrice };
        if (input.unitCost !== null) body.unitCost = input.unitCost;
        // Service lines are children of the contract [AT-SWAGGER]. ASSUMPTION: a new line starts with 0 units.
        contractServiceID = await client.write('POST', `Contracts/${contractID}/Services`, body, signal);
      }
      // Units change only through adjustments, as a delta from today [AT-DOC-CSVC, AT-DOC-CSA].
      const unitChange = Math.round(input.units) - current;
      if (unitChange === 0) return;
      const adjustment: Record<string, unknown> = {
        contractID, contractServiceID: Number(contractServiceID), serviceID, effectiveDate: today(), unitChange, allowRepeatService: false,
      };
      if (input.unitPrice !== null) adjustment.adjustedUnitPrice = input.unitPrice;
      if (input.unitCost !== null) adjustment.adjustedUnitCost = input.unitCost;
      await client.write('POST', 'ContractServiceAdjustments', adjustment, signal);
    },
  };
}
