/**
 * @module Which ticket default depends on which, read from the PSA's own lists: a ConnectWise
 * board's statuses, types and items carry the board as their parent, every vendor's sub-issue types
 * (Subtype, Subcategory) their issue type. Step 3 shows a parent before its dependents, keeps a
 * dependent disabled with the reason until its parent is chosen, and a new parent clears its
 * dependents and offers its own values (its own defaults prefilled). No vendor is named here: a
 * vendor whose lists gain parents (a Halo category under its ticket type) is ordered the same way.
 */
import type { PicklistValue, PsaPicklists } from '../../../bff/contracts/model.js';
import type { TicketDraft } from './psa-wizard.types.js';

export type TicketDefaultField = 'categoryId' | 'typeId' | 'statusId' | 'queueId' | 'sourceId' | 'issueTypeId' | 'subIssueTypeId';

const LIST_OF = {
  categoryId: 'ticketCategory', typeId: 'ticketType', statusId: 'ticketStatus', queueId: 'queue', sourceId: 'source',
  issueTypeId: 'issueType', subIssueTypeId: 'subIssueType',
} as const satisfies Record<TicketDefaultField, keyof PsaPicklists>;

export const TICKET_DEFAULT_FIELDS = Object.keys(LIST_OF) as TicketDefaultField[];

/** The fields a field's values may hang under, tried in this order (ids of different lists may coincide). */
const CANDIDATE_PARENTS: Partial<Record<TicketDefaultField, readonly TicketDefaultField[]>> = {
  statusId: ['queueId'], typeId: ['queueId'], categoryId: ['queueId', 'typeId'], issueTypeId: ['queueId', 'typeId'], subIssueTypeId: ['issueTypeId'],
};

/** Fields the PSA's own defaults prefill, parents first (issue types stay a person's choice). */
const PREFILLED: readonly TicketDefaultField[] = ['queueId', 'typeId', 'statusId', 'categoryId', 'sourceId'];

/** The field whose value decides `field`'s choices, or null when its values hang under nothing. */
export function parentOf(field: TicketDefaultField, lists: PsaPicklists): TicketDefaultField | null {
  const parents = new Set(lists[LIST_OF[field]].map((v) => v.parentId).filter((id): id is string => Boolean(id)));
  if (parents.size === 0) return null;
  return CANDIDATE_PARENTS[field]?.find((p) => lists[LIST_OF[p]].some((v) => parents.has(v.id))) ?? null;
}

/** Whether any ticket default hangs under the queue (ConnectWise: the Service Board leads). */
export function queueLeads(lists: PsaPicklists): boolean {
  return TICKET_DEFAULT_FIELDS.some((f) => parentOf(f, lists) === 'queueId');
}

/**
 * The values `field` may take with the ticket's other choices: its parent's own (plus any that hang
 * under nothing), none while the parent is unchosen; a status is never a closed one.
 */
export function choicesOf(field: TicketDefaultField, lists: PsaPicklists, ticket: Pick<TicketDraft, TicketDefaultField>): PicklistValue[] {
  const parent = parentOf(field, lists);
  let values = lists[LIST_OF[field]];
  if (field === 'statusId') values = values.filter((v) => !lists.closedStatusIds.includes(v.id));
  if (!parent) return values;
  const chosen = ticket[parent];
  return chosen ? values.filter((v) => !v.parentId || v.parentId === chosen) : [];
}

/** The PSA's closed statuses a resolved ticket may get: those of the chosen queue where statuses hang under one (a ConnectWise board). */
export function closingStatuses(lists: PsaPicklists, ticket: Pick<TicketDraft, 'queueId'>): PicklistValue[] {
  const closed = lists.ticketStatus.filter((v) => lists.closedStatusIds.includes(v.id));
  if (parentOf('statusId', lists) !== 'queueId') return closed;
  return ticket.queueId ? closed.filter((v) => !v.parentId || v.parentId === ticket.queueId) : [];
}

const defaultOf = (values: PicklistValue[]) => values.find((v) => v.isDefault && v.isActive)?.id ?? null;

/** Fills unchosen ticket defaults with the PSA's own default values, each from its parent's values. */
export function prefillDefaults(ticket: TicketDraft, lists: PsaPicklists): TicketDraft {
  const next = { ...ticket };
  for (const field of PREFILLED) next[field] = next[field] ?? defaultOf(choicesOf(field, lists, next));
  return next;
}

/**
 * After `changed` took a new value: each dependent (not itself among `alsoChanged`, as when a saved
 * draft is restored whole) is cleared, then takes the new parent's default where the PSA's defaults
 * prefill it; its own dependents follow.
 */
export function resetDependents(ticket: TicketDraft, lists: PsaPicklists, changed: TicketDefaultField, alsoChanged: readonly TicketDefaultField[] = []): TicketDraft {
  let next = ticket;
  for (const field of TICKET_DEFAULT_FIELDS) {
    if (field === changed || alsoChanged.includes(field) || parentOf(field, lists) !== changed) continue;
    const value = PREFILLED.includes(field) ? defaultOf(choicesOf(field, lists, next)) : null;
    if (value !== next[field]) next = resetDependents({ ...next, [field]: value }, lists, field, alsoChanged);
  }
  return next;
}
