/**
 * @module What each step of the PSA wizard lacks, as `path → message`: the BFF contracts' own zod
 * schemas (one schema, two enforcers) plus the rules only the wizard can see before saving (the
 * catch-all account's contacts). The machine's guards (through psa-wizard.guards.ts, where this
 * module registers its rules when the later steps' code loads it) and the elements' error display
 * both call `stepErrors`, so the template never restates a rule.
 */
import {
  accountMappingSchema, contractSettingsSchemaFor, newServiceSchema, NO_CONTACT_MESSAGE, OPTIONAL_BY_VENDOR_FIELDS, SEVERITIES, ticketSettingsSchema,
} from '../../../bff/contracts/psa-settings.js';
import type { PicklistKey, PsaPicklists } from '../../../bff/contracts/model.js';
import { psaFieldLabels } from '../../../bff/contracts/vendor-field-labels.js';
import { schemaErrors, type FieldErrors } from '../shared/form-state.js';
import type { PsaStep, PsaWizardContext } from './psa-wizard.types.js';
import { SEVERITY_LABEL, VENDOR_LABEL, serviceCopy } from './psa-wizard.copy.js';
import { vanishedValueErrors } from './psa-vanished-values.js';
import { credentialErrors, credentialsBlank, credentialsOptional, provideLaterStepRules } from './psa-wizard.guards.js';

export { credentialsBlank, credentialsOptional };

/** Ticket fields a vendor may lack, and the picklist that would offer each. */
const FIELD_LIST = { categoryId: 'ticketCategory', typeId: 'ticketType', queueId: 'queue', sourceId: 'source' } as const;

/** The ticket fields this vendor lacks (BMS has no ticket category); the step leaves them out. */
export function unsupportedTicketFields(picklists: PsaPicklists | null): Array<(typeof OPTIONAL_BY_VENDOR_FIELDS)[number]> {
  if (!picklists) return [];
  return OPTIONAL_BY_VENDOR_FIELDS.filter((field) => picklists.unsupported.includes(FIELD_LIST[field]));
}

/** "Create Service": the BFF's own schema (amounts may be typed text). */
export { newServiceSchema };

export const CHECKING_CONTACTS_MESSAGE = 'Checking the contacts of this account…';

/** Errors of one step's values, computed from scratch (cheap: sections are small; mapping rows are only the changed ones). */
export function stepErrors(step: PsaStep, context: PsaWizardContext): FieldErrors {
  switch (step) {
    case 'credentials':
      return credentialErrors(context);
    case 'account-mapping':
      return { ...catchAllContactErrors(context), ...schemaErrors(accountMappingSchema, context.accountMapping, 'accountMapping') };
    case 'service-parameters':
      if (!context.picklists) return { ticket: 'The PSA’s ticket values have not loaded yet.' };
      return {
        ...vanishedValueErrors(context.ticket, context.picklists, context.vendor),
        ...unusableErrors(context),
        ...schemaErrors(ticketSettingsSchema(unsupportedTicketFields(context.picklists), psaFieldLabels(context.vendor).ticket), context.ticket, 'ticket'),
        // Last: "Choose a Note Type" has no way on when the list is empty; this one says which.
        ...unreadableListErrors(context),
      };
    case 'contract-mapping':
      return schemaErrors(contractSettingsSchemaFor(psaFieldLabels(context.vendor).contract), context.contract, 'contract');
    case 'finish':
      return {};
  }
}

/** Each required select of step 3 and the picklist that fills it. */
function requiredLists(context: PsaWizardContext): Array<{ path: string; list: PicklistKey; label: string }> {
  const copy = serviceCopy(context.vendor);
  const unsupported = unsupportedTicketFields(context.picklists);
  const ticket = ([['categoryId', 'ticketCategory', copy.category], ['typeId', 'ticketType', copy.type], ['statusId', 'ticketStatus', copy.status],
    ['queueId', 'queue', copy.queue], ['sourceId', 'source', copy.source]] as const)
    .filter(([field]) => !(unsupported as readonly string[]).includes(field))
    .map(([field, list, label]) => ({ path: `ticket.${field}`, list, label }));
  return [
    ...ticket,
    ...SEVERITIES.map((s) => ({ path: `ticket.priorityMap.${s}`, list: 'priority' as const, label: copy.priorityFor(SEVERITY_LABEL[s]) })),
    { path: 'ticket.note.typeId', list: 'noteType', label: copy.noteType },
    { path: 'ticket.note.visibilityId', list: 'noteVisibility', label: copy.noteVisibility },
  ];
}

/**
 * The required lists the PSA gave no values for, whatever the vendor (one mechanism for all): each
 * field says which list could not be read and what the admin can do, from the first render on.
 */
export function unreadableLists(context: PsaWizardContext): Array<{ path: string; list: string; message: string }> {
  const lists = context.picklists;
  if (!lists) return [];
  const vendor = VENDOR_LABEL[context.vendor];
  return requiredLists(context)
    .filter(({ list }) => !lists[list].some((v) => v.isActive !== false))
    .map(({ path, list, label }) => {
      const name = list === 'priority' ? 'Priority' : label;
      return { path, list: name, message: serviceCopy(context.vendor).listUnreadable(vendor, name) };
    });
}

export function unreadableListErrors(context: PsaWizardContext): FieldErrors {
  return Object.fromEntries(unreadableLists(context).map(({ path, message }) => [path, message]));
}

/** A value the PSA lists but marks unusable (a HaloPSA ticket type whose mandatory fields have no default). */
function unusableErrors(context: PsaWizardContext): FieldErrors {
  const reason = context.picklists?.ticketType.find((t) => t.id === context.ticket.typeId)?.unusableReason;
  return reason ? { 'ticket.typeId': reason } : {};
}

/** The seeds' rule: with Attach Contacts on, the catch-all account must have a contact. */
function catchAllContactErrors(context: PsaWizardContext): FieldErrors {
  const { attachContacts, catchAllAccountId } = context.accountMapping;
  if (!attachContacts || !catchAllAccountId) return {};
  const checked = context.catchAllContacts;
  if (!checked || checked.accountId !== catchAllAccountId) {
    const failed = context.contactsProblem;
    return { 'accountMapping.catchAllAccountId': failed ? contactsFailedMessage(failed.detail ?? failed.title) : CHECKING_CONTACTS_MESSAGE };
  }
  return checked.contacts.length === 0 ? { 'accountMapping.catchAllAccountId': NO_CONTACT_MESSAGE } : {};
}

/**
 * The vendor's own sentence says what happened and what to do (it names the vendor once); an answer
 * without one gets "Choose Retry", the way on this field offers.
 */
export function contactsFailedMessage(reason: string): string {
  const sentence = /[.!?”]$/.test(reason.trim()) ? reason.trim() : `${reason.trim()}.`;
  return `The contacts of this account could not be loaded: ${sentence}${/try again/i.test(sentence) ? '' : ' Choose Retry.'}`;
}

export function isStepValid(step: PsaStep, context: PsaWizardContext): boolean {
  return Object.keys(stepErrors(step, context)).length === 0;
}

export function newServiceErrors(context: PsaWizardContext): FieldErrors {
  return schemaErrors(newServiceSchema, context.newService, 'newService');
}

provideLaterStepRules({ stepErrors, newServiceErrors });
