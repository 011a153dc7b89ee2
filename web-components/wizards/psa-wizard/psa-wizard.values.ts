/**
 * @module Value rules the machine applies when fields change or lists arrive: a new catch-all
 * account clears its old contact, a new board or issue type clears the values that hung under the
 * old one, an organization mapped to another account loses its contract, and the PSA's own default
 * values prefill the ticket defaults nobody chose yet; an organization's contract row takes its
 * service's cost and price when "Add Service to Contract" is ticked.
 */
import type { ContractMappingRow, ContractSettings } from '../../../bff/contracts/psa-settings.js';
import type { PicklistValue, PsaPicklists, PsaService } from '../../../bff/contracts/model.js';
import type { PsaWizardContext, TicketDraft } from './psa-wizard.types.js';
import { prefillDefaults, resetDependents, TICKET_DEFAULT_FIELDS } from './psa-ticket-dependencies.js';

/** Keeps dependent fields consistent after `paths` changed from `before` to `after`. */
export function applyDependents(before: PsaWizardContext, after: PsaWizardContext, paths: string[]): PsaWizardContext {
  let next = after;
  const changed = (path: string) => paths.includes(path);
  if (changed('accountMapping.catchAllAccountId') && !changed('accountMapping.catchAllContactId')
    && before.accountMapping.catchAllAccountId !== after.accountMapping.catchAllAccountId) {
    next = { ...next, accountMapping: { ...next.accountMapping, catchAllContactId: null, catchAllContactName: null } };
  }
  // A contract belongs to the account it was chosen under: an organization mapped to another account
  // (or unmapped) loses its contract row, which the BFF would refuse and the contract table no longer shows.
  if (changed('accountMapping.mappings')) {
    const was = accountsByOrganization(before);
    const now = accountsByOrganization(next);
    const kept = next.contract.mappings.filter((r) => now.has(r.organizationId) && now.get(r.organizationId) === was.get(r.organizationId));
    if (kept.length !== next.contract.mappings.length) next = { ...next, contract: { ...next.contract, mappings: kept } };
  }
  const lists = next.picklists;
  if (!lists) return next;
  // A new board (or issue type) clears what hung under the old one; psa-ticket-dependencies.ts.
  const ticketFields = TICKET_DEFAULT_FIELDS.filter((f) => paths.includes(`ticket.${f}`));
  for (const field of ticketFields) {
    if (before.ticket[field] === next.ticket[field]) continue;
    next = { ...next, ticket: resetDependents(next.ticket, lists, field, ticketFields) };
  }
  return next;
}

function accountsByOrganization(context: PsaWizardContext): Map<string, string> {
  return new Map(context.accountMapping.mappings.flatMap((m) => (m.organizationId ? [[m.organizationId, m.psaAccountId] as const] : [])));
}

/** Fills unchosen ticket and note defaults with the PSA's own default values (priorities stay a person's choice). */
export function prefillTicketDefaults(ticket: TicketDraft, lists: PsaPicklists): TicketDraft {
  const filled = prefillDefaults(ticket, lists);
  return {
    ...filled,
    note: {
      ...filled.note,
      typeId: filled.note.typeId ?? firstDefault(lists.noteType),
      visibilityId: filled.note.visibilityId ?? firstDefault(lists.noteVisibility),
    },
  };
}

const firstDefault = (values: PicklistValue[]) => values.find((v) => v.isDefault && v.isActive)?.id ?? null;

/** Active values as select options; a sub-issue list narrowed to one issue type. */
export function optionsOf(values: PicklistValue[], parentId?: string | null): Array<{ value: string; label: string }> {
  return values
    .filter((v) => v.isActive && (parentId === undefined || v.parentId === parentId))
    .map((v) => ({ value: v.id, label: v.label }));
}

/**
 * Seed 001: "The Cost and Price will be used as the defaults but can be overridden for each Customer
 * mapping". Ticking "Add Service to Contract" fills a blank cost or price from the row's own service,
 * else the Default Contract Service; amounts already there (typed overrides) stay.
 */
export function serviceAmountDefaults(row: Pick<ContractMappingRow, 'serviceId' | 'unitCost' | 'unitPrice'>, contract: Pick<ContractSettings, 'defaultServiceId'>,
  services: readonly PsaService[] | null): Pick<ContractMappingRow, 'unitCost' | 'unitPrice'> {
  const service = services?.find((s) => s.id === (row.serviceId ?? contract.defaultServiceId));
  return { unitCost: row.unitCost ?? service?.unitCost ?? null, unitPrice: row.unitPrice ?? service?.unitPrice ?? null };
}
