/**
 * @module Value rules the machine applies when fields change or lists arrive: a new catch-all
 * account clears its old contact, a new issue type clears a sub-issue type of another, and the
 * PSA's own default values prefill the ticket defaults nobody chose yet.
 */
import type { PicklistValue, PsaPicklists } from '../../../bff/vendors/model.js';
import type { PsaWizardContext, TicketDraft } from './psa-wizard.types.js';

/** Keeps dependent fields consistent after `paths` changed from `before` to `after`. */
export function applyDependents(before: PsaWizardContext, after: PsaWizardContext, paths: string[]): PsaWizardContext {
  let next = after;
  const changed = (path: string) => paths.includes(path);
  if (changed('accountMapping.catchAllAccountId') && !changed('accountMapping.catchAllContactId')
    && before.accountMapping.catchAllAccountId !== after.accountMapping.catchAllAccountId) {
    next = { ...next, accountMapping: { ...next.accountMapping, catchAllContactId: null, catchAllContactName: null } };
  }
  if (changed('ticket.issueTypeId') && !changed('ticket.subIssueTypeId') && next.ticket.subIssueTypeId) {
    const sub = next.picklists?.subIssueType.find((s) => s.id === next.ticket.subIssueTypeId);
    if (!sub || sub.parentId !== next.ticket.issueTypeId) next = { ...next, ticket: { ...next.ticket, subIssueTypeId: null } };
  }
  return next;
}

const firstDefault = (values: PicklistValue[], exclude: readonly string[] = []) =>
  values.find((v) => v.isDefault && v.isActive && !exclude.includes(v.id))?.id ?? null;

/** Fills unchosen ticket and note defaults with the PSA's own default values (priorities stay a person's choice). */
export function prefillTicketDefaults(ticket: TicketDraft, lists: PsaPicklists): TicketDraft {
  return {
    ...ticket,
    categoryId: ticket.categoryId ?? firstDefault(lists.ticketCategory),
    typeId: ticket.typeId ?? firstDefault(lists.ticketType),
    statusId: ticket.statusId ?? firstDefault(lists.ticketStatus, lists.closedStatusIds),
    queueId: ticket.queueId ?? firstDefault(lists.queue),
    sourceId: ticket.sourceId ?? firstDefault(lists.source),
    note: {
      ...ticket.note,
      typeId: ticket.note.typeId ?? firstDefault(lists.noteType),
      visibilityId: ticket.note.visibilityId ?? firstDefault(lists.noteVisibility),
    },
  };
}

/** Active values as select options; a sub-issue list narrowed to one issue type. */
/**
 * Values of a list that may be chosen with this queue: ConnectWise statuses, types and items belong
 * to one service board (their `parentId` is the queue's id); lists without parents are unchanged.
 */
export function onQueue(values: PicklistValue[], queueId: string | null): PicklistValue[] {
  return values.filter((v) => !v.parentId || !queueId || v.parentId === queueId);
}

export function optionsOf(values: PicklistValue[], parentId?: string | null): Array<{ value: string; label: string }> {
  return values
    .filter((v) => v.isActive && (parentId === undefined || v.parentId === parentId))
    .map((v) => ({ value: v.id, label: v.label }));
}
