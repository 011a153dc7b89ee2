/**
 * @module What each saved section of a PSA integration says, in a line or two per setting: the
 * Finish step's review and the edit mode's summary both show these, so they never disagree.
 */
import { SEVERITIES } from '../../../bff/contracts/psa-settings.js';
import type { PsaPicklists } from '../../../bff/contracts/model.js';
import { SEVERITY_LABEL } from './psa-wizard.copy.js';
import type { PsaWizardContext } from './psa-wizard.types.js';

import type { SummaryLine } from '../shared/section-summary.js';

export type { SummaryLine };

/** A chosen picklist value's label; its id while the lists load; "None" when nothing is chosen. */
function labelOf(picklists: PsaPicklists | null, list: keyof PsaPicklists, id: string | null): string {
  const values = picklists?.[list];
  return (id && Array.isArray(values) ? (values as Array<{ id: string; label: string }>).find((v) => v.id === id)?.label : undefined) ?? (id ? id : 'None');
}

export function accountMappingLines(c: PsaWizardContext): SummaryLine[] {
  const m = c.accountMapping;
  return [
    { term: 'Catch-All PSA Account', value: `${m.catchAllAccountName || '—'}${m.attachContacts && m.catchAllContactName ? ` (contact: ${m.catchAllContactName})` : ''}` },
    { term: 'Attach Contacts to Tickets on Creation', value: m.attachContacts ? 'On' : 'Off' },
    { term: 'Mapped organizations', value: `${m.mappings.filter((r) => r.organizationId).length}; ignored PSA accounts: ${m.mappings.filter((r) => r.ignored).length}` },
  ];
}

export function ticketLines(c: PsaWizardContext): SummaryLine[] {
  const label = (list: keyof PsaPicklists, id: string | null) => labelOf(c.picklists, list, id);
  return [
    { term: 'Ticket Subject', value: c.ticket.subjectTemplate },
    { term: 'Ticket Status / Queue', value: `${label('ticketStatus', c.ticket.statusId)} / ${label('queue', c.ticket.queueId)}` },
    { term: 'Alert Priority Mapping', value: SEVERITIES.map((s) => `${SEVERITY_LABEL[s]}: ${label('priority', c.ticket.priorityMap[s])}`).join(', ') },
  ];
}

export function contractLines(c: PsaWizardContext): SummaryLine[] {
  const k = c.contract;
  return [{
    term: 'Contracts',
    value: `${k.addContractsToTickets ? 'Added to tickets' : 'Not added to tickets'}; ${k.syncBillableUsers ? `billable users synced on day ${k.userSyncDay} to ${k.defaultServiceName ?? 'the default service'}` : 'billable users not synced'}`,
  }];
}
