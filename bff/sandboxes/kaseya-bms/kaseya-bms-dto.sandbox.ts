/**
 * @module The Kaseya BMS sandbox's output DTOs, with exactly the properties the vendor's OpenAPI
 * document lists for each (it forbids any other), in the camelCase the wire uses.
 */
import type {
  BmsAccount, BmsContact, BmsContract, BmsContractService, BmsData, BmsNote, BmsService, BmsTicket,
} from './kaseya-bms.seed.js';

type Json = Record<string, unknown>;

const audit = (createdOn: string | null, modifiedOn: string | null = createdOn, by: number | null = 1): Json => ({
  createdBy: by, createdOn, modifiedBy: by, modifiedOn,
});

export function accountSummaryDto(data: BmsData, a: BmsAccount): Json {
  const type = data.accountTypes.find((t) => t.id === a.typeId);
  const table = (name: string, id: number) => data.tables[name]?.find((v) => v.id === id)?.name ?? null;
  return {
    id: a.id, ...audit(a.createdOn), parentId: a.parentId, accountCode: a.code, accountTypeId: a.typeId,
    accountType: type?.name ?? null, accountName: a.name, businessTypeId: a.businessTypeId,
    businessType: table('BusinessTypes', a.businessTypeId), serviceTypeId: a.serviceTypeId,
    serviceType: table('ServiceTypes', a.serviceTypeId), accountManagerId: 1, accountManagerUserName: 'api-user',
    currencyId: 1, currencyName: 'US Dollar', creditLimit: null, netDays: 30, salesTaxItemId: null, salesTaxItemName: null,
    website: a.website, description: null, classId: a.classId, className: table('AccountClasses', a.classId),
    isActive: a.isActive, isBilling: true, acquiredDate: a.createdOn, tenantName: data.tenant.name,
    locations: a.locations.map((l) => ({
      id: l.id, ...audit(a.createdOn), locationName: l.name, isMain: l.isMain, isActive: true, timeZoneId: null,
      dateFormatId: null, timeFormatId: null,
      addresses: [{
        id: l.id * 10, ...audit(a.createdOn), address1: l.address1, address2: null, city: l.city, state: l.state,
        zipCode: l.zip, countryId: 1, country: 'United States', phone: l.phone, fax: null, latitude: null, longitude: null,
        emailAddress: null, isMain: true, isBilling: l.isMain, addressTypeId: 1, addressType: 'Office',
      }],
    })),
  };
}

export function accountLookupDto(data: BmsData, a: BmsAccount): Json {
  return { id: a.id, name: a.name, tenantName: data.tenant.name, isActive: a.isActive };
}

const fullName = (c: BmsContact) => `${c.firstName} ${c.lastName}`;

export function contactLookupDto(data: BmsData, c: BmsContact): Json {
  const location = data.accountsById.get(c.accountId)?.locations.find((l) => l.id === c.locationId);
  return { id: c.id, name: fullName(c), locationId: c.locationId, locationName: location?.name ?? null, phone: c.phone, emailAddress: c.email };
}

export function contactSearchDto(data: BmsData, c: BmsContact): Json {
  const account = data.accountsById.get(c.accountId);
  const location = account?.locations.find((l) => l.id === c.locationId);
  return {
    id: c.id, accountId: c.accountId, accountName: account?.name ?? null, locationId: c.locationId,
    locationName: location?.name ?? null, firstName: c.firstName, lastName: c.lastName, jobTitle: c.jobTitle,
    emailAddress: c.email, isPoc: c.isPoc, isActive: c.isActive, hasClientPortalAccess: false,
  };
}

/** Names and codes a ticket DTO shows beside its ids. */
function ticketLabels(data: BmsData, t: BmsTicket) {
  const account = data.accountsById.get(t.accountId);
  const status = data.statuses.find((s) => s.id === t.statusId);
  const priority = data.priorities.find((p) => p.id === t.priorityId);
  const issue = data.issueTypes.find((i) => i.id === t.issueTypeId);
  const contract = data.contracts.find((k) => k.id === t.contractId);
  const contact = t.contactId ? data.contactsByAccount.get(t.accountId)?.find((c) => c.id === t.contactId) : undefined;
  return {
    account, status, priority, contract, contact,
    location: account?.locations.find((l) => l.id === t.locationId),
    issueName: issue?.name ?? null,
    subIssueName: issue?.subTypes.find((s) => s.id === t.subIssueTypeId)?.name ?? null,
    typeName: data.tables.TicketTypes?.find((v) => v.id === t.typeId)?.name ?? null,
    sourceName: data.tables.TicketSources?.find((v) => v.id === t.sourceId)?.name ?? null,
    queueName: data.queues.find((q) => q.id === t.queueId)?.name ?? null,
    assigneeName: data.employees.find((e) => e.id === t.assigneeId)?.name ?? null,
    createdByName: data.employees.find((e) => e.id === t.createdBy)?.name ?? null,
    lastActivity: lastActivity(data, t),
  };
}

function lastActivity(data: BmsData, t: BmsTicket): string {
  const notes = data.notes.get(t.id) ?? [];
  return notes.reduce((latest, n) => (n.createdOn > latest ? n.createdOn : latest), t.modifiedOn);
}

/** Fields TicketOutputDto and TicketListDto share. */
function ticketCore(data: BmsData, t: BmsTicket): Json {
  const l = ticketLabels(data, t);
  return {
    id: t.id, ...audit(t.createdOn, t.modifiedOn, t.createdBy), ticketNumber: t.number, title: t.title, details: t.details,
    accountId: t.accountId, accountCode: l.account?.code ?? null, accountName: l.account?.name ?? null,
    locationId: t.locationId, locationName: l.location?.name ?? null, contactId: t.contactId,
    statusId: t.statusId, statusName: l.status?.name ?? null, statusColor: l.status?.color ?? null,
    statusForeColor: l.status?.fontColor ?? null, statusOrder: l.status?.order ?? 0, priorityId: t.priorityId,
    priorityName: l.priority?.name ?? null, priorityColor: l.priority?.color ?? null, typeId: t.typeId, typeName: l.typeName,
    issueTypeId: t.issueTypeId, issueTypeName: l.issueName, subIssueTypeId: t.subIssueTypeId, subIssueTypeName: l.subIssueName,
    contractId: t.contractId, contractNumber: l.contract ? `C-${l.contract.id}` : null, contractName: l.contract?.name ?? null,
    workTypeId: null, workTypeName: null, slaStatusEventId: null, sourceId: t.sourceId, openDate: t.openDate, dueDate: null,
    completedDate: t.completedDate, lastActivityUpdate: l.lastActivity, lastStatusUpdate: t.lastStatusUpdate,
    lastPriorityUpdate: t.lastPriorityUpdate, hasMetSLA: null, firstResponseTargetTime: null, firstResponseActualTime: null,
    resolutionActualTime: t.completedDate, resolutionTargetTime: null, slaStatusEnum: null, queueId: t.queueId,
    queueName: l.queueName, assigneeId: t.assigneeId, assigneeName: l.assigneeName, ticketRecurringMasterId: null,
    recurring: null, slaId: null, slaObjectiveId: null, isScheduled: 0, actualPauseMinutes: null,
    actualFirstResponseMinutes: null, actualResolutionMinutes: null, isSLAPaused: null, reOpenedDate: t.reopenedDate,
    slaLastPausedTime: null, slaLastResumedTime: null, lastQueueUpdate: t.lastQueueUpdate, createdByName: l.createdByName,
    slaName: null, hardwareAssetName: null,
  };
}

export function ticketOutputDto(data: BmsData, t: BmsTicket): Json {
  const l = ticketLabels(data, t);
  return {
    ...ticketCore(data, t),
    locationPhone: l.location?.phone ?? null, contactName: l.contact ? fullName(l.contact) : null,
    contactPhone: l.contact?.phone ?? null, contactEmail: l.contact?.email ?? null, softwareAssetId: null,
    softwareAssetName: null, hardwareAssetId: null, vsaAssetId: null, hasVsaAgent: null, sourceName: l.sourceName,
    occurrenceCount: null, lastOccurrenceDate: null, cCs: [], rmmTicketReference: null, tenantId: data.tenant.id,
    hasPostedEntries: false, secondaryAssignees: [], totalExpenses: 0, totalTimeSpent: 0, isReadOnly: false,
    openDateLocked: false, integrationTypeId: null,
  };
}

export function ticketListDto(data: BmsData, t: BmsTicket): Json {
  const l = ticketLabels(data, t);
  return {
    ...ticketCore(data, t),
    tenantName: data.tenant.name, contactName: l.contact ? fullName(l.contact) : null, hardwareAssetId: 0, customFields: null,
  };
}

export function noteDto(data: BmsData, n: BmsNote): Json {
  const author = data.employees.find((e) => e.id === n.createdBy);
  return {
    id: n.id, ...audit(n.createdOn, n.createdOn, n.createdBy), details: n.details, isInternal: n.isInternal, typeId: n.typeId,
    typeName: data.tables.NoteTypes?.find((v) => v.id === n.typeId)?.name ?? null, createdByName: author?.name ?? null,
    createdByEmail: n.createdBy === 1 ? data.users[0]?.email ?? null : null, modifiedByName: author?.name ?? null, attachments: [],
  };
}

export function contractLookupDto(data: BmsData, k: BmsContract): Json {
  return {
    id: k.id, name: k.name, isDefault: k.isDefault, slaId: k.slaId,
    slaName: data.slas.find((s) => s.id === k.slaId)?.name ?? null, isActive: k.isActive, endDate: k.endDate,
  };
}

export function serviceOutputDto(s: BmsService): Json {
  return {
    id: s.id, name: s.name, description: s.description, unitCost: s.unitCost, unitPrice: s.unitPrice, categoryId: null,
    category: null, subCategoryId: null, subCategory: null, unitOfMeasureId: null, unitOfMeasure: null, incomeAccountId: null,
    incomeAccountCode: null, incomeAccountName: null, expenseAccountId: null, expenseAccountCode: null,
    expenseAccountName: null, isActive: s.isActive, isTaxable: s.isTaxable, createdOn: s.createdOn, createdBy: 1,
    modifiedOn: s.modifiedOn, modifiedBy: 1, margin: s.unitPrice - s.unitCost, marginType: 1,
  };
}

export function serviceListDto(s: BmsService): Json {
  const { incomeAccountId: _i, expenseAccountId: _e, ...rest } = serviceOutputDto(s);
  return rest;
}

export function recurringServiceDto(data: BmsData, line: BmsContractService): Json {
  const service = data.services.find((s) => s.id === line.serviceId);
  const contract = data.contracts.find((k) => k.id === line.contractId);
  return {
    id: line.id, ...audit(line.createdOn), serviceId: line.serviceId, serviceName: service?.name ?? null,
    description: service?.description ?? null, contractId: line.contractId, contractName: contract?.name ?? null,
    totalCost: line.units * line.unitCost, totalPrice: line.units * line.unitPrice, units: line.units, unitCost: line.unitCost,
    unitPrice: line.unitPrice, margin: line.unitPrice - line.unitCost, originalUnitPrice: line.originalUnitPrice,
    originalUnitCost: line.originalUnitCost, effectiveDate: line.effectiveDate, sortOrder: line.sortOrder,
  };
}
