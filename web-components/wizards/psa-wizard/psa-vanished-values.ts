/**
 * @module Saved ticket defaults whose value the PSA no longer offers (a status, queue or priority
 * deleted in the PSA since): flagged next to their field when a saved section is edited, in the
 * BFF's words and the vendor's field labels (psa-setup.service checks the same on Save).
 */
import { noLongerOfferedMessage, SEVERITIES } from '../../../bff/contracts/psa-settings.js';
import type { PicklistValue, PsaPicklists } from '../../../bff/contracts/model.js';
import { psaFieldLabels } from '../../../bff/contracts/vendor-field-labels.js';
import { VENDOR_LABELS, type PsaVendor } from '../../../bff/contracts/vendor-catalog.js';
import type { FieldErrors } from '../shared/form-state.js';
import type { TicketDraft } from './psa-wizard.types.js';

export function vanishedValueErrors(ticket: TicketDraft, lists: PsaPicklists, vendor: PsaVendor): FieldErrors {
  const errors: FieldErrors = {};
  const t = psaFieldLabels(vendor).ticket;
  const check = (path: string, id: string | null | undefined, list: PicklistValue[], label: string) => {
    if (id && !list.some((v) => v.id === id)) errors[path] = noLongerOfferedMessage(label, VENDOR_LABELS[vendor]);
  };
  check('ticket.categoryId', ticket.categoryId, lists.ticketCategory, t.categoryId);
  check('ticket.typeId', ticket.typeId, lists.ticketType, t.typeId);
  check('ticket.statusId', ticket.statusId, lists.ticketStatus, t.statusId);
  check('ticket.queueId', ticket.queueId, lists.queue, t.queueId);
  check('ticket.sourceId', ticket.sourceId, lists.source, t.sourceId);
  for (const severity of SEVERITIES) check(`ticket.priorityMap.${severity}`, ticket.priorityMap[severity], lists.priority, `priority for ${severity} alerts`);
  check('ticket.note.typeId', ticket.note.typeId, lists.noteType, t.noteTypeId);
  return errors;
}
