/**
 * Issue 17 item 7: every step-3/4 message names the field as the vendor's wizard labels it, with the
 * same words in the BFF's schema and in the wizard (one place holds them:
 * bff/contracts/vendor-field-labels.ts). The expected words are written out here, per vendor.
 */
import { describe, expect, it } from 'vitest';
import { contractSettingsSchemaFor, ticketSettingsSchema } from '../../../../bff/contracts/psa-settings.js';
import { psaFieldLabels } from '../../../../bff/contracts/vendor-field-labels.js';
import { USER_ACTIVITY_MESSAGES } from '../../../../bff/contracts/rmm-settings.js';
import { fieldsFromZod } from '../../../../bff/errors.js';
import type { PsaVendor } from '../../../../bff/contracts/vendor-catalog.js';
import type { PsaPicklists } from '../../../../bff/contracts/model.js';
import { contractCopy, serviceCopy } from '../../../../web-components/wizards/psa-wizard/psa-wizard.copy.js';
import { COPY as RMM_COPY } from '../../../../web-components/wizards/rmm-wizard/rmm-wizard.copy.js';
import { contactsFailedMessage, stepErrors, unsupportedTicketFields } from '../../../../web-components/wizards/psa-wizard/psa-wizard.validation.js';
import { EMPTY_CONTRACT, EMPTY_TICKET, type PsaWizardContext } from '../../../../web-components/wizards/psa-wizard/psa-wizard.types.js';
import { PICKLISTS } from './psa-wizard.fakes.js';

/** The lists each vendor lacks, as its adapter says (Autotask has all). */
const UNSUPPORTED: Record<PsaVendor, PsaPicklists['unsupported']> = {
  autotask: [], 'kaseya-bms': ['ticketCategory'], connectwise: ['ticketCategory'], halopsa: ['ticketCategory', 'source'],
};

/** What each wizard shows on steps 3 and 4 (field path → visible label) and the message each field gives empty. */
const WORDS: Record<PsaVendor, { labels: Record<string, string>; messages: Record<string, string> }> = {
  autotask: {
    labels: { 'ticket.categoryId': 'Ticket Category', 'ticket.queueId': 'Ticket Queue', 'ticket.typeId': 'Ticket Type', 'ticket.statusId': 'Ticket Status', 'ticket.sourceId': 'Ticket Source', 'ticket.note.typeId': 'Note Type', 'contract.defaultServiceId': 'Default Contract Service' },
    messages: {
      'ticket.categoryId': 'Choose a Ticket Category', 'ticket.queueId': 'Choose a Ticket Queue', 'ticket.typeId': 'Choose a Ticket Type', 'ticket.statusId': 'Choose a Ticket Status',
      'ticket.sourceId': 'Choose a Ticket Source', 'ticket.note.typeId': 'Choose a Note Type', 'ticket.note.visibilityId': 'Choose a Note Visibility',
      'ticket.overrides.alertTypes.0.issueTypeId': 'Choose an Issue Type',
      'contract.defaultServiceId': 'A Default Contract Service is required while Sync Billable Users to Contracts / Agreements is on',
      'contract.mappings.0.contractId': 'Choose a Contract',
      'contract.mappings.1.addService': 'Add Service to Contract needs a Default Contract Service: choose one above',
    },
  },
  'kaseya-bms': {
    labels: { 'ticket.queueId': 'Ticket Queue', 'ticket.typeId': 'Ticket Type', 'ticket.statusId': 'Ticket Status', 'contract.defaultServiceId': 'Default Contract Service' },
    messages: {
      'ticket.queueId': 'Choose a Ticket Queue', 'ticket.typeId': 'Choose a Ticket Type', 'ticket.statusId': 'Choose a Ticket Status',
      'ticket.sourceId': 'Choose a Ticket Source', 'ticket.note.typeId': 'Choose a Note Type', 'ticket.note.visibilityId': 'Choose a Note Visibility',
      'ticket.overrides.alertTypes.0.issueTypeId': 'Choose an Issue Type',
      'contract.defaultServiceId': 'A Default Contract Service is required while Sync Billable Users to Contracts / Agreements is on',
      'contract.mappings.0.contractId': 'Choose a Contract',
      'contract.mappings.1.addService': 'Add Service to Contract needs a Default Contract Service: choose one above',
    },
  },
  connectwise: {
    labels: { 'ticket.queueId': 'Service Board', 'ticket.typeId': 'Item', 'ticket.statusId': 'Status', 'ticket.sourceId': 'Source', 'contract.defaultServiceId': 'Default Addition (catalog product)', 'contract.syncBillableUsers': 'Sync Billable Users to Agreement Additions' },
    messages: {
      'ticket.queueId': 'Choose a Service Board', 'ticket.typeId': 'Choose an Item', 'ticket.statusId': 'Choose a Status',
      'ticket.sourceId': 'Choose a Source', 'ticket.note.typeId': 'Choose a Note Type (Discussion or Resolution)', 'ticket.note.visibilityId': 'Choose a Note Visibility',
      'ticket.overrides.alertTypes.0.issueTypeId': 'Choose a Type',
      'contract.defaultServiceId': 'A Default Addition (catalog product) is required while Sync Billable Users to Agreement Additions is on',
      'contract.mappings.0.contractId': 'Choose an Agreement',
      'contract.mappings.1.addService': 'Add Addition to Agreement needs a Default Addition (catalog product): choose one above',
    },
  },
  halopsa: {
    labels: { 'ticket.queueId': 'Team', 'ticket.typeId': 'Ticket Type', 'ticket.note.typeId': 'Outcome (note type)', 'contract.defaultServiceId': 'Default Contract Item' },
    messages: {
      'ticket.queueId': 'Choose a Team', 'ticket.typeId': 'Choose a Ticket Type', 'ticket.statusId': 'Choose a Ticket Status',
      'ticket.note.typeId': 'Choose an Outcome (note type)', 'ticket.note.visibilityId': 'Choose a Note Visibility',
      'ticket.overrides.alertTypes.0.issueTypeId': 'Choose a Category',
      'contract.defaultServiceId': 'A Default Contract Item is required while Sync Billable Users to Contracts / Agreements is on',
      'contract.mappings.0.contractId': 'Choose a Contract',
      'contract.mappings.1.addService': 'Add Item to Contract needs a Default Contract Item: choose one above',
    },
  },
};

const TICKET = { ...EMPTY_TICKET, overrides: { alertTypes: [{ key: 'at-1', keyName: 'Too Many Downloads', issueTypeId: '', subIssueTypeId: null }], respondRules: [], iocRules: [] } };
const CONTRACT = {
  ...EMPTY_CONTRACT, syncBillableUsers: true,
  mappings: [
    { organizationId: 'org-a', contractId: '', contractName: '', addService: false, serviceId: null, unitCost: null, unitPrice: null },
    { organizationId: 'org-b', contractId: 'k-1', contractName: 'Managed', addService: true, serviceId: null, unitCost: null, unitPrice: null },
  ],
};

function contextOf(vendor: PsaVendor): PsaWizardContext {
  const picklists = { ...PICKLISTS, unsupported: UNSUPPORTED[vendor] };
  return { vendor, picklists, ticket: TICKET, contract: CONTRACT } as unknown as PsaWizardContext;
}

/** The part of `errors` the table speaks of (priorities and the subject say the same for every vendor). */
const only = (errors: Record<string, string>, keys: string[]) => Object.fromEntries(Object.entries(errors).filter(([k]) => keys.includes(k)));

describe('step 3 and 4 messages in each PSA’s own field words', () => {
  for (const vendor of Object.keys(WORDS) as PsaVendor[]) {
    const { labels, messages } = WORDS[vendor];
    const ticketKeys = Object.keys(messages).filter((k) => k.startsWith('ticket.'));
    const contractKeys = Object.keys(messages).filter((k) => k.startsWith('contract.'));

    it(`${vendor}: the wizard’s field errors`, () => {
      const context = contextOf(vendor);
      expect(only(stepErrors('service-parameters', context), [...ticketKeys, 'ticket.categoryId', 'ticket.sourceId'])).toEqual(Object.fromEntries(ticketKeys.map((k) => [k, messages[k]])));
      expect(only(stepErrors('contract-mapping', context), contractKeys)).toEqual(Object.fromEntries(contractKeys.map((k) => [k, messages[k]])));
    });

    it(`${vendor}: the BFF’s problem+json field list (its zod schemas) gives the same words`, () => {
      const l = psaFieldLabels(vendor);
      const unsupported = unsupportedTicketFields({ ...PICKLISTS, unsupported: UNSUPPORTED[vendor] });
      const ticket = ticketSettingsSchema(unsupported, l.ticket).safeParse({ ...TICKET, categoryId: unsupported.includes('categoryId') ? null : '' });
      const contract = contractSettingsSchemaFor(l.contract).safeParse(CONTRACT);
      const fields = [...fieldsFromZod(ticket.error!).map((f) => [`ticket.${f.field}`, f.message]), ...fieldsFromZod(contract.error!).map((f) => [`contract.${f.field}`, f.message])];
      expect(only(Object.fromEntries(fields), Object.keys(messages))).toEqual(messages);
    });

    it(`${vendor}: the labels the wizard shows are the ones the messages name`, () => {
      const service = serviceCopy(vendor);
      const contract = contractCopy(vendor);
      const shown: Record<string, string> = {
        'ticket.categoryId': service.category, 'ticket.queueId': service.queue, 'ticket.typeId': service.type, 'ticket.statusId': service.status,
        'ticket.sourceId': service.source, 'ticket.note.typeId': service.noteType, 'contract.defaultServiceId': contract.defaultService, 'contract.syncBillableUsers': contract.sync,
      };
      for (const [path, label] of Object.entries(labels)) expect(shown[path], path).toBe(label);
      for (const [path, message] of Object.entries(messages)) {
        if (shown[path]) expect(message, path).toContain(shown[path]);
      }
    });
  }

  it('a saved value the PSA no longer lists is named as each vendor labels the field, in the BFF’s words', () => {
    const gone: Record<PsaVendor, string> = {
      autotask: 'The chosen Ticket Queue is no longer offered by Autotask (it may have been removed); choose again',
      'kaseya-bms': 'The chosen Ticket Queue is no longer offered by Kaseya BMS (it may have been removed); choose again',
      connectwise: 'The chosen Service Board is no longer offered by ConnectWise PSA (it may have been removed); choose again',
      halopsa: 'The chosen Team is no longer offered by HaloPSA (it may have been removed); choose again',
    };
    for (const vendor of Object.keys(gone) as PsaVendor[]) {
      const context = { ...contextOf(vendor), ticket: { ...TICKET, queueId: 'no-such-queue' } } as PsaWizardContext;
      expect(stepErrors('service-parameters', context)['ticket.queueId'], vendor).toBe(gone[vendor]);
    }
  });

  it('RMM: the user-activity organization’s message names the field each wizard shows', () => {
    expect(RMM_COPY.organizationLabel).toBe('Organization for this integration');
    expect(USER_ACTIVITY_MESSAGES['datto-rmm']).toBe('Select an organization for this integration');
    expect(RMM_COPY.userActivityLabel).toBe('User Activity Organization');
    expect(USER_ACTIVITY_MESSAGES.syncro).toBe('Select a User Activity Organization');
  });
});

describe('a vendor failure under a field is said once', () => {
  it('takes the vendor’s sentence as it is (no nested brackets, no second way on)', () => {
    expect(contactsFailedMessage('Kaseya BMS did not answer (HTTP 503). Try again in a few minutes; if it lasts, check Kaseya BMS’s status page.'))
      .toBe('The contacts of this account could not be loaded: Kaseya BMS did not answer (HTTP 503). Try again in a few minutes; if it lasts, check Kaseya BMS’s status page.');
    expect(contactsFailedMessage('Not found')).toBe('The contacts of this account could not be loaded: Not found. Choose Retry.');
  });
});
