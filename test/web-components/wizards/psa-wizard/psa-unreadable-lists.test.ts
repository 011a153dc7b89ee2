/**
 * Issue 18 item 10: a required list the PSA refused or answered empty is named on its field, with
 * what the admin can do, for every vendor through one mechanism (psa-wizard.validation.ts).
 */
import { describe, expect, it } from 'vitest';
import type { PsaPicklists } from '../../../../bff/contracts/model.js';
import { stepErrors, unreadableLists } from '../../../../web-components/wizards/psa-wizard/psa-wizard.validation.js';
import type { PsaWizardContext } from '../../../../web-components/wizards/psa-wizard/psa-wizard.types.js';
import { BMS_PICKLISTS, PICKLISTS } from './psa-wizard.fakes.js';

const contextOf = (vendor: PsaWizardContext['vendor'], picklists: PsaPicklists) => ({
  vendor, picklists, ticket: { overrides: { alertTypes: [], respondRules: [], iocRules: [] }, priorityMap: {}, note: {} },
}) as unknown as PsaWizardContext;

describe('required lists that could not be read', () => {
  it('names the Kaseya BMS Note Type list and the way on, on the Note Type field', () => {
    const errors = stepErrors('service-parameters', contextOf('kaseya-bms', { ...BMS_PICKLISTS, noteType: [] }));
    expect(errors['ticket.note.typeId']).toBe('The Note Type list could not be read from Kaseya BMS: it came back refused or empty. '
      + 'In Kaseya BMS, add an active Note Type (or let the API user read them), then choose Read the lists again.');
  });

  it('uses the vendor’s own field words (ConnectWise’s Service Board), and a list of only inactive values counts as empty', () => {
    const inactive = PICKLISTS.queue.map((q) => ({ ...q, isActive: false }));
    const found = unreadableLists(contextOf('connectwise', { ...PICKLISTS, queue: inactive, priority: [] }));
    expect(found.map((f) => f.path)).toEqual(['ticket.queueId', ...['critical', 'high', 'medium', 'low', 'informational'].map((s) => `ticket.priorityMap.${s}`)]);
    expect(found[0]!.message).toContain('The Service Board list could not be read from ConnectWise PSA');
  });

  it('says nothing of a list the vendor lacks (BMS has no Ticket Category) or of full lists', () => {
    expect(unreadableLists(contextOf('kaseya-bms', BMS_PICKLISTS))).toEqual([]);
  });
});
