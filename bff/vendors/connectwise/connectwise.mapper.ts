/**
 * @module Maps parsed ConnectWise PSA rows to the neutral model, and keeps the adapter's own
 * conventions in one place: how a long subject fits the 100-character summary, how notes carry
 * their marker and flags, and how condition strings are quoted.
 */
import type { PicklistValue, PsaAccount, PsaContact, PsaService } from '../../contracts/model.js';
import { VendorError } from '../vendor-errors.js';
import type { CwCatalogRow, CwCompanyRow, CwContactRow } from './connectwise.schemas.js';

/** ConnectWise refuses a ticket summary over 100 characters. */
export const SUMMARY_MAX = 100;

export function toAccount(c: CwCompanyRow): PsaAccount {
  return {
    id: String(c.id),
    name: c.name,
    type: c.types?.map((t) => t.name).filter(Boolean).join(', ') || null,
    // The company status (Active, Not-Approved…) is what ConnectWise classifies companies by.
    classification: c.status?.name ?? null,
    marketSegment: c.market?.name ?? null,
    parentId: c.parentCompany ? String(c.parentCompany.id) : null,
    isActive: !c.deletedFlag && !/^inactive/i.test(c.status?.name ?? ''),
  };
}

export function emailOf(c: CwContactRow): string | null {
  const emails = (c.communicationItems ?? []).filter((i) => i.communicationType === 'Email' && i.value?.trim());
  return (emails.find((i) => i.defaultFlag) ?? emails[0])?.value?.trim() ?? null;
}

export function toContact(c: CwContactRow, accountId: string): PsaContact {
  return {
    id: String(c.id),
    accountId: c.company ? String(c.company.id) : accountId,
    name: [c.firstName, c.lastName].filter(Boolean).join(' ').trim(),
    email: emailOf(c),
    isPrimary: c.defaultFlag ?? false,
    isActive: !c.inactiveFlag,
  };
}

export function toPicklistValue(row: { id: number; name: string; defaultFlag?: boolean | null; inactiveFlag?: boolean | null; inactive?: boolean | null }, label = row.name, parentId?: string): PicklistValue {
  const value: PicklistValue = { id: String(row.id), label, isDefault: row.defaultFlag ?? false, isActive: !(row.inactiveFlag ?? row.inactive ?? false) };
  if (parentId !== undefined) value.parentId = parentId;
  return value;
}

export function toService(p: CwCatalogRow): PsaService {
  return { id: String(p.id), name: p.description?.trim() || p.identifier || String(p.id), unitCost: p.cost ?? null, unitPrice: p.price ?? null };
}

/**
 * The summary and description of a new ticket: a subject over 100 characters is cut with an
 * ellipsis, and the full subject leads the description so nothing is lost.
 */
export function summaryAndDescription(title: string, description: string): { summary: string; initialDescription: string } {
  const subject = title.trim() || '(no subject)';
  const text = description.trim() || '(no description)';
  if (subject.length <= SUMMARY_MAX) return { summary: subject, initialDescription: text };
  return { summary: `${subject.slice(0, SUMMARY_MAX - 1).trimEnd()}…`, initialDescription: `Subject: ${subject}\n\n${text}` };
}

/** Notes carry their idempotency marker as a last line; ConnectWise notes have no title, so it leads. */
export const markerToken = (marker: string) => `[ref:${marker}]`;
export function noteText(title: string, body: string, marker: string): string {
  return [title.trim(), body.trim(), markerToken(marker)].filter(Boolean).join('\n\n');
}

/**
 * The note flags of a note type and visibility (the wizard's Note Type is Discussion or
 * Resolution; Internal means the Internal Analysis flag, so the customer does not see it).
 */
export function noteFlags(typeId: string, visibilityId: string) {
  const internal = visibilityId !== 'public';
  return {
    detailDescriptionFlag: typeId !== 'resolution' && !internal,
    internalAnalysisFlag: internal,
    resolutionFlag: typeId === 'resolution',
  };
}

/** A text value inside `conditions`: double quotes, with quotes and backslashes escaped. */
export const quoted = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** Our ids are strings; ConnectWise's are integers. */
export function cwIdOf(value: string, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 2_147_483_647) throw new VendorError('connectwise', 'rejected', `“${value}” is not a ConnectWise ${what} id.`);
  return n;
}

export const optionalRef = (value: string | null, what: string) => (value ? { id: cwIdOf(value, what) } : undefined);
