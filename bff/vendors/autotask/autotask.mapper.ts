/**
 * @module Autotask wire shapes → the neutral model. Picklist ids stay Autotask's string `value`s;
 * company type/classification/market segment ids become their labels; a ticket is open unless its
 * status is Complete.
 */
import type { PicklistValue, PsaAccount, PsaContact, PsaContract, PsaPicklists, PsaService, TicketRef } from '../../contracts/model.js';
import type { AutotaskCompany, AutotaskContact, AutotaskContract, AutotaskField, AutotaskService, AutotaskTicket } from './autotask.schemas.js';

/**
 * Complete (5) is Autotask's system terminal status [AT-POSTMAN "Tickets Not Complete" = noteq 5]; the
 * facts name no other terminal status (tenant-specific ones such as "Closed" are ordinary statuses).
 */
export const COMPLETE_STATUS = '5';

export function fieldByName(fields: AutotaskField[], name: string): AutotaskField | undefined {
  return fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
}

/** A field's picklist, in Autotask's sort order. */
export function toPicklist(field: AutotaskField | undefined): PicklistValue[] {
  if (!field) return [];
  return [...field.picklistValues]
    .sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0))
    .map((v) => {
      const value: PicklistValue = { id: v.value, label: v.label ?? v.value, isDefault: v.isDefaultValue ?? false, isActive: v.isActive ?? true };
      if (v.parentValue) value.parentId = v.parentValue;
      return value;
    });
}

export function toPicklists(ticketFields: AutotaskField[], noteFields: AutotaskField[]): PsaPicklists {
  const ticket = (name: string) => toPicklist(fieldByName(ticketFields, name));
  const ticketStatus = ticket('status');
  return {
    ticketCategory: ticket('ticketCategory'),
    ticketType: ticket('ticketType'),
    ticketStatus,
    closedStatusIds: [COMPLETE_STATUS],
    queue: ticket('queueID'),
    source: ticket('source'),
    priority: ticket('priority'),
    noteType: toPicklist(fieldByName(noteFields, 'noteType')),
    noteVisibility: toPicklist(fieldByName(noteFields, 'publish')),
    issueType: ticket('issueType'),
    // Sub-issue types without a parent cannot be chosen consistently; Autotask always links them.
    subIssueType: ticket('subIssueType').filter((s) => s.parentId),
    unsupported: [],
  };
}

/** Labels of one picklist by value, for turning company ids into names. */
export function labelMap(field: AutotaskField | undefined): Map<string, string> {
  return new Map(toPicklist(field).map((v) => [v.id, v.label]));
}

export interface CompanyLabels {
  type: Map<string, string>;
  classification: Map<string, string>;
  marketSegment: Map<string, string>;
}

function label(map: Map<string, string>, value: number | null): string | null {
  return value === null ? null : map.get(String(value)) ?? String(value);
}

export function toAccount(company: AutotaskCompany, labels: CompanyLabels): PsaAccount {
  return {
    id: company.id,
    name: company.companyName ?? `Company ${company.id}`,
    type: label(labels.type, company.companyType),
    classification: label(labels.classification, company.classification),
    marketSegment: label(labels.marketSegment, company.marketSegmentID),
    parentId: company.parentCompanyID === null ? null : String(company.parentCompanyID),
    isActive: company.isActive ?? true,
  };
}

export function toContact(contact: AutotaskContact): PsaContact {
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ').trim();
  return {
    id: contact.id,
    accountId: String(contact.companyID ?? ''),
    name: name || contact.emailAddress || `Contact ${contact.id}`,
    email: contact.emailAddress,
    isPrimary: contact.primaryContact ?? false,
    isActive: contact.isActive ?? true,
  };
}

export function toTicketRef(ticket: AutotaskTicket): TicketRef {
  return { id: ticket.id, number: ticket.ticketNumber, isOpen: ticket.status === null || String(ticket.status) !== COMPLETE_STATUS, statusId: ticket.status === null ? null : String(ticket.status) };
}

/** ASSUMPTION: contract status 1 = Active (the facts found no picklist; INFERRED 1 active / 0 inactive). */
export function toContract(contract: AutotaskContract): PsaContract {
  return {
    id: contract.id,
    accountId: String(contract.companyID ?? ''),
    name: contract.contractName ?? `Contract ${contract.id}`,
    isActive: contract.status === 1,
  };
}

export function toService(service: AutotaskService): PsaService {
  return { id: service.id, name: service.name ?? `Service ${service.id}`, unitCost: service.unitCost, unitPrice: service.unitPrice };
}
