/**
 * @module The Kaseya BMS sandbox's checks on ticket and note input: the required fields of
 * TicketInputDto / TicketNotePostInputDto (a 400), then the tenant's rules (a 200 with
 * `success:false`): records must exist, be active and belong to the ticket's account.
 */
import type { BmsData, BmsTicket } from './kaseya-bms.seed.js';
import { dateField, field, intField, stringField } from './kaseya-bms-wire.sandbox.js';

/** A ticket as a client sends it: the stored ticket's writable fields, the open date optional. */
export type TicketInput = Pick<BmsTicket,
  'title' | 'details' | 'accountId' | 'locationId' | 'contactId' | 'statusId' | 'priorityId' | 'typeId' | 'sourceId'
  | 'queueId' | 'assigneeId' | 'issueTypeId' | 'subIssueTypeId' | 'contractId'> & { openDate: string | undefined };

export type Checked<T> =
  | { kind: 'ok'; input: T }
  | { kind: 'invalid'; errors: string[] }
  | { kind: 'rejected'; message: string };

const REQUIRED_IDS = ['AccountId', 'LocationId', 'StatusId', 'PriorityId', 'TypeId'] as const;
const OPTIONAL_IDS = ['ContactId', 'QueueId', 'AssigneeId', 'IssueTypeId', 'SubIssueTypeId', 'ContractId'] as const;

/** Checks a TicketInputDto (create), or the patched ticket (`existing` set: OpenDate may stay as it was). */
export function validateTicket(data: BmsData, body: unknown, existing: BmsTicket | null): Checked<TicketInput> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { kind: 'invalid', errors: ['A non-empty request body is required.'] };
  const errors: string[] = [];
  for (const name of ['Title', 'Details']) if (!stringField(body, name)?.trim()) errors.push(`The ${name} field is required.`);
  const ids: Record<string, number | null> = {};
  for (const name of REQUIRED_IDS) {
    const v = intField(body, name);
    if (v === undefined || v === null || v < 1) errors.push(`The field ${name} must be between 1 and 2147483647.`);
    else ids[name] = v;
  }
  const source = intField(body, 'SourceId');
  if (source === undefined || source === null) errors.push('The SourceId field is required.');
  for (const name of OPTIONAL_IDS) {
    const raw = field(body, name);
    const v = intField(body, name);
    if (raw !== undefined && raw !== null && (v === undefined || v === null || v < 1)) errors.push(`The field ${name} must be between 1 and 2147483647.`);
    ids[name] = v ?? null;
  }
  const openDate = dateField(body, 'OpenDate');
  if (!openDate && !existing) errors.push('The OpenDate field is required.');
  if (errors.length) return { kind: 'invalid', errors };

  const input: TicketInput = {
    title: stringField(body, 'Title')!.trim(), details: stringField(body, 'Details')!, accountId: ids.AccountId!,
    locationId: ids.LocationId!, contactId: ids.ContactId ?? null, statusId: ids.StatusId!, priorityId: ids.PriorityId!,
    typeId: ids.TypeId!, sourceId: source!, queueId: ids.QueueId ?? null, assigneeId: ids.AssigneeId ?? null,
    issueTypeId: ids.IssueTypeId ?? null, subIssueTypeId: ids.SubIssueTypeId ?? null, contractId: ids.ContractId ?? null,
    openDate: openDate ?? existing?.openDate,
  };
  const rejected = ticketRule(data, input);
  return rejected ? { kind: 'rejected', message: rejected } : { kind: 'ok', input };
}

function ticketRule(data: BmsData, t: TicketInput): string | null {
  const account = data.accountsById.get(t.accountId);
  if (!account || !account.isActive) return 'Account not found or inactive.';
  if (!account.locations.some((l) => l.id === t.locationId)) return 'The location does not belong to the selected account.';
  if (t.contactId !== null) {
    const contact = data.contactsByAccount.get(t.accountId)?.find((c) => c.id === t.contactId);
    if (!contact) return 'The contact does not belong to the selected account.';
    if (!contact.isActive) return 'The contact is inactive.';
  }
  if (!data.statuses.some((s) => s.id === t.statusId && s.isActive)) return 'Status not found.';
  if (!data.priorities.some((p) => p.id === t.priorityId)) return 'Priority not found.';
  if (!data.tables.TicketTypes?.some((v) => v.id === t.typeId && v.isActive)) return 'Ticket type not found.';
  if (!data.tables.TicketSources?.some((v) => v.id === t.sourceId && v.isActive)) return 'Ticket source not found.';
  if (t.queueId !== null && !data.queues.some((q) => q.id === t.queueId && q.isActive)) return 'Queue not found or inactive.';
  if (t.assigneeId !== null && !data.employees.some((e) => e.id === t.assigneeId)) return 'Assignee not found.';
  // ASSUMPTION (psa-apis.md B3, from client validation): a ticket must be routed to a queue or a person.
  if (t.queueId === null && t.assigneeId === null) return 'Either a queue or an assignee is required.';
  const issue = t.issueTypeId === null ? undefined : data.issueTypes.find((i) => i.id === t.issueTypeId && i.isActive);
  if (t.issueTypeId !== null && !issue) return 'Issue type not found.';
  if (t.subIssueTypeId !== null && !issue?.subTypes.some((s) => s.id === t.subIssueTypeId)) return 'The sub-issue type does not belong to the issue type.';
  if (t.contractId !== null) {
    const contract = data.contracts.find((k) => k.id === t.contractId);
    if (!contract || contract.accountId !== t.accountId) return 'The contract does not belong to the selected account.';
    if (!contract.isActive) return 'The contract is not active.';
  }
  return null;
}

export interface NoteInput { details: string; isInternal: boolean; typeId: number; noteDate: string }

export function validateNote(data: BmsData, body: unknown): Checked<NoteInput> & { statusId?: number } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { kind: 'invalid', errors: ['A non-empty request body is required.'] };
  const errors: string[] = [];
  const details = stringField(body, 'Details');
  if (!details?.trim()) errors.push('The Details field is required.');
  const isInternal = field(body, 'IsInternal');
  if (typeof isInternal !== 'boolean') errors.push('The IsInternal field is required.');
  const typeId = intField(body, 'TypeId');
  if (typeId === undefined || typeId === null || typeId < 0) errors.push('The TypeId field is required.');
  const noteDate = dateField(body, 'NoteDate');
  if (!noteDate) errors.push('The NoteDate field is required.');
  const statusId = intField(body, 'StatusId');
  if (errors.length) return { kind: 'invalid', errors };
  if (!data.tables.NoteTypes?.some((n) => n.id === typeId && n.isActive)) return { kind: 'rejected', message: 'Note type not found.' };
  if (statusId && !data.statuses.some((s) => s.id === statusId && s.isActive)) return { kind: 'rejected', message: 'Status not found.' };
  return { kind: 'ok', input: { details: details!, isInternal: isInternal as boolean, typeId: typeId!, noteDate: noteDate! }, statusId: statusId ?? undefined };
}
