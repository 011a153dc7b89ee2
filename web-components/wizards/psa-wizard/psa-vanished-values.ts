/**
 * @module Saved ticket defaults whose value the PSA no longer offers (a status, queue or priority
 * deleted in the PSA since): flagged next to their field when a saved section is edited, in the
 * BFF's words (psa-setup.service checks the same on Save).
 */
import { SEVERITIES } from '../../../bff/contracts/psa-settings.js';
import type { PicklistValue, PsaPicklists } from '../../../bff/contracts/model.js';
import type { FieldErrors } from '../shared/form-state.js';
import type { TicketDraft } from './psa-wizard.types.js';

const vanished = (label: string) => `${label} is not a value the PSA offers (it may have been removed); choose again`;

export function vanishedValueErrors(ticket: TicketDraft, lists: PsaPicklists): FieldErrors {
  const errors: FieldErrors = {};
  const check = (path: string, id: string | null | undefined, list: PicklistValue[], label: string) => {
    if (id && !list.some((v) => v.id === id)) errors[path] = vanished(label);
  };
  check('ticket.categoryId', ticket.categoryId, lists.ticketCategory, 'Ticket Category');
  check('ticket.typeId', ticket.typeId, lists.ticketType, 'Ticket Type');
  check('ticket.statusId', ticket.statusId, lists.ticketStatus, 'Ticket Status');
  check('ticket.queueId', ticket.queueId, lists.queue, 'Ticket Queue');
  check('ticket.sourceId', ticket.sourceId, lists.source, 'Ticket Source');
  for (const severity of SEVERITIES) check(`ticket.priorityMap.${severity}`, ticket.priorityMap[severity], lists.priority, `The ${severity} priority`);
  check('ticket.note.typeId', ticket.note.typeId, lists.noteType, 'Note Type');
  return errors;
}
