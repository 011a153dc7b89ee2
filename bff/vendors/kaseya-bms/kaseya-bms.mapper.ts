/**
 * @module Maps parsed Kaseya BMS rows to the neutral model, and keeps the two conventions the
 * adapter invents for BMS in one place: which statuses count as completed, and how idempotency
 * markers are written into ticket and note text.
 */
import type { PicklistValue, PsaAccount, PsaContact, PsaContract, PsaService, TicketRef } from '../../contracts/model.js';
import { VendorError } from '../vendor-errors.js';
import type { BmsAccountSummary, BmsContactRow, BmsLookupRow, BmsServiceRow, BmsStatusRow, BmsTicketRow } from './kaseya-bms.schemas.js';

export function toAccount(a: BmsAccountSummary): PsaAccount {
  return {
    id: String(a.id),
    name: a.accountName ?? '',
    type: a.accountType ?? null,
    classification: a.className ?? null,
    // ASSUMPTION: BMS accounts have no market segment (psa-apis.md B3); the business type
    // (Healthcare, Legal, …) is the field MSPs use that way, so the wizard's filter offers it.
    marketSegment: a.businessType ?? null,
    parentId: a.parentId ? String(a.parentId) : null,
    isActive: a.isActive ?? true,
  };
}

export function toContact(c: BmsContactRow, accountId: string): PsaContact {
  return {
    id: String(c.id),
    accountId: c.accountId ? String(c.accountId) : accountId,
    name: [c.firstName, c.lastName].filter(Boolean).join(' ').trim(),
    email: c.emailAddress?.trim() || null,
    isPrimary: c.isPoc ?? false,
    isActive: c.isActive ?? true,
  };
}

export function toPicklistValue(row: BmsLookupRow, parentId?: string): PicklistValue {
  const value: PicklistValue = { id: String(row.id), label: row.name ?? String(row.id), isDefault: row.isDefault ?? false, isActive: row.isActive ?? true };
  if (parentId !== undefined) value.parentId = parentId;
  return value;
}

export function statusToPicklistValue(s: BmsStatusRow): PicklistValue {
  return { id: String(s.id), label: s.name ?? String(s.id), isDefault: false, isActive: s.isActive ?? true };
}

/**
 * Whether a status means the ticket is finished. ASSUMPTION (psa-apis.md D9: `TypeId` values are
 * not documented): `TypeId` 3 is the completed category; a status named Completed/Closed/Cancelled
 * counts too, so a tenant that numbers categories differently still groups correctly.
 */
export const COMPLETED_STATUS_TYPE_ID = 3;
export function isCompletedStatus(s: BmsStatusRow): boolean {
  return s.typeId === COMPLETED_STATUS_TYPE_ID || /^(completed?|closed|cancell?ed|resolved)$/i.test((s.name ?? '').trim());
}

export function toTicketRef(t: BmsTicketRow, completedStatusIds: ReadonlySet<number>): TicketRef {
  const completed = Boolean(t.completedDate) || (t.statusId !== null && t.statusId !== undefined && completedStatusIds.has(t.statusId));
  return { id: String(t.id), number: t.ticketNumber ?? null, isOpen: !completed, statusId: t.statusId === undefined || t.statusId === null ? null : String(t.statusId) };
}

export function toContract(row: { id: number; name?: string | null; isActive?: boolean | null }, accountId: string | null): PsaContract {
  // ASSUMPTION: the contract lookup names no account; without an account filter the account is unknown ('').
  return { id: String(row.id), accountId: accountId ?? '', name: row.name ?? String(row.id), isActive: row.isActive ?? true };
}

export function toService(s: BmsServiceRow): PsaService {
  return { id: String(s.id), name: s.name ?? String(s.id), unitCost: s.unitCost ?? null, unitPrice: s.unitPrice ?? null };
}

/**
 * ASSUMPTION: BMS tickets have no external-reference field in TicketInputDto, so the idempotency
 * marker goes into the ticket's Details (and a note's Details) as this token; tickets are found
 * again with the list filter `Filter.Details`, taken to be a "contains" match.
 */
export function markerToken(marker: string): string {
  return `[ref:${marker}]`;
}

export function ticketDetails(description: string, marker: string): string {
  const text = description.trim() || '(no description)';
  return `${text}\n\n${markerToken(marker)}`;
}

/** BMS notes have no title: it leads the note's text. */
export function noteDetails(title: string, body: string, marker: string): string {
  return [title.trim(), body.trim(), markerToken(marker)].filter(Boolean).join('\n\n');
}

export function hasMarker(details: string | null | undefined, marker: string): boolean {
  return (details ?? '').includes(markerToken(marker));
}

/** Our ids are strings; BMS wants int32. */
/** `min` is 0 for BMS's fixed enumerations (ticket source 0 is Client Portal). */
export function bmsIdOf(value: string, what: string, min = 1): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > 2_147_483_647) {
    throw new VendorError('kaseya-bms', 'rejected', `“${value}” is not a Kaseya BMS ${what} id.`);
  }
  return n;
}

export const optionalBmsId = (value: string | null, what: string): number | undefined => (value ? bmsIdOf(value, what) : undefined);
