/**
 * @module Maps parsed HaloPSA rows to the neutral model, and keeps the conventions the adapter
 * invents for Halo in one place: which statuses count as closed, how the category tree becomes
 * issue / sub-issue types, which ticket types an integration can use, and the idempotency markers.
 */
import type { PicklistValue, PsaAccount, PsaContact, PsaContract, PsaService, TicketRef } from '../model.js';
import { VendorError } from '../vendor-errors.js';
import type { HaloCategoryRow, HaloClientRow, HaloItemRow, HaloStatusRow, HaloTicketRow, HaloTicketTypeRow, HaloUserRow } from './halopsa.schemas.js';

export function toAccount(c: HaloClientRow): PsaAccount {
  return {
    id: String(c.id),
    name: c.name ?? '',
    // Halo groups clients in top levels (Customers, Prospects…): the nearest thing to an account type.
    type: c.toplevel_name?.trim() || null,
    classification: null,
    marketSegment: null,
    // Halo clients have no parent client.
    parentId: null,
    isActive: !(c.inactive ?? false),
  };
}

export function toContact(u: HaloUserRow, accountId: string): PsaContact {
  const name = u.name?.trim() || [u.firstname, u.surname].filter(Boolean).join(' ').trim();
  return {
    id: String(u.id),
    accountId: u.client_id !== null && u.client_id !== undefined ? String(u.client_id) : accountId,
    name,
    email: u.emailaddress?.trim() || null,
    isPrimary: u.isprimarycontact ?? false,
    isActive: !(u.inactive ?? false),
  };
}

/**
 * ASSUMPTION (not documented publicly): a status's `type` 2 marks a closed status; Halo's built-in
 * Closed status is id 9, and a status named Closed/Resolved/Cancelled counts too, so an instance
 * that types its statuses differently still groups correctly.
 */
export const CLOSED_STATUS_TYPE = 2;
export const BUILT_IN_CLOSED_STATUS_ID = 9;
export function isClosedStatus(s: HaloStatusRow): boolean {
  return s.type === CLOSED_STATUS_TYPE || s.id === BUILT_IN_CLOSED_STATUS_ID || /^(closed|resolved|cancell?ed|completed?)$/i.test((s.name ?? '').trim());
}

export function toTicketRef(t: HaloTicketRow, closedStatusIds: ReadonlySet<number>): TicketRef {
  const closed = t.status_id !== null && t.status_id !== undefined && closedStatusIds.has(t.status_id);
  return { id: String(t.id), number: String(t.id), isOpen: !closed, statusId: t.status_id === undefined || t.status_id === null ? null : String(t.status_id) };
}

const value = (id: string | number, label: string | null | undefined, isActive = true, parentId?: string): PicklistValue => {
  const v: PicklistValue = { id: String(id), label: label?.trim() || String(id), isDefault: false, isActive };
  if (parentId !== undefined) v.parentId = parentId;
  return v;
};

/**
 * Halo's category 1 is a tree written into one value (`Security>Malware`): top-level values are the
 * issue types, `Parent>Child` values the sub-issue types of their parent.
 */
export function categoryTree(rows: HaloCategoryRow[]): { issueType: PicklistValue[]; subIssueType: PicklistValue[] } {
  const top = rows.filter((r) => !(r.value ?? '').includes('>'));
  const idOf = new Map(top.map((r) => [(r.value ?? '').trim(), String(r.id)]));
  const subIssueType = rows.flatMap((r) => {
    const [parent, ...rest] = (r.value ?? '').split('>');
    const parentId = idOf.get((parent ?? '').trim());
    return rest.length && parentId ? [value(r.id, rest.join('>'), !(r.inactive ?? false), parentId)] : [];
  });
  return { issueType: top.map((r) => value(r.id, r.value, !(r.inactive ?? false))), subIssueType };
}

/** Ticket fields the integration always fills (or Halo fills itself: the site's user when none is given). */
const FILLED_BY_INTEGRATION = new Set(['summary', 'details', 'client', 'client_id', 'site', 'site_id', 'user', 'user_id', 'status', 'status_id', 'priority', 'priority_id', 'team', 'team_id', 'tickettype', 'tickettype_id']);

/** Why a ticket type cannot take tickets from alerts (null when it can). */
export function ticketTypeRefusal(type: HaloTicketTypeRow): string | null {
  const missing = (type.fields ?? []).filter((f) => f.mandatory && !FILLED_BY_INTEGRATION.has((f.name ?? '').toLowerCase())
    && (f.defaultvalue === null || f.defaultvalue === undefined || String(f.defaultvalue).trim() === ''));
  if (missing.length === 0) return null;
  const names = missing.map((f) => f.label?.trim() || f.name || '?');
  return `The Halo ticket type “${type.name ?? type.id}” requires ${names.join(', ')}, which ${names.length > 1 ? 'have' : 'has'} no default in Halo, so tickets from alerts cannot be created with it. Choose another ticket type, or give ${names.length > 1 ? 'those fields' : 'that field'} a default in Halo (Configuration > Tickets > Ticket Types).`;
}

export function toTicketTypeValue(type: HaloTicketTypeRow): PicklistValue {
  const v = value(type.id, type.name, !(type.inactive ?? false));
  const refusal = ticketTypeRefusal(type);
  if (refusal) v.unusableReason = refusal;
  return v;
}

export function toContract(k: { id: number; client_id?: number | null; ref?: string | null; active?: boolean | null }, accountId: string | null): PsaContract {
  return { id: String(k.id), accountId: k.client_id ? String(k.client_id) : accountId ?? '', name: k.ref?.trim() || `Contract ${k.id}`, isActive: k.active ?? true };
}

export function toService(i: HaloItemRow): PsaService {
  return { id: String(i.id), name: i.name ?? String(i.id), unitCost: i.costprice ?? null, unitPrice: i.baseprice ?? null };
}

/**
 * ASSUMPTION: Halo tickets offer no idempotency key, so the marker rides in the ticket's details
 * (and an action's note) as this token; tickets are found again with the list's `search`, taken
 * to match the details.
 */
export function markerToken(marker: string): string {
  return `[ref:${marker}]`;
}

export function withMarker(text: string, marker: string): string {
  return `${text.trim() || '(no description)'}\n\n${markerToken(marker)}`;
}

export function hasMarker(text: string | null | undefined, marker: string): boolean {
  return (text ?? '').includes(markerToken(marker));
}

/** Our ids are strings; Halo wants integers. */
export function haloIdOf(v: string, what: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 2_147_483_647) throw new VendorError('halopsa', 'rejected', `“${v}” is not a HaloPSA ${what} id.`);
  return n;
}

export const optionalHaloId = (v: string | null, what: string): number | undefined => (v ? haloIdOf(v, what) : undefined);
