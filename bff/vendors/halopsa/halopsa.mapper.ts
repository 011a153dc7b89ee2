/**
 * @module Maps parsed HaloPSA rows to the neutral model, and keeps the conventions the adapter
 * invents for Halo in one place: which statuses count as closed, how the category tree becomes
 * issue / sub-issue types, which ticket types an integration can use, and the idempotency markers.
 *
 * Field names are those of Halo's own models (its OpenAPI document, test/fixtures/vendor-specs;
 * test/bff/sandboxes/halopsa.conformance.test.ts checks every sandbox answer and adapter request
 * against it). The document names fields but not how they behave; where the adapter relies on a
 * behaviour, it is one of these (and the sandbox plays it the same way):
 *
 * ASSUMPTION (Halo's document does not say; each is a reading of the model, to check on a real Halo):
 * 1. Closed statuses: a status (`TStatus`) whose `type` is 2 is a closed one; Halo's built-in Closed
 *    status is id 9; a status named Closed/Resolved/Cancelled/Completed counts too.
 * 2. Retired ticket types: `RequestType.visible` false (the model has no `inactive`); `GET /TicketType`
 *    leaves them out unless `showinactive=true`.
 * 3. A ticket type's mandatory fields: a `fields[]` row (`RequestTypeField`) whose `technew` (how an
 *    agent's new ticket treats the field) is 2, or whose `fieldinfo.mandatory` is true; the field is
 *    named by `fieldname` (else `fieldinfo.name`) and labelled by `fieldinfo.label`.
 * 4. A ticket type's defaults: the type's `default_<fieldname>` (`default_category_1`,
 *    `default_impact`…), else the field's own `fieldinfo.defaultvalue`; a mandatory field with either
 *    is filled by Halo when left out.
 * 5. Retired categories and items: `CategoryDetail` and `Item` have no inactive flag; `GET /Category`
 *    and `GET /Item` (without `includeinactive`) are taken to list only the ones in use.
 * 6. Retired outcomes: `TOutcome.hidden` (listed only with `showhidden=true`); `hidefromuser` makes an
 *    outcome's actions private, and an action's own `hiddenfromuser` overrides it.
 * 7. A ticket's team is written by name (`Faults.team`; the model has no team id), so the queue id
 *    the wizard stores is turned into the team's name at create time.
 * 8. Billable quantities live on the contract's recurring invoice (`InvoiceHeader.contract_id`), one
 *    line per item (`qty_order`); a line names its item by `_itemid` (`InvoiceDetail`'s only item id).
 * 9. `GET /Actions` declares no paging parameters: it answers every action of the ticket at once.
 * 10. List envelopes (`record_count`, `clients`, `users`, `tickets`, `actions`, `contracts`, `items`,
 *    `invoices`) and created records echoed back: the document describes no responses.
 */
import type { PicklistValue, PsaAccount, PsaContact, PsaContract, PsaService, TicketRef } from '../../contracts/model.js';
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
    isPrimary: u.ismaincontact ?? false,
    isActive: !(u.inactive ?? false),
  };
}

/**
 * Closed statuses (ASSUMPTION 1): by type, by Halo's built-in id, or by name, so an instance that
 * types its statuses differently still groups correctly.
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
 * issue types, `Parent>Child` values the sub-issue types of their parent. Every listed value is in
 * use (ASSUMPTION 5).
 */
export function categoryTree(rows: HaloCategoryRow[]): { issueType: PicklistValue[]; subIssueType: PicklistValue[] } {
  const top = rows.filter((r) => !(r.value ?? '').includes('>'));
  const idOf = new Map(top.map((r) => [(r.value ?? '').trim(), String(r.id)]));
  const subIssueType = rows.flatMap((r) => {
    const [parent, ...rest] = (r.value ?? '').split('>');
    const parentId = idOf.get((parent ?? '').trim());
    return rest.length && parentId ? [value(r.id, rest.join('>'), true, parentId)] : [];
  });
  return { issueType: top.map((r) => value(r.id, r.value)), subIssueType };
}

/** Ticket fields the integration always fills (or Halo fills itself: the site's user when none is given). */
const FILLED_BY_INTEGRATION = new Set(['summary', 'details', 'client', 'client_id', 'site', 'site_id', 'user', 'user_id', 'status', 'status_id', 'priority', 'priority_id', 'team', 'team_id', 'tickettype', 'tickettype_id']);

/** A field row's `technew` when a new agent ticket must fill it (ASSUMPTION 3). */
export const TECHNEW_MANDATORY = 2;

type TypeField = NonNullable<HaloTicketTypeRow['fields']>[number];
const fieldName = (f: TypeField) => (f.fieldname ?? f.fieldinfo?.name ?? '').trim();
const isMandatory = (f: TypeField) => f.technew === TECHNEW_MANDATORY || f.fieldinfo?.mandatory === true;
const isBlank = (v: unknown) => v === null || v === undefined || String(v).trim() === '';
/** The value Halo gives a field the ticket leaves out (ASSUMPTION 4), undefined when none. */
function defaultOf(type: HaloTicketTypeRow, f: TypeField): unknown {
  const own = (type as Record<string, unknown>)[`default_${fieldName(f).toLowerCase()}`];
  return isBlank(own) ? (isBlank(f.fieldinfo?.defaultvalue) ? undefined : f.fieldinfo?.defaultvalue) : own;
}

/** Why a ticket type cannot take tickets from alerts (null when it can). */
export function ticketTypeRefusal(type: HaloTicketTypeRow): string | null {
  const missing = (type.fields ?? []).filter((f) => isMandatory(f) && !FILLED_BY_INTEGRATION.has(fieldName(f).toLowerCase()) && defaultOf(type, f) === undefined);
  if (missing.length === 0) return null;
  const names = missing.map((f) => f.fieldinfo?.label?.trim() || fieldName(f) || '?');
  return `The Halo ticket type “${type.name ?? type.id}” requires ${names.join(', ')}, which ${names.length > 1 ? 'have' : 'has'} no default in Halo, so tickets from alerts cannot be created with it. Choose another ticket type, or give ${names.length > 1 ? 'those fields' : 'that field'} a default in Halo (Configuration > Tickets > Ticket Types).`;
}

export function toTicketTypeValue(type: HaloTicketTypeRow): PicklistValue {
  const v = value(type.id, type.name, type.visible !== false);
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
 * Halo tickets offer no idempotency key, so the marker rides in the ticket's details (and an
 * action's note) as this token. ASSUMPTION: tickets are found again with the list's `search`, taken
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
